"""The rotation as services hand it out, and what the learnings modal gives."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from bot.asks.models import DETAILS_LIMIT
from bot.people import Side
from bot.recurrence import Series

Preference = Literal["host", "visitor", "both"]
DEFAULT_FOLLOWUP_DAYS = 7
LEARNING_LIMIT = DETAILS_LIMIT  # what surprised them, and the idea, which may become an ask's details


class SettingsInfo(BaseModel):
    team_id: str
    series: Series
    followup_days: int


class ParticipantInfo(BaseModel):
    user_id: str
    preference: Preference
    paused_until: date | None
    active: bool


class PairingInfo(BaseModel):
    id: int
    round_number: int
    host_id: str
    visitor_id: str
    host_side: Side
    status: str
    channel_id: str | None
    surprise: str | None
    idea: str | None
    ask_number: int | None = None
    closed_by: str | None = None  # who shared the learnings or skipped


class RoundResult(BaseModel):
    team_id: str
    number: int
    pairs: list[PairingInfo]
    left_out: list[str]
    created: bool  # False when this period's round had already been run
    scheduled_at: datetime | None = None  # when the round is one the rhythm schedules: its time


class DueToday(BaseModel):
    """A scheduled round still to come today, as `/shadow config` warns of it."""

    at: datetime
    made_early: int | None  # its number when `/shadow run` already made it today
    other_made: int | None  # the number of another round made today: the scheduled one pairs everyone again


class PairMessage(BaseModel):
    """The message a pair's button was pressed on (their group DM, or the follow-up), to show the outcome in."""

    channel: str
    ts: str


class LearningsTarget(BaseModel):
    """What the learnings modal carries: the pairing, and the message its Done button was on."""

    pairing_id: int
    message: PairMessage | None = None


class StatusInfo(BaseModel):
    participant: ParticipantInfo | None
    current: PairingInfo | None
    hosted: int
    visited: int


class StatsInfo(BaseModel):
    participants: dict[str, int]  # by side, active and not paused
    paused: int
    rounds: int
    pairs: int
    done: int
    skipped: int
    ideas_to_asks: int


class Learning(BaseModel):
    host_id: str
    visitor_id: str
    host_side: Side
    surprise: str | None
    idea: str | None
    closed_at: datetime


class LearningsDraft(BaseModel):
    surprise: str = Field(min_length=1, max_length=LEARNING_LIMIT)
    idea: str | None = Field(default=None, max_length=LEARNING_LIMIT)
    make_ask: bool = False
