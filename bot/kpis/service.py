"""Shared KPIs: defined by leaders, logged by the sides that own them, read by everyone.
Each public function is one transaction and returns pydantic objects."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from bot.errors import InvalidInput, MessageKey, NotAllowed, NotFound
from bot.ids import Audit
from bot.kpis.status import Cadence, Change, Direction, Status, change, sparkline, status
from bot.kpis.values import Quantity, canonical_unit, contradicts, format_value
from bot.people import Actor
from bot.teams.service import leads
from storage import kpis as repo
from storage import teams as team_repo
from storage.db import Database
from storage.models import Kpi, KpiValue

KpiOwner = Literal["marketing", "it", "shared"]
SPARK_POINTS = 12  # values behind a list's sparkline
HISTORY_POINTS = 52  # values behind `/kpi show` and its chart


class KpiDraft(BaseModel):
    slug: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,39}$")
    name: str = Field(min_length=1, max_length=80)
    target: float
    unit: str | None = Field(default=None, max_length=16)
    direction: Direction = "up"
    owner: KpiOwner = "shared"
    cadence: Cadence = "weekly"


class Point(BaseModel):
    model_config = ConfigDict(frozen=True, from_attributes=True)

    measured_on: date
    value: float
    logged_by: str
    note: str | None


class KpiInfo(BaseModel):
    """A KPI with its newest values (oldest first), and what they say."""

    model_config = ConfigDict(frozen=True)

    slug: str
    name: str
    unit: str | None
    target: float
    direction: Direction
    owner: KpiOwner
    cadence: Cadence
    archived: bool
    points: list[Point]

    @property
    def latest(self) -> Point | None:
        return self.points[-1] if self.points else None

    @property
    def previous(self) -> Point | None:
        return self.points[-2] if len(self.points) > 1 else None

    def status(self, today: date) -> Status:
        latest = self.latest
        return status(latest.value if latest else None, latest.measured_on if latest else None, self.target,
                      self.direction, self.cadence, today)

    def change(self) -> Change | None:
        latest, previous = self.latest, self.previous
        return change(latest.value, previous.value if previous else None, self.direction) if latest else None

    def sparkline(self) -> str:
        return sparkline([p.value for p in self.points[-SPARK_POINTS:]])

    def show(self, number: float) -> str:
        """A value of this KPI as people read it: `3.2%`, `$40,000`, `12 days`."""
        return format_value(number, self.unit)


class DefineResult(BaseModel):
    kpi: KpiInfo
    created: bool


class LogResult(BaseModel):
    kpi: KpiInfo
    replaced: Point | None


def define(db: Database, actor: Actor, draft: KpiDraft, now: datetime) -> DefineResult:
    """A leader or admin defines a KPI, or redefines one with the same slug (which also brings it back from the
    archive)."""
    with db.transaction() as session:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        _require_leader(session, workspace, actor)
        kpi = repo.find(session, workspace, draft.slug)
        created = kpi is None
        if kpi is None:
            kpi = Kpi(workspace_id=workspace, slug=draft.slug, created_by=actor.user_id, created_at=now)
            session.add(kpi)
        kpi.name, kpi.target, kpi.unit = draft.name, draft.target, draft.unit
        kpi.direction, kpi.owner, kpi.cadence = draft.direction, draft.owner, draft.cadence
        kpi.updated_at, kpi.archived_at = now, None
        session.flush()
        team_repo.record(session, workspace, actor.user_id, Audit.KPI_DEFINE, draft.slug, now,
                         target=draft.target, created=created)
        return DefineResult(kpi=_info(session, kpi, SPARK_POINTS), created=created)


def log(db: Database, actor: Actor, slug: str, quantity: Quantity, day: date, note: str | None,
        now: datetime) -> LogResult:
    """Record the KPI's value for a day; a second value for the same day replaces the first."""
    if day > actor.today(now):
        raise InvalidInput("error.kpi_future_date", usage="usage.kpi")
    with db.transaction() as session:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        kpi = _kpi(session, workspace, slug)
        if kpi.archived_at is not None:
            raise InvalidInput("error.kpi_archived", slug=slug)
        _require_owner_side(session, workspace, actor, kpi)
        if contradicts(quantity, kpi.unit):
            raise InvalidInput("error.kpi_unit_mismatch", usage="usage.kpi", slug=slug,
                               given=quantity.symbol or "", unit=canonical_unit(kpi.unit) or "—")
        existing = repo.value_on(session, kpi.id, day)
        replaced = Point.model_validate(existing) if existing else None
        if existing is None:
            existing = KpiValue(kpi_id=kpi.id, measured_on=day)
            session.add(existing)
        existing.value, existing.logged_by, existing.note, existing.logged_at = (
            quantity.number, actor.user_id, note, now)
        session.flush()
        team_repo.record(session, workspace, actor.user_id, Audit.KPI_LOG, slug, now, day=day.isoformat(),
                         value=quantity.number, replaced=replaced is not None)
        return LogResult(kpi=_info(session, kpi, SPARK_POINTS), replaced=replaced)


def listing(db: Database, team_id: str, now: datetime) -> list[KpiInfo]:
    """Every active KPI with the values behind its sparkline, read in two queries."""
    with db.transaction() as session:
        kpis = repo.active(session, team_repo.workspace_id(session, team_id, now))
        values = repo.recent_values(session, [k.id for k in kpis], SPARK_POINTS)
        return [_as_info(kpi, values[kpi.id]) for kpi in kpis]


def show(db: Database, team_id: str, slug: str, now: datetime) -> KpiInfo:
    """One KPI with up to a year of weekly values."""
    with db.transaction() as session:
        return _info(session, _kpi(session, team_repo.workspace_id(session, team_id, now), slug), HISTORY_POINTS)


def archive(db: Database, actor: Actor, slug: str, now: datetime) -> KpiInfo:
    """Leaders and admins retire a KPI; its values stay, and defining the slug again brings it back."""
    with db.transaction() as session:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        _require_leader(session, workspace, actor)
        kpi = _kpi(session, workspace, slug)
        kpi.archived_at = kpi.archived_at or now
        team_repo.record(session, workspace, actor.user_id, Audit.KPI_ARCHIVE, slug, now)
        return _info(session, kpi, SPARK_POINTS)


def _kpi(session: Session, workspace: int, slug: str) -> Kpi:
    kpi = repo.find(session, workspace, slug)
    if kpi is None:
        raise NotFound("error.kpi_not_found", slug=slug)
    return kpi


def _require_leader(session: Session, workspace: int, actor: Actor) -> None:
    if not leads(session, workspace, actor):
        raise NotAllowed("error.kpi_leaders_only")


def _require_owner_side(session: Session, workspace: int, actor: Actor, kpi: Kpi) -> None:
    if actor.is_admin:
        return
    member = team_repo.find_member(session, workspace, actor.user_id)
    if member is None or kpi.owner not in ("shared", member.side):
        raise NotAllowed("error.kpi_log_who", slug=kpi.slug, owner=MessageKey(f"kpi.owner.{kpi.owner}"))


def _info(session: Session, kpi: Kpi, points: int) -> KpiInfo:
    return _as_info(kpi, repo.recent_values(session, [kpi.id], points)[kpi.id])


def _as_info(kpi: Kpi, values: list[KpiValue]) -> KpiInfo:
    return KpiInfo(slug=kpi.slug, name=kpi.name, unit=kpi.unit, target=kpi.target, direction=kpi.direction,
                   owner=kpi.owner, cadence=kpi.cadence, archived=kpi.archived_at is not None,
                   points=[Point.model_validate(v) for v in values])
