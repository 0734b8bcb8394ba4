"""/ask, its buttons, modals and shortcut, through the real App against the fake Slack."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest

from bot.simulator import payloads
from bot.simulator.workspace import SimulatedWorkspace
from storage.models import Ask, AuditEntry, Commitment
from tests.helpers import count, rows, seat


@pytest.fixture
def team(workspace: SimulatedWorkspace, people: dict[str, str]) -> dict[str, str]:
    """María and Sam in marketing; Iván and Tom in IT; Lea leads IT."""
    return seat(workspace, people, {"maria": "mkt", "sam": "marketing", "ivan": "it", "tom": "ti", "lea": "it leader"})


def asks(workspace: SimulatedWorkspace) -> list[Ask]:
    return rows(workspace.deps.db, Ask, order_by=Ask.number)


def commitments(workspace: SimulatedWorkspace) -> list[Commitment]:
    return rows(workspace.deps.db, Commitment, order_by=Commitment.number)


def test_a_quick_ask_is_stored_posted_and_confirmed(workspace, team):
    exchange = workspace.command(team["sam"], "/ask Landing page for the spring launch due:fri !high #martech @tom")
    [ask] = asks(workspace)
    assert (ask.number, ask.requester_id, ask.from_side, ask.to_side) == (1, team["sam"], "marketing", "it")
    assert (ask.title, ask.owner_id, ask.priority, ask.category) == (
        "Landing page for the spring launch", team["tom"], "high", "martech")
    assert ask.due_date == date(2026, 11, 27)  # the Friday after Wednesday 2026-11-25
    assert (ask.status, ask.source) == ("open", "command")
    [post, dm] = exchange.to("chat.postMessage")
    assert post.args["channel"] == payloads.DEFAULT_CHANNEL  # typed there, and no ALINEA_CHANNEL
    assert dm.args["channel"] == team["tom"] and "named you its owner" in dm.args["text"]  # the named owner is told
    assert (ask.channel_id, ask.message_ts) == (post.result["channel"], post.result["ts"])
    buttons = [e["text"]["text"] for b in post.args["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert buttons == ["Accept", "Decline", "Done"]
    assert "Logged *A-1* for IT" in exchange.reply_text
    assert exchange.replies[0]["response_type"] == "ephemeral"


def test_asks_go_to_the_collaboration_channel_when_it_is_set(database_url, clock):
    workspace = SimulatedWorkspace(database_url, clock=clock, alinea_channel="CALIGN01")
    try:
        it = workspace.add_person("ivan")
        workspace.command(it, "/alinea join it")
        exchange = workspace.command(it, "/ask Brief for the data team", channel_id="CELSEWHERE")
        assert exchange.to("chat.postMessage")[0].args["channel"] == "CALIGN01"
        assert asks(workspace)[0].to_side == "marketing"
    finally:
        workspace.close()


def test_numbers_count_up_per_workspace_and_to_names_the_other_side(workspace, team):
    workspace.command(team["sam"], "/ask First")
    workspace.command(team["ivan"], "/ask Second to:mkt")
    workspace.command(team["sam"], "/ask Third to:it")
    assert [(a.number, a.to_side) for a in asks(workspace)] == [(1, "it"), (2, "marketing"), (3, "it")]


def test_people_on_no_side_are_told_to_join_and_nothing_is_written(workspace, team):
    before = count(workspace.deps.db, AuditEntry)
    exchange = workspace.command(team["admin"], "/ask Something")
    assert "Join a side first" in exchange.reply_text
    assert asks(workspace) == [] and count(workspace.deps.db, AuditEntry) == before


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("/ask due:fri", "An ask needs a title"),
        ("/ask Thing due:someday", "`someday` is not a date"),
        ("/ask Thing due:2020-01-01", "is in the past"),
        ("/ask Thing !asap", "`!asap` is not a priority"),
        ("/ask Thing #sales", "`#sales` is not a category"),
        ("/ask Thing to:finance", "`finance` is not a side"),
        ("/ask Thing due:fri due:mon", "can be given only once"),
        ("/ask show", "needs an ask ID"),
        ("/ask accept A-x", "needs an ask ID, like `A-12`"),
        ('/ask "unclosed', "A quote is left open"),
        ("/ask " + "x" * 151, "keep it to 150"),
    ],
)
def test_malformed_asks_get_the_problem_and_the_form_and_write_nothing(workspace, team, line, problem):
    exchange = workspace.command(team["sam"], line)
    assert problem in exchange.reply_text
    assert "/ask <title> [to:marketing|it]" in exchange.reply_text
    assert asks(workspace) == [] and exchange.to("chat.postMessage") == []


def test_help_shows_the_usage(workspace, team):
    assert "How to use /ask" in workspace.command(team["sam"], "/ask help").reply_text


def test_accepting_makes_the_accepter_owner_with_a_commitment(workspace, team):
    workspace.command(team["sam"], "/ask Landing page due:2026-12-04")
    exchange = workspace.click(team["ivan"], "Accept")
    [ask] = asks(workspace)
    assert (ask.status, ask.owner_id, ask.accepted_by) == ("accepted", team["ivan"], team["ivan"])
    [commitment] = commitments(workspace)
    assert (commitment.owner_id, commitment.side, commitment.due_date, commitment.ask_id, commitment.text) == (
        team["ivan"], "it", date(2026, 12, 4), ask.id, "Landing page")
    [update] = exchange.to("chat.update")
    assert (update.args["channel"], update.args["ts"]) == (ask.channel_id, ask.message_ts)
    [line] = [c for c in exchange.to("chat.postMessage") if c.args.get("thread_ts")]
    assert line.args["thread_ts"] == ask.message_ts and "accepted A-1" in line.args["text"]
    assert f"<@{team['sam']}>" in line.args["text"]  # the line names the requester
    assert "Your commitment *C-1* is due" in exchange.reply_text


def test_only_the_target_side_accepts_or_declines(workspace, team):
    workspace.command(team["sam"], "/ask Landing page due:fri")
    for line in ["/ask accept A-1", "/ask decline A-1 no time"]:
        assert "Only members of the IT side can accept or decline A-1" in workspace.command(team["sam"], line).reply_text
    spanish = workspace.command(team["maria"], "/ask accept A-1").reply_text
    assert "Solo integrantes del lado de TI pueden aceptar o rechazar A-1" in spanish
    assert asks(workspace)[0].status == "open" and commitments(workspace) == []


def test_an_ask_without_due_date_asks_for_one_when_accepted(workspace, team):
    workspace.command(team["sam"], "/ask Landing page")
    exchange = workspace.command(team["ivan"], "/ask accept A-1")
    assert "has no due date" in exchange.reply_text and commitments(workspace) == []
    exchange = workspace.click(team["ivan"], "Accept")
    [opened] = exchange.to("views.open")
    assert opened.args["view"]["callback_id"] == "ask_accept_due"
    past = workspace.submit(team["ivan"], due="2026-11-01")
    assert '"response_action": "errors"' in past.response.body and commitments(workspace) == []
    workspace.submit(team["ivan"], due="2026-12-09")
    assert commitments(workspace)[0].due_date == date(2026, 12, 9)
    assert asks(workspace)[0].due_date == date(2026, 12, 9)
    workspace.command(team["maria"], "/ask Second one")
    workspace.command(team["ivan"], "/ask accept A-2 due:+1w")
    assert asks(workspace)[1].owner_id == team["ivan"]


def test_two_people_pressing_accept_at_once_one_wins_the_other_is_told(workspace, team):
    for n in range(8):
        workspace.command(team["sam"], f"/ask Race {n} due:fri")
    for number in range(1, 9):
        results: dict[str, str] = {}

        def press(who: str, number: int = number, results: dict[str, str] = results) -> None:
            url = workspace.slack.response_url()
            workspace.dispatch(payloads.block_action("ask_accept", team[who], url, value=str(number)), payloads.FORM)
            results[who] = " ".join(call.args["text"] for call in workspace.slack.replies_to(url))

        threads = [threading.Thread(target=press, args=(who,)) for who in ("ivan", "tom")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        winners = [who for who, text in results.items() if "You accepted" in text]
        assert len(winners) == 1, results
        loser = "tom" if winners == ["ivan"] else "ivan"
        assert f"A-{number} was already accepted by <@{team[winners[0]]}>" in results[loser]
    assert len(commitments(workspace)) == 8
    assert {a.owner_id for a in asks(workspace)} <= {team["ivan"], team["tom"]}


def test_declining_needs_a_reason_and_shows_it(workspace, team):
    workspace.command(team["sam"], "/ask Landing page due:fri")
    assert "Say why you are declining" in workspace.command(team["ivan"], "/ask decline A-1").reply_text
    exchange = workspace.command(team["ivan"], "/ask decline A-1 We retired that CMS")
    [ask] = asks(workspace)
    assert (ask.status, ask.declined_by, ask.decline_reason) == ("declined", team["ivan"], "We retired that CMS")
    assert f"declined A-1 from <@{team['sam']}>: We retired that CMS" in exchange.to("chat.postMessage")[0].args["text"]
    again = workspace.command(team["tom"], "/ask decline A-1 me too")
    assert f"A-1 was already declined by <@{team['ivan']}>" in again.reply_text


def test_decline_button_opens_a_modal_for_the_reason(workspace, team):
    workspace.command(team["sam"], "/ask Landing page due:fri")
    workspace.click(team["tom"], "Decline")
    empty = workspace.submit(team["tom"], reason="   ")
    assert '"reason"' in empty.response.body and asks(workspace)[0].status == "open"
    done = workspace.submit(team["tom"], reason="Out of <scope> & budget")
    assert asks(workspace)[0].decline_reason == "Out of &lt;scope&gt; &amp; budget"  # stored as Slack escapes it
    assert "You declined *A-1*" in done.to("chat.postMessage")[-1].args["text"]  # a modal has no response_url


def test_done_closes_the_commitment_and_asks_the_requester_to_rate(workspace, team, clock):
    workspace.command(team["sam"], "/ask Landing page due:fri")
    workspace.click(team["ivan"], "Accept")
    exchange = workspace.command(team["ivan"], "/ask done A-1 live at /spring")
    [ask] = asks(workspace)
    assert (ask.status, ask.done_by, ask.done_note) == ("done", team["ivan"], "live at /spring")
    [commitment] = commitments(workspace)
    assert (commitment.status, commitment.kept) == ("done", True)
    [dm] = [c for c in exchange.to("chat.postMessage") if c.args["channel"] == team["sam"]]
    assert "Did it meet your need?" in dm.args["text"]
    assert f"<@{team['sam']}>" not in exchange.reply_text
    assert "rate" not in exchange.to("chat.update")[0].args["text"]
    assert "You rated *A-1* 4/5" in workspace.click(team["sam"], "4").reply_text
    workspace.click(team["sam"], "2")
    assert asks(workspace)[0].rating == 2


@pytest.mark.parametrize(("who", "said"), [("sam", "Your rating of A-1 is final"),
                                           ("maria", "Tu calificación de A-1 ya es definitiva")])
def test_a_rating_stays_in_its_week_and_is_final_after_ten_minutes(workspace, team, clock, who, said):
    """Changing a rating later would move it between the digest's weeks (or change a week that is over), and two
    previews could then be compared to work out one person's score."""
    workspace.command(team[who], "/ask Landing page due:fri")
    workspace.command(team["ivan"], "/ask accept A-1")
    workspace.command(team["ivan"], "/ask done A-1")
    workspace.click(team[who], "4")
    first = asks(workspace)[0].rated_at
    clock.advance(timedelta(minutes=9))
    workspace.click(team[who], "2")
    assert (asks(workspace)[0].rating, asks(workspace)[0].rated_at) == (2, first)  # changed, still counted then
    clock.advance(timedelta(minutes=2))
    assert said in workspace.click(team[who], "5").reply_text
    assert asks(workspace)[0].rating == 2


