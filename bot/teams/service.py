"""Who is on which side. Each public function is one transaction and returns pydantic objects; the `*_in`
functions work inside another service's transaction."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.effects import once
from bot.errors import NotAllowed, NotFound
from bot.ids import Audit
from bot.people import Actor, Side
from bot.teams.models import AddResult, JoinResult, MemberInfo, Role
from storage import teams as repo
from storage.db import Database
from storage.models import Member


def member(db: Database, team_id: str, user_id: str, now: datetime) -> MemberInfo | None:
    """The person's side and role, or None when they are on no side."""
    with db.transaction() as session:
        return member_in(session, repo.workspace_id(session, team_id, now), user_id)


def member_in(session: Session, workspace: int, user_id: str) -> MemberInfo | None:
    found = repo.find_member(session, workspace, user_id)
    return MemberInfo.model_validate(found) if found else None


def require_member(session: Session, workspace: int, actor: Actor) -> MemberInfo:
    """The caller as a member of a side; refused when they are on none."""
    found = member_in(session, workspace, actor.user_id)
    if found is None:
        raise NotAllowed("error.join_a_side_first")
    return found


def is_leader_or_admin(session: Session, workspace: int, actor: Actor) -> bool:
    """Whether the caller may do what leaders do: an admin, or a member with the leader role."""
    if actor.is_admin:
        return True
    found = repo.find_member(session, workspace, actor.user_id)
    return found is not None and found.role == Role.LEADER.value


def join(db: Database, actor: Actor, side: Side, now: datetime, key: str | None = None) -> JoinResult:
    """Put the caller on a side, keeping their role if they move. Refused to someone an admin took off their side
    (`/alinea team remove`) until an admin adds them back; an admin may put themselves back."""

    def change(session: Session) -> JoinResult:
        workspace = repo.workspace_id(session, actor.team_id, now)
        repo.lock_workspace(session, workspace)  # a removal made meanwhile is seen, never undone by this join
        if repo.was_removed(session, workspace, actor.user_id):
            if not actor.is_admin:
                raise NotAllowed("error.removed_by_admin")
            repo.clear_removal(session, workspace, actor.user_id)
        found = repo.find_member(session, workspace, actor.user_id)
        previous = Side(found.side) if found else None
        row = _put(session, workspace, actor.user_id, side, Role(found.role) if found else Role.MEMBER, now)
        if previous is not side:
            repo.record(session, workspace, actor.user_id, Audit.MEMBER_JOIN, actor.user_id, now, side=side.value)
        return JoinResult(member=MemberInfo.model_validate(row), previous_side=previous)

    return once(db, key, JoinResult, change, now)


def add(db: Database, actor: Actor, user_id: str, side: Side, leader: bool, now: datetime,
        key: str | None = None) -> AddResult:
    """An admin puts someone on a side, as a leader or a member; someone an admin had taken off may rejoin and move
    by themselves again."""
    _require_admin(actor)
    role = Role.LEADER if leader else Role.MEMBER

    def change(session: Session) -> AddResult:
        workspace = repo.workspace_id(session, actor.team_id, now)
        found = repo.find_member(session, workspace, user_id)
        previous = (Side(found.side), Role(found.role)) if found else (None, None)
        row = _put(session, workspace, user_id, side, role, now)
        repo.clear_removal(session, workspace, user_id)
        repo.record(session, workspace, actor.user_id, Audit.MEMBER_ADD, user_id, now, side=side.value, role=role.value)
        return AddResult(member=MemberInfo.model_validate(row), previous_side=previous[0], previous_role=previous[1],
                         at=now)

    return once(db, key, AddResult, change, now)


def remove(db: Database, actor: Actor, user_id: str, now: datetime, key: str | None = None) -> None:
    """An admin takes someone off their side; they cannot rejoin by themselves until an admin adds them back."""
    _require_admin(actor)

    def change(session: Session) -> None:
        workspace = repo.workspace_id(session, actor.team_id, now)
        repo.lock_workspace(session, workspace)  # one at a time with joins (`join`)
        if not repo.delete_member(session, workspace, user_id):
            raise NotFound("error.not_a_member", user=user_id)
        repo.mark_removed(session, workspace, user_id, actor.user_id, now)
        repo.record(session, workspace, actor.user_id, Audit.MEMBER_REMOVE, user_id, now)

    return once(db, key, None, change, now)


def roster(db: Database, team_id: str, now: datetime) -> dict[Side, list[MemberInfo]]:
    """Both sides' members, leaders first."""
    with db.transaction() as session:
        rows = repo.members(session, repo.workspace_id(session, team_id, now))
        result: dict[Side, list[MemberInfo]] = {Side.MARKETING: [], Side.IT: []}
        for row in rows:
            result[Side(row.side)].append(MemberInfo.model_validate(row))
        return result


def team_ids(db: Database) -> list[str]:
    """Every workspace Alinea has seen, for jobs run by hand across all of them."""
    with db.transaction() as session:
        return [w.team_id for w in repo.all_workspaces(session)]


def _put(session: Session, workspace: int, user_id: str, side: Side, role: Role, now: datetime) -> Member:
    """The person on `side` with `role`: one row however many requests put them there at once."""
    repo.put_member(session, workspace, user_id, side.value, role.value, now)
    row = repo.find_member(session, workspace, user_id)
    assert row is not None
    session.refresh(row)
    return row


def _require_admin(actor: Actor) -> None:
    if not actor.is_admin:
        raise NotAllowed("error.admins_only")
