"""The job-shadowing rotation: who takes part, rounds that pair marketing with IT (`bot.shadowing.pairing` decides
how), and what each pair learned. Each public function is one transaction and returns pydantic objects; the `*_in`
functions work inside another service's transaction."""

from __future__ import annotations

import zlib
from collections import Counter
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.asks import service as asks
from bot.asks.models import TITLE_LIMIT, NewAsk
from bot.dates import minute_of_day, time_of_day
from bot.effects import once
from bot.errors import Conflict, InvalidInput, NotAllowed, NotFound
from bot.ids import Audit
from bot.people import Actor, Side
from bot.recurrence import Series, manual_period, period_key, scheduled_on_day, starting_after
from bot.shadowing.models import (
    DEFAULT_FOLLOWUP_DAYS,
    DueToday,
    Learning,
    LearningsDraft,
    PairingInfo,
    ParticipantInfo,
    RoundResult,
    SettingsInfo,
    StatsInfo,
    StatusInfo,
)
from bot.shadowing.pairing import Person, pair_round
from bot.teams.service import is_leader_or_admin, require_member
from storage import shadowing as repo
from storage import teams as team_repo
from storage.db import Database
from storage.models import Ask, ShadowPairing, ShadowParticipant, ShadowRound, ShadowSettings

LEARNINGS_IN_AGENDA = 5


def join(db: Database, actor: Actor, preference: str, now: datetime, key: str | None = None) -> ParticipantInfo:
    """The caller takes part in the rotation (again), as a host, a visitor or both."""

    def change(session: Session) -> ParticipantInfo:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        require_member(session, workspace, actor)
        found = repo.join(session, workspace, actor.user_id, preference, now)
        team_repo.record(session, workspace, actor.user_id, Audit.SHADOW_JOIN, actor.user_id, now,
                         preference=preference)
        return _participant(found)

    return once(db, key, ParticipantInfo, change, now)


def leave(db: Database, actor: Actor, now: datetime, key: str | None = None) -> None:
    """The caller leaves the rotation."""

    def change(session: Session) -> None:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        found = _participant_row(session, workspace, actor)
        found.active, found.updated_at = False, now
        team_repo.record(session, workspace, actor.user_id, Audit.SHADOW_LEAVE, actor.user_id, now)

    return once(db, key, None, change, now)


def pause(db: Database, actor: Actor, until: date, now: datetime, key: str | None = None) -> ParticipantInfo:
    """Skip rounds until `until` (exclusive: the person is back for a round held that day)."""
    if until <= actor.today(now):
        raise InvalidInput("error.shadow_pause_past", usage="usage.shadow")

    def change(session: Session) -> ParticipantInfo:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        found = _participant_row(session, workspace, actor)
        found.paused_until, found.updated_at = until, now
        team_repo.record(session, workspace, actor.user_id, Audit.SHADOW_PAUSE, actor.user_id, now,
                         until=until.isoformat())
        return _participant(found)

    return once(db, key, ParticipantInfo, change, now)


def status(db: Database, actor: Actor, now: datetime) -> StatusInfo:
    with db.transaction() as session:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        found = repo.participant(session, workspace, actor.user_id)
        mine = repo.pairings_of(session, workspace, actor.user_id)
        return StatusInfo(
            participant=_participant(found) if found else None,
            current=_current(session, workspace, mine),
            hosted=sum(1 for p in mine if p.host_id == actor.user_id),
            visited=sum(1 for p in mine if p.visitor_id == actor.user_id),
        )


def current_pairing_in(session: Session, workspace: int, user_id: str) -> PairingInfo | None:
    """The person's pairing in the latest round, if they have one."""
    return _current(session, workspace, repo.pairings_of(session, workspace, user_id))


def _current(session: Session, workspace: int, mine: list[ShadowPairing]) -> PairingInfo | None:
    last = repo.last_round(session, workspace)
    current = next((p for p in reversed(mine) if last is not None and p.round_id == last.id), None)
    return _pairing(session, current) if current else None


