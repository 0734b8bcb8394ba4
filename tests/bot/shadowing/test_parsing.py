"""Parsing of `/shadow`: a mistyped subcommand gets the one it is close to, and the grammar stays total on any text
with every error showable in both languages."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given

from bot.errors import ParseError
from bot.shadowing.parsing import (
    SUBCOMMANDS,
    JoinRotation,
    LeaveRotation,
    RotationStatus,
    ShadowHelp,
    parse_shadow,
)
from tests.helpers import assert_parse_error, assert_showable
from tests.strategies import ODD_WORDS, PROPERTY_SETTINGS, QUOTES, any_text

TODAY = date(2026, 11, 25)
USAGE = "usage.shadow"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("join", JoinRotation()), ("unirme host", JoinRotation(preference="host")), ("leave", LeaveRotation()),
     ("estado", RotationStatus()), ("help", ShadowHelp()), ("", ShadowHelp())],
)
def test_subcommands_still_parse(text: str, expected: object) -> None:
    assert parse_shadow(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("jion", "join"), ("jion host", "join"), ("unrime", "unirme"), ("leve", "leave"), ("slair", "salir"),
        ("puase until:fri", "pause"), ("pausra until:vie", "pausar"), ("stauts", "status"), ("estaod", "estado"),
        ("cofnig every:2w on:tue at:10:00", "config"), ("configuar", "configurar"), ("rn", "run"),
        ("corer", "correr"), ("stast", "stats"), ("estadisticsa", "estadisticas"), ("hlep", "help"),
        ("ayuad", "ayuda"), ("Jion", "join"), ("unirse ya", "unirme"),
    ],
)
def test_a_mistyped_subcommand_gets_the_one_it_is_close_to(text: str, suggestion: str) -> None:
    assert_parse_error(parse_shadow(text, TODAY), "error.did_you_mean", USAGE, word=text.split()[0],
                       suggestion=f"/shadow {suggestion}")


@pytest.mark.parametrize("text", ["rotate", "shadowing now", "S-3", "5"])
def test_a_word_close_to_no_subcommand_is_unknown(text: str) -> None:
    result = parse_shadow(text, TODAY)
    assert isinstance(result, ParseError) and result.key == "error.unknown_subcommand"
    assert_showable(result, USAGE)


VOCABULARY = [*SUBCOMMANDS, "jion", "stauts", "host", "visitor", "both", "until:fri", "every:2w", "on:tue",
              "at:10:00", "followup:3d", "help", "ayuda", *QUOTES, *ODD_WORDS]


@PROPERTY_SETTINGS
@given(any_text(VOCABULARY))
def test_parse_shadow_is_total_and_its_errors_can_be_shown(text: str) -> None:
    result = parse_shadow(text, TODAY)
    if isinstance(result, ParseError):
        assert_showable(result, USAGE)
