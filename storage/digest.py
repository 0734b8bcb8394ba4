"""Repository for the weekly digest: aggregate queries over one week of a workspace.

Counts, sums and the row-limited lists run in SQL (`count(CASE WHEN … THEN 1 END)` grouped by direction), so a
workspace with years of asks is never loaded into Python. Medians do not: SQLite has no median or
`percentile_cont`, and date arithmetic is spelled differently by each dialect (SQLite keeps these timestamps as
text). So `accept_and_close_times` fetches only the timestamp pairs of asks accepted or done during the one week
— bounded by a week's activity — and the caller takes the medians in Python.

Every bound is a UTC instant (`[start, end)`) or a date; the same statements run on SQLite and PostgreSQL.

A trend (the `*_by_week` queries) takes the weeks as a list of bounds, UTC instants of local midnights computed by the
caller (so a week across a change to or from daylight saving time is as long as it is locally), and finds the week
of each row with a `CASE` over those bounds: one scan for every week, grouped by week or with a column per week,
each week counted exactly as the week digest counts it, whichever dialect.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, and_, case, delete, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from storage.asks import OPEN_ASK
from storage.dialect import insert_or_ignore, upsert
from storage.models import (
    Ask,
    Commitment,
    DigestSettings,
    DigestSubscriber,
    Kpi,
    KpiValue,
    Member,
    PulseAnswer,
    ShadowPairing,
    ShadowRound,
    Sync,
    SyncMeeting,
)


def settings(session: Session, workspace: int) -> DigestSettings | None:
    return session.get(DigestSettings, workspace)


def all_settings(session: Session) -> list[DigestSettings]:
    return list(session.scalars(select(DigestSettings).order_by(DigestSettings.workspace_id)))


def subscribers(session: Session, workspace: int) -> list[str]:
    """Who gets the digest by DM, in the order they subscribed."""
    query = select(DigestSubscriber.user_id).where(DigestSubscriber.workspace_id == workspace)
    return list(session.scalars(query.order_by(DigestSubscriber.id)))


def subscribers_with_role(session: Session, workspace: int, role: str) -> list[str]:
    """The subscribers whose membership has `role` now, in the order they subscribed."""
    query = (select(DigestSubscriber.user_id)
             .join(Member, and_(Member.workspace_id == DigestSubscriber.workspace_id,
                                Member.user_id == DigestSubscriber.user_id))
             .where(DigestSubscriber.workspace_id == workspace, Member.role == role)
             .order_by(DigestSubscriber.id))
    return list(session.scalars(query))


def start_settings(session: Session, workspace: int, **values: object) -> None:
    """The digest's first rhythm, unless it has one."""
    insert_or_ignore(session, DigestSettings, workspace_id=workspace, **values)


def put_settings(session: Session, workspace: int, **values: object) -> DigestSettings:
    upsert(session, DigestSettings, ("workspace_id",), workspace_id=workspace, **values)
    found = settings(session, workspace)
    assert found is not None
    session.refresh(found)
    return found


def add_subscriber(session: Session, workspace: int, user_id: str, now: datetime) -> None:
    """Subscribe someone; subscribing twice keeps the first subscription."""
    insert_or_ignore(session, DigestSubscriber, workspace_id=workspace, user_id=user_id, subscribed_at=now)


def remove_subscriber(session: Session, workspace: int, user_id: str) -> None:
    session.execute(delete(DigestSubscriber).where(DigestSubscriber.workspace_id == workspace,
                                                   DigestSubscriber.user_id == user_id))


class AskTally(NamedTuple):
    """Asks from one side to the other: what happened during the week, and how many are open now."""

    opened: int
    closed: int
    done: int
    open_now: int
    overdue_now: int


class RatingTally(NamedTuple):
    """The ratings requesters gave asks from one side to the other during a week: how many, and their sum."""

    ratings: int
    rating_sum: int


class AskTimes(NamedTuple):
    """When an ask accepted or done during the week was created, accepted and done."""

    from_side: str
    to_side: str
    created_at: datetime
    accepted_at: datetime | None
    done_at: datetime | None


