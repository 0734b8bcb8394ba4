"""The digest's trend chart: one compact PNG for leaders (the digest DM and `/digest trend`), and its alt text.

One figure, fit for a phone (1200×1500 px): on top, the alignment pulse's average per side over the closed rounds,
two lines with the gap between them shaded; below, small multiples over the trend's weeks — the median hours to
accept an ask in each direction, the share of commitments kept on time, and the share of shared KPIs on track.
A round or a week without a figure (None) is a gap in its line (NaN), never interpolated.

Colours are Okabe–Ito's, told apart by colour-blind readers, and never carry meaning alone: marketing is a blue
solid line with circles, IT an orange dashed line with squares, wherever a side appears. Every text is the reader's
language. Drawn like `bot.kpis.charts`: matplotlib's Agg renderer through `Figure` and `FigureCanvasAgg`, never
`pyplot` nor `rcParams`, so charts can be drawn from several threads at once; matplotlib is imported on first use.

`trend_png` may raise; `trend_png_or_none` never does (it logs and returns None: the digest goes out without it).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from bot import format as fmt
from bot.digest.models import Trend, TrendWeek
from bot.i18n import Language, t
from bot.kpis.charts import date_labels, png_of, value_labels
from bot.kpis.values import format_value
from bot.people import Side

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

log = logging.getLogger(__name__)

WIDTH_PX, HEIGHT_PX, DPI = 1200, 1500, 200  # 6×7.5 in at twice the usual 100 dpi: sharp on a phone's screen
# Okabe–Ito colours. Each side keeps its colour, line style and marker in every panel.
SIDE_STYLES: dict[Side, dict[str, object]] = {
    Side.MARKETING: {"color": "#0072B2", "linestyle": "-", "marker": "o"},  # blue
    Side.IT: {"color": "#E69F00", "linestyle": "--", "marker": "s"},  # orange
}
RATE_STYLE: dict[str, object] = {"color": "#009E73", "linestyle": "-", "marker": "D"}  # bluish green
GAP_COLOUR = "#999999"
TEXT_SIZE, TITLE_SIZE, HEADING_SIZE = 10, 12, 15  # points: at 200 dpi, readable at a phone's width
_WEEK_LABELS = 4  # dates named under a week axis at most


def trend_png(trend: Trend, lang: Language) -> bytes:
    """The trend chart (see `trend_figure`) as PNG bytes. May raise: see `trend_png_or_none`."""
    return png_of(trend_figure(trend, lang))


def trend_png_or_none(trend: Trend, lang: Language) -> bytes | None:
    """`trend_png`, or None when drawing fails for any reason (logged): the digest then goes out without it."""
    try:
        return trend_png(trend, lang)
    except Exception:
        log.exception("could not draw the trend chart of %s in %s", trend.team_id, lang)
        return None


def trend_figure(trend: Trend, lang: Language) -> Figure:
    """The trend as a matplotlib `Figure` of `WIDTH_PX`×`HEIGHT_PX` px for a reader of `lang`. Draws empty panels
    (saying there is no data yet) for a trend without rounds or without figures."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI, layout="constrained")
    figure.suptitle(t(lang, "trend.title"), fontsize=HEADING_SIZE, fontweight="bold", x=0.02, ha="left")
    grid = figure.add_gridspec(3, 2, height_ratios=[1.35, 1, 1])
    _pulse_panel(figure.add_subplot(grid[0, :]), trend, lang)
    _accept_panel(figure.add_subplot(grid[1, :]), trend.weeks, lang)
    _rate_panel(figure.add_subplot(grid[2, 0]), trend.weeks, lang, "trend.kept.title", lambda w: w.kept_rate)
    _rate_panel(figure.add_subplot(grid[2, 1]), trend.weeks, lang, "trend.kpis.title", lambda w: w.kpis_on_track)
    return figure


def _nan(value: float | None) -> float:
    return math.nan if value is None else value


def _style(axes: Axes, title: str) -> None:
    axes.set_title(title, fontsize=TITLE_SIZE, loc="left")
    axes.grid(True, color="#dddddd", linewidth=0.8)
    axes.set_axisbelow(True)
    axes.spines[["top", "right"]].set_visible(False)
    axes.tick_params(labelsize=TEXT_SIZE)


def _no_data(axes: Axes, text: str) -> None:
    axes.text(0.5, 0.5, text, transform=axes.transAxes, ha="center", va="center", fontsize=TEXT_SIZE,
              color="#555555")


