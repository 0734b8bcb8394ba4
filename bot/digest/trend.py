"""The digest's figures over time, as data for trend lines: per week for the last `TREND_WEEKS` weeks (asks opened
and closed and the medians to accept and to close per direction, commitments kept on time, the share of shared KPIs
on track, shadowing pairs made and done) and per pulse round for the last `TREND_WEEKS` closed rounds (each side's
average and the gap).

Each week is counted as the week's digest counts it (`bot.digest.service`): weeks are `[week_start, week_end)` in
dates of the digest's time zone, their bounds the UTC instants of those local midnights, so a week across a change
of daylight saving time is as long as it is there; the newest week is the one the digest sent on the local date of
`until` covers. Counts come from grouped queries with a column per week (storage/digest.py), all in one snapshot,
the medians to accept and to close are taken here over hours computed in SQL, bucketed there by week.

The pulse shows only what the digest may show: closed rounds, and averages and the gap only with
`MIN_ANSWERS_PER_SIDE` answers on each side. A round below that keeps its place with None: a gap in the line,
never interpolated.
"""

from __future__ import annotations

import logging
import statistics
from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.digest.models import TREND_WEEKS, Trend, TrendFlow, TrendRound, TrendWeek
from bot.digest.service import FLOWS, last_digest_day_in, week_ending, week_instants, zone_in
from bot.errors import NotAllowed
from bot.kpis.status import CADENCE_DAYS, Status, status
from bot.people import Actor, Side
from bot.pulse.service import MIN_ANSWERS_PER_SIDE, closes_at
from bot.teams.service import is_leader_or_admin
from storage import digest as repo
from storage import pulse as pulse_repo
from storage import teams as team_repo
from storage.db import Database

log = logging.getLogger(__name__)


def trend(db: Database, team_id: str, until: datetime, timezone: str, weeks: int = TREND_WEEKS) -> Trend:
    """The last `weeks` weeks up to the one the digest sent on `until`'s local date (in the IANA `timezone`)
    covers, and the last `weeks` pulse rounds closed at `until`, oldest first, from one snapshot of the store."""
    if weeks < 1:
        raise ValueError("a trend covers one week at least")
    with db.snapshot() as session:
        workspace = team_repo.workspace_id(session, team_id, until)
        return _trend_in(session, workspace, team_id, until, until.astimezone(ZoneInfo(timezone)).date(), timezone,
                         weeks)


def trend_for(db: Database, actor: Actor, now: datetime, default_zone: str) -> Trend:
    """The trend as a leader or an admin sees it at `now` (`/digest trend`, the preview, their App Home): the weeks
    the digests covered up to the latest one due by today (in the digest's zone, else `default_zone`) and the pulse
    rounds closed by `now`. `NotAllowed` for anyone else."""
    with db.snapshot() as session:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        if not is_leader_or_admin(session, workspace, actor):
            raise NotAllowed("error.digest_leaders_only")
        zone = zone_in(session, workspace, default_zone)
        sent_on = last_digest_day_in(session, workspace, now.astimezone(ZoneInfo(zone)).date())
        return _trend_in(session, workspace, actor.team_id, now, sent_on, zone, TREND_WEEKS)


def trend_or_none(compute: Callable[[], Trend], what: str) -> Trend | None:
    """`compute()`, or None (logged) when the trend cannot be computed: `what` (a digest, an agenda, a Home) then
    goes out without it rather than not at all."""
    try:
        return compute()
    except Exception:
        log.exception("the trend for %s could not be computed; it goes out without it", what)
        return None


def _trend_in(session: Session, workspace: int, team_id: str, until: datetime, sent_on: date, zone: str,
              weeks: int) -> Trend:
    return Trend(team_id=team_id, zone=zone, weeks=_weeks(session, workspace, sent_on, zone, weeks),
                 rounds=_rounds(session, workspace, until, weeks))


def week_starts(sent_on: date, weeks: int) -> list[date]:
    """The first days of the `weeks` weeks up to the one the digest sent on `sent_on` covers, oldest first, then the
    day after the newest one ends."""
    _, end = week_ending(sent_on)
    return [end - timedelta(days=7 * (weeks - i)) for i in range(weeks + 1)]