class CommitmentTally(NamedTuple):
    due: int  # due during the week, not cancelled
    kept: int  # of those, done on or before the due date


class MeetingHeld(NamedTuple):
    meeting_id: int
    sync_number: int
    sync_name: str
    occurs_at: datetime


class ShadowTally(NamedTuple):
    pairs: int  # pairings made in rounds started during the week
    done: int  # pairings closed as done during the week


class PulseTally(NamedTuple):
    """The answers to one pulse round, by side: how many, the sum of their scores and how many carry a comment."""

    answers: dict[str, int]
    score_sum: dict[str, int]
    comments: int


def _during(column: InstrumentedAttribute[Any], start: Any, end: Any) -> ColumnElement[bool]:
    return and_(column >= start, column < end)


def _count_where(condition: ColumnElement[bool]) -> Any:
    # COUNT of a CASE without ELSE counts the rows meeting the condition; unlike SUM(CASE … 1 ELSE 0) it is an
    # integer on both dialects (PostgreSQL's SUM of a bound integer can come back as NUMERIC).
    return func.count(case((condition, 1)))


def ask_tallies(session: Session, workspace: int, start: datetime, end: datetime,
                today: date) -> dict[tuple[str, str], AskTally]:
    """Per (from_side, to_side), in one grouped query: asks opened, closed (done, declined or cancelled) and done
    during `[start, end)`; open or accepted now, and of those overdue (due before `today`)."""
    is_open = Ask.status.in_(OPEN_ASK)
    query = (
        select(
            Ask.from_side,
            Ask.to_side,
            _count_where(_during(Ask.created_at, start, end)),
            _count_where(or_(_during(Ask.done_at, start, end), _during(Ask.declined_at, start, end),
                             _during(Ask.cancelled_at, start, end))),
            _count_where(_during(Ask.done_at, start, end)),
            _count_where(is_open),
            _count_where(and_(is_open, Ask.due_date < today)),
        )
        .where(
            Ask.workspace_id == workspace,
            # Only rows that can count: open ones, or ones something happened to since the week began.
            or_(is_open, Ask.created_at >= start, Ask.done_at >= start, Ask.declined_at >= start,
                Ask.cancelled_at >= start),
        )
        .group_by(Ask.from_side, Ask.to_side)
    )
    return {
        (from_side, to_side): AskTally(int(opened), int(closed), int(done), int(open_now), int(overdue))
        for from_side, to_side, opened, closed, done, open_now, overdue in session.execute(query)
    }


def rating_tallies(session: Session, workspace: int, start: datetime, end: datetime) -> dict[tuple[str, str],
                                                                                              RatingTally]:
    """Per (from_side, to_side): the ratings given during `[start, end)` and their sum (a changed rating counts
    in the week it was last given)."""
    query = (
        select(Ask.from_side, Ask.to_side, func.count(Ask.id), func.sum(Ask.rating))
        .where(Ask.workspace_id == workspace, _during(Ask.rated_at, start, end), Ask.rating.is_not(None))
        .group_by(Ask.from_side, Ask.to_side)
    )
    return {(from_side, to_side): RatingTally(int(count), int(total or 0))
            for from_side, to_side, count, total in session.execute(query)}


def accept_and_close_times(session: Session, workspace: int, start: datetime, end: datetime) -> list[AskTimes]:
    """The timestamps of asks accepted or done during `[start, end)` — one week's worth, for the medians."""
    query = select(Ask.from_side, Ask.to_side, Ask.created_at, Ask.accepted_at, Ask.done_at).where(
        Ask.workspace_id == workspace,
        or_(_during(Ask.accepted_at, start, end), _during(Ask.done_at, start, end)),
    )
    return [AskTimes(*row) for row in session.execute(query)]


def oldest_open_asks(session: Session, workspace: int, limit: int) -> list[Ask]:
    """Open or accepted asks, the longest-standing first."""
    query = (select(Ask).where(Ask.workspace_id == workspace, Ask.status.in_(OPEN_ASK))
             .order_by(Ask.created_at, Ask.number).limit(limit))
    return list(session.scalars(query))


