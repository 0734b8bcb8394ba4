"""The trend chart comes out as a valid 1200×1500 PNG for any trend, in the reader's language; its alt text says
the latest figures and which way they went; and a chart that fails to draw is logged and left out."""

from __future__ import annotations

import logging
import struct
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.digest import charts
from bot.digest.charts import HEIGHT_PX, WIDTH_PX, trend_alt, trend_figure, trend_png, trend_png_or_none
from bot.digest.models import Trend, TrendFlow, TrendRound, TrendWeek
from bot.people import Side
from tests.helpers import PNG_SIGNATURE

FIRST_WEEK = date(2026, 9, 14)


def flow(from_side: Side, hours: float | None) -> TrendFlow:
    return TrendFlow(from_side=from_side, to_side=from_side.other, opened=3, closed=2, median_hours_to_accept=hours,
                     median_hours_to_close=None)


def week(i: int, to_it: float | None = None, to_marketing: float | None = None, kept: float | None = None,
         kpis: float | None = None) -> TrendWeek:
    start = FIRST_WEEK + timedelta(weeks=i)
    return TrendWeek(week_start=start, week_end=start + timedelta(days=7),
                     directions=[flow(Side.MARKETING, to_it), flow(Side.IT, to_marketing)],
                     commitments_due=4, commitments_kept=3, kept_rate=kept, shared_kpis=2, shared_kpis_on_track=1,
                     kpis_on_track=kpis, shadow_pairs=0, shadow_done=0)


def pulse_round(number: int, marketing: float | None, it: float | None) -> TrendRound:
    started = datetime(2026, 9, 1, tzinfo=UTC) + timedelta(weeks=number)
    average = None if marketing is None or it is None else {Side.MARKETING: marketing, Side.IT: it}
    return TrendRound(round_number=number, period=f"2026-W{number:02}", started_at=started,
                      closed_at=started + timedelta(days=3), answers={Side.MARKETING: 4, Side.IT: 4},
                      average=average, gap=None if average is None else abs(marketing - it))  # type: ignore[operator]


def trend(weeks: list[TrendWeek], rounds: list[TrendRound]) -> Trend:
    return Trend(team_id="T1", zone="America/Mexico_City", weeks=weeks, rounds=rounds)


