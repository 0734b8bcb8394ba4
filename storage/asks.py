"""Repository for asks and commitments: numbering, conditional transitions and the queries lists need."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, bindparam, func, insert, or_, select, union, update
from sqlalchemy.orm import Session

from storage.models import Ask, Commitment, Workspace

OPEN_ASK = ("open", "accepted")


# The statements every new ask runs, built once (on the tables: the session holds no row they change to refresh).
_ASKS, _WORKSPACES = Ask.__table__, Workspace.__table__  # type: ignore[attr-defined]
_NEXT = {counter: update(_WORKSPACES).where(_WORKSPACES.c.id == bindparam("b_workspace"))
         .values({counter: _WORKSPACES.c[counter] + 1}).returning(_WORKSPACES.c[counter])
         for counter in ("ask_seq", "commitment_seq", "sync_seq")}
_ADD_ASK = insert(_ASKS).returning(*_ASKS.columns)
_SET_CARD = update(_ASKS).where(_ASKS.c.workspace_id == bindparam("b_workspace"), _ASKS.c.number == bindparam("b_number"))


def next_number(session: Session, workspace: int, counter: str) -> int:
    """The next A-n, C-n or S-n of a workspace (`counter`: ask_seq, commitment_seq, sync_seq). The row lock this
    update takes serializes concurrent creators."""
    return session.execute(_NEXT[counter], {"b_workspace": workspace}).scalar_one()


def add_ask(session: Session, **values: Any) -> dict[str, Any]:
    """A new ask, in one statement: its row as stored."""
    return dict(session.execute(_ADD_ASK, values).mappings().one())


def set_card(session: Session, workspace: int, number: int, **values: str | None) -> None:
    """Where an ask's card is (channel_id, message_ts) or is to go (post_to), in one statement."""
    session.execute(_SET_CARD, {"b_workspace": workspace, "b_number": number, **values})


def find_ask(session: Session, workspace: int, number: int) -> Ask | None:
    return session.scalar(select(Ask).where(Ask.workspace_id == workspace, Ask.number == number))


def find_commitment(session: Session, workspace: int, number: int) -> Commitment | None:
    return session.scalar(select(Commitment).where(Commitment.workspace_id == workspace, Commitment.number == number))


def ask_number_of(session: Session, commitment: Commitment) -> int | None:
    """The number of the ask a commitment is for, if any."""
    if commitment.ask_id is None:
        return None
    return session.scalar(select(Ask.number).where(Ask.id == commitment.ask_id))


def commitment_for_ask(session: Session, ask_id: int) -> Commitment | None:
    return session.scalar(
        select(Commitment).where(Commitment.ask_id == ask_id, Commitment.status == "open").order_by(Commitment.id)
    )


def commitment_closed_with_ask(session: Session, ask_id: int, closed_at: datetime) -> Commitment | None:
    """The ask's commitment its closing (at `closed_at`) closed too: done or cancelled in the same change."""
    return session.scalar(
        select(Commitment).where(Commitment.ask_id == ask_id, Commitment.status != "open",
                                 Commitment.updated_at == closed_at).order_by(Commitment.id.desc()).limit(1)
    )


def ask_is_closed(session: Session, ask_id: int | None) -> bool:
    """Whether the ask is done, declined or cancelled."""
    status = session.scalar(select(Ask.status).where(Ask.id == ask_id)) if ask_id is not None else None
    return status is not None and status not in OPEN_ASK


def transition(session: Session, model: type[Ask] | type[Commitment], row_id: int, allowed: Sequence[str],
               values: dict[str, Any]) -> bool:
    """Change a row only if its status is still one of `allowed`: of two racing requests exactly one wins."""
    statement = update(model).where(model.id == row_id, model.status.in_(allowed)).values(values)
    changed = session.execute(statement).rowcount == 1
    if changed:
        session.expire_all()  # the ORM copies are stale now
    return changed


def ask_filter(workspace: int, which: str, user_id: str, to_side: str | None, today: date) -> ColumnElement[bool]:
    conditions: list[ColumnElement[bool]] = [Ask.workspace_id == workspace]
    if which != "all":
        conditions.append(Ask.status.in_(OPEN_ASK))
    if which == "mine":
        conditions.append(or_(Ask.requester_id == user_id, Ask.owner_id == user_id))
    if which == "overdue":
        conditions.append(Ask.due_date < today)
    if to_side:
        conditions.append(Ask.to_side == to_side)
    return and_(*conditions)


def page_of_asks(session: Session, where: ColumnElement[bool], offset: int, limit: int) -> tuple[list[Ask], int]:
    total = session.scalar(select(func.count()).select_from(Ask).where(where)) or 0
    query: Select[tuple[Ask]] = select(Ask).where(where).order_by(Ask.created_at.desc(), Ask.number.desc())
    return list(session.scalars(query.offset(offset).limit(limit))), total


def commitment_filter(workspace: int, which: str, user_id: str, side: str | None,
                      today: date) -> ColumnElement[bool]:
    conditions: list[ColumnElement[bool]] = [Commitment.workspace_id == workspace, Commitment.status == "open"]
    if which == "mine":  # found on the owner's index first: in due order the store walked every open commitment
        conditions.append(Commitment.id.in_(select(Commitment.id).where(
            Commitment.workspace_id == workspace, Commitment.owner_id == user_id, Commitment.status == "open")))
    elif which == "overdue":
        conditions.append(Commitment.due_date < today)
    elif which == "side":
        conditions.append(Commitment.side == (side or ""))
    return and_(*conditions)


