"""What the user reads when something goes wrong: always ephemeral, always with the right form."""

from __future__ import annotations

from bot.errors import DomainError, MessageKey
from bot.i18n import t
from bot.people import Language, Role, Side
from bot.blocks import Message, context, message, section


def domain_error(lang: Language, error: DomainError) -> Message:
    params = {k: _readable(lang, v) for k, v in error.params.items() if k != "usage"}
    problem = t(lang, error.key, **params)
    blocks = [section(f":warning: {problem}")]
    usage = error.params.get("usage")
    if usage:
        blocks.append(context(t(lang, "error.right_form", usage=t(lang, str(usage)))))
    return message(problem, blocks)


def unexpected(lang: Language) -> Message:
    text = t(lang, "error.unexpected")
    return message(text, [section(f":warning: {text}")])


def _readable(lang: Language, value: object) -> object:
    """Sides, roles and message keys in an error read in the reader's language."""
    if isinstance(value, MessageKey):
        return t(lang, value)
    if isinstance(value, Side | Role):
        return t(lang, f"{type(value).__name__.lower()}.{value.value}")
    return value
