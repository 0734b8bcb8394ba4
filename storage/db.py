"""The engine, transactions and schema migrations."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.orm import Session, sessionmaker

from storage.dialect import SNAPSHOT_OPTION, sqlite_engine
from storage.intake import IntakeStore
from storage.locks import Lock, lock_for

MIGRATIONS = Path(__file__).parent / "migrations"
PING_TIMEOUT = 1.0  # seconds /healthz waits for the store


class SchemaOutOfDate(Exception):
    """The database is not at the newest migration."""


def _sqlalchemy_url(url: str) -> str:
    # psycopg 3 is the driver we ship; plain postgresql:// would ask for psycopg2.
    if url.startswith("postgresql://"):
        return "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


class Database:
    """One engine and its session factory. Services open one transaction per call."""

    def __init__(self, url: str) -> None:
        self.url = _sqlalchemy_url(url)
        self.is_sqlite = self.url.startswith("sqlite")
        # A server connection may have been dropped while it sat in the pool: PostgreSQL's are tested first.
        self.engine: Engine = (sqlite_engine(self.url) if self.is_sqlite
                               else create_engine(self.url, pool_pre_ping=True))
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # SQLite has one writer at a time, and a writer that finds the file locked sleeps in steps of up to 100 ms
        # before it looks again: this process's writers queue here instead, and wait only for each other.
        self._writer = threading.Lock() if self.is_sqlite else None
        # This process (this Database) as the owner of the sends it claims, and the lock that says it is alive.
        self.owner = uuid.uuid4().hex
        self._owner_lock: Lock | None = None
        self._owner_guard = threading.Lock()
        self.intake = IntakeStore(self.engine)
        self._ping_guard = threading.Lock()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session inside one transaction: committed on success, rolled back on any error."""
        with self._writer or nullcontext(), self._sessions.begin() as session:
            yield session

    @contextmanager
    def snapshot(self) -> Iterator[Session]:
        """A session for a read made of several queries (App Home, an agenda, the digest) that must agree with each
        other: every query sees the store as it was at the first one, whatever commits meanwhile. On PostgreSQL a
        REPEATABLE READ transaction; on SQLite a deferred one, which keeps its WAL snapshot without taking the write
        lock."""
        with self._sessions.begin() as session:
            if self.is_sqlite:
                session.connection(execution_options={SNAPSHOT_OPTION: True})
            else:
                session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            yield session

    def ping(self, timeout: float = PING_TIMEOUT) -> str:
        """Whether the store answers: `ok`, `unreachable`, or `slow` when it gave no answer within `timeout` seconds
        (a SQLite file locked by another process, a PostgreSQL server that hangs). One ping at a time: while an
        earlier one still waits, the store counts as slow."""
        if not self._ping_guard.acquire(blocking=False):
            return "slow"
        answer: list[str] = []

        def ask() -> None:
            try:
                with self.engine.connect() as connection:
                    connection.execute(text("SELECT 1"))
                answer.append("ok")
            except Exception:
                answer.append("unreachable")
            finally:
                self._ping_guard.release()

        threading.Thread(target=ask, name="alinea-ping", daemon=True).start()
        deadline = time.monotonic() + timeout
        while not answer and time.monotonic() < deadline:
            time.sleep(0.005)
        return answer[0] if answer else "slow"

    def _alembic_config(self) -> Config:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["engine"] = self.engine
        return config

    def upgrade(self) -> None:
        """Apply every pending migration."""
        command.upgrade(self._alembic_config(), "head")

    def revision(self) -> str | None:
        with self.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    def head(self) -> str | None:
        return ScriptDirectory.from_config(self._alembic_config()).get_current_head()

    def at_head(self) -> bool:
        """Whether every migration has been applied."""
        return self.revision() == self.head()

    def prepare(self) -> None:
        """Make the schema usable at start: SQLite is migrated in place; PostgreSQL, shared by replicas,
        must have been migrated with `alinea db upgrade`."""
        if self.is_sqlite:
            self.upgrade()
        elif not self.at_head():
            raise SchemaOutOfDate("the database schema is not up to date: run `alinea db upgrade`")

    def hold_owner_lock(self) -> None:
        """Hold, until `dispose` or the process's death, the lock that tells others this owner is alive."""
        with self._owner_guard:
            if self._owner_lock is None:
                lock = _owner_lock(self.url, self.owner)
                if lock is None:
                    return
                if not lock.acquire():
                    raise RuntimeError("another process holds this process's owner lock")
                self._owner_lock = lock

    def owner_is_gone(self, owner: str) -> bool:
        """Whether the process that claimed as `owner` has ended (its lock is free). Never true for this one."""
        if owner == self.owner:
            return False
        lock = _owner_lock(self.url, owner)
        if lock is None or not lock.acquire():
            return False
        lock.release(forget=True)
        return True

    def dispose(self) -> None:
        self.intake.dispose()
        with self._owner_guard:
            if self._owner_lock is not None:
                self._owner_lock.release(forget=True)
                self._owner_lock = None
        self.engine.dispose()


def _owner_lock(url: str, owner: str) -> Lock | None:
    """None for an in-memory SQLite store, which only one process can see anyway."""
    # Advisory keys are 64-bit: the high half says "owner" ("aln" + 1), the low half comes from the owner's id.
    try:
        return lock_for(url, (0x616C6E01 << 32) | int(owner[:8], 16), f"owner-{owner}")
    except ValueError:
        return None
