"""The weekly digest for leaders: who gets it and when, and what it says (`bot.digest.models.Digest`): what happened
between the two sides during one week, what is open now, the KPIs, syncs, shadowing and the latest alignment pulse.

The week is `[week_start, week_end)` in dates of the digest's time zone; its bounds become UTC instants for the
store. Counts come from aggregate queries (storage/digest.py), all in one snapshot; only the medians are taken here,
over the timestamps of the asks accepted or done during the week.

What people gave privately is shown so that no one's answer can be worked out, by the few who may see it (leaders
and admins: the preview is theirs, and the weekly DM goes to subscribers who still are):
- the pulse only for a closed round (`bot.pulse.service.closes_at`), never the live one, so nothing shown changes
  when a colleague answers; its averages, gap and comments only with `MIN_ANSWERS_PER_SIDE` answers on each side;
- ratings only for a week that is over (the preview shows the last full week, as the last digest did), and only
  totals over `MIN_RATINGS` ratings or more (`_ratings`).
"""

from __future__ import annotations

import statistics
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.asks.models import AskInfo
from bot.commitments import service as commitments
from bot.dates import minute_of_day, time_of_day
from bot.digest.models import (
    MIN_RATINGS,
    PULSE_COMMENTS,
    AskFlow,
    Digest,
    DigestRound,
    DigestSettingsInfo,
    DirectionRating,
    PulseResult,
    Ratings,
    SyncHeld,
)
from bot.effects import once
from bot.errors import NotAllowed
from bot.ids import Audit, sync_ref
from bot.kpis import service as kpis
from bot.people import Actor, Side
from bot.pulse import service as pulse_service
from bot.pulse.service import MIN_ANSWERS_PER_SIDE
from bot.recurrence import Series, first_date
from bot.shadowing import service as shadowing
from bot.teams.models import Role
from bot.teams.service import is_leader_or_admin
from storage import digest as repo
from storage import syncs as sync_repo
from storage import teams as team_repo
from storage.db import Database
from storage.models import DigestSettings

OLDEST_OPEN = 5
OVERDUE_COMMITMENTS = 10
LEARNINGS = 2
FLOWS = [(Side.MARKETING, Side.IT), (Side.IT, Side.MARKETING)]
DEFAULT_WEEKDAY, DEFAULT_AT = 0, time(9, 0)  # Mondays at 09:00 until an admin says otherwise


def subscribe(db: Database, actor: Actor, now: datetime, key: str | None = None) -> None:
    """A leader or admin gets the digest by DM; the first subscriber starts the weekly rhythm."""

    def change(session: Session) -> None:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        if not is_leader_or_admin(session, workspace, actor):
            raise NotAllowed("error.digest_leaders_only")
        repo.add_subscriber(session, workspace, actor.user_id, now)
        repo.start_settings(session, workspace, weekday=DEFAULT_WEEKDAY, at_minute=minute_of_day(DEFAULT_AT),
                            timezone=actor.timezone, channel_id=None, updated_by=actor.user_id, updated_at=now)

    return once(db, key, None, change, now)


def unsubscribe(db: Database, actor: Actor, now: datetime, key: str | None = None) -> None:
    """No more digest by DM for the caller."""

    def change(session: Session) -> None:
        repo.remove_subscriber(session, team_repo.workspace_id(session, actor.team_id, now), actor.user_id)

    return once(db, key, None, change, now)


def configure(db: Database, actor: Actor, weekday: int, at: time, zone: str | None, channel_id: str | None,
              now: datetime, key: str | None = None) -> DigestSettingsInfo:
    """Admins choose the day, time, zone and channel of the digest."""
    if not actor.is_admin:
        raise NotAllowed("error.admins_only")

    def change(session: Session) -> DigestSettingsInfo:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        return configure_in(session, workspace, actor, weekday, at, zone or actor.timezone, channel_id, now)

    return once(db, key, DigestSettingsInfo, change, now)


def configure_in(session: Session, workspace: int, actor: Actor, weekday: int, at: time, zone: str,
                 channel_id: str | None, now: datetime) -> DigestSettingsInfo:
    """`configure` inside another change's transaction (`/alinea settings`), audited the same way; the caller
    checked that the actor is an admin."""
    found = repo.put_settings(session, workspace, weekday=weekday, at_minute=minute_of_day(at), timezone=zone,
                              channel_id=channel_id, updated_by=actor.user_id, updated_at=now)
    team_repo.record(session, workspace, actor.user_id, Audit.DIGEST_CONFIG, "digest", now)
    return _settings(found, actor.team_id, now)


def rhythm_in(session: Session, workspace: int, team_id: str, now: datetime) -> DigestSettingsInfo | None:
    """The workspace's digest rhythm and channel, or None while it has none (until a first leader subscribes or an
    admin sets it)."""
    found = repo.settings(session, workspace)
    return _settings(found, team_id, now) if found else None


