"""/digest through the real App: who subscribes, the private preview (leaders and admins only), the weekly send
called with a fixed clock (once per subscriber who still leads, and the channel), its configuration, and malformed
commands. Private means private: the pulse shows only a closed round with three answers a side (so nothing changes
when a colleague answers a live one), its comments only to leaders, and ratings only as totals over three, of a
week that is over."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.deps import build_deps
from bot.digest import posts as digest_posts
from bot.digest import service as digest_service
from bot.i18n import t
from bot.pulse.service import ROUND_OPEN_DAYS
from bot.recurrence import next_occurrence
from bot.simulator.workspace import Exchange, SimulatedWorkspace
from storage.models import DigestSubscriber, PulseAnswer
from tests.helpers import answer_pulse, digests_delivered, rows

WEEK = timedelta(days=ROUND_OPEN_DAYS)
SIX_ANSWERS = [("m1", 4), ("m2", 5), ("m3", 3), ("i1", 2), ("i2", 3), ("i3", 1)]  # marketing 4, IT 2: the gap is 2


def pulse_round(workspace: SimulatedWorkspace, team: dict[str, str], answers: list[tuple[str, int]]) -> None:
    """An admin runs a pulse round and these people answer it."""
    assert "is out" in workspace.command(team["owner"], "/alinea pulse run").reply_text
    for name, score in answers:
        assert "You answered" in answer_pulse(workspace, team[name], score).reply_text


def blocks_of(exchange: Exchange) -> list[dict]:
    [reply] = exchange.replies
    return reply["blocks"]


def part(exchange: Exchange, heading: str) -> str:
    """The texts of a preview between the header `heading` (its text) and the next header or the preview note."""
    blocks = blocks_of(exchange)[:-1]  # the preview note last
    start = next(i for i, b in enumerate(blocks) if b["type"] == "header" and b["text"]["text"] == heading)
    end = next((i for i in range(start + 1, len(blocks)) if blocks[i]["type"] == "header"), len(blocks))
    texts = []
    for block in blocks[start + 1:end]:
        texts += [block["text"]["text"]] if "text" in block else [e["text"] for e in block.get("elements", [])]
    return "\n".join(texts)


def pulse_part(exchange: Exchange, lang: str = "en") -> str:
    return part(exchange, t(lang, "digest.pulse.heading"))  # type: ignore[arg-type]


def ratings_part(exchange: Exchange, lang: str = "en") -> str:
    return ratings_in(blocks_of(exchange), lang)


def ratings_in(blocks: list[dict], lang: str) -> str:
    """The ratings' lines of a digest (the section under the asks that starts with a star)."""
    [found] = [b["text"]["text"] for b in blocks if b["type"] == "section"
               and b["text"]["text"].startswith(f":star: *{t(lang, 'digest.ratings.heading')}*")]  # type: ignore
    return found


@pytest.fixture
def spanish_leader(workspace, team):
    """María, whose Slack is in Spanish, leads marketing."""
    workspace.command(team["owner"], "/alinea team add @maria marketing leader")
    return team["maria"]


# --- who may preview -----------------------------------------------------------------------------------------------


def test_the_preview_is_for_leaders_and_admins_only_in_their_language(workspace, team):
    pulse_round(workspace, team, SIX_ANSWERS)
    for who in ("m1", "sam"):  # a member, and someone on no side
        refused = workspace.command(team[who], "/digest preview")
        assert refused.replies[0]["response_type"] == "ephemeral"
        assert ":warning: " + t("en", "error.digest_leaders_only") in refused.reply_text
        assert "week of" not in refused.reply_text
    refused = workspace.command(team["maria"], "/digest preview")  # on no side yet, and Spanish
    spanish = ":warning: Solo líderes y administradores pueden suscribirse al resumen, verlo antes o ver su tendencia."
    assert spanish in refused.reply_text
    for who in ("lea", "admin", "owner"):  # a leader, an admin and leader, the workspace's owner
        shown = workspace.command(team[who], "/digest preview")
        assert shown.replies[0]["response_type"] == "ephemeral", who
        assert "week of" in shown.reply_text and "only you can see this" in shown.reply_text.lower(), who


