"""KPI charts come out as valid 1000×500 PNGs for any series, and can be drawn from many threads at once."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import pytest
from matplotlib.image import imread

from bot.kpis.charts import kpi_chart
from tests.helpers import PNG_SIGNATURE


def weeks(*values: float) -> list[tuple[date, float]]:
    start = date(2026, 1, 5)
    return [(start + timedelta(weeks=i), value) for i, value in enumerate(values)]


def assert_png(png: bytes) -> None:
    assert png.startswith(PNG_SIGNATURE)
    image = imread(io.BytesIO(png), format="png")
    assert image.shape[:2] == (500, 1000) and image.shape[2] in (3, 4)


def percent(value: float) -> str:
    return f"{value:.0%}"


def test_draws_a_series_against_its_target():
    assert_png(kpi_chart(weeks(0.3, 0.35, 0.42), 0.4, "Lead conversion", "Target 40%", percent))


@pytest.mark.parametrize(
    "points",
    [
        weeks(0.5),  # one point
        weeks(7, 7, 7, 7),  # all equal
        weeks(0, 0),  # all zero
        weeks(-3.5, -1.0, -2.25),  # negative
        weeks(*(i % 17 - 8 for i in range(200))),  # many points
        list(reversed(weeks(1, 2, 3, 4))),  # dates out of order
    ],
    ids=["one-point", "equal", "zero", "negative", "200-points", "out-of-order"],
)
def test_draws_awkward_series(points):
    assert_png(kpi_chart(points, 0, "Awkward", "Target", percent))


def test_value_label_is_optional():
    assert_png(kpi_chart(weeks(1, 2), 3, "No label", "Target"))


def test_empty_series_is_refused():
    with pytest.raises(ValueError):
        kpi_chart([], 1, "Empty", "Target")


def test_different_series_give_different_images():
    assert kpi_chart(weeks(1, 2, 3), 2, "KPI", "Target") != kpi_chart(weeks(3, 2, 1), 2, "KPI", "Target")


def test_draws_concurrently_from_threads():
    def draw(n: int) -> bytes:
        return kpi_chart(weeks(*range(n, n + 30)), n + 15, f"KPI {n}", "Target", str)

    with ThreadPoolExecutor(max_workers=8) as pool:
        pngs = list(pool.map(draw, range(8)))
    for png in pngs:
        assert_png(png)
    assert len(set(pngs)) == 8
