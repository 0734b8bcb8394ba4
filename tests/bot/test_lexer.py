"""The words every command is made of: splitting text into words and quoted phrases, side words and mentions.
Total, never raising, on any text."""

from __future__ import annotations

import string
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.dates import read_due
from bot.errors import ParseError
from bot.lexer import (
    Mistyped,
    Word,
    closest,
    command_like,
    command_words,
    edit_distance,
    mistyped_subcommand,
    needs_value,
    option_in,
    parse_mention,
    parse_side,
    phrases,
    read_side,
    take_options,
    tokenize,
    unknown_option,
    unknown_subcommand,
)
from bot.people import Side
from bot.reading import Reading
from tests.helpers import SIDE_ALIASES, mixed_cases
from tests.strategies import ODD_WORDS, PROPERTY_SETTINGS, QUOTES, any_text

VOCABULARY = [
    *SIDE_ALIASES, "MKT", "Tech", "sales", "<@U1>", "<@U123|name>", "<@W9AB>", "<@u1>", "<@U1", "<#C1|x>", "@maria",
    "<!here>", *QUOTES, '"quoted phrase"', *ODD_WORDS,
]


# --- tokenize ---------------------------------------------------------------------------------------------


def test_tokenize_splits_on_any_whitespace() -> None:
    assert tokenize("  join \t it\n ") == ["join", "it"]
    assert tokenize("") == []
    assert tokenize("   ") == []


def test_tokenize_keeps_quoted_phrases_whole() -> None:
    assert tokenize('define ttm "Time to market" target:30') == ["define", "ttm", "Time to market", "target:30"]


def test_tokenize_accepts_curly_quotes_from_slack_clients() -> None:
    assert tokenize("define ttm “Time to market” target:30") == ["define", "ttm", "Time to market", "target:30"]
    assert tokenize("“like this”") == ["like this"]


def test_tokenize_mixed_straight_and_curly_quotes_pair_up() -> None:
    assert tokenize('a “b c" d') == ["a", "b c", "d"]


@pytest.mark.parametrize("text", ['say "hello', "say “hello", 'a "b" "c', '"'])
def test_tokenize_unclosed_quote_gives_none(text: str) -> None:
    assert tokenize(text) is None


def test_tokenize_empty_quotes_are_an_empty_argument() -> None:
    assert tokenize('""') == [""]
    assert tokenize('name "" target:3') == ["name", "", "target:3"]


def test_tokenize_keeps_apostrophes_inside_words() -> None:
    assert tokenize("don't stop") == ["don't", "stop"]


# --- parse_side -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "side"),
    [(cased, side) for alias, side in SIDE_ALIASES.items() for cased in mixed_cases(alias)],
)
def test_parse_side_accepts_every_alias_in_any_case(word: str, side: Side) -> None:
    assert parse_side(word) is side


@pytest.mark.parametrize("word", ["", "sales", "i.t.", "markets", "itt", "both", "shared", "marketing-it", "m k t"])
def test_parse_side_rejects_unknown_words(word: str) -> None:
    assert parse_side(word) is None


# --- parse_mention ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "user_id"),
    [
        ("<@U123>", "U123"),
        ("<@U123|name>", "U123"),
        ("<@U0123ABCD|maria.lopez>", "U0123ABCD"),
        ("<@W9AB>", "W9AB"),
        ("<@W9AB|enterprise.user>", "W9AB"),
    ],
)
def test_parse_mention_reads_escaped_mentions(word: str, user_id: str) -> None:
    assert parse_mention(word) == user_id


@pytest.mark.parametrize(
    "word",
    ["@name", "@U123", "<#C1|x>", "<#C123>", "<@u1>", "<@C123>", "<!here>", "<@U123", "U123", "<@>", "", "<@U123|x>y"],
)
def test_parse_mention_rejects_anything_else(word: str) -> None:
    assert parse_mention(word) is None


# --- closest: the subcommand a word mistypes ----------------------------------------------------------------

NAMES = ["list", "lista", "show", "mostrar", "accept", "aceptar", "decline", "rechazar", "done", "hecho", "cancel",
         "cancelar", "withdraw", "retirar", "reopen", "reabrir", "help", "ayuda"]