def commitment_tally(session: Session, workspace: int, first_day: date, end_day: date) -> CommitmentTally:
    """Commitments due on `first_day` up to (not including) `end_day`, cancelled ones aside (they are no longer
    promises), and how many of them were done on time."""
    query = select(
        func.count(Commitment.id),
        _count_where(and_(Commitment.status == "done", Commitment.kept.is_(True))),
    ).where(
        Commitment.workspace_id == workspace,
        Commitment.due_date >= first_day,
        Commitment.due_date < end_day,
        Commitment.status != "cancelled",
    )
    due, kept = session.execute(query).one()
    return CommitmentTally(int(due), int(kept))


def meetings_held(session: Session, workspace: int, start: datetime, end: datetime) -> list[MeetingHeld]:
    """Sync meetings that took place during `[start, end)`, in order (cancelled syncs' past meetings too)."""
    query = (
        select(SyncMeeting.id, Sync.number, Sync.name, SyncMeeting.occurs_at)
        .join(Sync, Sync.id == SyncMeeting.sync_id)
        .where(Sync.workspace_id == workspace, _during(SyncMeeting.occurs_at, start, end))
        .order_by(SyncMeeting.occurs_at, Sync.number)
    )
    return [MeetingHeld(*row) for row in session.execute(query)]


def shadow_tally(session: Session, workspace: int, start: datetime, end: datetime) -> ShadowTally:
    """Pairings made in rounds started during `[start, end)`, and pairings that shared learnings then."""
    made = _during(ShadowRound.started_at, start, end)
    shared = and_(ShadowPairing.status == "done", _during(ShadowPairing.closed_at, start, end))
    query = (
        select(_count_where(made), _count_where(shared))
        .select_from(ShadowPairing)
        .join(ShadowRound, ShadowRound.id == ShadowPairing.round_id)
        .where(ShadowRound.workspace_id == workspace, or_(made, shared))
    )
    pairs, done = session.execute(query).one()
    return ShadowTally(int(pairs), int(done))


def pulse_tally(session: Session, round_id: int) -> PulseTally:
    """One pulse round's answers by side (counts and score sums) and how many carry a comment."""
    query = (select(PulseAnswer.side, func.count(PulseAnswer.id), func.sum(PulseAnswer.score),
                    _count_where(_commented()))
             .where(PulseAnswer.round_id == round_id).group_by(PulseAnswer.side))
    answers: dict[str, int] = {}
    score_sum: dict[str, int] = {}
    comments = 0
    for side, count, total, commented in session.execute(query):
        answers[side], score_sum[side] = int(count), int(total or 0)
        comments += int(commented)
    return PulseTally(answers, score_sum, comments)


def pulse_comments(session: Session, round_id: int, limit: int) -> list[str]:
    """Up to `limit` of one round's comments, with nothing else of their answers (no side, score or day), in the
    order of their ballots: keyed hashes, so the order says nothing of who wrote them or when."""
    query = (select(PulseAnswer.comment)
             .where(PulseAnswer.round_id == round_id, _commented())
             .order_by(PulseAnswer.ballot).limit(limit))
    return [comment for comment in session.scalars(query) if comment]


def _commented() -> ColumnElement[bool]:
    return and_(PulseAnswer.comment.is_not(None), PulseAnswer.comment != "")


# --- trends: several weeks at once ----------------------------------------------------------------------------------


class AskFlowWeeks(NamedTuple):
    """Asks from one side to the other, week by week: opened and closed (done, declined or cancelled)."""

    opened: list[int]
    closed: list[int]


class WeekHours(NamedTuple):
    """Hours to accept and to close, by (from_side, to_side, week); a group without asks is absent."""

    to_accept: dict[tuple[str, str, int], list[float]]
    to_close: dict[tuple[str, str, int], list[float]]


class KpiDefined(NamedTuple):
    id: int
    target: float
    direction: str
    cadence: str
    created_at: datetime
    archived_at: datetime | None


