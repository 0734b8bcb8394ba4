"""Dates, weekdays, times of day and time zones typed in commands: pure and total, dates resolved against an
injected `today` (the caller's local date), so every string gives a value or None, never an exception."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, time, timedelta
from functools import cache
from zoneinfo import available_timezones

from bot.errors import ParseError
from bot.reading import Reading

# For error messages: forms the parser accepts, in the order a reader would try them.
DATE_EXAMPLES = "2026-12-01, today, tomorrow, fri, +3d, +2w"

MAX_DAYS_AHEAD = 3650
MAX_WEEKS_AHEAD = 520
# The dates Alinea records: nothing before EARLIEST_DAY (a chart could not draw year 1), and nothing due more than
# DUE_YEARS_AHEAD years ahead.
EARLIEST_DAY = date(2000, 1, 1)
DUE_YEARS_AHEAD = 5

_WEEKDAY_WORDS: tuple[tuple[str, ...], ...] = (
    ("mon", "monday", "lun", "lunes"),
    ("tue", "tues", "tuesday", "mar", "martes"),
    ("wed", "wednesday", "mié", "mie", "miércoles", "miercoles"),
    ("thu", "thur", "thurs", "thursday", "jue", "jueves"),
    ("fri", "friday", "vie", "viernes"),
    ("sat", "saturday", "sáb", "sab", "sábado", "sabado"),
    ("sun", "sunday", "dom", "domingo"),
)
WEEKDAYS: dict[str, int] = {word: weekday for weekday, words in enumerate(_WEEKDAY_WORDS) for word in words}
DAYS_FROM_TODAY: dict[str, int] = {"today": 0, "hoy": 0, "tomorrow": 1, "mañana": 1, "manana": 1}

# ASCII digits only: `\d` would also take other scripts' digits.
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
# Leading zeros are dropped before the digit count, so no huge number ever reaches int().
_RELATIVE = re.compile(r"\+0*([0-9]{1,4})([dw])")
_TIME_24 = re.compile(r"([0-9]{1,2}):([0-9]{2})")
_TIME_12 = re.compile(r"([0-9]{1,2})(?::([0-9]{2}))?([ap])\.?m\.?")


def parse_date(word: str, reading: Reading | date) -> date | None:
    """The date `word` names, relative to `today`, or None when it names none (or an impossible one)."""
    # NFC so that a decomposed "mie\u0301" reads as "mié"; lower() after, as "MIÉ" lowers to "mié".
    today = Reading.of(reading).today
    word = unicodedata.normalize("NFC", word.strip()).lower()
    try:
        if (iso := _ISO.fullmatch(word)) is not None:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        if word in DAYS_FROM_TODAY:
            return today + timedelta(days=DAYS_FROM_TODAY[word])
        if word in WEEKDAYS:
            return today + timedelta(days=(WEEKDAYS[word] - today.weekday() - 1) % 7 + 1)
        if (relative := _RELATIVE.fullmatch(word)) is not None:
            count, unit = int(relative[1]), relative[2]
            if count > (MAX_DAYS_AHEAD if unit == "d" else MAX_WEEKS_AHEAD):
                return None
            return today + timedelta(days=count if unit == "d" else 7 * count)
    except (ValueError, OverflowError):  # 2026-02-30, year 0, or past date.max
        return None
    return None


def latest_due(today: date) -> date:
    """The last day something can be due: `DUE_YEARS_AHEAD` years after today (29 Feb gives 28 Feb)."""
    year = today.year + DUE_YEARS_AHEAD
    if year > date.max.year:
        return date.max
    try:
        return today.replace(year=year)
    except ValueError:  # 29 February
        return today.replace(year=year, day=28)


def read_due(value: str, reading: Reading, usage: str) -> date | ParseError:
    """A `due:` option: a date from today to `latest_due`."""
    due = read_ahead(value, reading, usage)
    if not isinstance(due, ParseError) and due < reading.today:
        return ParseError("error.date_in_past", usage=usage, word=value)
    return due


def read_ahead(value: str, reading: Reading, usage: str) -> date | ParseError:
    """A date no later than `latest_due` (an `until:`, say, which may be past)."""
    day = parse_date(value, reading)
    if day is None:
        return ParseError("error.bad_date", usage=usage, word=value, examples=DATE_EXAMPLES)
    if day > latest_due(reading.today):
        return ParseError("error.date_too_far", usage=usage, word=value,
                          latest=latest_due(reading.today).isoformat())
    return day


def parse_weekday(word: str) -> int | None:
    """0 (Monday) … 6 (Sunday) for a weekday word, English or Spanish, short or long, any case, accents optional;
    None for anything else."""
    return WEEKDAYS.get(unicodedata.normalize("NFC", word.strip()).lower())


def parse_time_of_day(word: str) -> time | None:
    """The wall-clock time in `9:30`, `09:30`, `17:05` (24-hour) or `9am`, `5:30pm`, `12am` (midnight), `12pm`
    (noon), `9 a.m.` written together; None for anything else, `25:00` and `9:60` included."""
    word = word.strip().lower()
    if (match := _TIME_24.fullmatch(word)) is not None:
        hour, minute = int(match[1]), int(match[2])
        return time(hour, minute) if hour <= 23 and minute <= 59 else None
    if (match := _TIME_12.fullmatch(word)) is not None:
        hour, minute = int(match[1]), int(match[2] or 0)
        if not 1 <= hour <= 12 or minute > 59:
            return None
        return time(hour % 12 + (12 if match[3] == "p" else 0), minute)
    return None


def minute_of_day(at: time) -> int:
    """A wall-clock time as the store keeps it: minutes after local midnight."""
    return at.hour * 60 + at.minute


def time_of_day(minute: int) -> time:
    """The wall-clock time `minute_of_day` stored."""
    return time(minute // 60, minute % 60)


@cache
def _zones() -> dict[str, str]:
    """Every IANA zone name the system knows, by its lower-cased form."""
    return {name.lower(): name for name in available_timezones()}


def parse_timezone(word: str) -> str | None:
    """The IANA zone `word` names, spelled as the database does (`america/bogota` → `America/Bogota`), or None."""
    return _zones().get(word.strip().lower())
