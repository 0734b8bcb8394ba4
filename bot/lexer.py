"""Pure, total parsing of command text: every string gives a parsed command or a `ParseError`,
never an exception. Slack sends mentions escaped (`<@U123|name>`) because the manifest asks it to."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Literal, NamedTuple

from pydantic import BaseModel

from bot.dates import DATE_EXAMPLES, parse_date
from bot.errors import InvalidInput
from bot.people import Category, Priority, Side

SIDE_ALIASES: dict[str, Side] = {
    "marketing": Side.MARKETING,
    "mkt": Side.MARKETING,
    "mercadotecnia": Side.MARKETING,
    "it": Side.IT,
    "ti": Side.IT,
    "tech": Side.IT,
}

_MENTION = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$")
# A quoted phrase, a Slack-escaped token (`<@U1|john smith>` may hold blanks), or a bare word.
_TOKEN = re.compile(r'"([^"]*)"|(<[^<>"]*>|[^\s"]+)')
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})


class ParseError(InvalidInput):
    """What was wrong with the text, and which usage to show. Returned, not raised, by parsers."""

    def __init__(self, key: str, usage: str, **params: object) -> None:
        super().__init__(key, usage=usage, **params)
        self.usage = usage


class _Word(NamedTuple):
    text: str
    quoted: bool  # a "quoted phrase" is always plain text, never an option


def _words(text: str) -> list[_Word] | None:
    """The tokens of `tokenize`, each saying whether it was quoted."""
    text = text.translate(_QUOTES)
    if text.count('"') % 2:
        return None
    return [
        _Word(match[1], True) if match[1] is not None else _Word(match[2], False) for match in _TOKEN.finditer(text)
    ]


def tokenize(text: str) -> list[str] | None:
    """Split on blanks, keeping "quoted phrases" whole (Slack clients type curly quotes too).
    None when a quote is left open."""
    words = _words(text)
    return None if words is None else [word.text for word in words]


def parse_side(word: str) -> Side | None:
    return SIDE_ALIASES.get(word.strip().lower())


def parse_mention(word: str) -> str | None:
    """The user ID in an escaped mention, or None."""
    match = _MENTION.match(word.strip())
    return match[1] if match else None


def is_help(text: str) -> bool:
    return text.strip().lower() in {"help", "ayuda"}


class AlineaHelp(BaseModel):
    kind: Literal["help"] = "help"


class JoinSide(BaseModel):
    kind: Literal["join"] = "join"
    side: Side


class ListTeam(BaseModel):
    kind: Literal["team_list"] = "team_list"


class AddToTeam(BaseModel):
    kind: Literal["team_add"] = "team_add"
    user_id: str
    side: Side
    leader: bool


class RemoveFromTeam(BaseModel):
    kind: Literal["team_remove"] = "team_remove"
    user_id: str


AlineaCommand = AlineaHelp | JoinSide | ListTeam | AddToTeam | RemoveFromTeam  # and the pulse's (bot.pulse_parsing)

LEADER_WORDS = {"leader", "lider", "líder"}


def parse_alinea(text: str) -> AlineaCommand | ParseError:
    """Parse the text of `/alinea`."""
    words = tokenize(text)
    if words is None:
        return ParseError("error.unclosed_quote", usage="usage.alinea")
    words = [word for word in words if word]
    if not words or is_help(" ".join(words)):
        return AlineaHelp()
    head, rest = words[0].lower(), words[1:]
    if head in {"pulse", "pulso"}:
        from bot.pulse.parsing import parse_pulse

        command_words = _command_words(text)
        return parse_pulse((command_words or [])[1:])
    if head in {"join", "unirme", "unir"}:
        return _parse_join(rest)
    if head in {"team", "equipo"}:
        return _parse_team(rest)
    return ParseError("error.unknown_subcommand", usage="usage.alinea", word=words[0])


def _parse_join(rest: list[str]) -> JoinSide | ParseError:
    if len(rest) != 1:
        return ParseError("error.join_needs_side", usage="usage.alinea.join")
    side = parse_side(rest[0])
    if side is None:
        return ParseError("error.unknown_side", usage="usage.alinea.join", word=rest[0])
    return JoinSide(side=side)


def _parse_team(rest: list[str]) -> AlineaCommand | ParseError:
    if not rest:
        return ListTeam()
    action, args = rest[0].lower(), rest[1:]
    if action in {"add", "agregar"}:
        return _parse_team_add(args)
    if action in {"remove", "quitar"}:
        if len(args) != 1 or parse_mention(args[0]) is None:
            return ParseError("error.needs_one_mention", usage="usage.alinea.team_remove")
        return RemoveFromTeam(user_id=parse_mention(args[0]))
    if action in {"list", "lista"} and not args:
        return ListTeam()
    return ParseError("error.unknown_subcommand", usage="usage.alinea.team", word=rest[0])


def _parse_team_add(args: list[str]) -> AddToTeam | ParseError:
    usage = "usage.alinea.team_add"
    if len(args) not in (2, 3):
        return ParseError("error.team_add_form", usage=usage)
    user_id = parse_mention(args[0])
    if user_id is None:
        return ParseError("error.not_a_mention", usage=usage, word=args[0])
    side = parse_side(args[1])
    if side is None:
        return ParseError("error.unknown_side", usage=usage, word=args[1])
    if len(args) == 3 and args[2].lower() not in LEADER_WORDS:
        return ParseError("error.unexpected_word", usage=usage, word=args[2])
    return AddToTeam(user_id=user_id, side=side, leader=len(args) == 3)


# --- shared by /ask and /commit ---------------------------------------------------------------------------

ASK_TITLE_LIMIT = 150
COMMITMENT_TEXT_LIMIT = 300
COMMENT_LIMIT = 500  # a decline reason or a done note

PRIORITIES: dict[str, Priority] = {
    **{priority.value: priority for priority in Priority},
    "baja": Priority.LOW,
    "alta": Priority.HIGH,
    "urgente": Priority.URGENT,
}
CATEGORIES: dict[str, Category] = {category.value: category for category in Category}
_CATEGORY_LIST = ", ".join(f"#{category.value}" for category in Category)

_ASK_ID = re.compile(r"[Aa]-?([0-9]{1,9})")
_COMMITMENT_ID = re.compile(r"[Cc]-?([0-9]{1,9})")
_KEY_VALUE = re.compile(r"([A-Za-z]+):(.*)", re.DOTALL)
# Slack escapes `#word` into a channel mention when a channel of that name exists.
_CHANNEL = re.compile(r"<#[CG][A-Z0-9]+\|([^>]*)>")
# key:value options whose value is missing get an example of the right form.
_OPTION_EXAMPLES = {"to:": "to:it", "due:": "due:fri", "for:": "for:A-12"}

# An option's raw value, today and the usage key → the option's value, or the ParseError to return.
_Reader = Callable[[str, date, str], object]


def _parse_number(word: str, pattern: re.Pattern[str]) -> int | None:
    match = pattern.fullmatch(word.strip())
    return (int(match[1]) or None) if match else None  # A-0 names nothing


def parse_ask_number(word: str) -> int | None:
    """12 for `A-12`, `a-12` or `A12`; None for anything else."""
    return _parse_number(word, _ASK_ID)


def parse_commitment_number(word: str) -> int | None:
    """7 for `C-7`, `c-7` or `C7`; None for anything else."""
    return _parse_number(word, _COMMITMENT_ID)


def _command_words(text: str) -> list[_Word] | None:
    """The words of a command, stripped, without blank quoted phrases; None when a quote is left open."""
    words = _words(text)
    if words is None:
        return None
    return [_Word(word.text.strip(), word.quoted) for word in words if word.text.strip()]


def _subcommand(text: str, names: dict[str, str]) -> tuple[str, str] | None:
    """(name, word as typed) when the first word names a subcommand. Text opening with a quote never does,
    so `/ask "Cancel the old CRM licence"` logs an ask."""
    text = text.translate(_QUOTES).lstrip()
    if not text or text.startswith('"'):
        return None
    head = text.split(None, 1)[0]
    name = names.get(head.lower())
    return None if name is None else (name, head)


def _option_in(word: str) -> tuple[str, str] | None:
    """The option a bare word gives, with its raw value: `to:it` → ("to:", "it"), `<@U1|ann>` → ("@owner",
    "U1"), `!high` → ("!priority", "high"), `#kpi` or `<#C1|kpi>` → ("#category", "kpi")."""
    if (user_id := parse_mention(word)) is not None:
        return "@owner", user_id
    if (channel := _CHANNEL.fullmatch(word)) is not None:
        return "#category", channel[1]
    if len(word) > 1 and word[0] in "!#":
        return ("!priority" if word[0] == "!" else "#category"), word[1:]
    if (pair := _KEY_VALUE.fullmatch(word)) is not None:
        return pair[1].lower() + ":", pair[2]
    return None


def _take_options(
    words: list[_Word], readers: dict[str, _Reader], today: date, usage: str
) -> tuple[dict[str, object], list[str]] | ParseError:
    """Split words into the options `readers` know, each given at most once, and the free words in order.
    Quoted phrases and words naming other options (`http://x`, `10:30`) are free words."""
    options: dict[str, object] = {}
    free: list[str] = []
    for word in words:
        found = None if word.quoted else _option_in(word.text)
        if found is None or found[0] not in readers:
            free.append(word.text)
            continue
        name, raw = found
        if name in options:
            return ParseError("error.repeated_option", usage=usage, option=name)
        if not raw and name in _OPTION_EXAMPLES:
            return ParseError("error.empty_option", usage=usage, option=name, example=_OPTION_EXAMPLES[name])
        value = readers[name](raw, today, usage)
        if isinstance(value, ParseError):
            return value
        options[name] = value
    return options, free


def _read_side(value: str, today: date, usage: str) -> Side | ParseError:
    side = parse_side(value)
    return side if side is not None else ParseError("error.unknown_side", usage=usage, word=value)


def _read_due(value: str, today: date, usage: str) -> date | ParseError:
    due = parse_date(value, today)
    if due is None:
        return ParseError("error.bad_date", usage=usage, word=value, examples=DATE_EXAMPLES)
    if due < today:
        return ParseError("error.date_in_past", usage=usage, word=value)
    return due


def _read_ask_number(value: str, today: date, usage: str) -> int | ParseError:
    number = parse_ask_number(value)
    return number if number is not None else ParseError("error.bad_ask_id", usage=usage, word=value)


def _read_owner(value: str, today: date, usage: str) -> str:
    return value  # _option_in already took the user ID out of the mention


def _read_priority(value: str, today: date, usage: str) -> Priority | ParseError:
    priority = PRIORITIES.get(value.lower())
    return priority if priority is not None else ParseError("error.unknown_priority", usage=usage, word=f"!{value}")


def _read_category(value: str, today: date, usage: str) -> Category | ParseError:
    category = CATEGORIES.get(value.lower())
    if category is None:
        return ParseError("error.unknown_category", usage=usage, word=f"#{value}", categories=_CATEGORY_LIST)
    return category


def _parse_numbered(
    args: list[_Word],
    head: str,
    parse_number: Callable[[str], int | None],
    missing_key: str,
    readers: dict[str, _Reader],
    today: date,
    usage: str,
) -> tuple[int, dict[str, object]] | ParseError:
    """`<subcommand> A-12 [options]`: the number and the options; any other word is an error."""
    number = parse_number(args[0].text) if args else None
    if number is None:
        return ParseError(missing_key, usage=usage, word=head)
    taken = _take_options(args[1:], readers, today, usage)
    if isinstance(taken, ParseError):
        return taken
    options, free = taken
    if free:
        return ParseError("error.unexpected_word", usage=usage, word=free[0])
    return number, options


def _list_filter(
    free: list[str], filters: dict[str, str], default: str, error_key: str, usage: str, head: str
) -> str | ParseError:
    """The one filter named among the words after `list`, else the default."""
    chosen: str | None = None
    for word in free:
        value = filters.get(word.lower())
        if value is None:
            return ParseError(error_key, usage=usage, word=word, subcommand=head)
        if chosen is not None:
            return ParseError("error.unexpected_word", usage=usage, word=word)
        chosen = value
    return chosen or default


# --- /ask -------------------------------------------------------------------------------------------------


class AskModal(BaseModel):
    kind: Literal["modal"] = "modal"


class AskHelp(BaseModel):
    kind: Literal["help"] = "help"


class NewAsk(BaseModel):
    kind: Literal["new"] = "new"
    title: str
    to_side: Side | None = None
    owner_id: str | None = None
    due: date | None = None
    priority: Priority = Priority.NORMAL
    category: Category | None = None


class ListAsks(BaseModel):
    kind: Literal["list"] = "list"
    filter: Literal["open", "mine", "overdue", "all"] = "open"
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
    kind: Literal["cancel"] = "cancel"
    number: int


AskCommand = AskModal | AskHelp | NewAsk | ListAsks | ShowAsk | AcceptAsk | DeclineAsk | DoneAsk | CancelAsk

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
}
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
_NEW_ASK_OPTIONS: dict[str, _Reader] = {
    "to:": _read_side,
    "due:": _read_due,
    "@owner": _read_owner,
    "!priority": _read_priority,
    "#category": _read_category,
}


def parse_ask(text: str, today: date) -> AskCommand | ParseError:
    """Parse the text of `/ask`; `today` is the caller's local date, against which `due:` is read."""
    usage = "usage.ask"
    if not text.strip():
        return AskModal()
    if is_help(text):
        return AskHelp()
    subcommand = _subcommand(text, ASK_SUBCOMMANDS)
    if subcommand is not None and subcommand[0] in {"decline", "done"}:
        return _parse_ask_closing(text, *subcommand)
    words = _command_words(text)
    if words is None:
        return ParseError("error.unclosed_quote", usage=usage)
    if subcommand is None:
        return _parse_new_ask(words, today)
    name, head = subcommand
    if name == "list":
        return _parse_ask_list(words[1:], head, today)
    readers = {"due:": _read_due} if name == "accept" else {}
    numbered = _parse_numbered(words[1:], head, parse_ask_number, "error.needs_ask_id", readers, today, usage)
    if isinstance(numbered, ParseError):
        return numbered
    number, options = numbered
    if name == "accept":
        return AcceptAsk(number=number, due=options.get("due:"))
    return ShowAsk(number=number) if name == "show" else CancelAsk(number=number)


