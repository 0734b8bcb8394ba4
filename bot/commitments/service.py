"""Commitments: someone's promise to do something by a date. Each public function is one transaction and returns
pydantic objects; the functions taking a session work inside an ask's or a sync's transaction."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from bot.commitments.models import (
    TEXT_LIMIT,
    UNDO_WINDOW,
    CommitmentFilter,
    CommitmentInfo,
    CommitmentList,
    CommitmentStatus,
    NewCommitment,
    Reminder,
    ReopenedCommitment,
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


class UndoTooLate(Conflict):
    """An Undo pressed more than `UNDO_WINDOW` after the closing it would undo: nothing changes, and the message
    (`key`) says how to reopen it by command."""

    def __init__(self, key: str, ref: str) -> None:
        super().__init__(key, ref=ref)


def check_undo(closed_at: datetime | None, undo_of: datetime, now: datetime, ref: str, too_late: str,
               changed: str) -> None:
    """An Undo undoes the closing its confirmation was about (at `undo_of`), within `UNDO_WINDOW` of it: refused
    when the thing was reopened or closed again since (`changed`), or when it is too late (`too_late`)."""
    if closed_at is None or closed_at != undo_of:
        raise Conflict(changed, ref=ref)
    if now - closed_at > UNDO_WINDOW:
        raise UndoTooLate(too_late, ref)


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


def reopen_for_ask(session: Session, ask_id: int, closed_at: datetime, now: datetime) -> CommitmentInfo | None:
    """When an ask is reopened, the commitment its closing closed (at `closed_at`) is open again."""
    row = repo.commitment_closed_with_ask(session, ask_id, closed_at)
    if row is None:
        return None
    _reopen_row(session, row, CommitmentStatus(row.status), now)
    return _info(row, repo.ask_number_of(session, row))


def reopen(db: Database, actor: Actor, number: int, now: datetime, key: str | None = None,
           undo_of: datetime | None = None) -> ReopenedCommitment:
    """Whoever may close a commitment (its owner, a leader or an admin) brings it back, open, when it was done or
    cancelled by mistake. One for an ask comes back with its ask (`/ask reopen`) while the ask is closed.
    `undo_of`: pressed as the Undo of the closing at that moment, which works for `UNDO_WINDOW`."""

    def change(session: Session) -> ReopenedCommitment:
        workspace, row = _commitment_for_change(session, actor, number, now)
        ref, was = commitment_ref(number), CommitmentStatus(row.status)
        if was is CommitmentStatus.OPEN:
            raise Conflict("error.commitment_not_closed", ref=ref)
        if undo_of is not None:
            check_undo(row.done_at if was is CommitmentStatus.DONE else row.cancelled_at, undo_of, now, ref,
                       "error.commitment_undo_too_late", "error.commitment_changed_since")
        ask_number = repo.ask_number_of(session, row)
        if ask_number is not None and repo.ask_is_closed(session, row.ask_id):
            raise Conflict("error.commitment_ask_closed", ref=ref, ask=ask_ref(ask_number))
        _reopen_row(session, row, was, now)
        team_repo.record(session, workspace, actor.user_id, Audit.COMMITMENT_REOPEN, ref, now, was=was.value)
        return ReopenedCommitment(commitment=_info(row, ask_number), was=was)

    return once(db, key, ReopenedCommitment, change, now, subject=lambda result: result.commitment.ref)


def _reopen_row(session: Session, row: Commitment, was: CommitmentStatus, now: datetime) -> None:
    changed = repo.transition(session, Commitment, row.id, [was.value],
                              {"status": CommitmentStatus.OPEN.value, "done_at": None, "kept": None,
                               "cancelled_at": None, "updated_at": now})
    session.refresh(row)
    if not changed:  # reopened (or changed) by someone else meanwhile
        raise Conflict("error.commitment_not_closed", ref=commitment_ref(row.number))


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


def mine_in(session: Session, workspace: int, owner_id: str, limit: int) -> tuple[list[CommitmentInfo], int]:
    """The person's first `limit` open commitments, overdue first, and how many they have (up to a cap)."""
    rows, total = repo.first_commitments_counted(
        session, repo.commitment_filter(workspace, "mine", owner_id, None, date.max), limit)
    return [_info(row, number) for row, number in rows], total


def reminders(db: Database, due_by: date, now: datetime) -> list[Reminder]:
    """For every workspace, each owner with open commitments due by `due_by` (overdue ones included)."""
    result: list[Reminder] = []
    with db.transaction() as session:
        for workspace in team_repo.all_workspaces(session):
            by_owner: dict[str, list[CommitmentInfo]] = {}
            for row, number in repo.open_commitments_due_by(session, workspace.id, due_by):
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
