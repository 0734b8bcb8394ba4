"""The KPI listing every App Home, agenda and digest reads is kept per store and workspace, and read again whenever
a KPI or a value changed, wherever the change was made."""

from __future__ import annotations

from datetime import date

import pytest

from bot.kpis import service as kpis
from bot.kpis.parsing import parse_kpi
from bot.simulator.fake_slack import TEAM_ID
from storage.db import Database
from tests.helpers import seat


@pytest.fixture
def team(workspace, people):
    """Carla leads marketing; Sam is in marketing."""
    return seat(workspace, people, {"carla": "marketing leader", "sam": "marketing"})


def listed(db: Database, now) -> list[tuple[str, list[tuple[date, float]]]]:
    return [(k.slug, [(p.measured_on, p.value) for p in k.points]) for k in kpis.listing(db, TEAM_ID, now)]


def test_the_listing_is_read_again_after_each_kind_of_change(workspace, team, clock):
    db, now = workspace.deps.db, clock.now()
    today = workspace.deps.directory.actor(TEAM_ID, team["sam"]).today(now)
    assert listed(db, now) == []
    workspace.command(team["carla"], '/kpi define lcr "Lead conversion rate" target:3.5% owner:marketing')
    assert listed(db, now) == [("lcr", [])]
    assert listed(db, now) == listed(db, now)  # read twice, served once: still the same answer
    workspace.command(team["sam"], "/kpi log lcr 3.1%")
    assert listed(db, now) == [("lcr", [(today, 3.1)])]
    workspace.command(team["sam"], "/kpi log lcr 3.4%")  # the same day: replaces the value
    assert listed(db, now) == [("lcr", [(today, 3.4)])]
    workspace.command(team["carla"], "/kpi archive lcr")
    assert listed(db, now) == []
    workspace.command(team["carla"], '/kpi define lcr "Lead conversion rate" target:4% owner:marketing')
    assert listed(db, now) == [("lcr", [(today, 3.4)])]
    assert [k.target for k in kpis.listing(db, TEAM_ID, now)] == [4.0]


def test_a_change_made_by_another_process_is_seen(workspace, team, clock):
    db, now = workspace.deps.db, clock.now()
    workspace.command(team["carla"], '/kpi define lcr "Lead conversion rate" target:3.5% owner:marketing')
    workspace.command(team["sam"], "/kpi log lcr 3.1%")
    before = listed(db, now)
    other = Database(db.url)  # a replica: its own engine, its own kept listings
    try:
        sam = workspace.deps.directory.actor(TEAM_ID, team["sam"])
        entry = parse_kpi("log lcr 2.9% date:yesterday", sam.today(now))
        kpis.log(other, sam, entry, now)
        assert listed(other, now) == listed(db, now) != before
        assert [value for _day, value in listed(db, now)[0][1]] == [2.9, 3.1]
    finally:
        other.dispose()


def test_a_caller_changing_its_copy_leaves_the_kept_listing_alone(workspace, team, clock):
    db, now = workspace.deps.db, clock.now()
    workspace.command(team["carla"], '/kpi define lcr "Lead conversion rate" target:3.5% owner:marketing')
    kpis.listing(db, TEAM_ID, now).clear()
    assert [k.slug for k in kpis.listing(db, TEAM_ID, now)] == ["lcr"]
