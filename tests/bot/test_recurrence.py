"""Recurring meetings: a weekday at a wall-clock time, every N weeks, in an IANA zone, correct across DST."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.recurrence import Series, first_date, next_occurrence, occurrence_on, occurrences_between, period_key
from tests.helpers import utc
from tests.strategies import property_settings

MEXICO = "America/Mexico_City"
NEW_YORK = "America/New_York"
MADRID = "Europe/Madrid"
KOLKATA = "Asia/Kolkata"
CHATHAM = "Pacific/Chatham"
LORD_HOWE = "Australia/Lord_Howe"

ZONES = [
    MEXICO,
    NEW_YORK,
    MADRID,
    KOLKATA,
    CHATHAM,
    LORD_HOWE,  # 30-minute DST
    "America/Santiago",  # jumps at local midnight
    "Asia/Tehran",  # +03:30, DST until 2022, jumps at local midnight
    "Australia/Sydney",  # southern hemisphere
    "UTC",
]


def weekly(anchor: date, at: time, zone: str, every_weeks: int = 1) -> Series:
    return Series(anchor=anchor, at=at, every_weeks=every_weeks, timezone=zone)


def mondays(start: date, end: date) -> list[date]:
    day = first_date(0, start)
    days = []
    while day < end:
        days.append(day)
        day += timedelta(days=7)
    return days


# --- first_date ----------------------------------------------------------------------------------------------

TODAY = date(2026, 11, 25)  # a Wednesday
assert TODAY.weekday() == 2


@pytest.mark.parametrize(
    ("weekday", "expected"),
    [
        (0, date(2026, 11, 30)),
        (1, date(2026, 12, 1)),
        (2, date(2026, 11, 25)),  # today itself
        (3, date(2026, 11, 26)),
        (4, date(2026, 11, 27)),
        (5, date(2026, 11, 28)),
        (6, date(2026, 11, 29)),
    ],
)
def test_first_date_is_the_next_such_weekday_today_included(weekday: int, expected: date) -> None:
    assert first_date(weekday, TODAY) == expected
    assert first_date(weekday, TODAY).weekday() == weekday


def test_first_date_across_a_year_end() -> None:
    assert first_date(0, date(2026, 12, 29)) == date(2027, 1, 4)


@pytest.mark.parametrize("weekday", [-1, 7, 100])
def test_first_date_rejects_a_weekday_out_of_range(weekday: int) -> None:
    with pytest.raises(ValueError):
        first_date(weekday, TODAY)


# --- Mexico City: no DST since 2022 --------------------------------------------------------------------------


def test_mexico_city_stays_at_15_utc_all_year() -> None:
    series = weekly(date(2026, 1, 5), time(9, 0), MEXICO)
    meetings = occurrences_between(series, utc(2026, 1, 1), utc(2027, 1, 1))
    assert [m.date() for m in meetings] == mondays(date(2026, 1, 1), date(2027, 1, 1))
    assert len(meetings) == 52
    assert {(m.hour, m.minute) for m in meetings} == {(15, 0)}
    assert all(m.tzinfo is UTC for m in meetings)


def test_mexico_city_history_before_abolition_is_respected() -> None:
    # Mexico still observed DST in 2022 (until 2022-10-30): a June 2022 meeting was at 09:00 CDT = 14:00 UTC.
    series = weekly(date(2022, 1, 3), time(9, 0), MEXICO)
    assert occurrence_on(series, date(2022, 6, 6)) == utc(2022, 6, 6, 14, 0)
    assert occurrence_on(series, date(2022, 11, 7)) == utc(2022, 11, 7, 15, 0)


def test_period_key_is_the_utc_instant_in_iso_form() -> None:
    series = weekly(date(2026, 1, 5), time(9, 0), MEXICO)
    meeting = occurrence_on(series, date(2026, 12, 7))
    assert period_key(meeting) == "2026-12-07T15:00:00+00:00"
    # The same instant written in another zone names the same meeting.
    assert period_key(meeting.astimezone(ZoneInfo(MEXICO))) == "2026-12-07T15:00:00+00:00"
    assert period_key(meeting.astimezone(timezone(timedelta(hours=5, minutes=30)))) == "2026-12-07T15:00:00+00:00"


def test_period_key_rejects_a_naive_datetime() -> None:
    with pytest.raises(ValueError):
        period_key(datetime(2026, 12, 7, 15, 0))


# --- New York: 14:00 UTC in winter, 13:00 UTC in summer ------------------------------------------------------

NY_MONDAYS = weekly(date(2026, 1, 5), time(9, 0), NEW_YORK)
NY_SUNDAYS = weekly(date(2026, 1, 4), time(9, 0), NEW_YORK)


def test_new_york_spring_forward_2026_03_08() -> None:
    assert next_occurrence(NY_MONDAYS, utc(2026, 3, 1)) == utc(2026, 3, 2, 14, 0)  # EST
    assert next_occurrence(NY_MONDAYS, utc(2026, 3, 2, 14, 0)) == utc(2026, 3, 9, 13, 0)  # EDT
    # On the Sunday of the change itself: 09:00 is already EDT.
    assert next_occurrence(NY_SUNDAYS, utc(2026, 3, 2)) == utc(2026, 3, 8, 13, 0)
    assert occurrence_on(NY_SUNDAYS, date(2026, 3, 1)) == utc(2026, 3, 1, 14, 0)


def test_new_york_fall_back_2026_11_01() -> None:
    assert next_occurrence(NY_MONDAYS, utc(2026, 10, 25)) == utc(2026, 10, 26, 13, 0)  # EDT
    assert next_occurrence(NY_MONDAYS, utc(2026, 10, 26, 13, 0)) == utc(2026, 11, 2, 14, 0)  # EST
    # On the Sunday of the change itself: 09:00 is already EST.
    assert occurrence_on(NY_SUNDAYS, date(2026, 10, 25)) == utc(2026, 10, 25, 13, 0)
    assert next_occurrence(NY_SUNDAYS, utc(2026, 10, 25, 13, 0)) == utc(2026, 11, 1, 14, 0)


def test_new_york_whole_year_is_always_nine_local() -> None:
    zone = ZoneInfo(NEW_YORK)
    meetings = occurrences_between(NY_MONDAYS, utc(2026, 1, 1), utc(2027, 1, 1))
    assert len(meetings) == 52
    assert {m.astimezone(zone).time() for m in meetings} == {time(9, 0)}
    summer = [m for m in meetings if date(2026, 3, 8) < m.date() < date(2026, 11, 1)]
    winter = [m for m in meetings if m not in summer]
    assert {m.hour for m in summer} == {13}
    assert {m.hour for m in winter} == {14}


def test_spring_forward_gap_moves_the_meeting_forward_by_the_gap() -> None:
    series = weekly(date(2026, 3, 1), time(2, 30), NEW_YORK)
    meeting = occurrence_on(series, date(2026, 3, 8))
    assert meeting == utc(2026, 3, 8, 7, 30)
    local = meeting.astimezone(ZoneInfo(NEW_YORK))
    assert (local.date(), local.time()) == (date(2026, 3, 8), time(3, 30))
    # The week before and after it is at 02:30 as usual.
    assert next_occurrence(series, utc(2026, 3, 1)) == utc(2026, 3, 1, 7, 30)  # 02:30 EST
    assert next_occurrence(series, utc(2026, 3, 1, 7, 30)) == utc(2026, 3, 8, 7, 30)
    assert next_occurrence(series, utc(2026, 3, 8, 7, 30)) == utc(2026, 3, 15, 6, 30)  # 02:30 EDT


def test_fall_back_overlap_happens_once_at_the_first_one() -> None:
    series = weekly(date(2026, 10, 25), time(1, 30), NEW_YORK)
    assert occurrence_on(series, date(2026, 11, 1)) == utc(2026, 11, 1, 5, 30)  # 01:30 EDT, not 01:30 EST
    on_that_day = occurrences_between(series, utc(2026, 11, 1, 4), utc(2026, 11, 1, 7))
    assert on_that_day == [utc(2026, 11, 1, 5, 30)]
    # Not again at the second 01:30 (06:30 UTC): the next one is a week later.
    assert next_occurrence(series, utc(2026, 11, 1, 5, 30)) == utc(2026, 11, 8, 6, 30)
    assert next_occurrence(series, utc(2026, 11, 1, 5, 0)) == utc(2026, 11, 1, 5, 30)


# --- Madrid ---------------------------------------------------------------------------------------------------


def test_madrid_across_2026_03_29_and_2026_10_25() -> None:
    sundays = weekly(date(2026, 1, 4), time(9, 0), MADRID)
    assert occurrence_on(sundays, date(2026, 3, 22)) == utc(2026, 3, 22, 8, 0)  # CET
    assert next_occurrence(sundays, utc(2026, 3, 22, 8, 0)) == utc(2026, 3, 29, 7, 0)  # CEST
    assert occurrence_on(sundays, date(2026, 10, 18)) == utc(2026, 10, 18, 7, 0)  # CEST
    assert next_occurrence(sundays, utc(2026, 10, 18, 7, 0)) == utc(2026, 10, 25, 8, 0)  # CET
    gap = weekly(date(2026, 3, 22), time(2, 30), MADRID)
    assert occurrence_on(gap, date(2026, 3, 29)) == utc(2026, 3, 29, 1, 30)  # 03:30 CEST
    overlap = weekly(date(2026, 10, 18), time(2, 30), MADRID)
    assert occurrence_on(overlap, date(2026, 10, 25)) == utc(2026, 10, 25, 0, 30)  # the first 02:30, CEST


# --- Odd offsets ----------------------------------------------------------------------------------------------


def test_kolkata_half_hour_offset() -> None:
    series = weekly(date(2026, 1, 5), time(9, 0), KOLKATA)
    meetings = occurrences_between(series, utc(2026, 1, 1), utc(2027, 1, 1))
    assert len(meetings) == 52
    assert {(m.hour, m.minute) for m in meetings} == {(3, 30)}
    assert period_key(meetings[0]) == "2026-01-05T03:30:00+00:00"


def test_chatham_offsets_and_changes() -> None:
    series = weekly(date(2026, 1, 5), time(9, 0), CHATHAM)
    # 09:00 on Monday in the Chathams is Sunday evening in UTC: +13:45 in (southern) summer, +12:45 in winter.
    assert occurrence_on(series, date(2026, 1, 5)) == utc(2026, 1, 4, 19, 15)
    assert occurrence_on(series, date(2026, 7, 6)) == utc(2026, 7, 5, 20, 15)
    assert next_occurrence(series, utc(2026, 1, 4, 19, 15)) == utc(2026, 1, 11, 19, 15)
    # The jump is 02:45 → 03:45 on 2026-09-27: 03:00 moves to 04:00 (+13:45).
    gap = weekly(date(2026, 9, 20), time(3, 0), CHATHAM)
    assert occurrence_on(gap, date(2026, 9, 27)) == utc(2026, 9, 26, 14, 15)
    assert occurrence_on(gap, date(2026, 9, 20)) == utc(2026, 9, 19, 14, 15)  # 03:00 at +12:45
    # Back 03:45 → 02:45 on 2026-04-05: 03:00 happens twice, the first at +13:45.
    overlap = weekly(date(2026, 3, 29), time(3, 0), CHATHAM)
    assert occurrence_on(overlap, date(2026, 4, 5)) == utc(2026, 4, 4, 13, 15)


def test_lord_howe_thirty_minute_dst() -> None:
    # Lord Howe Island: +10:30, and +11:00 in summer; 02:00 → 02:30 on 2026-10-04.
    series = weekly(date(2026, 9, 27), time(2, 15), LORD_HOWE)
    meeting = occurrence_on(series, date(2026, 10, 4))
    assert meeting == utc(2026, 10, 3, 15, 45)
    assert meeting.astimezone(ZoneInfo(LORD_HOWE)).time() == time(2, 45)
    assert occurrence_on(series, date(2026, 9, 27)) == utc(2026, 9, 26, 15, 45)  # 02:15 at +10:30
    assert occurrence_on(series, date(2026, 10, 11)) == utc(2026, 10, 10, 15, 15)  # 02:15 at +11:00


# --- Every two weeks ------------------------------------------------------------------------------------------


def test_every_two_weeks_keeps_parity_across_a_year_and_dst() -> None:
    anchor = date(2026, 1, 5)
    series = weekly(anchor, time(9, 0), NEW_YORK, every_weeks=2)
    zone = ZoneInfo(NEW_YORK)
    meetings = occurrences_between(series, utc(2025, 1, 1), utc(2027, 1, 1))
    days = [m.astimezone(zone).date() for m in meetings]
    assert days[0] == anchor
    assert len(days) == 26  # Jan 5 + 25 * 14 days = Dec 21
    assert all((day - anchor).days % 14 == 0 for day in days)
    assert all(later - earlier == timedelta(days=14) for earlier, later in zip(days, days[1:], strict=False))
    # Across the spring change: 2026-03-02 (EST) is a meeting week, 2026-03-09 is not, 2026-03-16 (EDT) is.
    assert next_occurrence(series, utc(2026, 3, 1)) == utc(2026, 3, 2, 14, 0)
    assert next_occurrence(series, utc(2026, 3, 2, 14, 0)) == utc(2026, 3, 16, 13, 0)
    # And the parity continues into the following years.
    assert next_occurrence(series, utc(2027, 12, 31)).date() == date(2028, 1, 3)
    assert (date(2028, 1, 3) - anchor).days == 52 * 14


def test_every_two_weeks_parity_from_any_after() -> None:
    anchor = date(2026, 1, 5)
    series = weekly(anchor, time(9, 0), MEXICO, every_weeks=2)
    for offset in range(0, 400):
        after = utc(2026, 1, 5) + timedelta(days=offset, hours=7)
        meeting = next_occurrence(series, after)
        assert (meeting.date() - anchor).days % 14 == 0
        assert timedelta(0) < meeting - after <= timedelta(days=14)


# --- Edges of next_occurrence ---------------------------------------------------------------------------------


def test_after_equal_to_an_occurrence_gives_the_following_one() -> None:
    series = weekly(date(2026, 1, 5), time(9, 0), MEXICO)
    assert next_occurrence(series, utc(2026, 1, 5, 15, 0)) == utc(2026, 1, 12, 15, 0)
    assert next_occurrence(series, utc(2026, 1, 5, 14, 59, 59)) == utc(2026, 1, 5, 15, 0)
    # The same instant in another zone is the same instant.
    assert next_occurrence(series, datetime(2026, 1, 5, 9, 0, tzinfo=ZoneInfo(MEXICO))) == utc(2026, 1, 12, 15, 0)


def test_after_before_the_anchor_gives_the_anchors_meeting() -> None:
    series = weekly(date(2026, 6, 1), time(9, 0), MEXICO, every_weeks=3)
    assert next_occurrence(series, utc(2026, 5, 31)) == utc(2026, 6, 1, 15, 0)
    assert next_occurrence(series, utc(2020, 1, 1)) == utc(2026, 6, 1, 15, 0)
    assert next_occurrence(series, datetime.min.replace(tzinfo=UTC)) == utc(2026, 6, 1, 15, 0)
    # Nothing before the anchor even on the anchor's weekday.
    assert occurrences_between(series, utc(2026, 1, 1), utc(2026, 6, 1, 15, 0)) == []


def test_far_future_is_arithmetic_not_a_loop() -> None:
    series = weekly(date(2026, 1, 5), time(9, 0), NEW_YORK, every_weeks=3)
    meeting = next_occurrence(series, utc(9000, 6, 1))
    local = meeting.astimezone(ZoneInfo(NEW_YORK))
    assert local.time() == time(9, 0)
    assert (local.date() - date(2026, 1, 5)).days % 21 == 0
    assert timedelta(0) < meeting - utc(9000, 6, 1) <= timedelta(days=21)


def test_rejects_naive_after_and_bad_every_weeks() -> None:
    series = weekly(date(2026, 1, 5), time(9, 0), MEXICO)
    with pytest.raises(ValueError):
        next_occurrence(series, datetime(2026, 1, 5, 9, 0))
    for every in (0, -1, 53):
        with pytest.raises(ValueError):
            next_occurrence(weekly(date(2026, 1, 5), time(9, 0), MEXICO, every_weeks=every), utc(2026, 1, 1))
    with pytest.raises(ValueError):
        occurrences_between(series, datetime(2026, 1, 1), utc(2026, 2, 1))
    with pytest.raises(ValueError):
        occurrences_between(series, utc(2026, 1, 1), datetime(2026, 2, 1))
    # 1 and 52 are allowed.
    assert next_occurrence(weekly(date(2026, 1, 5), time(9, 0), MEXICO, 52), utc(2026, 1, 6)).date() == date(
        2027, 1, 4
    )


# --- occurrences_between --------------------------------------------------------------------------------------


def test_occurrences_between_across_a_dst_change() -> None:
    meetings = occurrences_between(NY_SUNDAYS, utc(2026, 3, 1), utc(2026, 3, 16))
    assert meetings == [utc(2026, 3, 1, 14, 0), utc(2026, 3, 8, 13, 0), utc(2026, 3, 15, 13, 0)]
    meetings = occurrences_between(NY_SUNDAYS, utc(2026, 10, 20), utc(2026, 11, 10))
    assert meetings == [utc(2026, 10, 25, 13, 0), utc(2026, 11, 1, 14, 0), utc(2026, 11, 8, 14, 0)]


def test_occurrences_between_is_half_open() -> None:
    series = weekly(date(2026, 1, 5), time(9, 0), MEXICO)
    assert occurrences_between(series, utc(2026, 1, 5, 15), utc(2026, 1, 19, 15)) == [
        utc(2026, 1, 5, 15),
        utc(2026, 1, 12, 15),
    ]
    assert occurrences_between(series, utc(2026, 1, 19, 15), utc(2026, 1, 5, 15)) == []
    assert occurrences_between(series, utc(2026, 1, 12, 15), utc(2026, 1, 12, 15)) == []


# --- Properties -----------------------------------------------------------------------------------------------

_CRITICAL_TIMES = [time(0, 0), time(0, 30), time(1, 30), time(2, 0), time(2, 15), time(2, 30), time(2, 45), time(3, 0)]
_times = st.one_of(st.sampled_from(_CRITICAL_TIMES), st.times())
_series = st.builds(
    Series,
    anchor=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
    at=_times,
    every_weeks=st.integers(min_value=1, max_value=8),
    timezone=st.sampled_from(ZONES),
)
_after = st.datetimes(
    min_value=datetime(1995, 1, 1),
    max_value=datetime(2100, 12, 31),
    timezones=st.sampled_from([UTC, *(ZoneInfo(name) for name in ZONES)]),
)


def _check_is_a_meeting(series: Series, meeting: datetime) -> int:
    """Asserts `meeting` is one of the series' meetings and returns its period index k."""
    zone = ZoneInfo(series.timezone)
    assert meeting.tzinfo is UTC
    local = meeting.astimezone(zone)
    day = local.date()
    assert day.weekday() == series.anchor.weekday()
    days = (day - series.anchor).days
    period = 7 * series.every_weeks
    assert days >= 0
    assert days % period == 0
    wall = datetime.combine(day, series.at).replace(fold=0)
    if local.replace(tzinfo=None) != wall:
        # Only in a gap: the wall time does not survive a round trip, and the meeting is later by the gap.
        reread = wall.replace(tzinfo=zone).astimezone(UTC).astimezone(zone).replace(tzinfo=None)
        assert reread != wall
        gap = wall.replace(tzinfo=zone, fold=1).utcoffset() - wall.replace(tzinfo=zone, fold=0).utcoffset()
        assert gap > timedelta(0)
        assert local.replace(tzinfo=None) == wall + gap
    else:
        # In an overlap, the first of the two.
        assert meeting == wall.replace(tzinfo=zone, fold=0).astimezone(UTC)
    return days // period


