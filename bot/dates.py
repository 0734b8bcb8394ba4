"""Dates, weekdays, times of day and time zones typed in commands: pure and total, dates resolved against the
reader's `today` (their local date) and conventions, so every string gives a value or None, never an exception.

A date is read in English and Spanish, without case or accents: `2026-12-01`; `today`, `tomorrow`, `hoy`, `mañana`;
a weekday (`fri`, `viernes`), alone or after `next`, `this`, `próximo`, `el` (the next one after today); `+3d`,
`+2w`, `in 3 days`, `en 2 semanas`; `end of month`, `fin de mes`; a day and month in numbers (`31/12`, `31/12/2027`,
`12/31/27`), day first, or month first for a reader who writes so (`Reading.month_first`) when both could be either;
a day and a month's name (`5 dic`, `dec 5`, `5 de diciembre`, `December 5, 2027`). A day without its year is its next
occurrence, today included (the latest one, today included, when looking back)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, time, timedelta
from functools import cache
from zoneinfo import available_timezones

from bot.errors import ParseError
from bot.i18n import t
from bot.lexer import Phrase
from bot.reading import Reading

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
_MONTH_WORDS: tuple[tuple[str, ...], ...] = (
    ("jan", "january", "ene", "enero"),
    ("feb", "february", "febrero"),
    ("mar", "march", "marzo"),
    ("apr", "april", "abr", "abril"),
    ("may", "mayo"),
    ("jun", "june", "junio"),
    ("jul", "july", "julio"),
    ("aug", "august", "ago", "agosto"),
    ("sep", "sept", "september", "set", "septiembre", "setiembre"),
    ("oct", "october", "octubre"),
    ("nov", "november", "noviembre"),
    ("dec", "december", "dic", "diciembre"),
)
MONTHS: dict[str, int] = {word: month for month, words in enumerate(_MONTH_WORDS, start=1) for word in words}
# Words before a weekday that name the same day as the weekday alone: its next occurrence after today.
_NEXT_WORDS = frozenset({"next", "this", "proximo", "proxima", "este"})
_END_OF_MONTH = frozenset({"end of month", "end of the month", "fin de mes", "fin del mes"})
# Words between a day and its month or year: `5 de diciembre de 2027`, `5th of December`.
_JOINING_WORDS = frozenset({"de", "del", "of"})

# ASCII digits only: `\d` would also take other scripts' digits.
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
# Leading zeros are dropped before the digit count, so no huge number ever reaches int().
_RELATIVE = re.compile(r"\+0*([0-9]{1,4})([dw])")
_IN_DAYS = re.compile(r"(?:in|en) 0*([0-9]{1,4}) (day|days|dia|dias|week|weeks|semana|semanas)")
_NUMERIC = re.compile(r"([0-9]{1,2})/([0-9]{1,2})(?:/([0-9]{4}|[0-9]{2}))?")
_DAY = re.compile(r"([0-9]{1,2})(?:st|nd|rd|th)?")
_YEAR = re.compile(r"[0-9]{4}")
_TIME_24 = re.compile(r"([0-9]{1,2}):([0-9]{2})")
_TIME_12 = re.compile(r"([0-9]{1,2})(?::([0-9]{2}))?([ap])\.?m\.?")


def parse_date(word: str, reading: Reading | date, looking_back: bool = False) -> date | None:
    """The date `word` names for the reader (a plain date: an English reader's today), or None when it names none
    (or an impossible one). `looking_back` reads a day without its year as the latest one, today included."""
    reading = Reading.of(reading)
    parts = _folded_words(word)
    if len(parts) > 1 and parts[0] == "el":  # `el viernes`, `el 5 de diciembre`
        parts = parts[1:]
    try:
        return _date_of(parts, reading, looking_back)
    except (ValueError, OverflowError):  # 2026-02-30, year 0, or past date.max
        return None


def is_date(phrase: str, reading: Reading) -> bool:
    """Whether `phrase` names a date: what a date option's value may run over (`vence:próximo viernes`)."""
    return parse_date(phrase, reading) is not None


def _folded_words(word: str) -> list[str]:
    """The words of `word` without case or accents (`Próximo` → `proximo`, `MAÑANA` → `manana`), a comma after a
    word dropped (`December 5, 2027`; a lone `,` stays a word, and no date)."""
    folded = "".join(c for c in unicodedata.normalize("NFD", word.casefold()) if not unicodedata.combining(c))
    return [part.rstrip(",") or part for part in folded.split()]


def _date_of(parts: list[str], reading: Reading, looking_back: bool) -> date | None:
    today = reading.today
    if len(parts) == 1:
        return _one_word_date(parts[0], reading, looking_back)
    if len(parts) == 2 and parts[0] in _NEXT_WORDS and parts[1] in WEEKDAYS:
        return _next_weekday(WEEKDAYS[parts[1]], today)
    phrase = " ".join(parts)
    if phrase in _END_OF_MONTH:
        return (today.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    if (ahead := _IN_DAYS.fullmatch(phrase)) is not None:
        return _days_ahead(int(ahead[1]), ahead[2].startswith("d"), today)  # days, días; else weeks, semanas
    return _named_date([part for part in parts if part not in _JOINING_WORDS], today, looking_back)


def _one_word_date(word: str, reading: Reading, looking_back: bool) -> date | None:
    today = reading.today
    if (iso := _ISO.fullmatch(word)) is not None:
        return date(int(iso[1]), int(iso[2]), int(iso[3]))
    if word in DAYS_FROM_TODAY:
        return today + timedelta(days=DAYS_FROM_TODAY[word])
    if word in WEEKDAYS:
        return _next_weekday(WEEKDAYS[word], today)
    if (relative := _RELATIVE.fullmatch(word)) is not None:
        return _days_ahead(int(relative[1]), relative[2] == "d", today)
    if (numeric := _NUMERIC.fullmatch(word)) is not None:
        first, second = int(numeric[1]), int(numeric[2])
        if first > 12 or (second <= 12 and not reading.month_first):
            day, month = first, second
        else:
            month, day = first, second
        year = numeric[3]
        if year is None:
            return _without_year(month, day, today, looking_back)
        return date(int(year) + (2000 if len(year) == 2 else 0), month, day)
    return None


def _next_weekday(weekday: int, today: date) -> date:
    """The next day with that weekday after today (a week ahead when today is one)."""
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def _days_ahead(count: int, days: bool, today: date) -> date | None:
    if count > (MAX_DAYS_AHEAD if days else MAX_WEEKS_AHEAD):
        return None
    return today + timedelta(days=count if days else 7 * count)


def _named_date(parts: list[str], today: date, looking_back: bool) -> date | None:
    """`5 dic`, `dec 5`, `5 diciembre 2027`, `December 5 2027` (joining words and commas already dropped)."""
    if len(parts) not in (2, 3):
        return None
    first, second = parts[0].rstrip("."), parts[1].rstrip(".")
    if first in MONTHS and (day := _DAY.fullmatch(second)) is not None:
        month = MONTHS[first]
    elif second in MONTHS and (day := _DAY.fullmatch(first)) is not None:
        month = MONTHS[second]
    else:
        return None
    if len(parts) == 2:
        return _without_year(month, int(day[1]), today, looking_back)
    if _YEAR.fullmatch(parts[2]) is None:
        return None
    return date(int(parts[2]), month, int(day[1]))


def _without_year(month: int, day: int, today: date, looking_back: bool) -> date | None:
    """The next `day` of `month` from today, today included (or the latest up to today, `looking_back`): the
    first year that has it (a 29 February is at most 8 years away)."""
    step = -1 if looking_back else 1
    for year in range(today.year, today.year + 9 * step, step):
        try:
            found = date(year, month, day)
        except ValueError:  # no such day that year (or any year), or past the calendar's ends
            continue
        if (found <= today) if looking_back else (found >= today):
            return found
    return None


def numeric_day(day: date, reading: Reading) -> str:
    """`day` as the reader writes it in numbers, without its year: `31/12`, or `12/31` month first."""
    return f"{day.month}/{day.day}" if reading.month_first else f"{day.day}/{day.month}"


def named_day(day: date, reading: Reading) -> str:
    """`day` with its month's short name, as the reader types it: `dec 5`, `5 dic`."""
    month = t(reading.language, "dates.months").split(",")[day.month - 1].lower()
    return t(reading.language, "typed.named_day", day=day.day, month=month)


def date_examples(reading: Reading) -> str:
    """For a date error: forms the parser reads, in the reader's language and conventions, each a date from today
    on (`2026-12-04, tomorrow, fri, 12/31, dec 5, next friday, +3d`)."""
    today = reading.today
    try:
        week_later = today + timedelta(days=7)
        fifth_of_next_month = date(today.year + today.month // 12, today.month % 12 + 1, 5)
    except (ValueError, OverflowError):  # at the calendar's end
        week_later = fifth_of_next_month = today
    return t(reading.language, "typed.date_examples", iso=week_later.isoformat(),
             numeric=numeric_day(date(today.year, 12, 31), reading), named=named_day(fifth_of_next_month, reading))


def latest_due(today: date) -> date:
    """The last day something can be due: `DUE_YEARS_AHEAD` years after today (29 Feb gives 28 Feb)."""
    year = today.year + DUE_YEARS_AHEAD
    if year > date.max.year:
        return date.max
    try:
        return today.replace(year=year)
    except ValueError:  # 29 February
        return today.replace(year=year, day=28)


def _read_due(value: str, reading: Reading, usage: str) -> date | ParseError:
    """A `due:` option: a date from today to `latest_due`."""
    due = _read_ahead(value, reading, usage)
    if not isinstance(due, ParseError) and due < reading.today:
        return ParseError("error.date_in_past", usage=usage, word=value)
    return due


def _read_ahead(value: str, reading: Reading, usage: str) -> date | ParseError:
    """A date no later than `latest_due` (an `until:`, say, which may be past)."""
    day = parse_date(value, reading)
    if day is None:
        return ParseError("error.bad_date", usage=usage, word=value, examples=date_examples(reading))
    if day > latest_due(reading.today):
        return ParseError("error.date_too_far", usage=usage, word=value,
                          latest=latest_due(reading.today).isoformat())
    return day


# The readers of date options; their value may run over the next words (`due:next friday`).
read_due = Phrase(_read_due, is_date)
read_ahead = Phrase(_read_ahead, is_date)


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


def read_timezone(value: str, reading: Reading, usage: str) -> str | ParseError:
    """A `tz:` option: an IANA zone."""
    zone = parse_timezone(value)
    return zone if zone is not None else ParseError("error.bad_timezone", usage=usage, word=value)


def parse_timezone(word: str) -> str | None:
    """The IANA zone `word` names, spelled as the database does (`america/bogota` → `America/Bogota`), or None."""
    return _zones().get(word.strip().lower())
