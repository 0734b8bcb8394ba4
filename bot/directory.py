"""What Slack knows about a person (locale, time zone, admin flags), from `users.info`, cached."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from pydantic import BaseModel
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.clock import Clock
from bot.i18n import Language, language_for_locale
from bot.people import Actor
from bot.settings import Settings
from bot.workspaces import current

if TYPE_CHECKING:
    from bot.workspace.models import WorkspaceSettings

log = logging.getLogger(__name__)


class SlackUser(BaseModel):
    id: str
    name: str
    timezone: str
    locale: str | None = None
    is_admin: bool = False
    is_owner: bool = False
    is_bot: bool = False
    team_id: str | None = None  # the workspace they belong to (in an org, one of its workspaces)


ZONES_TTL = timedelta(hours=1)  # how long the roster of everyone's time zone (`users.list`) is kept


class Directory:
    """A small time-limited cache in front of `users.info`; when Slack can't answer, sensible defaults. For the
    scheduled sends, which look at many people every minute, a roster of everyone's time zone read with
    `users.list` (a page per 200 people) once an hour."""

    def __init__(self, client: WebClient, settings: Settings, clock: Clock, ttl: timedelta = timedelta(minutes=10)):
        self._client = client
        self._settings = settings
        self._clock = clock
        self._ttl = ttl
        self._cache: dict[str, tuple[datetime, SlackUser]] = {}
        self._lock = threading.Lock()
        # Each workspace's roster (`bot.workspaces.current()`: its users.list needs its token), and when it was read.
        self._zones: dict[str | None, dict[str, str]] = {}
        self._zones_read: dict[str | None, datetime] = {}
        self._channels: dict[str, tuple[datetime, tuple[bool, frozenset[str]]]] = {}  # who can see a channel
        # A workspace's settings (`Deps.workspace`; None: the current one), for the defaults of people Slack can't
        # place: the language of a locale Alinea does not speak, the zone of a profile that gives none.
        self._workspace: Callable[[str | None], WorkspaceSettings] | None = None

    def follow(self, workspace: Callable[[str | None], WorkspaceSettings]) -> None:
        """Take people's default language and time zone from their workspace's settings (`Deps.workspace`)."""
        self._workspace = workspace

    def _default_language(self, team_id: str | None = None) -> Language:
        return self._workspace(team_id).language if self._workspace else self._settings.alinea_language

    def _default_zone(self, team_id: str | None = None) -> str:
        return self._workspace(team_id).timezone if self._workspace else self._settings.alinea_timezone

    def user(self, user_id: str) -> SlackUser:
        now = self._clock.now()
        with self._lock:
            cached = self._cache.get(user_id)
        if cached and now - cached[0] < self._ttl:
            return cached[1]
        user = self._fetch(user_id) or SlackUser(id=user_id, name=user_id, timezone=self._default_zone())
        with self._lock:
            self._cache[user_id] = (now, user)
        return user

    def _fetch(self, user_id: str) -> SlackUser | None:
        """The person as `users.info` describes them; None when Slack refuses (logged)."""
        try:
            data = self._client.users_info(user=user_id, include_locale=True).get("user") or {}
        except SlackApiError as exc:
            log.warning("users.info failed for %s: %s", user_id, _why(exc))
            return None
        return SlackUser(
            id=user_id,
            name=data.get("name") or user_id,
            timezone=data.get("tz") or self._default_zone(),
            locale=data.get("locale"),
            is_admin=bool(data.get("is_admin")),
            is_owner=bool(data.get("is_owner") or data.get("is_primary_owner")),
            is_bot=bool(data.get("is_bot")) or user_id == "USLACKBOT",
            team_id=data.get("team_id"),
        )

    def zone(self, user_id: str) -> str | None:
        """A person's Slack time zone for a scheduled send: from the roster (read again after `ZONES_TTL`), else from
        `users.info`; None when Slack can't say now, so the send waits for a later minute rather than going out at
        the workspace's hour."""
        now, workspace = self._clock.now(), current()
        with self._lock:
            read = self._zones_read.get(workspace)
            stale = read is None or now - read >= ZONES_TTL
            if stale:
                self._zones_read[workspace] = now  # one reader at a time; the others use what is there
        if stale:
            self._read_zones(workspace)
        with self._lock:
            found = self._zones.get(workspace, {}).get(user_id)
        if found is not None:
            return found
        try:
            fetched = self._fetch(user_id)
        except OSError as exc:  # Slack out of reach
            log.warning("users.info failed for %s: %s", user_id, _why(exc))
            return None
        if fetched is None:
            return None
        with self._lock:
            self._zones.setdefault(workspace, {})[user_id] = fetched.timezone
        return fetched.timezone

    def _read_zones(self, workspace: str | None) -> None:
        zones: dict[str, str] = {}
        cursor = ""
        try:
            while True:
                page = self._client.users_list(limit=200, cursor=cursor or None)
                zones.update({m["id"]: m.get("tz") or self._default_zone(workspace)
                              for m in page.get("members") or [] if m.get("id")})
                cursor = (page.get("response_metadata") or {}).get("next_cursor") or ""
                if not cursor:
                    break
        except (SlackApiError, OSError) as exc:
            log.warning("users.list failed: %s", _why(exc))
            return  # the roster read before stays
        with self._lock:
            self._zones[workspace] = zones

    def reaches(self, channel: str, team_id: str) -> bool:
        """Whether people of workspace `team_id` can see `channel` (`conversations.info`: a channel shared with the
        whole org, or with that workspace), kept `ZONES_TTL`. When Slack can't say, it is taken to."""
        now = self._clock.now()
        with self._lock:
            cached = self._channels.get(channel)
        if cached is None or now - cached[0] >= ZONES_TTL:
            try:
                info = self._client.conversations_info(channel=channel).get("channel") or {}
            except (SlackApiError, OSError) as exc:
                log.warning("conversations.info failed for %s: %s", channel, _why(exc))
                return True
            teams = {str(t) for t in [info.get("context_team_id"), *(info.get("shared_team_ids") or [])] if t}
            cached = (now, (bool(info.get("is_org_shared")), frozenset(teams)))
            with self._lock:
                self._channels[channel] = cached
        org_shared, teams = cached[1]
        return org_shared or team_id in teams

    def language(self, user_id: str) -> Language:
        return language_for_locale(self.user(user_id).locale, self._default_language())

    def languages(self, user_ids: Iterable[str]) -> list[Language]:
        """The languages of a conversation among `user_ids` (a pair's or a sync's group DM): the one they share, or,
        when they share none, the workspace's first and then the others (`bot.blocks.in_languages`)."""
        found = {self.language(user_id) for user_id in user_ids}
        default = self._default_language()
        if len(found) <= 1:
            return list(found) or [default]
        return sorted(found, key=lambda lang: (lang != default, lang))

    def actor(self, team_id: str, user_id: str) -> Actor:
        user = self.user(user_id)
        return Actor(
            team_id=team_id,
            user_id=user_id,
            language=language_for_locale(user.locale, self._default_language(team_id)),
            timezone=user.timezone,
            is_admin=user_id in self._settings.alinea_admins or user.is_admin or user.is_owner,
            locale=user.locale,
        )


def _why(exc: Exception) -> str:
    """What Slack said, or why it could not be reached."""
    return str(exc.response.get("error")) if isinstance(exc, SlackApiError) else type(exc).__name__
