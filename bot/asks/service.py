"""Asks: requests from one side to the other. Each public function is one transaction and returns pydantic objects.

Lifecycle: open → accepted → done; open|accepted → declined (by the target side) or cancelled (by the
requester or an admin); done|declined|cancelled → reopened (by whoever may close it that way) back to open, or to
accepted with its commitment if it had been accepted. Transitions are conditional updates, so of two people pressing
a button at once exactly one wins and the other is told who did.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from bot.asks.models import (
    COMMENT_LIMIT,
    PAGE_SIZE,
    RATING_CHANGE_WINDOW,
    AcceptResult,
    AskFilter,
    AskInfo,
    AskPage,
    AskStatus,
    HistoryLine,
    NewAsk,
    ReopenResult,
)
from bot.commitments.service import check_undo, close_for_ask, open_for_ask, reopen_for_ask
from bot.effects import once
from bot.errors import Conflict, FormError, InvalidInput, NotAllowed, NotFound
from bot.ids import Audit, ask_ref
from bot.people import Actor, Side
from bot.teams.models import MemberInfo
from bot.teams.service import is_leader_or_admin, member_in, require_member
from storage import asks as repo
from storage import teams as team_repo
from storage.db import Database
from storage.models import Ask


def create(db: Database, actor: Actor, draft: NewAsk, now: datetime, post_to: str | None = None,
           key: str | None = None) -> AskInfo:
    """Log a new ask from the caller's side (to the other side unless told otherwise), to be posted in `post_to`."""

    def change(session: Session) -> AskInfo:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        return create_in(session, workspace, require_member(session, workspace, actor), draft, now, post_to)

    return once(db, key, AskInfo, change, now, subject=lambda ask: ask.ref)


def create_in(session: Session, workspace: int, requester: MemberInfo, draft: NewAsk, now: datetime,
              post_to: str | None) -> AskInfo:
    """A new ask inside the caller's transaction (a shadowing idea becomes one with its learnings). A named owner
    is a person on the side it goes to."""
    to_side = draft.to_side or requester.side.other
    if to_side == requester.side:
        raise FormError("error.ask_own_side", "to_side", side=requester.side, other=requester.side.other,
                        word=requester.side.other.value)
    if draft.owner_id:
        owner = member_in(session, workspace, draft.owner_id)
        if owner is None or owner.side != to_side:
            raise FormError("error.owner_not_on_target", "owner", user=draft.owner_id, side=to_side)
    number = repo.next_number(session, workspace, "ask_seq")
    ask = repo.add_ask(
        session, workspace_id=workspace, number=number, requester_id=requester.user_id,
        from_side=requester.side.value, to_side=to_side.value,
        title=draft.title.strip(), details=draft.details, owner_id=draft.owner_id, due_date=draft.due,
        priority=draft.priority.value, category=draft.category.value if draft.category else None,
        status=AskStatus.OPEN.value, source=draft.source, source_link=draft.source_link, created_at=now,
        updated_at=now, post_to=post_to,
    )
    team_repo.record(session, workspace, requester.user_id, Audit.ASK_CREATE, ask_ref(number), now, to=ask["to_side"])
    return AskInfo.model_validate(ask)


def default_target(db: Database, actor: Actor, now: datetime) -> Side | None:
    """The side a new ask from the caller goes to unless they say otherwise: the other one (None off a side)."""
    with db.transaction() as session:
        found = member_in(session, team_repo.workspace_id(session, actor.team_id, now), actor.user_id)
        return found.side.other if found else None


def get(db: Database, team_id: str, number: int, now: datetime) -> AskInfo:
    with db.transaction() as session:
        return AskInfo.model_validate(_ask(session, team_repo.workspace_id(session, team_id, now), number))


def record_post(db: Database, team_id: str, number: int, channel_id: str, message_ts: str, now: datetime) -> None:
    """Remember where the ask's card is, so every later change can update it in place; it is posted now."""
    with db.transaction() as session:
        repo.set_card(session, team_repo.workspace_id(session, team_id, now), number, channel_id=channel_id,
                      message_ts=message_ts, post_to=None)


