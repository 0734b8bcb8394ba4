"""Repository for KPIs and their values."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from storage.dialect import insert_or_ignore, upsert
from storage.models import Kpi, KpiValue, Workspace


def find(session: Session, workspace: int, slug: str) -> Kpi | None:
    return session.scalar(select(Kpi).where(Kpi.workspace_id == workspace, Kpi.slug == slug))


def define(session: Session, workspace: int, slug: str, created_by: str, now: datetime, **values: object) -> bool:
    """Define the KPI `slug` with `values`, or redefine it (bringing it back from the archive); True when it is new.
    One row however many requests define it at once."""
    created = insert_or_ignore(session, Kpi, workspace_id=workspace, slug=slug, created_by=created_by, created_at=now,
                               updated_at=now, **values)
    session.execute(update(Kpi).where(Kpi.workspace_id == workspace, Kpi.slug == slug)
                    .values(updated_at=now, archived_at=None, **values))
    _changed(session, workspace)
    return created


def archive(session: Session, kpi: Kpi, now: datetime) -> None:
    kpi.archived_at = kpi.archived_at or now
    _changed(session, kpi.workspace_id)


def put_value(session: Session, kpi_id: int, day: date, value: float, logged_by: str, note: str | None,
              now: datetime) -> None:
    """The KPI's value for a day, replacing any value logged for it before."""
    upsert(session, KpiValue, ("kpi_id", "measured_on"), kpi_id=kpi_id, measured_on=day, value=value,
           logged_by=logged_by, note=note, logged_at=now)
    _changed(session, select(Kpi.workspace_id).where(Kpi.id == kpi_id).scalar_subquery())
    session.expire_all()  # rows read before the statement are stale


def revision(session: Session, workspace: int) -> int:
    """How many times the workspace's KPIs or their values changed: equal revisions, equal listings."""
    return session.scalar(select(Workspace.kpi_revision).where(Workspace.id == workspace)) or 0


def _changed(session: Session, workspace: object) -> None:
    """Count a change to the workspace's KPIs or their values, in the transaction that makes it."""
    table = Workspace.__table__  # on the table: no workspace of this session to refresh
    session.execute(update(table).where(table.c.id == workspace)  # type: ignore[attr-defined]
                    .values(kpi_revision=table.c.kpi_revision + 1))  # type: ignore[attr-defined]


def active(session: Session, workspace: int) -> list[Kpi]:
    query = select(Kpi).where(Kpi.workspace_id == workspace, Kpi.archived_at.is_(None)).order_by(Kpi.slug)
    return list(session.scalars(query))


def value_on(session: Session, kpi_id: int, day: date) -> KpiValue | None:
    return session.scalar(select(KpiValue).where(KpiValue.kpi_id == kpi_id, KpiValue.measured_on == day))


def recent_values(session: Session, kpi_ids: list[int], per_kpi: int) -> dict[int, list[KpiValue]]:
    """The newest `per_kpi` values of each KPI, oldest first, in one query (a window function)."""
    if not kpi_ids:
        return {}
    rank = func.row_number().over(partition_by=KpiValue.kpi_id, order_by=KpiValue.measured_on.desc()).label("rank")
    ranked = select(KpiValue.id, rank).where(KpiValue.kpi_id.in_(kpi_ids)).subquery()
    query = (
        select(KpiValue)
        .join(ranked, ranked.c.id == KpiValue.id)
        .where(ranked.c.rank <= per_kpi)
        .order_by(KpiValue.kpi_id, KpiValue.measured_on)
    )
    result: dict[int, list[KpiValue]] = {kpi_id: [] for kpi_id in kpi_ids}
    for value in session.scalars(query):
        result[value.kpi_id].append(value)
    return result
