"""The changes made for Slack requests, each recorded in its own transaction under the request's key."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from storage.dialect import insert_or_ignore
from storage.models import Effect


class Found(NamedTuple):
    subject: str | None
    result: str


def find(session: Session, key: str) -> Found | None:
    """The change recorded for `key`: what it was about and what it returned."""
    row = session.execute(_FIND, {"key": key}).first()
    return Found(*row) if row else None


_FIND = select(Effect.__table__.c.subject, Effect.__table__.c.result).where(  # type: ignore[attr-defined]
    Effect.__table__.c.key == bindparam("key"))  # type: ignore[attr-defined]


def add(session: Session, key: str, subject: str | None, result: str, now: datetime) -> bool:
    """Record the change made for `key`; False when one was recorded before (the caller's transaction then must not
    make it again)."""
    return insert_or_ignore(session, Effect, key=key, subject=subject, result=result, at=now)
