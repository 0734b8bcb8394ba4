"""The few statements SQLite and PostgreSQL spell differently."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import DeclarativeBase, Session


def insert_or_ignore(session: Session, model: type[DeclarativeBase], **values: Any) -> bool:
    """INSERT … ON CONFLICT DO NOTHING; True when a row went in. (RETURNING tells, where rowcount does not:
    psycopg reports no count for this statement.)"""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    key = next(iter(model.__table__.primary_key.columns))  # type: ignore[attr-defined]
    statement = insert(model).values(**values).on_conflict_do_nothing().returning(key)
    return session.execute(statement).first() is not None


def upsert(session: Session, model: type[DeclarativeBase], keys: tuple[str, ...], **values: Any) -> None:
    """INSERT … ON CONFLICT (keys) DO UPDATE the other values: one statement, so two racing writers never clash."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = insert(model).values(**values)
    changed = {name: value for name, value in values.items() if name not in keys}
    session.execute(statement.on_conflict_do_update(index_elements=list(keys), set_=changed))