def not_to_post(db: Database, team_id: str, number: int, now: datetime) -> None:
    """Slack refused the card for good (the bot is not in the channel, say): no sweep posts it."""
    with db.transaction() as session:
        repo.set_card(session, team_repo.workspace_id(session, team_id, now), number, post_to=None)


def waiting_to_post(db: Database, before: datetime, limit: int = 100) -> list[tuple[str, AskInfo]]:
    """Asks created before `before` whose card Slack has not taken yet, with their workspace: (team, ask)."""
    with db.transaction() as session:
        return [(team_id, AskInfo.model_validate(ask)) for team_id, ask in repo.waiting_to_post(session, before, limit)]


def accept(db: Database, actor: Actor, number: int, due: date | None, now: datetime,
           key: str | None = None) -> AcceptResult:
    """A member of the target side takes the ask: they become its owner and owe a commitment by its due date."""

    def change(session: Session) -> AcceptResult:
        workspace, ask, member = _as_target_side(session, actor, number, now)
        asked_by, named = ask.due_date, ask.owner_id
        owed_by = due or asked_by
        if owed_by is None and ask.status == AskStatus.OPEN.value:
            raise InvalidInput("error.accept_needs_due", usage="usage.ask", ref=ask_ref(number))
        _transition(session, ask, [AskStatus.OPEN], AskStatus.ACCEPTED, now,
                    owner_id=actor.user_id, due_date=owed_by, accepted_at=now, accepted_by=actor.user_id)
        assert owed_by is not None
        commitment = open_for_ask(session, workspace, actor.user_id, member.side, ask, owed_by, now)
        team_repo.record(session, workspace, actor.user_id, Audit.ASK_ACCEPT, ask_ref(number), now,
                         due=owed_by.isoformat())
        return AcceptResult(ask=AskInfo.model_validate(ask), commitment=commitment,
                            previous_due=asked_by if asked_by not in (None, owed_by) else None,
                            previous_owner=named if named not in (None, actor.user_id) else None)

    return once(db, key, AcceptResult, change, now, subject=lambda result: result.ask.ref)


def decline(db: Database, actor: Actor, number: int, reason: str, now: datetime, key: str | None = None) -> AskInfo:
    """The target side says no, with a reason the requester will read."""
    reason = reason.strip()[:COMMENT_LIMIT]

    def change(session: Session) -> AskInfo:
        workspace, ask, _member = _as_target_side(session, actor, number, now)
        _transition(session, ask, [AskStatus.OPEN, AskStatus.ACCEPTED], AskStatus.DECLINED, now,
                    declined_at=now, declined_by=actor.user_id, decline_reason=reason)
        close_for_ask(session, ask.id, kept_on=None, now=now)
        team_repo.record(session, workspace, actor.user_id, Audit.ASK_DECLINE, ask_ref(number), now, reason=reason)
        return AskInfo.model_validate(ask)

    return once(db, key, AskInfo, change, now, subject=lambda ask: ask.ref)


def done(db: Database, actor: Actor, number: int, note: str | None, today: date, now: datetime,
         key: str | None = None) -> AskInfo:
    """The owner, the requester, a leader or an admin closes the ask as done; its commitment is kept or late."""

    def change(session: Session) -> AskInfo:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        ask = _ask(session, workspace, number)
        _may_close(session, workspace, actor, ask, AskStatus.DONE)
        _transition(session, ask, [AskStatus.OPEN, AskStatus.ACCEPTED], AskStatus.DONE, now,
                    done_at=now, done_by=actor.user_id, done_note=(note or "").strip()[:COMMENT_LIMIT] or None)
        close_for_ask(session, ask.id, kept_on=today, now=now)
        team_repo.record(session, workspace, actor.user_id, Audit.ASK_DONE, ask_ref(number), now)
        return AskInfo.model_validate(ask)

    return once(db, key, AskInfo, change, now, subject=lambda ask: ask.ref)


