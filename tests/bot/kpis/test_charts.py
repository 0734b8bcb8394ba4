"""KPI charts come out as valid 1000×500 PNGs for any series, and can be drawn from many threads at once."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import pytest
from matplotlib.image import imread

from bot.kpis.charts import date_labels, kpi_chart, kpi_figure
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


# --- the reader's language on the axes ----------------------------------------------------------------------


def axis_labels(figure) -> tuple[list[str], list[str], str]:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure).draw()
    [axes] = figure.axes
    return ([label.get_text() for label in axes.get_xticklabels()],
            [label.get_text() for label in axes.get_yticklabels()], axes.get_ylabel())


def months(lang, start: date = date(2026, 6, 1), count: int = 8) -> list[tuple[date, float]]:
    return [(date(start.year + (start.month - 1 + i) // 12, (start.month - 1 + i) % 12 + 1, 1), 1000.0 + 250 * i)
            for i in range(count)]


def test_a_spanish_chart_names_months_in_spanish_with_the_year_where_it_changes():
    x, y, _ = axis_labels(kpi_figure(months("es"), 1500, "MQLs", "meta 1.500", lang="es"))
    assert x and all("Dec" not in label and "-" not in label for label in x)
    assert "dic" in x and "ene\n2027" in x and x[0].endswith("\n2026")
    assert "1.500" in y and all("," not in label for label in y)


def test_an_english_chart_names_months_in_english():
    x, y, _ = axis_labels(kpi_figure(months("en"), 1500, "MQLs", "target 1,500", lang="en"))
    assert "Dec" in x and "Jan\n2027" in x and "1,500" in y


def test_weekly_charts_name_days_the_readers_way():
    x, _, _ = axis_labels(kpi_figure(weeks(1, 2, 3, 4, 5, 6), 3, "K", "meta", lang="es"))
    assert x[0] == "5 ene\n2026" and all(label.split("\n")[0].split()[1] in {"ene", "feb"} for label in x)
    x, _, _ = axis_labels(kpi_figure(weeks(1, 2, 3, 4, 5, 6), 3, "K", "target", lang="en"))
    assert x[0] == "Jan 5\n2026"


@pytest.mark.parametrize(("unit", "lang", "shown", "label"), [
    ("%", "es", "3,50\u00a0%", ""),  # ticks 0.25 apart: two decimals on every one
    ("%", "en", "3.50%", ""),
    ("$", "en", "$3.50", ""),
    ("€", "es", "3,50\u00a0€", ""),
    ("days", "en", "3.50", "days"),
    (None, "es", "3,50", ""),
])
def test_the_value_axis_carries_the_unit_and_the_readers_decimal_mark(unit, lang, shown, label):
    _, y, ylabel = axis_labels(kpi_figure(weeks(2.5, 3.0, 3.5, 4.0), 3.5, "K", "T", lang=lang, unit=unit))
    assert shown in y and ylabel == label
    assert len({len(text.split(",")[-1]) for text in y if "," in text}) <= 1  # one number of decimals on the axis


def test_date_labels_of_yearly_ticks_are_years():
    assert date_labels([date(2025, 1, 1), date(2026, 1, 1)], "es") == ["2025", "2026"]
    assert date_labels([date(2026, 11, 1), date(2026, 12, 1), date(2027, 1, 1)], "es") == [
        "nov\n2026", "dic", "ene\n2027"]


def test_a_chart_for_a_spanish_reader_is_a_valid_png():
    assert_png(kpi_chart(months("es"), 1500, "MQLs", "meta 1.500", lambda v: f"{v:.0f}", "es", "€"))
