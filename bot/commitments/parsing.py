"""The `/commit` grammar: pure and total, every text gives a command or a `ParseError`, never an exception."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel

from bot.commitments.models import TEXT_LIMIT, CommitmentFilter, NewCommitment
from bot.dates import read_due
from bot.errors import ParseError
from bot.ids import Command, parse_ask_number, parse_commitment_number
from bot.lexer import (
    Mistyped,
    Reader,
    Word,
    command_words,
    is_help,
    is_option,
    list_filter,
    mistyped_subcommand,
    needs_value,
    numbered,
    option_in,
    phrases,
    subcommand,
    take_options,
)
from bot.reading import Reading

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
# The words a mistyped first word is compared with: every subcommand and `help`.
_SUGGESTED: dict[str, str] = {**COMMIT_SUBCOMMANDS, "help": "help", "ayuda": "help"}
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


def _read_ask_number(value: str, reading: Reading, usage: str) -> int | ParseError:
    number = parse_ask_number(value)
    return number if number is not None else ParseError("error.bad_ask_id", usage=usage, word=value)


_NEW_COMMITMENT_OPTIONS: dict[str, Reader] = {
    "due:": needs_value("due:", "due:fri", read_due),
    "for:": needs_value("for:", "for:A-12", _read_ask_number),
}


def parse_commit(text: str, reading: Reading | date) -> CommitCommand | ParseError:
    """Parse the text of `/commit` as the caller reads and types (their date, language and locale: `due:` is read
    against it)."""
    reading = Reading.of(reading)
    if not text.strip() or is_help(text):
        return CommitHelp()
    found = command_words(text)
    if found is None:
        return ParseError("error.unclosed_quote", usage=USAGE)
    named = subcommand(text, COMMIT_SUBCOMMANDS)
    if named is None:
        found = phrases(found, _NEW_COMMITMENT_OPTIONS, reading)  # `due:next friday`: one option, for the typo check
        mistyped = mistyped_subcommand(found, _SUGGESTED, _NEW_COMMITMENT_OPTIONS, _is_commitment_id, _fits)
        return _parse_new(found, reading) if mistyped is None else _mistyped(found, mistyped)
    name, head = named
    if name == "list":
        chosen = _list_filter(found[1:], head)
        return chosen if isinstance(chosen, ParseError) else ListCommitments(filter=chosen)
    taken = numbered(found[1:], head, parse_commitment_number, "error.needs_commitment_id", {}, reading, USAGE)
    if isinstance(taken, ParseError):
        return taken
    number, _ = taken
    if name == "reopen":
        return ReopenCommitment(number=number)
    return CommitmentDone(number=number) if name == "done" else CancelCommitment(number=number)


def _list_filter(args: list[Word], head: str) -> str | ParseError:
    return list_filter([word.text for word in args], COMMIT_LIST_FILTERS, "mine", "error.commit_list_word", USAGE, head)


def _is_commitment_id(word: str) -> bool:
    return parse_commitment_number(word) is not None


def _fits(name: str, rest: list[Word]) -> bool:
    """Whether the words after a mistyped `list` are a list's filter (`/commit lsit overdue`); the other subcommands
    take a commitment ID, which `mistyped_subcommand` looks for itself."""
    return name == "list" and not isinstance(_list_filter(rest, name), ParseError)


def _mistyped(found: list[Word], mistyped: Mistyped) -> ParseError:
    """A first word that looks like a mistyped subcommand is never taken for a commitment: the reply names the
    subcommand it is close to (if any) and how to record that text, in quotes, with its due date."""
    text = " ".join(word.text for word in found if not is_option(word, _NEW_COMMITMENT_OPTIONS))
    given = [word.text for word in found if is_option(word, _NEW_COMMITMENT_OPTIONS)]
    if "due:" not in {option[0] for word in given if (option := option_in(word)) is not None}:
        given.append("due:fri")
    form = " ".join([f'{Command.COMMIT} "{text}"', *given])
    if mistyped.suggestion is None:
        return ParseError("error.commit_quote_text", usage=USAGE, text=text, form=form)
    suggestion = f"{Command.COMMIT} {mistyped.suggestion}"
    return ParseError("error.commit_mistyped", usage=USAGE, suggestion=suggestion, text=text, form=form)


def _parse_new(found: list[Word], reading: Reading) -> NewCommitment | ParseError:
    taken = take_options(found, _NEW_COMMITMENT_OPTIONS, reading, USAGE)
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
