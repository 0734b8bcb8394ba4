"""Asks as they cross boundaries: what a new ask is made of (from any entry point), and what services hand out."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from bot.commitments.models import CommitmentInfo
from bot.ids import ask_ref
from bot.people import Side

TITLE_LIMIT = 150
DETAILS_LIMIT = 3000
COMMENT_LIMIT = 500  # a decline reason or a done note
LINK_LIMIT = 500
PAGE_SIZE = 10
RATING_CHANGE_WINDOW = timedelta(minutes=10)  # a rating can be changed this long after it was first given

AskSource = Literal["command", "modal", "shortcut", "shadowing", "workflow"]  # workflow: the Log an ask step
AskFilter = Literal["open", "mine", "overdue", "all"]


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


# Each category's Spanish name, as Spanish texts show it; typed with or without accents (`#movil`, `#móvil`).
SPANISH_CATEGORIES: dict[Category, str] = {
    Category.ACQUISITION: "adquisición",
    Category.RETENTION: "retención",
    Category.DIGITAL_MEDIA: "medios-digitales",
    Category.MARTECH: "martech",
    Category.MOBILE: "móvil",
    Category.IOT: "iot",
    Category.KPI: "kpi",
    Category.AI: "ia",
    Category.VISUALIZATION: "visualización",
    Category.ANALYTICS: "analítica",
    Category.STORYTELLING: "narrativa",
    Category.SECURITY: "seguridad",
    Category.OTHER: "otro",
}


class AskStatus(StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    DONE = "done"
    DECLINED = "declined"
    CANCELLED = "cancelled"

    @property
    def is_closed(self) -> bool:
        return self in {AskStatus.DONE, AskStatus.DECLINED, AskStatus.CANCELLED}


class NewAsk(BaseModel):
    """A new ask, as `/ask <title> …`, the New ask modal, the Log as ask shortcut, a shadowing idea or the Log an ask
    workflow step gives it."""

    kind: Literal["new"] = "new"
    title: str = Field(min_length=1, max_length=TITLE_LIMIT)
    details: str | None = Field(default=None, max_length=DETAILS_LIMIT)
    to_side: Side | None = None  # None: the side other than the requester's
    owner_id: str | None = None
    due: date | None = None
    priority: Priority = Priority.NORMAL
    category: Category | None = None
    source: AskSource = "command"
    source_link: str | None = Field(default=None, max_length=LINK_LIMIT)


class AskInfo(BaseModel):
    model_config = ConfigDict(frozen=True, from_attributes=True)

    id: int
    number: int
    requester_id: str
    from_side: Side
    to_side: Side
    title: str
    details: str | None
    owner_id: str | None
    due_date: date | None
    priority: Priority
    category: Category | None
    status: AskStatus
    source: str
    source_link: str | None
    channel_id: str | None
    message_ts: str | None
    created_at: datetime
    accepted_at: datetime | None
    accepted_by: str | None
    done_at: datetime | None
    done_by: str | None
    done_note: str | None
    declined_at: datetime | None
    declined_by: str | None
    decline_reason: str | None
    cancelled_at: datetime | None
    cancelled_by: str | None
    rating: int | None
    post_to: str | None = None  # where its card is still to be posted
    updated_at: datetime | None = None  # its last change (a reopening is named by it)

    @property
    def ref(self) -> str:
        return ask_ref(self.number)

    def is_overdue(self, today: date) -> bool:
        return not self.status.is_closed and self.due_date is not None and self.due_date < today

    @property
    def closed_at(self) -> datetime | None:
        """When it was moved to its closed status, if it is closed."""
        return {AskStatus.DONE: self.done_at, AskStatus.DECLINED: self.declined_at,
                AskStatus.CANCELLED: self.cancelled_at}.get(self.status)

    @property
    def closed_by(self) -> str | None:
        """Who moved it to its closed status, if it is closed."""
        return {AskStatus.DONE: self.done_by, AskStatus.DECLINED: self.declined_by,
                AskStatus.CANCELLED: self.cancelled_by}.get(self.status)


class Card(BaseModel):
    """What became of a new ask's card: posted in `channel`, waiting there for Slack (`pending`), or refused."""

    channel: str
    state: Literal["posted", "pending", "refused"]


class AskPage(BaseModel):
    asks: list[AskInfo]
    total: int
    offset: int
    filter: AskFilter
    to_side: Side | None


class AcceptResult(BaseModel):
    ask: AskInfo
    commitment: CommitmentInfo
    previous_due: date | None = None  # the date the requester asked for, when the accepter moved it
    previous_owner: str | None = None  # the owner the ask named, when someone else accepted it


class ReopenResult(BaseModel):
    """An ask brought back from `was`, closed by mistake, to open or accepted as it was, with the commitment its
    closing closed."""

    ask: AskInfo
    was: AskStatus
    commitment: CommitmentInfo | None = None
    reason: str | None = None


class HistoryLine(BaseModel):
    actor_id: str
    action: str
    at: datetime
    detail: dict[str, object]