@property_settings(max_examples=600)
@given(series=_series, after=_after)
def test_next_occurrence_properties(series: Series, after: datetime) -> None:
    meeting = next_occurrence(series, after)
    assert meeting > after
    k = _check_is_a_meeting(series, meeting)
    assert meeting == occurrence_on(series, series.anchor + timedelta(weeks=k * series.every_weeks))
    # No meeting strictly between `after` and the result: the previous period's meeting is <= after.
    if k > 0:
        previous = occurrence_on(series, series.anchor + timedelta(weeks=(k - 1) * series.every_weeks))
        assert previous <= after
        assert previous < meeting


@settings(max_examples=300, deadline=None)
@given(series=_series, k=st.integers(min_value=0, max_value=300), nudge=st.sampled_from([-1, 0, 1]))
def test_next_occurrence_around_a_meeting(series: Series, k: int, nudge: int) -> None:
    day = series.anchor + timedelta(weeks=k * series.every_weeks)
    meeting = occurrence_on(series, day)
    following = occurrence_on(series, day + timedelta(weeks=series.every_weeks))
    after = meeting + timedelta(microseconds=nudge)
    assert next_occurrence(series, after) == (meeting if nudge < 0 else following)
    assert period_key(meeting) == meeting.isoformat()
    assert datetime.fromisoformat(period_key(meeting)) == meeting


@settings(max_examples=200, deadline=None)
@given(series=_series, start=_after, span_days=st.integers(min_value=0, max_value=200))
def test_occurrences_between_matches_repeated_next_occurrence(series: Series, start: datetime, span_days: int) -> None:
    end = start + timedelta(days=span_days)
    meetings = occurrences_between(series, start, end)
    expected = []
    cursor = start - timedelta(microseconds=1)
    while (meeting := next_occurrence(series, cursor)) < end:
        expected.append(meeting)
        cursor = meeting
    assert meetings == expected
    assert all(start <= m < end for m in meetings)
    for meeting in meetings:
        _check_is_a_meeting(series, meeting)
