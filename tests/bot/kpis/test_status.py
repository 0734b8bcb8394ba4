"""KPI status, change and sparkline (bot/kpis/status.py): on track when the latest value meets the target in its
direction, at risk within 10% of it, off track otherwise, stale when no value came within its cadence:
boundaries of every rule, and properties (monotone toward the target, stale exactly past the cadence)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.kpis.status import CADENCE_DAYS, Change, Status, change, sparkline, status
from tests.strategies import property_settings

TODAY = date(2026, 11, 25)
FRESH = TODAY - timedelta(days=1)
SEVERITY = {Status.ON_TRACK: 0, Status.AT_RISK: 1, Status.OFF_TRACK: 2}


def fresh(latest: float | None, target: float, direction: str = "up") -> Status:
    return status(latest, FRESH if latest is not None else None, target, direction, "weekly", TODAY)  # type: ignore[arg-type]


# --- status: the target and the 10% band ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("latest", "target", "direction", "expected"),
    [
        # up: meeting means at or above
        (100, 100, "up", Status.ON_TRACK),  # exactly at target
        (100.01, 100, "up", Status.ON_TRACK),
        (1e9, 100, "up", Status.ON_TRACK),
        (99.99, 100, "up", Status.AT_RISK),
        (90, 100, "up", Status.AT_RISK),  # exactly 10% away
        (89.99, 100, "up", Status.OFF_TRACK),  # just beyond
        (0, 100, "up", Status.OFF_TRACK),
        # down: meeting means at or below
        (100, 100, "down", Status.ON_TRACK),
        (99.99, 100, "down", Status.ON_TRACK),
        (-1e9, 100, "down", Status.ON_TRACK),
        (100.01, 100, "down", Status.AT_RISK),
        (110, 100, "down", Status.AT_RISK),  # exactly 10% away
        (110.01, 100, "down", Status.OFF_TRACK),  # just beyond
        # decimals whose 10% band is not exact in binary still count as exactly 10% away
        (2.88, 3.2, "up", Status.AT_RISK),
        (3.52, 3.2, "down", Status.AT_RISK),
        (0.27, 0.3, "up", Status.AT_RISK),
        (0.33, 0.3, "down", Status.AT_RISK),
        (2.8799, 3.2, "up", Status.OFF_TRACK),
        (3.5201, 3.2, "down", Status.OFF_TRACK),
        # negative targets: the band is 10% of the target's size
        (-100, -100, "up", Status.ON_TRACK),
        (-95, -100, "up", Status.ON_TRACK),
        (-110, -100, "up", Status.AT_RISK),
        (-110.01, -100, "up", Status.OFF_TRACK),
        (-100, -100, "down", Status.ON_TRACK),
        (-105, -100, "down", Status.ON_TRACK),
        (-90, -100, "down", Status.AT_RISK),
        (-89.99, -100, "down", Status.OFF_TRACK),
        # a zero target has no band: only meeting it counts
        (0, 0, "up", Status.ON_TRACK),
        (0.5, 0, "up", Status.ON_TRACK),
        (-0.0001, 0, "up", Status.OFF_TRACK),
        (0, 0, "down", Status.ON_TRACK),
        (-3, 0, "down", Status.ON_TRACK),
        (0.0001, 0, "down", Status.OFF_TRACK),
    ],
)
def test_status_against_the_target(latest: float, target: float, direction: str, expected: Status) -> None:
    assert fresh(latest, target, direction) is expected


# --- status: staleness ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cadence", "age", "stale"),
    [
        ("weekly", 0, False),
        ("weekly", 7, False),  # exactly a week old is still within the cadence
        ("weekly", 8, True),
        ("monthly", 8, False),
        ("monthly", 31, False),
        ("monthly", 32, True),
    ],
)
def test_status_is_stale_only_past_the_cadence(cadence: str, age: int, stale: bool) -> None:
    result = status(120, TODAY - timedelta(days=age), 100, "up", cadence, TODAY)  # type: ignore[arg-type]
    assert result is (Status.STALE if stale else Status.ON_TRACK)


def test_stale_wins_over_every_other_status() -> None:
    old = TODAY - timedelta(days=8)
    for latest in (50, 95, 150):
        assert status(latest, old, 100, "up", "weekly", TODAY) is Status.STALE


def test_no_value_is_stale() -> None:
    assert status(None, None, 100, "up", "weekly", TODAY) is Status.STALE
    assert status(None, TODAY, 100, "down", "monthly", TODAY) is Status.STALE
    assert status(100, None, 100, "up", "weekly", TODAY) is Status.STALE


def test_a_value_dated_after_today_is_not_stale() -> None:
    """A value logged in another time zone may be dated tomorrow for the reader."""
    assert status(100, TODAY + timedelta(days=1), 100, "up", "weekly", TODAY) is Status.ON_TRACK


def test_status_values_are_stable_identifiers() -> None:
    assert [s.value for s in Status] == ["on_track", "at_risk", "off_track", "stale"]
    assert CADENCE_DAYS == {"weekly": 7, "monthly": 31}


def test_status_docstring_states_the_rules() -> None:
    doc = status.__doc__ or ""
    for rule in ("STALE", "ON_TRACK", "AT_RISK", "OFF_TRACK", ">=", "<=", "10%"):
        assert rule in doc


# --- change -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("latest", "previous", "direction", "expected"),
    [
        (120, 100, "up", Change(delta=20, ratio=0.2, improved=True)),
        (80, 100, "up", Change(delta=-20, ratio=-0.2, improved=False)),
        (120, 100, "down", Change(delta=20, ratio=0.2, improved=False)),
        (80, 100, "down", Change(delta=-20, ratio=-0.2, improved=True)),
        (100, 100, "up", Change(delta=0, ratio=0.0, improved=None)),
        (100, 100, "down", Change(delta=0, ratio=0.0, improved=None)),
        (5, 0, "up", Change(delta=5, ratio=None, improved=True)),  # no ratio against zero
        (0, 0, "down", Change(delta=0, ratio=None, improved=None)),
        (-50, -100, "up", Change(delta=50, ratio=0.5, improved=True)),  # ratio against the previous size
        (-150, -100, "up", Change(delta=-50, ratio=-0.5, improved=False)),
    ],
)
def test_change(latest: float, previous: float, direction: str, expected: Change) -> None:
    assert change(latest, previous, direction) == expected  # type: ignore[arg-type]


def test_no_change_without_a_previous_value() -> None:
    assert change(100, None, "up") is None


# --- sparkline --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "width", "expected"),
    [
        ([], 12, ""),
        ([5], 12, "▄"),
        ([5, 5, 5], 12, "▄▄▄"),
        ([1, 8], 12, "▁█"),
        ([1, 2, 3, 4, 5, 6, 7, 8], 12, "▁▂▃▄▅▆▇█"),
        ([8, 7, 6, 5, 4, 3, 2, 1], 12, "█▇▆▅▄▃▂▁"),
        ([0, 100, 50], 12, "▁█▅"),
        ([-10, 0, 10], 12, "▁▅█"),
        (list(range(20)), 12, "▁▂▂▃▄▄▅▅▆▇▇█"),  # the last 12 only: 8..19
        ([1, 2, 3], 2, "▁█"),
        ([1, 2, 3], 0, ""),
        ([1, 2, 3], -1, ""),
        ([1, float("nan"), 3, float("inf")], 12, "▁█"),  # what is not a number is left out
        ([-1.7e308, 1.7e308], 12, "▁█"),  # a span past float's range does not break
    ],
)
def test_sparkline(values: list[float], width: int, expected: str) -> None:
    assert sparkline(values, width) == expected


def test_sparkline_default_width_is_twelve() -> None:
    assert len(sparkline(list(range(100)))) == 12


# --- properties -------------------------------------------------------------------------------------------

PROPERTY_SETTINGS = property_settings(max_examples=500)
numbers = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False) | st.integers(-1000, 1000).map(float)
directions = st.sampled_from(["up", "down"])
cadences = st.sampled_from(["weekly", "monthly"])


@PROPERTY_SETTINGS
@given(numbers, numbers, directions, st.floats(min_value=0, max_value=1))
def test_moving_toward_the_target_never_makes_the_status_worse(
    latest: float, target: float, direction: str, fraction: float
) -> None:
    moved = latest + (target - latest) * fraction
    moved = min(max(moved, min(latest, target)), max(latest, target))  # rounding never overshoots the target
    before = fresh(latest, target, direction)
    after = fresh(moved, target, direction)
    assert SEVERITY[after] <= SEVERITY[before], (latest, moved, target, direction, before, after)


@PROPERTY_SETTINGS
@given(numbers, numbers, directions, cadences, st.integers(-5, 400))
def test_stale_exactly_when_older_than_the_cadence(
    latest: float, target: float, direction: str, cadence: str, age: int
) -> None:
    result = status(latest, TODAY - timedelta(days=age), target, direction, cadence, TODAY)  # type: ignore[arg-type]
    assert (result is Status.STALE) == (age > CADENCE_DAYS[cadence])


@PROPERTY_SETTINGS
@given(numbers, numbers, directions)
def test_meeting_the_target_is_on_track_and_missing_it_never_is(latest: float, target: float, direction: str) -> None:
    meets = latest >= target if direction == "up" else latest <= target
    assert (fresh(latest, target, direction) is Status.ON_TRACK) == meets


@PROPERTY_SETTINGS
@given(numbers, st.none() | numbers, directions)
def test_change_is_consistent(latest: float, previous: float | None, direction: str) -> None:
    result = change(latest, previous, direction)  # type: ignore[arg-type]
    if previous is None:
        assert result is None
        return
    assert result is not None and result.delta == latest - previous
    if result.improved is None:
        assert latest == previous
    else:
        assert result.improved == (fresh(latest, previous, direction) is Status.ON_TRACK)


@PROPERTY_SETTINGS
@given(st.lists(st.floats(allow_nan=False, allow_infinity=False), max_size=40), st.integers(1, 30))
def test_sparkline_shape(values: list[float], width: int) -> None:
    line = sparkline(values, width)
    shown = values[-width:]
    assert len(line) == len(shown)
    assert set(line) <= set("▁▂▃▄▅▆▇█")
    if shown and min(shown) != max(shown):
        assert line[shown.index(min(shown))] == "▁" and line[shown.index(max(shown))] == "█"
