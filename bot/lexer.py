"""The words of a slash command, shared by every grammar: pure and total, so any text gives words or None (an
open quote), never an exception. Slack sends mentions escaped (`<@U123|name>`) because the manifest asks it to.

A grammar reads options (`to:it`, `@owner`, `!high`, `#kpi`) with `take_options` and a reader per option; a reader
turns an option's raw value into its value or the `ParseError` to return."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from bot.errors import ParseError
from bot.people import Side
from bot.reading import Reading

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

# An option's raw value, the reader (their date, language and locale) and the usage key → the option's value, or the ParseError to return.
Reader = Callable[[str, Reading, str], object]


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


def closest(word: str, names: Iterable[str]) -> str | None:
    """The name `word` most likely mistypes, or None: the nearest by Damerau–Levenshtein distance (adjacent letters
    swapped count as one edit), compared without case or accents: at most 1 edit when the word or the name has 5
    letters or fewer (`lsit` → `list`, `acept` → `accept`, but `open` is not `reopen`), else 2 (`declien`); the
    first of `names` wins a tie. Only words of letters can be typos of a name (an ID, a number or an option never
    is), and a word that merely extends a name by 2 letters or more is a word of its own (`listing`, `accepted`)."""
    typed = _folded(word)
    if not typed.isalpha():
        return None
    best: str | None = None
    best_distance = 3
    for name in names:
        folded = _folded(name)
        if typed.startswith(folded) and len(typed) - len(folded) >= 2:
            continue
        limit = 1 if min(len(typed), len(folded)) <= 5 else 2
        distance = edit_distance(typed, folded, limit)
        if distance <= limit and distance < best_distance:
            best, best_distance = name, distance
    return best


def edit_distance(a: str, b: str, limit: int) -> int:
    """The optimal-string-alignment distance between `a` and `b` (insertions, deletions, substitutions and swaps
    of adjacent letters), or `limit + 1` when it is more than `limit` (so a long word costs nothing)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        before, previous = previous, current
    return min(previous[len(b)], limit + 1)


@lru_cache(maxsize=4096)
def _folded(word: str) -> str:
    """`word` without case or accents: `Mías` → `mias` (kept: every parse folds each subcommand name again)."""
    return "".join(c for c in unicodedata.normalize("NFD", word.casefold()) if not unicodedata.combining(c))


def command_like(word: str) -> bool:
    """Whether a word is shaped like a subcommand: lower-case letters only, 20 at most (`undo`, `lsit`). A title
    typed alone is more often capitalised (`Newsletter`) or is not a word of letters (`Q4`, `A-12`)."""
    return 0 < len(word) <= 20 and word.isalpha() and word.islower()


class Mistyped(NamedTuple):
    """A first word taken for a mistyped subcommand, and the subcommand word it is close to (None: none is)."""

    word: str
    suggestion: str | None


def mistyped_subcommand(
    found: list[Word],
    names: Mapping[str, str],
    readers: Mapping[str, Reader],
    is_id: Callable[[str], bool],
    fits: Callable[[str, list[Word]], bool] = lambda name, rest: False,
) -> Mistyped | None:
    """For a grammar whose text may start with a subcommand or with free text (a title), when the first word is not
    a subcommand (`names`, word → subcommand): whether it is a mistyped one rather than the free text's first word.
    It is when it is close to a subcommand word (`closest`) and the words after it are what a subcommand takes:
    only options of the free text (`readers`: the title would be this word alone), an ID (`is_id`), or what
    `fits(subcommand, words after it)` says the subcommand takes (a list's filters). A word close to none is taken
    for a subcommand when it is `command_like` and alone, or before an ID (`/ask undo A-4`). A quoted first word is
    always free text."""
    if not found or found[0].quoted or is_option(found[0], readers):
        return None
    head, rest = found[0], found[1:]
    before_id = bool(rest) and not rest[0].quoted and is_id(rest[0].text)
    suggestion = closest(head.text, names)
    if suggestion is not None:
        alone = all(is_option(word, readers) for word in rest)
        if alone or before_id or fits(names[suggestion], rest):
            return Mistyped(head.text, suggestion)
        return None
    if command_like(head.text) and (not rest or before_id):
        return Mistyped(head.text, None)
    return None


def unknown_subcommand(word: Word, names: Iterable[str], command: str, usage: str) -> ParseError:
    """The error for a first word that names none of a command's subcommands (`names`): the one it is close to, when
    one is (`/kpi lgo` → "Did you mean `/kpi log`?"), else that it is unknown. A quoted word gets no suggestion."""
    suggestion = None if word.quoted else closest(word.text, names)
    if suggestion is None:
        return ParseError("error.unknown_subcommand", usage=usage, word=word.text)
    return ParseError("error.did_you_mean", usage=usage, word=word.text, suggestion=f"{command} {suggestion}")


def is_option(word: Word, readers: Mapping[str, Reader]) -> bool:
    """Whether `word` gives one of the options `readers` know (a quoted phrase never does)."""
    option = None if word.quoted else option_in(word.text)
    return option is not None and option[0] in readers


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

    def read(value: str, reading: Reading, usage: str) -> object:
        if not value:
            return ParseError("error.empty_option", usage=usage, option=option, example=example)
        return reader(value, reading, usage)

    return read


def take_options(
    found: list[Word], readers: dict[str, Reader], reading: Reading, usage: str
) -> tuple[dict[str, object], list[str]] | ParseError:
    """Split words into the options `readers` know, each given at most once, and the free words in order.
    Quoted phrases and words naming other options (`http://x`, `10:30`) are free words."""
    options: dict[str, object] = {}
    free: list[str] = []
    for word in found:
        taken = take_option(word, readers, options, reading, usage)
        if isinstance(taken, ParseError):
            return taken
        if not taken:
            free.append(word.text)
    return options, free


def take_option(word: Word, readers: dict[str, Reader], options: dict[str, object], reading: Reading,
                usage: str) -> bool | ParseError:
    """Read `word` into `options` when it is one of the options `readers` know, each given at most once: True when
    it was one, False when it is a free word."""
    option = None if word.quoted else option_in(word.text)
    if option is None or option[0] not in readers:
        return False
    name, raw = option
    if name in options:
        return ParseError("error.repeated_option", usage=usage, option=name)
    value = readers[name](raw, reading, usage)
    if isinstance(value, ParseError):
        return value
    options[name] = value
    return True


def read_side(value: str, reading: Reading, usage: str) -> object:
    side = parse_side(value)
    return side if side is not None else ParseError("error.unknown_side", usage=usage, word=value)


def numbered(
    args: list[Word],
    head: str,
    parse_number: Callable[[str], int | None],
    missing_key: str,
    readers: dict[str, Reader],
    reading: Reading,
    usage: str,
) -> tuple[int, dict[str, object]] | ParseError:
    """`<subcommand> A-12 [options]`: the number and the options; any other word is an error."""
    number = parse_number(args[0].text) if args else None
    if number is None:
        return ParseError(missing_key, usage=usage, word=head)
    taken = take_options(args[1:], readers, reading, usage)
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
