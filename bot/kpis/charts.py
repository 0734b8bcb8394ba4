"""KPI charts as PNG images, for uploading to Slack.

Drawn with matplotlib's Agg renderer through `Figure` and `FigureCanvasAgg` directly, never `pyplot`, so no
global figure state is touched and charts can be drawn from several threads of a server at once. matplotlib is
imported when the first chart is drawn, not when the server starts: it is most of a process's memory otherwise.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from bot.i18n import Language, t
from bot.kpis.values import CURRENCIES, canonical_unit, format_value

if TYPE_CHECKING:
    from matplotlib.figure import Figure

WIDTH_PX, HEIGHT_PX, DPI = 1000, 500, 100
# Okabe-Ito colours, told apart by colour-blind readers; the target is also dashed, so it never rests on colour.
VALUE_COLOUR = "#0072B2"  # blue
TARGET_COLOUR = "#D55E00"  # vermillion
_MARGIN = 0.1  # share of the value range left free above and below
_SINGLE_DAY_SPAN = timedelta(days=3)  # shown either side of a chart's only date


def kpi_chart(
    points: Sequence[tuple[date, float]],
    target: float,
    title: str,
    target_label: str,
    value_label: Callable[[float], str] | None = None,
    lang: Language = "en",
    unit: str | None = None,
) -> bytes:
    """Draw a KPI's values over time against its target, and return the chart as PNG bytes (see `kpi_figure`).

    Raises ValueError when `points` is empty.
    """
    return png_of(kpi_figure(points, target, title, target_label, value_label, lang, unit))


def png_of(figure: Figure) -> bytes:
    """A figure drawn by the Agg renderer, as PNG bytes."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    buffer = io.BytesIO()
    FigureCanvasAgg(figure).print_png(buffer)
    return buffer.getvalue()


def kpi_figure(
    points: Sequence[tuple[date, float]],
    target: float,
    title: str,
    target_label: str,
    value_label: Callable[[float], str] | None = None,
    lang: Language = "en",
    unit: str | None = None,
) -> Figure:
    """A KPI's values over time against its target, for a reader of `lang`, as a matplotlib `Figure`.

    The values are a line with markers in date order (the points may come in any order), the target a dashed
    horizontal line named `target_label` in the legend. When `value_label` is given, the latest value is
    annotated with `value_label(latest)`, e.g. "42%". The image is 1000×500 px at 100 dpi, with a light grid.
    The date axis names months in the reader's language (`dic`, `Dec`), with the year under the first date and
    wherever it changes; the value axis reads the reader's way (`1.234,5`, `1,234.5`), with `%` or the currency
    on each value and any other unit (`days`) as the axis's label. The y-axis always shows the target, even for
    one point or all-equal values.

    Raises ValueError when `points` is empty.
    """
    from matplotlib.dates import AutoDateLocator, num2date
    from matplotlib.figure import Figure

    if not points:
        raise ValueError("a KPI chart needs at least one point")
    dates, values = zip(*sorted(points, key=lambda point: point[0]), strict=True)

    figure = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI, layout="tight")
    axes = figure.add_subplot()
    axes.plot(dates, values, color=VALUE_COLOUR, marker="o", linewidth=2, markersize=5, zorder=3)
    axes.axhline(target, color=TARGET_COLOUR, linestyle="--", linewidth=1.5, label=target_label, zorder=2)
    if value_label is not None:
        axes.annotate(
            value_label(values[-1]),
            xy=(dates[-1], values[-1]),
            xytext=(0, 10),
            textcoords="offset points",
            ha="center",
            color=VALUE_COLOUR,
            fontweight="bold",
            bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.8},
        )

    if dates[0] == dates[-1]:  # matplotlib would otherwise spread a single date over years
        axes.set_xlim(dates[0] - _SINGLE_DAY_SPAN, dates[0] + _SINGLE_DAY_SPAN)
    axes.set_ylim(*_y_limits([*values, target]))
    # Ticks are placed by matplotlib and named here: its own names are English (`Dec`, `2026-Dec`) and its numbers
    # have neither the reader's separators nor the unit.
    x_limits, y_limits = axes.get_xlim(), axes.get_ylim()
    x_ticks = [tick for tick in AutoDateLocator().tick_values(num2date(x_limits[0]), num2date(x_limits[1]))
               if x_limits[0] <= tick <= x_limits[1]]
    axes.set_xticks(x_ticks, date_labels([num2date(tick).date() for tick in x_ticks], lang))
    y_ticks = [tick for tick in axes.get_yticks() if y_limits[0] <= tick <= y_limits[1]]
    axes.set_yticks(y_ticks, value_labels(y_ticks, unit, lang))
    axes.set_xlim(*x_limits)
    axes.set_ylim(*y_limits)
    if (canonical := canonical_unit(unit)) is not None and canonical != "%" and canonical not in CURRENCIES:
        axes.set_ylabel(canonical)
    axes.set_title(title, fontsize=14, loc="left")
    axes.grid(True, color="#dddddd", linewidth=0.8)
    axes.set_axisbelow(True)
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(loc="best", frameon=False)
    return figure


def date_labels(days: Sequence[date], lang: Language) -> list[str]:
    """The date axis's labels: years when every tick starts a year; month names (`dic`, `Dec`) when every tick
    starts a month; else days (`5 dic`, `Dec 5`). The year goes under the first label and wherever it changes."""
    months = t(lang, "dates.months").split(",")
    if all((day.month, day.day) == (1, 1) for day in days):
        return [str(day.year) for day in days]
    labels = []
    for index, day in enumerate(days):
        month = months[day.month - 1]
        label = month if all(d.day == 1 for d in days) else t(lang, "kpi.chart_day", day=day.day, month=month)
        if index == 0 or days[index - 1].year != day.year:
            label += f"\n{day.year}"
        labels.append(label)
    return labels


def value_labels(ticks: Sequence[float], unit: str | None, lang: Language) -> list[str]:
    """The value axis's labels, the reader's way and with as many decimals as the ticks need (two for money that
    needs any), with `%` or the currency symbol; other units are the axis's label instead."""
    canonical = canonical_unit(unit)
    shown_unit = canonical if canonical == "%" or canonical in CURRENCIES else None
    decimals = next((places for places in range(4) if all(abs(round(tick, places) - tick) < 1e-9 * max(1.0, abs(tick))
                                                          for tick in ticks)), 4)
    if shown_unit in CURRENCIES and decimals:
        decimals = max(decimals, 2)
    return [format_value(tick, shown_unit, lang, decimals) for tick in ticks]


def _y_limits(numbers: Sequence[float]) -> tuple[float, float]:
    """Limits showing every number with a margin, and a sensible range when they are all equal."""
    low, high = min(numbers), max(numbers)
    pad = (high - low) * _MARGIN or abs(high) * _MARGIN or 1.0
    return low - pad, high + pad