@pytest.mark.parametrize(
    ("word", "name"),
    [
        ("lsit", "list"), ("lits", "list"), ("lis", "list"), ("LSIT", "list"), ("Lsit", "list"), ("lisst", "list"),
        ("lsita", "lista"), ("listaa", "lista"), ("dnoe", "done"), ("doen", "done"), ("don", "done"),
        ("hecha", "hecho"), ("hehco", "hecho"), ("acept", "accept"), ("acccept", "accept"), ("aceptr", "aceptar"),
        ("acpetar", "aceptar"), ("declien", "decline"), ("delcine", "decline"), ("decine", "decline"),
        ("rechzar", "rechazar"), ("recahzar", "rechazar"), ("canel", "cancel"), ("cancle", "cancel"),
        ("canclar", "cancelar"), ("cnacelar", "cancelar"), ("reopne", "reopen"), ("reopn", "reopen"),
        ("roepen", "reopen"), ("reabir", "reabrir"), ("raebrir", "reabrir"), ("shwo", "show"), ("sohw", "show"),
        ("mostar", "mostrar"), ("motsrar", "mostrar"), ("withdarw", "withdraw"), ("retriar", "retirar"),
        ("hlep", "help"), ("ayda", "ayuda"), ("áyuda", "ayuda"),
    ],
)
def test_closest_finds_the_subcommand_a_typo_means(word: str, name: str) -> None:
    assert closest(word, NAMES) == name


@pytest.mark.parametrize(
    "word",
    [
        # far from every name
        "undo", "landing", "newsletter", "migrate", "informe", "campaña", "fix", "update", "x", "",
        # merely extending a name by 2 letters or more: a word of its own
        "listing", "listado", "listings", "accepted", "declined2", "reopened", "showcase", "cancelled", "hechos2",
        # 2 edits from a name of 5 letters or fewer, or 3 from a longer one
        "open", "lost1", "lsti2", "acetp2", "decnile2",
        # not words of letters: IDs, numbers, options, mentions
        "A-12", "l1st", "list!", "12", "to:it", "<@U1>", "#list", "!done", "list-", "dóne.",
    ],
)
def test_closest_leaves_other_words_alone(word: str) -> None:
    assert closest(word, NAMES) is None


def test_closest_compares_without_case_or_accents_and_returns_the_name_as_given() -> None:
    assert closest("MIAS", ["mías"]) == "mías"
    assert closest("estadisticas", ["estadísticas"]) == "estadísticas"
    assert closest("ESTADISTCAS", ["stats", "estadísticas"]) == "estadísticas"


def test_closest_prefers_the_nearest_name_then_the_first() -> None:
    assert closest("lsit", ["lista", "list"]) == "list"  # 1 edit (a swap) beats 2
    assert closest("lis", ["list", "lisp"]) == "list"  # a tie: the first
    assert closest("lis", ["lisp", "list"]) == "lisp"


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [("list", "list", 0), ("lsit", "list", 1), ("list", "lits", 1), ("lst", "list", 1), ("lisst", "list", 1),
     ("lost", "list", 1), ("dnoe", "done", 1), ("acetp", "accept", 2), ("ca", "abc", 3), ("", "abc", 3)],
)
def test_edit_distance_counts_a_swap_of_adjacent_letters_as_one_edit(a: str, b: str, distance: int) -> None:
    assert edit_distance(a, b, 3) == distance
    assert edit_distance(b, a, 3) == distance
    assert edit_distance(a, b, 0) == min(distance, 1)  # capped at limit + 1


@pytest.mark.parametrize(("word", "like"), [("undo", True), ("lsit", True), ("mías", True), ("x", True),
                                            ("Undo", False), ("SEO", False), ("q4", False), ("a-12", False),
                                            ("x" * 21, False), ("", False), ("don't", False)])
def test_command_like_words_are_short_and_lower_case_letters(word: str, like: bool) -> None:
    assert command_like(word) is like


# --- mistyped_subcommand: a first word that may start a title --------------------------------------------------

SUBCOMMANDS = {"list": "list", "lista": "list", "done": "done", "hecho": "done", "help": "help"}
READERS = {"to:": needs_value("to:", "to:it", lambda value, today, usage: value)}


def _fits(name: str, rest: list[Word]) -> bool:
    return name == "list" and all(word.text in {"mine", "all"} for word in rest)


def mistyped(text: str) -> Mistyped | None:
    found = [Word(part.strip('"'), part.startswith('"')) for part in text.split()]
    return mistyped_subcommand(found, SUBCOMMANDS, READERS, lambda word: word.startswith("A-"), _fits)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lsit", Mistyped("lsit", "list")),  # alone
        ("Lsit", Mistyped("Lsit", "list")),
        ("lsit to:it", Mistyped("lsit", "list")),  # alone but for options: the title would be this word
        ("dnoe A-4", Mistyped("dnoe", "done")),  # before an ID
        ("dnoe A-4 shipped", Mistyped("dnoe", "done")),
        ("lsit mine", Mistyped("lsit", "list")),  # before what the subcommand takes
        ("lsita all", Mistyped("lsita", "lista")),
        ("undo", Mistyped("undo", None)),  # a lone lower-case word
        ("undo A-4", Mistyped("undo", None)),  # a lower-case word before an ID
        ("undo A-4 please", Mistyped("undo", None)),
    ],
)
def test_mistyped_subcommands(text: str, expected: Mistyped) -> None:
    assert mistyped(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        '"lsit"', '"lsit" to:it', '"undo"', '"dnoe" A-4',  # quoted: always free text
        "to:it lsit",  # an option first
        "Undo", "Newsletter", "Q4", "A-4", "xxxxxxxxxxxxxxxxxxxxxxxxxx",  # alone, but not shaped like a subcommand
        "undo to:it", "newsletter to:it",  # a lower-case word close to none, with options: a title
        "lsit of vendors", "Lost leads", "Some pages", "dnoe with it", "undo the last import",  # titles
        "Lost A4", "hecha la migración",
    ],
)
def test_titles_are_not_mistyped_subcommands(text: str) -> None:
    assert mistyped(text) is None