def test_only_the_requester_rates(workspace, team):
    workspace.command(team["sam"], "/ask Landing page due:fri")
    workspace.command(team["ivan"], "/ask accept A-1")
    workspace.command(team["ivan"], "/ask done A-1")
    body = payloads.block_action("ask_rate_5", team["ivan"], workspace.slack.response_url(), value="1:5")
    assert "Only the requester" in workspace.dispatch(body, payloads.FORM).reply_text
    assert asks(workspace)[0].rating is None


def test_a_late_done_makes_a_late_commitment(workspace, team, clock):
    workspace.command(team["sam"], "/ask Landing page due:fri")
    workspace.click(team["ivan"], "Accept")
    clock.advance(timedelta(days=5))
    workspace.click(team["ivan"], "Done")
    assert commitments(workspace)[0].kept is False


@pytest.mark.parametrize(("who", "allowed"), [("ivan", False), ("sam", True), ("lea", True), ("owner", True),
                                              ("tom", True)])
def test_who_may_mark_done(workspace, team, who, allowed):
    workspace.command(team["sam"], "/ask Landing page due:fri @tom")
    exchange = workspace.command(team[who], "/ask done A-1")
    assert (asks(workspace)[0].status == "done") is allowed
    if not allowed:
        assert "Only the owner, the requester" in exchange.reply_text


