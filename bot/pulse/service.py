"""The alignment pulse: every member with a side is asked, each round, how collaborative and productive the
marketing–IT relationship is (1–5). Answers are stored without identity: only the side, the score, an optional
comment and the day. A keyed hash of (round, person), the ballot, lets a second press change the answer
instead of adding one; without the server's key it cannot be traced back to anyone."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, time

from pydantic import BaseModel
from sqlalchemy.orm import Session

from bot.dates import minute_of_day, time_of_day
from bot.effects import once
from bot.errors import Conflict, InvalidInput, NotAllowed
from bot.ids import Audit
from bot.people import Actor
from bot.recurrence import Series, starting_after
from storage import pulse as repo
from storage import teams as team_repo
from storage.db import Database
from storage.models import PulseRound

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


def configure(db: Database, actor: Actor, every_weeks: int, weekday: int, at: time, now: datetime,
              key: str | None = None) -> PulseSettingsInfo:
    """Admins set the pulse's rhythm (in the caller's time zone)."""
    if not actor.is_admin:
        raise NotAllowed("error.admins_only")

    def change(session: Session) -> PulseSettingsInfo:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        series = starting_after(weekday, at, every_weeks, actor.timezone, now)
        repo.put_settings(session, workspace, anchor=series.anchor, at_minute=minute_of_day(at),
                          every_weeks=every_weeks, timezone=actor.timezone, updated_by=actor.user_id, updated_at=now)
        team_repo.record(session, workspace, actor.user_id, Audit.PULSE_CONFIG, "pulse", now)
        return PulseSettingsInfo(team_id=actor.team_id, series=series)

    return once(db, key, PulseSettingsInfo, change, now)


def settings_of(db: Database) -> list[PulseSettingsInfo]:
    """Every workspace's pulse rhythm, for the scheduler."""
    with db.transaction() as session:
        return [PulseSettingsInfo(team_id=team_repo.team_id_of(session, s.workspace_id), series=Series(
            anchor=s.anchor, at=time_of_day(s.at_minute), every_weeks=s.every_weeks, timezone=s.timezone))
            for s in repo.all_settings(session)]


def start_round(db: Database, team_id: str, period: str, now: datetime, actor: Actor | None = None,
                key: str | None = None) -> PulseRoundInfo:
    """Open the round named `period` (once) and say who should be asked: every member with a side."""

    def change(session: Session) -> PulseRoundInfo:
        workspace = team_repo.workspace_id(session, team_id, now)
        if actor is not None and not actor.is_admin:
            raise NotAllowed("error.admins_only")
        team_repo.lock_workspace(session, workspace)  # rounds are numbered one at a time
        created = repo.open_round(session, workspace, period, now)
        found = repo.round_for(session, workspace, period)
        assert found is not None
        return PulseRoundInfo(team_id=team_id, id=found.id, number=found.number,
                              members=repo.member_ids(session, workspace), created=created)

    return once(db, key, PulseRoundInfo, change, now)


def answer(db: Database, actor: Actor, round_id: int, score: int, comment: str | None, now: datetime,
           secret: bytes, key: str | None = None) -> int:
    """Record (or change) the caller's answer to a round; returns the round's number."""
    if not 1 <= score <= 5:
        raise InvalidInput("error.rating_range")

    def change(session: Session) -> int:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        found = session.get(PulseRound, round_id)
        if found is None or found.workspace_id != workspace:
            raise Conflict("error.pulse_round_gone")
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
    """Attach a comment to the caller's answer (they answer with a button first)."""

    def change(session: Session) -> None:
        existing = repo.answer_of(session, round_id, ballot(secret, round_id, actor.user_id))
        if existing is None:
            raise InvalidInput("error.pulse_answer_first")
        existing.comment = comment[:COMMENT_LIMIT]

    return once(db, key, None, change, now)


def ballot_key(signing_secret: str | None, bot_token: str | None) -> bytes:
    """The server's key for ballots: stable across restarts, never stored in the database."""
    return ("alinea-pulse:" + (signing_secret or bot_token or "local")).encode()
