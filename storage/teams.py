"""Repository for workspaces, members, who an admin took off a side, and the audit log. Functions over an open
session."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Table, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from storage.dialect import insert_or_ignore, upsert
from storage.models import SLACK_BOTS, SLACK_INSTALLATIONS, AuditEntry, Member, TeamRemoval, Workspace


def workspace_id(session: Session, team_id: str, now: datetime) -> int:
    """The workspace's row id, creating the row on first sight (safe when two requests race). Nearly every
    transaction starts here, and a workspace's row never changes id nor goes away, so ids already committed are
    kept per store; one this transaction made is not (it would be gone if the transaction rolled back)."""
    known = _ids.setdefault(session.get_bind(), {})
    if (found := known.get(team_id)) is not None:
        return found
    made: set[str] = session.info.setdefault("new_workspaces", set())
    found = session.scalar(select(Workspace.id).where(Workspace.team_id == team_id))
    if found is not None:
        if team_id not in made:
            known[team_id] = found
        return found
    made.add(team_id)
    insert_or_ignore(session, Workspace, team_id=team_id, created_at=now)
    return session.scalar(select(Workspace.id).where(Workspace.team_id == team_id))  # type: ignore[return-value]


# Committed workspace ids, per store (engine): team_id → id.
_ids: WeakKeyDictionary[object, dict[str, int]] = WeakKeyDictionary()


def find_member(session: Session, workspace: int, user_id: str) -> Member | None:
    return session.scalar(_FIND_MEMBER, {"workspace": workspace, "user": user_id})


_FIND_MEMBER = select(Member).where(Member.workspace_id == bindparam("workspace"), Member.user_id == bindparam("user"))


def put_member(session: Session, workspace: int, user_id: str, side: str, role: str, now: datetime) -> None:
    """Put someone on a side with a role; they keep the date they first joined."""
    insert_or_ignore(session, Member, workspace_id=workspace, user_id=user_id, side=side, role=role, joined_at=now,
                     updated_at=now)
    session.execute(update(Member).where(Member.workspace_id == workspace, Member.user_id == user_id)
                    .values(side=side, role=role, updated_at=now))


def lock_workspace(session: Session, workspace: int) -> None:
    """Hold the workspace's row until the transaction ends: changes that count what came before (a shadowing round's
    number and history) run one at a time. (SQLite's transactions already do.)"""
    session.execute(select(Workspace.id).where(Workspace.id == workspace).with_for_update())


def members(session: Session, workspace: int) -> list[Member]:
    """Everyone on a side, leaders first ('leader' sorts before 'member'), then by when they joined."""
    query = (
        select(Member)
        .where(Member.workspace_id == workspace)
        .order_by(Member.side, Member.role, Member.joined_at, Member.user_id)
    )
    return list(session.scalars(query))


def delete_member(session: Session, workspace: int, user_id: str) -> bool:
    result = session.execute(delete(Member).where(Member.workspace_id == workspace, Member.user_id == user_id))
    return result.rowcount > 0


def mark_removed(session: Session, workspace: int, user_id: str, removed_by: str, now: datetime) -> None:
    """Remember that an admin took this person off their side (the latest removal, when there were several)."""
    upsert(session, TeamRemoval, ("workspace_id", "user_id"), workspace_id=workspace, user_id=user_id,
           removed_by=removed_by, removed_at=now)


def was_removed(session: Session, workspace: int, user_id: str) -> bool:
    """Whether an admin took this person off their side and no admin has put them back."""
    found = session.scalar(select(TeamRemoval.id).where(TeamRemoval.workspace_id == workspace,
                                                         TeamRemoval.user_id == user_id))
    return found is not None


def clear_removal(session: Session, workspace: int, user_id: str) -> None:
    """An admin put the person back: they may join and move by themselves again."""
    session.execute(delete(TeamRemoval).where(TeamRemoval.workspace_id == workspace, TeamRemoval.user_id == user_id))


def record(
    session: Session, workspace: int, actor_id: str, action: str, subject: str, now: datetime, **detail: Any
) -> None:
    """Add a line to the audit log in the same transaction as the change it describes (one statement, now)."""
    session.execute(_ADD_AUDIT, {"workspace_id": workspace, "actor_id": actor_id, "action": action, "subject": subject,
                                 "detail": detail, "at": now})


_ADD_AUDIT = insert(AuditEntry.__table__)  # type: ignore[attr-defined]


def entries_about(session: Session, workspace: int, subject: str) -> list[AuditEntry]:
    """The audit lines about one thing (an ask, a commitment), oldest first."""
    query = (
        select(AuditEntry)
        .where(AuditEntry.workspace_id == workspace, AuditEntry.subject == subject)
        .order_by(AuditEntry.at, AuditEntry.id)
    )
    return list(session.scalars(query))


def all_workspaces(session: Session) -> list[Workspace]:
    return list(session.scalars(select(Workspace).order_by(Workspace.id)))


def team_id_of(session: Session, workspace: int) -> str:
    found = session.get(Workspace, workspace)
    if found is None:
        raise LookupError(f"no workspace {workspace}")
    return found.team_id


def mark_installed(session: Session, team_id: str, enterprise_id: str | None, org_wide: bool, now: datetime) -> None:
    """The app was installed (again) in the workspace or org `team_id`: its sends and jobs run."""
    workspace_id(session, team_id, now)
    session.execute(update(Workspace).where(Workspace.team_id == team_id)
                    .values(enterprise_id=enterprise_id, org_wide=org_wide, installed_at=now, uninstalled_at=None))


def mark_uninstalled(session: Session, team_id: str, now: datetime) -> bool:
    """The app was uninstalled from `team_id` or its bot token revoked: no send or job runs for it any more (its
    records stay). False when it was known to be uninstalled already."""
    workspace_id(session, team_id, now)
    done = session.execute(update(Workspace).where(Workspace.team_id == team_id, Workspace.uninstalled_at.is_(None))
                           .values(uninstalled_at=now))
    return bool(done.rowcount)  # type: ignore[attr-defined]


def uninstalled_ids(session: Session) -> set[str]:
    """The workspaces (and orgs) the app was uninstalled from."""
    return set(session.scalars(select(Workspace.team_id).where(Workspace.uninstalled_at.is_not(None))))


def find_workspace(session: Session, team_id: str) -> Workspace | None:
    return session.scalar(select(Workspace).where(Workspace.team_id == team_id))


def delete_tokens(session: Session, team_id: str) -> int:
    """Delete the installations and bot tokens kept for the workspace or org `team_id` (slack_sdk's store tables);
    how many bots there were."""
    found = find_workspace(session, team_id)
    org_wide = found is not None and found.org_wide

    def whose(table: Table) -> list[Any]:  # an org's rows name it and no team
        return [table.c.enterprise_id == team_id, table.c.team_id.is_(None)] if org_wide else [table.c.team_id == team_id]

    bots = session.execute(delete(SLACK_BOTS).where(*whose(SLACK_BOTS))).rowcount  # type: ignore[attr-defined]
    session.execute(delete(SLACK_INSTALLATIONS).where(*whose(SLACK_INSTALLATIONS)))
    return int(bots)


def forget_workspace(session: Session, team_id: str) -> bool:
    """Delete everything kept of the workspace or org `team_id` in the store: its records (every table hangs off its
    row) and its installation's tokens. False when nothing was known of it. (Its recorded requests are the intake's:
    `IntakeStore.forget_team`.)"""
    tokens = delete_tokens(session, team_id)
    rows = session.execute(delete(Workspace).where(Workspace.team_id == team_id)).rowcount  # type: ignore[attr-defined]
    known = _ids.get(session.get_bind())
    if known is not None:
        known.pop(team_id, None)
    return bool(rows or tokens)