FULL = trend(
    [week(i, to_it=10 - i * 0.5, to_marketing=4 + i, kept=0.5 + i * 0.04, kpis=0.25 + i * 0.05) for i in range(12)],
    [pulse_round(1, 3.0, 1.6), pulse_round(2, 3.5, 2.5), pulse_round(3, 3.8, 3.0), pulse_round(4, 4.0, 3.2),
     pulse_round(5, 4.0, 3.4)],
)
GAPS = trend(
    [week(i, to_it=None if i % 3 else 6.0, kept=None if i == 5 else 0.8, kpis=None) for i in range(12)],
    [pulse_round(1, 3.0, 2.0), pulse_round(2, None, None), pulse_round(3, 3.5, 3.0), pulse_round(4, None, None)],
)
EMPTY = trend([week(i) for i in range(12)], [])
NOTHING = trend([], [])


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which always comes first after the signature."""
    assert png.startswith(PNG_SIGNATURE)
    length, kind = struct.unpack(">I4s", png[8:16])
    assert kind == b"IHDR" and length == 13
    return struct.unpack(">II", png[16:24])


def titles(value: Trend, lang: str) -> list[str]:
    figure = trend_figure(value, lang)  # type: ignore[arg-type]
    return [figure.get_suptitle(), *(axes.get_title(loc="left") for axes in figure.axes)]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("value", [FULL, GAPS, EMPTY, NOTHING], ids=["full", "gaps", "empty", "nothing"])
def test_draws_a_phone_sized_png_for_any_trend(value: Trend, lang: str) -> None:
    png = trend_png(value, lang)  # type: ignore[arg-type]
    assert png_size(png) == (WIDTH_PX, HEIGHT_PX) == (1200, 1500)


def test_the_chart_is_labelled_in_the_readers_language() -> None:
    english, spanish = titles(FULL, "en"), titles(FULL, "es")
    assert english[0] == "Marketing–IT trend" and spanish[0] == "Tendencia mercadotecnia–TI"
    assert len(english) == len(spanish) == 5 and all(e != s for e, s in zip(english, spanish, strict=True))
    assert trend_png(FULL, "en") != trend_png(FULL, "es")


def test_the_pulse_lines_are_told_apart_without_colour_and_leave_gaps_for_missing_rounds() -> None:
    pulse = trend_figure(GAPS, "en").axes[0]
    marketing, it = pulse.get_lines()[:2]
    assert marketing.get_label() == "Marketing" and it.get_label() == "IT"
    assert marketing.get_linestyle() != it.get_linestyle() and marketing.get_marker() != it.get_marker()
    ys = list(marketing.get_ydata())
    assert ys[0] == 3.0 and ys[2] == 3.5 and all(y != y for y in (ys[1], ys[3]))  # NaN, never interpolated


def test_the_turnaround_panel_names_both_directions_in_spanish() -> None:
    accept = trend_figure(FULL, "es").axes[1]
    assert [line.get_label() for line in accept.get_lines()] == ["Mercadotecnia → TI", "TI → Mercadotecnia"]


def test_alt_text_states_the_latest_values_and_that_the_gap_narrowed() -> None:
    english = trend_alt(FULL, "en")
    assert "Marketing 4.0, IT 3.4 in the latest round (5)." in english
    assert "The gap narrowed from 1.4 to 0.6 over 4 rounds." in english
    assert "Median hours to accept, Marketing → IT: 4.5 (down from 10 in the week of Mon, Sep 14)." in english
    assert "Median hours to accept, IT → Marketing: 15 (up from 4 in the week of Mon, Sep 14)." in english
    assert "Commitments kept on time: 94% (up from 50% in the week of Mon, Sep 14)." in english
    assert "Shared KPIs on track: 80% (up from 25% in the week of Mon, Sep 14)." in english

    spanish = trend_alt(FULL, "es")
    assert "Mercadotecnia 4,0, TI 3,4 en la ronda más reciente (5)." in spanish
    assert "La brecha se redujo de 1,4 a 0,6 en 4 rondas." in spanish
    assert "Compromisos cumplidos a tiempo: 94\xa0% (subió desde 50\xa0% en la semana del lun 14 sep)." in spanish


def test_alt_text_says_when_the_gap_widened_or_stayed() -> None:
    widened = trend([], [pulse_round(1, 3.0, 2.8), pulse_round(2, 4.0, 2.5)])
    assert "The gap widened from 0.2 to 1.5 over 1 round." in trend_alt(widened, "en")
    assert "La brecha se amplió de 0,2 a 1,5 en 1 ronda." in trend_alt(widened, "es")
    same = trend([week(0, kept=0.5), week(1, kept=0.5)], [pulse_round(1, 3.0, 2.5), pulse_round(2, 4.0, 3.5)])
    assert "The gap is unchanged at 0.5 over 1 round." in trend_alt(same, "en")
    assert "Commitments kept on time: 50% (unchanged since the week of Mon, Sep 14)." in trend_alt(same, "en")
    assert "La brecha sigue igual, en 0,5, en 1 ronda." in trend_alt(same, "es")


def test_alt_text_skips_rounds_without_enough_answers() -> None:
    english = trend_alt(GAPS, "en")
    assert "Marketing 3.5, IT 3.0 in round 3, the latest with enough answers." in english
    assert "The gap narrowed from 1.0 to 0.5 over 2 rounds." in english
    assert "Median hours to accept, IT → Marketing: no figures in these weeks." in english


@pytest.mark.parametrize("lang", ["en", "es"])
def test_alt_text_says_when_there_is_too_little_data(lang: str) -> None:
    empty, nothing = trend_alt(EMPTY, lang), trend_alt(NOTHING, lang)
    one_round = trend_alt(trend([week(0, kept=0.7)], [pulse_round(1, 4.0, 3.0)]), lang)
    if lang == "en":
        assert "Pulse: no closed round has enough answers on each side yet." in empty
        assert "Shared KPIs on track: no figures in these weeks." in empty
        assert nothing.startswith("No weeks to show yet.")
        assert "The gap is 1.0; too few rounds to tell its direction yet." in one_round
        assert "70% (the only week with figures, the week of Mon, Sep 14)" in one_round
    else:
        assert "Pulso: aún ninguna ronda cerrada tiene suficientes respuestas de cada lado." in empty
        assert "KPIs compartidos en meta: no hay cifras en estas semanas." in empty
        assert nothing.startswith("Aún no hay semanas que mostrar.")
        assert "La brecha es de 1,0; aún hay muy pocas rondas para saber hacia dónde va." in one_round
    assert "{" not in empty + nothing + one_round


def test_a_chart_that_fails_to_draw_is_logged_and_left_out(monkeypatch, caplog) -> None:
    def broken(*_args: object) -> None:
        raise RuntimeError("no fonts today")

    monkeypatch.setattr(charts, "trend_figure", broken)
    with caplog.at_level(logging.ERROR, logger="bot.digest.charts"):
        assert trend_png_or_none(FULL, "en") is None
    assert "could not draw the trend chart of T1" in caplog.text and "no fonts today" in caplog.text


def test_a_chart_that_draws_is_returned() -> None:
    png = trend_png_or_none(GAPS, "es")
    assert png is not None and png_size(png) == (1200, 1500)
