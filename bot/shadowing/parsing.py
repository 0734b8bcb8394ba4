"""Pure, total parsing of `/shadow` text: every string gives a parsed command or a `ParseError`."""

from __future__ import annotations

import re
from datetime import date, time
from typing import Literal

from pydantic import BaseModel

from bot.dates import DATE_EXAMPLES, parse_date
from bot.lexer import ParseError, _command_words, _take_options, is_help
from bot.syncs.parsing import parse_time_of_day, parse_weekday

USAGE = "usage.shadow"
Preference = Literal["host", "visitor", "both"]
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
_EVERY = re.compile(r"0*([0-9]{1,2})(w|wk|wks|week|weeks|s|sem|semana|semanas)?")
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
    followup_days: int = 7


class RunRound(BaseModel):
    kind: Literal["run"] = "run"


class RotationStats(BaseModel):
    kind: Literal["stats"] = "stats"


ShadowCommand = (ShadowHelp | JoinRotation | LeaveRotation | PauseRotation | RotationStatus | ConfigureRotation
                 | RunRound | RotationStats)


def parse_shadow(text: str, today: date) -> ShadowCommand | ParseError:
    """Parse the text of `/shadow`."""
    words = _command_words(text)
    if words is None:
        return ParseError("error.unclosed_quote", usage=USAGE)
    if not words or is_help(" ".join(w.text for w in words)):
        return ShadowHelp()
    head, rest = words[0].text.lower(), [w.text for w in words[1:]]
    match SUBCOMMANDS.get(head):
        case "join":
            return _join(rest)
        case "pause":
            return _pause(words[1:], today)
        case "config":
            return _config(words[1:], today)
        case "leave" | "status" | "run" | "stats" as simple:
            if rest:
                return ParseError("error.unexpected_word", usage=USAGE, word=rest[0])
            return {"leave": LeaveRotation, "status": RotationStatus, "run": RunRound,
                    "stats": RotationStats}[simple]()
    return ParseError("error.unknown_subcommand", usage=USAGE, word=words[0].text)


def _join(rest: list[str]) -> JoinRotation | ParseError:
    if not rest:
        return JoinRotation()
    preference = PREFERENCES.get(rest[0].lower())
    if preference is None:
        return ParseError("error.shadow_preference", usage=USAGE, word=rest[0])
    if len(rest) > 1:
        return ParseError("error.unexpected_word", usage=USAGE, word=rest[1])
    return JoinRotation(preference=preference)


def _read_until(value: str, today: date, usage: str) -> date | ParseError:
    day = parse_date(value, today)
    if day is None:
        return ParseError("error.bad_date", usage=usage, word=value, examples=DATE_EXAMPLES)
    return day


def _pause(words, today: date) -> PauseRotation | ParseError:  # type: ignore[no-untyped-def]
    taken = _take_options(words, {"until:": _read_until}, today, USAGE)
    if isinstance(taken, ParseError):
        return taken
    options, free = taken
    if free:
        return ParseError("error.unexpected_word", usage=USAGE, word=free[0])
    if "until:" not in options:
        return ParseError("error.shadow_pause_needs_until", usage=USAGE)
    return PauseRotation(until=options["until:"])


class Rhythm(BaseModel):
    every_weeks: int
    weekday: int
    at: time
    followup_days: int | None = None


def parse_rhythm(words, today: date, usage: str, followup: bool) -> Rhythm | ParseError:  # type: ignore[no-untyped-def]
    """`every:Nw on:<weekday> at:HH:MM` (and `followup:Nd` when `followup`), in any order."""
    def number(pattern: re.Pattern[str], key: str, low: int, high: int):  # type: ignore[no-untyped-def]
        def read(value: str, _today: date, usage: str) -> int | ParseError:
            match = pattern.fullmatch(value.strip().lower())
            if match is None or not low <= int(match[1]) <= high:
                return ParseError(key, usage=usage, word=value)
            return int(match[1])
        return read

    def weekday(value: str, _today: date, usage: str) -> int | ParseError:
        found = parse_weekday(value)
        return found if found is not None else ParseError("error.shadow_bad_weekday", usage=usage, word=value)

    def at(value: str, _today: date, usage: str) -> time | ParseError:
        found = parse_time_of_day(value)
        return found if found is not None else ParseError("error.shadow_bad_time", usage=usage, word=value)

    readers = {"every:": number(_EVERY, "error.shadow_bad_every", 1, 12), "on:": weekday, "at:": at}
    if followup:
        readers["followup:"] = number(_DAYS, "error.shadow_bad_followup", 1, 60)
    taken = _take_options(words, readers, today, usage)
    if isinstance(taken, ParseError):
        return taken
    options, free = taken
    if free:
        return ParseError("error.unexpected_word", usage=usage, word=free[0])
    missing = [name for name in ("every:", "on:", "at:") if name not in options]
    if missing:
        return ParseError("error.shadow_config_needs", usage=usage, option=missing[0])
    return Rhythm(every_weeks=options["every:"], weekday=options["on:"], at=options["at:"],
                  followup_days=options.get("followup:"))


def _config(words, today: date) -> ConfigureRotation | ParseError:  # type: ignore[no-untyped-def]
    rhythm = parse_rhythm(words, today, USAGE, followup=True)
    if isinstance(rhythm, ParseError):
        return rhythm
    return ConfigureRotation(every_weeks=rhythm.every_weeks, weekday=rhythm.weekday, at=rhythm.at,
                             followup_days=rhythm.followup_days or 7)
