"""KPI charts as PNG images, for uploading to Slack.

Drawn with matplotlib's Agg renderer through `Figure` and `FigureCanvasAgg` directly, never `pyplot`, so no
global figure state is touched and charts can be drawn from several threads of a server at once. matplotlib is
imported when the first chart is drawn, not when the server starts: it is most of a process's memory otherwise.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import date, timedelta

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
) -> bytes:
    """Draw a KPI's values over time against its target, and return the chart as PNG bytes.

    The values are a line with markers in date order (the points may come in any order), the target a dashed
    horizontal line named `target_label` in the legend. When `value_label` is given, the latest value is
    annotated with `value_label(latest)`, e.g. "42%". The image is 1000×500 px at 100 dpi, with a light grid
    and concise date ticks; the y-axis always shows the target, even for one point or all-equal values.

    Raises ValueError when `points` is empty.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.figure import Figure

    if not points:
        raise ValueError("a KPI chart needs at least one point")
    dates, values = zip(*sorted(points, key=lambda point: point[0]), strict=True)

    figure = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI, layout="tight")
    canvas = FigureCanvasAgg(figure)
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

    locator = AutoDateLocator()
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    if dates[0] == dates[-1]:  # matplotlib would otherwise spread a single date over years
        axes.set_xlim(dates[0] - _SINGLE_DAY_SPAN, dates[0] + _SINGLE_DAY_SPAN)
    axes.set_ylim(*_y_limits([*values, target]))
    axes.set_title(title, fontsize=14, loc="left")
    axes.grid(True, color="#dddddd", linewidth=0.8)
    axes.set_axisbelow(True)
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(loc="best", frameon=False)

    buffer = io.BytesIO()
    canvas.print_png(buffer)
    return buffer.getvalue()


def _y_limits(numbers: Sequence[float]) -> tuple[float, float]:
    """Limits showing every number with a margin, and a sensible range when they are all equal."""
    low, high = min(numbers), max(numbers)
    pad = (high - low) * _MARGIN or abs(high) * _MARGIN or 1.0
    return low - pad, high + pad
