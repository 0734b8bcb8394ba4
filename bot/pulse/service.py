"""The alignment pulse: every member with a side is asked, each round, how collaborative and productive the
marketing–IT relationship is (1–5). Answers are stored without identity: only the side, the score, an optional
comment and the day. A keyed hash of (round, person), the ballot, lets a second press change the answer
instead of adding one; without the server's key it cannot be traced back to anyone.

A round takes answers (and comments) while it is open, and is shown (bot/digest) only once it is closed, so no one
can compare what is shown before and after a colleague answers: a round closes when the next round starts or
`ROUND_OPEN_DAYS` after it opened, whichever comes first (`closes_at`); answers after that are refused
(`RoundClosed`)."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, time, timedelta

from pydantic import BaseModel
from sqlalchemy.orm import Session

from bot.dates import minute_of_day, time_of_day
from bot.effects import once
from bot.errors import Conflict, InvalidInput, NotAllowed
from bot.ids import Audit
from bot.people import Actor
from bot.recurrence import Series, manual_period, period_key, scheduled_on_day, starting_after
from storage import pulse as repo
from storage import teams as team_repo
from storage.db import Database
from storage.models import PulseRound

MIN_ANSWERS_PER_SIDE = 3
COMMENT_LIMIT = 1000
# How long a round takes answers when no next round starts before: the pulse's shortest rhythm is weekly, so a
# round is open a week at most, and its results reach the leaders in the next digest after it closes.
ROUND_OPEN_DAYS = 7


class PulseRoundInfo(BaseModel):
    team_id: str
    id: int
    number: int
    members: list[str]  # who is asked
    created: bool
    period: str | None = None  # the round's period (None only in results stored before it was kept)


class RoundClosed(Conflict):
    """An answer or a comment to a round that has closed: it is not taken."""

    def __init__(self, number: int) -> None:
        super().__init__("error.pulse_round_closed", round=number)
        self.number = number


class PulseSettingsInfo(BaseModel):
    team_id: str
    series: Series


def configure(db: Database, actor: Actor, every_weeks: int, weekday: int, at: time, now: datetime,
              key: str | None = None) -> PulseSettingsInfo:
    """Admins set the pulse's rhythm (in the caller's time zone)."""
    if not actor.is_admin:
        raise NotAllowed("error.admins_only")

    def change(session: Session) -> PulseSettingsInfo:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        return configure_in(session, workspace, actor, every_weeks, weekday, at, actor.timezone, now)

    return once(db, key, PulseSettingsInfo, change, now)


def configure_in(session: Session, workspace: int, actor: Actor, every_weeks: int, weekday: int, at: time, zone: str,
                 now: datetime) -> PulseSettingsInfo:
    """`configure` in time zone `zone`, inside another change's transaction (`/alinea settings`), audited the same
    way; the caller checked that the actor is an admin."""
    series = starting_after(weekday, at, every_weeks, zone, now)
    repo.put_settings(session, workspace, anchor=series.anchor, at_minute=minute_of_day(at), every_weeks=every_weeks,
                      timezone=zone, updated_by=actor.user_id, updated_at=now)
    team_repo.record(session, workspace, actor.user_id, Audit.PULSE_CONFIG, "pulse", now)
    return PulseSettingsInfo(team_id=actor.team_id, series=series)


def rhythm_in(session: Session, workspace: int, team_id: str) -> PulseSettingsInfo | None:
    """The workspace's pulse rhythm, or None while an admin has set none."""
    found = repo.settings(session, workspace)
    if found is None:
        return None
    return PulseSettingsInfo(team_id=team_id, series=Series(anchor=found.anchor, at=time_of_day(found.at_minute),
                                                            every_weeks=found.every_weeks, timezone=found.timezone))


def settings_of(db: Database) -> list[PulseSettingsInfo]:
    """Every workspace's pulse rhythm, for the scheduler."""
    with db.transaction() as session:
        return [PulseSettingsInfo(team_id=team_repo.team_id_of(session, s.workspace_id), series=Series(
            anchor=s.anchor, at=time_of_day(s.at_minute), every_weeks=s.every_weeks, timezone=s.timezone))
            for s in repo.all_settings(session)]


def round_number(db: Database, team_id: str, period: str, now: datetime) -> int | None:
    """The number of the round named `period`, or None while it is not open."""
    with db.transaction() as session:
        found = repo.round_for(session, team_repo.workspace_id(session, team_id, now), period)
        return None if found is None else found.number


def member_ids(db: Database, team_id: str, now: datetime) -> list[str]:
    """Everyone the pulse asks: every member with a side."""
    with db.transaction() as session:
        return repo.member_ids(session, team_repo.workspace_id(session, team_id, now))