def test_subscribing_is_for_leaders_and_the_preview_is_private(workspace, team):
    assert "Only leaders and admins" in workspace.command(team["m1"], "/digest subscribe").reply_text
    assert "weekly digest by DM" in workspace.command(team["lea"], "/digest subscribe").reply_text
    preview = workspace.command(team["lea"], "/digest preview")
    assert preview.replies[0]["response_type"] == "ephemeral"
    assert "only you can see this" in preview.reply_text.lower()


# --- the pulse: closed rounds only ---------------------------------------------------------------------------------


def test_the_digest_shows_a_closed_round_only_with_three_answers_a_side(workspace, team, clock):
    pulse_round(workspace, team, [("m1", 4), ("m2", 5), ("i1", 2), ("i2", 3)])
    clock.advance(WEEK)  # round 1 closes with two answers a side
    hidden = workspace.command(team["lea"], "/digest preview")
    assert "Too few answers to show: results need at least 3 answers on each side." in pulse_part(hidden)
    assert "Round 1 (closed) · answers: Marketing 2 · IT 2" in pulse_part(hidden) and "/5" not in pulse_part(hidden)
    pulse_round(workspace, team, SIX_ANSWERS)
    assert "Round 1 (closed)" in pulse_part(workspace.command(team["lea"], "/digest preview"))  # round 2 is live
    clock.advance(WEEK)
    shown = pulse_part(workspace.command(team["lea"], "/digest preview"))
    # Marketing answered 4, 5 and 3 (average 4); IT 2, 3 and 1 (average 2): the gap is 2.
    assert "Round 2 (closed)" in shown and "Gap between the sides: *2*" in shown and "Too few" not in shown


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_live_round_never_shows_so_a_new_answer_changes_nothing(workspace, team, clock, spanish_leader, lang):
    leader = team["lea"] if lang == "en" else spanish_leader
    pulse_round(workspace, team, [("m1", 4), ("m2", 5), ("m3", 3), ("i1", 2), ("i2", 3)])
    before = workspace.command(leader, "/digest preview")
    assert "Gap" not in before.reply_text and "Brecha" not in before.reply_text
    assert pulse_part(before, lang) == f"_{t(lang, 'digest.pulse.none', count=7)}_"  # type: ignore[arg-type]
    answer_pulse(workspace, team["i3"], 1)  # the sixth answer: both sides have three now
    changed = answer_pulse(workspace, team["m1"], 5)  # and someone changes theirs
    assert "You answered 5" in changed.reply_text
    after = workspace.command(leader, "/digest preview")
    assert blocks_of(after) == blocks_of(before)  # nothing shown can be compared to work out an answer
    clock.advance(WEEK)  # the round closes: now it shows, and no answer can change it any more
    closed = workspace.command(leader, "/digest preview")
    gap = "Gap between the sides: *2.3*" if lang == "en" else "Brecha entre los lados: *2,3*"
    assert gap in pulse_part(closed, lang)  # marketing 5, 5, 3 (4.3); IT 2, 3, 1 (2)
    assert "has closed" in answer_pulse(workspace, team["i3"], 5).reply_text
    assert blocks_of(workspace.command(leader, "/digest preview")) == blocks_of(closed)


