"""The daily commitment reminders (`send_reminders`), called with a fixed clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.commitments.posts import send_reminders
from bot.deps import build_deps
from tests.helpers import seat


@pytest.fixture
def team(workspace, people):
    return seat(workspace, people, {"sam": "marketing", "ivan": "it", "tom": "it"}, tom={"locale": "es-ES"})


THURSDAY_NINE = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)  # 09:00 for Sam and Tom, who live in UTC


def dms(workspace, user_id):
    return [c for c in workspace.slack.calls_to("chat.postMessage") if c.args["channel"] == user_id]


def test_each_owner_gets_one_dm_listing_what_is_due_within_a_day_or_overdue(workspace, team, clock):
    # Sam and Tom live in UTC, where it is Wednesday 2026-11-25.
    workspace.command(team["sam"], "/commit Due Wednesday due:today")
    workspace.command(team["sam"], "/commit Due Thursday due:tomorrow")
    workspace.command(team["sam"], "/commit Far away due:+2w")
    workspace.command(team["tom"], "/commit Due Friday due:fri")
    workspace.command(team["ivan"], "/commit Not yet due:2026-11-30")
    clock.set(datetime(2026, 11, 26, 9, 0, tzinfo=UTC))  # Thursday 09:00 where they live
    assert send_reminders(workspace.deps, clock.now()) == 2
    [sam] = dms(workspace, team["sam"])
    assert sam.args["text"] == "Your commitments: 1 overdue, 1 due today"
    text = str(sam.args["blocks"])
    assert "Due Wednesday" in text and "Due Thursday" in text and "Far away" not in text
    assert text.index("Due Wednesday") < text.index("Due Thursday")  # overdue first
    assert [b["accessory"]["text"]["text"] for b in sam.args["blocks"] if "accessory" in b] == ["Done"] * 2
    [tom] = dms(workspace, team["tom"])
    assert tom.args["text"] == "Tus compromisos: 1 vence mañana"
    assert dms(workspace, team["ivan"]) == []


def test_never_twice_the_same_day_even_from_a_second_scheduler(workspace, team, clock):
    workspace.command(team["sam"], "/commit Due tomorrow due:tomorrow")
    clock.set(THURSDAY_NINE)
    assert send_reminders(workspace.deps, clock.now()) == 1
    assert send_reminders(workspace.deps, clock.now() + timedelta(minutes=30)) == 0
    other = build_deps(workspace.deps.settings, clock=clock)  # another process on the same store
    assert send_reminders(other, clock.now()) == 0
    other.db.dispose()
    assert len(dms(workspace, team["sam"])) == 1
    assert send_reminders(workspace.deps, clock.now() + timedelta(days=1)) == 1  # a new day


def test_a_failed_send_is_retried_by_the_next_run_and_others_still_get_theirs(workspace, team, clock):
    workspace.command(team["sam"], "/commit Mine due:today")
    workspace.command(team["tom"], "/commit Yours due:today")
    # Each send is tried once: a 5xx may come after Slack posted, so the DM is looked for, not posted again blindly.
    workspace.slack.fail("chat.postMessage", status=500, times=2)
    clock.set(THURSDAY_NINE)
    assert send_reminders(workspace.deps, clock.now()) == 0
    assert send_reminders(workspace.deps, clock.now()) == 2
    delivered = [c for c in workspace.slack.calls_to("chat.postMessage") if c.error is None]
    assert sorted(c.args["channel"] for c in delivered) == sorted([team["sam"], team["tom"]])


def test_done_from_the_reminder(workspace, team, clock):
    workspace.command(team["sam"], "/commit Mine due:tomorrow")
    clock.set(THURSDAY_NINE)
    send_reminders(workspace.deps, clock.now())
    assert "kept" in workspace.click(team["sam"], "Done").reply_text
    assert send_reminders(workspace.deps, clock.now() + timedelta(days=1)) == 0
