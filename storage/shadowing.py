"""Repository for the job-shadowing rotation: settings, participants, rounds and pairings."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from storage.dialect import insert_or_ignore, upsert
from storage.models import ShadowPairing, ShadowParticipant, ShadowRound, ShadowSettings


def settings(session: Session, workspace: int) -> ShadowSettings | None:
    return session.get(ShadowSettings, workspace)


def put_settings(session: Session, workspace: int, **values: object) -> ShadowSettings:
    """Set the workspace's rotation rhythm (one row however many requests set it at once)."""
    upsert(session, ShadowSettings, ("workspace_id",), workspace_id=workspace, **values)
    found = settings(session, workspace)
    assert found is not None
    session.refresh(found)
    return found


def all_settings(session: Session) -> list[ShadowSettings]:
    return list(session.scalars(select(ShadowSettings).order_by(ShadowSettings.workspace_id)))


def participant(session: Session, workspace: int, user_id: str) -> ShadowParticipant | None:
    query = select(ShadowParticipant).where(ShadowParticipant.workspace_id == workspace,
                                            ShadowParticipant.user_id == user_id)
    return session.scalar(query)


def join(session: Session, workspace: int, user_id: str, preference: str, now: datetime) -> ShadowParticipant:
    """Take part in the rotation (again), with a preference, not paused; one row however many requests at once."""
    insert_or_ignore(session, ShadowParticipant, workspace_id=workspace, user_id=user_id, preference=preference,
                     active=True, joined_at=now, updated_at=now)
    session.execute(update(ShadowParticipant)
                    .where(ShadowParticipant.workspace_id == workspace, ShadowParticipant.user_id == user_id)
                    .values(preference=preference, active=True, paused_until=None, updated_at=now))
    found = participant(session, workspace, user_id)
    assert found is not None
    session.refresh(found)
    return found


def close_pairing(session: Session, pairing_id: int, status: str, closed_by: str, now: datetime,
                  **values: object) -> bool:
    """Close a pairing still assigned; False when someone closed it first."""
    changed = session.execute(update(ShadowPairing)
                              .where(ShadowPairing.id == pairing_id, ShadowPairing.status == "assigned")
                              .values(status=status, closed_at=now, closed_by=closed_by, **values)).rowcount
    return changed == 1


def active_participants(session: Session, workspace: int) -> list[ShadowParticipant]:
    query = select(ShadowParticipant).where(ShadowParticipant.workspace_id == workspace, ShadowParticipant.active)
    return list(session.scalars(query.order_by(ShadowParticipant.id)))


def round_for(session: Session, workspace: int, period: str) -> ShadowRound | None:
    query = select(ShadowRound).where(ShadowRound.workspace_id == workspace, ShadowRound.period == period)
    return session.scalar(query)


def last_round(session: Session, workspace: int) -> ShadowRound | None:
    query = select(ShadowRound).where(ShadowRound.workspace_id == workspace).order_by(ShadowRound.number.desc())
    return session.scalar(query.limit(1))


def round_count(session: Session, workspace: int) -> int:
    return session.scalar(select(func.count()).select_from(ShadowRound).where(ShadowRound.workspace_id == workspace)) or 0


def pairings_of(session: Session, workspace: int, user_id: str | None = None) -> list[ShadowPairing]:
    """Every pairing of the workspace (or only those `user_id` is in), oldest first."""
    query = (select(ShadowPairing).join(ShadowRound, ShadowRound.id == ShadowPairing.round_id)
             .where(ShadowRound.workspace_id == workspace).order_by(ShadowPairing.id))
    if user_id is not None:
        query = query.where(or_(ShadowPairing.host_id == user_id, ShadowPairing.visitor_id == user_id))
    return list(session.scalars(query))


def pairings_in(session: Session, round_id: int) -> list[ShadowPairing]:
    return list(session.scalars(select(ShadowPairing).where(ShadowPairing.round_id == round_id)
                                .order_by(ShadowPairing.id)))


def learnings_since(session: Session, workspace: int, since: datetime | None, limit: int) -> list[ShadowPairing]:
    query = (select(ShadowPairing).join(ShadowRound, ShadowRound.id == ShadowPairing.round_id)
             .where(ShadowRound.workspace_id == workspace, ShadowPairing.status == "done"))
    if since is not None:
        query = query.where(ShadowPairing.closed_at > since)
    return list(session.scalars(query.order_by(ShadowPairing.closed_at.desc()).limit(limit)))


def claim_followups(session: Session, now: datetime, limit: int) -> list[ShadowPairing]:
    """Pairings with no news after their follow-up time, claimed by a conditional update so two schedulers
    (or a retry) never remind the same pair twice."""
    due = list(session.scalars(
        select(ShadowPairing.id).where(ShadowPairing.status == "assigned", ShadowPairing.followup_at <= now,
                                       ShadowPairing.followup_sent_at.is_(None)).limit(limit)))
    claimed = []
    for pairing_id in due:
        result = session.execute(update(ShadowPairing).where(ShadowPairing.id == pairing_id,
                                                             ShadowPairing.followup_sent_at.is_(None))
                                 .values(followup_sent_at=now))
        if result.rowcount == 1:
            claimed.append(pairing_id)
    return list(session.scalars(select(ShadowPairing).where(ShadowPairing.id.in_(claimed)))) if claimed else []
