"""The `/shadow` grammar: pure and total, every text gives a command or a `ParseError`, never an exception."""

from __future__ import annotations

import re
from datetime import date, time
from typing import Literal

from pydantic import BaseModel

from bot.dates import read_ahead
from bot.errors import ParseError
from bot.ids import Command
from bot.lexer import Reader, Word, command_words, is_help, only_options, unknown_subcommand
from bot.reading import Reading
from bot.recurrence import parse_rhythm
from bot.shadowing.models import DEFAULT_FOLLOWUP_DAYS, Preference

USAGE = "usage.shadow"
PREFERENCES: dict[str, Preference] = {
    "host": "host", "anfitrion": "host", "anfitrión": "host",
    "visitor": "visitor", "visit": "visitor", "visitante": "visitor",
    "both": "both", "ambos": "both", "ambas": "both",
}
SUBCOMMANDS = {
    "join": "join", "unirme": "join", "leave": "leave", "salir": "leave", "pause": "pause", "pausar": "pause",
    "status": "status", "estado": "status", "config": "config", "configurar": "config", "run": "run",
    "correr": "run", "stats": "stats", "estadisticas": "stats", "estadísticas": "stats",
}
_DAYS = re.compile(r"0*([0-9]{1,2})(d|day|days|dia|día|dias|días)?")


class ShadowHelp(BaseModel):
    kind: Literal["help"] = "help"


class JoinRotation(BaseModel):
    kind: Literal["join"] = "join"
    preference: Preference = "both"


class LeaveRotation(BaseModel):
    kind: Literal["leave"] = "leave"


class PauseRotation(BaseModel):
    kind: Literal["pause"] = "pause"
    until: date


class RotationStatus(BaseModel):
    kind: Literal["status"] = "status"


class ConfigureRotation(BaseModel):
    kind: Literal["config"] = "config"
    every_weeks: int
    weekday: int
    at: time
    followup_days: int = DEFAULT_FOLLOWUP_DAYS


class RunRound(BaseModel):
    kind: Literal["run"] = "run"


class RotationStats(BaseModel):
    kind: Literal["stats"] = "stats"


ShadowCommand = (ShadowHelp | JoinRotation | LeaveRotation | PauseRotation | RotationStatus | ConfigureRotation
                 | RunRound | RotationStats)


def parse_shadow(text: str, reading: Reading | date) -> ShadowCommand | ParseError:
    """Parse the text of `/shadow`."""
    reading = Reading.of(reading)
    words = command_words(text)
    if words is None:
        return ParseError("error.unclosed_quote", usage=USAGE)
    if not words or is_help(" ".join(w.text for w in words)):
        return ShadowHelp()
    head, rest = words[0].text.lower(), [w.text for w in words[1:]]
    match SUBCOMMANDS.get(head):
        case "join":
            return _join(rest)
        case "pause":
            return _pause(words[1:], reading)
        case "config":
            return _config(words[1:], reading)
        case "leave" | "status" | "run" | "stats" as simple:
            if rest:
                return ParseError("error.unexpected_word", usage=USAGE, word=rest[0])
            return {"leave": LeaveRotation, "status": RotationStatus, "run": RunRound,
                    "stats": RotationStats}[simple]()
    return unknown_subcommand(words[0], {**SUBCOMMANDS, "help": "help", "ayuda": "help"}, Command.SHADOW, USAGE)


def _join(rest: list[str]) -> JoinRotation | ParseError:
    if not rest:
        return JoinRotation()
    preference = PREFERENCES.get(rest[0].lower())
    if preference is None:
        return ParseError("error.shadow_preference", usage=USAGE, word=rest[0])
    if len(rest) > 1:
        return ParseError("error.unexpected_word", usage=USAGE, word=rest[1])
    return JoinRotation(preference=preference)


_PAUSE_OPTIONS: dict[str, Reader] = {"until:": read_ahead}


def _pause(words: list[Word], reading: Reading) -> PauseRotation | ParseError:
    options = only_options(words, _PAUSE_OPTIONS, reading, USAGE)
    if isinstance(options, ParseError):
        return options
    if "until:" not in options:
        return ParseError("error.shadow_pause_needs_until", usage=USAGE)
    return PauseRotation(until=options["until:"])


def _read_followup(value: str, reading: Reading, usage: str) -> int | ParseError:
    match = _DAYS.fullmatch(value.strip().lower())
    if match is None or not 1 <= int(match[1]) <= 60:
        return ParseError("error.shadow_bad_followup", usage=usage, word=value)
    return int(match[1])


_CONFIG_OPTIONS: dict[str, Reader] = {"followup:": _read_followup}


def _config(words: list[Word], reading: Reading) -> ConfigureRotation | ParseError:
    read = parse_rhythm(words, USAGE, extra=_CONFIG_OPTIONS, reading=reading)
    if isinstance(read, ParseError):
        return read
    rhythm, extra = read
    return ConfigureRotation(every_weeks=rhythm.every_weeks, weekday=rhythm.weekday, at=rhythm.at,
                             followup_days=extra.get("followup:", DEFAULT_FOLLOWUP_DAYS))
