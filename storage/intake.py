"""Slack's requests, recorded before their ack and worked from the record (`handlers.intake`).

On PostgreSQL the records are a table of the store. On SQLite they are the same table in a file of their own beside
the store (`alinea.db` → `alinea.intake.db`): SQLite has one write lock per file, which the work's transactions take
up front, and a request must never wait behind them before it is acknowledged.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Engine, create_engine, delete, event, or_, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from storage.dialect import insert_or_ignore
from storage.models import Intake


class Request(BaseModel):
    """A recorded request, as the work reads it."""

    id: int
    key: str
    work: str
    team_id: str
    user_id: str
    payload: dict[str, Any]
    response_url: str | None
    received_at: datetime
    attempts: int
    answered_at: datetime | None


class IntakeStore:
    """The recorded requests: on the store's own engine, or (SQLite) on a file of their own."""

    def __init__(self, engine: Engine) -> None:
        url = make_url(str(engine.url))
        database = url.database or ""
        self._own = url.get_backend_name() == "sqlite" and database not in ("", ":memory:")
        if self._own:
            path = Path(database)
            self.engine = create_engine(f"sqlite:///{path.with_name(path.stem + '.intake' + path.suffix)}",
                                        connect_args={"check_same_thread": False, "timeout": 30})
            event.listen(self.engine, "connect", _sqlite_pragmas)
            event.listen(self.engine, "begin", lambda connection: connection.exec_driver_sql("BEGIN IMMEDIATE"))
        else:
            self.engine = engine
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._prepared = not self._own
        self.working: set[int] = set()  # records this process has queued or is working on

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        if not self._prepared:  # the file of its own holds one table, made on first use
            Intake.__table__.create(self.engine, checkfirst=True)  # type: ignore[attr-defined]
            self._prepared = True
        with self._sessions.begin() as session:
            yield session

    def record(self, key: str, work: str, team_id: str, user_id: str, payload: dict[str, Any],
               response_url: str | None, now: datetime, owner: str) -> Request | None:
        """Record a request, claimed by `owner`; None when a request with this key was recorded before."""
        with self._transaction() as session:
            made = insert_or_ignore(session, Intake, key=key, work=work, team_id=team_id[:32], user_id=user_id[:32],
                                    payload=json.dumps(payload), response_url=response_url, received_at=now,
                                    claimed_by=owner, claimed_at=now, attempts=0)
            return _request(session.get(Intake, _id_of(session, key))) if made else None

    def forget(self, request_id: int) -> None:
        """Drop a record whose request changed nothing (a refused modal submission may come again, fixed)."""
        with self._transaction() as session:
            session.execute(delete(Intake).where(Intake.id == request_id))

    def answered(self, request_id: int, now: datetime) -> None:
        with self._transaction() as session:
            session.execute(update(Intake).where(Intake.id == request_id).values(answered_at=now))

    def done(self, request_id: int, now: datetime) -> None:
        with self._transaction() as session:
            session.execute(update(Intake).where(Intake.id == request_id).values(done_at=now))

    def failed(self, request_id: int, retry_at: datetime | None, now: datetime) -> None:
        """An attempt failed: it is tried again from `retry_at`, or never (None: the record is closed)."""
        with self._transaction() as session:
            values: dict[str, Any] = {"attempts": Intake.attempts + 1, "retry_at": retry_at}
            if retry_at is None:
                values["done_at"] = now
            session.execute(update(Intake).where(Intake.id == request_id).values(values))

    def take(self, owner: str, now: datetime, is_gone: Callable[[str], bool], working: set[int],
             limit: int = 50) -> list[Request]:
        """Unfinished records this process should work now: those whose process is gone (taken over), and its own
        that failed and are due again (not those it is working on)."""
        with self._transaction() as session:
            rows = list(session.scalars(
                select(Intake).where(Intake.done_at.is_(None),
                                     or_(Intake.retry_at.is_(None), Intake.retry_at <= now))
                .order_by(Intake.id).limit(limit * 4)))
            gone = {claimer: is_gone(claimer) for claimer in {row.claimed_by for row in rows}
                    if claimer is not None and claimer != owner}
            taken: list[Request] = []
            for row in rows:
                if len(taken) >= limit:
                    break
                if row.claimed_by == owner:
                    if row.id not in working and row.retry_at is not None:
                        taken.append(_request(row))
                    continue
                if row.claimed_by is not None and not gone[row.claimed_by]:
                    continue
                changed = session.execute(
                    update(Intake).where(Intake.id == row.id, Intake.claimed_by == row.claimed_by,
                                         Intake.done_at.is_(None))
                    .values(claimed_by=owner, claimed_at=now)).rowcount
                if changed == 1:
                    taken.append(_request(row))
            return taken

    def open_count(self) -> int:
        """Records not done yet (for tests and /healthz)."""
        with self._transaction() as session:
            return len(list(session.scalars(select(Intake.id).where(Intake.done_at.is_(None)))))

    def dispose(self) -> None:
        if self._own:
            self.engine.dispose()


def _id_of(session: Session, key: str) -> int:
    return session.scalar(select(Intake.id).where(Intake.key == key))  # type: ignore[return-value]


def _request(row: Intake | None) -> Request:
    assert row is not None
    return Request(id=row.id, key=row.key, work=row.work, team_id=row.team_id, user_id=row.user_id,
                   payload=json.loads(row.payload), response_url=row.response_url, received_at=row.received_at,
                   attempts=row.attempts, answered_at=row.answered_at)


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    dbapi_connection.isolation_level = None  # SQLAlchemy's "begin" event says when transactions begin
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")  # a commit survives the process's death, which is what counts here
    cursor.close()