def test_a_closed_round_stays_shown_while_the_next_one_is_live(workspace, team, clock, spanish_leader):
    pulse_round(workspace, team, SIX_ANSWERS)
    clock.advance(timedelta(days=2))
    pulse_round(workspace, team, [("m1", 1), ("m2", 1), ("m3", 1), ("i1", 5), ("i2", 5)])  # round 2 closes round 1
    before = workspace.command(team["lea"], "/digest preview")
    assert "Round 1 (closed)" in pulse_part(before) and "Gap between the sides: *2*" in pulse_part(before)
    answer_pulse(workspace, team["i3"], 5)
    assert blocks_of(workspace.command(team["lea"], "/digest preview")) == blocks_of(before)
    clock.advance(WEEK)
    shown = workspace.command(spanish_leader, "/digest preview")
    assert "Ronda 2 (cerrada)" in pulse_part(shown, "es") and "Brecha entre los lados: *4*" in pulse_part(shown, "es")


def test_answers_after_a_round_closed_are_refused_and_change_nothing(workspace, team, clock, spanish_leader):
    pulse_round(workspace, team, SIX_ANSWERS[:5])
    clock.advance(WEEK)
    stored = [(a.side, a.score) for a in rows(workspace.deps.db, PulseAnswer)]
    late = answer_pulse(workspace, team["i3"], 1)
    assert late.replies[0]["replace_original"] is True
    assert ":lock: Pulse round 1 has closed, so this answer was not recorded. The next round will ask you again." \
        in late.reply_text
    assert "actions" not in {b["type"] for b in late.replies[0]["blocks"]}  # no buttons left to press
    changed = answer_pulse(workspace, team["m1"], 1)  # a change to a closed round's answer is refused too
    assert "has closed" in changed.reply_text
    spanish = answer_pulse(workspace, spanish_leader, 5)
    assert "La ronda 1 del pulso ya se cerró" in spanish.reply_text
    assert [(a.side, a.score) for a in rows(workspace.deps.db, PulseAnswer)] == stored


# --- the pulse's comments: to leaders, for closed rounds over the threshold -----------------------------------------


def comment(workspace: SimulatedWorkspace, user_id: str, text: str) -> Exchange:
    workspace.click(user_id, "Add a comment", channel=user_id)
    return workspace.submit(user_id, comment=text)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_comments_reach_leaders_for_closed_rounds_without_names(workspace, team, clock, spanish_leader, lang):
    leader = team["lea"] if lang == "en" else spanish_leader
    workspace.command(leader, "/digest subscribe")
    workspace.command(team["owner"], "/digest config mon 09:00 tz:UTC in:<#CLEADERS|leaders>")
    pulse_round(workspace, team, SIX_ANSWERS)
    comment(workspace, team["i3"], "Requests still get lost in email")
    comment(workspace, team["m2"], "The intake form <!channel> helps *a lot*")
    live = workspace.command(leader, "/digest preview")
    assert "Requests still get lost" not in live.reply_text  # a live round's comments never show
    clock.advance(WEEK)
    preview = workspace.command(leader, "/digest preview")
    shown = pulse_part(preview, lang)
    assert "“Requests still get lost in email”" in shown
    assert "“The intake form &lt;!channel&gt; helps *a lot*”" in shown  # as typed: it pings no one
    assert t(lang, "digest.pulse.comments", count=2) in shown  # type: ignore[arg-type]
    assert all(f"<@{team[n]}>" not in preview.reply_text for n in ("i3", "m2"))
    lines = [line for line in shown.splitlines() if "“" in line]
    assert sorted(lines) == ["• “Requests still get lost in email”",
                             "• “The intake form &lt;!channel&gt; helps *a lot*”"]
    # The weekly send: the leader's DM has them, the channel's copy does not.
    sent_at = clock.now() + timedelta(days=(7 - clock.now().weekday()) % 7 or 7)
    assert digest_posts.send_week(workspace.deps, "T0ALINEA", sent_at, sent_at, pause=lambda s: None) == 2
    posts = {c.args["channel"]: str(c.args["blocks"]) for c in workspace.slack.calls_to("chat.postMessage")
             if c.args["channel"] in (leader, "CLEADERS") and "blocks" in c.args and ":bar_chart:" in str(c.args)
             and "header" in str(c.args["blocks"])}
    assert "Requests still get lost in email" in posts[leader]
    assert "Gap between the sides: *2*" in posts["CLEADERS"] and "Requests still get lost" not in posts["CLEADERS"]


