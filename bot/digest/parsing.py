"""The `/digest` grammar: pure and total, every text gives a command or a `ParseError`, never an exception."""

from __future__ import annotations

import re
from datetime import time
from typing import Literal

from pydantic import BaseModel

from bot.dates import parse_time_of_day, parse_timezone, parse_weekday
from bot.errors import ParseError
from bot.ids import Command
from bot.lexer import command_words, is_help, unknown_subcommand

USAGE = "usage.digest"
_CHANNEL = re.compile(r"<#([CG][A-Z0-9]+)(?:\|[^>]*)?>")


class DigestHelp(BaseModel):
    kind: Literal["help"] = "help"


class DigestPreview(BaseModel):
    kind: Literal["preview"] = "preview"


class DigestSubscribe(BaseModel):
    kind: Literal["subscribe"] = "subscribe"


class DigestUnsubscribe(BaseModel):
    kind: Literal["unsubscribe"] = "unsubscribe"


class DigestConfig(BaseModel):
    kind: Literal["config"] = "config"
    weekday: int
    at: time
    timezone: str | None = None
    channel_id: str | None = None


DigestCommand = DigestHelp | DigestPreview | DigestSubscribe | DigestUnsubscribe | DigestConfig
_SIMPLE = {"preview": DigestPreview, "vista": DigestPreview, "subscribe": DigestSubscribe,
           "suscribir": DigestSubscribe, "unsubscribe": DigestUnsubscribe, "desuscribir": DigestUnsubscribe}
_CONFIG = ("config", "configurar")


def parse_digest(text: str) -> DigestCommand | ParseError:
    words = command_words(text)
    if words is None:
        return ParseError("error.unclosed_quote", usage=USAGE)
    if not words or is_help(" ".join(w.text for w in words)):
        return DigestHelp()
    head, rest = words[0].text.lower(), [w.text for w in words[1:]]
    if head in _SIMPLE:
        return _SIMPLE[head]() if not rest else ParseError("error.unexpected_word", usage=USAGE, word=rest[0])
    if head in _CONFIG:
        return _config(rest)
    return unknown_subcommand(words[0], [*_SIMPLE, *_CONFIG, "help", "ayuda"], Command.DIGEST, USAGE)


def _config(rest: list[str]) -> DigestConfig | ParseError:
    weekday = parse_weekday(rest[0]) if rest else None
    if weekday is None:
        return ParseError("error.bad_weekday", usage=USAGE, word=rest[0] if rest else "—")
    at = parse_time_of_day(rest[1]) if len(rest) > 1 else None
    if at is None:
        return ParseError("error.bad_time", usage=USAGE, word=rest[1] if len(rest) > 1 else "—")
    zone: str | None = None
    channel: str | None = None
    for word in rest[2:]:
        if word.lower().startswith("tz:") and zone is None:
            zone = parse_timezone(word[3:])
            if zone is None:
                return ParseError("error.bad_timezone", usage=USAGE, word=word[3:])
        elif word.lower().startswith("in:") and channel is None and (match := _CHANNEL.fullmatch(word[3:])):
            channel = match[1]
        else:
            return ParseError("error.unexpected_word", usage=USAGE, word=word)
    return DigestConfig(weekday=weekday, at=at, timezone=zone, channel_id=channel)
