"""The `/digest` grammar: pure and total, every text gives a command or a `ParseError`, never an exception."""

from __future__ import annotations

import re
from datetime import date, time
from typing import Literal

from pydantic import BaseModel

from bot.dates import parse_time_of_day, parse_timezone, parse_weekday
from bot.errors import ParseError
from bot.ids import Command
from bot.lexer import Reader, Word, command_words, is_help, take_options, unknown_subcommand
from bot.reading import Reading

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
def parse_digest(text: str, reading: Reading | None = None) -> DigestCommand | ParseError:
    """Parse the text of `/digest`; `reading` says how its refusals name the options (none reads a date)."""
    reading = reading or Reading(today=date.min)
    words = command_words(text)
    if words is None:
        return ParseError("error.unclosed_quote", usage=USAGE)
    if not words or is_help(" ".join(w.text for w in words)):
        return DigestHelp()
    head, rest = words[0].text.lower(), [w.text for w in words[1:]]
    if head in _SIMPLE:
        return _SIMPLE[head]() if not rest else ParseError("error.unexpected_word", usage=USAGE, word=rest[0])
    if head in _CONFIG:
        return _config(words[1:], reading)
    return unknown_subcommand(words[0], [*_SIMPLE, *_CONFIG, "help", "ayuda"], Command.DIGEST, USAGE)


def _read_timezone(value: str, reading: Reading, usage: str) -> str | ParseError:
    zone = parse_timezone(value)
    return zone if zone is not None else ParseError("error.bad_timezone", usage=usage, word=value)


def _read_channel(value: str, reading: Reading, usage: str) -> str | ParseError:
    match = _CHANNEL.fullmatch(value)
    return match[1] if match else ParseError("error.sync_channel_not_linked", usage=usage, word=value)


_CONFIG_OPTIONS: dict[str, Reader] = {"tz:": _read_timezone, "in:": _read_channel}


def _config(found: list[Word], reading: Reading) -> DigestConfig | ParseError:
    """`config <weekday> <HH:MM> [tz:IANA] [in:#channel]`, the options after the time, each once."""
    rest = [word.text for word in found]
    weekday = parse_weekday(rest[0]) if rest else None
    if weekday is None:
        return ParseError("error.bad_weekday", usage=USAGE, word=rest[0] if rest else "—")
    at = parse_time_of_day(rest[1]) if len(rest) > 1 else None
    if at is None:
        return ParseError("error.bad_time", usage=USAGE, word=rest[1] if len(rest) > 1 else "—")
    taken = take_options(found[2:], _CONFIG_OPTIONS, reading, USAGE)
    if isinstance(taken, ParseError):
        return taken
    options, free = taken
    if free:
        return ParseError("error.unexpected_word", usage=USAGE, word=free[0])
    return DigestConfig(weekday=weekday, at=at, timezone=options.get("tz:"), channel_id=options.get("in:"))