def test_comments_of_a_round_below_the_threshold_never_show(workspace, team, clock):
    pulse_round(workspace, team, [("m1", 4), ("m2", 5), ("i1", 2), ("i2", 3), ("i3", 1)])
    comment(workspace, team["m1"], "Only two of us answered on marketing")
    clock.advance(WEEK)
    preview = workspace.command(team["lea"], "/digest preview")
    assert "Too few answers" in pulse_part(preview) and "Only two of us" not in preview.reply_text


def test_a_comment_on_a_closed_round_is_refused(workspace, team, clock):
    pulse_round(workspace, team, SIX_ANSWERS)
    workspace.click(team["m1"], "Add a comment", channel=team["m1"])  # the modal opens while the round is live
    clock.advance(WEEK)
    late = workspace.submit(team["m1"], comment="Sent after the round closed")
    assert "Pulse round 1 has closed: it takes no more answers or comments." in late.body
    pressed = workspace.click(team["m2"], "Add a comment", channel=team["m2"])
    assert not pressed.to("views.open") and "has closed" in pressed.reply_text
    assert not any(a.comment for a in rows(workspace.deps.db, PulseAnswer))


# --- ratings: totals over three, of a week that is over --------------------------------------------------------------


def done_and_rated(workspace: SimulatedWorkspace, team: dict[str, str], requester: str, doer: str,
                   rating: int) -> None:
    """`requester` asks the other side, `doer` accepts and finishes it, and the requester rates it."""
    number = len(workspace.slack.calls_to("chat.postMessage"))  # only for a unique title
    created = workspace.command(team[requester], f"/ask Report {number} due:+3d").reply_text
    ref = created.split("*")[1]
    workspace.command(team[doer], f"/ask accept {ref}")
    workspace.command(team[doer], f"/ask done {ref}")
    assert f"You rated *{ref}* {rating}/5" in workspace.click(team[requester], str(rating), channel=team[requester])\
        .reply_text


def next_monday(clock) -> None:
    now = clock.now()
    clock.advance(timedelta(days=(7 - now.weekday()) % 7 or 7))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_single_rating_is_never_shown(workspace, team, clock, spanish_leader, lang):
    leader = team["lea"] if lang == "en" else spanish_leader
    done_and_rated(workspace, team, "m1", "i1", 1)
    for _ in range(2):  # the week it was given, and the week after, when that week is over
        shown = workspace.command(leader, "/digest preview")
        ratings = ratings_part(shown, lang)
        assert t(lang, "digest.ratings.too_few", minimum=3) in ratings  # type: ignore[arg-type]
        assert "/5" not in ratings and "1/5" not in shown.reply_text
        assert not any(word in shown.reply_text.lower() for word in ("one rating", "una sola", "1 rating"))
        next_monday(clock)
    workspace.command(leader, "/digest subscribe")
    sent_at = clock.now() - timedelta(days=7)  # the Monday after the rating's week
    digest_posts.send_week(workspace.deps, "T0ALINEA", sent_at, sent_at, pause=lambda s: None)
    [dm] = [c for c in workspace.slack.calls_to("chat.postMessage") if c.args["channel"] == leader
            and t(lang, "digest.ratings.heading") in str(c.args.get("blocks"))]  # type: ignore[arg-type]
    ratings = ratings_in(dm.args["blocks"], lang)
    assert t(lang, "digest.ratings.too_few", minimum=3) in ratings and "/5" not in ratings  # type: ignore[arg-type]


