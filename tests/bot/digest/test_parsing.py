"""Parsing of `/digest`: a mistyped subcommand gets the one it is close to, and the grammar stays total on any text
with every error showable in both languages."""

from __future__ import annotations

import pytest
from hypothesis import given

from bot.digest.parsing import DigestHelp, DigestPreview, DigestSubscribe, DigestUnsubscribe, parse_digest
from bot.errors import ParseError
from tests.helpers import assert_parse_error, assert_showable
from tests.strategies import ODD_WORDS, PROPERTY_SETTINGS, QUOTES, any_text

USAGE = "usage.digest"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("preview", DigestPreview()), ("vista", DigestPreview()), ("subscribe", DigestSubscribe()),
     ("desuscribir", DigestUnsubscribe()), ("ayuda", DigestHelp()), ("", DigestHelp())],
)
def test_subcommands_still_parse(text: str, expected: object) -> None:
    assert parse_digest(text) == expected


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("preveiw", "preview"), ("previe", "preview"), ("vsita", "vista"), ("subscrbe", "subscribe"),
        ("suscribr", "suscribir"), ("unsubscibe", "unsubscribe"), ("desuscrbir", "desuscribir"),
        ("cofnig fri 09:00", "config"), ("confiugrar vie 09:00", "configurar"), ("hlep", "help"),
        ("ayuad", "ayuda"), ("Preveiw", "preview"),
    ],
)
def test_a_mistyped_subcommand_gets_the_one_it_is_close_to(text: str, suggestion: str) -> None:
    assert_parse_error(parse_digest(text), "error.did_you_mean", USAGE, word=text.split()[0],
                       suggestion=f"/digest {suggestion}")


@pytest.mark.parametrize("text", ["send", "weekly report", "S-3", "5"])
def test_a_word_close_to_no_subcommand_is_unknown(text: str) -> None:
    result = parse_digest(text)
    assert isinstance(result, ParseError) and result.key == "error.unknown_subcommand"
    assert_showable(result, USAGE)


VOCABULARY = ["preview", "vista", "subscribe", "suscribir", "unsubscribe", "desuscribir", "config", "configurar",
              "preveiw", "fri", "09:00", "tz:UTC", "in:<#C1|x>", "help", *QUOTES, *ODD_WORDS]


@PROPERTY_SETTINGS
@given(any_text(VOCABULARY))
def test_parse_digest_is_total_and_its_errors_can_be_shown(text: str) -> None:
    result = parse_digest(text)
    if isinstance(result, ParseError):
        assert_showable(result, USAGE)