def cancel(db: Database, actor: Actor, number: int, now: datetime, key: str | None = None) -> AskInfo:
    """The requester or an admin withdraws the ask."""

    def change(session: Session) -> AskInfo:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        ask = _ask(session, workspace, number)
        _may_close(session, workspace, actor, ask, AskStatus.CANCELLED)
        _transition(session, ask, [AskStatus.OPEN, AskStatus.ACCEPTED], AskStatus.CANCELLED, now,
                    cancelled_at=now, cancelled_by=actor.user_id)
        close_for_ask(session, ask.id, kept_on=None, now=now)
        team_repo.record(session, workspace, actor.user_id, Audit.ASK_CANCEL, ask_ref(number), now)
        return AskInfo.model_validate(ask)

    return once(db, key, AskInfo, change, now, subject=lambda ask: ask.ref)


def reopen(db: Database, actor: Actor, number: int, reason: str | None, now: datetime, key: str | None = None,
           undo_of: datetime | None = None) -> ReopenResult:
    """Bring back an ask closed by mistake: by whoever may close it the way it was closed (done: its owner, the
    requester, leaders, admins; declined: the target side; cancelled: the requester or an admin). It goes back to
    accepted, with the commitment its closing closed open again, if it had been accepted, else to open; its rating
    (and the request for one) is gone until it is done again. `undo_of`: pressed as the Undo of the closing at that
    moment, which works for `UNDO_WINDOW`."""
    reason = (reason or "").strip()[:COMMENT_LIMIT] or None

    def change(session: Session) -> ReopenResult:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        ask = _ask(session, workspace, number)
        ref, was = ask_ref(number), AskStatus(ask.status)
        if not was.is_closed:
            raise Conflict("error.ask_not_closed", ref=ref)
        _may_close(session, workspace, actor, ask, was)
        closed_at = AskInfo.model_validate(ask).closed_at
        assert closed_at is not None
        if undo_of is not None:
            check_undo(closed_at, undo_of, now, ref, "error.ask_undo_too_late", "error.ask_changed_since")
        back = AskStatus.ACCEPTED if ask.accepted_at is not None else AskStatus.OPEN
        reopened = repo.transition(session, Ask, ask.id, [was.value], {
            "status": back.value, "updated_at": now, "done_at": None, "done_by": None, "done_note": None,
            "declined_at": None, "declined_by": None, "decline_reason": None, "cancelled_at": None,
            "cancelled_by": None, "rating": None, "rated_at": None})
        session.refresh(ask)
        if not reopened:  # someone reopened it (or changed it) first
            raise Conflict("error.ask_not_closed", ref=ref)
        commitment = reopen_for_ask(session, ask.id, closed_at, now) if back is AskStatus.ACCEPTED else None
        team_repo.record(session, workspace, actor.user_id, Audit.ASK_REOPEN, ref, now, was=was.value,
                         reason=reason)
        return ReopenResult(ask=AskInfo.model_validate(ask), was=was, commitment=commitment, reason=reason)

    return once(db, key, ReopenResult, change, now, subject=lambda result: result.ask.ref)


def _may_close(session: Session, workspace: int, actor: Actor, ask: Ask, how: AskStatus) -> None:
    """Refused unless the caller may close the ask `how` (and so reopen it from there)."""
    ref = ask_ref(ask.number)
    if how is AskStatus.DONE:
        if not (actor.user_id in (ask.owner_id, ask.requester_id) or is_leader_or_admin(session, workspace, actor)):
            raise NotAllowed("error.ask_done_who", ref=ref, requester=ask.requester_id)
    elif how is AskStatus.DECLINED:
        _target_member(session, workspace, actor, ask)
    elif not (actor.is_admin or actor.user_id == ask.requester_id):
        raise NotAllowed("error.ask_cancel_who", ref=ref, requester=ask.requester_id)


