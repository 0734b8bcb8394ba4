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

MIN_RATINGS = 3  # fewer ratings than this in a week, or in a direction, are not shown at all
PULSE_COMMENTS = 10  # a closed round's pulse comments shown at most


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


class DirectionRating(BaseModel):
    """The average rating of asks from one side to the other, over at least `MIN_RATINGS` ratings."""

    from_side: Side
    to_side: Side
    count: int
    average: float


class Ratings(BaseModel):
    """The 1–5 ratings requesters gave done asks during `[week_start, week_end)`, a week that is over. Only figures
    over at least `MIN_RATINGS` ratings are kept: the total, and each direction's only when no direction has one or
    two (the total less one direction's figure would give the other's). Below that, nothing: not the score, not
    the count."""

    week_start: date
    week_end: date
    count: int | None  # None: fewer than MIN_RATINGS
    average: float | None
    directions: list[DirectionRating]


class PulseResult(BaseModel):
    """The newest closed alignment pulse round (a live round is never shown: it could be compared before and after
    someone answers). Averages and comments are kept only when each side has at least 3 answers."""

    round_number: int
    answers: dict[Side, int]
    average: dict[Side, float] | None  # None below 3 answers on a side
    gap: float | None
    comments: list[str] = []  # no names, sides or scores, in an order unrelated to who wrote them or when
    comments_total: int = 0  # how many comments the round has, when they are shown


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
    ratings: Ratings
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
    pulse: PulseResult | None  # None before any round closed


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
    leaders: list[str]  # of the subscribers, those who are leaders now (admins are told by Slack and settings)
    channel_id: str | None


TREND_WEEKS = 12  # weeks, and closed pulse rounds, a trend covers


class TrendFlow(BaseModel):
    """Asks from one side to the other during one week of a trend, counted as the week's digest counts them."""

    from_side: Side
    to_side: Side
    opened: int
    closed: int  # done, declined or cancelled during the week
    median_hours_to_accept: float | None  # over asks accepted during the week; None when none was
    median_hours_to_close: float | None  # over asks done during the week; None when none was


class TrendWeek(BaseModel):
    """One week `[week_start, week_end)` (dates in the digest's time zone) of a trend."""

    week_start: date
    week_end: date
    directions: list[TrendFlow]  # marketing → IT, then IT → marketing
    commitments_due: int
    commitments_kept: int
    kept_rate: float | None  # None when no commitment was due
    shared_kpis: int  # shared KPIs defined and not archived when the week ended
    shared_kpis_on_track: int  # of those, on track on the week's last day (by their latest value until then)
    kpis_on_track: float | None  # the share; None with no shared KPI
    shadow_pairs: int  # pairings made in rounds started during the week
    shadow_done: int  # pairings that shared learnings during the week


class TrendRound(BaseModel):
    """One closed pulse round of a trend. Below `MIN_ANSWERS_PER_SIDE` answers on a side its averages and gap are
    None: a gap in the line, never interpolated."""

    round_number: int
    period: str
    started_at: datetime
    closed_at: datetime
    answers: dict[Side, int]
    average: dict[Side, float] | None
    gap: float | None


class Trend(BaseModel):
    """The weeks up to the digest's week, oldest first, and the newest closed pulse rounds, oldest first."""

    team_id: str
    zone: str
    weeks: list[TrendWeek]
    rounds: list[TrendRound]

    @property
    def drawable(self) -> bool:
        """Whether its picture would show anything: a pulse round with averages, or a week with a time to accept, a
        kept-on-time rate or shared KPIs."""
        return (any(r.average is not None for r in self.rounds)
                or any(w.kept_rate is not None or w.kpis_on_track is not None
                       or any(f.median_hours_to_accept is not None for f in w.directions) for w in self.weeks))
