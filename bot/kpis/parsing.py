"""The `/kpi` grammar: pure and total, every text gives a command or a `ParseError`, never an exception. Whether a logged value's unit contradicts the KPI's own unit is for the
service to check, as only it knows the KPI."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel

from bot.dates import EARLIEST_DAY, MAX_DAYS_AHEAD, MAX_WEEKS_AHEAD, named_day, numeric_day, parse_date
from bot.errors import ParseError
from bot.i18n import t
from bot.ids import Command
from bot.kpis.models import NAME_LIMIT, NOTE_LIMIT, SLUG_PATTERN, UNIT_LIMIT, KpiDefinition, KpiEntry, KpiOwner
from bot.kpis.status import Cadence, Direction
from bot.kpis.values import (
    Quantity,
    canonical_unit,
    choice_params,
    contradicts,
    needs_choice,
    parse_quantity,
    quantity_examples,
)
from bot.lexer import (
    Phrase,
    Reader,
    Word,
    command_words,
    needs_value,
    parse_side,
    plain_words,
    runs_over,
    take_options,
    unknown_subcommand,
)
from bot.reading import Reading

USAGE = "usage.kpi"

_SLUG = re.compile(SLUG_PATTERN)
# Past dates read for `date:` besides what bot.dates reads (its weekdays and `+3d` look ahead, not back).
_DAYS_AGO = {"yesterday": 1, "ayer": 1}
_RELATIVE_PAST = re.compile(r"-0*([0-9]{1,4})([dw])")


class KpiList(BaseModel):
    kind: Literal["list"] = "list"


class KpiHelp(BaseModel):
    kind: Literal["help"] = "help"


class KpiDefineModal(BaseModel):
    kind: Literal["define_modal"] = "define_modal"


class KpiShow(BaseModel):
    kind: Literal["show"] = "show"
    slug: str


class KpiArchive(BaseModel):
    kind: Literal["archive"] = "archive"
    slug: str


# What `/kpi` does besides opening the Define KPI modal; each is answered with a message.
KpiRequest = KpiList | KpiHelp | KpiDefinition | KpiEntry | KpiShow | KpiArchive
KpiCommand = KpiDefineModal | KpiRequest

KPI_SUBCOMMANDS: dict[str, str] = {
    "help": "help",
    "ayuda": "help",
    "list": "list",
    "lista": "list",
    "listar": "list",
    "define": "define",
    "definir": "define",
    "log": "log",
    "registrar": "log",
    "show": "show",
    "mostrar": "show",
    "ver": "show",
    "archive": "archive",
    "archivar": "archive",
}
DIRECTIONS: dict[str, Direction] = {"up": "up", "subir": "up", "sube": "up", "down": "down", "bajar": "down",
                                     "baja": "down"}
OWNERS: dict[str, KpiOwner] = {"shared": "shared", "compartido": "shared", "compartida": "shared"}
CADENCES: dict[str, Cadence] = {"weekly": "weekly", "semanal": "weekly", "monthly": "monthly", "mensual": "monthly"}


def parse_slug(word: str) -> str | None:
    """The slug `word` names, lower-cased: a letter or digit, then letters, digits and dashes, 40 at most."""
    slug = word.strip().lower()
    return slug if _SLUG.fullmatch(slug) else None


def parse_kpi(text: str, reading: Reading | date) -> KpiCommand | ParseError:
    """Parse the text of `/kpi`; `today` is the caller's local date, against which `date:` is read."""
    reading = Reading.of(reading)
    if not text.strip():
        return KpiList()
    words = command_words(text)
    if words is None:
        head = text.split(None, 1)[0]
        if KPI_SUBCOMMANDS.get(head.lower()) == "log":  # a lone `"` in a note is no error
            return _parse_log(plain_words(text)[1:], head, reading)
        return ParseError("error.unclosed_quote", usage=USAGE)
    if not words:  # only blank quoted phrases
        return KpiList()
    head, rest = words[0].text, words[1:]
    name = KPI_SUBCOMMANDS.get(head.lower())
    if name is None:
        return unknown_subcommand(words[0], KPI_SUBCOMMANDS, Command.KPI, USAGE)
    if name in {"list", "help"}:
        if rest:
            return ParseError("error.unexpected_word", usage=USAGE, word=rest[0].text)
        return KpiList() if name == "list" else KpiHelp()
    if name == "define":
        return _parse_define(rest, reading) if rest else KpiDefineModal()
    if name == "log":
        return _parse_log(rest, head, reading)
    slug = _read_slug(rest, head)
    if isinstance(slug, ParseError):
        return slug
    if len(rest) > 1:
        return ParseError("error.unexpected_word", usage=USAGE, word=rest[1].text)
    return KpiShow(slug=slug) if name == "show" else KpiArchive(slug=slug)


