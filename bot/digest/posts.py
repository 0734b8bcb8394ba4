"""What the digest sends: one DM per subscriber (in their language and time zone) and one channel post per week,
each claimed before it is made, paced under Slack's rate limits; and what follows a change to its rhythm."""

from __future__ import annotations

import time as clock_time
from collections.abc import Callable, Collection
from datetime import datetime

from bot.deliveries import each, post_once
from bot.deps import Deps
from bot.digest import service as digest
from bot.digest import views as digest_views
from bot.local_times import days_due_somewhere, round_due
from bot.teams import service as teams

PACE_SECONDS = 0.05  # between two sends: 20 a second keeps well under Slack's per-workspace limits


def digest_job_id(team_id: str) -> str:
    return f"digest:{team_id}"


def rhythm_changed(deps: Deps) -> None:
    """A subscription or the digest's day, time or channel changed: the scheduler plans the next digest."""
    deps.replan()


def send_week(deps: Deps, team_id: str, occurs_at: datetime, now: datetime,
              pause: Callable[[float], None] = clock_time.sleep, only: Collection[str] | None = None) -> int:
    """Send the digest of the week before `occurs_at` to every subscriber who is still a leader or an admin (with
    the pulse's comments) and to the channel (without them), or to those of them in `only`, once each."""
    week = digest.week_round(deps.db, team_id, occurs_at, now, deps.settings.alinea_timezone)
    job, period = digest_job_id(team_id), week.day.isoformat()
    leaders = set(week.leaders)
    targets = [(user_id, deps.directory.language(user_id), deps.directory.user(user_id).timezone, True)
               for user_id in week.subscribers
               if (only is None or user_id in only)
               and (user_id in leaders or deps.directory.actor(team_id, user_id).is_admin)]
    if week.channel_id and (only is None or week.channel_id in only):
        targets.append((week.channel_id, deps.settings.alinea_language, week.zone, False))

    def send(target: tuple[str, str, str, bool]) -> bool:
        recipient, lang, reader_zone, leader = target
        shown = digest_views.render(lang, week.digest, reader_zone, with_comments=leader)
        sent = post_once(deps, job, recipient, period, now, shown)
        if sent:
            pause(PACE_SECONDS)
        return sent

    return each(targets, send, "the digest")


def send_due(deps: Deps, now: datetime) -> int:
    """Send the digests whose time has come: the digest's day and time in each subscriber's own Slack time zone,
    and in the digest's zone for its channel. Returns how many were sent (the scheduler calls it every minute)."""
    sent = 0
    for rhythm in digest.settings_of(deps.db, now):
        for occurs_at, day in days_due_somewhere(rhythm.series, now, deps.settings.alinea_misfire_grace):
            readers: list[tuple[str, str | None]] = [(user_id, deps.directory.zone(user_id))
                                                     for user_id in digest.subscribers(deps.db, rhythm.team_id, now)]
            if rhythm.channel_id:
                readers.append((rhythm.channel_id, rhythm.series.timezone))
            waiting = round_due(deps, digest_job_id(rhythm.team_id), day.isoformat(), readers, day, rhythm.series.at,
                                now)
            if waiting:
                sent += send_week(deps, rhythm.team_id, occurs_at, now, only=waiting)
    return sent


def send_digest_now(deps: Deps, now: datetime) -> int:
    """The digest now, in every workspace with subscribers or a channel (the console's `:run digest`)."""
    return sum(send_week(deps, team, now, now, pause=lambda _seconds: None) for team in teams.team_ids(deps.db))
