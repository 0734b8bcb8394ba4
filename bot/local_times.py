"""When a scheduled DM is due for one person: the configured wall-clock time in their own Slack time zone.

The scheduler looks every minute (`schedules/scheduler.py`); a send is due from its local moment until the misfire
grace has passed, and is claimed per (job, recipient, period) as every scheduled send is (`bot/deliveries.py`), the
period being the recipient's local date (a daily reminder) or the round's (the pulse, the digest). A person who
travels across zones during a day finds that day already claimed, so they get one, not two."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.deliveries import already_sent
from bot.deps import Deps
from bot.recurrence import Series, occurrences_between
from bot.workspaces import working_for

# Local times run from UTC-12 to UTC+14: a wall-clock moment on a date happens this long before or after its UTC one.
_EARLIEST, _LATEST = timedelta(hours=14), timedelta(hours=12)


def moment(day: date, at: time, zone: str) -> datetime:
    """The instant `day` at `at` happens in `zone` (a time skipped by a clock change reads as after the change)."""
    return datetime.combine(day, at, tzinfo=ZoneInfo(zone))


def came(day: date, at: time, zone: str, now: datetime, grace: timedelta) -> bool:
    """Whether `day` at `at` in `zone` has come at `now`, less than `grace` ago."""
    at_moment = moment(day, at, zone)
    return at_moment <= now < at_moment + grace


def due_day(zone: str, at: time, now: datetime, grace: timedelta) -> date | None:
    """The local date in `zone` whose `at` came less than `grace` before `now`, or None (a daily send's period)."""
    today = now.astimezone(ZoneInfo(zone)).date()
    for day in (today, today - timedelta(days=1)):  # a moment late in the evening may fall due after midnight
        if came(day, at, zone, now, grace):
            return day
    return None


def days_due_somewhere(series: Series, now: datetime, grace: timedelta) -> Iterator[tuple[datetime, date]]:
    """The occurrences of `series` (with their date in the series' zone) whose wall-clock time on that date may be
    due at `now` in some time zone: a round whose members are asked at their own local time."""
    reach = timedelta(days=2)
    for occurs_at in occurrences_between(series, now - reach - grace, now + reach):
        day = occurs_at.astimezone(ZoneInfo(series.timezone)).date()
        in_utc = moment(day, series.at, "UTC")
        if in_utc - _EARLIEST <= now < in_utc + _LATEST + grace:
            yield occurs_at, day


def daily_due(deps: Deps, people: Iterable[tuple[str, str]], job_of: Callable[[str], str], now: datetime,
              whatever_the_hour: bool = False) -> dict[tuple[str, str], tuple[date, str]]:
    """Of these (team_id, user_id), who is due the daily send of `job_of(team_id)` now, with their local day and
    zone: their workspace's reminder time (`Deps.workspace`) came in their own Slack time zone less than the misfire
    grace ago (or, with `whatever_the_hour`, it is that day for them now), and that day's send was not made. A person
    whose zone Slack can't give now waits for a later minute."""
    grace = deps.settings.alinea_misfire_grace
    days: dict[tuple[str, str], tuple[date, str]] = {}
    for team_id, user_id in people:
        if not deps.installs.active(team_id):
            continue
        with working_for(team_id):
            zone = deps.directory.zone(user_id)
        if zone is None:
            continue
        at = deps.workspace(team_id).reminder_time
        day = now.astimezone(ZoneInfo(zone)).date() if whatever_the_hour else due_day(zone, at, now, grace)
        if day is not None:
            days[(team_id, user_id)] = (day, zone)
    done = already_sent(deps.db, [(job_of(team), user, day.isoformat()) for (team, user), (day, _) in days.items()])
    return {(team, user): (day, zone) for (team, user), (day, zone) in days.items()
            if (job_of(team), user, day.isoformat()) not in done}


def round_due(deps: Deps, job: str, period: str | None, readers: Iterable[tuple[str, str | None]], day: date,
              at: time, now: datetime) -> set[str]:
    """Of these readers (an ID and its zone; None when Slack can't give it now), those whose `day` at `at` came in
    their zone less than the misfire grace ago and who were not sent the round's `period` of `job` (None: the round
    is not open yet, so nobody was)."""
    grace = deps.settings.alinea_misfire_grace
    due = [reader for reader, zone in readers if zone is not None and came(day, at, zone, now, grace)]
    done = set() if period is None else already_sent(deps.db, [(job, reader, period) for reader in due])
    return {reader for reader in due if (job, reader, period) not in done}