class KpiMeasure(NamedTuple):
    kpi_id: int
    measured_on: date
    value: float


def _weeks(bounds: list[datetime]) -> list[tuple[datetime, datetime]]:
    return list(zip(bounds, bounds[1:], strict=False))


def ask_flows_by_week(session: Session, workspace: int,
                      bounds: list[datetime]) -> dict[tuple[str, str], AskFlowWeeks]:
    """Per (from_side, to_side): asks opened and closed (done, declined or cancelled) in each week `[bounds[i],
    bounds[i + 1])`, as `ask_tallies` counts them for one week, in two queries grouped by direction and week. An
    ask has one closing time at most (reopening it clears them), so it is closed in the week of the one it has."""
    n = len(bounds) - 1
    flows: dict[tuple[str, str], AskFlowWeeks] = {}

    def add(column: Any, during: ColumnElement[bool], counts: int) -> None:
        week = _week_case(column, bounds)
        query = (select(Ask.from_side, Ask.to_side, week, func.count(Ask.id))
                 .where(Ask.workspace_id == workspace, during)
                 .group_by(Ask.from_side, Ask.to_side, week))
        for from_side, to_side, index, count in session.execute(query):
            if index is not None:
                flows.setdefault((from_side, to_side), AskFlowWeeks([0] * n, [0] * n))[counts][index] = int(count)

    first, last = bounds[0], bounds[-1]
    add(Ask.created_at, _during(Ask.created_at, first, last), 0)
    add(func.coalesce(Ask.done_at, Ask.declined_at, Ask.cancelled_at),
        or_(_during(Ask.done_at, first, last), _during(Ask.declined_at, first, last),
            _during(Ask.cancelled_at, first, last)), 1)
    return flows


def hours_by_week(session: Session, workspace: int, bounds: list[datetime]) -> WeekHours:
    """Per (from_side, to_side, week): the hours from creation to acceptance of the asks accepted during the week
    `[bounds[i], bounds[i + 1])`, and to done of those done during it — what the week digest's medians are taken
    over. One scan; the week and the hours are computed in SQL, so no timestamp is made into a Python datetime (that
    was most of the time on a few weeks' worth). SQLite's date functions count in milliseconds, so its hours may
    differ from Python's by a few ten-millionths of an hour."""
    first, last = bounds[0], bounds[-1]
    query = select(
        Ask.from_side, Ask.to_side,
        _week_case(Ask.accepted_at, bounds), _hours_between(session, Ask.created_at, Ask.accepted_at),
        _week_case(Ask.done_at, bounds), _hours_between(session, Ask.created_at, Ask.done_at),
    ).where(Ask.workspace_id == workspace,
            or_(_during(Ask.accepted_at, first, last), _during(Ask.done_at, first, last)))
    found = WeekHours({}, {})
    for from_side, to_side, accepted_week, to_accept, done_week, to_close in session.execute(query):
        if accepted_week is not None:
            found.to_accept.setdefault((from_side, to_side, accepted_week), []).append(float(to_accept))
        if done_week is not None:
            found.to_close.setdefault((from_side, to_side, done_week), []).append(float(to_close))
    return found


def _week_case(column: Any, bounds: list[datetime]) -> Any:
    """The index of the week `[bounds[i], bounds[i + 1])` `column` falls in; NULL outside them all."""
    whens = [(_during(column, bounds[0], bounds[1]), 0)]
    whens += [(and_(column >= bounds[0], column < end), i) for i, end in enumerate(bounds[2:], start=1)]
    return case(*whens, else_=None)


def _hours_between(session: Session, since: InstrumentedAttribute[Any], until: InstrumentedAttribute[Any]) -> Any:
    if session.get_bind().dialect.name == "postgresql":
        return func.extract("epoch", until - since) / 3600.0
    return (func.julianday(until) - func.julianday(since)) * 24.0


