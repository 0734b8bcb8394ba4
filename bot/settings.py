"""Settings read from the environment (and a `.env` file loaded by the CLI).

Every setting the README lists lives here with its default. `load_settings()` turns pydantic's
validation errors into one `SettingsError` line naming the setting, so start-up never shows a traceback.
"""

from __future__ import annotations

import re
from datetime import time, timedelta
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")
_CHANNEL_ID = re.compile(r"^[CGD][A-Z0-9]{2,}$")
_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_DURATION = re.compile(r"^(\d+)\s*([smhd]?)$")
_DURATION_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


class SettingsError(Exception):
    """A missing or malformed setting; its message is the one line shown at start-up."""


class Settings(BaseSettings):
    """What Alinea needs to run. Field names are the environment variables, case-insensitive."""

    # An empty variable (a blank line in a .env template) means "use the default".
    model_config = SettingsConfigDict(case_sensitive=False, extra="ignore", frozen=True, env_ignore_empty=True)

    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    # Installing to many workspaces (and orgs) through OAuth: all three, under the names Bolt reads.
    slack_client_id: str | None = None
    slack_client_secret: SecretStr | None = None
    slack_state_secret: SecretStr | None = None
    slack_api_url: str = "https://slack.com/api/"
    database_url: str = Field(default="sqlite:///alinea.db", repr=False)  # may hold a password
    alinea_channel: str | None = None
    alinea_timezone: str = "UTC"
    alinea_language: Literal["en", "es"] = "en"
    alinea_admins: Annotated[frozenset[str], NoDecode] = frozenset()
    alinea_reminder_time: time = time(9, 0)
    alinea_misfire_grace: timedelta = timedelta(hours=1)
    port: int = Field(default=3000, ge=1, le=65535)
    # Open HTTP connections one client address may hold (0: no cap); behind a reverse proxy, all come from it.
    alinea_http_connections_per_client: int = Field(default=32, ge=0)

    @field_validator("slack_bot_token")
    @classmethod
    def _bot_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().startswith("xoxb-"):
            raise ValueError("must be a bot token starting with xoxb-")
        return value

    @field_validator("slack_app_token")
    @classmethod
    def _app_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().startswith("xapp-"):
            raise ValueError("must be an app-level token starting with xapp-")
        return value

    @field_validator("slack_bot_token", "slack_signing_secret", "slack_app_token", "alinea_channel", "slack_client_id",
                     "slack_client_secret", "slack_state_secret", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("slack_api_url")
    @classmethod
    def _api_url(cls, value: str) -> str:
        if not re.match(r"^https?://[^\s/]+(/\S*)?$", value):
            raise ValueError("must be an http(s) URL")
        return value if value.endswith("/") else value + "/"

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        if not re.match(r"^(sqlite|postgresql)(\+\w+)?://", value):
            raise ValueError("must be a sqlite:/// or postgresql:// URL")
        return value

    @field_validator("alinea_channel")
    @classmethod
    def _channel(cls, value: str | None) -> str | None:
        if value is not None and not _CHANNEL_ID.match(value):
            raise ValueError("must be a channel ID such as C0123ABCD")
        return value

    @field_validator("alinea_timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{value!r} is not an IANA time zone such as America/Mexico_City") from None
        return value

    @field_validator("alinea_language", mode="before")
    @classmethod
    def _language(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("alinea_admins", mode="before")
    @classmethod
    def _admins(cls, value: object) -> object:
        if isinstance(value, str):
            ids = [part.strip() for part in value.split(",") if part.strip()]
            bad = [i for i in ids if not _USER_ID.match(i)]
            if bad:
                raise ValueError(f"{bad[0]!r} is not a Slack user ID such as U0123ABCD")
            return frozenset(ids)
        return value

    @field_validator("alinea_reminder_time", mode="before")
    @classmethod
    def _reminder_time(cls, value: object) -> object:
        if isinstance(value, str):
            match = _HHMM.match(value.strip())
            if not match:
                raise ValueError("must be a time of day as HH:MM")
            return time(int(match[1]), int(match[2]))
        return value

    @field_validator("alinea_misfire_grace", mode="before")
    @classmethod
    def _misfire_grace(cls, value: object) -> object:
        if isinstance(value, str):
            match = _DURATION.match(value.strip().lower())
            if not match:
                raise ValueError("must be a duration such as 90s, 30m or 1h")
            return timedelta(seconds=int(match[1]) * _DURATION_UNITS[match[2]])
        return value

    @property
    def timezone(self) -> ZoneInfo:
        return ZoneInfo(self.alinea_timezone)

    @property
    def oauth(self) -> bool:
        """Installed through OAuth in any number of workspaces (else in one, with `SLACK_BOT_TOKEN`)."""
        return self.slack_client_id is not None

    def require_a_way_in(self) -> None:
        """Stop with one line unless Alinea has a bot token or everything OAuth needs (not half of it)."""
        oauth = {"slack_client_id": self.slack_client_id, "slack_client_secret": self.slack_client_secret,
                 "slack_state_secret": self.slack_state_secret}
        if any(value is not None for value in oauth.values()):
            self.require(*oauth)
        elif self.slack_bot_token is None:
            raise SettingsError("setting SLACK_BOT_TOKEN is missing (or, to install in many workspaces, "
                                "SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET)")

    @property
    def socket_mode(self) -> bool:
        return self.slack_app_token is not None

    def key_for(self, purpose: str) -> bytes:
        """The server's HMAC key for one purpose (`pulse` ballots, modal `metadata`): derived from the signing secret
        (else the bot token), stable across restarts and replicas, never stored; one purpose's key opens nothing
        of another's."""
        secret = self.slack_signing_secret or self.slack_bot_token
        return f"alinea-{purpose}:{secret.get_secret_value() if secret else 'local'}".encode()

    def require(self, *names: str) -> None:
        """Stop with one line when a setting this mode needs is missing."""
        for name in names:
            if getattr(self, name) is None:
                raise SettingsError(f"setting {name.upper()} is missing")


def load_settings(**overrides: object) -> Settings:
    """Read settings from the environment; raise `SettingsError` naming the first bad one."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        error = exc.errors()[0]
        name = str(error["loc"][0]).upper() if error["loc"] else "settings"
        message = str(error["msg"]).removeprefix("Value error, ")
        raise SettingsError(f"setting {name} is malformed: {message}") from None
