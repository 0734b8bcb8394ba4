"""Recurring meetings and rounds: a weekday at a wall-clock time, every N weeks, in an IANA time zone; and the
words that set such a rhythm (`every:2w on:mon at:10:00`).

Pure functions over `datetime` and `zoneinfo`. A series is fixed in *local* terms (the anchor's weekday, the
wall-clock time `at`), so its instants in UTC move when the zone changes its offset (DST); every result is an aware
UTC datetime, which is what the scheduler and the idempotency rows store.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from pydantic import BaseModel

from bot.dates import parse_time_of_day, parse_weekday
from bot.errors import ParseError
from bot.lexer import Reader, Word, only_options, option_key
from bot.reading import UNDATED, Reading

MIN_EVERY_WEEKS = 1
MAX_EVERY_WEEKS = 52
RHYTHM_MAX_EVERY_WEEKS = 12  # rounds of shadowing and the pulse
# Leading zeros are dropped before the digit count, so no huge number ever reaches int().
_EVERY = re.compile(r"0*([0-9]{1,3})(w|wk|wks|week|weeks|s|sem|semana|semanas)?")


@dataclass(frozen=True)
class Series:
    anchor: date  # the date of the first meeting (its weekday is the series' weekday)
    at: time  # wall-clock time, naive (e.g. time(9, 0)); a tzinfo or fold on it is ignored
    every_weeks: int  # 1..52
    timezone: str  # IANA name, e.g. "America/Mexico_City"


def first_date(weekday: int, today: date) -> date:
    """The anchor for a new series created on `today`: the next date with that weekday (0=Monday), today included."""
    if not isinstance(weekday, int) or isinstance(weekday, bool) or not 0 <= weekday <= 6:
        raise ValueError(f"weekday must be 0 (Monday) .. 6 (Sunday), not {weekday!r}")
    return today + timedelta(days=(weekday - today.weekday()) % 7)


def starting_after(weekday: int, at: time, every_weeks: int, timezone: str, now: datetime) -> Series:
    """A new series whose first meeting is the next `weekday` at `at` after `now` (today's, if still to come)."""
    anchor = first_date(weekday, now.astimezone(ZoneInfo(timezone)).date())
    series = Series(anchor=anchor, at=at, every_weeks=every_weeks, timezone=timezone)
    if occurrence_on(series, anchor) <= now:
        series = Series(anchor=anchor + timedelta(weeks=1), at=at, every_weeks=every_weeks, timezone=timezone)
    return series


def occurrence_on(series: Series, day: date) -> datetime:
    """The meeting on `day` as an aware UTC datetime: `day` at `series.at` in the series' zone. In a spring-forward
    gap (a wall time that does not exist that day) the meeting moves forward by the gap (02:30 → 03:30); in a
    fall-back overlap (a wall time that happens twice) the first of the two is used."""
    _check_series(series)
    return _local_to_utc(_wall_time(series, day), ZoneInfo(series.timezone))


def next_occurrence(series: Series, after: datetime) -> datetime:
    """The first meeting strictly after the aware datetime `after` (UTC aware result). Meetings are on
    anchor + k * every_weeks weeks for k >= 0; nothing before the anchor."""
    _check_series(series)
    return _first_from(series, _to_utc(after, "after"), strict=True)[1]


def occurrences_between(series: Series, start: datetime, end: datetime) -> list[datetime]:
    """Every meeting with start <= meeting < end, in order (UTC aware)."""
    _check_series(series)
    start_utc, end_utc = _to_utc(start, "start"), _to_utc(end, "end")
    if end_utc <= start_utc:
        return []
    zone = ZoneInfo(series.timezone)
    period = 7 * series.every_weeks
    k, meeting = _first_from(series, start_utc, strict=False)
    meetings: list[datetime] = []
    while meeting < end_utc:
        meetings.append(meeting)
        k += 1
        try:
            meeting = _local_to_utc(_wall_time(series, series.anchor + timedelta(days=k * period)), zone)
        except OverflowError:  # past the last representable date: nothing more can be before `end`
            break
    return meetings


def period_key(occurrence: datetime) -> str:
    """A stable string naming one meeting, for idempotency rows: the UTC instant in ISO form,
    e.g. '2026-12-07T15:00:00+00:00'."""
    return _to_utc(occurrence, "occurrence").isoformat()


def scheduled_on_day(series: Series, now: datetime) -> datetime | None:
    """The occurrence of `series` on the day `now` falls on in the series' time zone, if the rhythm has one that
    day (before or after `now`)."""
    zone = ZoneInfo(series.timezone)
    day = now.astimezone(zone).date()
    start = datetime.combine(day, time.min, tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)
    found = occurrences_between(series, start, end)
    return found[0] if found else None


def manual_period(now: datetime) -> str:
    """The period of a round someone started by hand (`/shadow run`, `/alinea pulse run`, the console): its own,
    never one a scheduled round uses."""
    return f"manual:{now.isoformat()}"


def parse_every_weeks(word: str, most: int) -> int | None:
    """N for `N`, `Nw`, `N weeks`, `N semanas` written together, from 1 to `most`; None for anything else."""
    match = _EVERY.fullmatch(word.strip().lower())
    return int(match[1]) if match and 1 <= int(match[1]) <= most else None


class Rhythm(BaseModel):
    every_weeks: int
    weekday: int  # 0 = Monday
    at: time


def _read_every(value: str, reading: Reading, usage: str) -> object:
    weeks = parse_every_weeks(value, RHYTHM_MAX_EVERY_WEEKS)
    return weeks if weeks is not None else ParseError("error.rhythm_bad_every", usage=usage, word=value)


def _read_weekday(value: str, reading: Reading, usage: str) -> object:
    found = parse_weekday(value)
    return found if found is not None else ParseError("error.bad_weekday", usage=usage, word=value)


def _read_at(value: str, reading: Reading, usage: str) -> object:
    found = parse_time_of_day(value)
    return found if found is not None else ParseError("error.bad_time", usage=usage, word=value)


_RHYTHM_OPTIONS: dict[str, Reader] = {"every:": _read_every, "on:": _read_weekday, "at:": _read_at}


def parse_rhythm(found: list[Word], usage: str, extra: dict[str, Reader] | None = None,
                 reading: Reading | None = None) -> tuple[Rhythm, dict[str, object]] | ParseError:
    """`every:Nw on:<weekday> at:HH:MM` in any order (`cada:2w en:lun a:10:00` in Spanish), and the options `extra`
    reads (`followup:7d`), each once; `reading` is the reader's, for what a refusal shows (by default an English
    reader's)."""
    options = only_options(found, {**_RHYTHM_OPTIONS, **(extra or {})}, reading or UNDATED, usage)
    if isinstance(options, ParseError):
        return options
    missing = [name for name in ("every:", "on:", "at:") if name not in options]
    if missing:
        language = "en" if reading is None else reading.language
        return ParseError("error.rhythm_needs", usage=usage, option=option_key(missing[0], language))
    rhythm = Rhythm(every_weeks=options.pop("every:"), weekday=options.pop("on:"), at=options.pop("at:"))
    return rhythm, options


# --- internals -----------------------------------------------------------------------------------------------


def _check_series(series: Series) -> None:
    every = series.every_weeks
    if not isinstance(every, int) or isinstance(every, bool) or not MIN_EVERY_WEEKS <= every <= MAX_EVERY_WEEKS:
        raise ValueError(f"every_weeks must be {MIN_EVERY_WEEKS}..{MAX_EVERY_WEEKS}, not {every!r}")


def _to_utc(moment: datetime, name: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime, not naive {moment!r}")
    return moment.astimezone(UTC)


def _wall_time(series: Series, day: date) -> datetime:
    """The naive local datetime of the meeting on `day` (tzinfo and fold of `series.at` dropped)."""
    at = series.at
    return datetime(day.year, day.month, day.day, at.hour, at.minute, at.second, at.microsecond)


def _local_to_utc(wall: datetime, zone: ZoneInfo) -> datetime:
    """The UTC instant of the naive local `wall` time in `zone`, with the meeting rules for gaps and overlaps.

    zoneinfo follows PEP 495: a wall time is read with `fold=0` or `fold=1`.
      * Ordinary time: both folds give the same (only) offset.
      * Fall-back overlap (e.g. 01:30 twice in New York on 2026-11-01): fold=0 is the *first* of the two, with the
        pre-transition offset (EDT, 05:30 UTC); fold=1 would be the second (EST, 06:30 UTC). We want the first, so
        fold=0. Converting it to UTC and back gives the same wall time, so it passes the round trip below.
      * Spring-forward gap (02:30 does not exist in New York on 2026-03-08): there is no right answer from zoneinfo;
        fold=0 reads it with the pre-transition offset (EST), fold=1 with the post-transition one (EDT). We detect
        the gap by the round trip: wall → UTC → wall gives a *different* wall time (02:30 EST = 07:30 UTC, which
        reads back as 03:30 EDT). Then the meeting moves forward by the size of the gap
        (gap = post offset − pre offset, 1 h there, 30 min on Lord Howe Island): 02:30 → 03:30 local, whose
        instant is the shifted wall time read with the post-transition offset.
    """
    first = wall.replace(tzinfo=zone, fold=0)
    instant = first.astimezone(UTC)
    if instant.astimezone(zone).replace(tzinfo=None) == wall:
        return instant  # the wall time exists (once, or twice and this is the first)
    before = first.utcoffset()
    after = wall.replace(tzinfo=zone, fold=1).utcoffset()
    assert before is not None and after is not None  # ZoneInfo always gives an offset
    gap = after - before
    if gap <= timedelta(0):  # not a forward jump after all (no zone does this): keep the fold=0 reading
        return instant
    shifted = wall + gap  # e.g. 02:30 → 03:30, which exists on the far side of the jump
    return (shifted - after).replace(tzinfo=UTC)


def _first_from(series: Series, moment: datetime, *, strict: bool) -> tuple[int, datetime]:
    """The period index k and UTC instant of the first meeting after the UTC instant `moment` (strictly after when `strict`, else at or after).

    Constant time: the period index k is estimated from the number of days since the anchor, then at most a few
    neighbouring periods are checked. Estimating from the UTC date is safe because a meeting's UTC date is within
    a day (zone offsets are under 24 h) plus a gap (an hour or so) of its local date, while periods are >= 7 days
    apart, so meeting k0 - 1 is always before `moment` and no earlier meeting needs a look.
    """
    zone = ZoneInfo(series.timezone)
    period = 7 * series.every_weeks

    def later(meeting: datetime) -> bool:
        return meeting > moment if strict else meeting >= moment

    days = (moment.date() - series.anchor).days
    k = max(0, days // period - 1)
    while True:  # at most about three rounds (see above)
        meeting = _local_to_utc(_wall_time(series, series.anchor + timedelta(days=k * period)), zone)
        if later(meeting):
            return k, meeting
        k += 1
