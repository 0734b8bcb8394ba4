"""The `/ask` grammar: pure and total, every text gives a command or a `ParseError`, never an exception."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Literal

from pydantic import BaseModel

from bot.asks.models import COMMENT_LIMIT, SPANISH_CATEGORIES, TITLE_LIMIT, AskFilter, Category, NewAsk, Priority
from bot.dates import read_due
from bot.errors import ParseError
from bot.ids import Command, parse_ask_number
from bot.lexer import (
    Mistyped,
    Reader,
    Word,
    command_words,
    folded,
    is_help,
    is_option,
    list_filter,
    mistyped_subcommand,
    needs_value,
    numbered,
    phrases,
    read_side,
    subcommand,
    take_options,
)
from bot.people import Side
from bot.reading import Reading

USAGE = "usage.ask"

PRIORITIES: dict[str, Priority] = {
    **{priority.value: priority for priority in Priority},
    "baja": Priority.LOW,
    "alta": Priority.HIGH,
    "urgente": Priority.URGENT,
}
# Every word a category is typed as, folded (no case or accents): English and Spanish.
CATEGORIES: dict[str, Category] = {
    **{folded(name): category for category, name in SPANISH_CATEGORIES.items()},
    **{category.value: category for category in Category},
}


class AskModal(BaseModel):
    kind: Literal["modal"] = "modal"


class AskHelp(BaseModel):
    kind: Literal["help"] = "help"


class ListAsks(BaseModel):
    kind: Literal["list"] = "list"
    filter: AskFilter = "open"
    to_side: Side | None = None


class ShowAsk(BaseModel):
    kind: Literal["show"] = "show"
    number: int


class AcceptAsk(BaseModel):
    kind: Literal["accept"] = "accept"
    number: int
    due: date | None = None


class DeclineAsk(BaseModel):
    kind: Literal["decline"] = "decline"
    number: int
    reason: str


class DoneAsk(BaseModel):
    kind: Literal["done"] = "done"
    number: int
    note: str | None = None


class CancelAsk(BaseModel):
    """`/ask cancel A-12`, or `/ask withdraw A-12`: the requester's (or an admin's) cancel."""

    kind: Literal["cancel"] = "cancel"
    number: int


class ReopenAsk(BaseModel):
    kind: Literal["reopen"] = "reopen"
    number: int
    reason: str | None = None


# What `/ask` does besides opening the New ask modal; each is answered with a message.
AskRequest = AskHelp | NewAsk | ListAsks | ShowAsk | AcceptAsk | DeclineAsk | DoneAsk | CancelAsk | ReopenAsk
AskCommand = AskModal | AskRequest

ASK_SUBCOMMANDS: dict[str, str] = {
    "list": "list",
    "lista": "list",
    "show": "show",
    "mostrar": "show",
    "accept": "accept",
    "aceptar": "accept",
    "decline": "decline",
    "rechazar": "decline",
    "done": "done",
    "hecho": "done",
    "cancel": "cancel",
    "cancelar": "cancel",
    "withdraw": "cancel",
    "retirar": "cancel",
    "reopen": "reopen",
    "reabrir": "reopen",
}
# The words a mistyped first word is compared with: every subcommand and `help`.
_SUGGESTED: dict[str, str] = {**ASK_SUBCOMMANDS, "help": "help", "ayuda": "help"}
ASK_LIST_FILTERS: dict[str, str] = {
    "open": "open",
    "abiertas": "open",
    "mine": "mine",
    "mias": "mine",
    "mías": "mine",
    "overdue": "overdue",
    "vencidas": "overdue",
    "all": "all",
    "todas": "all",
}


def _read_owner(value: str, reading: Reading, usage: str) -> str:
    return value  # option_in already took the user ID out of the mention


def _read_priority(value: str, reading: Reading, usage: str) -> Priority | ParseError:
    priority = PRIORITIES.get(value.lower())
    return priority if priority is not None else ParseError("error.unknown_priority", usage=usage, word=f"!{value}")


def _read_category(value: str, reading: Reading, usage: str) -> Category | ParseError:
    category = CATEGORIES.get(folded(value)) if len(value) <= 40 else None
    if category is None:
        names = SPANISH_CATEGORIES if reading.language == "es" else {category: category.value for category in Category}
        categories = ", ".join(f"#{name}" for name in names.values())
        return ParseError("error.unknown_category", usage=usage, word=f"#{value}", categories=categories)
    return category


_TO = needs_value("to:", "to:it", read_side)
_DUE = needs_value("due:", "due:fri", read_due)
_NEW_ASK_OPTIONS: dict[str, Reader] = {
    "to:": _TO,
    "due:": _DUE,
    "@owner": _read_owner,
    "!priority": _read_priority,
    "#category": _read_category,
}


def opens_modal(text: str) -> bool:
    """Whether `/ask` with this text opens the New ask modal (said before parsing: the work that opens a modal must
    start at once)."""
    return not text.strip()


def parse_ask(text: str, reading: Reading | date) -> AskCommand | ParseError:
    """Parse the text of `/ask` as the caller reads and types (their date, language and locale: `due:` and the
    categories are read against it)."""
    reading = Reading.of(reading)
    if opens_modal(text):
        return AskModal()
    if is_help(text):
        return AskHelp()
    named = subcommand(text, ASK_SUBCOMMANDS)
    if named is not None and named[0] in {"decline", "done", "reopen"}:
        return _parse_closing(text, *named)
    found = command_words(text)
    if found is None:
        return ParseError("error.unclosed_quote", usage=USAGE)
    if named is None:
        found = phrases(found, _NEW_ASK_OPTIONS, reading)  # `due:next friday` is one option, for the typo check too
        mistyped = mistyped_subcommand(found, _SUGGESTED, _NEW_ASK_OPTIONS, _is_ask_id, _fits(reading))
        return _parse_new(found, reading) if mistyped is None else _mistyped(found, mistyped)
    name, head = named
    if name == "list":
        return _parse_list(found[1:], head, reading)
    readers = {"due:": _DUE} if name == "accept" else {}
    taken = numbered(found[1:], head, parse_ask_number, "error.needs_ask_id", readers, reading, USAGE)
    if isinstance(taken, ParseError):
        return taken
    number, options = taken
    if name == "accept":
        return AcceptAsk(number=number, due=options.get("due:"))
    return ShowAsk(number=number) if name == "show" else CancelAsk(number=number)


def _is_ask_id(word: str) -> bool:
    return parse_ask_number(word) is not None


def _fits(reading: Reading) -> Callable[[str, list[Word]], bool]:
    """Whether the words after a mistyped `list` are a list's filters (`/ask lsit mine`); the other subcommands
    take an ask ID first, which `mistyped_subcommand` looks for itself."""
    return lambda name, rest: name == "list" and not isinstance(_parse_list(rest, name, reading), ParseError)


def _mistyped(found: list[Word], mistyped: Mistyped) -> ParseError:
    """A first word that looks like a mistyped subcommand is never taken for a title: the reply names the subcommand
    it is close to (if any) and how to log that title, in quotes."""
    title = " ".join(word.text for word in found if not is_option(word, _NEW_ASK_OPTIONS))
    options_given = any(is_option(word, _NEW_ASK_OPTIONS) for word in found)
    form = f'{Command.ASK} "{title}"' + (" …" if options_given else "")
    if mistyped.suggestion is None:
        return ParseError("error.ask_quote_title", usage=USAGE, title=title, form=form)
    suggestion = f"{Command.ASK} {mistyped.suggestion}"
    return ParseError("error.ask_mistyped", usage=USAGE, suggestion=suggestion, title=title, form=form)


def _parse_new(found: list[Word], reading: Reading) -> NewAsk | ParseError:
    taken = take_options(found, _NEW_ASK_OPTIONS, reading, USAGE)
    if isinstance(taken, ParseError):
        return taken
    options, free = taken
    title = " ".join(free)
    if not title:
        return ParseError("error.ask_needs_title", usage=USAGE)
    if len(title) > TITLE_LIMIT:
        return ParseError("error.title_too_long", usage=USAGE, limit=TITLE_LIMIT, length=len(title))
    return NewAsk(
        title=title,
        to_side=options.get("to:"),
        owner_id=options.get("@owner"),
        due=options.get("due:"),
        priority=options.get("!priority", Priority.NORMAL),
        category=options.get("#category"),
    )


def _parse_list(args: list[Word], head: str, reading: Reading) -> ListAsks | ParseError:
    taken = take_options(args, {"to:": _TO}, reading, USAGE)
    if isinstance(taken, ParseError):
        return taken
    options, free = taken
    chosen = list_filter(free, ASK_LIST_FILTERS, "open", "error.ask_list_word", USAGE, head)
    if isinstance(chosen, ParseError):
        return chosen
    return ListAsks(filter=chosen, to_side=options.get("to:"))


def _parse_closing(text: str, name: str, head: str) -> DeclineAsk | DoneAsk | ReopenAsk | ParseError:
    """`decline A-12 <reason>`, `done A-12 [note]` and `reopen A-12 [reason]`: the reason or note is the rest of the
    text as typed, quotes and all, so an apostrophe or a lone `"` in it is no error."""
    parts = text.split(None, 2)
    number = parse_ask_number(parts[1]) if len(parts) > 1 else None
    if number is None:
        return ParseError("error.needs_ask_id", usage=USAGE, word=head)
    comment = parts[2].strip() if len(parts) > 2 else ""
    if len(comment) > COMMENT_LIMIT:
        return ParseError("error.comment_too_long", usage=USAGE, limit=COMMENT_LIMIT, length=len(comment))
    if name == "done":
        return DoneAsk(number=number, note=comment or None)
    if name == "reopen":
        return ReopenAsk(number=number, reason=comment or None)
    if not comment:
        return ParseError("error.decline_needs_reason", usage=USAGE)
    return DeclineAsk(number=number, reason=comment)
