"""Repository for the alignment pulse: its rhythm, rounds and anonymous answers."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.dialect import insert_or_ignore, upsert
from storage.models import Member, PulseAnswer, PulseRound, PulseSettings


def all_settings(session: Session) -> list[PulseSettings]:
    return list(session.scalars(select(PulseSettings).order_by(PulseSettings.workspace_id)))


def settings(session: Session, workspace: int) -> PulseSettings | None:
    return session.get(PulseSettings, workspace)


def put_settings(session: Session, workspace: int, **values: object) -> None:
    upsert(session, PulseSettings, ("workspace_id",), workspace_id=workspace, **values)


def open_round(session: Session, workspace: int, period: str, now: datetime) -> bool:
    """Open the round named `period` with the next number, unless it is open; True when it was opened now."""
    return insert_or_ignore(session, PulseRound, workspace_id=workspace, period=period, started_at=now,
                            number=last_round_number(session, workspace) + 1)


def put_answer(session: Session, round_id: int, ballot: str, side: str, score: int, comment: str | None,
               day: date) -> None:
    """Record or change one ballot's answer (keeping its comment unless a new one is given)."""
    values: dict[str, object] = {"side": side, "score": score, "answered_on": day}
    if comment is not None:
        values["comment"] = comment
    upsert(session, PulseAnswer, ("round_id", "ballot"), round_id=round_id, ballot=ballot, **values)


def round_for(session: Session, workspace: int, period: str) -> PulseRound | None:
    return session.scalar(select(PulseRound).where(PulseRound.workspace_id == workspace, PulseRound.period == period))


def last_round_number(session: Session, workspace: int) -> int:
    """The number of the workspace's newest round; 0 before the first."""
    query = (select(PulseRound.number).where(PulseRound.workspace_id == workspace)
             .order_by(PulseRound.number.desc()).limit(1))
    return session.scalar(query) or 0


def member_ids(session: Session, workspace: int) -> list[str]:
    """Everyone on a side, who the pulse asks."""
    return list(session.scalars(select(Member.user_id).where(Member.workspace_id == workspace).order_by(Member.user_id)))


def newest_rounds(session: Session, workspace: int, now: datetime, limit: int) -> list[PulseRound]:
    """The workspace's newest rounds started at or before `now`, newest first."""
    query = (select(PulseRound).where(PulseRound.workspace_id == workspace, PulseRound.started_at <= now)
             .order_by(PulseRound.number.desc()).limit(limit))
    return list(session.scalars(query))


def next_round_start(session: Session, workspace: int, number: int) -> datetime | None:
    """When the round after round `number` started; None while there is none."""
    query = (select(PulseRound.started_at).where(PulseRound.workspace_id == workspace, PulseRound.number > number)
             .order_by(PulseRound.number).limit(1))
    return session.scalar(query)


def answer_of(session: Session, round_id: int, ballot: str) -> PulseAnswer | None:
    return session.scalar(select(PulseAnswer).where(PulseAnswer.round_id == round_id, PulseAnswer.ballot == ballot))
