"""How a KPI is doing: its status, its change against the previous value, and a sparkline.
Pure functions over numbers and dates; `today` is injected."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel

Direction = Literal["up", "down"]
Cadence = Literal["weekly", "monthly"]
CADENCE_DAYS: dict[str, int] = {"weekly": 7, "monthly": 31}
AT_RISK_BAND = 0.1  # within 10% of the target
SPARK_BARS = "▁▂▃▄▅▆▇█"


class Status(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    STALE = "stale"


def status(
    latest: float | None, latest_on: date | None, target: float, direction: Direction, cadence: Cadence, today: date
) -> Status:
    """The KPI's status on `today`:

    - STALE when there is no value, or the latest is more than the cadence's days old
      (`(today - latest_on).days > CADENCE_DAYS[cadence]`: 7 for weekly, 31 for monthly);
    - ON_TRACK when the latest value meets the target in the KPI's direction (up: `latest >= target`,
      down: `latest <= target`);
    - AT_RISK when it misses, but by at most 10% of the target (`abs(latest - target) <= 0.1 * abs(target)`);
    - OFF_TRACK otherwise. With a target of 0 only meeting it counts: there is no band.

    The band check forgives float noise (2.88 is exactly 10% below 3.2, though `3.2 - 2.88` is not 0.32)."""
    if latest is None or latest_on is None or is_stale(latest_on, cadence, today):
        return Status.STALE
    return against_target(latest, target, direction)


def is_stale(latest_on: date, cadence: Cadence, today: date) -> bool:
    """Whether a value measured on `latest_on` is older than the cadence allows on `today`."""
    return (today - latest_on).days > CADENCE_DAYS[cadence]


def against_target(value: float, target: float, direction: Direction) -> Status:
    """What a value says against the target, whatever its age: ON_TRACK, AT_RISK or OFF_TRACK (see `status`)."""
    if (value >= target) if direction == "up" else (value <= target):
        return Status.ON_TRACK
    gap, band = abs(value - target), AT_RISK_BAND * abs(target)
    if gap <= band * (1 + 1e-9):
        return Status.AT_RISK
    return Status.OFF_TRACK


class Change(BaseModel):
    """The latest value against the previous one."""

    delta: float
    ratio: float | None  # delta / abs(previous); None when the previous value is 0
    improved: bool | None  # None when nothing moved; else whether it moved in the KPI's direction


def change(latest: float, previous: float | None, direction: Direction) -> Change | None:
    """How the latest value moved from the previous one; None when there is no previous value."""
    if previous is None:
        return None
    delta = latest - previous
    ratio = delta / abs(previous) if previous != 0 else None
    improved = None if delta == 0 else (delta > 0) == (direction == "up")
    return Change(delta=delta, ratio=ratio, improved=improved)


def sparkline(values: Sequence[float], width: int = 12) -> str:
    """The last `width` values as bars from `▁` (the lowest) to `█` (the highest); all equal values give `▄`s,
    no values an empty string. Values that are not finite numbers are left out."""
    if width <= 0:
        return ""
    shown = [value for value in values if math.isfinite(value)][-width:]
    if not shown:
        return ""
    low, high = min(shown), max(shown)
    if low == high:
        return SPARK_BARS[3] * len(shown)
    # halved when huge values of opposite signs would make the span overflow to inf
    scale = 1.0 if math.isfinite(high - low) else 0.5
    span = high * scale - low * scale
    top = len(SPARK_BARS) - 1
    return "".join(SPARK_BARS[min(top, max(0, round((value * scale - low * scale) / span * top)))] for value in shown)
