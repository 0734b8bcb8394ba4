"""The store: migrations match the models, times come back in UTC, transactions are all or nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select

from storage import teams as repo
from storage.db import Database
from storage.models import Base, Member, Workspace


def test_migrations_create_exactly_the_models(db: Database):
    with db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []
    assert db.revision() == db.head()


def test_upgrade_twice_is_harmless(db: Database):
    db.upgrade()
    db.upgrade()
    assert db.revision() == db.head()


def test_prepare_migrates_an_empty_sqlite_file(tmp_path):
    fresh = Database(f"sqlite:///{tmp_path / 'fresh.db'}")
    assert fresh.revision() is None
    fresh.prepare()
    assert fresh.revision() == fresh.head()
    fresh.dispose()


def test_times_are_stored_in_utc_and_come_back_aware(db: Database):
    mexico = timezone(timedelta(hours=-6))
    at = datetime(2026, 3, 8, 20, 30, tzinfo=mexico)
    with db.transaction() as session:
        repo.workspace_id(session, "T1", at)
    with db.transaction() as session:
        stored = session.scalar(select(Workspace.created_at))
    assert stored == at
    assert stored.tzinfo is not None and stored.utcoffset() == timedelta(0)
    assert stored.hour == 2  # 20:30 at UTC-6 is 02:30 UTC the next day


def test_naive_times_are_refused(db: Database):
    with pytest.raises(Exception, match="naive"), db.transaction() as session:
        repo.workspace_id(session, "T1", datetime(2026, 1, 1))


def test_a_failed_transaction_leaves_nothing(db: Database):
    now = datetime(2026, 1, 1, tzinfo=UTC)
    with pytest.raises(RuntimeError), db.transaction() as session:
        ws = repo.workspace_id(session, "T1", now)
        session.add(Member(workspace_id=ws, user_id="U1", side="it", role="member", joined_at=now, updated_at=now))
        session.flush()
        raise RuntimeError("boom")
    with db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Member)) == 0
        assert session.scalar(select(func.count()).select_from(Workspace)) == 0


def test_workspace_rows_are_created_once(db: Database):
    now = datetime(2026, 1, 1, tzinfo=UTC)
    with db.transaction() as session:
        first = repo.workspace_id(session, "T1", now)
        assert repo.workspace_id(session, "T1", now) == first
        assert repo.workspace_id(session, "T2", now) != first


def test_ping_tells_whether_the_store_answers(db: Database):
    assert db.ping() == "ok"
    assert Database("sqlite:////nonexistent/dir/alinea.db").ping() == "unreachable"
