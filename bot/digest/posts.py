"""Who gets the weekly digest and when, and its sending: one DM per subscriber (in their language) and one
channel post per week, each claimed before it is made, paced under Slack's rate limits."""

from __future__ import annotations

import logging
import time as clock_time
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from pydantic import BaseModel
from sqlalchemy import delete, select

from bot.digest import service as digest_service
from bot.teams import service as teams
from bot.app import Deps
from bot.deliveries import finish_round, post_once
from bot.errors import NotAllowed
from bot.ids import Audit
from bot.people import Actor
from bot.recurrence import Series, first_date
from bot.teams.service import leads
from bot.digest import views as digest_views
from storage import teams as team_repo
from storage.db import Database
from storage.models import DigestSettings, DigestSubscriber

log = logging.getLogger(__name__)
DEFAULT_WEEKDAY, DEFAULT_AT = 0, time(9, 0)  # Mondays at 09:00 until an admin says otherwise
PACE_SECONDS = 0.05  # between two sends: 20 a second keeps well under Slack's per-workspace limits


class DigestSettingsInfo(BaseModel):
    team_id: str
    series: Series
    channel_id: str | None


def digest_job_id(team_id: str) -> str:
    return f"digest:{team_id}"


def subscribe(db: Database, actor: Actor, now: datetime) -> None:
    with db.transaction() as session:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        if not leads(session, workspace, actor):
            raise NotAllowed("error.digest_leaders_only")
        exists = session.scalar(select(DigestSubscriber.id).where(DigestSubscriber.workspace_id == workspace,
                                                                  DigestSubscriber.user_id == actor.user_id))
        if exists is None:
            session.add(DigestSubscriber(workspace_id=workspace, user_id=actor.user_id, subscribed_at=now))
            if session.get(DigestSettings, workspace) is None:  # the first subscriber starts the weekly rhythm
                session.add(_default_settings(workspace, actor, now))


def unsubscribe(db: Database, actor: Actor, now: datetime) -> None:
    with db.transaction() as session:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        session.execute(delete(DigestSubscriber).where(DigestSubscriber.workspace_id == workspace,
                                                       DigestSubscriber.user_id == actor.user_id))


def configure(db: Database, actor: Actor, weekday: int, at: time, zone: str | None, channel_id: str | None,
              now: datetime) -> DigestSettingsInfo:
    """Admins choose the day, time, zone and channel of the digest."""
    if not actor.is_admin:
        raise NotAllowed("error.admins_only")
    with db.transaction() as session:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        zone = zone or actor.timezone
        found = session.merge(DigestSettings(workspace_id=workspace, weekday=weekday, at_minute=at.hour * 60 + at.minute,
                                             timezone=zone, channel_id=channel_id, updated_by=actor.user_id,
                                             updated_at=now))
        team_repo.record(session, workspace, actor.user_id, Audit.DIGEST_CONFIG, "digest", now)
        return _settings(found, actor.team_id, now)


def settings_of(db: Database, now: datetime) -> list[DigestSettingsInfo]:
    with db.transaction() as session:
        return [_settings(s, team_repo.team_id_of(session, s.workspace_id), now)
                for s in session.scalars(select(DigestSettings))]


def send_day(period: str, zone: str) -> str:
    """The local day a digest due at `period` (a UTC instant) is sent on: the key of its claims."""
    return datetime.fromisoformat(period).astimezone(ZoneInfo(zone)).date().isoformat()


def week_ending(day: date) -> tuple[date, date]:
    """The seven days before `day` (the digest sent on a Monday covers the previous Monday to Sunday)."""
    return day - timedelta(days=7), day


def preview(deps: Deps, actor: Actor, now: datetime):  # type: ignore[no-untyped-def]
    """The digest as it would be sent now, for the person asking."""
    zone = _zone(deps, actor.team_id, now)
    start, end = week_ending(now.astimezone(ZoneInfo(zone)).date() + timedelta(days=1))
    data = digest_service.compute(deps.db, actor.team_id, start, end, zone, now)
    return digest_views.render(actor.language, data, actor.timezone)


def send_week(deps: Deps, team_id: str, occurs_at: datetime, now: datetime,
              pause: Callable[[float], None] = clock_time.sleep) -> int:
    """Send the digest of the week before `occurs_at` to every subscriber and the channel, once each."""
    zone = _zone(deps, team_id, now)
    day = occurs_at.astimezone(ZoneInfo(zone)).date()
    start, end = week_ending(day)
    data = digest_service.compute(deps.db, team_id, start, end, zone, now)
    subscribers, channel = _audience(deps.db, team_id, now)
    job, period, sent = digest_job_id(team_id), day.isoformat(), 0
    targets = [(user_id, deps.directory.language(user_id), deps.directory.user(user_id).timezone)
               for user_id in subscribers]
    if channel:
        targets.append((channel, deps.settings.alinea_language, zone))
    for recipient, lang, reader_zone in targets:
        msg = digest_views.render(lang, data, reader_zone)
        try:
            if post_once(deps, job, recipient, period, now, msg):
                sent += 1
                pause(PACE_SECONDS)
        except Exception:
            log.exception("could not send the digest to %s", recipient)
    finish_round(deps.db, job, period, now)
    return sent


def _audience(db: Database, team_id: str, now: datetime) -> tuple[list[str], str | None]:
    with db.transaction() as session:
        workspace = team_repo.workspace_id(session, team_id, now)
        users = list(session.scalars(select(DigestSubscriber.user_id).where(DigestSubscriber.workspace_id == workspace)
                                     .order_by(DigestSubscriber.id)))
        found = session.get(DigestSettings, workspace)
        return users, found.channel_id if found else None


def _zone(deps: Deps, team_id: str, now: datetime) -> str:
    with deps.db.transaction() as session:
        found = session.get(DigestSettings, team_repo.workspace_id(session, team_id, now))
        return found.timezone if found else deps.settings.alinea_timezone


def _default_settings(workspace: int, actor: Actor, now: datetime) -> DigestSettings:
    return DigestSettings(workspace_id=workspace, weekday=DEFAULT_WEEKDAY,
                          at_minute=DEFAULT_AT.hour * 60 + DEFAULT_AT.minute, timezone=actor.timezone,
                          channel_id=None, updated_by=actor.user_id, updated_at=now)


def _settings(found: DigestSettings, team_id: str, now: datetime) -> DigestSettingsInfo:
    anchor = first_date(found.weekday, now.astimezone(ZoneInfo(found.timezone)).date())
    return DigestSettingsInfo(team_id=team_id, channel_id=found.channel_id, series=Series(
        anchor=anchor, at=time(found.at_minute // 60, found.at_minute % 60), every_weeks=1, timezone=found.timezone))


def send_digest_now(deps: Deps, now: datetime) -> int:
    """The digest now, in every workspace with subscribers or a channel (the console's `:run digest`)."""
    return sum(send_week(deps, team, now, now, pause=lambda _seconds: None) for team in teams.team_ids(deps.db))
