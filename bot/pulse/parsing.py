"""The grammar of `/alinea pulse …`: `config every:Nw on:<weekday> at:HH:MM` and `run`."""

from __future__ import annotations

from datetime import time
from typing import Literal

from pydantic import BaseModel

from bot.errors import ParseError
from bot.lexer import Word
from bot.reading import Reading
from bot.recurrence import parse_rhythm

USAGE = "usage.alinea.pulse"


class PulseConfig(BaseModel):
    kind: Literal["pulse_config"] = "pulse_config"
    every_weeks: int
    weekday: int
    at: time


class PulseRun(BaseModel):
    kind: Literal["pulse_run"] = "pulse_run"


PulseCommand = PulseConfig | PulseRun


def parse_pulse(found: list[Word], reading: Reading | None = None) -> PulseCommand | ParseError:
    """The words after `/alinea pulse`; `reading` says how refusals name the options."""
    if not found:
        return ParseError("error.pulse_form", usage=USAGE)
    head, rest = found[0].text.lower(), found[1:]
    if head in {"run", "correr"}:
        return PulseRun() if not rest else ParseError("error.unexpected_word", usage=USAGE, word=rest[0].text)
    if head in {"config", "configurar"}:
        read = parse_rhythm(rest, USAGE, reading=reading)
        if isinstance(read, ParseError):
            return read
        rhythm, _ = read
        return PulseConfig(every_weeks=rhythm.every_weeks, weekday=rhythm.weekday, at=rhythm.at)
    return ParseError("error.unknown_subcommand", usage=USAGE, word=found[0].text)
