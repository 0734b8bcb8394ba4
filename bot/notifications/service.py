"""People's choices of DMs about changes, per workspace. Each public function is one transaction."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.effects import once
from bot.notifications.models import NoticeChoices, NoticeKind
from bot.people import Actor
from storage import notifications as repo
from storage import teams as team_repo
from storage import workspace_settings as workspace_repo
from storage.db import Database


def wanted(db: Database, team_id: str, user_id: str, kind: NoticeKind, now: datetime) -> bool:
    """Whether the person wants DMs of this kind in this workspace: as they chose, else as the workspace's admins
    set for people who never chose (`/alinea settings`: on unless turned off)."""
    with db.transaction() as session:
        workspace = team_repo.workspace_id(session, team_id, now)
        chosen = repo.enabled(session, workspace, user_id, kind.value)
        return _by_default(session, workspace).get(kind, True) if chosen is None else chosen


def choices(db: Database, actor: Actor, now: datetime) -> NoticeChoices:
    """Each kind, on or off, for the caller."""
    with db.transaction() as session:
        return _choices(session, team_repo.workspace_id(session, actor.team_id, now), actor.user_id)


def choose(db: Database, actor: Actor, kinds: list[NoticeKind], on: bool, now: datetime,
           key: str | None = None) -> NoticeChoices:
    """Turn these kinds on or off for the caller; returns every kind as it now is."""

    def change(session: Session) -> NoticeChoices:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        for kind in kinds:
            repo.choose(session, workspace, actor.user_id, kind.value, on, now)
        return _choices(session, workspace, actor.user_id)

    return once(db, key, NoticeChoices, change, now)


def _choices(session: Session, workspace: int, user_id: str) -> NoticeChoices:
    chosen = repo.preferences(session, workspace, user_id)
    default = _by_default(session, workspace)
    return NoticeChoices(on={kind: chosen.get(kind.value, default[kind]) for kind in NoticeKind})


def _by_default(session: Session, workspace: int) -> dict[NoticeKind, bool]:
    """Each kind, on or off, for people of the workspace who never chose: on unless an admin turned it off."""
    off = workspace_repo.notices_off(session, workspace) or []
    return {kind: kind.value not in off for kind in NoticeKind}
