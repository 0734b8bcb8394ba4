"""Undo and reopen: an ask or a commitment closed by mistake comes back as it was (`/ask reopen`, `/commit reopen`, the
Undo button on the private confirmation, for ten minutes); `/ask withdraw` is a cancel; a requester never rates
their own ask; an ask goes to the other side; Done buttons say so once pressed. Through the real App."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.simulator import payloads
from bot.simulator.workspace import Exchange, SimulatedWorkspace
from schedules import jobs, runtime
from storage.models import Ask, AuditEntry, Commitment
from tests.helpers import count, rows, seat


@pytest.fixture
def team(workspace: SimulatedWorkspace, people: dict[str, str]) -> dict[str, str]:
    """María (Spanish) and Sam in marketing; Iván and Tom in IT, Lea leads IT."""
    seat(workspace, people, {"maria": "mkt", "sam": "marketing", "ivan": "it", "tom": "ti", "lea": "it leader"})
    runtime.install(workspace.deps)
    return people


def the_ask(workspace: SimulatedWorkspace) -> Ask:
    return rows(workspace.deps.db, Ask, order_by=Ask.number)[0]


def commitments(workspace: SimulatedWorkspace) -> list[Commitment]:
    return rows(workspace.deps.db, Commitment, order_by=Commitment.number)


def buttons(blocks: list[dict]) -> list[str]:
    found = []
    for block in blocks:
        if block.get("type") == "actions":
            found += [e["text"]["text"] for e in block["elements"]]
        if block.get("accessory", {}).get("type") == "button":
            found.append(block["accessory"]["text"]["text"])
    return found


def accepted_ask(workspace: SimulatedWorkspace, team: dict[str, str], requester: str = "sam") -> None:
    workspace.command(team[requester], "/ask Landing page due:fri")
    workspace.command(team["ivan"], "/ask accept A-1")


# --- /ask reopen -------------------------------------------------------------------------------------------------


def test_a_done_ask_reopens_accepted_with_its_commitment_and_its_card_updated_in_place(workspace, team):
    accepted_ask(workspace, team)
    workspace.command(team["ivan"], "/ask done A-1 shipped")
    workspace.click(team["sam"], "4")  # rated
    card_ts = the_ask(workspace).message_ts
    exchange = workspace.command(team["ivan"], "/ask reopen A-1 the form still fails")
    ask = the_ask(workspace)
    assert (ask.status, ask.owner_id, ask.done_at, ask.done_by, ask.done_note) == (
        "accepted", team["ivan"], None, None, None)
    assert (ask.rating, ask.rated_at) == (None, None)
    [commitment] = commitments(workspace)
    assert (commitment.status, commitment.kept, commitment.done_at) == ("open", None, None)
    [update] = exchange.to("chat.update")
    assert update.args["ts"] == card_ts and buttons(update.args["blocks"]) == ["Done", "Decline"]
    assert "Accepted" in str(update.args["blocks"])
    [line] = [c for c in exchange.to("chat.postMessage") if c.args.get("thread_ts") == card_ts]
    assert f"<@{team['ivan']}> reopened A-1 for <@{team['sam']}>: it is accepted again: the form still fails" in \
        line.args["text"]
    assert "*A-1* is accepted again. Its commitment *C-1* is open again." in exchange.reply_text
    assert "reopened it" in workspace.command(team["tom"], "/ask show A-1").reply_text


def test_a_reopened_done_ask_cannot_be_rated_until_it_is_done_again(workspace, team):
    accepted_ask(workspace, team)
    workspace.command(team["ivan"], "/ask done A-1")
    workspace.command(team["ivan"], "/ask reopen A-1")
    old_request = workspace.click(team["sam"], "5", channel=team["sam"])
    assert "A-1 is not done, so it can't be rated yet" in old_request.reply_text
    assert old_request.replies[0]["replace_original"] is True  # the question's buttons are gone
    assert the_ask(workspace).rating is None
    workspace.command(team["ivan"], "/ask done A-1")
    assert "You rated *A-1* 3/5" in workspace.click(team["sam"], "3", channel=team["sam"]).reply_text


@pytest.mark.parametrize("accepted_first", [False, True], ids=["was-open", "was-accepted"])
def test_a_declined_ask_comes_back_as_it_was(workspace, team, accepted_first):
    workspace.command(team["sam"], "/ask Landing page due:fri")
    if accepted_first:
        workspace.command(team["tom"], "/ask accept A-1")
    workspace.command(team["ivan"], "/ask decline A-1 no capacity")
    workspace.command(team["ivan"], "/ask reopen A-1")
    ask = the_ask(workspace)
    assert (ask.status, ask.declined_by, ask.decline_reason) == ("accepted" if accepted_first else "open", None, None)
    assert [c.status for c in commitments(workspace)] == (["open"] if accepted_first else [])


def test_a_cancelled_ask_comes_back_as_it_was(workspace, team):
    accepted_ask(workspace, team)
    workspace.command(team["sam"], "/ask cancel A-1")
    assert [c.status for c in commitments(workspace)] == ["cancelled"]
    workspace.command(team["sam"], "/ask reopen A-1")
    assert (the_ask(workspace).status, the_ask(workspace).cancelled_by) == ("accepted", None)
    assert [c.status for c in commitments(workspace)] == ["open"]


@pytest.mark.parametrize(("closing", "who", "allowed"), [
    ("/ask done A-1", "ivan", True), ("/ask done A-1", "sam", True), ("/ask done A-1", "lea", True),
    ("/ask done A-1", "tom", False), ("/ask done A-1", "maria", False),
    ("/ask decline A-1 no", "tom", True), ("/ask decline A-1 no", "sam", False),
    ("/ask cancel A-1", "sam", True), ("/ask cancel A-1", "admin", True), ("/ask cancel A-1", "ivan", False),
], ids=lambda v: v if isinstance(v, str) else None)
def test_whoever_may_close_an_ask_that_way_may_reopen_it(workspace, team, closing, who, allowed):
    accepted_ask(workspace, team)
    workspace.command(team["sam" if "cancel" in closing else "ivan"], closing)
    before = count(workspace.deps.db, AuditEntry)
    exchange = workspace.command(team[who], "/ask reopen A-1")
    assert (the_ask(workspace).status == "accepted") is allowed
    if not allowed:
        assert ("Only " in exchange.reply_text or "Solo " in exchange.reply_text)
        assert count(workspace.deps.db, AuditEntry) == before


def test_an_ask_that_is_not_closed_has_nothing_to_reopen(workspace, team):
    accepted_ask(workspace, team)
    assert "A-1 is not closed: there is nothing to reopen" in workspace.command(
        team["ivan"], "/ask reopen A-1").reply_text
    assert "A-1 no está cerrada" in workspace.command(team["maria"], "/ask reabrir A-1").reply_text


# --- the Undo button ---------------------------------------------------------------------------------------------


def test_undo_on_a_done_confirmation_reopens_it_and_says_so_in_place(workspace, team):
    accepted_ask(workspace, team)
    done = workspace.click(team["ivan"], "Done", channel=payloads.DEFAULT_CHANNEL)  # the card's button
    [confirmation] = done.replies
    assert buttons(confirmation["blocks"]) == ["Undo"] and "`/ask reopen A-1`" in done.reply_text
    undone = workspace.click(team["ivan"], "Undo")
    [replaced] = undone.replies
    assert replaced["replace_original"] is True and buttons(replaced["blocks"]) == []
    assert "*A-1* is accepted again" in undone.reply_text
    assert the_ask(workspace).status == "accepted" and commitments(workspace)[0].status == "open"
    assert undone.to("chat.update")  # the card, in place


def test_undo_expires_after_ten_minutes_and_points_to_reopen(workspace, team, clock):
    accepted_ask(workspace, team, requester="maria")
    workspace.command(team["maria"], "/ask withdraw A-1")
    clock.advance(timedelta(minutes=11))
    late = workspace.click(team["maria"], "Deshacer")
    [replaced] = late.replies
    assert replaced["replace_original"] is True and buttons(replaced["blocks"]) == []
    assert "Ya es tarde para deshacer" in late.reply_text and "`/ask reopen A-1`" in late.reply_text
    assert the_ask(workspace).status == "cancelled"
    workspace.command(team["maria"], "/ask reopen A-1")
    assert the_ask(workspace).status == "accepted"


def test_an_undo_of_an_older_closing_changes_nothing(workspace, team, clock):
    accepted_ask(workspace, team)
    workspace.command(team["ivan"], "/ask done A-1")
    first = [c for c in workspace.slack.calls_to("response_url") if "Undo" in str(c.args.get("blocks"))][-1]
    clock.advance(timedelta(minutes=1))
    workspace.command(team["ivan"], "/ask reopen A-1")
    clock.advance(timedelta(minutes=1))
    workspace.command(team["tom"], "/ask decline A-1 not ours after all")
    mark = workspace.slack.mark()
    from bot.simulator import payloads

    undo = next(e for b in first.args["blocks"] if b["type"] == "actions" for e in b["elements"])
    body = payloads.block_action("ask_undo", team["ivan"], workspace.slack.response_url(), value=undo["value"])
    stale = workspace.dispatch(body, payloads.FORM)
    assert "A-1 has changed since this message" in stale.reply_text
    assert the_ask(workspace).status == "declined" and not workspace.slack.since(mark)[0].method == "chat.update"


def test_undo_of_a_decline_made_in_the_modal_comes_in_the_dm(workspace, team):
    workspace.command(team["sam"], "/ask Landing page due:fri")
    workspace.click(team["tom"], "Decline")
    workspace.submit(team["tom"], reason="Out of scope")
    undone = workspace.click(team["tom"], "Undo", channel=team["tom"])
    assert "*A-1* is open again" in undone.reply_text and the_ask(workspace).status == "open"


# --- withdraw, ratings, sides ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("word", "who"), [("withdraw", "sam"), ("retirar", "maria")])
def test_withdraw_is_the_requesters_cancel_not_a_done(workspace, team, word, who):
    accepted_ask(workspace, team, requester=who)
    exchange = workspace.command(team[who], f"/ask {word} A-1")
    ask = the_ask(workspace)
    assert (ask.status, ask.cancelled_by, ask.done_at) == ("cancelled", team[who], None)
    assert commitments(workspace)[0].status == "cancelled"
    [line] = [c for c in exchange.to("chat.postMessage") if c.args.get("thread_ts")]
    assert f"<@{team[who]}> withdrew A-1." == line.args["text"]
    assert not [c for c in exchange.to("chat.postMessage") if c.args["channel"] == team[who]]  # no rating DM


def test_only_the_requester_or_an_admin_withdraws(workspace, team):
    accepted_ask(workspace, team)
    assert "Only the requester" in workspace.command(team["ivan"], "/ask withdraw A-1").reply_text
    assert the_ask(workspace).status == "accepted"


def test_a_requester_who_marks_their_own_ask_done_is_not_asked_to_rate_it(workspace, team):
    accepted_ask(workspace, team)
    exchange = workspace.command(team["sam"], "/ask done A-1")
    assert not [c for c in exchange.to("chat.postMessage") if c.args["channel"] == team["sam"]]
    assert "*A-1* is done." in exchange.reply_text and "I've asked the requester" not in exchange.reply_text
    assert "Did it meet your need?" not in str([c.args for c in workspace.slack.calls_to("chat.postMessage")])


def test_someone_else_marking_it_done_tells_the_requester_with_the_rating_question(workspace, team):
    accepted_ask(workspace, team)
    exchange = workspace.command(team["lea"], "/ask done A-1")  # a leader, not the owner
    [dm] = [c.args for c in exchange.to("chat.postMessage") if c.args["channel"] == team["sam"]]
    assert "Did it meet your need?" in dm["text"] and f"<@{team['lea']}> marked" in dm["text"]


@pytest.mark.parametrize(("who", "line", "said"), [
    ("sam", "/ask Landing page to:mkt", "Asks go to the other side: you are on Marketing, so ask IT (`to:it`"),
    ("maria", "/ask Página to:marketing", "Las solicitudes van al otro lado: estás en Mercadotecnia, así que "
                                          "pídesela a TI (`para:it`"),
    ("ivan", "/ask Servers to:ti", "you are on IT, so ask Marketing (`to:marketing`"),
])
def test_an_ask_to_ones_own_side_is_refused(workspace, team, who, line, said):
    exchange = workspace.command(team[who], line)
    assert said in exchange.reply_text
    assert rows(workspace.deps.db, Ask) == [] and exchange.to("chat.postMessage") == []


def test_the_modal_refuses_ones_own_side_under_its_input(workspace, team):
    workspace.command(team["sam"], "/ask")
    refused = workspace.submit(team["sam"], title="Landing page", to_side="marketing")
    assert '"to_side"' in refused.response.body and "Asks go to the other side" in refused.response.body
    assert rows(workspace.deps.db, Ask) == []
    workspace.submit(team["sam"], title="Landing page", to_side="it")
    assert the_ask(workspace).to_side == "it"


# --- /commit reopen and its Undo ---------------------------------------------------------------------------------


def test_a_commitment_reopens_by_command_and_by_undo(workspace, team, clock):
    workspace.command(team["ivan"], "/commit Ship the tracking plan due:fri")
    done = workspace.command(team["ivan"], "/commit done C-1")
    assert buttons(done.replies[0]["blocks"]) == ["Undo"] and "`/commit reopen C-1`" in done.reply_text
    undone = workspace.click(team["ivan"], "Undo")
    assert undone.replies[0]["replace_original"] is True and "*C-1* is open again" in undone.reply_text
    assert (commitments(workspace)[0].status, commitments(workspace)[0].kept) == ("open", None)
    workspace.command(team["ivan"], "/commit cancel C-1")
    clock.advance(timedelta(minutes=11))
    late = workspace.click(team["ivan"], "Undo")
    assert "Too late to undo" in late.reply_text and "`/commit reopen C-1`" in late.reply_text
    assert commitments(workspace)[0].status == "cancelled"
    assert "*C-1* is open again" in workspace.command(team["lea"], "/commit reopen C-1").reply_text
    assert commitments(workspace)[0].status == "open"
    assert "C-1 is open: there is nothing to reopen" in workspace.command(team["ivan"], "/commit reopen C-1").reply_text


def test_only_who_may_close_a_commitment_reopens_it(workspace, team):
    workspace.command(team["ivan"], "/commit Ship it due:fri")
    workspace.command(team["ivan"], "/commit done C-1")
    assert "Only its owner" in workspace.command(team["tom"], "/commit reopen C-1").reply_text
    assert commitments(workspace)[0].status == "done"


def test_the_commitment_of_a_closed_ask_comes_back_with_its_ask(workspace, team):
    accepted_ask(workspace, team)
    workspace.command(team["ivan"], "/ask done A-1")
    refused = workspace.command(team["ivan"], "/commit reopen C-1")
    assert "C-1 is for A-1, which is closed: reopen the ask with `/ask reopen A-1`" in refused.reply_text
    assert commitments(workspace)[0].status == "done"


# --- Done buttons that say so ------------------------------------------------------------------------------------


def test_done_in_a_list_shows_the_list_again_with_it_done_and_no_button(workspace, team):
    workspace.command(team["ivan"], "/commit Ship it due:fri")
    workspace.command(team["ivan"], "/commit Ship more due:+1w")
    workspace.command(team["ivan"], "/commit list")
    pressed = workspace.click(team["ivan"], "Done")
    [replaced] = pressed.replies
    assert replaced["replace_original"] is True
    assert buttons(replaced["blocks"]) == ["Done"]  # only C-2's is left
    assert "*C-1* · Ship it" in str(replaced["blocks"]) and "done on time: kept" in str(replaced["blocks"])
    assert "Your open commitments (1)" in pressed.reply_text
    assert [c.status for c in commitments(workspace)] == ["done", "open"]


def test_done_in_the_reminder_marks_that_row_done_in_place(workspace, team, clock):
    workspace.command(team["maria"], "/commit Brief due:tomorrow")
    workspace.command(team["maria"], "/commit Copy due:today")
    jobs.commitment_reminders()
    [reminder] = [c for c in workspace.slack.calls_to("chat.postMessage") if c.args["channel"] == team["maria"]]
    assert buttons(reminder.args["blocks"]) == ["Hecho", "Hecho"]
    pressed = workspace.click(team["maria"], "Hecho", channel=team["maria"])
    [replaced] = pressed.replies
    assert replaced["replace_original"] is True and buttons(replaced["blocks"]) == ["Hecho"]
    assert "hecho a tiempo: cumplido" in str(replaced["blocks"])
    done = [c.number for c in commitments(workspace) if c.status == "done"]
    assert len(done) == 1 and f"*C-{done[0]}*" in str(
        next(b for b in replaced["blocks"] if "cumplido" in str(b)))
    assert replaced["blocks"][0] == reminder.args["blocks"][0]  # the rest of the message is as it was


def test_a_done_button_pressed_where_the_message_is_not_at_hand_answers_privately(workspace, team):
    from bot.simulator import payloads

    workspace.command(team["ivan"], "/commit Ship it due:fri")
    body = payloads.block_action("commitment_done", team["ivan"], workspace.slack.response_url(), value="1")
    exchange: Exchange = workspace.dispatch(body, payloads.FORM)
    assert "done on time: kept" in exchange.reply_text and exchange.replies[0]["replace_original"] is False