def _pulse_panel(axes: Axes, trend: Trend, lang: Language) -> None:
    _style(axes, t(lang, "trend.pulse.title"))
    axes.set_ylim(0.8, 5.2)
    axes.set_yticks([1, 2, 3, 4, 5], value_labels([1, 2, 3, 4, 5], None, lang))
    axes.set_xlabel(t(lang, "trend.pulse.axis"), fontsize=TEXT_SIZE)
    rounds = trend.rounds
    if not rounds:
        axes.set_xticks([])
        _no_data(axes, t(lang, "trend.pulse.none"))
        return
    xs = list(range(len(rounds)))
    sides = {side: [_nan((r.average or {}).get(side)) for r in rounds] for side in Side}
    for side, values in sides.items():
        axes.plot(xs, values, label=fmt.side(lang, side), linewidth=2.5, markersize=7, zorder=3,
                  **SIDE_STYLES[side])  # type: ignore[arg-type]
    low = [min(m, i) for m, i in zip(sides[Side.MARKETING], sides[Side.IT], strict=True)]
    high = [max(m, i) for m, i in zip(sides[Side.MARKETING], sides[Side.IT], strict=True)]
    shown = [not math.isnan(value) for value in low]
    axes.fill_between(xs, low, high, where=shown, color=GAP_COLOUR, alpha=0.25, linewidth=0,
                      label=t(lang, "trend.pulse.gap"), zorder=1)
    # each round's own gap as a bar, so a round between two gaps in the lines still shows it
    axes.vlines([x for x, ok in zip(xs, shown, strict=True) if ok], [v for v in low if not math.isnan(v)],
                [v for v in high if not math.isnan(v)], color=GAP_COLOUR, linewidth=6, alpha=0.5, zorder=2)
    if (latest := _last_index(shown)) is not None:
        axes.annotate(t(lang, "trend.pulse.gap_value", gap=_one_decimal(lang, high[latest] - low[latest])),
                      xy=(xs[latest], (low[latest] + high[latest]) / 2), xytext=(-8, 0), textcoords="offset points",
                      ha="right", va="center", fontsize=TEXT_SIZE, fontweight="bold",
                      bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.8})
    axes.set_xticks(xs, [str(r.round_number) for r in rounds])
    axes.set_xlim(-0.5, len(rounds) - 0.5)
    axes.legend(loc="best", ncols=3, frameon=False, fontsize=TEXT_SIZE)


def _week_axis(axes: Axes, weeks: Sequence[TrendWeek], lang: Language) -> list[int]:
    xs = list(range(len(weeks)))
    step = max(1, math.ceil(len(weeks) / _WEEK_LABELS))
    named = xs[::-1][::step][::-1]  # always name the newest week
    axes.set_xticks(named, date_labels([weeks[i].week_start for i in named], lang))
    axes.set_xlim(-0.5, max(len(weeks), 1) - 0.5)
    axes.set_xlabel(t(lang, "trend.weeks.axis"), fontsize=TEXT_SIZE)
    return xs


def _accept_panel(axes: Axes, weeks: Sequence[TrendWeek], lang: Language) -> None:
    _style(axes, t(lang, "trend.accept.title"))
    xs = _week_axis(axes, weeks, lang)
    series = {side: [_nan(_accept_hours(week, side)) for week in weeks] for side in Side}
    for side, values in series.items():
        axes.plot(xs, values, linewidth=2.5, markersize=6, zorder=3, **SIDE_STYLES[side],  # type: ignore[arg-type]
                  label=t(lang, "trend.accept.direction", from_side=fmt.side(lang, side),
                          to_side=fmt.side(lang, side.other)))
    known = [value for values in series.values() for value in values if not math.isnan(value)]
    top = max(known, default=0.0) * 1.3 or 10.0  # room for the legend; whole hours when empty
    axes.set_ylim(0, top)
    ticks = [tick for tick in axes.get_yticks() if 0 <= tick <= top]
    axes.set_yticks(ticks, value_labels(ticks, None, lang))
    axes.set_ylim(0, top)
    if known:
        axes.legend(loc="best", ncols=2, frameon=False, fontsize=TEXT_SIZE)
    else:
        _no_data(axes, t(lang, "trend.no_data"))


def _rate_panel(axes: Axes, weeks: Sequence[TrendWeek], lang: Language, title: str,
                rate: Callable[[TrendWeek], float | None]) -> None:
    _style(axes, t(lang, title))
    xs = _week_axis(axes, weeks, lang)
    values = [_nan(rate(week)) for week in weeks]
    axes.plot(xs, values, linewidth=2.5, markersize=6, zorder=3, **RATE_STYLE)  # type: ignore[arg-type]
    axes.set_ylim(-0.05, 1.05)
    axes.set_yticks([0, 0.5, 1], value_labels([0, 50, 100], "%", lang))
    if all(math.isnan(value) for value in values):
        _no_data(axes, t(lang, "trend.no_data"))