def _read_slug(rest: list[Word], head: str) -> str | ParseError:
    if not rest:
        return ParseError("error.kpi_needs_slug", usage=USAGE, word=head)
    slug = parse_slug(rest[0].text)
    if slug is None:
        return ParseError("error.kpi_bad_slug", usage=USAGE, word=rest[0].text)
    return slug


# --- define -----------------------------------------------------------------------------------------------


def _read_quantity(value: str, reading: Reading, usage: str) -> Quantity | ParseError:
    quantity = parse_quantity(value, reading)
    if quantity is None:
        return ParseError("error.kpi_number_unreadable", usage=usage, word=value,
                          examples=quantity_examples(reading.language))
    return quantity


def _is_quantity(phrase: str, reading: Reading) -> bool:
    """Whether `phrase` reads as one value: what a value typed over several words may run over (`99,95 %`, `2,1 M`,
    `40 €`; never `5 m`, five metres)."""
    return parse_quantity(phrase, reading) is not None


def _read_unit(value: str, reading: Reading, usage: str) -> str | ParseError:
    if len(value) > UNIT_LIMIT:
        return ParseError("error.kpi_unit_too_long", usage=usage, limit=UNIT_LIMIT, length=len(value))
    return canonical_unit(value) or value


def _read_direction(value: str, reading: Reading, usage: str) -> Direction | ParseError:
    direction = DIRECTIONS.get(value.lower())
    return direction if direction is not None else ParseError("error.kpi_bad_direction", usage=usage, word=value)


def _read_owner(value: str, reading: Reading, usage: str) -> KpiOwner | ParseError:
    side = parse_side(value)
    if side is not None:
        return side.value  # type: ignore[return-value]
    owner = OWNERS.get(value.lower())
    return owner if owner is not None else ParseError("error.kpi_bad_owner", usage=usage, word=value)


def _read_cadence(value: str, reading: Reading, usage: str) -> Cadence | ParseError:
    cadence = CADENCES.get(value.lower())
    return cadence if cadence is not None else ParseError("error.kpi_bad_cadence", usage=usage, word=value)


_DEFINE_OPTIONS: dict[str, Reader] = {
    "target:": needs_value("target:", "target:30", Phrase(_read_quantity, _is_quantity)),  # `target:2,1 M`
    "unit:": needs_value("unit:", "unit:%", _read_unit),
    "direction:": needs_value("direction:", "direction:down", _read_direction),
    "owner:": needs_value("owner:", "owner:shared", _read_owner),
    "cadence:": needs_value("cadence:", "cadence:monthly", _read_cadence),
}


def _parse_define(rest: list[Word], reading: Reading) -> KpiDefinition | ParseError:
    """`define <slug> "<name>" target:NUMBER [unit:UNIT] [direction:up|down] [owner:SIDE|shared]
    [cadence:weekly|monthly]`: the options anywhere after the slug, the name from the other words."""
    slug = _read_slug(rest, "define")
    if isinstance(slug, ParseError):
        return slug
    taken = take_options(rest[1:], _DEFINE_OPTIONS, reading, USAGE)
    if isinstance(taken, ParseError):
        return taken
    options, free = taken
    name = " ".join(free)
    if not name:
        return ParseError("error.kpi_needs_name", usage=USAGE, slug=slug)
    if len(name) > NAME_LIMIT:
        return ParseError("error.kpi_name_too_long", usage=USAGE, limit=NAME_LIMIT, length=len(name))
    target = options.get("target:")
    if not isinstance(target, Quantity):
        return ParseError("error.kpi_needs_target", usage=USAGE, slug=slug)
    unit = options.get("unit:")
    if unit is not None and contradicts(target, unit):  # type: ignore[arg-type]
        return ParseError("error.kpi_target_unit_conflict", usage=USAGE, symbol=target.symbol, unit=unit)
    unit = unit if unit is not None else target.symbol
    if needs_choice(target, unit):  # type: ignore[arg-type]
        return ParseError("error.kpi_ambiguous_number", usage=USAGE,
                          **choice_params(target, unit, reading.language))  # type: ignore[arg-type]
    return KpiDefinition(
        slug=slug,
        name=name,
        target=target.number,
        unit=unit,
        direction=options.get("direction:", "up"),
        owner=options.get("owner:", "shared"),
        cadence=options.get("cadence:", "weekly"),
    )


