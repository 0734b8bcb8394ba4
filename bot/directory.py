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


class Directory:
    """A small time-limited cache in front of `users.info`; when Slack can't answer, sensible defaults."""

    def __init__(self, client: WebClient, settings: Settings, clock: Clock, ttl: timedelta = timedelta(minutes=10)):
        self._client = client
        self._settings = settings
        self._clock = clock
        self._ttl = ttl
        self._cache: dict[str, tuple[datetime, SlackUser]] = {}
        self._lock = threading.Lock()

    def user(self, user_id: str) -> SlackUser:
        now = self._clock.now()
        with self._lock:
            cached = self._cache.get(user_id)
        if cached and now - cached[0] < self._ttl:
            return cached[1]
        user = self._fetch(user_id)
        with self._lock:
            self._cache[user_id] = (now, user)
        return user

    def _fetch(self, user_id: str) -> SlackUser:
        default = SlackUser(id=user_id, name=user_id, timezone=self._settings.alinea_timezone)
        try:
            data = self._client.users_info(user=user_id, include_locale=True).get("user") or {}
        except SlackApiError as exc:
            log.warning("users.info failed for %s: %s", user_id, exc.response.get("error"))
            return default
        return SlackUser(
            id=user_id,
            name=data.get("name") or user_id,
            timezone=data.get("tz") or default.timezone,
            locale=data.get("locale"),
            is_admin=bool(data.get("is_admin")),
            is_owner=bool(data.get("is_owner") or data.get("is_primary_owner")),
            is_bot=bool(data.get("is_bot")) or user_id == "USLACKBOT",
        )

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
