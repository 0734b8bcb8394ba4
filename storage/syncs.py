"""Repository for syncs, their topics, meetings and decisions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.dialect import insert_or_ignore
from storage.models import Sync, SyncDecision, SyncMeeting, SyncTopic


def find(session: Session, workspace: int, number: int) -> Sync | None:
    return session.scalar(select(Sync).where(Sync.workspace_id == workspace, Sync.number == number))


def active(session: Session, workspace: int | None = None) -> list[Sync]:
    """Syncs not cancelled, in one workspace or in all."""
    query = select(Sync).where(Sync.cancelled_at.is_(None)).order_by(Sync.workspace_id, Sync.number)
    if workspace is not None:
        query = query.where(Sync.workspace_id == workspace)
    return list(session.scalars(query))


def pending_topics(session: Session, sync_id: int) -> list[SyncTopic]:
    query = select(SyncTopic).where(SyncTopic.sync_id == sync_id, SyncTopic.meeting_id.is_(None))
    return list(session.scalars(query.order_by(SyncTopic.added_at, SyncTopic.id)))


def meeting_at(session: Session, sync_id: int, occurs_at: datetime) -> SyncMeeting | None:
    return session.scalar(select(SyncMeeting).where(SyncMeeting.sync_id == sync_id, SyncMeeting.occurs_at == occurs_at))


def add_meeting(session: Session, sync_id: int, occurs_at: datetime, now: datetime) -> SyncMeeting:
    """The meeting of a sync at `occurs_at`, recorded now if it was not (one row however many ask at once)."""
    insert_or_ignore(session, SyncMeeting, sync_id=sync_id, occurs_at=occurs_at, posted_at=now)
    found = meeting_at(session, sync_id, occurs_at)
    assert found is not None
    return found


def meetings(session: Session, sync_id: int, limit: int) -> list[SyncMeeting]:
    """The newest meetings first."""
    query = select(SyncMeeting).where(SyncMeeting.sync_id == sync_id).order_by(SyncMeeting.occurs_at.desc())
    return list(session.scalars(query.limit(limit)))


def decisions(session: Session, meeting_ids: list[int]) -> dict[int, list[SyncDecision]]:
    result: dict[int, list[SyncDecision]] = {meeting_id: [] for meeting_id in meeting_ids}
    if meeting_ids:
        query = select(SyncDecision).where(SyncDecision.meeting_id.in_(meeting_ids)).order_by(SyncDecision.id)
        for decision in session.scalars(query):
            result[decision.meeting_id].append(decision)
    return result


def topics_of(session: Session, meeting_id: int) -> list[SyncTopic]:
    return list(session.scalars(select(SyncTopic).where(SyncTopic.meeting_id == meeting_id).order_by(SyncTopic.id)))
