"""The few statements SQLite and PostgreSQL spell differently."""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import DeclarativeBase, Session


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
