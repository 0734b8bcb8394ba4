"""The changes made for Slack requests, each recorded in its own transaction under the request's key."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.dialect import insert_or_ignore
from storage.models import Effect


def find(session: Session, key: str) -> Effect | None:
    return session.scalar(select(Effect).where(Effect.key == key))


def add(session: Session, key: str, subject: str | None, result: str, now: datetime) -> bool:
    """Record the change made for `key`; False when one was recorded before (the caller's transaction then must not
    make it again)."""
    return insert_or_ignore(session, Effect, key=key, subject=subject, result=result, at=now)