def settings_of(db: Database, now: datetime) -> list[DigestSettingsInfo]:
    """Every workspace's digest rhythm, for the scheduler."""
    with db.transaction() as session:
        return [_settings(s, team_repo.team_id_of(session, s.workspace_id), now) for s in repo.all_settings(session)]


def subscribers(db: Database, team_id: str, now: datetime) -> list[str]:
    """Who gets the digest by DM (those still leaders or admins when it is sent)."""
    with db.transaction() as session:
        return repo.subscribers(session, team_repo.workspace_id(session, team_id, now))


def week_ending(day: date) -> tuple[date, date]:
    """The seven days before `day` (the digest sent on a Monday covers the previous Monday to Sunday)."""
    return day - timedelta(days=7), day


def week_instants(week_start: date, week_end: date, zone: str) -> tuple[datetime, datetime]:
    """The UTC instants at which the week's first day and the day after its last begin in `zone`."""
    tz = ZoneInfo(zone)
    return (datetime.combine(week_start, time(0), tzinfo=tz).astimezone(UTC),
            datetime.combine(week_end, time(0), tzinfo=tz).astimezone(UTC))


def preview(db: Database, actor: Actor, now: datetime, default_zone: str) -> Digest:
    """The digest as it would be sent now, for leaders and admins only: the seven days up to today, in the digest's
    time zone; its ratings are those of the last full week (the one the last digest covered), not of days still
    going on, and its pulse the newest closed round."""
    with db.snapshot() as session:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        if not is_leader_or_admin(session, workspace, actor):
            raise NotAllowed("error.digest_leaders_only")
        zone = zone_in(session, workspace, default_zone)
        today = now.astimezone(ZoneInfo(zone)).date()
        start, end = week_ending(today + timedelta(days=1))
        sent_on = last_digest_day_in(session, workspace, today)
        return _compute(session, workspace, actor.team_id, start, end, zone, now, rated=week_ending(sent_on))


def last_digest_day_in(session: Session, workspace: int, today: date) -> date:
    """The latest day on or before `today` (in the digest's zone) on which the digest is sent."""
    found = repo.settings(session, workspace)
    return last_send_day(today, found.weekday if found else DEFAULT_WEEKDAY)


def last_send_day(today: date, weekday: int) -> date:
    """The latest day on or before `today` that falls on the digest's `weekday` (0 is Monday)."""
    return today - timedelta(days=(today.weekday() - weekday) % 7)


def week_round(db: Database, team_id: str, occurs_at: datetime, now: datetime, default_zone: str) -> DigestRound:
    """The digest due at `occurs_at` (of the week before it) and who gets it, in one snapshot."""
    with db.snapshot() as session:
        workspace = team_repo.workspace_id(session, team_id, now)
        zone = zone_in(session, workspace, default_zone)
        day = occurs_at.astimezone(ZoneInfo(zone)).date()
        found = repo.settings(session, workspace)
        return DigestRound(digest=_compute(session, workspace, team_id, *week_ending(day), zone, now), day=day,
                           zone=zone, subscribers=repo.subscribers(session, workspace),
                           leaders=repo.subscribers_with_role(session, workspace, Role.LEADER.value),
                           channel_id=found.channel_id if found else None)


def compute(db: Database, team_id: str, week_start: date, week_end: date, zone: str, now: datetime) -> Digest:
    """The digest of `[week_start, week_end)` (dates in the IANA `zone`) as of `now`: asks by direction, the
    oldest open ones, commitments due and overdue, every active KPI, syncs held, shadowing, the ratings given during
    the week and the newest pulse round closed at `now`. "Now" figures (open, overdue) are the store's state at
    `now`, with overdue meaning due before today in `zone`. Every figure comes from one snapshot of the store."""
    with db.snapshot() as session:
        return _compute(session, team_repo.workspace_id(session, team_id, now), team_id, week_start, week_end, zone,
                        now)


