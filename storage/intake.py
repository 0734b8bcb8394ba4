"""Slack's requests, recorded before their ack and worked from the record (`handlers.intake`).

On PostgreSQL the records are a table of the store. On SQLite they are the same table in a file of their own beside
the store (`alinea.db` → `alinea.intake.db`): SQLite has one write lock per file, which the work's transactions take
up front, and a request must never wait behind them before it is acknowledged.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Connection, Engine, delete, func, or_, select, update
from sqlalchemy.engine import make_url

from storage.dialect import insert_new, sqlite_engine, sqlite_pragmas
from storage.models import Intake

# What a record keeps once its work is done: its key (so a replay is still taken once), its kind, workspace and
# times. Who sent it and what it carried (typed text, the button pressed: a pulse answer among them) are dropped then,
# so the records cannot tie an anonymous answer to its person.
_FORGOTTEN: dict[str, Any] = {"user_id": "", "payload": "{}", "response_url": None}


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
        self._file: _File | None = None
        if url.get_backend_name() == "sqlite" and database not in ("", ":memory:"):
            path = Path(database)
            self._file = _File(path.with_name(path.stem + ".intake" + path.suffix))
            self.engine = self._file.engine
        else:
            self.engine = engine
        self.working: set[int] = set()  # records this process has queued or is working on

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        with self._file.writing() if self._file else nullcontext(), self.engine.begin() as connection:
            yield connection

    def record(self, key: str, work: str, team_id: str, user_id: str, payload: dict[str, Any],
               response_url: str | None, now: datetime, owner: str) -> Request | None:
        """Record a request, claimed by `owner`; None when a request with this key was recorded before. (One
        statement: it runs before Slack hears the ack.)"""
        values = {"key": key, "work": work, "team_id": team_id[:32], "user_id": user_id[:32],
                  "payload": json.dumps(payload), "response_url": response_url, "received_at": now,
                  "claimed_by": owner, "claimed_at": now, "attempts": 0}
        if self._file:
            made = self._file.insert(values)
        else:
            with self._transaction() as connection:
                made = insert_new(connection, Intake, **values)
        if made is None:
            return None
        return Request(id=made, key=key, work=work, team_id=values["team_id"], user_id=values["user_id"],
                       payload=payload, response_url=response_url, received_at=now, attempts=0, answered_at=None)

    def forget(self, request_id: int) -> None:
        """Drop a record whose request changed nothing (a refused modal submission may come again, fixed)."""
        if self._file:
            self._file.delete(request_id)
            return
        with self._transaction() as connection:
            connection.execute(delete(Intake).where(Intake.id == request_id))

    def forget_team(self, team_id: str) -> int:
        """Drop every record from one workspace (`alinea workspaces forget`); how many there were."""
        with self._transaction() as connection:
            return int(connection.execute(delete(Intake).where(Intake.team_id == team_id)).rowcount)

    def answered(self, request_id: int, now: datetime) -> None:
        self._set(request_id, answered_at=now)

    def done(self, request_id: int, now: datetime) -> None:
        """The work is done: the record keeps only what recognises a replay (`_FORGOTTEN`)."""
        self._set(request_id, done_at=now, **_FORGOTTEN)

    def failed(self, request_id: int, retry_at: datetime | None, now: datetime) -> None:
        """An attempt failed: it is tried again from `retry_at`, or never (None: the record is closed)."""
        with self._transaction() as connection:
            values: dict[str, Any] = {"attempts": Intake.attempts + 1, "retry_at": retry_at}
            if retry_at is None:
                values |= {"done_at": now, **_FORGOTTEN}
            connection.execute(update(Intake).where(Intake.id == request_id).values(values))

    def _set(self, request_id: int, **values: Any) -> None:
        if self._file:
            self._file.update(request_id, values)
            return
        with self._transaction() as connection:
            connection.execute(update(Intake).where(Intake.id == request_id).values(**values))

    def take(self, owner: str, now: datetime, is_gone: Callable[[str], bool], working: set[int],
             limit: int = 50) -> list[Request]:
        """Unfinished records this process should work now: those whose process is gone (taken over), and its own
        that failed and are due again (not those it is working on). (Called every few seconds: on SQLite it also
        checkpoints the records' WAL.)"""
        if self._file:
            self._file.checkpoint()
        with self._transaction() as connection:
            rows = list(connection.execute(
                select(*_COLUMNS).where(Intake.done_at.is_(None),
                                        or_(Intake.retry_at.is_(None), Intake.retry_at <= now))
                .order_by(Intake.id).limit(limit * 4)).mappings())
            gone = {claimer: is_gone(claimer) for claimer in {row["claimed_by"] for row in rows}
                    if claimer is not None and claimer != owner}
            taken: list[Request] = []
            for row in rows:
                if len(taken) >= limit:
                    break
                if row["claimed_by"] == owner:
                    if row["id"] not in working and row["retry_at"] is not None:
                        taken.append(_request(row))
                    continue
                if row["claimed_by"] is not None and not gone[row["claimed_by"]]:
                    continue
                changed = connection.execute(
                    update(Intake).where(Intake.id == row["id"], Intake.claimed_by == row["claimed_by"],
                                         Intake.done_at.is_(None))
                    .values(claimed_by=owner, claimed_at=now)).rowcount
                if changed == 1:
                    taken.append(_request(row))
            return taken

    def open_count(self) -> int:
        """Records not done yet (for tests)."""
        with self._transaction() as connection:
            return connection.scalar(select(func.count()).select_from(Intake).where(Intake.done_at.is_(None))) or 0

    def dispose(self) -> None:
        if self._file:
            self._file.close()


class _File:
    """The SQLite file of the records. The writes made for every request (recording it before its ack, marking it
    answered and done) go through the sqlite3 module on one connection of their own, one statement each: a tenth of
    the time the same statement takes through SQLAlchemy, on the path every ack waits for. Other statements use
    `engine`. This process's writers queue on a lock rather than in SQLite's busy handler (see storage.db); the WAL
    is checkpointed by `checkpoint`, never by a write an ack waits for."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.engine = sqlite_engine(f"sqlite:///{path}")
        self._lock = threading.Lock()
        self._direct: sqlite3.Connection | None = None
        self._stamp = Intake.__table__.c.received_at.type.bind_processor(self.engine.dialect)  # type: ignore[attr-defined]

    @contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """Hold this process's turn to write; the direct connection, made (with the table) on first use."""
        with self._lock:
            if self._direct is None:
                Intake.__table__.create(self.engine, checkfirst=True)  # type: ignore[attr-defined]
                direct = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
                sqlite_pragmas(direct)
                direct.execute("PRAGMA wal_autocheckpoint=0")
                self._direct = direct
            yield self._direct

    def insert(self, values: dict[str, Any]) -> int | None:
        columns = ", ".join(values)
        rows = self._run(f"INSERT INTO intake ({columns}) VALUES ({', '.join('?' * len(values))})"
                         " ON CONFLICT (key) DO NOTHING RETURNING id", values.values())
        return rows[0][0] if rows else None

    def update(self, request_id: int, values: dict[str, Any]) -> None:
        self._run(f"UPDATE intake SET {', '.join(f'{column} = ?' for column in values)} WHERE id = ?",
                  [*values.values(), request_id])

    def delete(self, request_id: int) -> None:
        self._run("DELETE FROM intake WHERE id = ?", [request_id])

    def checkpoint(self) -> None:
        """Copy the WAL's pages into the file, as far as readers allow (PASSIVE: it waits for nobody)."""
        with self.writing() as direct:
            direct.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def _run(self, sql: str, parameters: Iterable[Any]) -> list[Any]:
        """One statement, committed on its own; its rows (read to the end: the statement is done only then)."""
        values = [self._stamp(value) if isinstance(value, datetime) else value for value in parameters]
        with self.writing() as direct:
            return direct.execute(sql, values).fetchall()

    def close(self) -> None:
        with self._lock:
            if self._direct is not None:
                self._direct.close()
                self._direct = None
        self.engine.dispose()


_COLUMNS = (Intake.id, Intake.key, Intake.work, Intake.team_id, Intake.user_id, Intake.payload, Intake.response_url,
            Intake.received_at, Intake.attempts, Intake.answered_at, Intake.claimed_by, Intake.retry_at)


def _request(row: Any) -> Request:
    return Request(id=row["id"], key=row["key"], work=row["work"], team_id=row["team_id"], user_id=row["user_id"],
                   payload=json.loads(row["payload"]), response_url=row["response_url"],
                   received_at=row["received_at"], attempts=row["attempts"], answered_at=row["answered_at"])
