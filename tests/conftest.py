"""Fixtures: a fresh store per test (SQLite, or PostgreSQL when DATABASE_URL is set), a fixed clock, and a
simulated workspace whose App talks to a fake Slack Web API on loopback."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.clock import FixedClock
from bot.simulator.workspace import SimulatedWorkspace
from storage.db import Database
from storage.models import Base
from tests.helpers import simulated_workspace

# Read once, then keep the developer's own settings out of every test.
TEST_DATABASE_URL = os.environ.get("DATABASE_URL", "")
_SETTINGS_PREFIXES = ("SLACK_", "ALINEA_", "DATABASE_URL", "PORT")

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)  # a Wednesday


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in list(os.environ):
        if name.startswith(_SETTINGS_PREFIXES):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)  # so no test reads a developer's .env or writes alinea.db into the repo


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A migrated store: on PostgreSQL the test database itself, on SQLite a file copied for each test."""
    if TEST_DATABASE_URL:
        db = Database(TEST_DATABASE_URL)
        db.upgrade()
        db.dispose()
        return TEST_DATABASE_URL
    path = tmp_path_factory.mktemp("template") / "template.db"
    db = Database(f"sqlite:///{path}")
    db.upgrade()
    db.dispose()
    return str(path)


def empty_store(migrated_template: str, path: Path) -> str:
    """A URL to an empty, migrated store: PostgreSQL's test database emptied, or the SQLite template copied to
    `path`. (On PostgreSQL there is one at a time.)"""
    if TEST_DATABASE_URL:
        db = Database(TEST_DATABASE_URL)
        tables = ", ".join(table.name for table in Base.metadata.sorted_tables)
        with db.engine.begin() as connection:
            connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        db.dispose()
        return TEST_DATABASE_URL
    shutil.copy(migrated_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def database_url(migrated_template: str, tmp_path: Path) -> str:
    """A URL to an empty, migrated store of the test's own."""
    return empty_store(migrated_template, tmp_path / "alinea-test.db")


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = Database(database_url)
    yield database
    database.dispose()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def workspace(database_url: str, clock: FixedClock) -> Iterator[SimulatedWorkspace]:
    """The real App with a fake Slack. After each test, every message and view it sent must have been
    valid Block Kit within Slack's limits."""
    yield from simulated_workspace(database_url, clock, alinea_timezone="America/Mexico_City")


@pytest.fixture
def people(workspace: SimulatedWorkspace) -> dict[str, str]:
    """A small company: an owner, an admin by setting-free Slack flag, and members in two languages."""
    return {
        "owner": workspace.add_person("olga", tz="America/Mexico_City", is_owner=True),
        "admin": workspace.add_person("adam", tz="Europe/Madrid", is_admin=True),
        "maria": workspace.add_person("maria", tz="America/Mexico_City", locale="es-LA"),
        "ivan": workspace.add_person("ivan", tz="Asia/Tokyo"),
        "sam": workspace.add_person("sam", tz="UTC"),
        "bot": workspace.add_person("helperbot", is_bot=True),
    }
