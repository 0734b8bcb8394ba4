"""The trend in words (`bot.digest.views.trend_lines`, `trend_block`), from Trend objects built here: one line per
measure, in both languages, comparing the newest week (or pulse round) with four before it; nothing said where
either end has no data; pulse rounds below the threshold skipped but counted in "over N rounds"."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from slack_sdk.models.blocks import Block

from bot.digest.models import Trend, TrendFlow, TrendRound, TrendWeek
from bot.digest.views import trend_block, trend_lines
from bot.i18n import t
from bot.people import Side

START = date(2026, 9, 7)


def flow(from_side: Side, accept: float | None = None, close: float | None = None) -> TrendFlow:
    return TrendFlow(from_side=from_side, to_side=from_side.other, opened=1, closed=1,
                     median_hours_to_accept=accept, median_hours_to_close=close)


def week(i: int, *, accept: tuple[float | None, float | None] = (None, None),
         close: tuple[float | None, float | None] = (None, None), due: int = 0, kept: int = 0,
         kpis: int = 0, on_track: int = 0, shadow_done: int = 0) -> TrendWeek:
    """Week `i` of the trend; `accept` and `close` are (marketing → IT, IT → marketing) medians in hours."""
    first = START + timedelta(days=7 * i)
    return TrendWeek(week_start=first, week_end=first + timedelta(days=7),
                     directions=[flow(Side.MARKETING, accept[0], close[0]), flow(Side.IT, accept[1], close[1])],
                     commitments_due=due, commitments_kept=kept, kept_rate=kept / due if due else None,
                     shared_kpis=kpis, shared_kpis_on_track=on_track, kpis_on_track=on_track / kpis if kpis else None,
                     shadow_pairs=shadow_done, shadow_done=shadow_done)


def pulse(number: int, gap: float | None) -> TrendRound:
    started = datetime(2026, 9, 7, tzinfo=UTC) + timedelta(days=7 * number)
    average = None if gap is None else {Side.MARKETING: 3.0 + gap, Side.IT: 3.0}
    answers = {Side.MARKETING: 3 if gap is not None else 1, Side.IT: 3}
    return TrendRound(round_number=number, period=f"p{number}", started_at=started,
                      closed_at=started + timedelta(days=5), answers=answers, average=average, gap=gap)


def trend(weeks: list[TrendWeek] | None = None, gaps: list[float | None] | None = None) -> Trend:
    return Trend(team_id="T1", zone="UTC", weeks=weeks or [], rounds=[pulse(i + 1, g) for i, g in enumerate(gaps or [])])


def quiet(n: int = 12) -> list[TrendWeek]:
    return [week(i) for i in range(n)]


def with_ends(old: TrendWeek, new: TrendWeek, n: int = 12) -> list[TrendWeek]:
    """`n` quiet weeks, but the one four weeks before the newest is `old` and the newest is `new`."""
    weeks = quiet(n)
    weeks[-5], weeks[-1] = old, new
    return weeks


# --- the pulse gap ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("gaps", "en", "es"), [
    ([1.4, 1.2, 1.0, 0.8, 0.6], "The pulse gap between the sides narrowed from *1.4* to *0.6* over 4 rounds",
     "La brecha del pulso entre los lados se redujo de *1,4* a *0,6* en 4 rondas"),
    ([0.5, 1, 1, 1, 1.3], "The pulse gap between the sides widened from *0.5* to *1.3* over 4 rounds",
     "La brecha del pulso entre los lados se amplió de *0,5* a *1,3* en 4 rondas"),
    ([2, 1, 1, 1, 2.01], "The pulse gap between the sides held at *2* over 4 rounds",
     "La brecha del pulso entre los lados se mantuvo en *2* durante 4 rondas"),
])
def test_the_gap_against_four_rounds_before_in_both_languages(gaps, en, es) -> None:
    found = trend(gaps=[3.0, 3.0, *gaps])  # older rounds are not compared
    assert trend_lines("en", found) == [en]
    assert trend_lines("es", found) == [es]


def test_rounds_below_the_threshold_are_skipped_and_counted_between() -> None:
    # the newest round fell below the threshold: the newest with a gap is compared, with the one 4 before it
    assert trend_lines("en", trend(gaps=[9.0, 1.4, 1.3, 1.2, 1.1, 0.6, None])) == [
        "The pulse gap between the sides narrowed from *1.4* to *0.6* over 4 rounds"]
    # the round four before has no gap: the newest older one that has, five rounds back
    assert trend_lines("en", trend(gaps=[2.0, 1.5, None, 1.0, 1.0, 1.0, 0.5])) == [
        "The pulse gap between the sides narrowed from *1.5* to *0.5* over 5 rounds"]
    # too few rounds for four back: the oldest with a gap, counting the round between without one
    assert trend_lines("en", trend(gaps=[None, 1.0, None, 0.5])) == [
        "The pulse gap between the sides narrowed from *1* to *0.5* over 2 rounds"]
    assert trend_lines("en", trend(gaps=[1.0, 1.5])) == [
        "The pulse gap between the sides widened from *1* to *1.5* over 1 round"]
    assert trend_lines("es", trend(gaps=[1.0, 1.5])) == [
        "La brecha del pulso entre los lados se amplió de *1* a *1,5* en 1 ronda"]


def test_too_few_rounds_with_a_gap_is_said_and_one_round_says_nothing() -> None:
    assert trend_lines("en", trend(gaps=[None, 1.0, None])) == [t("en", "digest.trend.gap.too_few", count=3)]
    assert "3 answers on each side" in trend_lines("en", trend(gaps=[None, None]))[0]
    assert "3 respuestas de cada lado" in trend_lines("es", trend(gaps=[None, None]))[0]
    assert trend_lines("en", trend(gaps=[1.0])) == []
    assert trend_lines("en", trend()) == []


# --- the weeks -------------------------------------------------------------------------------------------------


def test_time_to_accept_per_direction_in_both_languages() -> None:
    found = trend(with_ends(week(0, accept=(20, 31)), week(1, accept=(9, 31))))
    assert trend_lines("en", found) == ["IT now accepts Marketing’s asks in *9 h*, was 20 h",
                                        "Marketing still accepts IT’s asks in *1.3 days*, as 4 weeks ago"]
    assert trend_lines("es", found) == ["TI ahora acepta las solicitudes de Mercadotecnia en *9 h*; antes, en 20 h",
                                        "Mercadotecnia sigue aceptando las solicitudes de TI en *1,3 días*, como hace "
                                        "4 semanas"]


def test_time_to_close_per_direction_and_a_missing_end_omitted() -> None:
    found = trend(with_ends(week(0, accept=(None, 5), close=(72, None)), week(1, accept=(3, 2), close=(0.5, 48))))
    assert trend_lines("en", found) == ["Marketing now accepts IT’s asks in *2 h*, was 5 h",
                                        "IT now gets Marketing’s asks done in *30 min*, was 3 days"]
    assert trend_lines("es", found) == ["Mercadotecnia ahora acepta las solicitudes de TI en *2 h*; antes, en 5 h",
                                        "TI ahora termina las solicitudes de Mercadotecnia en *30 min*; antes, en 3 días"]


@pytest.mark.parametrize(("old", "new", "en", "es"), [
    ((8, 5), (5, 4), "Commitments kept on time rose from 62% to *80%* in 4 weeks",
     "Los compromisos cumplidos a tiempo subieron del 62\u00a0% al *80\u00a0%* en 4 semanas"),
    ((5, 4), (8, 5), "Commitments kept on time fell from 80% to *62%* in 4 weeks",
     "Los compromisos cumplidos a tiempo bajaron del 80\u00a0% al *62\u00a0%* en 4 semanas"),
    ((4, 2), (2, 1), "Commitments kept on time held at *50%*, as 4 weeks ago",
     "Los compromisos cumplidos a tiempo se mantienen en *50\u00a0%*, como hace 4 semanas"),
])
def test_commitments_kept_on_time(old, new, en, es) -> None:
    found = trend(with_ends(week(0, due=old[0], kept=old[1]), week(1, due=new[0], kept=new[1])))
    assert trend_lines("en", found) == [en]
    assert trend_lines("es", found) == [es]


def test_shared_kpis_on_track() -> None:
    found = trend(with_ends(week(0, kpis=4, on_track=1), week(1, kpis=4, on_track=2)))
    assert trend_lines("en", found) == ["Shared KPIs on track: *2 of 4*, was 1 of 4"]
    assert trend_lines("es", found) == ["KPIs compartidos en meta: *2 de 4*; antes, 1 de 4"]


def test_shadowing_over_the_last_four_weeks_against_the_four_before() -> None:
    weeks = quiet(8)
    weeks[0], weeks[3], weeks[5] = week(0, shadow_done=1), week(3, shadow_done=2), week(5, shadow_done=1)
    assert trend_lines("en", trend(weeks)) == [
        "1 shadowing pair shared learnings in the last 4 weeks, 3 in the 4 weeks before"]
    assert trend_lines("es", trend(weeks)) == [
        "1 pareja de acompañamiento compartió aprendizajes en las últimas 4 semanas; 3 en las 4 semanas anteriores"]
    weeks[6] = week(6, shadow_done=4)
    assert trend_lines("en", trend(weeks))[0].startswith("5 shadowing pairs shared learnings")
    assert trend_lines("es", trend(weeks))[0].startswith("5 parejas de acompañamiento compartieron")
    assert trend_lines("en", trend(weeks[1:])) == []  # seven weeks: no four before the last four


def test_nothing_said_without_data_on_both_ends() -> None:
    # data in the newest week only, or four weeks before only, or in a week between: no line
    assert trend_lines("en", trend(with_ends(week(0), week(1, accept=(1, 1), close=(2, 2), due=3, kept=3,
                                                          kpis=2, on_track=2)))) == []
    assert trend_lines("en", trend(with_ends(week(0, accept=(1, 1), close=(2, 2), due=3, kept=3, kpis=2,
                                                  on_track=2), week(1)))) == []
    between = quiet()
    between[-3] = week(9, accept=(1, 1), due=3, kept=3, kpis=2)
    assert trend_lines("en", trend(between)) == []
    # fewer than five weeks: nothing to compare with
    assert trend_lines("en", trend([week(0, due=2, kept=1), week(1), week(2), week(3, due=2, kept=2)])) == []
    assert trend_lines("en", trend(quiet())) == []


def test_all_measures_in_order() -> None:
    found = trend(with_ends(week(0, accept=(20, 10), close=(40, 50), due=8, kept=5, kpis=4, on_track=1,
                                 shadow_done=2),
                            week(1, accept=(9, 12), close=(31, 60), due=5, kept=4, kpis=4, on_track=2,
                                 shadow_done=1)), gaps=[1.4, 1.2, 1.0, 0.8, 0.6])
    for lang in ("en", "es"):
        lines = trend_lines(lang, found)  # type: ignore[arg-type]
        assert len(lines) == 8
        assert "1,4" in lines[0] if lang == "es" else "1.4" in lines[0]
    assert trend_lines("en", found)[1:] == [
        "IT now accepts Marketing’s asks in *9 h*, was 20 h",
        "Marketing now accepts IT’s asks in *12 h*, was 10 h",
        "IT now gets Marketing’s asks done in *1.3 days*, was 1.7 days",
        "Marketing now gets IT’s asks done in *2.5 days*, was 2.1 days",
        "Commitments kept on time rose from 62% to *80%* in 4 weeks",
        "Shared KPIs on track: *2 of 4*, was 1 of 4",
        "1 shadowing pair shared learnings in the last 4 weeks, 2 in the 4 weeks before",
    ]


# --- Block Kit -------------------------------------------------------------------------------------------------


def test_the_block_is_valid_block_kit_in_both_languages() -> None:
    found = trend(with_ends(week(0, accept=(20, 10), due=8, kept=5, kpis=4, on_track=1),
                            week(1, accept=(9, 12), due=5, kept=4, kpis=4, on_track=2)), gaps=[1.4, 0.6])
    for lang in ("en", "es"):
        blocks = trend_block(lang, found)  # type: ignore[arg-type]
        assert [b["type"] for b in blocks] == ["header", "section", "context"]
        for block in blocks:
            assert Block.parse(block).to_dict() == block  # type: ignore[union-attr]
        assert blocks[0]["text"]["text"] == t(lang, "digest.trend.heading", weeks=4)  # type: ignore[arg-type]
        assert blocks[1]["text"]["text"].split("\n") == [f"• {line}" for line in trend_lines(lang, found)]  # type: ignore[arg-type]
    assert trend_block("en", trend(quiet())) == []