def configure(db: Database, actor: Actor, every_weeks: int, weekday: int, at: time, followup_days: int,
              now: datetime, key: str | None = None) -> SettingsInfo:
    """Leaders and admins set the rhythm of rounds (in the caller's time zone)."""

    def change(session: Session) -> SettingsInfo:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        if not is_leader_or_admin(session, workspace, actor):
            raise NotAllowed("error.shadow_leaders_only")
        anchor = starting_after(weekday, at, every_weeks, actor.timezone, now).anchor
        found = repo.put_settings(session, workspace, anchor=anchor, at_minute=minute_of_day(at),
                                  every_weeks=every_weeks, timezone=actor.timezone, followup_days=followup_days,
                                  updated_by=actor.user_id, updated_at=now)
        team_repo.record(session, workspace, actor.user_id, Audit.SHADOW_CONFIG, "rotation", now)
        return _settings(found, actor.team_id)

    return once(db, key, SettingsInfo, change, now)


def settings_of(db: Database) -> list[SettingsInfo]:
    """Every workspace's rotation rhythm, for the scheduler."""
    with db.transaction() as session:
        teams = {w.id: w.team_id for w in team_repo.all_workspaces(session)}
        return [_settings(s, teams[s.workspace_id]) for s in repo.all_settings(session)]


def run_round(db: Database, team_id: str, period: str | None, now: datetime, started_by: str | None = None,
              actor: Actor | None = None, key: str | None = None) -> RoundResult:
    """Pair everyone eligible (active, not paused, still on a side) for the round named `period`; running the
    same period again returns the round already made. Rounds of a workspace are made one at a time.

    `period` None is a round started by hand (`/shadow run`): on a day the rhythm schedules a round (in the
    rhythm's time zone) it is that day's scheduled round, made early or found made, so the scheduled job finds it
    done and a day never has two; on other days it is a round of its own."""

    def change(session: Session) -> RoundResult:
        workspace = team_repo.workspace_id(session, team_id, now)
        if actor is not None and not is_leader_or_admin(session, workspace, actor):
            raise NotAllowed("error.shadow_leaders_only")
        team_repo.lock_workspace(session, workspace)
        rhythm = repo.settings(session, workspace)
        scheduled = scheduled_on_day(_series(rhythm), now) if rhythm and period is None else None
        round_period = period or (period_key(scheduled) if scheduled else manual_period(now))
        existing = repo.round_for(session, workspace, round_period)
        if existing is not None:
            return _round(session, existing, team_id, created=False)
        return _round(session, _make_round(session, workspace, team_id, round_period, rhythm, now, started_by),
                      team_id, created=True)

    return once(db, key, RoundResult, change, now)


def _make_round(session: Session, workspace: int, team_id: str, period: str, rhythm: ShadowSettings | None,
                now: datetime, started_by: str | None) -> ShadowRound:
    """Pair everyone eligible for the round named `period`, and store the round and its pairs."""
    people = _eligible(session, workspace, now)
    history = repo.pairings_of(session, workspace)
    last = repo.last_round(session, workspace)
    left_out_last = set(last.left_out) if last else set()
    hosted, visited = Counter(h.host_id for h in history), Counter(h.visitor_id for h in history)
    persons = [Person(id=p.user_id, side=side, preference=p.preference,  # type: ignore[arg-type]
                      hosted=hosted[p.user_id], visited=visited[p.user_id],
                      left_out_last=p.user_id in left_out_last) for p, side in people]
    met = {frozenset((h.host_id, h.visitor_id)) for h in history}
    number = (last.number if last else 0) + 1
    result = pair_round(persons, met, seed=zlib.crc32(f"{team_id}:{period}".encode()))
    made = ShadowRound(workspace_id=workspace, number=number, period=period, started_at=now,
                       started_by=started_by, left_out=list(result.left_out))
    session.add(made)
    session.flush()
    sides = {person.id: person.side for person in persons}
    followup_days = rhythm.followup_days if rhythm else DEFAULT_FOLLOWUP_DAYS
    for pair in result.pairs:
        session.add(ShadowPairing(round_id=made.id, host_id=pair.host, visitor_id=pair.visitor,
                                  host_side=sides[pair.host], status="assigned",
                                  followup_at=now + timedelta(days=followup_days)))
    session.flush()
    team_repo.record(session, workspace, started_by or "scheduler", Audit.SHADOW_ROUND, f"round-{number}", now,
                     pairs=len(result.pairs), left_out=len(result.left_out))
    return made


