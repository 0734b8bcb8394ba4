"""Repository for the alignment pulse: its rhythm, rounds and anonymous answers."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Member, PulseAnswer, PulseRound, PulseSettings


def all_settings(session: Session) -> list[PulseSettings]:
    return list(session.scalars(select(PulseSettings).order_by(PulseSettings.workspace_id)))


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


def answer_of(session: Session, round_id: int, ballot: str) -> PulseAnswer | None:
    return session.scalar(select(PulseAnswer).where(PulseAnswer.round_id == round_id, PulseAnswer.ballot == ballot))
