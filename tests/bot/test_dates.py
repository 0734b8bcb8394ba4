"""Dates typed in commands (`due:` words and the like): pure, total, relative to an injected today."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.dates import date_examples, latest_due, parse_date, read_due
from bot.errors import ParseError
from bot.reading import Reading
from tests.strategies import PROPERTY_SETTINGS, todays

TODAY = date(2026, 11, 25)  # a Wednesday
assert TODAY.weekday() == 2

WEEKDAY_WORDS = {
    0: ["mon", "monday", "lun", "lunes"],
    1: ["tue", "tues", "tuesday", "mar", "martes"],
    2: ["wed", "wednesday", "mié", "mie", "miércoles", "miercoles"],
    3: ["thu", "thur", "thurs", "thursday", "jue", "jueves"],
    4: ["fri", "friday", "vie", "viernes"],
    5: ["sat", "saturday", "sáb", "sab", "sábado", "sabado"],
    6: ["sun", "sunday", "dom", "domingo"],
}
ALL_WEEKDAY_WORDS = [(word, weekday) for weekday, words in WEEKDAY_WORDS.items() for word in words]


def _next_weekday(today: date, weekday: int) -> date:
    """Written independently of the parser: walk forward day by day."""
    day = today + timedelta(days=1)
    while day.weekday() != weekday:
        day += timedelta(days=1)
    return day


# --- ISO dates --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("2026-12-01", date(2026, 12, 1)),
        ("2027-01-01", date(2027, 1, 1)),
        ("2026-11-25", TODAY),
        ("2020-03-15", date(2020, 3, 15)),  # past dates are dates: whether they are allowed is the caller's call
        ("2026-1-5", date(2026, 1, 5)),
        ("  2026-12-01\t", date(2026, 12, 1)),
        ("2028-02-29", date(2028, 2, 29)),  # leap year
        ("2000-02-29", date(2000, 2, 29)),  # divisible by 400
        ("9999-12-31", date(9999, 12, 31)),
        ("0001-01-01", date(1, 1, 1)),
    ],
)
def test_iso_dates(word: str, expected: date) -> None:
    assert parse_date(word, TODAY) == expected


@pytest.mark.parametrize(
    "word",
    [
        "2026-02-30",
        "2027-02-29",  # not a leap year
        "2100-02-29",  # divisible by 100, not by 400
        "2026-13-01",
        "2026-00-10",
        "2026-12-00",
        "2026-04-31",
        "0000-01-01",
        "2026/12/01",
        "01-12-2026",
        "2026-12-01T10:00",
        "2026-12",
        "20261201",
        "26-12-01",
        "２０２６-１２-０１",  # full-width digits
        "٢٠٢٦-١٢-٠١",  # Arabic-Indic digits
        "2026-12-001",
        "2026 -12-01",
    ],
)
def test_impossible_or_malformed_iso_dates_are_none(word: str) -> None:
    assert parse_date(word, TODAY) is None


# --- today and tomorrow -----------------------------------------------------------------------------------


@pytest.mark.parametrize("word", ["today", "TODAY", "Today", "hoy", "HOY", " hoy "])
def test_today(word: str) -> None:
    assert parse_date(word, TODAY) == TODAY


@pytest.mark.parametrize("word", ["tomorrow", "Tomorrow", "mañana", "MAÑANA", "Mañana", "manana", "man\u0303ana"])
def test_tomorrow(word: str) -> None:
    assert parse_date(word, TODAY) == date(2026, 11, 26)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 12, 31), date(2027, 1, 1)),
        (date(2028, 2, 28), date(2028, 2, 29)),
        (date(2027, 2, 28), date(2027, 3, 1)),
        (date(2028, 2, 29), date(2028, 3, 1)),
    ],
)
def test_tomorrow_across_month_and_year_ends(today: date, expected: date) -> None:
    assert parse_date("tomorrow", today) == expected
    assert parse_date("mañana", today) == expected


# --- weekdays ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("word", "weekday"), ALL_WEEKDAY_WORDS)
def test_every_weekday_word_is_its_next_occurrence(word: str, weekday: int) -> None:
    result = parse_date(word, TODAY)
    assert result is not None and result.weekday() == weekday
    assert 1 <= (result - TODAY).days <= 7
    for cased in (word.upper(), word.capitalize(), f"  {word}\n"):
        assert parse_date(cased, TODAY) == result


def test_weekdays_from_a_wednesday() -> None:
    assert parse_date("thu", TODAY) == date(2026, 11, 26)
    assert parse_date("fri", TODAY) == date(2026, 11, 27)
    assert parse_date("sun", TODAY) == date(2026, 11, 29)
    assert parse_date("mon", TODAY) == date(2026, 11, 30)
    assert parse_date("tue", TODAY) == date(2026, 12, 1)


@pytest.mark.parametrize("word", ["wed", "wednesday", "mié", "mie", "miércoles", "miercoles", "MIÉRCOLES"])
def test_a_weekday_equal_to_today_is_a_week_later(word: str) -> None:
    assert parse_date(word, TODAY) == date(2026, 12, 2)


def test_monday_on_a_monday_is_seven_days_later() -> None:
    monday = date(2026, 11, 23)
    assert parse_date("mon", monday) == date(2026, 11, 30)
    assert parse_date("lunes", monday) == date(2026, 11, 30)


def test_weekdays_across_the_year_end() -> None:
    new_years_eve = date(2026, 12, 31)  # a Thursday
    assert parse_date("fri", new_years_eve) == date(2027, 1, 1)
    assert parse_date("jue", new_years_eve) == date(2027, 1, 7)
    assert parse_date("mon", new_years_eve) == date(2027, 1, 4)


@pytest.mark.parametrize("word", ["mié", "sáb", "miércoles", "sábado"])
def test_accented_weekdays_typed_decomposed(word: str) -> None:
    decomposed = unicodedata.normalize("NFD", word)
    assert decomposed != word
    assert parse_date(decomposed, TODAY) == parse_date(word, TODAY)


# --- relative dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "days"),
    [
        ("+0d", 0),
        ("+0w", 0),
        ("+1d", 1),
        ("+3d", 3),
        ("+3D", 3),
        ("+2w", 14),
        ("+2W", 14),
        ("+007d", 7),
        ("+00000000000000000001w", 7),
        ("+3650d", 3650),
        ("+520w", 3640),
        (" +5d ", 5),
    ],
)
def test_relative_dates(word: str, days: int) -> None:
    assert parse_date(word, TODAY) == TODAY + timedelta(days=days)


def test_relative_dates_cross_year_and_leap_day() -> None:
    assert parse_date("+1w", date(2026, 12, 28)) == date(2027, 1, 4)
    assert parse_date("+1d", date(2028, 2, 28)) == date(2028, 2, 29)
    assert parse_date("+366d", date(2028, 1, 1)) == date(2029, 1, 1)


@pytest.mark.parametrize(
    "word",
    [
        "+3651d",
        "+521w",
        "+9999d",
        "+99999999999999999999999d",
        "+" + "9" * 10_000 + "d",  # longer than int() accepts from a string
        "3d",
        "+3",
        "+d",
        "+-3d",
        "-3d",
        "+3m",
        "+3y",
        "+ 3d",
        "+3 d",
        "++3d",
        "+3dd",
        "+３d",  # full-width digit
        "+1.5w",
    ],
)
def test_malformed_or_too_far_relative_dates_are_none(word: str) -> None:
    assert parse_date(word, TODAY) is None


# --- anything else ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "word",
    ["", " ", "\n", "next", "fri day", "friday!", "lu", "m", "t", "yesterday", "ayer", "pasado mañana",
     "december", "dic", "now", "+", "-", "\x00", "🙂", "x" * 20_000, "A-12", "a-12", "C-7", "12", "el", "next month",
     "31/12/1", "1/2/3/4", "32/1", "13/13", "0/5", "5 dic x", "dic 5 2027 x", "5 dic 27", "in 3", "en días",
     "in 3 months", "next 5 dic", "el el viernes", "fin", "de mes"],
)
def test_other_words_are_none(word: str) -> None:
    assert parse_date(word, TODAY) is None


@pytest.mark.parametrize("locale", [None, "en-US", "en-GB", "es-ES", "es-LA"])
def test_every_example_in_the_error_message_parses(locale: str | None) -> None:
    reading = Reading(today=TODAY, language=(locale or "en")[:2], locale=locale)
    examples = [example.strip() for example in date_examples(reading).split(",")]
    assert len(examples) == 7 and all(parse_date(example, reading) is not None for example in examples)


def test_results_near_the_end_of_the_calendar_are_none_not_errors() -> None:
    assert parse_date("tomorrow", date.max) is None
    assert parse_date("fri", date.max) is None
    assert parse_date("+1d", date.max) is None
    assert parse_date("+520w", date(9995, 1, 1)) is None
    assert parse_date("today", date.max) == date.max
    assert parse_date("+0w", date.max) == date.max
    assert parse_date("mon", date.min) == date(1, 1, 8)  # 0001-01-01 was a Monday


# --- properties -------------------------------------------------------------------------------------------

VOCABULARY = [
    *(word for word, _ in ALL_WEEKDAY_WORDS), "today", "hoy", "tomorrow", "mañana", "manana",
    "2026-12-01", "2028-02-29", "2027-02-29", "0000-00-00", "+3d", "+2w", "+3650d", "+3651d", "+0d", "+",
    "d", "w", "-", "2026", "12", "+" + "0" * 50, "9" * 5000, "\x00", "\u200b", "\ufeff", "\u0301", "é", "İ",
    "ß", "ﬀ", "🙂", "\t", "\n", " ", "\u00a0", "\u3000", "x" * 300,
]
any_word = (
    st.text()
    | st.sampled_from(VOCABULARY)
    | st.lists(st.sampled_from(VOCABULARY), max_size=6).map("".join)
    | st.text(min_size=5_000, max_size=20_000)
)


@PROPERTY_SETTINGS
@given(any_word, todays)
def test_parse_date_is_total(word: str, today: date) -> None:
    result = parse_date(word, today)
    assert result is None or isinstance(result, date)


@PROPERTY_SETTINGS
@given(any_word, todays)
def test_only_dates_with_their_year_can_be_in_the_past(word: str, today: date) -> None:
    result = parse_date(word, today)
    if result is not None and result < today:
        assert re.search(r"[0-9]{4}|/[0-9]{2}\s*$", word)


@PROPERTY_SETTINGS
@given(st.sampled_from(ALL_WEEKDAY_WORDS), todays)
def test_weekday_words_give_the_next_occurrence(word_and_weekday: tuple[str, int], today: date) -> None:
    word, weekday = word_and_weekday
    assert parse_date(word, today) == _next_weekday(today, weekday)


@PROPERTY_SETTINGS
@given(st.integers(min_value=0, max_value=3650), st.sampled_from(["d", "D"]), todays)
def test_relative_days(count: int, unit: str, today: date) -> None:
    assert parse_date(f"+{count}{unit}", today) == today + timedelta(days=count)


@PROPERTY_SETTINGS
@given(st.integers(min_value=0, max_value=520), st.sampled_from(["w", "W"]), todays)
def test_relative_weeks(count: int, unit: str, today: date) -> None:
    assert parse_date(f"+{count}{unit}", today) == today + timedelta(weeks=count)


@PROPERTY_SETTINGS
@given(st.integers(min_value=3651, max_value=10**30), todays)
def test_relative_days_beyond_ten_years_are_none(count: int, today: date) -> None:
    assert parse_date(f"+{count}d", today) is None
    assert parse_date(f"+{count // 7 + 521}w", today) is None


@PROPERTY_SETTINGS
@given(st.dates(), todays)
def test_iso_round_trip(day: date, today: date) -> None:
    assert parse_date(day.isoformat(), today) == day


# --- the range of due dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "latest"),
    [(date(2026, 12, 1), date(2031, 12, 1)), (date(2028, 2, 29), date(2033, 2, 28)), (date(9996, 1, 1), date.max)],
)
def test_latest_due_is_five_years_ahead(today: date, latest: date) -> None:
    assert latest_due(today) == latest


@pytest.mark.parametrize(
    ("word", "key"),
    [("2031-12-01", None), ("+1826d", None), ("2031-12-02", "error.date_too_far"), ("9999-12-31", "error.date_too_far"),
     ("+3650d", "error.date_too_far"), ("+520w", "error.date_too_far"), ("2026-11-30", "error.date_in_past"),
     ("0001-01-01", "error.date_in_past")],
)
def test_due_dates_go_from_today_to_five_years_ahead(word: str, key: str | None) -> None:
    today = date(2026, 12, 1)
    result = read_due(word, Reading(today=today), "ask.usage")
    if key is None:
        assert isinstance(result, date) and today <= result <= date(2031, 12, 1)
        return
    assert isinstance(result, ParseError) and result.key == key
    if key == "error.date_too_far":
        assert result.params["latest"] == "2031-12-01"  # the refusal says the range