@pytest.mark.parametrize(("who", "allowed"), [("ivan", False), ("lea", False), ("sam", True), ("admin", True)])
def test_who_may_cancel(workspace, team, who, allowed):
    workspace.command(team["sam"], "/ask Landing page due:fri")
    workspace.command(team["tom"], "/ask accept A-1")
    exchange = workspace.command(team[who], "/ask cancel A-1")
    assert (asks(workspace)[0].status == "cancelled") is allowed
    assert (commitments(workspace)[0].status == "cancelled") is allowed
    if not allowed:
        assert "Only the requester" in exchange.reply_text


def test_unknown_asks_are_named(workspace, team):
    assert "There is no ask A-42" in workspace.command(team["ivan"], "/ask accept A-42 due:fri").reply_text


def test_lists_filter_and_page(workspace, team, clock):
    for n in range(23):
        workspace.command(team["sam" if n % 2 else "ivan"], f"/ask Ask number {n} due:2026-11-{26 + n % 4}")
    first = workspace.command(team["sam"], "/ask list")
    assert "Open asks (23)" in first.reply_text and "Showing 1–10 of 23" in first.reply_text
    assert first.reply_text.index("A-23") < first.reply_text.index("A-14")  # newest first
    second = workspace.click(team["sam"], "Next")
    assert "Showing 11–20 of 23" in second.reply_text and second.replies[0]["replace_original"] is True
    assert "Showing 1–10 of 23" in workspace.click(team["sam"], "Previous").reply_text
    assert "Your open asks (11)" in workspace.command(team["sam"], "/ask list mine").reply_text
    assert "(12)" in workspace.command(team["sam"], "/ask list to:marketing").reply_text
    clock.advance(timedelta(days=3))  # now 2026-11-28: asks due on the 26th and 27th are overdue
    assert "Overdue asks (12)" in workspace.command(team["sam"], "/ask list overdue").reply_text
    workspace.command(team["sam"], "/ask cancel A-2")
    assert "Open asks (22)" in workspace.command(team["sam"], "/ask list").reply_text
    assert "All asks (23)" in workspace.command(team["sam"], "/ask list all").reply_text


