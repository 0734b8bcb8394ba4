"""What the weekly digest says, as data: computed by `bot.digest.service`, rendered by `bot.digest.views`."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel

from bot.asks.models import AskInfo
from bot.commitments.models import CommitmentInfo
from bot.kpis.models import KpiInfo
from bot.people import Side
from bot.recurrence import Series
from bot.shadowing.models import Learning


class AskFlow(BaseModel):
    """Asks from one side to the other during the week."""

    from_side: Side
    to_side: Side
    opened: int
    closed: int  # done, declined or cancelled during the week
    done: int
    open_now: int  # open or accepted when the digest is made
    overdue_now: int
    median_hours_to_accept: float | None  # over asks accepted during the week
    median_hours_to_close: float | None  # over asks done during the week
    ratings: int  # ratings given during the week
    average_rating: float | None


class PulseResult(BaseModel):
    """The latest alignment pulse round. Averages are shown only when each side has at least 3 answers."""

    round_number: int
    answers: dict[Side, int]
    average: dict[Side, float] | None  # None below 3 answers on a side
    gap: float | None


class SyncHeld(BaseModel):
    ref: str
    name: str
    occurs_at: datetime
    decisions: list[str]


class Digest(BaseModel):
    team_id: str
    week_start: date  # inclusive, in the workspace's time zone
    week_end: date  # exclusive
    directions: list[AskFlow]  # marketing → IT, then IT → marketing
    oldest_open: list[AskInfo]  # the five oldest open asks
    commitments_due: int  # due during the week
    commitments_kept: int  # of those, done on or before their due date
    kept_rate: float | None
    overdue_commitments: list[CommitmentInfo]  # up to ten, oldest due first
    overdue_commitments_total: int
    kpis: list[KpiInfo]
    syncs: list[SyncHeld]
    shadow_pairs: int  # pairings made in rounds during the week
    shadow_done: int  # pairings that shared learnings during the week
    learnings: list[Learning]  # one or two, newest first
    pulse: PulseResult | None


class DigestSettingsInfo(BaseModel):
    team_id: str
    series: Series
    channel_id: str | None


class DigestRound(BaseModel):
    """One week's digest and who gets it, read in one snapshot."""

    digest: Digest
    day: date  # the local day it is sent on: the period of its deliveries
    zone: str  # the digest's time zone
    subscribers: list[str]
    channel_id: str | None
