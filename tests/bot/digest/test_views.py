"""The leaders' weekly digest as Block Kit (bot/digest/views.py): what it says, in which order, that it stays
within Slack's limits whatever the data's size, and that ratings and the pulse show only what the service kept
(totals over enough ratings, a closed round's results and its comments, the comments never in the channel's copy)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot import format as fmt
from bot.asks.models import AskInfo, AskStatus, Priority
from bot.commitments.models import CommitmentInfo, CommitmentStatus
from bot.digest import views as view
from bot.digest.models import AskFlow, Digest, DirectionRating, PulseResult, Ratings, SyncHeld
from bot.i18n import CATALOGS, t
from bot.kpis.models import KpiInfo, Point
from bot.people import Side
from bot.shadowing.models import Learning
from bot.simulator.fake_slack import block_errors

WEEK_START = date(2026, 11, 23)  # a Monday
WEEK_END = WEEK_START + timedelta(days=7)
LAST_DAY = WEEK_END - timedelta(days=1)
ZONE = "America/Mexico_City"
LANGS = ["en", "es"]
HEADINGS = ["digest.asks.heading", "digest.commitments.heading", "digest.kpis.heading", "digest.syncs.heading",
            "digest.shadow.heading", "digest.pulse.heading"]


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def ask(number: int, title: str = "Landing page for the spring launch", days_old: int = 20,
        due: date | None = None, status: AskStatus = AskStatus.OPEN) -> AskInfo:
    return AskInfo(
        id=number, number=number, requester_id="UMKT1", from_side=Side.MARKETING, to_side=Side.IT, title=title,
        details=None, owner_id="UIT1", due_date=due, priority=Priority.HIGH, category=None, status=status,
        source="command", source_link=None, channel_id="C1", message_ts=None,
        created_at=at(WEEK_END - timedelta(days=days_old)), accepted_at=None, accepted_by=None, done_at=None,
        done_by=None, done_note=None, declined_at=None, declined_by=None, decline_reason=None, cancelled_at=None,
        cancelled_by=None, rating=None,
    )


def commitment(number: int, text: str = "Ship the tracking pixel", days_late: int = 3) -> CommitmentInfo:
    return CommitmentInfo(number=number, owner_id="UIT2", side=Side.IT, text=text,
                          due_date=LAST_DAY - timedelta(days=days_late), status=CommitmentStatus.OPEN, kept=None,
                          created_at=at(WEEK_START - timedelta(days=10)), done_at=None)


def kpi(name: str = "Lead conversion", values: tuple[float, ...] = (2.9, 3.0, 3.4, 3.6), target: float = 3.5,
        slug: str = "lead-conversion", unit: str | None = "%") -> KpiInfo:
    points = [Point(measured_on=LAST_DAY - timedelta(days=7 * (len(values) - 1 - i)), value=v, logged_by="UMKT1",
                    note=None) for i, v in enumerate(values)]
    return KpiInfo(slug=slug, name=name, unit=unit, target=target, direction="up", owner="shared", cadence="weekly",
                   archived=False, points=points)


def sync(number: int, name: str = "CIO–CMO weekly", decisions: list[str] | None = None) -> SyncHeld:
    return SyncHeld(ref=f"S-{number}", name=name, occurs_at=at(WEEK_START + timedelta(days=2), 16),
                    decisions=["Move the launch to March"] if decisions is None else decisions)


def learning(surprise: str | None = "How much the release calendar drives campaigns",
             idea: str | None = "Share the release calendar with marketing") -> Learning:
    return Learning(host_id="UIT3", visitor_id="UMKT2", host_side=Side.IT, surprise=surprise, idea=idea,
                    closed_at=at(WEEK_START + timedelta(days=3)))


def direction(from_side: Side = Side.MARKETING, **changes: Any) -> AskFlow:
    values: dict[str, Any] = dict(
        from_side=from_side, to_side=from_side.other, opened=5, closed=3, done=2, open_now=7, overdue_now=1,
        median_hours_to_accept=2.5, median_hours_to_close=72.0,
    )
    return AskFlow(**(values | changes))


def ratings(count: int | None = 7, average: float | None = 4.2, directions: tuple[tuple[int, float], ...] = (
        (4, 4.5), (3, 3.8)), week: tuple[date, date] = (WEEK_START, WEEK_END)) -> Ratings:
    return Ratings(week_start=week[0], week_end=week[1], count=count, average=average, directions=[
        DirectionRating(from_side=side, to_side=side.other, count=n, average=a)
        for side, (n, a) in zip(Side, directions, strict=False)])


COMMENTS = ["Requests still get lost in email", "The new intake form helps", "IT joins our planning now"]


def pulse(answers: tuple[int, int] = (5, 4), average: tuple[float, float] | None = (3.8, 3.1),
          gap: float | None = 0.7, comments: list[str] | None = None, comments_total: int | None = None) -> PulseResult:
    shown = (COMMENTS if comments is None else comments) if average else []
    return PulseResult(round_number=4, answers={Side.MARKETING: answers[0], Side.IT: answers[1]},
                       average={Side.MARKETING: average[0], Side.IT: average[1]} if average else None,
                       gap=gap if average else None, comments=shown,
                       comments_total=len(shown) if comments_total is None else comments_total)


def digest(**changes: Any) -> Digest:
    values: dict[str, Any] = dict(
        team_id="T1", week_start=WEEK_START, week_end=WEEK_END,
        directions=[direction(Side.MARKETING), direction(Side.IT, opened=2, closed=1, done=1, open_now=2,
                                                         overdue_now=0, median_hours_to_accept=None,
                                                         median_hours_to_close=36.0)],
        ratings=ratings(),
        oldest_open=[ask(12, due=WEEK_START), ask(15, days_old=9)],
        commitments_due=4, commitments_kept=3, kept_rate=0.75,
        overdue_commitments=[commitment(7)], overdue_commitments_total=1,
        kpis=[kpi(), kpi("Page load time", (2.0, 1.9), 3.5, "page-load", " s")],
        syncs=[sync(3)], shadow_pairs=3, shadow_done=2, learnings=[learning()], pulse=pulse(),
    )
    return Digest(**(values | changes))


EMPTY = dict(directions=[], ratings=ratings(None, None, ()), oldest_open=[], commitments_due=0, commitments_kept=0,
             kept_rate=None, overdue_commitments=[], overdue_commitments_total=0, kpis=[], syncs=[], shadow_pairs=0,
             shadow_done=0, learnings=[], pulse=None)


# --- helpers ------------------------------------------------------------------------------------------------------


def texts(blocks: list[dict[str, Any]]) -> list[str]:
    """Every text of every block, in order."""
    found: list[str] = []
    for block in blocks:
        if "text" in block:
            found.append(block["text"]["text"])
        found += [f["text"] for f in block.get("fields", [])]
        found += [e["text"] for e in block.get("elements", []) if "text" in e]
    return found


def whole(blocks: list[dict[str, Any]]) -> str:
    return "\n".join(texts(blocks))


def limit_problems(blocks: list[dict[str, Any]]) -> list[str]:
    """Slack's limits, checked here as well as by slack_sdk's models."""
    problems = [f"{len(blocks)} blocks"] if len(blocks) > 50 else []
    for i, block in enumerate(blocks):
        kind = block["type"]
        if kind == "header" and not 0 < len(block["text"]["text"]) <= 150:
            problems.append(f"header {i}")
        if kind == "section":
            if "text" in block and not 0 < len(block["text"]["text"]) <= 3000:
                problems.append(f"section {i}")
            if "fields" in block and (len(block["fields"]) > 10
                                      or any(not 0 < len(f["text"]) <= 2000 for f in block["fields"])):
                problems.append(f"fields {i}")
            if "text" not in block and "fields" not in block:
                problems.append(f"empty section {i}")
        if kind == "context" and (not 0 < len(block["elements"]) <= 10
                                  or any(not 0 < len(e["text"]) <= 2000 for e in block["elements"])):
            problems.append(f"context {i}")
    return problems


def heading_positions(lang: str, blocks: list[dict[str, Any]]) -> list[int]:
    headers = [(i, b["text"]["text"]) for i, b in enumerate(blocks) if b["type"] == "header"]
    return [next(i for i, text in headers if text == t(lang, key)) for key in HEADINGS]  # type: ignore[arg-type]


def section_of(lang: str, blocks: list[dict[str, Any]], key: str) -> str:
    """The texts between the heading `key` and the next heading."""
    start = heading_positions(lang, blocks)[HEADINGS.index(key)]
    end = next((i for i in range(start + 1, len(blocks)) if blocks[i]["type"] == "header"), len(blocks))
    return whole(blocks[start + 1:end])


# --- a plain week -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_a_plain_week_is_valid_block_kit_with_its_sections_in_order(lang: str) -> None:
    msg = view.render(lang, digest(), ZONE)  # type: ignore[arg-type]

    assert block_errors(msg.blocks, 50) == []
    assert limit_problems(msg.blocks) == []
    assert msg.blocks[0]["type"] == "header"
    positions = heading_positions(lang, msg.blocks)
    assert positions == sorted(positions) and positions[0] > 0


def test_the_title_names_both_sides_and_the_week() -> None:
    assert view.render("en", digest(), ZONE).blocks[0]["text"]["text"] == "Marketing × IT, week of Mon, Nov 23"
    assert view.render("es", digest(), ZONE).blocks[0]["text"]["text"] == "Mercadotecnia × TI, semana del lun 23 nov"


def test_asks_show_each_direction_with_counts_and_medians() -> None:
    msg = view.render("en", digest(), ZONE)
    asks = section_of("en", msg.blocks, "digest.asks.heading")

    assert "*Marketing → IT*" in asks and "*IT → Marketing*" in asks
    assert "Opened *5*" in asks and "closed *3* (2 done)" in asks and "open now *7*" in asks
    assert "overdue *1*" in asks
    assert "Median time to accept *2.5 h* · to close *3 days*" in asks
    assert "to close *1.5 days*" in asks  # 36 hours
    assert "Median time to accept *—*" in asks


# --- ratings ------------------------------------------------------------------------------------------------------


def test_ratings_show_a_total_and_each_direction_with_enough_of_them() -> None:
    en = section_of("en", view.render("en", digest(), ZONE).blocks, "digest.asks.heading")
    es = section_of("es", view.render("es", digest(), ZONE).blocks, "digest.asks.heading")

    assert "Rated *4.2*/5 over 7 ratings" in en
    assert "Marketing → IT: *4.5*/5 over 4 ratings" in en and "IT → Marketing: *3.8*/5 over 3 ratings" in en
    assert "Calificación *4,2*/5 sobre 7 calificaciones" in es and "TI → Mercadotecnia: *3,8*/5" in es
    total_only = section_of("en", view.render("en", digest(ratings=ratings(directions=())), ZONE).blocks,
                            "digest.asks.heading")
    assert "Rated *4.2*/5 over 7 ratings" in total_only and "Marketing → IT:" not in total_only


@pytest.mark.parametrize("lang", LANGS)
def test_too_few_ratings_say_so_without_a_number_or_a_score(lang: str) -> None:
    asks = section_of(lang, view.render(lang, digest(ratings=ratings(None, None, ())), ZONE).blocks,  # type: ignore
                      "digest.asks.heading")

    assert t(lang, "digest.ratings.too_few", minimum=3) in asks  # type: ignore[arg-type]
    assert "/5" not in asks and t(lang, "digest.ratings.heading") in asks  # type: ignore[arg-type]
    assert not any(word in asks for word in ("1 rating", "2 ratings", "1 calificaci", "2 calificaci"))


@pytest.mark.parametrize("lang", LANGS)
def test_ratings_of_another_week_name_it(lang: str) -> None:
    earlier = (WEEK_START - timedelta(days=5), WEEK_END - timedelta(days=5))
    asks = section_of(lang, view.render(lang, digest(ratings=ratings(week=earlier)), ZONE).blocks,  # type: ignore
                      "digest.asks.heading")
    plain = section_of(lang, view.render(lang, digest(), ZONE).blocks, "digest.asks.heading")  # type: ignore
    week = CATALOGS[lang]["digest.ratings.last_week"].split("{last}")[1]  # the words after the dates
    assert week in asks and week not in plain
    assert ("Nov 18" if lang == "en" else "18 nov") in asks


def test_the_oldest_open_asks_are_listed_with_their_age_and_overdue_mark() -> None:
    asks = section_of("en", view.render("en", digest(), ZONE).blocks, "digest.asks.heading")

    assert "Oldest open asks" in asks
    assert "*A-12* Landing page for the spring launch" in asks and "open since Tue, Nov 10 (20 d)" in asks
    assert "*A-15*" in asks
    line_12 = next(line for line in asks.splitlines() if "A-12" in line)
    line_15 = next(line for line in asks.splitlines() if "A-15" in line)
    assert "*overdue*" in line_12 and "overdue" not in line_15


@pytest.mark.parametrize(("hours", "en", "es"), [
    (0.25, "15 min", "15 min"), (2.5, "2.5 h", "2,5 h"), (3.0, "3 h", "3 h"), (24.0, "1 day", "1 día"),
    (72.0, "3 days", "3 días"), (36.0, "1.5 days", "1,5 días"), (None, "—", "—"),
])
def test_durations_read_in_minutes_hours_or_days(hours: float | None, en: str, es: str) -> None:
    assert view.duration("en", hours) == en
    assert view.duration("es", hours) == es


def test_commitments_show_the_kept_rate_and_the_overdue_ones() -> None:
    en = section_of("en", view.render("en", digest(), ZONE).blocks, "digest.commitments.heading")
    es = section_of("es", view.render("es", digest(), ZONE).blocks, "digest.commitments.heading")

    assert "Due this week: *4* · kept on time: *3* (75%)" in en
    assert "Overdue: 1" in en and "*C-7* Ship the tracking pixel · <@UIT2> · due Thu, Nov 26" in en
    assert "(75\u00a0%)" in es and "Vencidos: 1" in es  # the Spanish way: 75 %


def test_every_kpi_is_shown_with_status_and_sparkline_worst_first() -> None:
    kpis = section_of("en", view.render("en", digest(), ZONE).blocks, "digest.kpis.heading")

    assert "*Lead conversion* · :large_green_circle: On track · *3.6%*" in kpis
    assert "*Page load time* · :red_circle: Off track" in kpis
    assert "▁" in kpis and "█" in kpis  # the sparkline
    assert kpis.index("Page load time") < kpis.index("Lead conversion")
    assert "KPIs: 2" in kpis and "Off track: 1" in kpis and "On track: 1" in kpis


def test_syncs_show_what_was_decided() -> None:
    syncs = section_of("en", view.render("en", digest(), ZONE).blocks, "digest.syncs.heading")

    assert "Held: *1* · decisions: *1*" in syncs
    assert "*S-3 · CIO–CMO weekly*" in syncs and "• Move the launch to March" in syncs
    quiet = section_of("en", view.render("en", digest(syncs=[sync(4, decisions=[])]), ZONE).blocks,
                       "digest.syncs.heading")
    assert "No decisions recorded." in quiet


def test_shadowing_shows_pairs_completions_and_a_learning() -> None:
    shadow = section_of("es", view.render("es", digest(), ZONE).blocks, "digest.shadow.heading")

    assert "Parejas formadas: *3*" in shadow and "*2*" in shadow
    assert "<@UMKT2> acompañó a <@UIT3> (TI)" in shadow
    assert "release calendar drives campaigns" in shadow and "Idea: Share the release calendar" in shadow


# --- the pulse ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_pulse_shows_averages_by_side_and_the_gap(lang: str) -> None:
    text = section_of(lang, view.render(lang, digest(), ZONE).blocks, "digest.pulse.heading")  # type: ignore[arg-type]

    mark = "," if lang == "es" else "."  # each reader's decimal mark
    assert f"*3{mark}8*/5" in text and f"*3{mark}1*/5" in text and f"*0{mark}7*" in text
    assert t(lang, "digest.pulse.too_few", count=3) not in text  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", LANGS)
def test_the_pulse_is_hidden_below_three_answers_a_side(lang: str) -> None:
    hidden = digest(pulse=pulse(answers=(5, 2), average=None))
    text = section_of(lang, view.render(lang, hidden, ZONE).blocks, "digest.pulse.heading")  # type: ignore[arg-type]

    assert t(lang, "digest.pulse.too_few", count=3) in text  # type: ignore[arg-type]
    assert "/5" not in text and t(lang, "digest.pulse.gap", gap="0.7") not in text  # type: ignore[arg-type]
    assert "5" in text and "2" in text  # how many answered


@pytest.mark.parametrize("lang", LANGS)
def test_the_pulse_says_when_no_round_has_closed(lang: str) -> None:
    text = section_of(lang, view.render(lang, digest(pulse=None), ZONE).blocks, "digest.pulse.heading")  # type: ignore
    assert text == f"_{t(lang, 'digest.pulse.none', count=7)}_"  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", LANGS)
def test_comments_show_to_leaders_without_sides_or_scores_and_never_in_the_channel(lang: str) -> None:
    leaders = section_of(lang, view.render(lang, digest(), ZONE).blocks, "digest.pulse.heading")  # type: ignore
    channel = section_of(lang, view.render(lang, digest(), ZONE, with_comments=False).blocks,  # type: ignore
                         "digest.pulse.heading")

    assert all(f"“{comment}”" in leaders for comment in COMMENTS)
    assert t(lang, "digest.pulse.comments", count=3) in leaders  # type: ignore[arg-type]
    # Each comment on a line of its own, with nothing beside it: no side, no score.
    assert sorted(line for line in leaders.splitlines() if "“" in line) == sorted(f"• “{c}”" for c in COMMENTS)
    assert not any(comment in channel for comment in COMMENTS) and fmt.number(lang, 3.8) in channel  # type: ignore


def test_comments_are_cut_kept_on_one_line_and_counted_when_some_are_left_out() -> None:
    long = "Too many tools\n*and* " + "x" * 2000
    text = section_of("en", view.render("en", digest(pulse=pulse(comments=[long] * 10, comments_total=40)),
                                        ZONE).blocks, "digest.pulse.heading")
    rows = [line for line in text.splitlines() if line.startswith("• “")]
    assert len(rows) == 10 and all(len(row) <= view.COMMENT_CUT + 10 and "\n" not in row for row in rows)
    assert "Too many tools *and* xxx" in rows[0] and "…and 30 more" in text


# --- empty and huge -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_an_empty_week_gives_each_section_its_short_line(lang: str) -> None:
    msg = view.render(lang, digest(**EMPTY), ZONE)  # type: ignore[arg-type]

    assert block_errors(msg.blocks, 50) == [] and limit_problems(msg.blocks) == []
    for key, empty in [("digest.asks.heading", "digest.asks.empty"),
                       ("digest.commitments.heading", "digest.commitments.empty"),
                       ("digest.kpis.heading", "digest.kpis.empty"), ("digest.syncs.heading", "digest.syncs.empty"),
                       ("digest.shadow.heading", "digest.shadow.empty"), ("digest.pulse.heading", "digest.pulse.none")]:
        assert t(lang, empty, count=7) in section_of(lang, msg.blocks, key), key  # type: ignore[arg-type]
    assert t(lang, "digest.asks.none_open") in section_of(lang, msg.blocks, "digest.asks.heading")  # type: ignore


def test_directions_with_nothing_in_them_count_as_an_empty_week() -> None:
    quiet = [direction(s, opened=0, closed=0, done=0, open_now=0, overdue_now=0, median_hours_to_accept=None,
                       median_hours_to_close=None) for s in Side]
    asks = section_of("en", view.render("en", digest(directions=quiet), ZONE).blocks, "digest.asks.heading")
    assert "No asks this week." in asks and "Opened" not in asks


def huge_digest(text: str = "x" * 10_000) -> Digest:
    return digest(
        directions=[direction(Side.MARKETING), direction(Side.IT)] * 5,
        oldest_open=[ask(n, title=text) for n in range(1, 9)],
        commitments_due=40, commitments_kept=30, kept_rate=0.75,
        overdue_commitments=[commitment(n, text=text) for n in range(10)], overdue_commitments_total=25,
        kpis=[kpi(name=text, slug=f"k{n}", values=tuple(float(v) for v in range(12))) for n in range(500)],
        syncs=[sync(n, name=text, decisions=[text] * 50) for n in range(200)],
        shadow_pairs=40, shadow_done=31, learnings=[learning(text, text), learning(text, text), learning()],
        pulse=pulse(comments=[text[:1000]] * 10, comments_total=500),
    )


@pytest.mark.parametrize("lang", LANGS)
def test_a_huge_week_stays_within_slacks_limits_and_says_what_was_cut(lang: str) -> None:
    msg = view.render(lang, huge_digest(), ZONE)  # type: ignore[arg-type]

    assert block_errors(msg.blocks, 50) == [] and limit_problems(msg.blocks) == []
    assert len(msg.blocks) <= 40  # room left for a preview note
    assert len(msg.text) <= 4000
    positions = heading_positions(lang, msg.blocks)
    assert positions == sorted(positions)
    more = t(lang, "list.more", count=0).split("0")[0]  # type: ignore[arg-type]
    assert t(lang, "list.more", count=3) in section_of(lang, msg.blocks, "digest.asks.heading")  # type: ignore
    assert t(lang, "list.more", count=15) in section_of(lang, msg.blocks, "digest.commitments.heading")  # type: ignore
    assert more in section_of(lang, msg.blocks, "digest.kpis.heading")
    assert more in section_of(lang, msg.blocks, "digest.syncs.heading")
    assert t(lang, "list.more", count=490) in section_of(lang, msg.blocks, "digest.pulse.heading")  # type: ignore
    preview = view.preview(lang, huge_digest(), ZONE)  # type: ignore[arg-type]
    assert preview.blocks[-1]["type"] == "context" and len(preview.blocks) == len(msg.blocks) + 1


def test_the_more_line_counts_the_kpis_left_out() -> None:
    msg = view.render("en", huge_digest("Revenue per lead"), ZONE)
    kpis = section_of("en", msg.blocks, "digest.kpis.heading")
    shown = kpis.count("*Revenue per lead*")
    assert 0 < shown < 500
    assert f"…and {500 - shown} more" in kpis


# --- properties ---------------------------------------------------------------------------------------------------

# random unicode of random length up to 10k characters, built cheaply by repeating a random piece
TEXTS = st.builds(lambda piece, size: (piece * size)[:size], st.text(min_size=1, max_size=12),
                  st.integers(min_value=1, max_value=10_000))
OPTIONAL_TEXTS = st.none() | TEXTS
COUNTS = st.integers(min_value=0, max_value=10_000)
HOURS = st.none() | st.floats(min_value=0, max_value=10_000)


@st.composite
def directions(draw: st.DrawFn) -> AskFlow:
    return AskFlow(from_side=draw(st.sampled_from(list(Side))), to_side=draw(st.sampled_from(list(Side))),
                     opened=draw(COUNTS), closed=draw(COUNTS), done=draw(COUNTS), open_now=draw(COUNTS),
                     overdue_now=draw(COUNTS), median_hours_to_accept=draw(HOURS), median_hours_to_close=draw(HOURS))


@st.composite
def digests(draw: st.DrawFn) -> Digest:
    words = draw(st.lists(TEXTS, min_size=1, max_size=4))

    def word(n: int) -> str:
        return words[n % len(words)]

    n_kpis, n_syncs = draw(st.integers(0, 500)), draw(st.integers(0, 200))
    n_decisions = draw(st.integers(0, 50))
    values = tuple(draw(st.lists(st.floats(min_value=-1e9, max_value=1e9), max_size=14)))
    averages = draw(st.none() | st.tuples(st.floats(1, 5), st.floats(1, 5)))
    unit = draw(st.sampled_from([None, "%", "$", " days"]))
    overdue = [commitment(n, text=word(n)) for n in range(draw(st.integers(0, 10)))]
    return digest(
        directions=draw(st.lists(directions(), max_size=6)),
        ratings=draw(st.sampled_from([ratings(), ratings(None, None, ()), ratings(10_000, 1.0, ((9_000, 5.0),))])),
        oldest_open=[ask(n, title=word(n), days_old=n, due=WEEK_START if n % 2 else None)
                     for n in range(draw(st.integers(0, 8)))],
        commitments_due=draw(COUNTS), commitments_kept=draw(COUNTS),
        kept_rate=draw(st.none() | st.floats(min_value=0, max_value=1)),
        overdue_commitments=overdue, overdue_commitments_total=len(overdue) + draw(st.integers(0, 100)),
        kpis=[kpi(name=word(n), slug=f"k{n}", values=values, unit=unit)
              for n in range(n_kpis)],
        syncs=[sync(n, name=word(n), decisions=[word(n + d) for d in range(n_decisions)]) for n in range(n_syncs)],
        shadow_pairs=draw(COUNTS), shadow_done=draw(COUNTS),
        learnings=[learning(draw(OPTIONAL_TEXTS), draw(OPTIONAL_TEXTS)) for _ in range(draw(st.integers(0, 3)))],
        pulse=draw(st.none() | st.just(pulse(average=averages, gap=abs(averages[0] - averages[1]) if averages else None,
                                             comments=[word(n) for n in range(draw(st.integers(0, 10)))]))),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=digests(), lang=st.sampled_from(LANGS))
def test_any_digest_is_valid_block_kit_within_slacks_limits(data: Digest, lang: str) -> None:
    msg = view.preview(lang, data, ZONE)  # type: ignore[arg-type]

    assert block_errors(msg.blocks, 50) == []
    assert limit_problems(msg.blocks) == []
    assert len(msg.blocks) <= 40
    assert 0 < len(msg.text) <= 4000
    positions = heading_positions(lang, msg.blocks)
    assert positions == sorted(positions)


# --- the preview and the notification text -----------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_preview_note_is_a_short_line(lang: str) -> None:
    note = view.preview_note(lang)  # type: ignore[arg-type]
    assert 0 < len(note) <= 2000 and note != view.preview_note("es" if lang == "en" else "en")


def test_the_fallback_text_sums_up_the_headline_numbers() -> None:
    text = view.render("en", digest(), ZONE).text
    assert text.startswith("Marketing × IT, week of Mon, Nov 23: ")
    assert "asks: 7 opened, 4 closed, 1 overdue" in text
    assert "commitments kept on time: 75%" in text and "KPIs: 2" in text and "syncs held: 1" in text
    assert "solicitudes nuevas: 7, cerradas: 4, vencidas: 1" in view.render("es", digest(), ZONE).text


# --- counts that read right for 0, 1 and 2 ------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "hours", "said"), [
    ("en", 0.5, "30 min"), ("en", 24, "1 day"), ("en", 25, "1 day"), ("en", 36, "1.5 days"), ("en", 48, "2 days"),
    ("es", 0.5, "30 min"), ("es", 24, "1 día"), ("es", 25, "1 día"), ("es", 36, "1,5 días"), ("es", 48, "2 días"),
])
def test_a_median_time_reads_as_its_number_shows(lang: str, hours: float, said: str) -> None:
    assert view.duration(lang, hours) == said  # type: ignore[arg-type]


@pytest.mark.parametrize(("lang", "counts", "said"), [
    ("en", (0, 1, 2), ["Rated *4.2*/5 over 3 ratings", "Marketing → IT: *4.5*/5 over 1 rating",
                       "IT → Marketing: *3.8*/5 over 2 ratings"]),
    ("es", (0, 1, 2), ["Calificación *4,2*/5 sobre 3 calificaciones",
                       "Mercadotecnia → TI: *4,5*/5 sobre 1 calificación",
                       "TI → Mercadotecnia: *3,8*/5 sobre 2 calificaciones"]),
    ("en", (1, 1, 0), ["Rated *4.2*/5 over 1 rating", "Marketing → IT: *4.5*/5 over 1 rating",
                       "IT → Marketing: *3.8*/5 over 0 ratings"]),
    ("es", (1, 1, 0), ["Calificación *4,2*/5 sobre 1 calificación",
                       "Mercadotecnia → TI: *4,5*/5 sobre 1 calificación",
                       "TI → Mercadotecnia: *3,8*/5 sobre 0 calificaciones"]),
])
def test_ratings_count_in_words_that_agree(lang: str, counts: tuple[int, int, int], said: list[str]) -> None:
    """The service shows ratings only over enough of them; the view says any count right all the same."""
    total, *directions = counts
    shown = ratings(count=total or 3, directions=((directions[0], 4.5), (directions[1], 3.8)))
    msg = view.render(lang, digest(ratings=shown), ZONE)  # type: ignore[arg-type]
    asks = section_of(lang, msg.blocks, "digest.asks.heading")
    assert all(line in asks for line in said), asks


@pytest.mark.parametrize(("lang", "said"), [
    ("en", ["Marketing: *3.8*/5 (1 answer)", "IT: *3.1*/5 (2 answers)"]),
    ("es", ["Mercadotecnia: *3,8*/5 (1 respuesta)", "TI: *3,1*/5 (2 respuestas)"]),
])
def test_the_pulse_counts_answers_by_side_in_words_that_agree(lang: str, said: list[str]) -> None:
    text = section_of(lang, view.render(lang, digest(pulse=pulse(answers=(1, 2))), ZONE).blocks,  # type: ignore
                      "digest.pulse.heading")
    assert all(line in text for line in said), text


@pytest.mark.parametrize(("lang", "said"), [
    ("en", ["or 7 days after it opened.", "at least 3 answers on each side."]),
    ("es", ["o 7 días después de abrirse.", "al menos 3 respuestas de cada lado."]),
])
def test_the_pulse_thresholds_are_said_with_their_numbers(lang: str, said: list[str]) -> None:
    none = section_of(lang, view.render(lang, digest(pulse=None), ZONE).blocks, "digest.pulse.heading")  # type: ignore
    hidden = digest(pulse=pulse(answers=(5, 2), average=None))
    few = section_of(lang, view.render(lang, hidden, ZONE).blocks, "digest.pulse.heading")  # type: ignore[arg-type]
    assert said[0] in none and said[1] in few
    assert t(lang, "digest.pulse.none", count=1).endswith("1 día después de abrirse." if lang == "es"  # type: ignore
                                                           else "1 day after it opened.")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("n", [0, 1, 2])
def test_the_digest_counts_read_the_same_for_0_1_and_2(lang: str, n: int) -> None:
    """The weekly numbers are labels followed by a count ("Opened *1*", "Nuevas *1*"), which read right for any
    count, and the commitments' overdue count says the same."""
    flows = [direction(Side.MARKETING, opened=n, closed=n, done=n, open_now=n, overdue_now=n)]
    overdue = [commitment(k + 1) for k in range(n)]
    week = digest(directions=flows, overdue_commitments=overdue, overdue_commitments_total=n, commitments_due=n,
                  commitments_kept=n, kept_rate=1.0 if n else None, syncs=[sync(k + 1) for k in range(n)],
                  shadow_pairs=n, shadow_done=n)
    msg = view.render(lang, week, ZONE)  # type: ignore[arg-type]
    asks = section_of(lang, msg.blocks, "digest.asks.heading")
    if lang == "en":
        opened = f"Opened *{n}* · closed *{n}* ({n} done) · open now *{n}*"
        fallback = f"asks: {n} opened, {n} closed, {n} overdue"
    else:
        opened = f"Nuevas *{n}* · cerradas *{n}* (hechas: {n}) · abiertas ahora *{n}*"
        fallback = f"solicitudes nuevas: {n}, cerradas: {n}, vencidas: {n}"
    if n:
        assert opened in asks
    assert fallback in msg.text
    assert not re.search(r"\((?:s|es|as|os|n)\)", whole(msg.blocks) + msg.text)