def test_show_has_the_card_and_its_history(workspace, team):
    workspace.command(team["sam"], "/ask Landing page due:fri")
    workspace.command(team["ivan"], "/ask accept A-1")
    exchange = workspace.command(team["tom"], "/ask show A-1")
    text = exchange.reply_text
    assert "*A-1 · Landing page*" in text and "Posted in <#CCOLLAB01>" in text
    assert text.index("logged it") < text.index("accepted it")
    workspace.command(team["tom"], "/ask list")
    assert "accepted it" in workspace.click(team["tom"], "Show").reply_text  # the list's Show button


def test_the_new_ask_modal_creates_an_ask_and_checks_its_fields(workspace, team):
    exchange = workspace.command(team["maria"], "/ask")
    [opened] = exchange.to("views.open")
    assert opened.args["trigger_id"] and opened.args["view"]["callback_id"] == "ask_new"
    assert "Nueva solicitud" in opened.args["view"]["title"]["text"]  # María reads Spanish
    bad = workspace.submit(team["maria"], title="Campaign dashboard", due="2026-11-20")
    assert '"due"' in bad.response.body and asks(workspace) == []
    bot = workspace.submit(team["maria"], title="Campaign dashboard", owner="@helperbot")
    assert '"owner"' in bot.response.body and asks(workspace) == []
    done = workspace.submit(team["maria"], title="Campaign <dashboard>", details="For the Q1 review",
                            due="2026-12-15", owner="@tom", priority="urgent", category="visualization")
    [ask] = asks(workspace)
    assert (ask.title, ask.details, ask.to_side, ask.owner_id, ask.priority, ask.category, ask.source) == (
        "Campaign &lt;dashboard&gt;", "For the Q1 review", "it", team["tom"], "urgent", "visualization", "modal")
    assert done.status == 200 and done.to("chat.postMessage")
    [confirmation] = done.to("chat.postEphemeral")
    assert confirmation.args["user"] == team["maria"] and "A-1" in confirmation.args["text"]


