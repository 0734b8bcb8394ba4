"""Repository for people's notification preferences: which kinds of DMs each person turned off or on."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.dialect import upsert
from storage.models import NotificationPreference


def preferences(session: Session, workspace: int, user_id: str) -> dict[str, bool]:
    """The kinds the person chose, each on (True) or off (False); kinds not named were never chosen."""
    query = select(NotificationPreference.kind, NotificationPreference.enabled).where(
        NotificationPreference.workspace_id == workspace, NotificationPreference.user_id == user_id)
    return {kind: enabled for kind, enabled in session.execute(query)}


def enabled(session: Session, workspace: int, user_id: str, kind: str) -> bool | None:
    """What the person chose for one kind, or None when they never chose."""
    return session.scalar(select(NotificationPreference.enabled).where(
        NotificationPreference.workspace_id == workspace, NotificationPreference.user_id == user_id,
        NotificationPreference.kind == kind))


def choose(session: Session, workspace: int, user_id: str, kind: str, on: bool, now: datetime) -> None:
    """Turn one kind on or off for the person, in one statement."""
    upsert(session, NotificationPreference, ("workspace_id", "user_id", "kind"), workspace_id=workspace,
           user_id=user_id, kind=kind, enabled=on, updated_at=now)
