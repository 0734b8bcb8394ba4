"""Claims of scheduled sends: one row per (job, recipient, period)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from storage.dialect import insert_or_ignore
from storage.models import Delivery


def claim(session: Session, job: str, recipient: str, period: str, now: datetime, owner: str) -> bool:
    """True when this caller is the first to claim the send; False when it was claimed before."""
    return insert_or_ignore(session, Delivery, job=job, recipient=recipient, period=period, claimed_at=now,
                            claimed_by=owner)


def unsent_claim(session: Session, job: str, recipient: str, period: str) -> Delivery | None:
    """The claim of a send not marked as sent, if there is one."""
    return session.scalar(select(Delivery).where(
        Delivery.job == job, Delivery.recipient == recipient, Delivery.period == period, Delivery.sent_at.is_(None)))


def take_over(session: Session, claim: Delivery, owner: str, now: datetime) -> bool:
    """Make an unsent claim this owner's; False when someone else changed it first."""
    result = session.execute(
        update(Delivery)
        .where(Delivery.id == claim.id, Delivery.claimed_by == claim.claimed_by, Delivery.sent_at.is_(None))
        .values(claimed_by=owner, claimed_at=now)
    )
    return result.rowcount == 1


def mark_sent(session: Session, job: str, recipient: str, period: str, now: datetime) -> None:
    session.execute(
        update(Delivery)
        .where(Delivery.job == job, Delivery.recipient == recipient, Delivery.period == period)
        .values(sent_at=now)
    )


def release(session: Session, job: str, recipient: str, period: str) -> None:
    """Give a claim back after a send that certainly failed, so the next run may try again."""
    session.execute(
        delete(Delivery).where(
            Delivery.job == job, Delivery.recipient == recipient, Delivery.period == period,
            Delivery.sent_at.is_(None),
        )
    )


def sent(session: Session, job: str, recipient: str, period: str) -> bool:
    query = select(Delivery.id).where(Delivery.job == job, Delivery.recipient == recipient, Delivery.period == period,
                                      Delivery.sent_at.is_not(None))
    return session.scalar(query) is not None


def sent_among(session: Session, jobs: set[str], recipients: set[str], periods: set[str]) -> set[tuple[str, str, str]]:
    """The (job, recipient, period) sends made among those jobs, recipients and periods."""
    if not (jobs and recipients and periods):
        return set()
    query = select(Delivery.job, Delivery.recipient, Delivery.period).where(
        Delivery.job.in_(jobs), Delivery.recipient.in_(recipients), Delivery.period.in_(periods),
        Delivery.sent_at.is_not(None))
    return {(job, recipient, period) for job, recipient, period in session.execute(query)}
