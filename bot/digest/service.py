"""The weekly digest for leaders, as data (`bot.digest_model.Digest`): what happened between the two sides during
one week, what is open now, the KPIs, syncs, shadowing and the latest alignment pulse.

The week is `[week_start, week_end)` in dates of the workspace's time zone; its bounds become UTC instants for
the store. Counts come from aggregate queries (storage/digest.py); only the medians are taken here, over the
timestamps of the asks accepted or done during the week.
"""

from __future__ import annotations

import statistics
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from bot.kpis import service as kpis
from bot.shadowing import service as shadowing
from bot.asks.service import AskInfo
from bot.commitments.service import CommitmentInfo
from bot.digest.models import Digest, Direction, PulseResult, SyncHeld
from bot.people import Side
from bot.pulse.service import MIN_ANSWERS_PER_SIDE
from storage import asks as ask_repo
from storage import digest as repo
from storage import syncs as sync_repo
from storage import teams as team_repo
from storage.db import Database

OLDEST_OPEN = 5
OVERDUE_COMMITMENTS = 10
LEARNINGS = 2
DIRECTIONS = [(Side.MARKETING, Side.IT), (Side.IT, Side.MARKETING)]


def week_instants(week_start: date, week_end: date, zone: str) -> tuple[datetime, datetime]:
    """The UTC instants at which the week's first day and the day after its last begin in `zone`."""
    tz = ZoneInfo(zone)
    return (datetime.combine(week_start, time(0), tzinfo=tz).astimezone(UTC),
            datetime.combine(week_end, time(0), tzinfo=tz).astimezone(UTC))


def compute(db: Database, team_id: str, week_start: date, week_end: date, zone: str, now: datetime) -> Digest:
    """The digest of `[week_start, week_end)` (dates in the IANA `zone`) as of `now`: asks by direction, the
    oldest open ones, commitments due and overdue, every active KPI, syncs held, shadowing and the latest pulse.
    "Now" figures (open, overdue) are the store's state at `now`, with overdue meaning due before today in
    `zone`."""
    start, end = week_instants(week_start, week_end, zone)
    today = now.astimezone(ZoneInfo(zone)).date()
    with db.transaction() as session:
        workspace = team_repo.workspace_id(session, team_id, now)
        tallies = repo.ask_tallies(session, workspace, start, end, today)
        times = repo.accept_and_close_times(session, workspace, start, end)
        oldest = [AskInfo.model_validate(a) for a in repo.oldest_open_asks(session, workspace, OLDEST_OPEN)]
        due = repo.commitment_tally(session, workspace, week_start, week_end)
        overdue_rows, overdue_total = ask_repo.commitments(
            session, ask_repo.commitment_filter(workspace, "overdue", "", None, today), OVERDUE_COMMITMENTS)
        overdue = [CommitmentInfo.model_validate(row).model_copy(update={"ask_number": number})
                   for row, number in overdue_rows]
        meetings = repo.meetings_held(session, workspace, start, end)
        decisions = sync_repo.decisions(session, [m.meeting_id for m in meetings])
        syncs = [SyncHeld(ref=f"S-{m.sync_number}", name=m.sync_name, occurs_at=m.occurs_at,
                          decisions=[d.text for d in decisions[m.meeting_id]]) for m in meetings]
        shadow = repo.shadow_tally(session, workspace, start, end)
        pulse = repo.latest_pulse(session, workspace)
    return Digest(
        team_id=team_id, week_start=week_start, week_end=week_end,
        directions=[_direction(from_side, to_side, tallies, times, start, end) for from_side, to_side in DIRECTIONS],
        oldest_open=oldest,
        commitments_due=due.due, commitments_kept=due.kept, kept_rate=due.kept / due.due if due.due else None,
        overdue_commitments=overdue, overdue_commitments_total=overdue_total,
        kpis=kpis.listing(db, team_id, now),
        syncs=syncs,
        shadow_pairs=shadow.pairs, shadow_done=shadow.done,
        learnings=shadowing.learnings_since(db, team_id, start, now)[:LEARNINGS],
        pulse=_pulse(pulse) if pulse else None,
    )


def _direction(from_side: Side, to_side: Side, tallies: dict[tuple[str, str], repo.AskTally],
               times: list[repo.AskTimes], start: datetime, end: datetime) -> Direction:
    tally = tallies.get((from_side.value, to_side.value)) or repo.AskTally(0, 0, 0, 0, 0, 0, 0)
    mine = [t for t in times if (t.from_side, t.to_side) == (from_side.value, to_side.value)]
    # `times` holds asks accepted OR done during the week; each median keeps only its own event's asks.
    to_accept = [_hours(t.created_at, t.accepted_at) for t in mine if t.accepted_at and start <= t.accepted_at < end]
    to_close = [_hours(t.created_at, t.done_at) for t in mine if t.done_at and start <= t.done_at < end]
    return Direction(
        from_side=from_side, to_side=to_side, opened=tally.opened, closed=tally.closed, done=tally.done,
        open_now=tally.open_now, overdue_now=tally.overdue_now,
        median_hours_to_accept=statistics.median(to_accept) if to_accept else None,
        median_hours_to_close=statistics.median(to_close) if to_close else None,
        ratings=tally.ratings, average_rating=tally.rating_sum / tally.ratings if tally.ratings else None,
    )


def _hours(since: datetime, until: datetime) -> float:
    return (until - since).total_seconds() / 3600


def _pulse(tally: repo.PulseTally) -> PulseResult:
    answers = {side: tally.answers.get(side.value, 0) for side in Side}
    if all(count >= MIN_ANSWERS_PER_SIDE for count in answers.values()):
        average = {side: tally.score_sum[side.value] / answers[side] for side in Side}
        gap: float | None = abs(average[Side.MARKETING] - average[Side.IT])
    else:
        average, gap = None, None
    return PulseResult(round_number=tally.round_number, answers=answers, average=average, gap=gap)