def _parse_new_ask(words: list[_Word], today: date) -> NewAsk | ParseError:
    usage = "usage.ask"
    taken = _take_options(words, _NEW_ASK_OPTIONS, today, usage)
    if isinstance(taken, ParseError):
        return taken
    options, free = taken
    title = " ".join(free)
    if not title:
        return ParseError("error.ask_needs_title", usage=usage)
    if len(title) > ASK_TITLE_LIMIT:
        return ParseError("error.title_too_long", usage=usage, limit=ASK_TITLE_LIMIT, length=len(title))
    return NewAsk(
        title=title,
        to_side=options.get("to:"),
        owner_id=options.get("@owner"),
        due=options.get("due:"),
        priority=options.get("!priority", Priority.NORMAL),
        category=options.get("#category"),
    )


def _parse_ask_list(args: list[_Word], head: str, today: date) -> ListAsks | ParseError:
    usage = "usage.ask"
    taken = _take_options(args, {"to:": _read_side}, today, usage)
    if isinstance(taken, ParseError):
        return taken
    options, free = taken
    chosen = _list_filter(free, ASK_LIST_FILTERS, "open", "error.ask_list_word", usage, head)
    if isinstance(chosen, ParseError):
        return chosen
    return ListAsks(filter=chosen, to_side=options.get("to:"))


