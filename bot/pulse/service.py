"""The alignment pulse: every member with a side is asked, each round, how collaborative and productive the
marketing–IT relationship is (1–5). Answers are stored without identity: only the side, the score, an optional
comment and the day. A keyed hash of (round, person), the ballot, lets a second press change the answer
instead of adding one; without the server's key it cannot be traced back to anyone."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, time

from pydantic import BaseModel

from bot.dates import minute_of_day, time_of_day
from bot.errors import Conflict, InvalidInput, NotAllowed
from bot.ids import Audit
from bot.people import Actor
from bot.recurrence import Series, starting_after
from storage import pulse as repo
from storage import teams as team_repo
from storage.db import Database
from storage.models import PulseAnswer, PulseRound, PulseSettings

MIN_ANSWERS_PER_SIDE = 3
COMMENT_LIMIT = 1000


class PulseRoundInfo(BaseModel):
    team_id: str
    id: int
    number: int
    members: list[str]  # who is asked
    created: bool


class PulseSettingsInfo(BaseModel):
    team_id: str
    series: Series


def configure(db: Database, actor: Actor, every_weeks: int, weekday: int, at: time, now: datetime) -> PulseSettingsInfo:
    """Admins set the pulse's rhythm (in the caller's time zone)."""
    if not actor.is_admin:
        raise NotAllowed("error.admins_only")
    with db.transaction() as session:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        series = starting_after(weekday, at, every_weeks, actor.timezone, now)
        session.merge(PulseSettings(workspace_id=workspace, anchor=series.anchor, at_minute=minute_of_day(at),
                                    every_weeks=every_weeks, timezone=actor.timezone, updated_by=actor.user_id,
                                    updated_at=now))
        team_repo.record(session, workspace, actor.user_id, Audit.PULSE_CONFIG, "pulse", now)
        return PulseSettingsInfo(team_id=actor.team_id, series=series)


def settings_of(db: Database) -> list[PulseSettingsInfo]:
    """Every workspace's pulse rhythm, for the scheduler."""
    with db.transaction() as session:
        return [PulseSettingsInfo(team_id=team_repo.team_id_of(session, s.workspace_id), series=Series(
            anchor=s.anchor, at=time_of_day(s.at_minute), every_weeks=s.every_weeks, timezone=s.timezone))
            for s in repo.all_settings(session)]


def start_round(db: Database, team_id: str, period: str, now: datetime, actor: Actor | None = None) -> PulseRoundInfo:
    """Open the round named `period` (once) and say who should be asked: every member with a side."""
    with db.transaction() as session:
        workspace = team_repo.workspace_id(session, team_id, now)
        if actor is not None and not actor.is_admin:
            raise NotAllowed("error.admins_only")
        found = repo.round_for(session, workspace, period)
        created = found is None
        if found is None:
            found = PulseRound(workspace_id=workspace, number=repo.last_round_number(session, workspace) + 1,
                               period=period, started_at=now)
            session.add(found)
            session.flush()
        return PulseRoundInfo(team_id=team_id, id=found.id, number=found.number,
                              members=repo.member_ids(session, workspace), created=created)


def answer(db: Database, actor: Actor, round_id: int, score: int, comment: str | None, now: datetime,
           secret: bytes) -> int:
    """Record (or change) the caller's answer to a round; returns the round's number."""
    if not 1 <= score <= 5:
        raise InvalidInput("error.rating_range")
    with db.transaction() as session:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        found = session.get(PulseRound, round_id)
        if found is None or found.workspace_id != workspace:
            raise Conflict("error.pulse_round_gone")
        member = team_repo.find_member(session, workspace, actor.user_id)
        if member is None:
            raise NotAllowed("error.join_a_side_first")
        key = ballot(secret, round_id, actor.user_id)
        existing = repo.answer_of(session, round_id, key)
        if existing is None:
            existing = PulseAnswer(round_id=round_id, ballot=key)
            session.add(existing)
        existing.side, existing.score = member.side, score
        existing.comment = comment if comment is not None else existing.comment
        existing.answered_on = now.date()
        return found.number


def ballot(secret: bytes, round_id: int, user_id: str) -> str:
    """The keyed hash that stands for one person in one round."""
    return hmac.new(secret, f"{round_id}:{user_id}".encode(), hashlib.sha256).hexdigest()


def add_comment(db: Database, actor: Actor, round_id: int, comment: str, secret: bytes, now: datetime) -> None:
    """Attach a comment to the caller's answer (they answer with a button first)."""
    with db.transaction() as session:
        existing = repo.answer_of(session, round_id, ballot(secret, round_id, actor.user_id))
        if existing is None:
            raise InvalidInput("error.pulse_answer_first")
        existing.comment = comment[:COMMENT_LIMIT]


def ballot_key(signing_secret: str | None, bot_token: str | None) -> bytes:
    """The server's key for ballots: stable across restarts, never stored in the database."""
    return ("alinea-pulse:" + (signing_secret or bot_token or "local")).encode()
