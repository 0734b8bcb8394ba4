"""The `/commit` grammar: pure and total, every text gives a command or a `ParseError`, never an exception."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel

from bot.commitments.models import TEXT_LIMIT, CommitmentFilter, NewCommitment
from bot.dates import read_due
from bot.errors import ParseError
from bot.ids import parse_ask_number, parse_commitment_number
from bot.lexer import Reader, Word, command_words, is_help, list_filter, needs_value, numbered, subcommand, take_options

USAGE = "usage.commit"


class CommitHelp(BaseModel):
    kind: Literal["help"] = "help"


class ListCommitments(BaseModel):
    kind: Literal["list"] = "list"
    filter: CommitmentFilter = "mine"


class CommitmentDone(BaseModel):
    kind: Literal["done"] = "done"
    number: int


class CancelCommitment(BaseModel):
    kind: Literal["cancel"] = "cancel"
    number: int


class ReopenCommitment(BaseModel):
    kind: Literal["reopen"] = "reopen"
    number: int


CommitCommand = CommitHelp | NewCommitment | ListCommitments | CommitmentDone | CancelCommitment | ReopenCommitment

COMMIT_SUBCOMMANDS: dict[str, str] = {
    "list": "list",
    "lista": "list",
    "done": "done",
    "hecho": "done",
    "cancel": "cancel",
    "cancelar": "cancel",
    "reopen": "reopen",
    "reabrir": "reopen",
}
COMMIT_LIST_FILTERS: dict[str, str] = {
    "mine": "mine",
    "mios": "mine",
    "míos": "mine",
    "mias": "mine",
    "mías": "mine",
    "overdue": "overdue",
    "vencidos": "overdue",
    "vencidas": "overdue",
    "side": "side",
    "lado": "side",
}


def _read_ask_number(value: str, today: date, usage: str) -> int | ParseError:
    number = parse_ask_number(value)
    return number if number is not None else ParseError("error.bad_ask_id", usage=usage, word=value)


_NEW_COMMITMENT_OPTIONS: dict[str, Reader] = {
    "due:": needs_value("due:", "due:fri", read_due),
    "for:": needs_value("for:", "for:A-12", _read_ask_number),
}


def parse_commit(text: str, today: date) -> CommitCommand | ParseError:
    """Parse the text of `/commit`; `today` is the caller's local date, against which `due:` is read."""
    if not text.strip() or is_help(text):
        return CommitHelp()
    found = command_words(text)
    if found is None:
        return ParseError("error.unclosed_quote", usage=USAGE)
    named = subcommand(text, COMMIT_SUBCOMMANDS)
    if named is None:
        return _parse_new(found, today)
    name, head = named
    if name == "list":
        free = [word.text for word in found[1:]]
        chosen = list_filter(free, COMMIT_LIST_FILTERS, "mine", "error.commit_list_word", USAGE, head)
        return chosen if isinstance(chosen, ParseError) else ListCommitments(filter=chosen)
    taken = numbered(found[1:], head, parse_commitment_number, "error.needs_commitment_id", {}, today, USAGE)
    if isinstance(taken, ParseError):
        return taken
    number, _ = taken
    if name == "reopen":
        return ReopenCommitment(number=number)
    return CommitmentDone(number=number) if name == "done" else CancelCommitment(number=number)


def _parse_new(found: list[Word], today: date) -> NewCommitment | ParseError:
    taken = take_options(found, _NEW_COMMITMENT_OPTIONS, today, USAGE)
    if isinstance(taken, ParseError):
        return taken
    options, free = taken
    if "due:" not in options:
        return ParseError("error.commit_needs_due", usage=USAGE)
    text = " ".join(free)
    if not text:
        return ParseError("error.commitment_needs_text", usage=USAGE)
    if len(text) > TEXT_LIMIT:
        return ParseError("error.commitment_too_long", usage=USAGE, limit=TEXT_LIMIT, length=len(text))
    return NewCommitment(text=text, due=options["due:"], ask_number=options.get("for:"))
