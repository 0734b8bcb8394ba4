"""Parsing of `/commit`: every form and every error, and properties: total on any text, every error showable in
both languages, generated commitments round-trip."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.commitments.models import NewCommitment
from bot.commitments.parsing import (
    COMMIT_SUBCOMMANDS,
    CancelCommitment,
    CommitHelp,
    CommitmentDone,
    ListCommitments,
    ReopenCommitment,
    parse_commit,
)
from bot.dates import DATE_EXAMPLES
from bot.errors import ParseError
from bot.ids import parse_commitment_number
from tests.bot.asks_and_commitments import FRIDAY, TODAY, any_text, plain_words
from tests.helpers import assert_parse_error, assert_showable
from tests.strategies import PROPERTY_SETTINGS, due_words, todays

COMMIT_COMMANDS = (CommitHelp, NewCommitment, ListCommitments, CommitmentDone, CancelCommitment, ReopenCommitment)


def commit(text: str, today: date = TODAY) -> object:
    return parse_commit(text, today)


# --- ids --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("word", "number"), [("C-7", 7), ("c-7", 7), ("C7", 7), ("C-999999999", 999_999_999)])
def test_commitment_numbers(word: str, number: int) -> None:
    assert parse_commitment_number(word) == number


@pytest.mark.parametrize("word", ["C-0", "A-7", "7", "C-", "C-1234567890", "CC-7", ""])
def test_not_commitment_numbers(word: str) -> None:
    assert parse_commitment_number(word) is None


# --- /commit ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "  ", "help", "HELP", " Ayuda "])
def test_commit_help(text: str) -> None:
    assert commit(text) == CommitHelp()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("list", ListCommitments()),
        ("list mine", ListCommitments(filter="mine")),
        ("list overdue", ListCommitments(filter="overdue")),
        ("LIST SIDE", ListCommitments(filter="side")),
        ("lista vencidos", ListCommitments(filter="overdue")),
        ("lista míos", ListCommitments(filter="mine")),
        ("lista lado", ListCommitments(filter="side")),
        ("done C-7", CommitmentDone(number=7)),
        ("done c-7", CommitmentDone(number=7)),
        ("Done C7", CommitmentDone(number=7)),
        ("hecho C-7", CommitmentDone(number=7)),
        ("cancel C-7", CancelCommitment(number=7)),
        ("cancelar c7", CancelCommitment(number=7)),
        ("reopen C-7", ReopenCommitment(number=7)),
        ("reabrir c7", ReopenCommitment(number=7)),
    ],
)
def test_commit_subcommands(text: str, expected: object) -> None:
    assert commit(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ship the tracking plan due:fri", NewCommitment(text="Ship the tracking plan", due=FRIDAY)),
        ("Ship the plan due:fri for:A-12", NewCommitment(text="Ship the plan", due=FRIDAY, ask_number=12)),
        ("for:a12 due:+2w Ship   the\tplan", NewCommitment(text="Ship the plan", due=date(2026, 12, 9), ask_number=12)),
        ("Ship due:today", NewCommitment(text="Ship", due=TODAY)),
        ("Ship DUE:Viernes", NewCommitment(text="Ship", due=FRIDAY)),
        ('"done with the migration" due:tomorrow',
         NewCommitment(text="done with the migration", due=date(2026, 11, 26))),
        ('"list" of vendors due:fri', NewCommitment(text="list of vendors", due=FRIDAY)),
        ('Move "due:fri" label due:fri', NewCommitment(text="Move due:fri label", due=FRIDAY)),
        ("Call <@U1> about #kpi !high to:it due:fri",
         NewCommitment(text="Call <@U1> about #kpi !high to:it", due=FRIDAY)),
        ("Check http://x.io at 10:30 due:fri", NewCommitment(text="Check http://x.io at 10:30", due=FRIDAY)),
        ("x" * 300 + " due:fri", NewCommitment(text="x" * 300, due=FRIDAY)),
    ],
)
def test_commit_new(text: str, expected: NewCommitment) -> None:
    assert commit(text) == expected


COMMIT_ERRORS = [
    ('Ship "it due:fri', "error.unclosed_quote", {}),
    ('done "C-7', "error.unclosed_quote", {}),
    ("Ship it", "error.commit_needs_due", {}),
    ("Ship it for:A-1", "error.commit_needs_due", {}),
    ("due:fri", "error.commitment_needs_text", {}),
    ('"" due:fri for:A-1', "error.commitment_needs_text", {}),
    ("Ship due:", "error.empty_option", {"option": "due:", "example": "due:fri"}),
    ("Ship due:nope", "error.bad_date", {"word": "nope", "examples": DATE_EXAMPLES}),
    ("Ship due:2026-11-01", "error.date_in_past", {"word": "2026-11-01"}),
    ("Ship due:fri due:mon", "error.repeated_option", {"option": "due:"}),
    ("Ship due:fri for:", "error.empty_option", {"option": "for:", "example": "for:A-12"}),
    ("Ship due:fri for:C-7", "error.bad_ask_id", {"word": "C-7"}),
    ("Ship due:fri for:12", "error.bad_ask_id", {"word": "12"}),
    ("Ship due:fri for:A-1 for:A-2", "error.repeated_option", {"option": "for:"}),
    ("x" * 301 + " due:fri", "error.commitment_too_long", {"limit": 300, "length": 301}),
    ("list everything", "error.commit_list_word", {"word": "everything", "subcommand": "list"}),
    ("list open", "error.commit_list_word", {"word": "open", "subcommand": "list"}),
    ("Lista de proveedores due:fri", "error.commit_list_word", {"word": "de", "subcommand": "Lista"}),
    ("list mine overdue", "error.unexpected_word", {"word": "overdue"}),
    ("done", "error.needs_commitment_id", {"word": "done"}),
    ("done A-7", "error.needs_commitment_id", {"word": "done"}),
    ("done C-0", "error.needs_commitment_id", {"word": "done"}),
    ("Hecho el deploy due:fri", "error.needs_commitment_id", {"word": "Hecho"}),
    ("cancel", "error.needs_commitment_id", {"word": "cancel"}),
    ("Cancel the vendor contract due:fri", "error.needs_commitment_id", {"word": "Cancel"}),
    ("done C-7 now", "error.unexpected_word", {"word": "now"}),
    ("cancel C-7 due:fri", "error.unexpected_word", {"word": "due:fri"}),
]


@pytest.mark.parametrize(("text", "key", "params"), COMMIT_ERRORS, ids=[e[0][:40] for e in COMMIT_ERRORS])
def test_commit_errors(text: str, key: str, params: dict[str, object]) -> None:
    assert_parse_error(commit(text), key, "usage.commit", **params)


@pytest.mark.parametrize("word", sorted(COMMIT_SUBCOMMANDS))
def test_commit_every_subcommand_word_is_recognised(word: str) -> None:
    assert not isinstance(commit(f"{word.upper()} C-4"), NewCommitment)


# --- properties -------------------------------------------------------------------------------------------


@PROPERTY_SETTINGS
@given(any_text, todays)
def test_parse_commit_is_total_and_its_errors_can_be_shown(text: str, today: date) -> None:
    result = parse_commit(text, today)
    assert isinstance(result, (*COMMIT_COMMANDS, ParseError))
    if isinstance(result, ParseError):
        assert_showable(result, "usage.commit")


# --- round trips ------------------------------------------------------------------------------------------


@PROPERTY_SETTINGS
@given(
    st.lists(plain_words, min_size=1, max_size=10),
    st.none() | st.integers(1, 999_999_999),
    todays,
    st.data(),
)
def test_new_commitment_round_trip(
    text_words: list[str], ask_number: int | None, today: date, data: st.DataObject
) -> None:
    due_word, due = data.draw(due_words(today))
    options = [f"due:{due_word}"] + ([] if ask_number is None else [f"for:A-{ask_number}"])
    slots = data.draw(st.permutations([None] * len(text_words) + options))
    pending = iter(text_words)
    text = " ".join(next(pending) if slot is None else slot for slot in slots)

    assert parse_commit(text, today) == NewCommitment(text=" ".join(text_words), due=due, ask_number=ask_number)