def test_ratings_show_as_a_total_over_three_once_their_week_is_over(workspace, team, clock):
    for requester, rating in [("m1", 5), ("m2", 4), ("m3", 4)]:
        done_and_rated(workspace, team, requester, "i1", rating)
    done_and_rated(workspace, team, "i2", "m1", 1)  # one rating the other way: no direction's figure shows
    this_week = workspace.command(team["lea"], "/digest preview")
    assert "Too few ratings to show" in ratings_part(this_week)  # the week is still going on
    done_and_rated(workspace, team, "i3", "m2", 2)  # differencing across a new rating reveals nothing
    assert ratings_part(workspace.command(team["lea"], "/digest preview")) == ratings_part(this_week)
    next_monday(clock)
    shown = ratings_part(workspace.command(team["lea"], "/digest preview"))
    assert "Rated *3.2*/5 over 5 ratings" in shown  # 5, 4, 4, 1 and 2
    assert "Marketing → IT:" not in shown and "IT → Marketing:" not in shown
    assert "the last full week" in shown


def test_the_weekly_send_reaches_each_subscriber_and_the_channel_once(workspace, team, clock):
    workspace.command(team["lea"], "/digest subscribe")
    workspace.command(team["admin"], "/digest subscribe")
    workspace.command(team["owner"], "/digest config mon 09:00 tz:UTC in:<#CLEADERS|leaders>")
    workspace.command(team["m1"], "/ask Landing page due:fri")
    when = clock.now() + timedelta(days=5)
    assert digest_posts.send_week(workspace.deps, "T0ALINEA", when, when, pause=lambda s: None) == 3
    assert digest_posts.send_week(workspace.deps, "T0ALINEA", when, when, pause=lambda s: None) == 0
    other = build_deps(workspace.deps.settings, clock=clock)  # a restarted or second process
    assert digest_posts.send_week(other, "T0ALINEA", when, when, pause=lambda s: None) == 0
    other.db.dispose()
    sent = [c.args["channel"] for c in workspace.slack.calls_to("chat.postMessage") if "week of" in c.args["text"]]
    assert sorted(sent) == sorted([team["lea"], team["admin"], "CLEADERS"])
    next_week = when + timedelta(weeks=1)
    assert digest_posts.send_week(workspace.deps, "T0ALINEA", next_week, next_week, pause=lambda s: None) == 3


def test_the_weekly_send_skips_subscribers_who_no_longer_lead(workspace, team, clock, spanish_leader):
    for who in ("lea", "maria", "admin"):  # two leaders, and an admin (who also leads marketing)
        workspace.command(team[who], "/digest subscribe")
    assert len(rows(workspace.deps.db, DigestSubscriber)) == 3
    workspace.command(team["owner"], "/alinea team add @lea it")  # Lea is a member now
    workspace.command(team["owner"], "/alinea team remove @maria")  # and María left the team
    when = clock.now() + timedelta(days=5)
    assert digest_posts.send_week(workspace.deps, "T0ALINEA", when, when, pause=lambda s: None) == 1
    assert digests_delivered(workspace) == {team["admin"]: 1}


def test_config_is_for_admins_and_plans_the_weekly_job(workspace, team, clock):
    assert "Only admins" in workspace.command(team["lea"], "/digest config mon 09:00").reply_text
    text = workspace.command(team["owner"], "/digest config fri 16:30 tz:America/Mexico_City").reply_text
    assert "The digest goes out weekly" in text
    [rhythm] = digest_service.settings_of(workspace.deps.db, clock.now())
    assert next_occurrence(rhythm.series, clock.now()).isoformat() == "2026-11-27T22:30:00+00:00"  # Friday 16:30


def test_malformed_digest_and_pulse_commands(workspace, team):
    for line, problem in [("/digest config someday 9:00", "is not a weekday"), ("/digest config mon 25:00", "time"),
                          ("/digest everything", "I don't know"), ("/alinea pulse", "config` or `run`"),
                          ("/alinea pulse config every:2w", "is missing")]:
        assert problem in workspace.command(team["owner"], line).reply_text, line
    assert "How to use /digest" in workspace.command(team["m1"], "/digest help").reply_text