def _weeks(session: Session, workspace: int, sent_on: date, zone: str, weeks: int) -> list[TrendWeek]:
    days = week_starts(sent_on, weeks)
    bounds = [week_instants(day, day, zone)[0] for day in days]
    flows = repo.ask_flows_by_week(session, workspace, bounds)
    hours = repo.hours_by_week(session, workspace, bounds)
    due = repo.commitment_tally_by_day(session, workspace, days[0], days[-1])
    shadow = repo.shadow_tally_by_week(session, workspace, bounds)
    on_track = _shared_kpis_on_track(session, workspace, days, bounds)
    result = []
    for i in range(weeks):
        first, end = days[i], days[i + 1]
        due_count = sum(tally.due for day, tally in due.items() if first <= day < end)
        kept = sum(tally.kept for day, tally in due.items() if first <= day < end)
        kpi_count, kpi_on_track = on_track[i]
        directions = []
        for from_side, to_side in FLOWS:
            flow = flows.get((from_side.value, to_side.value)) or repo.AskFlowWeeks([0] * weeks, [0] * weeks)
            directions.append(TrendFlow(
                from_side=from_side, to_side=to_side, opened=flow.opened[i], closed=flow.closed[i],
                median_hours_to_accept=_median(hours.to_accept.get((from_side.value, to_side.value, i))),
                median_hours_to_close=_median(hours.to_close.get((from_side.value, to_side.value, i)))))
        result.append(TrendWeek(
            week_start=first, week_end=end, directions=directions,
            commitments_due=due_count, commitments_kept=kept, kept_rate=kept / due_count if due_count else None,
            shared_kpis=kpi_count, shared_kpis_on_track=kpi_on_track,
            kpis_on_track=kpi_on_track / kpi_count if kpi_count else None,
            shadow_pairs=shadow[i].pairs, shadow_done=shadow[i].done))
    return result


def _median(values: list[float] | None) -> float | None:
    return statistics.median(values) if values else None


def _shared_kpis_on_track(session: Session, workspace: int, days: list[date],
                          bounds: list[datetime]) -> list[tuple[int, int]]:
    """For each week, the shared KPIs defined and not archived when it ended, and how many of them were on track on
    its last day: by their latest value measured by then (none within the cadence's days: stale, not on track)."""
    kpis = repo.shared_kpis(session, workspace, created_before=bounds[-1], archived_since=bounds[1])
    oldest_useful = days[1] - timedelta(days=1 + max(CADENCE_DAYS.values()))
    values: defaultdict[int, list[repo.KpiMeasure]] = defaultdict(list)
    for value in repo.kpi_values_between(session, [k.id for k in kpis], oldest_useful, days[-1] - timedelta(days=1)):
        values[value.kpi_id].append(value)  # by day, oldest first
    result = []
    for i in range(len(days) - 1):
        last_day, end = days[i + 1] - timedelta(days=1), bounds[i + 1]
        counted = on_track = 0
        for kpi in kpis:
            if kpi.created_at >= end or (kpi.archived_at is not None and kpi.archived_at < end):
                continue
            counted += 1
            latest = next((v for v in reversed(values[kpi.id]) if v.measured_on <= last_day), None)
            found = status(latest.value if latest else None, latest.measured_on if latest else None, kpi.target,
                           kpi.direction, kpi.cadence, last_day)  # type: ignore[arg-type]
            on_track += found == Status.ON_TRACK
        result.append((counted, on_track))
    return result


def _rounds(session: Session, workspace: int, until: datetime, count: int) -> list[TrendRound]:
    """The newest `count` rounds closed at `until`, oldest first (the newest started is left out while live)."""
    newest = pulse_repo.newest_rounds(session, workspace, until, count + 1)
    closing = [(found, closes_at(found.started_at, newer.started_at if newer else None))
               for found, newer in zip(newest, [None, *newest], strict=False)]
    closed = [(found, closed_at) for found, closed_at in closing if until >= closed_at][:count]
    tallies = repo.pulse_tallies(session, [found.id for found, _ in closed])
    rounds = []
    for found, closed_at in reversed(closed):
        tally = tallies[found.id]
        answers = {side: tally.answers.get(side.value, 0) for side in Side}
        shown = all(n >= MIN_ANSWERS_PER_SIDE for n in answers.values())
        average = {side: tally.score_sum[side.value] / answers[side] for side in Side} if shown else None
        rounds.append(TrendRound(
            round_number=found.number, period=found.period, started_at=found.started_at, closed_at=closed_at,
            answers=answers, average=average,
            gap=abs(average[Side.MARKETING] - average[Side.IT]) if average else None))
    return rounds