def test_log_as_ask_prefills_the_modal_with_the_message_and_its_link(workspace, team):
    message = {"type": "message", "ts": "1700000123.000400", "user": team["sam"],
               "text": "Can IT set up the webinar tool?\nWe need it before the 10th."}
    body = payloads.message_shortcut("log_ask", team["maria"], message, workspace.slack.response_url())
    exchange = workspace.dispatch(body, payloads.FORM)
    [opened] = exchange.to("views.open")
    inputs = {b["block_id"]: b["element"] for b in opened.args["view"]["blocks"] if b["type"] == "input"}
    assert inputs["title"]["initial_value"] == "Can IT set up the webinar tool?"
    assert inputs["details"]["initial_value"] == message["text"]
    workspace.submit(team["maria"])
    [ask] = asks(workspace)
    assert ask.source == "shortcut"
    assert ask.source_link == f"https://alinea-sample.slack.com/archives/{payloads.DEFAULT_CHANNEL}/p1700000123000400"


def test_an_ask_the_bot_cannot_post_is_kept_and_the_requester_is_told(workspace, team):
    workspace.slack.fail("chat.postMessage", error="not_in_channel")
    exchange = workspace.command(team["sam"], "/ask Landing page due:fri")
    [ask] = asks(workspace)
    assert ask.channel_id is None
    assert "couldn't post it" in exchange.reply_text and "/invite @Alinea" in exchange.reply_text
    workspace.command(team["ivan"], "/ask accept A-1")  # no message to update: still works
    assert asks(workspace)[0].status == "accepted"


def test_buttons_from_another_workspace_find_nothing(workspace, team):
    workspace.command(team["sam"], "/ask Landing page due:fri")
    body = payloads.block_action("ask_accept", team["ivan"], workspace.slack.response_url(), value="1",
                                 team_id="TOTHER")
    exchange = workspace.dispatch(body, payloads.FORM)
    assert exchange.status == 200 and "There is no ask A-1" in exchange.reply_text
    assert asks(workspace)[0].status == "open"


def test_it_asks_marketing_and_marketing_answers(workspace, team):
    workspace.command(team["ivan"], "/ask Copy for the status page due:+3d #storytelling")
    workspace.command(team["tom"], "/ask Sign-off on the cookie wording due:+1w")
    [first, second] = asks(workspace)
    assert (first.from_side, first.to_side, second.to_side) == ("it", "marketing", "marketing")
    assert "Only members of the Marketing side" in workspace.click(team["tom"], "Accept").reply_text
    workspace.command(team["sam"], "/ask accept A-1")
    workspace.command(team["maria"], "/ask decline A-2 Legal owns that wording")
    workspace.command(team["sam"], "/ask done A-1")
    [first, second] = asks(workspace)
    assert (first.status, first.owner_id, second.status) == ("done", team["sam"], "declined")
    assert [(c.owner_id, c.side, c.status, c.kept) for c in commitments(workspace)] == [
        (team["sam"], "marketing", "done", True)]
    assert any(c.args["channel"] == team["ivan"] for c in workspace.slack.calls_to("chat.postMessage")
               if "Did it meet your need?" in c.args["text"])
