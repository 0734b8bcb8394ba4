"""What a workspace's settings are made of, what the settings modal submits, and what a change returns."""

from __future__ import annotations

from datetime import datetime, time

from pydantic import BaseModel, ConfigDict, Field, field_serializer

from bot.i18n import Language
from bot.notifications.models import NoticeKind
from bot.people import Side
from bot.recurrence import RHYTHM_MAX_EVERY_WEEKS

CHANNEL_LIMIT = 32  # a Slack channel ID, as `workspace_settings.channel_id` keeps it
ZONE_LIMIT = 64  # an IANA time zone's name, as `workspace_settings.timezone` keeps it


class WorkspaceSettings(BaseModel):
    """What every post and send of a workspace reads: where new asks' cards go (None: where each ask was made), the
    workspace's time zone (its dates, and the zone of people whose Slack profile gives none) and language (channel
    posts, and people whose Slack locale Alinea does not speak), the local time of the daily reminders, and the
    kinds of DMs off for people who never chose (`/alinea notify`)."""

    model_config = ConfigDict(frozen=True)

    channel: str | None = None
    # Each side's own channel: in an org-wide install, where a side's new asks go when the collaboration channel is
    # not shared with the workspace they are asked from.
    marketing_channel: str | None = None
    it_channel: str | None = None
    timezone: str = "UTC"
    language: Language = "en"
    reminder_time: time = time(9, 0)
    notices_off: frozenset[NoticeKind] = frozenset()

    def side_channel(self, side: Side) -> str | None:
        return self.marketing_channel if side is Side.MARKETING else self.it_channel

    def wants(self, kind: NoticeKind) -> bool:
        """Whether someone who never chose gets DMs of this kind."""
        return kind not in self.notices_off

    @field_serializer("notices_off")
    def _in_order(self, kinds: frozenset[NoticeKind]) -> list[str]:
        return sorted(kind.value for kind in kinds)  # an audit line or a stored result reads the same every time


class Rhythm(BaseModel):
    """A weekday (0 is Monday) and a time, every N weeks: the digest's (weekly) or the pulse's."""

    model_config = ConfigDict(frozen=True)

    weekday: int = Field(ge=0, le=6)
    at: time
    every_weeks: int = Field(default=1, ge=1, le=RHYTHM_MAX_EVERY_WEEKS)


class PlannedRhythm(Rhythm):
    """A rhythm as stored: in its own time zone."""

    timezone: str


class SettingsShown(BaseModel):
    """Everything `/alinea settings` shows and its modal changes; `digest` and `pulse` are None while they have no
    rhythm, `updated_by` None while the workspace reads the environment's defaults."""

    workspace: WorkspaceSettings
    digest: PlannedRhythm | None = None
    pulse: PlannedRhythm | None = None
    org_wide: bool = False  # installed org-wide: each side's own channel can be chosen
    updated_by: str | None = None
    updated_at: datetime | None = None


class SettingsChange(BaseModel):
    """What the settings modal submits: the workspace's settings, and the digest's and the pulse's rhythm (None: as
    they are)."""

    workspace: WorkspaceSettings
    digest: Rhythm | None = None
    pulse: Rhythm | None = None


class SettingsChanged(BaseModel):
    """The settings before and after a change."""

    before: SettingsShown
    after: SettingsShown

    @property
    def workspace_changed(self) -> bool:
        return self.before.workspace != self.after.workspace

    @property
    def digest_changed(self) -> bool:
        return self.before.digest != self.after.digest

    @property
    def pulse_changed(self) -> bool:
        return self.before.pulse != self.after.pulse

    @property
    def anything_changed(self) -> bool:
        return self.workspace_changed or self.digest_changed or self.pulse_changed