def _parse_ask_closing(text: str, name: str, head: str) -> DeclineAsk | DoneAsk | ParseError:
    """`decline A-12 <reason>` and `done A-12 [note]`: the reason or note is the rest of the text as typed,
    quotes and all, so an apostrophe or a lone `"` in it is no error."""
    usage = "usage.ask"
    parts = text.split(None, 2)
    number = parse_ask_number(parts[1]) if len(parts) > 1 else None
    if number is None:
        return ParseError("error.needs_ask_id", usage=usage, word=head)
    comment = parts[2].strip() if len(parts) > 2 else ""
    if len(comment) > COMMENT_LIMIT:
        return ParseError("error.comment_too_long", usage=usage, limit=COMMENT_LIMIT, length=len(comment))
    if name == "done":
        return DoneAsk(number=number, note=comment or None)
    if not comment:
        return ParseError("error.decline_needs_reason", usage=usage)
    return DeclineAsk(number=number, reason=comment)


# --- /commit ----------------------------------------------------------------------------------------------


class CommitHelp(BaseModel):
    kind: Literal["help"] = "help"


class NewCommitment(BaseModel):
    kind: Literal["new"] = "new"
    text: str
    due: date
    ask_number: int | None = None


class ListCommitments(BaseModel):
    kind: Literal["list"] = "list"
    filter: Literal["mine", "overdue", "side"] = "mine"