def _accept_hours(week: TrendWeek, side: Side) -> float | None:
    return next((flow.median_hours_to_accept for flow in week.directions if flow.from_side == side), None)


def _last_index(flags: Sequence[bool]) -> int | None:
    return next((i for i in range(len(flags) - 1, -1, -1) if flags[i]), None)


def _one_decimal(lang: Language, value: float) -> str:
    """A pulse figure as the digest shows it: one decimal, the reader's mark (`4.0`, `4,0`)."""
    return format_value(round(value, 1), None, lang, 1)


# --- alternative text -------------------------------------------------------------------------------------


def trend_alt(trend: Trend, lang: Language) -> str:
    """What the chart shows, in words of the reader's language: each side's latest pulse average and whether the
    gap narrowed, widened or stayed; then each weekly series' latest figure and its direction since the first
    week with one. Says so where there is too little to tell. Plain text (an image's alt text), no mrkdwn."""
    parts = [t(lang, "trend.alt.lead", count=len(trend.weeks)) if trend.weeks else t(lang, "trend.alt.weeks.none")]
    parts += _pulse_alt(trend, lang)
    if trend.weeks:
        for side in Side:
            what = t(lang, "trend.alt.what.accept", from_side=fmt.side(lang, side),
                     to_side=fmt.side(lang, side.other))
            parts.append(_series_alt(lang, what, trend.weeks, lambda w, s=side: _accept_hours(w, s),
                                     lambda v: fmt.number(lang, v)))
        parts.append(_series_alt(lang, t(lang, "trend.alt.what.kept"), trend.weeks, lambda w: w.kept_rate,
                                 lambda v: fmt.percent(lang, v)))
        parts.append(_series_alt(lang, t(lang, "trend.alt.what.kpis"), trend.weeks, lambda w: w.kpis_on_track,
                                 lambda v: fmt.percent(lang, v)))
    return " ".join(parts)


def _pulse_alt(trend: Trend, lang: Language) -> list[str]:
    known = [(i, r) for i, r in enumerate(trend.rounds)
             if r.average is not None and Side.MARKETING in r.average and Side.IT in r.average]
    if not known:
        return [t(lang, "trend.alt.pulse.none")]
    last_index, last = known[-1]
    assert last.average is not None
    key = "trend.alt.pulse.latest" if last_index == len(trend.rounds) - 1 else "trend.alt.pulse.earlier"
    sentences = [t(lang, key, first_side=fmt.side(lang, Side.MARKETING),
                   first=_one_decimal(lang, last.average[Side.MARKETING]), second_side=fmt.side(lang, Side.IT),
                   second=_one_decimal(lang, last.average[Side.IT]), round=last.round_number)]
    gaps = [(i, abs(r.average[Side.MARKETING] - r.average[Side.IT])) for i, r in known]  # type: ignore[index]
    latest = _one_decimal(lang, gaps[-1][1])
    if len(gaps) < 2:
        sentences.append(t(lang, "trend.alt.gap.single", gap=latest))
        return sentences
    first_index, first_gap = gaps[0]
    first = _one_decimal(lang, first_gap)
    rounded_first, rounded_latest = round(first_gap, 1), round(gaps[-1][1], 1)
    change = ("unchanged" if rounded_first == rounded_latest
              else "narrowed" if rounded_latest < rounded_first else "widened")
    sentences.append(t(lang, f"trend.alt.gap.{change}", first=first, latest=latest,
                       count=last_index - first_index))
    return sentences


def _series_alt(lang: Language, what: str, weeks: Sequence[TrendWeek], value: Callable[[TrendWeek], float | None],
                shown: Callable[[float], str]) -> str:
    known = [(week.week_start, v) for week in weeks if (v := value(week)) is not None]
    if not known:
        return t(lang, "trend.alt.series.none", what=what)
    (first_day, first), (_, latest) = known[0], known[-1]
    change = _change(lang, first_day, shown(first), shown(latest), first, latest, single=len(known) == 1)
    return t(lang, "trend.alt.series", what=what, latest=shown(latest), change=change)


def _change(lang: Language, day: date, first_text: str, latest_text: str, first: float, latest: float,
            single: bool) -> str:
    when = fmt.day(lang, day)
    if single:
        return t(lang, "trend.alt.change.single", day=when)
    if first_text == latest_text:  # equal as the reader reads them
        return t(lang, "trend.alt.change.unchanged", day=when)
    return t(lang, "trend.alt.change.up" if latest > first else "trend.alt.change.down", first=first_text, day=when)
