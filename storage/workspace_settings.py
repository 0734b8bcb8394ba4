"""Repository for each workspace's settings (`/alinea settings`). Functions over an open session."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.dialect import upsert
from storage.models import Workspace, WorkspaceSettings


def settings_of_team(session: Session, team_id: str) -> WorkspaceSettings | None:
    """The settings row of the workspace stored under `team_id`, without making the workspace's row (a read)."""
    query = select(WorkspaceSettings).join(Workspace, Workspace.id == WorkspaceSettings.workspace_id).where(
        Workspace.team_id == team_id)
    return session.scalar(query)


def settings(session: Session, workspace: int) -> WorkspaceSettings | None:
    """The workspace's settings row, or None when an admin never changed them."""
    return session.get(WorkspaceSettings, workspace)


def put(session: Session, workspace: int, **values: object) -> None:
    """Store the workspace's settings, in one statement (two admins saving at once: the later one stays)."""
    upsert(session, WorkspaceSettings, ("workspace_id",), workspace_id=workspace, **values)


def notices_off(session: Session, workspace: int) -> list[str] | None:
    """The kinds of DMs off for people of the workspace who never chose; None when no admin set them."""
    return session.scalar(select(WorkspaceSettings.notices_off).where(WorkspaceSettings.workspace_id == workspace))
