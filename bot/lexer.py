"""The words of a slash command, shared by every grammar: pure and total, so any text gives words or None (an
open quote), never an exception. Slack sends mentions escaped (`<@U123|name>`) because the manifest asks it to.

A grammar reads options (`to:it`, `@owner`, `!high`, `#kpi`) with `take_options` and a reader per option; a reader
turns an option's raw value into its value or the `ParseError` to return. Every option key is read in English and in
Spanish (`OPTION_KEYS`: `vence:fri` is `due:fri`), without case or accents (`Dueño:`, `dueno:`), and a grammar reads
it by its English key. Where a grammar reads options, a `word:value` that is none of its options is refused with the
options it knows (`unknown_option`), so a mistyped option never goes into a title; a link, a time and a "quoted
phrase" are plain words."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import NamedTuple

from bot.errors import ParseError
from bot.i18n import Language
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
# A key of letters (any script: `dueño:`), then its value.
_KEY_VALUE = re.compile(r"([^\W\d_]+):(.*)", re.DOTALL)
# Words shaped like `key:value` that are links, never options: `https://x`, `mailto:ana@x.com`, `tel:+34…`.
_LINK_SCHEMES = frozenset({"mailto", "tel", "sms", "urn"})
# Slack escapes `#word` into a channel mention when a channel of that name exists.
_CHANNEL = re.compile(r"<#[CG][A-Z0-9]+\|([^>]*)>")

# An option's raw value, the reader (their date, language and locale) and the usage key → the option's value, or the ParseError to return.
Reader = Callable[[str, Reading, str], object]

# Every option key a grammar reads, by its English key, and its Spanish twins as the Spanish texts show them. Both are
# read without case or accents; a grammar names an option by its English key.
OPTION_KEYS: dict[str, tuple[str, ...]] = {
    "to:": ("para:",),
    "due:": ("vence:",),
    "for:": ("solicitud:",),
    "date:": ("fecha:",),
    "until:": ("hasta:",),
    "target:": ("objetivo:",),
    "unit:": ("unidad:",),
    "direction:": ("dirección:",),
    "owner:": ("dueño:",),
    "cadence:": ("frecuencia:",),
    "every:": ("cada:",),
    "on:": ("en:",),
    "at:": ("hora:",),  # not `a:`, which a title's `A:` would be taken for
    "tz:": ("zona:",),
    "in:": ("canal:",),
    "remind:": ("recordar:",),
    "followup:": ("seguimiento:",),
}
# How many words after an option's first one its value may run over (`vence:5 de diciembre de 2027`).
PHRASE_WORDS = 4


class Phrase:
    """A reader whose value may run over the words after it (`vence:próximo viernes`, `due:dec 5`): `fits` says
    whether a phrase is a value it reads, and `take_options` gives it the longest that is, of at most
    `PHRASE_WORDS` more words. Called, it reads as `read` does."""

    def __init__(self, read: Reader, fits: Callable[[str, Reading], bool]) -> None:
        self.read = read
        self.fits = fits

    def __call__(self, value: str, reading: Reading, usage: str) -> object:
        return self.read(value, reading, usage)


class Word(NamedTuple):
    text: str
    quoted: bool  # a "quoted phrase" is always plain text, never an option


def words(text: str) -> list[Word] | None:
    """Split on blanks, keeping "quoted phrases" whole (Slack clients type curly quotes too); each word says whether
    it was quoted. A phrase quoted right after an option key is that option's value (`due:"next friday"`). None when
    a quote is left open."""
    text = text.translate(_QUOTES)
    if text.count('"') % 2:
        return None
    found: list[Word] = []
    end = -1
    for match in _TOKEN.finditer(text):
        if match[1] is None:
            found.append(Word(match[2], False))
        elif found and match.start() == end and _is_bare_key(found[-1]):  # `due:"next friday"`: the key's value
            found[-1] = Word(found[-1].text + match[1], False)
        else:
            found.append(Word(match[1], True))
        end = match.end()
    return found


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
    typed = folded(word)
    if not typed.isalpha():
        return None
    best: str | None = None
    best_distance = 3
    for name in names:
        name_folded = folded(name)
        if typed.startswith(name_folded) and len(typed) - len(name_folded) >= 2:
            continue
        limit = 1 if min(len(typed), len(name_folded)) <= 5 else 2
        distance = edit_distance(typed, name_folded, limit)
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
def folded(word: str) -> str:
    """`word` without case or accents: `Mías` → `mias` (cached: every parse folds each subcommand name again)."""
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


# Each key as typed, folded (no case or accents), and the English key it names.
_ENGLISH_KEYS: dict[str, str] = {
    folded(typed): key for key, twins in OPTION_KEYS.items() for typed in (key, *twins)
}


def english_key(key: str) -> str:
    """The English key a typed key names (`Vence:` → `due:`), or the key folded when it names none."""
    if len(key) > 20:  # longer than any key: not worth a place in `folded`'s cache
        return key.casefold()
    key = folded(key)
    return _ENGLISH_KEYS.get(key, key)


def option_key(key: str, language: Language) -> str:
    """An option key as a reader of `language` writes it: `due:` is `vence:` for a Spanish reader."""
    return OPTION_KEYS[key][0] if language == "es" and key in OPTION_KEYS else key


def _is_bare_key(word: Word) -> bool:
    """Whether `word` is an option key alone (`due:`, `vence:`), with nothing after its colon."""
    return not word.quoted and word.text.endswith(":") and english_key(word.text) in OPTION_KEYS


def option_in(word: str) -> tuple[str, str] | None:
    """The option a bare word gives, with its raw value: `to:it` or `para:it` → ("to:", "it"), `<@U1|ann>` →
    ("@owner", "U1"), `!high` → ("!priority", "high"), `#kpi` or `<#C1|kpi>` → ("#category", "kpi"). A key no
    grammar reads comes folded (`Clave:x` → ("clave:", "x"))."""
    if (user_id := parse_mention(word)) is not None:
        return "@owner", user_id
    if (channel := _CHANNEL.fullmatch(word)) is not None:
        return "#category", channel[1]
    if len(word) > 1 and word[0] in "!#":
        return ("!priority" if word[0] == "!" else "#category"), word[1:]
    if (pair := _KEY_VALUE.fullmatch(unicodedata.normalize("NFC", word))) is not None:
        return english_key(pair[1] + ":"), pair[2]
    return None


def unknown_option(word: Word, readers: Mapping[str, Reader], reading: Reading, usage: str) -> ParseError | None:
    """The refusal of a `key:value` word that is none of the options `readers` know, naming those it knows as the
    reader writes them (a Spanish reader's with their English twins) and how to keep the word as text, in quotes;
    None for any other word. Only grammars that read some `key:` option refuse one: elsewhere a `word:value` is a
    plain word for the grammar to take or refuse. Never refused: a quoted phrase, a key with nothing after its colon
    (`Re:`), a link (`https://x`, `mailto:…`), a time (`10:30`)."""
    keys = [key for key in readers if key.endswith(":")]
    option = None if word.quoted or not keys else option_in(word.text)
    if option is None or not option[0].endswith(":") or option[0] in readers:
        return None
    name, raw = option
    if not raw or raw.startswith("//") or name[:-1] in _LINK_SCHEMES:
        return None
    known = (f"`{option_key(key, 'es')}` (`{key}`)" if reading.language == "es" and key in OPTION_KEYS else f"`{key}`"
             for key in keys)
    return ParseError("error.unknown_option", usage=usage, word=word.text, options=", ".join(known))


def needs_value(option: str, example: str, reader: Reader) -> Reader:
    """`reader`, refusing an option typed with nothing after its colon (showing `example` of the right form, with
    the key as the reader writes it); a `Phrase` stays one."""

    def read(value: str, reading: Reading, usage: str) -> object:
        if not value:
            key = option_key(option, reading.language)
            return ParseError("error.empty_option", usage=usage, option=key,
                              example=key + example.removeprefix(option))
        return reader(value, reading, usage)

    return Phrase(read, reader.fits) if isinstance(reader, Phrase) else read


def take_options(
    found: list[Word], readers: dict[str, Reader], reading: Reading, usage: str
) -> tuple[dict[str, object], list[str]] | ParseError:
    """Split words into the options `readers` know, each given at most once, and the free words in order; a
    `Phrase` option takes the words after it that its value runs over. Quoted phrases, links and times are free
    words; another `key:value` is refused (`unknown_option`)."""
    options: dict[str, object] = {}
    free: list[str] = []
    for word in phrases(found, readers, reading):
        taken = take_option(word, readers, options, reading, usage)
        if isinstance(taken, ParseError):
            return taken
        if not taken:
            free.append(word.text)
    return options, free


def only_options(
    found: list[Word], readers: dict[str, Reader], reading: Reading, usage: str
) -> dict[str, object] | ParseError:
    """`take_options` where every word must be one of the options: the first free word is refused."""
    taken = take_options(found, readers, reading, usage)
    if isinstance(taken, ParseError):
        return taken
    options, free = taken
    if free:
        return ParseError("error.unexpected_word", usage=usage, word=free[0])
    return options


def phrases(found: list[Word], readers: Mapping[str, Reader], reading: Reading) -> list[Word]:
    """The words, each option read by a `Phrase` joined with the words after it that its value runs over: the most,
    up to `PHRASE_WORDS`, whose phrase `fits` (`vence:próximo`, `viernes` → `vence:próximo viernes`; `due:fri`,
    `login` stay apart). Those words are bare and no options themselves."""
    joined: list[Word] = []
    index = 0
    while index < len(found):
        word = found[index]
        option = None if word.quoted else option_in(word.text)
        reader = readers.get(option[0]) if option is not None else None
        used = 0
        if isinstance(reader, Phrase) and option is not None and option[1]:
            used = runs_over(option[1], found[index + 1:], reader.fits, reading)
        if used:
            word = Word(" ".join([word.text, *(w.text for w in found[index + 1:index + 1 + used])]), False)
        joined.append(word)
        index += 1 + used
    return joined


def runs_over(first: str, following: list[Word], fits: Callable[[str, Reading], bool], reading: Reading) -> int:
    """How many of the `following` words a value starting with `first` runs over: the most, up to `PHRASE_WORDS`
    bare words that are no options, whose phrase `fits` (`próximo` + `viernes`, `99,95` + `%`); 0 for none."""
    after: list[str] = []
    for word in following[:PHRASE_WORDS]:
        if word.quoted or option_in(word.text) is not None:
            break
        after.append(word.text)
    return next((n for n in range(len(after), 0, -1) if fits(" ".join([first, *after[:n]]), reading)), 0)


def take_option(word: Word, readers: dict[str, Reader], options: dict[str, object], reading: Reading,
                usage: str) -> bool | ParseError:
    """Read `word` into `options` when it is one of the options `readers` know, each given at most once: True when
    it was one, False when it is a free word, the refusal when it is a `key:value` they do not know."""
    option = None if word.quoted else option_in(word.text)
    if option is None or option[0] not in readers:
        unknown = unknown_option(word, readers, reading, usage)
        return False if unknown is None else unknown
    name, raw = option
    if name in options:
        return ParseError("error.repeated_option", usage=usage, option=option_key(name, reading.language))
    value = readers[name](raw, reading, usage)
    if isinstance(value, ParseError):
        return value
    options[name] = value
    return True


_LINKED_CHANNEL = re.compile(r"<#([CG][A-Z0-9]+)(?:\|[^>]*)?>")


def read_channel(value: str, reading: Reading, usage: str) -> str | ParseError:
    """An `in:` option: a channel Slack linked (`<#C123|name>`), as its ID."""
    match = _LINKED_CHANNEL.fullmatch(value)
    return match[1] if match else ParseError("error.sync_channel_not_linked", usage=usage, word=value)


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
    options = only_options(args[1:], readers, reading, usage)
    return options if isinstance(options, ParseError) else (number, options)


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
