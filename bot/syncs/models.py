"""Syncs as they cross boundaries: a series to schedule (from the command or the modal, the same model), and the
series, meetings and agendas services hand out."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from bot.asks.models import AskInfo
from bot.commitments.models import TEXT_LIMIT, CommitmentInfo
from bot.ids import sync_ref
from bot.kpis.models import KpiInfo
from bot.recurrence import MAX_EVERY_WEEKS, Series, next_occurrence
from bot.shadowing.models import Learning

NAME_LIMIT = 80
TOPIC_LIMIT = 500
DECISION_LIMIT = 500
PARTICIPANT_LIMIT = 30
MAX_REMIND_HOURS = 168  # a week
DEFAULT_REMIND_HOURS = 24


class ScheduleSync(BaseModel):
    """A new series, as `/sync schedule …` or the Schedule a sync modal gives it."""

    kind: Literal["schedule"] = "schedule"
    name: str = Field(min_length=1, max_length=NAME_LIMIT)
    weekday: int = Field(ge=0, le=6)  # 0 = Monday
    at: time  # wall-clock time in `timezone`
    every_weeks: int = Field(default=1, ge=1, le=MAX_EVERY_WEEKS)
    timezone: str | None = None  # None: the caller's zone
    participants: list[str] = Field(min_length=1, max_length=PARTICIPANT_LIMIT)  # user IDs, without repeats
    channel_id: str | None = None  # None: a group DM of the participants
    remind_hours: int = Field(default=DEFAULT_REMIND_HOURS, ge=0, le=MAX_REMIND_HOURS)


class SyncInfo(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    team_id: str
    number: int
    name: str
    anchor: date
    at: time
    every_weeks: int
    timezone: str
    participants: list[str]
    channel_id: str | None
    remind_hours: int
    created_by: str
    cancelled: bool

    @property
    def ref(self) -> str:
        return sync_ref(self.number)

    @property
    def series(self) -> Series:
        return Series(anchor=self.anchor, at=self.at, every_weeks=self.every_weeks, timezone=self.timezone)

    def next_meeting(self, after: datetime) -> datetime:
        return next_occurrence(self.series, after)


class DecisionInfo(BaseModel):
    text: str
    recorded_by: str


class MeetingInfo(BaseModel):
    id: int
    sync: SyncInfo
    occurs_at: datetime
    channel_id: str | None
    message_ts: str | None
    outcome_at: datetime | None
    decisions: list[DecisionInfo]
    topics: list[str]


class Agenda(BaseModel):
    """What the next meeting should talk about, written from the store."""

    sync: SyncInfo
    occurs_at: datetime
    topics: list[tuple[str, str]]  # (who, text)
    waiting_asks: list[AskInfo]
    pressing_asks: list[AskInfo]
    overdue_commitments: list[CommitmentInfo]
    kpis_needing_attention: list[KpiInfo]
    learnings: list[Learning]
    last_decisions: list[DecisionInfo]
    today: date


class OutcomeResult(BaseModel):
    meeting: MeetingInfo
    commitments: list[CommitmentInfo]


class OutcomeCommitment(BaseModel):
    owner_id: str
    text: str = Field(min_length=1, max_length=TEXT_LIMIT)
    due: date
    row: int = 0  # its row in the Record outcome form (1…), so a refusal shows under that row's owner
