"""Parsing of command words (SPEC.md "Words used in commands" and "/alinea"): total, never raising."""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.errors import ParseError
from bot.i18n import CATALOGS, t
from bot.lexer import parse_mention, parse_side, tokenize
from bot.locales import en
from bot.people import Side
from bot.teams.parsing import AddToTeam, AlineaHelp, JoinSide, ListTeam, RemoveFromTeam, parse_alinea

COMMANDS = (AlineaHelp, JoinSide, ListTeam, AddToTeam, RemoveFromTeam)
MARKETING_ALIASES = ["marketing", "mkt", "mercadotecnia"]
IT_ALIASES = ["it", "ti", "tech"]
ALIASES = {**dict.fromkeys(MARKETING_ALIASES, Side.MARKETING), **dict.fromkeys(IT_ALIASES, Side.IT)}


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def _mixed_cases(word: str) -> list[str]:
    return sorted({word, word.upper(), word.capitalize(), "".join(c.upper() if i % 2 else c for i, c in enumerate(word))})


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
    [(cased, side) for alias, side in ALIASES.items() for cased in _mixed_cases(alias)],
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


# --- parse_alinea: every form -----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "help", "HELP", " Help ", "ayuda"])
def test_alinea_help(text: str) -> None:
    assert isinstance(parse_alinea(text), AlineaHelp)


@pytest.mark.parametrize(("alias", "side"), ALIASES.items())
def test_alinea_join_every_alias(alias: str, side: Side) -> None:
    assert parse_alinea(f"join {alias}") == JoinSide(side=side)
    assert parse_alinea(f"JOIN {alias.upper()}") == JoinSide(side=side)


def test_alinea_join_it() -> None:
    assert parse_alinea("join it") == JoinSide(side=Side.IT)


@pytest.mark.parametrize("text", ["team", "team list", "TEAM LIST", "  team   "])
def test_alinea_team_lists(text: str) -> None:
    assert isinstance(parse_alinea(text), ListTeam)


def test_alinea_team_add_leader() -> None:
    assert parse_alinea("team add <@U1|a> mkt leader") == AddToTeam(user_id="U1", side=Side.MARKETING, leader=True)


def test_alinea_team_add_member() -> None:
    assert parse_alinea("team add <@U1> ti") == AddToTeam(user_id="U1", side=Side.IT, leader=False)


def test_alinea_team_add_leader_word_any_case() -> None:
    result = parse_alinea("team add <@U0123ABCD|maria> Marketing LEADER")
    assert result == AddToTeam(user_id="U0123ABCD", side=Side.MARKETING, leader=True)


def test_alinea_team_list_takes_no_arguments() -> None:
    result = parse_alinea("team list extra")
    assert isinstance(result, ParseError)
    assert result.usage.startswith("usage.alinea") and result.usage in en.CATALOG


def test_alinea_team_remove() -> None:
    assert parse_alinea("team remove <@U1>") == RemoveFromTeam(user_id="U1")
    assert parse_alinea("team remove <@W9AB|x>") == RemoveFromTeam(user_id="W9AB")


ERRORS = [
    # text, key, usage, params that must be present
    ('join "it', "error.unclosed_quote", "usage.alinea", {}),
    ("frobnicate", "error.unknown_subcommand", "usage.alinea", {"word": "frobnicate"}),
    ("join", "error.join_needs_side", "usage.alinea.join", {}),
    ("join it marketing", "error.join_needs_side", "usage.alinea.join", {}),
    ("join sales", "error.unknown_side", "usage.alinea.join", {"word": "sales"}),
    ("team remove", "error.needs_one_mention", "usage.alinea.team_remove", {}),
    ("team remove @maria", "error.needs_one_mention", "usage.alinea.team_remove", {}),
    ("team remove <@U1> <@U2>", "error.needs_one_mention", "usage.alinea.team_remove", {}),
    ("team explode", "error.unknown_subcommand", "usage.alinea.team", {"word": "explode"}),
    ("team add", "error.team_add_form", "usage.alinea.team_add", {}),
    ("team add <@U1>", "error.team_add_form", "usage.alinea.team_add", {}),
    ("team add <@U1> it leader extra", "error.team_add_form", "usage.alinea.team_add", {}),
    ("team add @maria it", "error.not_a_mention", "usage.alinea.team_add", {"word": "@maria"}),
    ("team add <#C1|general> it", "error.not_a_mention", "usage.alinea.team_add", {"word": "<#C1|general>"}),
    ("team add <@U1> sales", "error.unknown_side", "usage.alinea.team_add", {"word": "sales"}),
    ("team add <@U1> it boss", "error.unexpected_word", "usage.alinea.team_add", {"word": "boss"}),
]