def due_today(db: Database, team_id: str, series: Series, now: datetime) -> DueToday | None:
    """Today's scheduled round when it is still to come today (in the rhythm's time zone), with what was made
    today already: that round itself, made early, or another round (which the scheduled one won't replace)."""
    at = scheduled_on_day(series, now)
    if at is None or at <= now:
        return None
    zone = ZoneInfo(series.timezone)
    with db.transaction() as session:
        workspace = team_repo.workspace_id(session, team_id, now)
        early = repo.round_for(session, workspace, period_key(at))
        last = repo.last_round(session, workspace)
        other = (last.number if early is None and last is not None
                 and last.started_at.astimezone(zone).date() == now.astimezone(zone).date() else None)
        return DueToday(at=at, made_early=early.number if early else None, other_made=other)


def teams_with_participants(db: Database) -> list[str]:
    with db.transaction() as session:
        return [w.team_id for w in team_repo.all_workspaces(session) if repo.active_participants(session, w.id)]


def round_exists(db: Database, team_id: str, period: str, now: datetime) -> bool:
    with db.transaction() as session:
        return repo.round_for(session, team_repo.workspace_id(session, team_id, now), period) is not None


def record_post(db: Database, pairing_id: int, channel_id: str) -> None:
    with db.transaction() as session:
        found = session.get(ShadowPairing, pairing_id)
        if found is not None:
            found.channel_id = channel_id


def pairing(db: Database, team_id: str, pairing_id: int, now: datetime) -> PairingInfo:
    with db.transaction() as session:
        return _pairing(session, _pairing_row(session, team_id, pairing_id, now))


def share_learnings(db: Database, actor: Actor, pairing_id: int, draft: LearningsDraft, now: datetime,
                    channel: str | None = None, key: str | None = None) -> PairingInfo:
    """Either of the pair records what surprised them and one collaboration idea; the idea may become an ask
    (source: shadowing) from the person's side to the other, in the same transaction, its card to be posted in
    `channel` (else the pair's group DM)."""

    def change(session: Session) -> PairingInfo:
        found = _pairing_row(session, actor.team_id, pairing_id, now)
        _require_in_pair(found, actor)
        _close_pairing(session, found, actor, "done", now, surprise=draft.surprise, idea=draft.idea)
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        if draft.make_ask and draft.idea:
            member = require_member(session, workspace, actor)
            ask = asks.create_in(session, workspace, member,
                                 NewAsk(title=draft.idea.splitlines()[0][:TITLE_LIMIT], details=draft.idea,
                                        source="shadowing"), now, channel or found.channel_id)
            found.ask_id = ask.id
        team_repo.record(session, workspace, actor.user_id, Audit.SHADOW_DONE, f"pairing-{found.id}", now)
        return _pairing(session, found)

    return once(db, key, PairingInfo, change, now)


def skip(db: Database, actor: Actor, pairing_id: int, now: datetime, key: str | None = None) -> PairingInfo:
    """Either of the pair skips this round."""

    def change(session: Session) -> PairingInfo:
        found = _pairing_row(session, actor.team_id, pairing_id, now)
        _require_in_pair(found, actor)
        _close_pairing(session, found, actor, "skipped", now)
        team_repo.record(session, team_repo.workspace_id(session, actor.team_id, now), actor.user_id,
                         Audit.SHADOW_SKIP, f"pairing-{found.id}", now)
        return _pairing(session, found)

    return once(db, key, PairingInfo, change, now)


def _close_pairing(session: Session, found: ShadowPairing, actor: Actor, status: str, now: datetime,
                   **values: object) -> None:
    """Close an assigned pairing as done or skipped; of two people closing it at once exactly one does, and the
    other is told who did."""
    if not repo.close_pairing(session, found.id, status, actor.user_id, now, **values):
        session.refresh(found)
        raise Conflict(f"error.shadow_already_{found.status}", user=found.closed_by or "")
    session.refresh(found)


def stats(db: Database, actor: Actor, now: datetime) -> StatsInfo:
    with db.transaction() as session:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        if not is_leader_or_admin(session, workspace, actor):
            raise NotAllowed("error.shadow_leaders_only")
        eligible = _eligible(session, workspace, now)
        everyone = repo.active_participants(session, workspace)
        history = repo.pairings_of(session, workspace)
        return StatsInfo(
            participants={side.value: sum(1 for _, s in eligible if s == side.value) for side in Side},
            paused=len(everyone) - len(eligible), rounds=repo.round_count(session, workspace), pairs=len(history),
            done=sum(1 for p in history if p.status == "done"), skipped=sum(1 for p in history if p.status == "skipped"),
            ideas_to_asks=sum(1 for p in history if p.ask_id is not None),
        )


