"""Locks that die with their process, shared by every process on one store.

On PostgreSQL a session-level advisory lock on a connection of its own: if the process dies, the database ends
its session and frees the lock. On SQLite (one machine) an exclusive `flock` on a file beside the database, which
the kernel frees when the process dies.
"""

from __future__ import annotations

import fcntl
import logging
import os
from pathlib import Path
from typing import Protocol

from sqlalchemy import Connection, create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

log = logging.getLogger(__name__)


class Lock(Protocol):
    def acquire(self) -> bool:
        """Take the lock if nobody holds it; True when it is ours now."""
        ...

    def held(self) -> bool:
        """Whether the lock is still ours (a PostgreSQL connection can be lost)."""
        ...

    def release(self, forget: bool = False) -> None:
        """Let go; with `forget`, also remove what the lock leaves behind (only for locks nobody takes over)."""
        ...


class PostgresLock:
    def __init__(self, url: str, key: int) -> None:
        # A connection of its own, never returned to a pool: the lock lives exactly as long as it does.
        self._engine = create_engine(url, poolclass=NullPool)
        self._key = key
        self._connection: Connection | None = None

    def acquire(self) -> bool:
        if self._connection is not None:
            return True
        connection = self._engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        try:
            got = bool(connection.execute(select(func.pg_try_advisory_lock(self._key))).scalar())
        except Exception:
            connection.close()
            raise
        if got:
            self._connection = connection
        else:
            connection.close()
        return got

    def held(self) -> bool:
        if self._connection is None:
            return False
        try:
            self._connection.execute(text("SELECT 1"))
            return True
        except Exception:
            log.warning("lost a lock's connection")
            self._drop()
            return False

    def release(self, forget: bool = False) -> None:
        if self._connection is not None:
            try:
                self._connection.execute(select(func.pg_advisory_unlock(self._key)))
            except Exception:
                pass
            self._drop()

    def _drop(self) -> None:
        try:
            if self._connection is not None:
                self._connection.invalidate()
                self._connection.close()
        finally:
            self._connection = None


class FileLock:
    def __init__(self, path: Path) -> None:
        self._path = path
        self._fd: int | None = None

    def acquire(self) -> bool:
        if self._fd is not None:
            return True
        fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def held(self) -> bool:
        return self._fd is not None

    def release(self, forget: bool = False) -> None:
        if self._fd is not None:
            if forget:
                self._path.unlink(missing_ok=True)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def lock_for(database_url: str, key: int, name: str) -> Lock:
    """The lock called `name` (a file name) on SQLite, `key` (a 64-bit number) on PostgreSQL."""
    url = make_url(database_url)
    if url.get_backend_name() == "postgresql":
        return PostgresLock(database_url, key)
    database = url.database or ""
    if database in ("", ":memory:"):
        raise ValueError("locks need a SQLite file or PostgreSQL, not an in-memory database")
    return FileLock(Path(f"{database}.{name}.lock"))
