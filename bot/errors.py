"""Domain errors and how they read. Each error carries a translation key and its parameters; services raise them,
parsers and modal readers return them as values, and handlers turn them into ephemeral replies or modal errors
(handlers/replies.py)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from bot.blocks import ERROR_TEXT_LIMIT, Message, context, cut, message, section
from bot.i18n import Language, t
from bot.people import Side


class MessageKey(str):
    """An error parameter that is itself a message key, shown translated (e.g. `kpi.owner.shared`)."""


class DomainError(Exception):
    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class InvalidInput(DomainError):
    """The user typed something malformed; the message shows the right form."""


class NotAllowed(DomainError):
    """The user may not do this; the message says who may."""


class NotFound(DomainError):
    """The thing named does not exist in this workspace."""


class Conflict(DomainError):
    """Someone else changed the thing first (two people pressed Accept at once); the message says who."""


class ParseError(InvalidInput):
    """What was wrong with command text, and which usage to show. Returned, not raised, by parsers."""

    def __init__(self, key: str, usage: str, **params: object) -> None:
        super().__init__(key, usage=usage, **params)
        self.usage = usage


class FormError(InvalidInput):
    """What was wrong with a modal submission, and the input it belongs to (for `response_action=errors`).
    Returned, not raised, by modal readers; raised by a service refusing a value a modal's input may give (an
    ask's owner), so a command shows it as any invalid input and a modal under that input."""

    def __init__(self, key: str, field: str, **params: object) -> None:
        super().__init__(key, **params)
        self.field = field


def error_message(lang: Language, error: DomainError) -> Message:
    """What the person reads: the problem and, for malformed input, the right form. Always sent privately."""
    params = {k: _readable(lang, v) for k, v in error.params.items() if k != "usage"}
    problem = t(lang, error.key, **params)
    blocks = [section(f":warning: {problem}")]
    usage = error.params.get("usage")
    if usage:
        blocks.append(context(t(lang, "error.right_form", usage=t(lang, str(usage)))))
    return message(problem, blocks)


_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
_CHANNEL = re.compile(r"<#([CG][A-Z0-9]+)(?:\|([^>]*))?>")


def plain_error(lang: Language, error: DomainError, name_of: Callable[[str], str]) -> str:
    """What a modal shows under an input, where Slack shows text as it is: people by name (`name_of` their ID),
    channels by name, no backticks or bold, Slack's escapes undone; at most ERROR_TEXT_LIMIT characters."""
    text = _MENTION.sub(lambda match: "@" + name_of(match[1]), error_message(lang, error).text)
    text = _CHANNEL.sub(lambda match: "#" + (match[2] or match[1]), text).replace("`", "").replace("*", "")
    return cut(text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"), ERROR_TEXT_LIMIT)


def after_change_message(lang: Language, subject: str) -> Message:
    """A failure after the change was stored: say so, and that Alinea finishes what follows (never "nothing was
    changed", which people would answer by doing it again)."""
    text = t(lang, "error.after_change", subject=subject) if subject else t(lang, "error.after_change_unnamed")
    return message(text, [section(f":warning: {text}")])


def unexpected_message(lang: Language) -> Message:
    text = t(lang, "error.unexpected")
    return message(text, [section(f":warning: {text}")])


def _readable(lang: Language, value: object) -> object:
    """Sides and message keys in an error read in the reader's language."""
    if isinstance(value, MessageKey):
        return t(lang, value)
    if isinstance(value, Side):
        return t(lang, f"side.{value.value}")
    return value
