"""Scheduled sends happen at most once per (job, recipient, period): the claim is written before the send."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from storage import deliveries as repo
from storage.db import Database


def send_once(db: Database, job: str, recipient: str, period: str, now: datetime, send: Callable[[], object]) -> bool:
    """Claim, then send. False when someone already claimed it (a restart, a retry, a second scheduler).
    A send that raises gives its claim back, so the next run tries again, and the error propagates."""
    with db.transaction() as session:
        if not repo.claim(session, job, recipient, period, now):
            return False
    try:
        send()
    except BaseException:
        with db.transaction() as session:
            repo.release(session, job, recipient, period)
        raise
    with db.transaction() as session:
        repo.mark_sent(session, job, recipient, period, now)
    return True


def delivered(db: Database, job: str, period: str) -> bool:
    """Whether `job` already sent (or is sending) something for `period`."""
    with db.transaction() as session:
        return repo.any_for(session, job, period)
