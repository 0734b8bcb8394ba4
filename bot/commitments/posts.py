"""Everything that follows a change to commitments, one function per kind of change (the Homes of the people
concerned), and the daily reminder DMs."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.commitments import service as commitments
from bot.commitments import views as commitment_views
from bot.commitments.models import CommitmentInfo, Reminder
from bot.deliveries import each, post_once
from bot.deps import Deps
from bot.home import posts as home_posts


def created(deps: Deps, team_id: str, actor_id: str, items: list[CommitmentInfo]) -> None:
    """New commitments (from `/commit` or a sync's outcome): the Homes of their owners and whoever recorded them."""
    home_posts.refresh(deps, team_id, actor_id, *(item.owner_id for item in items))


def done(deps: Deps, team_id: str, actor_id: str, item: CommitmentInfo) -> None:
    home_posts.refresh(deps, team_id, actor_id, item.owner_id)


def cancelled(deps: Deps, team_id: str, actor_id: str, item: CommitmentInfo) -> None:
    home_posts.refresh(deps, team_id, actor_id, item.owner_id)


def reminder_job_id(team_id: str) -> str:
    return f"reminders:{team_id}"


def send_reminders(deps: Deps, now: datetime) -> int:
    """Today's reminders (today in the workspace's time zone): one DM per owner with commitments due within a day
    or overdue, never twice the same day. Returns how many were sent by this call."""
    today = now.astimezone(ZoneInfo(deps.settings.alinea_timezone)).date()

    def send(reminder: Reminder) -> bool:
        msg = commitment_views.reminder(deps.directory.language(reminder.owner_id), reminder.commitments, today)
        return post_once(deps, reminder_job_id(reminder.team_id), reminder.owner_id, today.isoformat(), now, msg)

    return each(commitments.reminders(deps.db, today, now), send, "the commitment reminder",
                who=lambda reminder: reminder.owner_id)