# --- log --------------------------------------------------------------------------------------------------


def parse_past_date(word: str, reading: Reading | date) -> date | None:
    """A date for a logged value: what `parse_date` reads looking back (`20/11`, `5 dic` are the latest such day),
    plus `yesterday`/`ayer` and `-3d`, `-2w` (as far back as `+3650d`/`+520w` reach ahead). None when `word` names
    no date."""
    today = Reading.of(reading).today
    lowered = word.strip().lower()
    try:
        if lowered in _DAYS_AGO:
            return today - timedelta(days=_DAYS_AGO[lowered])
        if (relative := _RELATIVE_PAST.fullmatch(lowered)) is not None:
            count, unit = int(relative[1]), relative[2]
            if count > (MAX_DAYS_AHEAD if unit == "d" else MAX_WEEKS_AHEAD):
                return None
            return today - timedelta(days=count if unit == "d" else 7 * count)
    except OverflowError:  # before date.min
        return None
    return parse_date(word, reading, looking_back=True)


def log_date_examples(reading: Reading) -> str:
    """For a `date:` error: forms read for a logged value, in the reader's language and conventions, each a date up
    to today (`2026-11-18, today, yesterday, 11/11, nov 4, -3d, -2w`)."""
    today = reading.today
    try:
        week, two_weeks, three_weeks = (today - timedelta(days=days) for days in (7, 14, 21))
    except OverflowError:  # at the calendar's start
        week = two_weeks = three_weeks = today
    return t(reading.language, "typed.log_date_examples", iso=week.isoformat(),
             numeric=numeric_day(two_weeks, reading), named=named_day(three_weeks, reading))


def _read_log_date(value: str, reading: Reading, usage: str) -> date | ParseError:
    on = parse_past_date(value, reading)
    if on is None:
        return ParseError("error.bad_date", usage=usage, word=value, examples=log_date_examples(reading))
    if not EARLIEST_DAY <= on <= reading.today:
        return ParseError("error.kpi_date_range", usage=usage, word=value, earliest=EARLIEST_DAY.isoformat(),
                          today=reading.today.isoformat())
    return on


def _is_past_date(phrase: str, reading: Reading) -> bool:
    return parse_past_date(phrase, reading) is not None


_LOG_OPTIONS: dict[str, Reader] = {
    "date:": needs_value("date:", "date:yesterday", Phrase(_read_log_date, _is_past_date)),
}


def _parse_log(rest: list[Word], head: str, reading: Reading) -> KpiEntry | ParseError:
    """`log <slug> <value> [date:DATE] [note…]`: `date:` anywhere after the value, the note from the other
    words (a quoted phrase keeps its quotes there)."""
    slug = _read_slug(rest, head)
    if isinstance(slug, ParseError):
        return slug
    if len(rest) < 2:
        return ParseError("error.kpi_log_needs_value", usage=USAGE, slug=slug)
    used = 0 if rest[1].quoted else runs_over(rest[1].text, rest[2:], _is_quantity, reading)  # `99,95 %`: one value
    quantity = _read_quantity(" ".join(word.text for word in rest[1:2 + used]), reading, USAGE)
    if isinstance(quantity, ParseError):
        return quantity
    # a quoted phrase is never an option, and keeps its quotes in the note
    after = [Word(f'"{word.text}"', True) if word.quoted else word for word in rest[2 + used:]]
    taken = take_options(after, _LOG_OPTIONS, reading, USAGE)
    if isinstance(taken, ParseError):
        return taken
    options, free = taken
    note = " ".join(free)
    if len(note) > NOTE_LIMIT:
        return ParseError("error.comment_too_long", usage=USAGE, limit=NOTE_LIMIT, length=len(note))
    return KpiEntry(slug=slug, quantity=quantity, on=options.get("date:"), note=note or None)