def start_round(db: Database, team_id: str, period: str | None, now: datetime, actor: Actor | None = None,
                key: str | None = None) -> PulseRoundInfo:
    """Open the round named `period` (once) and say who should be asked: every member with a side.

    `period` None is a round started by hand (`/alinea pulse run`): on a day the pulse's rhythm schedules a round
    (in the rhythm's time zone) it is that day's scheduled round, opened early or found open, so the scheduled job
    finds it done and a day never has two; on other days it is a round of its own."""

    def change(session: Session) -> PulseRoundInfo:
        workspace = team_repo.workspace_id(session, team_id, now)
        if actor is not None and not actor.is_admin:
            raise NotAllowed("error.admins_only")
        team_repo.lock_workspace(session, workspace)  # rounds are numbered one at a time
        round_period = period or _period_by_hand(session, workspace, now)
        created = repo.open_round(session, workspace, round_period, now)
        found = repo.round_for(session, workspace, round_period)
        assert found is not None
        return PulseRoundInfo(team_id=team_id, id=found.id, number=found.number,
                              members=repo.member_ids(session, workspace), created=created, period=round_period)

    return once(db, key, PulseRoundInfo, change, now)


def _period_by_hand(session: Session, workspace: int, now: datetime) -> str:
    """The period of a round started by hand at `now`: the scheduled round of that day, if the rhythm has one."""
    rhythm = repo.settings(session, workspace)
    if rhythm is None:
        return manual_period(now)
    series = Series(anchor=rhythm.anchor, at=time_of_day(rhythm.at_minute), every_weeks=rhythm.every_weeks,
                    timezone=rhythm.timezone)
    that_day = scheduled_on_day(series, now)
    return period_key(that_day) if that_day else manual_period(now)


def closes_at(started_at: datetime, next_started_at: datetime | None) -> datetime:
    """When a round opened at `started_at` closes: `ROUND_OPEN_DAYS` later, or when the next round started, if that
    came first. This is the one place a round's closing is decided."""
    by_time = started_at + timedelta(days=ROUND_OPEN_DAYS)
    return by_time if next_started_at is None else min(by_time, next_started_at)


def is_closed_in(session: Session, found: PulseRound, now: datetime) -> bool:
    """Whether the round is closed at `now` (answers are no longer taken, and it may be shown)."""
    return now >= closes_at(found.started_at, repo.next_round_start(session, found.workspace_id, found.number))


def latest_closed_round_in(session: Session, workspace: int, now: datetime) -> PulseRound | None:
    """The newest round closed at `now`: the newest round started by then if it is closed, else the one before it
    (the newest round's start closed it); None before any round closed. A live round is never returned."""
    newest = repo.newest_rounds(session, workspace, now, 2)
    if newest and now >= closes_at(newest[0].started_at, None):
        return newest[0]
    return newest[1] if len(newest) > 1 else None


def require_open(db: Database, team_id: str, round_id: int, now: datetime) -> None:
    """Refuse a round of another workspace (`Conflict`) or one closed at `now` (`RoundClosed`): before a comment
    modal opens for it."""
    with db.transaction() as session:
        _open_round_in(session, team_repo.workspace_id(session, team_id, now), round_id, now)


def _open_round_in(session: Session, workspace: int, round_id: int, now: datetime) -> PulseRound:
    found = session.get(PulseRound, round_id)
    if found is None or found.workspace_id != workspace:
        raise Conflict("error.pulse_round_gone")
    if is_closed_in(session, found, now):
        raise RoundClosed(found.number)
    return found


def answer(db: Database, actor: Actor, round_id: int, score: int, comment: str | None, now: datetime,
           secret: bytes, key: str | None = None) -> int:
    """Record (or change) the caller's answer to a round while it is open; returns the round's number. A closed
    round refuses it (`RoundClosed`)."""
    if not 1 <= score <= 5:
        raise InvalidInput("error.rating_range")

    def change(session: Session) -> int:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        found = _open_round_in(session, workspace, round_id, now)
        member = team_repo.find_member(session, workspace, actor.user_id)
        if member is None:
            raise NotAllowed("error.join_a_side_first")
        repo.put_answer(session, round_id, ballot(secret, round_id, actor.user_id), member.side, score, comment,
                        now.date())
        return found.number

    return once(db, key, int, change, now)


def ballot(secret: bytes, round_id: int, user_id: str) -> str:
    """The keyed hash that stands for one person in one round."""
    return hmac.new(secret, f"{round_id}:{user_id}".encode(), hashlib.sha256).hexdigest()


def add_comment(db: Database, actor: Actor, round_id: int, comment: str, secret: bytes, now: datetime,
                key: str | None = None) -> None:
    """Attach a comment to the caller's answer (they answer with a button first), while the round is open."""

    def change(session: Session) -> None:
        _open_round_in(session, team_repo.workspace_id(session, actor.team_id, now), round_id, now)
        existing = repo.answer_of(session, round_id, ballot(secret, round_id, actor.user_id))
        if existing is None:
            raise InvalidInput("error.pulse_answer_first")
        existing.comment = comment[:COMMENT_LIMIT]

    return once(db, key, None, change, now)
