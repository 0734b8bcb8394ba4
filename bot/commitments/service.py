"""Commitments: someone's promise to do something by a date. Each public function is one transaction and returns
pydantic objects; the functions taking a session work inside an ask's or a sync's transaction."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from bot.commitments.models import (
    TEXT_LIMIT,
    CommitmentFilter,
    CommitmentInfo,
    CommitmentList,
    CommitmentStatus,
    NewCommitment,
    Reminder,
)
from bot.effects import once
from bot.errors import Conflict, NotAllowed, NotFound
from bot.ids import Audit, ask_ref, commitment_ref
from bot.people import Actor, Side
from bot.teams.service import is_leader_or_admin, require_member
from storage import asks as repo
from storage import teams as team_repo
from storage.db import Database
from storage.models import Ask, Commitment

LIST_LIMIT = 25


def create(db: Database, actor: Actor, draft: NewCommitment, now: datetime, key: str | None = None) -> CommitmentInfo:
    """The caller commits to something by a date, maybe for an ask."""

    def change(session: Session) -> CommitmentInfo:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        member = require_member(session, workspace, actor)
        ask = None
        if draft.ask_number is not None:
            ask = repo.find_ask(session, workspace, draft.ask_number)
            if ask is None:
                raise NotFound("error.ask_not_found", ref=ask_ref(draft.ask_number))
        row = _insert(session, workspace, actor.user_id, member.side, draft.text.strip(), draft.due, ask,
                      actor.user_id, now)
        return _info(row, draft.ask_number)

    return once(db, key, CommitmentInfo, change, now, subject=lambda item: item.ref)


def open_for_ask(session: Session, workspace: int, owner_id: str, side: Side, ask: Ask, due: date,
                 now: datetime) -> CommitmentInfo:
    """The commitment an accepted ask creates, inside the accepting transaction."""
    return _info(_insert(session, workspace, owner_id, side, ask.title, due, ask, owner_id, now), ask.number)


def for_sync(session: Session, workspace: int, owner_id: str, side: Side, text: str, due: date, sync_id: int,
             created_by: str, now: datetime) -> CommitmentInfo:
    """A commitment recorded in a sync's outcome, inside that transaction."""
    row = _insert(session, workspace, owner_id, side, text, due, None, created_by, now)
    row.sync_id = sync_id
    return _info(row, None)


def close_for_ask(session: Session, ask_id: int, kept_on: date | None, now: datetime) -> None:
    """When an ask closes, its open commitment closes too: done (on `kept_on`) or cancelled (None)."""
    commitment = repo.commitment_for_ask(session, ask_id)
    if commitment is None:
        return
    if kept_on is None:
        values = {"status": CommitmentStatus.CANCELLED.value, "cancelled_at": now, "updated_at": now}
    else:
        values = {"status": CommitmentStatus.DONE.value, "done_at": now, "updated_at": now,
                  "kept": kept_on <= commitment.due_date}
    repo.transition(session, Commitment, commitment.id, [CommitmentStatus.OPEN.value], values)


def done(db: Database, actor: Actor, number: int, today: date, now: datetime,
         key: str | None = None) -> CommitmentInfo:
    """Mark a commitment done: kept if `today` (the caller's date) is on or before its due date."""

    def change(session: Session) -> CommitmentInfo:
        workspace, row = _commitment_for_change(session, actor, number, now)
        _transition(session, row, CommitmentStatus.DONE, now, done_at=now, kept=today <= row.due_date)
        team_repo.record(session, workspace, actor.user_id, Audit.COMMITMENT_DONE, commitment_ref(number), now,
                         kept=row.kept)
        return _info(row, repo.ask_number_of(session, row))

    return once(db, key, CommitmentInfo, change, now, subject=lambda item: item.ref)


def cancel(db: Database, actor: Actor, number: int, now: datetime, key: str | None = None) -> CommitmentInfo:
    """The owner, a leader or an admin drops a commitment."""

    def change(session: Session) -> CommitmentInfo:
        workspace, row = _commitment_for_change(session, actor, number, now)
        _transition(session, row, CommitmentStatus.CANCELLED, now, cancelled_at=now)
        team_repo.record(session, workspace, actor.user_id, Audit.COMMITMENT_CANCEL, commitment_ref(number), now)
        return _info(row, repo.ask_number_of(session, row))

    return once(db, key, CommitmentInfo, change, now, subject=lambda item: item.ref)