class CommitmentDone(BaseModel):
    kind: Literal["done"] = "done"
    number: int


class CancelCommitment(BaseModel):
    kind: Literal["cancel"] = "cancel"
    number: int


CommitCommand = CommitHelp | NewCommitment | ListCommitments | CommitmentDone | CancelCommitment

COMMIT_SUBCOMMANDS: dict[str, str] = {
    "list": "list",
    "lista": "list",
    "done": "done",
    "hecho": "done",
    "cancel": "cancel",
    "cancelar": "cancel",
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
_NEW_COMMITMENT_OPTIONS: dict[str, _Reader] = {"due:": _read_due, "for:": _read_ask_number}


def parse_commit(text: str, today: date) -> CommitCommand | ParseError:
    """Parse the text of `/commit`; `today` is the caller's local date, against which `due:` is read."""
    usage = "usage.commit"
    if not text.strip() or is_help(text):
        return CommitHelp()
    words = _command_words(text)
    if words is None:
        return ParseError("error.unclosed_quote", usage=usage)
    subcommand = _subcommand(text, COMMIT_SUBCOMMANDS)
    if subcommand is None:
        return _parse_new_commitment(words, today)
    name, head = subcommand
    if name == "list":
        free = [word.text for word in words[1:]]
        chosen = _list_filter(free, COMMIT_LIST_FILTERS, "mine", "error.commit_list_word", usage, head)
        return chosen if isinstance(chosen, ParseError) else ListCommitments(filter=chosen)
    numbered = _parse_numbered(words[1:], head, parse_commitment_number, "error.needs_commitment_id", {}, today, usage)
    if isinstance(numbered, ParseError):
        return numbered
    number, _ = numbered
    return CommitmentDone(number=number) if name == "done" else CancelCommitment(number=number)


def _parse_new_commitment(words: list[_Word], today: date) -> NewCommitment | ParseError:
    usage = "usage.commit"
    taken = _take_options(words, _NEW_COMMITMENT_OPTIONS, today, usage)
    if isinstance(taken, ParseError):
        return taken
    options, free = taken
    if "due:" not in options:
        return ParseError("error.commit_needs_due", usage=usage)
    text = " ".join(free)
    if not text:
        return ParseError("error.commitment_needs_text", usage=usage)
    if len(text) > COMMITMENT_TEXT_LIMIT:
        return ParseError("error.commitment_too_long", usage=usage, limit=COMMITMENT_TEXT_LIMIT, length=len(text))
    return NewCommitment(text=text, due=options["due:"], ask_number=options.get("for:"))
