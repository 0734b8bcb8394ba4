"""The few statements SQLite and PostgreSQL spell differently, and how every SQLite file is opened."""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import DeclarativeBase, Session

SNAPSHOT_OPTION = "alinea_snapshot"  # an execution option: begin this SQLite transaction deferred (Database.snapshot)


def insert_or_ignore(session: Session, model: type[DeclarativeBase], **values: Any) -> bool:
    """INSERT … ON CONFLICT DO NOTHING; True when a row went in."""
    return insert_new(session, model, **values) is not None


def insert_new(executor: Session | Connection, model: type[DeclarativeBase], **values: Any) -> Any:
    """INSERT … ON CONFLICT DO NOTHING; the new row's primary key, None when the row was there. (RETURNING tells,
    where rowcount does not: psycopg reports no count for this statement.)"""
    dialect = executor.get_bind().dialect if isinstance(executor, Session) else executor.dialect
    return executor.execute(_insert_new(model, dialect.name), values).scalar()


@cache
def _insert_new(model: type[DeclarativeBase], dialect: str) -> Any:
    """The statement, built once per table and dialect; the values come with each execution."""
    table = model.__table__  # type: ignore[attr-defined]
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    return insert(table).on_conflict_do_nothing().returning(*table.primary_key.columns)


def upsert(session: Session, model: type[DeclarativeBase], keys: tuple[str, ...], **values: Any) -> None:
    """INSERT … ON CONFLICT (keys) DO UPDATE the other values: one statement, so two racing writers never clash."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = insert(model).values(**values)
    changed = {name: value for name, value in values.items() if name not in keys}
    session.execute(statement.on_conflict_do_update(index_elements=list(keys), set_=changed))


def sqlite_engine(url: str) -> Engine:
    """An engine on a SQLite file, shared by threads, set up as every Alinea file is (`sqlite_pragmas`), whose
    transactions begin as `sqlite_begin` says."""
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
    event.listen(engine, "connect", sqlite_pragmas)
    event.listen(engine, "begin", sqlite_begin)
    return engine


def sqlite_pragmas(dbapi_connection, _record=None) -> None:  # type: ignore[no-untyped-def]
    """Set up a sqlite3 connection: transactions begin when SQLAlchemy says (`sqlite_begin`), foreign keys hold, and
    the file is in WAL mode with synchronous=NORMAL, which syncs at checkpoints rather than at every commit: a commit
    survives the process's death (SIGKILL, OOM), though not the machine's power loss; production stores are
    PostgreSQL."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def sqlite_begin(connection) -> None:  # type: ignore[no-untyped-def]
    """IMMEDIATE takes the write lock up front: two requests racing to change one row queue up instead of one
    failing with "database is locked" when it upgrades a read snapshot to a write. A snapshot only reads."""
    snapshot = connection.get_execution_options().get(SNAPSHOT_OPTION)
    connection.exec_driver_sql("BEGIN" if snapshot else "BEGIN IMMEDIATE")
