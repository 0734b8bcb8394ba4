"""The few statements SQLite and PostgreSQL spell differently."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import DeclarativeBase, Session


def insert_or_ignore(session: Session, model: type[DeclarativeBase], **values: Any) -> bool:
    """INSERT … ON CONFLICT DO NOTHING; True when a row went in."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    return session.execute(insert(model).values(**values).on_conflict_do_nothing()).rowcount == 1
