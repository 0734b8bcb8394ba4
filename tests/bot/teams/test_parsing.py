"""Parsing of `/alinea`: help, joining a side, managing the team, every error, and properties: total on any
text, every error showable in both languages, generated team commands round-trip."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.errors import ParseError
from bot.i18n import CATALOGS, t
from bot.locales import en
from bot.people import Side
from bot.teams.parsing import (
    AddToTeam,
    AlineaCommand,
    AlineaHelp,
    JoinSide,
    ListTeam,
    RemoveFromTeam,
    SubcommandHelp,
    parse_alinea,
)
from bot.workspace.parsing import ShowSettings
from tests.helpers import SIDE_ALIASES, assert_parse_error, assert_showable, mixed_cases
from tests.strategies import ODD_WORDS, PROPERTY_SETTINGS, QUOTES, any_text

VOCABULARY = [
    "help", "HELP", "ayuda", "join", "unirme", "unir", "team", "equipo", "add", "agregar", "remove", "quitar",
    "list", "lista", "leader", "líder", "lider", "settings", "ajustes", "configuración", *SIDE_ALIASES, "MKT",
    "Tech", "sales",
    "<@U1>", "<@U123|name>", "<@W9AB>", "<@u1>", "<@U1", "<#C1|x>", "@maria", "<!here>",
    *QUOTES, '"quoted phrase"', *ODD_WORDS,
]


# --- parse_alinea: every form -----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "help", "HELP", " Help ", "ayuda"])
def test_alinea_help(text: str) -> None:
    assert isinstance(parse_alinea(text), AlineaHelp)


@pytest.mark.parametrize(("alias", "side"), SIDE_ALIASES.items())
def test_alinea_join_every_alias(alias: str, side: Side) -> None:
    assert parse_alinea(f"join {alias}") == JoinSide(side=side)
    assert parse_alinea(f"JOIN {alias.upper()}") == JoinSide(side=side)


@pytest.mark.parametrize(("text", "subcommand"), [
    ("pulse help", "pulse"), ("PULSO AYUDA", "pulse"), ("pulse  help ", "pulse"),
    ("team help", "team"), ("equipo ayuda", "team"),
    ("join help", "join"), ("unirme ayuda", "join"),
    ("notify help", "notify"), ("avisos ayuda", "notify"), ("notificaciones help", "notify"),
    ("settings help", "settings"), ("ajustes ayuda", "settings"), ("Configuración help", "settings"),
])
def test_alinea_subcommand_help(text: str, subcommand: str) -> None:
    assert parse_alinea(text) == SubcommandHelp(subcommand=subcommand)


@pytest.mark.parametrize("subcommand", ["join", "team", "pulse", "notify", "settings"])
def test_every_subcommand_has_a_usage_and_an_about_in_both_languages(subcommand: str) -> None:
    for catalog in (CATALOGS["en"], CATALOGS["es"]):
        assert catalog[f"usage.alinea.{subcommand}"] and catalog[f"help.about.{subcommand}"]


@pytest.mark.parametrize("text", ["pulse help me", "team add help", "help pulse", "pulse run help"])
def test_help_elsewhere_is_not_a_subcommands_help(text: str) -> None:
    assert not isinstance(parse_alinea(text), SubcommandHelp)


@pytest.mark.parametrize("text", ["settings", "SETTINGS", " ajustes ", "configuración", "configuracion", "Ajuste"])
def test_alinea_settings_in_both_languages(text: str) -> None:
    assert parse_alinea(text) == ShowSettings()


def test_alinea_settings_takes_no_words() -> None:
    assert_parse_error(parse_alinea("settings language:es"), "error.unexpected_word", "usage.alinea.settings",
                       word="language:es")


def test_a_mistyped_settings_is_suggested() -> None:
    assert_parse_error(parse_alinea("setings"), "error.did_you_mean", "usage.alinea", word="setings",
                       suggestion="/alinea settings")


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
    # text, key, usage, the params it carries
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

    assert_parse_error(result, key, usage, **params)
    # the message can be shown: every placeholder of the template is filled
    assert "{" not in t("en", key, **result.params).replace(str(result.params.get("word", "")), "")


# --- properties -------------------------------------------------------------------------------------------


@PROPERTY_SETTINGS
@given(any_text(VOCABULARY))
def test_parse_alinea_is_total(text: str) -> None:
    result = parse_alinea(text)
    assert isinstance(result, AlineaCommand | ParseError)  # a subcommand's own (pulse, notify, settings) too


@PROPERTY_SETTINGS
@given(any_text(VOCABULARY))
def test_every_parse_error_can_be_shown_in_both_languages(text: str) -> None:
    result = parse_alinea(text)
    if not isinstance(result, ParseError):
        return
    assert_showable(result)


user_ids = st.from_regex(r"U[A-Z0-9]{2,10}", fullmatch=True)
names = st.text(alphabet=string.ascii_lowercase + string.digits + "._-", min_size=1, max_size=20)
cased_aliases = st.sampled_from(sorted(SIDE_ALIASES)).flatmap(lambda alias: st.sampled_from(mixed_cases(alias)))
leader_words = st.sampled_from(["leader", "Leader", "LEADER", "líder", "lider"])


@PROPERTY_SETTINGS
@given(user_ids, names, cased_aliases, st.one_of(st.none(), leader_words), st.booleans())
def test_team_add_round_trip(user_id: str, name: str, alias: str, leader: str | None, with_name: bool) -> None:
    mention = f"<@{user_id}|{name}>" if with_name else f"<@{user_id}>"
    text = f"team add {mention} {alias}" + (f" {leader}" if leader else "")

    result = parse_alinea(text)

    assert result == AddToTeam(user_id=user_id, side=SIDE_ALIASES[alias.lower()], leader=leader is not None)


@PROPERTY_SETTINGS
@given(user_ids, names)
def test_team_remove_round_trip(user_id: str, name: str) -> None:
    assert parse_alinea(f"team remove <@{user_id}|{name}>") == RemoveFromTeam(user_id=user_id)
