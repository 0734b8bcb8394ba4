"""A workspace's settings, stored per workspace; a workspace no admin changed reads the environment's defaults. Each
public function is one transaction and returns pydantic objects. A change is an admin's, audited, made once per
request, and changes the digest's and the pulse's rhythm through their own services (`configure_in`), in the same
transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.dates import minute_of_day, time_of_day
from bot.digest import service as digest
from bot.effects import once
from bot.errors import NotAllowed
from bot.ids import Audit
from bot.notifications.models import NoticeKind
from bot.people import Actor
from bot.pulse import service as pulse
from bot.recurrence import Series
from bot.settings import Settings
from bot.workspace.models import (
    PlannedRhythm,
    Rhythm,
    SettingsChange,
    SettingsChanged,
    SettingsShown,
    WorkspaceSettings,
)
from storage import teams as team_repo
from storage import workspace_settings as repo
from storage.db import Database
from storage.models import WorkspaceSettings as StoredSettings

AUDIT_SUBJECT = "settings"


def from_environment(settings: Settings) -> WorkspaceSettings:
    """A new workspace's settings: the environment's (`ALINEA_CHANNEL`, `ALINEA_TIMEZONE`, `ALINEA_LANGUAGE`,
    `ALINEA_REMINDER_TIME`), every kind of DM on."""
    return WorkspaceSettings(channel=settings.alinea_channel, timezone=settings.alinea_timezone,
                             language=settings.alinea_language, reminder_time=settings.alinea_reminder_time)


def settings_of(db: Database, team_id: str, defaults: Settings) -> WorkspaceSettings:
    """The settings of the workspace stored under `team_id` (the environment's while no admin changed them). A read:
    it makes no row."""
    with db.snapshot() as session:
        found = repo.settings_of_team(session, team_id)
        return _read(found) if found is not None else from_environment(defaults)


def shown(db: Database, actor: Actor, defaults: Settings, now: datetime) -> SettingsShown:
    """Everything `/alinea settings` shows, for admins only."""
    _require_admin(actor)
    with db.transaction() as session:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        return _shown_in(session, workspace, actor.team_id, defaults, now)


def change(db: Database, actor: Actor, new: SettingsChange, defaults: Settings, now: datetime,
           key: str | None = None) -> SettingsChanged:
    """An admin changes the workspace's settings and the digest's and the pulse's day and time, in one transaction:
    what differs from before is stored and audited (one audit line for the workspace's settings, and the digest's
    and the pulse's own lines for theirs); what is as it was is left alone. A digest or pulse with no rhythm yet
    takes the workspace's time zone; one with a rhythm keeps its own."""
    _require_admin(actor)

    def made(session: Session) -> SettingsChanged:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        before = _shown_in(session, workspace, actor.team_id, defaults, now)
        after = before
        wanted = new.workspace
        if wanted != before.workspace:
            repo.put(session, workspace, channel_id=wanted.channel, marketing_channel_id=wanted.marketing_channel,
                     it_channel_id=wanted.it_channel, timezone=wanted.timezone, language=wanted.language,
                     reminder_minute=minute_of_day(wanted.reminder_time),
                     notices_off=sorted(kind.value for kind in wanted.notices_off), updated_by=actor.user_id,
                     updated_at=now)
            team_repo.record(session, workspace, actor.user_id, Audit.SETTINGS_CHANGE, AUDIT_SUBJECT, now,
                             **_differences(before.workspace, wanted))
            after = after.model_copy(update={"workspace": wanted, "updated_by": actor.user_id, "updated_at": now})
        if new.digest is not None and not _same(new.digest, before.digest):
            current = digest.rhythm_in(session, workspace, actor.team_id, now)
            zone = current.series.timezone if current else wanted.timezone
            info = digest.configure_in(session, workspace, actor, new.digest.weekday, new.digest.at, zone,
                                       current.channel_id if current else None, now)
            after = after.model_copy(update={"digest": _planned(info.series)})
        if new.pulse is not None and not _same(new.pulse, before.pulse):
            zone = before.pulse.timezone if before.pulse else wanted.timezone
            rhythm = pulse.configure_in(session, workspace, actor, new.pulse.every_weeks, new.pulse.weekday,
                                        new.pulse.at, zone, now)
            after = after.model_copy(update={"pulse": _planned(rhythm.series)})
        return SettingsChanged(before=before, after=after)

    return once(db, key, SettingsChanged, made, now)


def _shown_in(session: Session, workspace: int, team_id: str, defaults: Settings, now: datetime) -> SettingsShown:
    found = repo.settings(session, workspace)
    rhythm = digest.rhythm_in(session, workspace, team_id, now)
    round_rhythm = pulse.rhythm_in(session, workspace, team_id)
    known = team_repo.find_workspace(session, team_id)
    return SettingsShown(workspace=_read(found) if found is not None else from_environment(defaults),
                         org_wide=bool(known and known.org_wide),
                         digest=_planned(rhythm.series) if rhythm else None,
                         pulse=_planned(round_rhythm.series) if round_rhythm else None,
                         updated_by=found.updated_by if found is not None else None,
                         updated_at=found.updated_at if found is not None else None)


def _read(found: StoredSettings) -> WorkspaceSettings:
    known = {kind.value for kind in NoticeKind}
    off = frozenset(NoticeKind(kind) for kind in found.notices_off or [] if kind in known)
    return WorkspaceSettings.model_validate({"channel": found.channel_id,
                                             "marketing_channel": found.marketing_channel_id,
                                             "it_channel": found.it_channel_id, "timezone": found.timezone,
                                             "language": found.language,
                                             "reminder_time": time_of_day(found.reminder_minute), "notices_off": off})


def _planned(series: Series) -> PlannedRhythm:
    return PlannedRhythm(weekday=series.anchor.weekday(), at=series.at, every_weeks=series.every_weeks,
                         timezone=series.timezone)


def _same(wanted: Rhythm, planned: PlannedRhythm | None) -> bool:
    return planned is not None and (wanted.weekday, wanted.at, wanted.every_weeks) == (
        planned.weekday, planned.at, planned.every_weeks)


def _differences(before: WorkspaceSettings, after: WorkspaceSettings) -> dict[str, Any]:
    """What an audit line keeps of a change: each setting that changed, as [before, after]."""
    was, now = before.model_dump(mode="json"), after.model_dump(mode="json")
    return {name: [was[name], now[name]] for name in now if was[name] != now[name]}


def _require_admin(actor: Actor) -> None:
    if not actor.is_admin:
        raise NotAllowed("error.admins_only")
