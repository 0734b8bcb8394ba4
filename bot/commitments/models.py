"""Commitments as services hand them out. Done on or before the due date is *kept*, after it *late*; open past the
due date is *overdue*."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from bot.ids import commitment_ref
from bot.people import Side

TEXT_LIMIT = 300
UNDO_WINDOW = timedelta(minutes=10)  # how long the Undo on a private confirmation of a closing works
CommitmentFilter = Literal["mine", "overdue", "side"]


class NewCommitment(BaseModel):
    """A commitment as `/commit <text> due:DATE [for:A-12]` gives it."""

    kind: Literal["new"] = "new"
    text: str = Field(min_length=1, max_length=TEXT_LIMIT)
    due: date
    ask_number: int | None = None


class CommitmentStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class CommitmentInfo(BaseModel):
    model_config = ConfigDict(frozen=True, from_attributes=True)

    number: int
    owner_id: str
    side: Side
    text: str
    due_date: date
    status: CommitmentStatus
    kept: bool | None
    ask_number: int | None = None
    created_at: datetime
    done_at: datetime | None
    cancelled_at: datetime | None = None
    updated_at: datetime | None = None
    created_by: str | None = None  # who recorded it: its owner, or whoever recorded a sync's outcome
    sync_id: int | None = None  # the sync whose outcome it came from

    @property
    def ref(self) -> str:
        return commitment_ref(self.number)

    @property
    def closed_at(self) -> datetime | None:
        """When it was done or cancelled, if it is closed."""
        return {CommitmentStatus.DONE: self.done_at, CommitmentStatus.CANCELLED: self.cancelled_at}.get(self.status)

    def is_overdue(self, today: date) -> bool:
        return self.status is CommitmentStatus.OPEN and self.due_date < today


class ReopenedCommitment(BaseModel):
    """A commitment brought back from `was`, closed by mistake."""

    commitment: CommitmentInfo
    was: CommitmentStatus


class CommitmentList(BaseModel):
    commitments: list[CommitmentInfo]
    total: int
    filter: CommitmentFilter


class Reminder(BaseModel):
    """One owner's commitments due within a day or overdue, for the daily DM."""

    team_id: str
    owner_id: str
    commitments: list[CommitmentInfo]
