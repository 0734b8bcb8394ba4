"""Every slash command, action_id, callback_id and bot scope has its one home here, and so do the short IDs
people type and read: asks `A-12`, commitments `C-7`, syncs `S-3`."""

from __future__ import annotations

import re
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
    """The events the app subscribes to, as the manifest names them."""

    APP_HOME_OPENED = "app_home_opened"
    MESSAGE_IM = "message.im"  # a message typed to the app (Bolt's `message` event, in a DM)
    FUNCTION_EXECUTED = "function_executed"  # a workflow ran one of the app's steps (Bolt's `app.function`)
    APP_UNINSTALLED = "app_uninstalled"  # the app was removed from a workspace or org
    TOKENS_REVOKED = "tokens_revoked"  # some of the app's tokens were revoked


class Function(StrEnum):
    """callback_ids of the app's Workflow Builder steps (the manifest's `functions`)."""

    LOG_ASK = "log_ask"


class LogAskInput(StrEnum):
    """The inputs of the **Log an ask** step, as the manifest's `input_parameters` name them."""

    REQUESTER = "requester"
    TITLE = "title"
    DETAILS = "details"
    DUE_DATE = "due_date"
    PRIORITY = "priority"
    CATEGORY = "category"


class LogAskOutput(StrEnum):
    """The outputs of the **Log an ask** step, as the manifest's `output_parameters` name them."""

    REFERENCE = "reference"  # the ask's ID, `A-12`
    LINK = "link"  # a permalink to its card, or "" when it has none


# The bot scopes the app uses, each for a Web API method it calls.
BOT_SCOPES = (
    "commands",  # slash commands and the message shortcut
    "chat:write",  # chat.postMessage, chat.update, chat.postEphemeral
    "users:read",  # users.info for locale, time zone and admin flags
    "channels:read",  # conversations.info: is the collaboration channel shared with the requester's workspace (org)
    "groups:read",  # the same for a private channel
    "im:write",  # conversations.open for DMs
    "mpim:write",  # conversations.open for group DMs (syncs, shadowing pairs)
    "files:write",  # KPI chart uploads
    # conversations.history: did a message whose answer was lost, or whose sender died, reach Slack? (bot/deliveries.py)
    "im:history",  # in a DM
    "channels:history",  # in a public channel (ask cards, the digest)
    "groups:history",  # in a private one
    "mpim:history",  # and for a group DM (a sync's agenda, a shadowing pair's introduction)
)


class Action(StrEnum):
    """action_ids of buttons and inputs."""

    ASK_ACCEPT = "ask_accept"
    ASK_DECLINE = "ask_decline"
    ASK_DONE = "ask_done"
    ASK_SHOW = "ask_show"
    ASK_RATE = "ask_rate"
    ASK_LIST_PAGE = "ask_list_page"
    ASK_UNDO = "ask_undo"
    COMMITMENT_DONE = "commitment_done"
    COMMITMENT_UNDO = "commitment_undo"
    KPI_SHOW = "kpi_show"
    KPI_VALUE_CHOICE = "kpi_value_choice"  # which reading of an ambiguous value (`kpi_value_choice_1`, `_2`)
    SYNC_OUTCOME = "sync_outcome"
    SYNC_ADD_TOPIC = "sync_add_topic"
    SHADOW_DONE = "shadow_done"
    SHADOW_SKIP = "shadow_skip"
    PULSE_ANSWER = "pulse_answer"
    PULSE_COMMENT = "pulse_comment"
    HOME_NEW_ASK = "home_new_ask"
    HOME_LOG_KPI = "home_log_kpi"
    HOME_JOIN = "home_join"  # the welcome's Join Marketing / Join IT (value: the side)
    SETTINGS_OPEN = "settings_open"  # Change settings (`/alinea settings`) and App Home's Settings, for admins
    INPUT = "value"  # the one element of every modal input block


class View(StrEnum):
    """callback_ids of modals."""

    ASK_NEW = "ask_new"
    ASK_ACCEPT = "ask_accept_due"
    ASK_DECLINE = "ask_decline_reason"
    KPI_DEFINE = "kpi_define"
    SYNC_SCHEDULE = "sync_schedule"
    SYNC_OUTCOME = "sync_outcome"
    SYNC_TOPIC = "sync_topic"
    SHADOW_LEARNINGS = "shadow_learnings"
    PULSE_COMMENT = "pulse_comment"
    KPI_LOG = "kpi_log"
    SETTINGS = "workspace_settings"


class Audit(StrEnum):
    """Audit log actions. Each reads as `history.<action>` in an item's history."""

    MEMBER_JOIN = "member.join"
    MEMBER_ADD = "member.add"
    MEMBER_REMOVE = "member.remove"
    ASK_CREATE = "ask.create"
    ASK_ACCEPT = "ask.accept"
    ASK_DECLINE = "ask.decline"
    ASK_DONE = "ask.done"
    ASK_CANCEL = "ask.cancel"
    ASK_RATE = "ask.rate"
    ASK_REOPEN = "ask.reopen"
    COMMITMENT_CREATE = "commitment.create"
    COMMITMENT_DONE = "commitment.done"
    COMMITMENT_CANCEL = "commitment.cancel"
    COMMITMENT_REOPEN = "commitment.reopen"
    KPI_DEFINE = "kpi.define"
    KPI_LOG = "kpi.log"
    KPI_ARCHIVE = "kpi.archive"
    SYNC_SCHEDULE = "sync.schedule"
    SYNC_CANCEL = "sync.cancel"
    SYNC_TOPIC = "sync.topic"
    SYNC_OUTCOME = "sync.outcome"
    SHADOW_JOIN = "shadow.join"
    SHADOW_LEAVE = "shadow.leave"
    SHADOW_PAUSE = "shadow.pause"
    SHADOW_CONFIG = "shadow.config"
    SHADOW_ROUND = "shadow.round"
    SHADOW_DONE = "shadow.done"
    SHADOW_SKIP = "shadow.skip"
    PULSE_CONFIG = "pulse.config"
    DIGEST_CONFIG = "digest.config"
    SETTINGS_CHANGE = "settings.change"


def ask_ref(number: int) -> str:
    return f"A-{number}"


def commitment_ref(number: int) -> str:
    return f"C-{number}"


def sync_ref(number: int) -> str:
    return f"S-{number}"


def _number(word: str, letter: str) -> int | None:
    match = re.fullmatch(rf"[{letter}{letter.lower()}]-?([0-9]{{1,9}})", word.strip())
    return (int(match[1]) or None) if match else None  # A-0 names nothing


def parse_ask_number(word: str) -> int | None:
    """12 for `A-12`, `a-12` or `A12`; None for anything else."""
    return _number(word, "A")


def parse_commitment_number(word: str) -> int | None:
    """7 for `C-7`, `c-7` or `C7`; None for anything else."""
    return _number(word, "C")


def parse_sync_number(word: str) -> int | None:
    """3 for `S-3`, `s-3` or `S3`; None for anything else."""
    return _number(word, "S")
