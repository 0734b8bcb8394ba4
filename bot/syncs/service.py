"""Recurring CIO–CMO syncs (S-n): the series, topics for the next meeting, the agenda the store writes, the
meetings held and their outcomes. Each public function is one transaction and returns pydantic objects."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.asks.models import AskInfo
from bot.commitments import service as commitments
from bot.dates import minute_of_day, time_of_day
from bot.effects import once
from bot.errors import FormError, InvalidInput, NotAllowed, NotFound
from bot.ids import Audit, sync_ref
from bot.kpis import service as kpis
from bot.kpis.status import Status
from bot.people import Actor, Side
from bot.recurrence import occurrence_on, starting_after
from bot.shadowing import service as shadowing
from bot.syncs.models import (
    DECISION_LIMIT,
    TOPIC_LIMIT,
    Agenda,
    DecisionInfo,
    MeetingInfo,
    OutcomeCommitment,
    OutcomeResult,
    ScheduleSync,
    SyncInfo,
)
from bot.teams.service import is_leader_or_admin, member_in
from storage import asks as ask_repo
from storage import syncs as repo
from storage import teams as team_repo
from storage.db import Database
from storage.models import Sync, SyncDecision, SyncMeeting, SyncTopic

AGENDA_ASKS = 5
AGENDA_COMMITMENTS = 10


def schedule(db: Database, actor: Actor, draft: ScheduleSync, now: datetime, key: str | None = None) -> SyncInfo:
    """A leader or admin starts a series (in the caller's time zone unless the draft names one); its first meeting
    is the next one on that weekday and time."""
    zone = draft.timezone or actor.timezone

    def change(session: Session) -> SyncInfo:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        _require_leader(session, workspace, actor)
        anchor = starting_after(draft.weekday, draft.at, draft.every_weeks, zone, now).anchor
        participants = list(dict.fromkeys([actor.user_id, *draft.participants]))
        sync = Sync(
            workspace_id=workspace, number=ask_repo.next_number(session, workspace, "sync_seq"), name=draft.name,
            anchor=anchor, at_minute=minute_of_day(draft.at), every_weeks=draft.every_weeks, timezone=zone,
            participants=participants, channel_id=draft.channel_id, remind_hours=draft.remind_hours,
            created_by=actor.user_id, created_at=now,
        )
        session.add(sync)
        session.flush()
        team_repo.record(session, workspace, actor.user_id, Audit.SYNC_SCHEDULE, sync_ref(sync.number), now)
        return _info(sync, actor.team_id)

    return once(db, key, SyncInfo, change, now, subject=lambda sync: sync.ref)


def cancel(db: Database, actor: Actor, number: int, now: datetime, key: str | None = None) -> SyncInfo:
    """The series' creator, a leader or an admin cancels it: no meeting of it is held any more."""

    def change(session: Session) -> SyncInfo:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        sync = _sync(session, workspace, number)
        if actor.user_id != sync.created_by:
            _require_leader(session, workspace, actor)
        sync.cancelled_at, sync.cancelled_by = sync.cancelled_at or now, sync.cancelled_by or actor.user_id
        team_repo.record(session, workspace, actor.user_id, Audit.SYNC_CANCEL, sync_ref(number), now)
        return _info(sync, actor.team_id)

    return once(db, key, SyncInfo, change, now, subject=lambda sync: sync.ref)


def listing(db: Database, team_id: str, now: datetime) -> list[SyncInfo]:
    with db.transaction() as session:
        return listing_in(session, team_repo.workspace_id(session, team_id, now), team_id)


def listing_in(session: Session, workspace: int, team_id: str) -> list[SyncInfo]:
    """The workspace's active syncs, inside the caller's transaction."""
    return [_info(s, team_id) for s in repo.active(session, workspace)]


def team_of(db: Database, sync_id: int) -> str | None:
    """The workspace of a sync (None when it is gone)."""
    found = by_id(db, sync_id)
    return found.team_id if found else None


def everything_active(db: Database) -> list[SyncInfo]:
    """Every active sync of every workspace, for the scheduler."""
    with db.transaction() as session:
        teams = {w.id: w.team_id for w in team_repo.all_workspaces(session)}
        return [_info(s, teams[s.workspace_id]) for s in repo.active(session)]


def get(db: Database, team_id: str, number: int | None, now: datetime) -> SyncInfo:
    """A sync by number, or the only active one when no number is given."""
    with db.transaction() as session:
        return _info(_chosen(session, team_repo.workspace_id(session, team_id, now), number), team_id)


def by_id(db: Database, sync_id: int) -> SyncInfo | None:
    with db.transaction() as session:
        sync = session.get(Sync, sync_id)
        if sync is None:
            return None
        return _info(sync, team_repo.team_id_of(session, sync.workspace_id))


def add_topic(db: Database, actor: Actor, number: int | None, text: str, now: datetime,
              key: str | None = None) -> SyncInfo:
    """An agenda item for the sync's next meeting, from anyone on a side or among its participants."""

    def change(session: Session) -> SyncInfo:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        sync = _chosen(session, workspace, number)
        if actor.user_id not in sync.participants and member_in(session, workspace, actor.user_id) is None:
            raise NotAllowed("error.join_a_side_first")
        session.add(SyncTopic(sync_id=sync.id, text=text[:TOPIC_LIMIT], added_by=actor.user_id, added_at=now))
        team_repo.record(session, workspace, actor.user_id, Audit.SYNC_TOPIC, sync_ref(sync.number), now)
        return _info(sync, actor.team_id)

    return once(db, key, SyncInfo, change, now, subject=lambda sync: sync.ref)


def agenda(db: Database, sync: SyncInfo, occurs_at: datetime, workspace_zone: str, now: datetime) -> Agenda:
    """The agenda of the meeting at `occurs_at`, read in one snapshot: topics, asks waiting longest or pressing,
    overdue commitments, KPIs off track or stale, shadowing learnings since the last meeting, and that meeting's
    decisions."""
    today = now.astimezone(ZoneInfo(workspace_zone)).date()
    with db.snapshot() as session:
        workspace = team_repo.workspace_id(session, sync.team_id, now)
        topics = [(t.added_by, t.text) for t in repo.pending_topics(session, sync.id)]
        waiting = [AskInfo.model_validate(a) for a in ask_repo.waiting_asks(session, workspace, AGENDA_ASKS)]
        shown = {a.number for a in waiting}
        pressing = [AskInfo.model_validate(a) for a in ask_repo.pressing_asks(session, workspace, AGENDA_ASKS * 2)
                    if a.number not in shown][:AGENDA_ASKS]
        overdue, _total = commitments.overdue_in(session, workspace, today, AGENDA_COMMITMENTS)
        last = repo.meetings(session, sync.id, 1)
        decisions = repo.decisions(session, [m.id for m in last])
        last_decisions = [DecisionInfo(text=d.text, recorded_by=d.recorded_by)
                          for m in last for d in decisions[m.id]]
        since = last[0].posted_at if last else None
        attention = [k for k in kpis.listing_in(session, workspace)
                     if k.status(today) in (Status.OFF_TRACK, Status.STALE)]
        learnings = shadowing.learnings_since_in(session, workspace, since)
    return Agenda(sync=sync, occurs_at=occurs_at, topics=topics, waiting_asks=waiting, pressing_asks=pressing,
                  overdue_commitments=overdue, kpis_needing_attention=attention, learnings=learnings,
                  last_decisions=last_decisions, today=today)


def held(db: Database, sync_id: int, occurs_at: datetime) -> bool:
    with db.transaction() as session:
        return repo.meeting_at(session, sync_id, occurs_at) is not None


def record_meeting(db: Database, sync: SyncInfo, occurs_at: datetime, channel_id: str, message_ts: str,
                   now: datetime) -> int:
    """Remember a posted agenda; the topics it carried are used up. Returns the meeting's id."""
    with db.transaction() as session:
        meeting = SyncMeeting(sync_id=sync.id, occurs_at=occurs_at, channel_id=channel_id, message_ts=message_ts,
                              posted_at=now)
        session.add(meeting)
        session.flush()
        for topic in repo.pending_topics(session, sync.id):
            topic.meeting_id = meeting.id
        return meeting.id


def meeting_of(db: Database, team_id: str, sync_id: int, occurs_at: datetime, now: datetime) -> MeetingInfo:
    """The meeting of a sync at `occurs_at`, as its Record outcome button names it. (Recorded when its agenda was
    posted; if the process stopped between posting and recording, it is recorded now.)"""
    with db.transaction() as session:
        sync = session.get(Sync, sync_id)
        if sync is None or sync.workspace_id != team_repo.workspace_id(session, team_id, now):
            raise NotFound("error.meeting_not_found")
        found = repo.meeting_at(session, sync.id, occurs_at)
        if found is None:
            info = _info(sync, team_id)
            local_day = occurs_at.astimezone(ZoneInfo(info.timezone)).date()
            if occurs_at > now or occurrence_on(info.series, local_day) != occurs_at:
                raise NotFound("error.meeting_not_found")  # not a meeting of this sync that has happened
            found = repo.add_meeting(session, sync.id, occurs_at, now)
        return _meeting_info(session, found, _info(sync, team_id))


def history(db: Database, team_id: str, number: int | None, now: datetime, limit: int = 10) -> list[MeetingInfo]:
    """The sync's meetings, newest first, with their decisions."""
    with db.transaction() as session:
        sync = _chosen(session, team_repo.workspace_id(session, team_id, now), number)
        info = _info(sync, team_id)
        return [_meeting_info(session, m, info) for m in repo.meetings(session, sync.id, limit)]


def record_outcome(db: Database, actor: Actor, meeting_id: int, decisions: list[str],
                   items: list[OutcomeCommitment], now: datetime, key: str | None = None) -> OutcomeResult:
    """Participants, leaders and admins record a meeting's decisions and new commitments."""

    def change(session: Session) -> OutcomeResult:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        found = session.get(SyncMeeting, meeting_id)
        sync = session.get(Sync, found.sync_id) if found else None
        if found is None or sync is None or sync.workspace_id != workspace:
            raise NotFound("error.meeting_not_found")
        if actor.user_id not in sync.participants:
            _require_leader(session, workspace, actor)
        for text in decisions:
            session.add(SyncDecision(meeting_id=found.id, text=text[:DECISION_LIMIT], recorded_by=actor.user_id,
                                     recorded_at=now))
        made = []
        for item in items:
            owner = member_in(session, workspace, item.owner_id)
            if owner is None:
                raise FormError("error.owner_not_on_a_side", f"c{item.row}_owner" if item.row else "decisions",
                                user=item.owner_id)
            made.append(commitments.for_sync(session, workspace, item.owner_id, Side(owner.side), item.text,
                                             item.due, sync.id, actor.user_id, now))
        found.outcome_by, found.outcome_at = actor.user_id, now
        session.flush()
        team_repo.record(session, workspace, actor.user_id, Audit.SYNC_OUTCOME, sync_ref(sync.number), now,
                         decisions=len(decisions), commitments=len(items))
        return OutcomeResult(meeting=_meeting_info(session, found, _info(sync, actor.team_id)), commitments=made)

    return once(db, key, OutcomeResult, change, now, subject=lambda result: result.meeting.sync.ref)


def _meeting_info(session: Session, found: SyncMeeting, sync: SyncInfo) -> MeetingInfo:
    decided = repo.decisions(session, [found.id])[found.id]
    return MeetingInfo(
        id=found.id, sync=sync, occurs_at=found.occurs_at, channel_id=found.channel_id, message_ts=found.message_ts,
        outcome_at=found.outcome_at, decisions=[DecisionInfo(text=d.text, recorded_by=d.recorded_by) for d in decided],
        topics=[t.text for t in repo.topics_of(session, found.id)],
    )


def _chosen(session: Session, workspace: int, number: int | None) -> Sync:
    if number is not None:
        return _sync(session, workspace, number)
    syncs = repo.active(session, workspace)
    if len(syncs) == 1:
        return syncs[0]
    if not syncs:
        raise NotFound("error.no_syncs")
    raise InvalidInput("error.which_sync", refs=", ".join(sync_ref(s.number) for s in syncs))


def _sync(session: Session, workspace: int, number: int) -> Sync:
    sync = repo.find(session, workspace, number)
    if sync is None:
        raise NotFound("error.sync_not_found", ref=sync_ref(number))
    return sync


def _require_leader(session: Session, workspace: int, actor: Actor) -> None:
    if not is_leader_or_admin(session, workspace, actor):
        raise NotAllowed("error.sync_leaders_only")


def _info(sync: Sync, team_id: str) -> SyncInfo:
    return SyncInfo(
        id=sync.id, team_id=team_id, number=sync.number, name=sync.name, anchor=sync.anchor,
        at=time_of_day(sync.at_minute), every_weeks=sync.every_weeks, timezone=sync.timezone,
        participants=list(sync.participants), channel_id=sync.channel_id, remind_hours=sync.remind_hours,
        created_by=sync.created_by, cancelled=sync.cancelled_at is not None,
    )
