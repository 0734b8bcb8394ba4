"""Simulated time: what the scheduler would have done while the console's clock moves, done in order, each once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.clock import FixedClock
from bot.simulator.clockwork import Clockwork
from bot.simulator.workspace import SimulatedWorkspace

START = datetime(2026, 11, 30, 14, 0, tzinfo=UTC)  # a Monday, 08:00 in Mexico City
MEXICO = "America/Mexico_City"


@pytest.fixture
def world(tmp_path):
    clock = FixedClock(START)
    workspace = SimulatedWorkspace(f"sqlite:///{tmp_path / 'c.db'}", clock=clock, alinea_timezone=MEXICO)
    yield workspace, clock
    workspace.close()


def test_steps_fall_on_whole_hours_and_are_no_longer_than_the_grace(world):
    workspace, clock = world
    clockwork = Clockwork(workspace.deps, clock)
    assert clockwork.step == timedelta(hours=1)
    assert clockwork._next_step(START + timedelta(minutes=20)) == START + timedelta(hours=1)
    assert Clockwork(workspace.deps, clock, step=timedelta(minutes=20)).step == timedelta(minutes=20)


def test_moments_come_in_order_and_the_clock_never_goes_back(world):
    workspace, clock = world
    seen: list[datetime] = []
    Clockwork(workspace.deps, clock).run_until(START + timedelta(hours=5, minutes=30), seen.append)
    assert seen == sorted(seen) and seen[0] == START and seen[-1] == START + timedelta(hours=5, minutes=30)
    assert clock.now() == seen[-1]
    Clockwork(workspace.deps, clock).run_until(START, seen.append)  # asked to go back: it stays, and looks once
    assert clock.now() == START + timedelta(hours=5, minutes=30)


def test_a_syncs_agenda_goes_at_its_time_and_its_reminders_a_day_before(world):
    workspace, clock = world
    ana = workspace.add_person("ana", tz=MEXICO, is_owner=True)
    workspace.add_person("bo", tz=MEXICO)
    workspace.command(ana, "/alinea team add @ana mkt leader")
    workspace.command(ana, '/sync schedule "Weekly" thu 10:00 with @bo')
    posts: list[tuple[datetime, str]] = []
    seen = workspace.slack.mark()

    def at_each(at: datetime) -> None:
        nonlocal seen
        calls = workspace.slack.since(seen)
        seen += len(calls)
        posts.extend((at, str(c.args.get("text", ""))) for c in calls if c.method == "chat.postMessage")

    Clockwork(workspace.deps, clock).run_until(START + timedelta(days=9, hours=3), at_each)  # Wed 9, 11:00
    thursday = datetime(2026, 12, 3, 16, 0, tzinfo=UTC)  # 10:00 in Mexico City
    agendas = [at for at, text in posts if text == "S-1 · Weekly"]
    reminders = [at for at, text in posts if "What should be on the agenda?" in text]
    assert agendas == [thursday]  # on the dot, once (the next is on the 10th)
    assert reminders == [thursday - timedelta(days=1)] * 2 + [thursday + timedelta(days=6)] * 2  # both, each week