def listing(db: Database, actor: Actor, which: CommitmentFilter, today: date, now: datetime) -> CommitmentList:
    """Open commitments: the caller's, everyone's overdue, or the caller's side's; soonest due first."""
    with db.transaction() as session:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        member = team_repo.find_member(session, workspace, actor.user_id)
        where = repo.commitment_filter(workspace, which, actor.user_id, member.side if member else None, today)
        rows, total = repo.commitments(session, where, LIST_LIMIT)
        return CommitmentList(commitments=[_info(row, number) for row, number in rows], total=total, filter=which)


def overdue_in(session: Session, workspace: int, today: date, limit: int) -> tuple[list[CommitmentInfo], int]:
    """Open commitments due before `today`, the longest overdue first, and how many there are in all."""
    rows, total = repo.commitments(session, repo.commitment_filter(workspace, "overdue", "", None, today), limit)
    return [_info(row, number) for row, number in rows], total


def mine_in(session: Session, workspace: int, owner_id: str, limit: int) -> list[CommitmentInfo]:
    """The person's open commitments, overdue first."""
    rows = repo.first_commitments(session, repo.commitment_filter(workspace, "mine", owner_id, None, date.max), limit)
    return [_info(row, number) for row, number in rows]


def reminders(db: Database, today: date, now: datetime) -> list[Reminder]:
    """For every workspace, each owner with open commitments due by tomorrow (overdue ones included)."""
    result: list[Reminder] = []
    with db.transaction() as session:
        for workspace in team_repo.all_workspaces(session):
            by_owner: dict[str, list[CommitmentInfo]] = {}
            for row, number in repo.open_commitments_due_by(session, workspace.id, today + timedelta(days=1)):
                by_owner.setdefault(row.owner_id, []).append(_info(row, number))
            result += [Reminder(team_id=workspace.team_id, owner_id=owner, commitments=items)
                       for owner, items in by_owner.items()]
    return result


def _insert(session: Session, workspace: int, owner_id: str, side: Side, text: str, due: date, ask: Ask | None,
            created_by: str, now: datetime) -> Commitment:
    number = repo.next_number(session, workspace, "commitment_seq")
    row = Commitment(workspace_id=workspace, number=number, owner_id=owner_id, side=side.value,
                     text=text[:TEXT_LIMIT], due_date=due, status=CommitmentStatus.OPEN.value,
                     ask_id=ask.id if ask else None, created_by=created_by, created_at=now, updated_at=now)
    session.add(row)
    session.flush()
    team_repo.record(session, workspace, created_by, Audit.COMMITMENT_CREATE, commitment_ref(number), now,
                     due=due.isoformat(), ask=ask_ref(ask.number) if ask else None)
    return row


def _commitment_for_change(session: Session, actor: Actor, number: int, now: datetime) -> tuple[int, Commitment]:
    """The commitment, if the caller is its owner, a leader or an admin."""
    workspace = team_repo.workspace_id(session, actor.team_id, now)
    row = repo.find_commitment(session, workspace, number)
    if row is None:
        raise NotFound("error.commitment_not_found", ref=commitment_ref(number))
    if not (actor.user_id == row.owner_id or is_leader_or_admin(session, workspace, actor)):
        raise NotAllowed("error.commitment_change_who", ref=commitment_ref(number), owner=row.owner_id)
    return workspace, row


def _transition(session: Session, row: Commitment, to: CommitmentStatus, now: datetime, **values: object) -> None:
    changed = repo.transition(session, Commitment, row.id, [CommitmentStatus.OPEN.value],
                              {"status": to.value, "updated_at": now, **values})
    session.refresh(row)
    if not changed:
        raise Conflict(f"error.commitment_already_{row.status}", ref=commitment_ref(row.number))


def _info(row: Commitment, ask_number: int | None) -> CommitmentInfo:
    return CommitmentInfo.model_validate(row).model_copy(update={"ask_number": ask_number})
