"""Reads made of several queries (App Home, the digest, a sync's agenda) see one snapshot of the store: a change
committed by someone else half-way through the read shows up in the next read, never in half of this one."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

import pytest

from bot.digest import service as digest
from bot.home.service import home_for
from bot.people import Actor
from storage import asks as ask_repo
from storage import digest as digest_repo
from storage import kpis as kpi_repo
from storage import teams as team_repo
from storage.db import Database
from tests.conftest import NOW

TEAM = "T0SNAP"
ACTOR = Actor(team_id=TEAM, user_id="UMARIA", language="en", timezone="UTC", is_admin=True)


@pytest.fixture
def other(database_url: str) -> Iterator[Database]:
    """Someone else's connection to the same store."""
    database = Database(database_url)
    yield database
    database.dispose()


def add_kpi(db: Database, slug: str) -> None:
    with db.transaction() as session:
        kpi_repo.define(session, team_repo.workspace_id(session, TEAM, NOW), slug, "UOTHER", NOW, name=slug,
                        target=1.0, direction="up", owner="shared", cadence="weekly")


def commit_after(monkeypatch: pytest.MonkeyPatch, module: Any, name: str, change: Callable[[], None]) -> list[str]:
    """Make `module.name` commit `change` on another connection right after it has run, once."""
    original, done = getattr(module, name), []

    def patched(*args: Any, **kwargs: Any) -> Any:
        result = original(*args, **kwargs)
        if not done:
            change()
            done.append(name)
        return result

    monkeypatch.setattr(module, name, patched)
    return done


def test_app_home_reads_one_snapshot(db, other, monkeypatch):
    add_kpi(db, "mql")
    done = commit_after(monkeypatch, ask_repo, "open_asks_of", lambda: add_kpi(other, "uptime"))
    home = home_for(db, ACTOR, NOW)
    assert done == ["open_asks_of"]  # the other commit happened between the Home's first queries and its KPIs
    assert [k.slug for k in home.kpis] == ["mql"]
    assert [k.slug for k in home_for(db, ACTOR, NOW).kpis] == ["mql", "uptime"]


def test_the_digest_reads_one_snapshot(db, other, monkeypatch):
    add_kpi(db, "mql")
    done = commit_after(monkeypatch, digest_repo, "ask_tallies", lambda: add_kpi(other, "uptime"))
    start = date(2026, 11, 16)
    week = digest.compute(db, TEAM, start, start + timedelta(days=7), "UTC", NOW)
    assert done == ["ask_tallies"]
    assert [k.slug for k in week.kpis] == ["mql"]
    again = digest.compute(db, TEAM, start, start + timedelta(days=7), "UTC", NOW)
    assert [k.slug for k in again.kpis] == ["mql", "uptime"]


def test_a_snapshot_on_sqlite_leaves_the_write_lock_free(db, other):
    """A snapshot only reads: others can commit while it is open (a write transaction would make them wait)."""
    if not db.is_sqlite:
        pytest.skip("SQLite's own locking")
    add_kpi(db, "mql")
    with db.snapshot() as session:
        workspace = team_repo.workspace_id(session, TEAM, NOW)
        add_kpi(other, "uptime")  # would wait 30 seconds and fail if the snapshot held the write lock
        assert [k.slug for k in kpi_repo.active(session, workspace)] == ["mql"]
    with db.snapshot() as session:
        assert [k.slug for k in kpi_repo.active(session, workspace)] == ["mql", "uptime"]
