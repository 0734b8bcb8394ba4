"""Everything that follows a change to commitments, one function per kind of change: the Homes of the people
concerned and the DMs that tell them (`bot.notifications.posts.send`: in their language, never to whoever acted, not
when they turned that kind off), and the daily reminder DMs."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.commitments import service as commitments
from bot.commitments import views as commitment_views
from bot.commitments.models import CommitmentInfo, Reminder, ReopenedCommitment
from bot.deliveries import each, post_once
from bot.deps import Deps
from bot.home import posts as home_posts
from bot.local_times import daily_due
from bot.notifications import posts as notices
from bot.notifications.models import NoticeKind


def created(deps: Deps, team_id: str, actor_id: str, items: list[CommitmentInfo], now: datetime | None = None,
            resumed: bool = False, sync_label: str | None = None) -> None:
    """New commitments (from `/commit` or a sync's outcome): the Homes of their owners and whoever recorded them.
    Those recorded in a sync's outcome (`sync_label` names the sync) are told to each owner in one DM, each with
    Done. `resumed`: an earlier attempt may have sent the DMs, so they are looked for first."""
    home_posts.refresh(deps, team_id, actor_id, *(item.owner_id for item in items))
    if sync_label is None:
        return
    now = now or deps.clock.now()
    by_owner: dict[str, list[CommitmentInfo]] = {}
    for item in items:
        by_owner.setdefault(item.owner_id, []).append(item)
    for owner, theirs in by_owner.items():
        key = f"commitments-from-sync:{team_id}:{owner}:" + ",".join(item.ref for item in theirs)
        notices.send(deps, team_id, actor_id, owner, NoticeKind.SYNC,
                     lambda lang, theirs=theirs: commitment_views.from_sync(lang, theirs, actor_id, sync_label,
                                                                            _today(deps, team_id, now)),
                     key, now, resumed)


def done(deps: Deps, team_id: str, actor_id: str, item: CommitmentInfo) -> None:
    home_posts.refresh(deps, team_id, actor_id, item.owner_id)


def cancelled(deps: Deps, team_id: str, actor_id: str, item: CommitmentInfo, now: datetime | None = None,
              resumed: bool = False) -> None:
    """Besides the Homes: the owner is told when someone else cancelled it, and, for one from a sync's outcome,
    whoever recorded it."""
    home_posts.refresh(deps, team_id, actor_id, item.owner_id)
    _tell(deps, team_id, actor_id, "cancel", item, now or deps.clock.now(), resumed, told_recorder=True)


def reopened(deps: Deps, team_id: str, actor_id: str, result: ReopenedCommitment, now: datetime,
             resumed: bool = False) -> None:
    """A commitment closed by mistake is open again: the Homes, and the owner told when someone else reopened it
    (and whoever recorded one from a sync's outcome, who was told it was cancelled)."""
    item = result.commitment
    home_posts.refresh(deps, team_id, actor_id, item.owner_id)
    _tell(deps, team_id, actor_id, "reopen", item, now, resumed,
          told_recorder=result.was.value == "cancelled")


def _tell(deps: Deps, team_id: str, actor_id: str, change: str, item: CommitmentInfo, now: datetime, resumed: bool,
          told_recorder: bool) -> None:
    moment = (item.updated_at or now).isoformat()
    today = _today(deps, team_id, now)
    notices.send(deps, team_id, actor_id, item.owner_id, NoticeKind.OWNED,
                 lambda lang: commitment_views.change_notice(lang, change, item, actor_id, today),
                 f"commitment-{change}:{team_id}:{item.owner_id}:{item.ref}:{moment}", now, resumed)
    recorder = item.created_by
    if told_recorder and item.sync_id is not None and recorder and recorder != item.owner_id:
        notices.send(deps, team_id, actor_id, recorder, NoticeKind.SYNC,
                     lambda lang: commitment_views.change_notice(lang, change, item, actor_id, today, recorded=True),
                     f"commitment-{change}:{team_id}:{recorder}:{item.ref}:{moment}", now, resumed)


def _today(deps: Deps, team_id: str, now: datetime) -> date:
    """The workspace's date, against which due dates read ("today", "tomorrow")."""
    return now.astimezone(ZoneInfo(deps.workspace(team_id).timezone)).date()


def reminder_job_id(team_id: str) -> str:
    return f"reminders:{team_id}"


def send_reminders(deps: Deps, now: datetime, whatever_the_hour: bool = False) -> int:
    """The reminders due now: at the workspace's reminder time (`/alinea settings`) in each owner's own time zone (or, `whatever_the_hour`,
    now for everyone: the console's `:run reminders`), one DM listing their commitments due by their tomorrow
    (overdue ones included), never twice the same local day. Returns how many were sent by this call (the
    scheduler calls it every minute)."""
    latest_tomorrow = (now + timedelta(days=2)).date()  # tomorrow where it is latest (UTC+14)
    reminders = commitments.reminders(deps.db, latest_tomorrow, now)
    days = daily_due(deps, [(r.team_id, r.owner_id) for r in reminders], reminder_job_id, now, whatever_the_hour)
    due = [(r, days[(r.team_id, r.owner_id)][0]) for r in reminders if (r.team_id, r.owner_id) in days]

    def send(item: tuple[Reminder, date]) -> bool:
        reminder, today = item
        owed = [c for c in reminder.commitments if c.due_date <= today + timedelta(days=1)]
        if not owed:
            return False
        msg = commitment_views.reminder(deps.directory.language(reminder.owner_id), owed, today)
        return post_once(deps, reminder_job_id(reminder.team_id), reminder.owner_id, today.isoformat(), now, msg)

    return each(deps, due, send, "the commitment reminder", team=lambda item: item[0].team_id,
                who=lambda item: item[0].owner_id)
