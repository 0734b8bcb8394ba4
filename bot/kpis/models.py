"""Shared KPIs as they cross boundaries: a definition and a logged value (from the command or a modal, the same
model), and the KPIs services hand out with what their values say."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from bot.kpis.status import Cadence, Change, Direction, Status, against_target, change, sparkline, status
from bot.kpis.values import Quantity

SLUG_LIMIT = 40
SLUG_PATTERN = rf"[a-z0-9][a-z0-9-]{{0,{SLUG_LIMIT - 1}}}"  # a letter or digit, then letters, digits and dashes
NAME_LIMIT = 80
UNIT_LIMIT = 16
NOTE_LIMIT = 300
SPARK_POINTS = 12  # values behind a list's sparkline

KpiOwner = Literal["marketing", "it", "shared"]


class KpiDefinition(BaseModel):
    """A KPI as `/kpi define …` or the Define KPI modal gives it."""

    kind: Literal["define"] = "define"
    slug: str = Field(pattern=f"^{SLUG_PATTERN}$")
    name: str = Field(min_length=1, max_length=NAME_LIMIT)
    target: float
    unit: str | None = Field(default=None, max_length=UNIT_LIMIT)  # canonical: `%`, `$`, `€`, `£` or as typed
    direction: Direction = "up"
    owner: KpiOwner = "shared"
    cadence: Cadence = "weekly"


class KpiEntry(BaseModel):
    """A value to log, as `/kpi log …` or the Log KPI modal gives it."""

    kind: Literal["log"] = "log"
    slug: str
    quantity: Quantity
    on: date | None = None  # None: today, in the logger's time zone
    note: str | None = Field(default=None, max_length=NOTE_LIMIT)


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

    def last_value_status(self) -> Status | None:
        """What the latest value says against the target, however old it is; None before any value."""
        latest = self.latest
        return against_target(latest.value, self.target, self.direction) if latest else None

    def change(self) -> Change | None:
        latest, previous = self.latest, self.previous
        return change(latest.value, previous.value if previous else None, self.direction) if latest else None

    def sparkline(self) -> str:
        return sparkline([p.value for p in self.points[-SPARK_POINTS:]])


class DefineResult(BaseModel):
    kpi: KpiInfo
    created: bool


class LogResult(BaseModel):
    kpi: KpiInfo
    replaced: Point | None
    logged: Point | None = None  # the value logged (None only in results stored before it was kept)


class KpiReminder(BaseModel):
    """A leader's KPIs of the owning side(s) whose value is due by their cadence and missing, for the daily DM."""

    team_id: str
    user_id: str
    kpis: list[KpiInfo]
    periods: dict[str, str]  # slug -> the cadence period (`2026-W48`, `2026-11`) the reminder is for