def commitment_tally_by_day(session: Session, workspace: int, first_day: date,
                            end_day: date) -> dict[date, CommitmentTally]:
    """`commitment_tally` per due date from `first_day` up to (not including) `end_day`: one row per day that has
    any."""
    query = (
        select(Commitment.due_date, func.count(Commitment.id),
               _count_where(and_(Commitment.status == "done", Commitment.kept.is_(True))))
        .where(Commitment.workspace_id == workspace, Commitment.due_date >= first_day, Commitment.due_date < end_day,
               Commitment.status != "cancelled")
        .group_by(Commitment.due_date)
    )
    return {day: CommitmentTally(int(due), int(kept)) for day, due, kept in session.execute(query)}


def shadow_tally_by_week(session: Session, workspace: int, bounds: list[datetime]) -> list[ShadowTally]:
    """`shadow_tally` for each week `[bounds[i], bounds[i + 1])`, in one query."""
    weeks = _weeks(bounds)
    made = [_count_where(_during(ShadowRound.started_at, start, end)) for start, end in weeks]
    shared = [_count_where(and_(ShadowPairing.status == "done", _during(ShadowPairing.closed_at, start, end)))
              for start, end in weeks]
    first, last = bounds[0], bounds[-1]
    query = (
        select(*made, *shared)
        .select_from(ShadowPairing)
        .join(ShadowRound, ShadowRound.id == ShadowPairing.round_id)
        .where(ShadowRound.workspace_id == workspace,
               or_(_during(ShadowRound.started_at, first, last),
                   and_(ShadowPairing.status == "done", _during(ShadowPairing.closed_at, first, last))))
    )
    row = session.execute(query).one()
    n = len(weeks)
    return [ShadowTally(int(row[i]), int(row[n + i])) for i in range(n)]


def shared_kpis(session: Session, workspace: int, created_before: datetime,
                archived_since: datetime) -> list[KpiDefined]:
    """The shared KPIs defined before `created_before` and not archived before `archived_since`."""
    query = (
        select(Kpi.id, Kpi.target, Kpi.direction, Kpi.cadence, Kpi.created_at, Kpi.archived_at)
        .where(Kpi.workspace_id == workspace, Kpi.owner == "shared", Kpi.created_at < created_before,
               or_(Kpi.archived_at.is_(None), Kpi.archived_at >= archived_since))
        .order_by(Kpi.id)
    )
    return [KpiDefined(*row) for row in session.execute(query)]


def kpi_values_between(session: Session, kpi_ids: list[int], first_day: date, last_day: date) -> list[KpiMeasure]:
    """The values of these KPIs measured from `first_day` to `last_day` (both included), by KPI then day."""
    if not kpi_ids:
        return []
    query = (
        select(KpiValue.kpi_id, KpiValue.measured_on, KpiValue.value)
        .where(KpiValue.kpi_id.in_(kpi_ids), KpiValue.measured_on >= first_day, KpiValue.measured_on <= last_day)
        .order_by(KpiValue.kpi_id, KpiValue.measured_on)
    )
    return [KpiMeasure(*row) for row in session.execute(query)]


def pulse_tallies(session: Session, round_ids: list[int]) -> dict[int, PulseTally]:
    """`pulse_tally` of several rounds in one grouped query (every round asked for, answered or not)."""
    result = {round_id: PulseTally({}, {}, 0) for round_id in round_ids}
    if not round_ids:
        return result
    query = (select(PulseAnswer.round_id, PulseAnswer.side, func.count(PulseAnswer.id), func.sum(PulseAnswer.score),
                    _count_where(_commented()))
             .where(PulseAnswer.round_id.in_(round_ids)).group_by(PulseAnswer.round_id, PulseAnswer.side))
    comments: dict[int, int] = dict.fromkeys(round_ids, 0)
    for round_id, side, count, total, commented in session.execute(query):
        result[round_id].answers[side] = int(count)
        result[round_id].score_sum[side] = int(total or 0)
        comments[round_id] += int(commented)
    return {round_id: PulseTally(tally.answers, tally.score_sum, comments[round_id])
            for round_id, tally in result.items()}