@pytest.mark.parametrize(("text", "key", "usage", "params"), ERRORS, ids=[e[0] or "empty" for e in ERRORS])
def test_alinea_errors(text: str, key: str, usage: str, params: dict[str, str]) -> None:
    result = parse_alinea(text)

    assert isinstance(result, ParseError)
    assert result.key == key
    assert result.usage == usage
    assert usage in en.CATALOG
    assert key in en.CATALOG
    for name, value in params.items():
        assert result.params[name] == value
    # the message can be shown: every placeholder of the template is filled
    assert _fields(en.CATALOG[key]) <= set(result.params)
    assert "{" not in t("en", key, **result.params).replace(str(result.params.get("word", "")), "")


# --- properties -------------------------------------------------------------------------------------------

VOCABULARY = [
    "help", "HELP", "ayuda", "join", "unirme", "unir", "team", "equipo", "add", "agregar", "remove", "quitar",
    "list", "lista", "leader", "líder", "lider", *ALIASES, "MKT", "Tech", "sales",
    "<@U1>", "<@U123|name>", "<@W9AB>", "<@u1>", "<@U1", "<#C1|x>", "@maria", "<!here>",
    '"', "“", "”", "„", "«", "»", "'", "’", '""', '"quoted phrase"', "{", "}", "{word}", "{0}", "%s", "`",
    "\x00", "\x1b[31m", "\u200b", "\r\n", "\t", "\x1f", "\ufeff", "é", "🙂", "x" * 300,
]

words = st.sampled_from(VOCABULARY) | st.text(max_size=12)
separators = st.sampled_from([" ", "  ", "\t", "\n", "", "\u00a0", "\u3000"])
vocabulary_texts = st.lists(st.tuples(words, separators), max_size=12).map(
    lambda pairs: "".join(word + sep for word, sep in pairs)
)
long_texts = st.builds(
    lambda word, n, tail: (word + " ") * n + tail,
    st.sampled_from(VOCABULARY),
    st.integers(min_value=1, max_value=20_000 // 2),
    st.text(max_size=20),
).map(lambda text: text[:20_000])
any_text = st.text() | vocabulary_texts | long_texts | st.text(min_size=5_000, max_size=20_000)

PROPERTY_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY_SETTINGS
@given(any_text)
def test_parse_alinea_is_total(text: str) -> None:
    result = parse_alinea(text)
    assert isinstance(result, (*COMMANDS, ParseError))


@PROPERTY_SETTINGS
@given(any_text)
def test_every_parse_error_can_be_shown_in_both_languages(text: str) -> None:
    result = parse_alinea(text)
    if not isinstance(result, ParseError):
        return
    for lang, catalog in CATALOGS.items():
        assert result.key in catalog, (lang, result.key)
        assert result.usage in catalog, (lang, result.usage)
        assert _fields(catalog[result.key]) <= set(result.params), (lang, result.key, result.params)
        message = t(lang, result.key, **result.params)
        usage = t(lang, result.usage)
        assert message and usage


@PROPERTY_SETTINGS
@given(any_text)
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


user_ids = st.from_regex(r"U[A-Z0-9]{2,10}", fullmatch=True)
names = st.text(alphabet=string.ascii_lowercase + string.digits + "._-", min_size=1, max_size=20)
cased_aliases = st.sampled_from(sorted(ALIASES)).flatmap(lambda alias: st.sampled_from(_mixed_cases(alias)))
leader_words = st.sampled_from(["leader", "Leader", "LEADER", "líder", "lider"])


@PROPERTY_SETTINGS
@given(user_ids, names, cased_aliases, st.one_of(st.none(), leader_words), st.booleans())
def test_team_add_round_trip(user_id: str, name: str, alias: str, leader: str | None, with_name: bool) -> None:
    mention = f"<@{user_id}|{name}>" if with_name else f"<@{user_id}>"
    text = f"team add {mention} {alias}" + (f" {leader}" if leader else "")

    result = parse_alinea(text)

    assert result == AddToTeam(user_id=user_id, side=ALIASES[alias.lower()], leader=leader is not None)


@PROPERTY_SETTINGS
@given(user_ids, names)
def test_team_remove_round_trip(user_id: str, name: str) -> None:
    assert parse_alinea(f"team remove <@{user_id}|{name}>") == RemoveFromTeam(user_id=user_id)