def test_mistyped_subcommand_of_no_words_is_none() -> None:
    assert mistyped_subcommand([], SUBCOMMANDS, READERS, lambda word: True) is None


def test_unknown_subcommand_suggests_the_close_one() -> None:
    error = unknown_subcommand(Word("lgo", False), ["list", "log"], "/kpi", "usage.kpi")
    assert (error.key, error.params) == ("error.did_you_mean",
                                         {"usage": "usage.kpi", "word": "lgo", "suggestion": "/kpi log"})
    for word in (Word("mql", False), Word("log", True)):  # close to none, or quoted
        error = unknown_subcommand(word, ["list", "log"], "/kpi", "usage.kpi")
        assert (error.key, error.params) == ("error.unknown_subcommand", {"usage": "usage.kpi", "word": word.text})
    assert isinstance(error, ParseError)


# --- properties -------------------------------------------------------------------------------------------


@PROPERTY_SETTINGS
@given(any_text(VOCABULARY))
def test_tokenize_never_raises_and_strips_double_quotes(text: str) -> None:
    tokens = tokenize(text)
    assert tokens is None or isinstance(tokens, list)
    if tokens is not None:
        for token in tokens:
            assert '"' not in token
            assert "“" not in token and "”" not in token


@PROPERTY_SETTINGS
@given(st.lists(st.text(alphabet=string.ascii_letters + string.digits + ".-_:", min_size=1, max_size=10), max_size=8))
def test_tokenize_recovers_plain_words(parts: list[str]) -> None:
    assert tokenize(" ".join(parts)) == parts


@PROPERTY_SETTINGS
@given(
    st.text(alphabet=string.ascii_letters + string.digits + " ,.-:'", min_size=1, max_size=30),
    st.sampled_from(['"', "“"]),
    st.sampled_from(['"', "”"]),
)
def test_tokenize_quoted_phrase_survives_whole(phrase: str, opening: str, closing: str) -> None:
    assert tokenize(f"kpi {opening}{phrase}{closing} target:1") == ["kpi", phrase, "target:1"]


@PROPERTY_SETTINGS
@given(st.text(max_size=40) | st.sampled_from(VOCABULARY), st.lists(st.text(min_size=1, max_size=12), max_size=6))
def test_closest_is_total_and_gives_one_of_the_names_or_none(word: str, names: list[str]) -> None:
    found = closest(word, names)
    assert found is None or found in names
    assert closest(word, []) is None


@PROPERTY_SETTINGS
@given(st.sampled_from(NAMES), st.data())
def test_one_swap_of_adjacent_letters_in_a_name_is_found(name: str, data: st.DataObject) -> None:
    at = data.draw(st.integers(0, len(name) - 2))
    swapped = name[:at] + name[at + 1] + name[at] + name[at + 2:]
    found = closest(swapped, NAMES)
    assert found is not None and edit_distance(swapped, found, 1) <= 1


@PROPERTY_SETTINGS
@given(any_text(VOCABULARY + ["vence:", "para:ti", "Dueño:x", "clave:valor", "https://x", "10:30", "a:", "due:fri"]))
def test_options_are_read_totally_from_any_word(text: str) -> None:
    reading = Reading(today=date(2026, 11, 25), language="es", locale="es-ES")
    found = command_words(text) or []
    readers = {"to:": needs_value("to:", "to:it", read_side), "due:": needs_value("due:", "due:fri", read_due)}
    for word in found:
        option = option_in(word.text)
        assert option is None or (isinstance(option, tuple) and len(option) == 2)
        assert unknown_option(word, readers, reading, "usage.ask") is None or not word.quoted
    assert sum(len(word.text.split()) for word in phrases(found, readers, reading)) == sum(
        len(word.text.split()) for word in found)  # joining words never loses or adds one
    assert isinstance(take_options(found, readers, reading, "usage.ask"), (tuple, ParseError))
