"""The words every command is made of: splitting text into words and quoted phrases, side words and mentions.
Total, never raising, on any text."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.lexer import parse_mention, parse_side, tokenize
from bot.people import Side
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
