"""Each workspace's settings (`workspace_settings`, migration 0013): one row per workspace, read by team without
making the workspace's row, replaced whole, gone with the workspace; and the migration goes down and up again. On
SQLite, and on PostgreSQL when DATABASE_URL names one."""

from __future__ import annotations

from datetime import timedelta

from alembic import command
from alembic.config import Config
from sqlalchemy import delete, inspect, select

from storage import teams as team_repo
from storage import workspace_settings as repo
from storage.db import MIGRATIONS, Database
from storage.models import Workspace, WorkspaceSettings
from tests.conftest import NOW

VALUES = {"channel_id": "CALIGN01", "timezone": "Europe/Madrid", "language": "es", "reminder_minute": 510,
          "notices_off": ["team"], "updated_by": "UOLGA", "updated_at": NOW}


def alembic(db: Database) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = db.engine
    return config


def test_one_row_per_workspace_replaced_whole(db: Database):
    with db.transaction() as session:
        one, two = team_repo.workspace_id(session, "T1", NOW), team_repo.workspace_id(session, "T2", NOW)
        repo.put(session, one, **VALUES)
    with db.transaction() as session:
        repo.put(session, one, **VALUES | {"channel_id": None, "notices_off": [], "updated_at": NOW + timedelta(1)})
    with db.transaction() as session:
        found = repo.settings(session, one)
        assert found is not None and (found.channel_id, found.notices_off, found.updated_at) == (
            None, [], NOW + timedelta(1))
        assert repo.settings(session, two) is None
        assert repo.notices_off(session, one) == [] and repo.notices_off(session, two) is None


def test_read_by_team_without_making_the_workspace(db: Database):
    with db.transaction() as session:
        repo.put(session, team_repo.workspace_id(session, "T1", NOW), **VALUES)
    with db.snapshot() as session:
        found = repo.settings_of_team(session, "T1")
        assert found is not None and found.timezone == "Europe/Madrid"
        assert repo.settings_of_team(session, "TNEW") is None
    with db.transaction() as session:
        assert session.scalars(select(Workspace.team_id)).all() == ["T1"]


def test_settings_go_with_their_workspace(db: Database):
    with db.transaction() as session:
        workspace = team_repo.workspace_id(session, "T9", NOW)
        repo.put(session, workspace, **VALUES)
    with db.transaction() as session:
        session.execute(delete(Workspace).where(Workspace.id == workspace))
    with db.transaction() as session:
        assert session.scalars(select(WorkspaceSettings)).all() == []


def test_the_migration_goes_down_and_up_again(db: Database):
    with db.transaction() as session:
        repo.put(session, team_repo.workspace_id(session, "T1", NOW), **VALUES)
    command.downgrade(alembic(db), "0012")
    assert db.revision() == "0012"
    assert "workspace_settings" not in inspect(db.engine).get_table_names()
    command.upgrade(alembic(db), "0013")
    assert "workspace_settings" in inspect(db.engine).get_table_names()
    db.upgrade()
    assert db.revision() == db.head()
    with db.transaction() as session:
        assert session.scalars(select(WorkspaceSettings)).all() == []  # what was stored went with the table
