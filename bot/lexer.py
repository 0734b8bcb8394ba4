"""The words of a slash command, shared by every grammar: pure and total, so any text gives words or None (an
open quote), never an exception. Slack sends mentions escaped (`<@U123|name>`) because the manifest asks it to.

A grammar reads options (`to:it`, `@owner`, `!high`, `#kpi`) with `take_options` and a reader per option; a reader
turns an option's raw value into its value or the `ParseError` to return."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import NamedTuple

from bot.errors import ParseError
from bot.people import Side

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
_KEY_VALUE = re.compile(r"([A-Za-z]+):(.*)", re.DOTALL)
# Slack escapes `#word` into a channel mention when a channel of that name exists.
_CHANNEL = re.compile(r"<#[CG][A-Z0-9]+\|([^>]*)>")

# An option's raw value, today and the usage key → the option's value, or the ParseError to return.
Reader = Callable[[str, date, str], object]


class Word(NamedTuple):
    text: str
    quoted: bool  # a "quoted phrase" is always plain text, never an option


def words(text: str) -> list[Word] | None:
    """Split on blanks, keeping "quoted phrases" whole (Slack clients type curly quotes too); each word says whether
    it was quoted. None when a quote is left open."""
    text = text.translate(_QUOTES)
    if text.count('"') % 2:
        return None
    return [Word(match[1], True) if match[1] is not None else Word(match[2], False) for match in _TOKEN.finditer(text)]


def tokenize(text: str) -> list[str] | None:
    """The texts of `words`."""
    found = words(text)
    return None if found is None else [word.text for word in found]


def command_words(text: str) -> list[Word] | None:
    """The words of a command, stripped, without blank quoted phrases; None when a quote is left open."""
    found = words(text)
    if found is None:
        return None
    return [Word(word.text.strip(), word.quoted) for word in found if word.text.strip()]


def plain_words(text: str) -> list[Word]:
    """The words of text split on blanks only, so a lone `"` (in a note, say) is just a character."""
    return [Word(word, False) for word in text.split()]


def is_help(text: str) -> bool:
    return text.strip().lower() in {"help", "ayuda"}


def parse_side(word: str) -> Side | None:
    return SIDE_ALIASES.get(word.strip().lower())


def parse_mention(word: str) -> str | None:
    """The user ID in an escaped mention, or None."""
    match = _MENTION.match(word.strip())
    return match[1] if match else None


def subcommand(text: str, names: dict[str, str]) -> tuple[str, str] | None:
    """(name, word as typed) when the first word names a subcommand. Text opening with a quote never does,
    so `/ask "Cancel the old CRM licence"` logs an ask."""
    text = text.translate(_QUOTES).lstrip()
    if not text or text.startswith('"'):
        return None
    head = text.split(None, 1)[0]
    name = names.get(head.lower())
    return None if name is None else (name, head)


def option_in(word: str) -> tuple[str, str] | None:
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


def needs_value(option: str, example: str, reader: Reader) -> Reader:
    """`reader`, refusing an option typed with nothing after its colon (showing `example` of the right form)."""

    def read(value: str, today: date, usage: str) -> object:
        if not value:
            return ParseError("error.empty_option", usage=usage, option=option, example=example)
        return reader(value, today, usage)

    return read


def take_options(
    found: list[Word], readers: dict[str, Reader], today: date, usage: str
) -> tuple[dict[str, object], list[str]] | ParseError:
    """Split words into the options `readers` know, each given at most once, and the free words in order.
    Quoted phrases and words naming other options (`http://x`, `10:30`) are free words."""
    options: dict[str, object] = {}
    free: list[str] = []
    for word in found:
        taken = take_option(word, readers, options, today, usage)
        if isinstance(taken, ParseError):
            return taken
        if not taken:
            free.append(word.text)
    return options, free


def take_option(word: Word, readers: dict[str, Reader], options: dict[str, object], today: date,
                usage: str) -> bool | ParseError:
    """Read `word` into `options` when it is one of the options `readers` know, each given at most once: True when
    it was one, False when it is a free word."""
    option = None if word.quoted else option_in(word.text)
    if option is None or option[0] not in readers:
        return False
    name, raw = option
    if name in options:
        return ParseError("error.repeated_option", usage=usage, option=name)
    value = readers[name](raw, today, usage)
    if isinstance(value, ParseError):
        return value
    options[name] = value
    return True


def read_side(value: str, today: date, usage: str) -> object:
    side = parse_side(value)
    return side if side is not None else ParseError("error.unknown_side", usage=usage, word=value)


def numbered(
    args: list[Word],
    head: str,
    parse_number: Callable[[str], int | None],
    missing_key: str,
    readers: dict[str, Reader],
    today: date,
    usage: str,
) -> tuple[int, dict[str, object]] | ParseError:
    """`<subcommand> A-12 [options]`: the number and the options; any other word is an error."""
    number = parse_number(args[0].text) if args else None
    if number is None:
        return ParseError(missing_key, usage=usage, word=head)
    taken = take_options(args[1:], readers, today, usage)
    if isinstance(taken, ParseError):
        return taken
    options, free = taken
    if free:
        return ParseError("error.unexpected_word", usage=usage, word=free[0])
    return number, options


def list_filter(
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
