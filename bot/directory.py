"""What Slack knows about a person (locale, time zone, admin flags), from `users.info`, cached."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from datetime import datetime, timedelta

from pydantic import BaseModel
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.clock import Clock
from bot.i18n import Language, language_for_locale
from bot.people import Actor
from bot.settings import Settings

log = logging.getLogger(__name__)


class SlackUser(BaseModel):
    id: str
    name: str
    timezone: str
    locale: str | None = None
    is_admin: bool = False
    is_owner: bool = False
    is_bot: bool = False


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
        self._zones: dict[str, str] = {}
        self._zones_read: datetime | None = None

    def user(self, user_id: str) -> SlackUser:
        now = self._clock.now()
        with self._lock:
            cached = self._cache.get(user_id)
        if cached and now - cached[0] < self._ttl:
            return cached[1]
        user = self._fetch(user_id) or SlackUser(id=user_id, name=user_id, timezone=self._settings.alinea_timezone)
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
            timezone=data.get("tz") or self._settings.alinea_timezone,
            locale=data.get("locale"),
            is_admin=bool(data.get("is_admin")),
            is_owner=bool(data.get("is_owner") or data.get("is_primary_owner")),
            is_bot=bool(data.get("is_bot")) or user_id == "USLACKBOT",
        )

    def zone(self, user_id: str) -> str | None:
        """A person's Slack time zone for a scheduled send: from the roster (read again after `ZONES_TTL`), else from
        `users.info`; None when Slack can't say now, so the send waits for a later minute rather than going out at
        the workspace's hour."""
        now = self._clock.now()
        with self._lock:
            stale = self._zones_read is None or now - self._zones_read >= ZONES_TTL
            if stale:
                self._zones_read = now  # one reader at a time; the others use what is there
        if stale:
            self._read_zones()
        with self._lock:
            found = self._zones.get(user_id)
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
            self._zones[user_id] = fetched.timezone
        return fetched.timezone

    def _read_zones(self) -> None:
        zones: dict[str, str] = {}
        cursor = ""
        try:
            while True:
                page = self._client.users_list(limit=200, cursor=cursor or None)
                zones.update({m["id"]: m.get("tz") or self._settings.alinea_timezone
                              for m in page.get("members") or [] if m.get("id")})
                cursor = (page.get("response_metadata") or {}).get("next_cursor") or ""
                if not cursor:
                    break
        except (SlackApiError, OSError) as exc:
            log.warning("users.list failed: %s", _why(exc))
            return  # the roster read before stays
        with self._lock:
            self._zones = zones

    def language(self, user_id: str) -> Language:
        return language_for_locale(self.user(user_id).locale, self._settings.alinea_language)

    def languages(self, user_ids: Iterable[str]) -> list[Language]:
        """The languages of a conversation among `user_ids` (a pair's or a sync's group DM): the one they share, or,
        when they share none, the workspace's first and then the others (`bot.blocks.in_languages`)."""
        found = {self.language(user_id) for user_id in user_ids}
        default = self._settings.alinea_language
        if len(found) <= 1:
            return list(found) or [default]
        return sorted(found, key=lambda lang: (lang != default, lang))

    def actor(self, team_id: str, user_id: str) -> Actor:
        user = self.user(user_id)
        return Actor(
            team_id=team_id,
            user_id=user_id,
            language=language_for_locale(user.locale, self._settings.alinea_language),
            timezone=user.timezone,
            is_admin=user_id in self._settings.alinea_admins or user.is_admin or user.is_owner,
            locale=user.locale,
        )


def _why(exc: Exception) -> str:
    """What Slack said, or why it could not be reached."""
    return str(exc.response.get("error")) if isinstance(exc, SlackApiError) else type(exc).__name__