def rate(db: Database, actor: Actor, number: int, rating: int, now: datetime, key: str | None = None) -> AskInfo:
    """The requester says whether the finished ask met the need (1–5); pressing again changes it for
    `RATING_CHANGE_WINDOW`, after which it is final. It counts in the digest of the week it was first given: a change
    never moves it to another week, nor changes a week that is over (but for a change in the minutes across
    midnight), so comparing two digests or previews tells nothing of one person's rating."""
    if not 1 <= rating <= 5:
        raise InvalidInput("error.rating_range")

    def change(session: Session) -> AskInfo:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        ask = _ask(session, workspace, number)
        if actor.user_id != ask.requester_id:
            raise NotAllowed("error.ask_rate_who", ref=ask_ref(number), requester=ask.requester_id)
        if ask.status != AskStatus.DONE.value:
            raise Conflict("error.ask_not_done", ref=ask_ref(number))
        if ask.rated_at is not None and now - ask.rated_at > RATING_CHANGE_WINDOW:
            raise Conflict("error.ask_rating_final", ref=ask_ref(number))
        ask.rating, ask.rated_at, ask.updated_at = rating, ask.rated_at or now, now
        team_repo.record(session, workspace, actor.user_id, Audit.ASK_RATE, ask_ref(number), now, rating=rating)
        return AskInfo.model_validate(ask)

    return once(db, key, AskInfo, change, now, subject=lambda ask: ask.ref)


def page(db: Database, actor: Actor, which: AskFilter, to_side: Side | None, today: date, offset: int,
         now: datetime) -> AskPage:
    """One page of asks, newest first."""
    with db.transaction() as session:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        where = repo.ask_filter(workspace, which, actor.user_id, to_side.value if to_side else None, today)
        rows, total = repo.page_of_asks(session, where, max(offset, 0), PAGE_SIZE)
        return AskPage(asks=[AskInfo.model_validate(r) for r in rows], total=total, offset=max(offset, 0),
                       filter=which, to_side=to_side)


def history(db: Database, team_id: str, number: int, now: datetime) -> list[HistoryLine]:
    """What happened to an ask, oldest first, from the audit log."""
    with db.transaction() as session:
        workspace = team_repo.workspace_id(session, team_id, now)
        _ask(session, workspace, number)
        return [HistoryLine(actor_id=e.actor_id, action=e.action, at=e.at, detail=e.detail)
                for e in team_repo.entries_about(session, workspace, ask_ref(number))]


def _ask(session: Session, workspace: int, number: int) -> Ask:
    ask = repo.find_ask(session, workspace, number)
    if ask is None:
        raise NotFound("error.ask_not_found", ref=ask_ref(number))
    return ask


def _as_target_side(session: Session, actor: Actor, number: int, now: datetime) -> tuple[int, Ask, MemberInfo]:
    """The workspace, the ask and the caller, who must be on the side the ask is for."""
    workspace = team_repo.workspace_id(session, actor.team_id, now)
    ask = _ask(session, workspace, number)
    return workspace, ask, _target_member(session, workspace, actor, ask)


def _target_member(session: Session, workspace: int, actor: Actor, ask: Ask) -> MemberInfo:
    """The caller, who must be on the side the ask is for (to accept, decline, or reopen a declined ask)."""
    member = require_member(session, workspace, actor)
    if member.side.value != ask.to_side:
        raise NotAllowed("error.ask_target_side_only", ref=ask_ref(ask.number), side=Side(ask.to_side))
    return member


def _transition(session: Session, ask: Ask, allowed: list[AskStatus], to: AskStatus, now: datetime,
                **values: object) -> None:
    """Move the ask to `to` if it is still in an allowed status; otherwise say who got there first."""
    changed = repo.transition(session, Ask, ask.id, [s.value for s in allowed],
                              {"status": to.value, "updated_at": now, **values})
    session.refresh(ask)
    if not changed:
        status = AskStatus(ask.status)
        who = AskInfo.model_validate(ask).closed_by or ask.accepted_by or ask.requester_id
        raise Conflict(f"error.ask_already_{status.value}", ref=ask_ref(ask.number), user=who)
