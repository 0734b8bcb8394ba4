"""The daily commitment reminders: one DM per owner with commitments due within a day or overdue."""

from __future__ import annotations

import logging
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.commitments import service as commitments
from bot.app import Deps
from bot.deliveries import post_once
from bot.commitments import views as commitment_views

log = logging.getLogger(__name__)


def send_commitment_reminders(deps: Deps, now: datetime) -> int:
    """Send today's reminders (today in the workspace's time zone); never twice the same day to one owner.
    Returns how many were sent by this call."""
    today = now.astimezone(ZoneInfo(deps.settings.alinea_timezone)).date()
    sent = 0
    for reminder in commitments.reminders(deps.db, today, now):
        msg = commitment_views.reminder(deps.directory.language(reminder.owner_id), reminder.commitments, today)
        try:
            sent += post_once(deps, f"reminders:{reminder.team_id}", reminder.owner_id, today.isoformat(), now, msg)
        except Exception:
            log.exception("could not remind %s of their commitments", reminder.owner_id)
    return sent
