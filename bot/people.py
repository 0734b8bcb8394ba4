"""Pydantic models for what crosses a boundary: who is acting, and the records services return."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict

Language = Literal["en", "es"]


class Side(StrEnum):
    MARKETING = "marketing"
    IT = "it"

    @property
    def other(self) -> Side:
        return Side.IT if self is Side.MARKETING else Side.MARKETING


class Role(StrEnum):
    MEMBER = "member"
    LEADER = "leader"


class Actor(BaseModel):
    """The Slack user behind a request, as Slack and settings describe them."""

    model_config = ConfigDict(frozen=True)

    team_id: str
    user_id: str
    language: Language
    timezone: str
    is_admin: bool

    def today(self, now: datetime) -> date:
        """The date it is for this person, in their own time zone."""
        return now.astimezone(ZoneInfo(self.timezone)).date()


class MemberInfo(BaseModel):
    """A person on a side, as services hand it out (never an ORM instance)."""

    model_config = ConfigDict(frozen=True, from_attributes=True)

    user_id: str
    side: Side
    role: Role
    joined_at: datetime

    @property
    def is_leader(self) -> bool:
        return self.role is Role.LEADER


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class Category(StrEnum):
    """The collaboration areas CIOs and CMOs name most."""

    ACQUISITION = "acquisition"
    RETENTION = "retention"
    DIGITAL_MEDIA = "digital-media"
    MARTECH = "martech"
    MOBILE = "mobile"
    IOT = "iot"
    KPI = "kpi"
    AI = "ai"
    VISUALIZATION = "visualization"
    ANALYTICS = "analytics"
    STORYTELLING = "storytelling"
    SECURITY = "security"
    OTHER = "other"


class AskStatus(StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    DONE = "done"
    DECLINED = "declined"
    CANCELLED = "cancelled"

    @property
    def is_closed(self) -> bool:
        return self in {AskStatus.DONE, AskStatus.DECLINED, AskStatus.CANCELLED}


class CommitmentStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"
