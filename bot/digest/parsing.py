"""The `/digest` grammar: pure and total, every text gives a command or a `ParseError`, never an exception."""

from __future__ import annotations

from datetime import time
from typing import Literal

from pydantic import BaseModel

from bot.dates import parse_time_of_day, parse_weekday, read_timezone
from bot.errors import ParseError
from bot.ids import Command
from bot.lexer import Reader, Word, command_words, is_help, only_options, read_channel, unknown_subcommand
from bot.reading import UNDATED, Reading

USAGE = "usage.digest"


class DigestHelp(BaseModel):
    kind: Literal["help"] = "help"


class DigestPreview(BaseModel):
    kind: Literal["preview"] = "preview"


class DigestTrend(BaseModel):
    kind: Literal["trend"] = "trend"


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


DigestCommand = DigestHelp | DigestPreview | DigestTrend | DigestSubscribe | DigestUnsubscribe | DigestConfig
_SIMPLE = {"preview": DigestPreview, "vista": DigestPreview, "trend": DigestTrend, "tendencia": DigestTrend,
           "subscribe": DigestSubscribe,
           "suscribir": DigestSubscribe, "unsubscribe": DigestUnsubscribe, "desuscribir": DigestUnsubscribe}
_CONFIG = ("config", "configurar")


def parse_digest(text: str, reading: Reading | None = None) -> DigestCommand | ParseError:
    """Parse the text of `/digest`; `reading` says how its refusals name the options (none reads a date)."""
    reading = reading or UNDATED
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


_CONFIG_OPTIONS: dict[str, Reader] = {"tz:": read_timezone, "in:": read_channel}


def _config(found: list[Word], reading: Reading) -> DigestConfig | ParseError:
    """`config <weekday> <HH:MM> [tz:IANA] [in:#channel]`, the options after the time, each once."""
    rest = [word.text for word in found]
    weekday = parse_weekday(rest[0]) if rest else None
    if weekday is None:
        return ParseError("error.bad_weekday", usage=USAGE, word=rest[0] if rest else "—")
    at = parse_time_of_day(rest[1]) if len(rest) > 1 else None
    if at is None:
        return ParseError("error.bad_time", usage=USAGE, word=rest[1] if len(rest) > 1 else "—")
    options = only_options(found[2:], _CONFIG_OPTIONS, reading, USAGE)
    if isinstance(options, ParseError):
        return options
    return DigestConfig(weekday=weekday, at=at, timezone=options.get("tz:"), channel_id=options.get("in:"))
