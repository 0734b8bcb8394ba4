"""One effect per Slack request. A service that changes something for a request takes the request's key (its
intake key, `handlers.intake`) and makes the change through `once`: the change and a record of it share one
transaction, so work resumed after a crash, or run again after a failure, finds the record and returns what the
change returned the first time instead of making it again."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from pydantic import TypeAdapter
from sqlalchemy.orm import Session

from storage import effects as repo
from storage.db import Database

R = TypeVar("R")


def once(db: Database, key: str | None, result: type[R], change: Callable[[Session], R], now: datetime,
         subject: Callable[[R], str | None] = lambda _result: None) -> R:
    """`change` in one transaction, recorded under `key` with what it returned; if a change was recorded under
    `key` before, that result instead. Without a key (a scheduled job, the console's jobs) the change is just made.
    `subject` names what changed (`A-12`), for telling people about a failure after the change."""
    adapter: TypeAdapter[R] = TypeAdapter(result)
    with db.transaction() as session:
        if key is not None and (found := repo.find(session, key)) is not None:
            return adapter.validate_json(found.result)
        made = change(session)
        if key is not None:
            repo.add(session, key, (subject(made) or "")[:64] or None, adapter.dump_json(made).decode(), now)
        return made


def subject_of(db: Database, key: str) -> str | None:
    """What a request changed, if its change was made: `""` when it names nothing, None when nothing changed."""
    with db.transaction() as session:
        found = repo.find(session, key)
        return None if found is None else (found.subject or "")