def _compute(session: Session, workspace: int, team_id: str, week_start: date, week_end: date, zone: str,
             now: datetime, rated: tuple[date, date] | None = None) -> Digest:
    start, end = week_instants(week_start, week_end, zone)
    rated_start, rated_end = rated or (week_start, week_end)
    today = now.astimezone(ZoneInfo(zone)).date()
    tallies = repo.ask_tallies(session, workspace, start, end, today)
    times = repo.accept_and_close_times(session, workspace, start, end)
    oldest = [AskInfo.model_validate(a) for a in repo.oldest_open_asks(session, workspace, OLDEST_OPEN)]
    due = repo.commitment_tally(session, workspace, week_start, week_end)
    overdue, overdue_total = commitments.overdue_in(session, workspace, today, OVERDUE_COMMITMENTS)
    meetings = repo.meetings_held(session, workspace, start, end)
    decisions = sync_repo.decisions(session, [m.meeting_id for m in meetings])
    syncs = [SyncHeld(ref=sync_ref(m.sync_number), name=m.sync_name, occurs_at=m.occurs_at,
                      decisions=[d.text for d in decisions[m.meeting_id]]) for m in meetings]
    shadow = repo.shadow_tally(session, workspace, start, end)
    closed_round = pulse_service.latest_closed_round_in(session, workspace, now)
    return Digest(
        team_id=team_id, week_start=week_start, week_end=week_end,
        directions=[_flow(from_side, to_side, tallies, times, start, end) for from_side, to_side in FLOWS],
        ratings=_ratings(repo.rating_tallies(session, workspace, *week_instants(rated_start, rated_end, zone)),
                         rated_start, rated_end),
        oldest_open=oldest,
        commitments_due=due.due, commitments_kept=due.kept, kept_rate=due.kept / due.due if due.due else None,
        overdue_commitments=overdue, overdue_commitments_total=overdue_total,
        kpis=kpis.listing_in(session, workspace),
        syncs=syncs,
        shadow_pairs=shadow.pairs, shadow_done=shadow.done,
        learnings=shadowing.learnings_since_in(session, workspace, start, LEARNINGS),
        pulse=_pulse(session, closed_round.id, closed_round.number) if closed_round else None,
    )


def _flow(from_side: Side, to_side: Side, tallies: dict[tuple[str, str], repo.AskTally],
          times: list[repo.AskTimes], start: datetime, end: datetime) -> AskFlow:
    tally = tallies.get((from_side.value, to_side.value)) or repo.AskTally(0, 0, 0, 0, 0)
    mine = [t for t in times if (t.from_side, t.to_side) == (from_side.value, to_side.value)]
    # `times` holds asks accepted OR done during the week; each median keeps only its own event's asks.
    to_accept = [_hours(t.created_at, t.accepted_at) for t in mine if t.accepted_at and start <= t.accepted_at < end]
    to_close = [_hours(t.created_at, t.done_at) for t in mine if t.done_at and start <= t.done_at < end]
    return AskFlow(
        from_side=from_side, to_side=to_side, opened=tally.opened, closed=tally.closed, done=tally.done,
        open_now=tally.open_now, overdue_now=tally.overdue_now,
        median_hours_to_accept=statistics.median(to_accept) if to_accept else None,
        median_hours_to_close=statistics.median(to_close) if to_close else None,
    )


def _hours(since: datetime, until: datetime) -> float:
    return (until - since).total_seconds() / 3600


def _ratings(tallies: dict[tuple[str, str], repo.RatingTally], week_start: date, week_end: date) -> Ratings:
    """The week's ratings as they may be shown: the total over `MIN_RATINGS` or more; each direction's over as many,
    and only when no direction has one or two (the total less the shown ones would give that direction's)."""
    count = sum(tally.ratings for tally in tallies.values())
    if count < MIN_RATINGS:
        return Ratings(week_start=week_start, week_end=week_end, count=None, average=None, directions=[])
    by_flow = [(from_side, to_side, tallies.get((from_side.value, to_side.value))) for from_side, to_side in FLOWS]
    small = any(0 < tally.ratings < MIN_RATINGS for tally in tallies.values())
    directions = [] if small else [
        DirectionRating(from_side=from_side, to_side=to_side, count=tally.ratings,
                        average=tally.rating_sum / tally.ratings)
        for from_side, to_side, tally in by_flow if tally and tally.ratings >= MIN_RATINGS]
    return Ratings(week_start=week_start, week_end=week_end, count=count,
                   average=sum(tally.rating_sum for tally in tallies.values()) / count, directions=directions)


def _pulse(session: Session, round_id: int, number: int) -> PulseResult:
    """A closed round's answers by side; averages, the gap and the comments only with enough answers on each side."""
    tally = repo.pulse_tally(session, round_id)
    answers = {side: tally.answers.get(side.value, 0) for side in Side}
    if not all(count >= MIN_ANSWERS_PER_SIDE for count in answers.values()):
        return PulseResult(round_number=number, answers=answers, average=None, gap=None)
    average = {side: tally.score_sum[side.value] / answers[side] for side in Side}
    return PulseResult(round_number=number, answers=answers, average=average,
                       gap=abs(average[Side.MARKETING] - average[Side.IT]),
                       comments=repo.pulse_comments(session, round_id, PULSE_COMMENTS), comments_total=tally.comments)


def zone_in(session: Session, workspace: int, default: str) -> str:
    """The digest's time zone: the one it was configured with, else the workspace's (`default`)."""
    found = repo.settings(session, workspace)
    return found.timezone if found else default


def _settings(found: DigestSettings, team_id: str, now: datetime) -> DigestSettingsInfo:
    anchor = first_date(found.weekday, now.astimezone(ZoneInfo(found.timezone)).date())
    return DigestSettingsInfo(team_id=team_id, channel_id=found.channel_id, series=Series(
        anchor=anchor, at=time_of_day(found.at_minute), every_weeks=1, timezone=found.timezone))
