"""What moved since four weeks (or rounds) ago, in words, through the real App: the leaders' weekly digest DMs open
with it (in each leader's language) and the channel's copy does not; a sync's agenda, posted at meeting time, opens
with it; and a trend that cannot be computed never stops either from going out."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.digest import posts as digest_posts
from bot.i18n import t
from bot.pulse.service import ROUND_OPEN_DAYS
from bot.recurrence import period_key
from bot.syncs import posts as sync_posts
from bot.syncs import service as syncs
from schedules import jobs
from tests.helpers import answer_pulse

WEEK = timedelta(days=ROUND_OPEN_DAYS)
TEAM = "T0ALINEA"
NARROWED_EN = "The pulse gap between the sides narrowed from *2* to *1* over 1 round"
NARROWED_ES = "La brecha del pulso entre los lados se redujo de *2* a *1* en 1 ronda"


def pulse_round(workspace, team, answers) -> None:
    assert "is out" in workspace.command(team["owner"], "/alinea pulse run").reply_text
    for name, score in answers:
        assert "You answered" in answer_pulse(workspace, team[name], score).reply_text


@pytest.fixture
def two_rounds(workspace, team, clock):
    """Two closed pulse rounds: a gap of 2 (marketing 4, IT 2), then of 1 (marketing 4, IT 3)."""
    pulse_round(workspace, team, [("m1", 4), ("m2", 5), ("m3", 3), ("i1", 2), ("i2", 3), ("i3", 1)])
    clock.advance(WEEK)
    pulse_round(workspace, team, [("m1", 4), ("m2", 4), ("m3", 4), ("i1", 3), ("i2", 3), ("i3", 3)])
    clock.advance(WEEK)


def digest_posted(workspace) -> dict[str, str]:
    return {c.args["channel"]: str(c.args["blocks"]) for c in workspace.slack.calls_to("chat.postMessage")
            if c.error is None and ("week of" in str(c.args.get("text")) or "semana del" in str(c.args.get("text")))}


def test_the_leaders_digest_opens_with_what_moved_in_their_language(workspace, team, clock, two_rounds):
    workspace.command(team["owner"], "/alinea team add @maria marketing leader")
    for leader in ("lea", "maria"):
        workspace.command(team[leader], "/digest subscribe")
    workspace.command(team["owner"], "/digest config mon 09:00 tz:UTC in:<#CLEADERS|leaders>")
    now = clock.now()
    assert digest_posts.send_week(workspace.deps, TEAM, now, now, pause=lambda s: None) == 3
    posts = digest_posted(workspace)
    assert NARROWED_EN in posts[team["lea"]] and t("en", "digest.trend.heading", weeks=4) in posts[team["lea"]]
    assert NARROWED_ES in posts[team["maria"]]
    assert "narrowed" not in posts["CLEADERS"] and t("en", "digest.trend.heading", weeks=4) not in posts["CLEADERS"]
    heads = [c.args["blocks"][2] for c in workspace.slack.calls_to("chat.postMessage")
             if c.args["channel"] == team["lea"] and "week of" in c.args["text"]]
    assert heads == [{"type": "header", "text": {"type": "plain_text", "emoji": True,
                                                 "text": t("en", "digest.trend.heading", weeks=4)}}]


def test_a_trend_that_fails_leaves_the_digest_whole(workspace, team, clock, two_rounds, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("the store is unwell")

    monkeypatch.setattr(digest_posts, "trend", broken)
    workspace.command(team["lea"], "/digest subscribe")
    now = clock.now()
    assert digest_posts.send_week(workspace.deps, TEAM, now, now, pause=lambda s: None) == 1
    shown = digest_posted(workspace)[team["lea"]]
    assert "Alignment pulse" in shown and "narrowed" not in shown
    assert "could not be computed" in caplog.text


def schedule_sync(workspace, team, clock):
    assert "Scheduled" in workspace.command(team["lea"], '/sync schedule "CMO–CIO sync" mon 09:00 with @adam').reply_text
    sync = syncs.get(workspace.deps.db, TEAM, 1, clock.now())
    return sync, sync.next_meeting(clock.now())


def agenda_posts(workspace) -> list[dict]:
    return [c.args for c in workspace.slack.calls_to("chat.postMessage")
            if c.error is None and "CMO–CIO sync" in str(c.args.get("text")) and "blocks" in c.args
            and any(b["type"] == "actions" for b in c.args["blocks"])]


def test_the_agenda_opens_with_what_moved(workspace, team, clock, two_rounds):
    sync, at = schedule_sync(workspace, team, clock)
    clock.set(at)
    jobs.sync_meeting(sync.id, period_key(at))
    [posted] = agenda_posts(workspace)
    blocks = posted["blocks"]
    assert blocks[2]["text"]["text"] == t("en", "digest.trend.heading", weeks=4)  # after the title and when
    assert blocks[3]["text"]["text"] == f"• {NARROWED_EN}"
    assert blocks[5]["type"] == "section" and t("en", "sync.agenda.topics") in blocks[5]["text"]["text"]


def test_a_trend_that_fails_leaves_the_agenda_whole(workspace, team, clock, two_rounds, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("the store is unwell")

    monkeypatch.setattr(sync_posts, "trend", broken)
    sync, at = schedule_sync(workspace, team, clock)
    clock.set(at)
    jobs.sync_meeting(sync.id, period_key(at))
    [posted] = agenda_posts(workspace)
    assert "narrowed" not in str(posted["blocks"]) and "could not be computed" in caplog.text