def learnings_since_in(session: Session, workspace: int, since: datetime | None,
                       limit: int = LEARNINGS_IN_AGENDA) -> list[Learning]:
    """What pairs learned since `since` (the last sync), newest first, for an agenda or a digest."""
    return [Learning(host_id=p.host_id, visitor_id=p.visitor_id, host_side=Side(p.host_side),
                     surprise=p.surprise, idea=p.idea, closed_at=p.closed_at)  # type: ignore[arg-type]
            for p in repo.learnings_since(session, workspace, since, limit)]


def claim_followups(db: Database, now: datetime, limit: int = 200) -> list[tuple[str, PairingInfo]]:
    """Pairings with no news `followup` days after their round, each claimed once: (team, pairing)."""
    with db.transaction() as session:
        claimed = repo.claim_followups(session, now, limit)
        result = []
        for found in claimed:
            round_ = session.get(ShadowRound, found.round_id)
            result.append((team_repo.team_id_of(session, round_.workspace_id), _pairing(session, found)))  # type: ignore[union-attr]
        return result


def _eligible(session: Session, workspace: int, now: datetime) -> list[tuple[ShadowParticipant, str]]:
    """Active participants still on a side and not paused today (in UTC: pauses end at the start of a day)."""
    today = now.astimezone(ZoneInfo("UTC")).date()
    result = []
    for found in repo.active_participants(session, workspace):
        member = team_repo.find_member(session, workspace, found.user_id)
        if member is not None and (found.paused_until is None or found.paused_until <= today):
            result.append((found, member.side))
    return result


def _participant_row(session: Session, workspace: int, actor: Actor) -> ShadowParticipant:
    found = repo.participant(session, workspace, actor.user_id)
    if found is None or not found.active:
        raise NotFound("error.shadow_not_in_rotation")
    return found


def _pairing_row(session: Session, team_id: str, pairing_id: int, now: datetime) -> ShadowPairing:
    found = session.get(ShadowPairing, pairing_id)
    round_ = session.get(ShadowRound, found.round_id) if found else None
    if found is None or round_ is None or round_.workspace_id != team_repo.workspace_id(session, team_id, now):
        raise NotFound("error.shadow_pairing_not_found")
    return found


def _require_in_pair(found: ShadowPairing, actor: Actor) -> None:
    if actor.user_id not in (found.host_id, found.visitor_id):
        raise NotAllowed("error.shadow_pair_only")


def _participant(found: ShadowParticipant) -> ParticipantInfo:
    return ParticipantInfo(user_id=found.user_id, preference=found.preference, paused_until=found.paused_until,
                           active=found.active)


def _pairing(session: Session, found: ShadowPairing) -> PairingInfo:
    round_ = session.get(ShadowRound, found.round_id)
    ask_number = session.get(Ask, found.ask_id).number if found.ask_id else None  # type: ignore[union-attr]
    return PairingInfo(id=found.id, round_number=round_.number if round_ else 0, host_id=found.host_id,
                       visitor_id=found.visitor_id, host_side=Side(found.host_side), status=found.status,
                       channel_id=found.channel_id, surprise=found.surprise, idea=found.idea, ask_number=ask_number,
                       closed_by=found.closed_by)


def _round(session: Session, made: ShadowRound, team_id: str, created: bool) -> RoundResult:
    return RoundResult(team_id=team_id, number=made.number, created=created, left_out=list(made.left_out),
                       pairs=[_pairing(session, p) for p in repo.pairings_in(session, made.id)],
                       scheduled_at=_scheduled_at(made.period))


def _scheduled_at(period: str) -> datetime | None:
    """The time of the scheduled round a period names (`period_key`); None for a round of its own (`manual:…`)."""
    try:
        return None if period.startswith("manual:") else datetime.fromisoformat(period)
    except ValueError:
        return None


def _series(found: ShadowSettings) -> Series:
    return Series(anchor=found.anchor, at=time_of_day(found.at_minute), every_weeks=found.every_weeks,
                  timezone=found.timezone)


def _settings(found: ShadowSettings, team_id: str) -> SettingsInfo:
    return SettingsInfo(team_id=team_id, followup_days=found.followup_days, series=_series(found))

