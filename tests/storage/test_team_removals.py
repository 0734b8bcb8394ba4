"""Who an admin took off their side (`team_removals`, migration 0012): one row per person and workspace, the latest
removal kept, cleared when an admin puts them back, and gone with the workspace. On SQLite, and on PostgreSQL when
DATABASE_URL names one."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, select

from storage import teams as repo
from storage.db import Database
from storage.models import TeamRemoval, Workspace
from tests.conftest import NOW


def removals(db: Database) -> list[tuple[int, str, str, object]]:
    with db.transaction() as session:
        return [(r.workspace_id, r.user_id, r.removed_by, r.removed_at)
                for r in session.scalars(select(TeamRemoval).order_by(TeamRemoval.id))]


def test_the_latest_removal_is_kept_once_per_person_and_workspace(db: Database):
    later = NOW + timedelta(days=2)
    with db.transaction() as session:
        one, two = repo.workspace_id(session, "T1", NOW), repo.workspace_id(session, "T2", NOW)
        repo.mark_removed(session, one, "USAM", "UOLGA", NOW)
        repo.mark_removed(session, two, "USAM", "UOLGA", NOW)
    with db.transaction() as session:
        repo.mark_removed(session, one, "USAM", "UADAM", later)
    assert removals(db) == [(one, "USAM", "UADAM", later), (two, "USAM", "UOLGA", NOW)]
    with db.transaction() as session:
        assert repo.was_removed(session, one, "USAM") and repo.was_removed(session, two, "USAM")
        assert not repo.was_removed(session, one, "UIVAN")


def test_an_admin_putting_them_back_clears_it_in_that_workspace_only(db: Database):
    with db.transaction() as session:
        one, two = repo.workspace_id(session, "T1", NOW), repo.workspace_id(session, "T2", NOW)
        repo.mark_removed(session, one, "USAM", "UOLGA", NOW)
        repo.mark_removed(session, two, "USAM", "UOLGA", NOW)
    with db.transaction() as session:
        repo.clear_removal(session, one, "USAM")
        repo.clear_removal(session, one, "UNOBODY")  # nothing to clear: nothing happens
    with db.transaction() as session:
        assert not repo.was_removed(session, one, "USAM") and repo.was_removed(session, two, "USAM")


def test_removals_go_with_their_workspace(db: Database):
    with db.transaction() as session:
        workspace = repo.workspace_id(session, "T9", NOW)
        repo.mark_removed(session, workspace, "USAM", "UOLGA", NOW)
    with db.transaction() as session:
        session.execute(delete(Workspace).where(Workspace.id == workspace))
    assert removals(db) == []