def _open_asks_of(workspace: int, user_id: str) -> Any:
    """The IDs of the open or accepted asks the person made or owns. (Those they made and those they own are found
    apart, each on its index: read together, the newest-first order had the store walk every ask of the
    workspace.)"""
    return union(*(select(Ask.id).where(Ask.workspace_id == workspace, column == user_id, Ask.status.in_(OPEN_ASK))
                   for column in (Ask.requester_id, Ask.owner_id)))


def open_asks_of(session: Session, workspace: int, user_id: str, limit: int) -> tuple[list[Ask], int]:
    """The first `limit` open or accepted asks the person made or owns, newest first, and how many there are (counted
    up to COUNT_CAP)."""
    mine = _open_asks_of(workspace, user_id)
    query = select(Ask).where(Ask.id.in_(mine)).order_by(Ask.created_at.desc(), Ask.number.desc())
    found = list(session.scalars(query.limit(limit)))
    return found, _count_beyond(session, found, limit, select(Ask.id).where(Ask.id.in_(mine)))


def open_asks_to(session: Session, workspace: int, side: str, limit: int) -> tuple[list[Ask], int]:
    """The first `limit` asks waiting for a side to accept or decline them, the longest-waiting first, and how
    many there are (counted up to COUNT_CAP)."""
    where = and_(Ask.workspace_id == workspace, Ask.status == "open", Ask.to_side == side)
    found = list(session.scalars(select(Ask).where(where).order_by(Ask.created_at, Ask.number).limit(limit)))
    return found, _count_beyond(session, found, limit, select(Ask.id).where(where))


COUNT_CAP = 1000  # App Home says "and 999 more" at most: counting further would cost every refresh for nothing


def _count_beyond(session: Session, found: list[Any], limit: int, ids: Select[Any]) -> int:
    """How many rows `ids` selects, up to COUNT_CAP; no query when `found` (its first `limit`) is all of them."""
    if len(found) < limit:
        return len(found)
    return session.scalar(select(func.count()).select_from(ids.limit(COUNT_CAP).subquery())) or 0


def waiting_to_post(session: Session, before: datetime, limit: int) -> list[tuple[str, Ask]]:
    """Asks created before `before` whose card is still to be posted, oldest first, with their team's ID."""
    query = (select(Workspace.team_id, Ask).join(Workspace, Workspace.id == Ask.workspace_id)
             .where(Ask.post_to.is_not(None), Ask.message_ts.is_(None), Ask.created_at < before)
             .order_by(Ask.created_at).limit(limit))
    return [(team_id, ask) for team_id, ask in session.execute(query)]


def waiting_asks(session: Session, workspace: int, limit: int) -> list[Ask]:
    """Open asks nobody has accepted yet, the longest-waiting first."""
    query = select(Ask).where(Ask.workspace_id == workspace, Ask.status == "open").order_by(Ask.created_at, Ask.number)
    return list(session.scalars(query.limit(limit)))


def pressing_asks(session: Session, workspace: int, limit: int) -> list[Ask]:
    """Open or accepted asks of high or urgent priority, urgent first."""
    query = (
        select(Ask)
        .where(Ask.workspace_id == workspace, Ask.status.in_(("open", "accepted")),
               Ask.priority.in_(("high", "urgent")))
        .order_by(Ask.priority.desc(), Ask.created_at)  # 'urgent' sorts after 'high'
    )
    return list(session.scalars(query.limit(limit)))


# A commitment with the number of the ask it is for (None when it is for none).
CommitmentRow = tuple[Commitment, int | None]


def _with_ask_number() -> Select[tuple[Commitment, int | None]]:
    return select(Commitment, Ask.number).outerjoin(Ask, Commitment.ask_id == Ask.id)


def first_commitments_counted(session: Session, where: ColumnElement[bool],
                              limit: int) -> tuple[list[CommitmentRow], int]:
    """The first `limit` (`first_commitments`) and how many there are (counted up to COUNT_CAP)."""
    found = first_commitments(session, where, limit)
    return found, _count_beyond(session, found, limit, select(Commitment.id).where(where))


def commitments(session: Session, where: ColumnElement[bool], limit: int) -> tuple[list[CommitmentRow], int]:
    """The first `limit` (`first_commitments`) and how many there are in all."""
    total = session.scalar(select(func.count()).select_from(Commitment).where(where)) or 0
    return first_commitments(session, where, limit), total


def first_commitments(session: Session, where: ColumnElement[bool], limit: int) -> list[CommitmentRow]:
    """Overdue first: by due date, then number."""
    query = _with_ask_number().where(where).order_by(Commitment.due_date, Commitment.number).limit(limit)
    return [(row, number) for row, number in session.execute(query)]


def open_commitments_due_by(session: Session, workspace: int, last_day: date) -> list[CommitmentRow]:
    """Open commitments due on or before `last_day` (so overdue ones too), by owner then due date."""
    query = (
        _with_ask_number()
        .where(Commitment.workspace_id == workspace, Commitment.status == "open", Commitment.due_date <= last_day)
        .order_by(Commitment.owner_id, Commitment.due_date, Commitment.number)
    )
    return [(row, number) for row, number in session.execute(query)]
