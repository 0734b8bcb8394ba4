"""Every slash command, action_id, callback_id and bot scope has its one home here."""

from __future__ import annotations

from enum import StrEnum


class Command(StrEnum):
    ASK = "/ask"
    COMMIT = "/commit"
    KPI = "/kpi"
    SYNC = "/sync"
    SHADOW = "/shadow"
    DIGEST = "/digest"
    ALINEA = "/alinea"


# Commands whose text carries @mentions or #channels: the manifest sets should_escape on them.
ESCAPED_COMMANDS = frozenset(Command)


class Shortcut(StrEnum):
    LOG_ASK = "log_ask"


class Event(StrEnum):
    APP_HOME_OPENED = "app_home_opened"


# The bot scopes the app uses, each for a Web API method it calls.
BOT_SCOPES = (
    "commands",  # slash commands and the message shortcut
    "chat:write",  # chat.postMessage, chat.update, chat.postEphemeral
    "users:read",  # users.info for locale, time zone and admin flags
    "im:write",  # conversations.open for DMs
    "mpim:write",  # conversations.open for group DMs (syncs, shadowing pairs)
    "files:write",  # KPI chart uploads
)
