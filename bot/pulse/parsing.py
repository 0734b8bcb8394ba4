"""Pure parsing of `/alinea pulse …`: `config every:Nw on:<weekday> at:HH:MM` and `run`."""

from __future__ import annotations

from datetime import date, time
from typing import Literal

from pydantic import BaseModel

from bot.lexer import ParseError, _Word
from bot.shadowing.parsing import parse_rhythm

USAGE = "usage.alinea.pulse"


class PulseConfig(BaseModel):
    kind: Literal["pulse_config"] = "pulse_config"
    every_weeks: int
    weekday: int
    at: time


class PulseRun(BaseModel):
    kind: Literal["pulse_run"] = "pulse_run"


def parse_pulse(words: list[_Word]) -> PulseConfig | PulseRun | ParseError:
    """The words after `/alinea pulse`."""
    if not words:
        return ParseError("error.pulse_form", usage=USAGE)
    head, rest = words[0].text.lower(), words[1:]
    if head in {"run", "correr"}:
        return PulseRun() if not rest else ParseError("error.unexpected_word", usage=USAGE, word=rest[0].text)
    if head in {"config", "configurar"}:
        rhythm = parse_rhythm(rest, date.min, USAGE, followup=False)
        if isinstance(rhythm, ParseError):
            return rhythm
        return PulseConfig(every_weeks=rhythm.every_weeks, weekday=rhythm.weekday, at=rhythm.at)
    return ParseError("error.unknown_subcommand", usage=USAGE, word=words[0].text)
