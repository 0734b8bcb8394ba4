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
from bot.dates import date_examples
from bot.errors import ParseError
from bot.i18n import t
from bot.ids import parse_commitment_number
from bot.lexer import closest, command_like
from bot.reading import Reading
from tests.bot.asks_and_commitments import FRIDAY, TODAY, any_text, plain_words
from tests.helpers import assert_parse_error, assert_showable
from tests.strategies import PROPERTY_SETTINGS, due_words, todays

COMMIT_COMMANDS = (CommitHelp, NewCommitment, ListCommitments, CommitmentDone, CancelCommitment, ReopenCommitment)
DATE_EXAMPLES = date_examples(Reading(today=TODAY))  # an English reader's, with no locale


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
        ("Call <@U1> about #kpi !high due:fri", NewCommitment(text="Call <@U1> about #kpi !high", due=FRIDAY)),
        ('Call "to:it" due:fri', NewCommitment(text="Call to:it", due=FRIDAY)),
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


# --- /commit: typos stay private ---------------------------------------------------------------------------


def mistyped(suggestion: str, text: str, form: str | None = None) -> dict[str, object]:
    return {"suggestion": f"/commit {suggestion}", "text": text, "form": form or f'/commit "{text}" due:fri'}


COMMIT_TYPOS = [
    ("dnoe C-1", "error.commit_mistyped", mistyped("done", "dnoe C-1")),
    ("Dnoe c1", "error.commit_mistyped", mistyped("done", "Dnoe c1")),
    ("hecha C-1", "error.commit_mistyped", mistyped("hecho", "hecha C-1")),
    ("canel C-2", "error.commit_mistyped", mistyped("cancel", "canel C-2")),
    ("canel C-2 due:mon", "error.commit_mistyped", mistyped("cancel", "canel C-2", '/commit "canel C-2" due:mon')),
    ("cancealr C-2", "error.commit_mistyped", mistyped("cancelar", "cancealr C-2")),
    ("reopne C-3", "error.commit_mistyped", mistyped("reopen", "reopne C-3")),
    ("reabir C-3", "error.commit_mistyped", mistyped("reabrir", "reabir C-3")),
    ("lsit", "error.commit_mistyped", mistyped("list", "lsit")),
    ("lsita", "error.commit_mistyped", mistyped("lista", "lsita")),
    ("lsit overdue", "error.commit_mistyped", mistyped("list", "lsit overdue")),
    ("lsita vencidos", "error.commit_mistyped", mistyped("lista", "lsita vencidos")),
    ("lsit due:fri", "error.commit_mistyped", mistyped("list", "lsit")),
    ("lsit for:A-2", "error.commit_mistyped", mistyped("list", "lsit", '/commit "lsit" for:A-2 due:fri')),
    ("hlep", "error.commit_mistyped", mistyped("help", "hlep")),
    ("undo", "error.commit_quote_text", {"text": "undo", "form": '/commit "undo" due:fri'}),
    ("undo C-1", "error.commit_quote_text", {"text": "undo C-1", "form": '/commit "undo C-1" due:fri'}),
    ("deshacer C-1 due:hoy", "error.commit_quote_text",
     {"text": "deshacer C-1", "form": '/commit "deshacer C-1" due:hoy'}),
]


@pytest.mark.parametrize(("text", "key", "params"), COMMIT_TYPOS, ids=[e[0][:40] for e in COMMIT_TYPOS])
def test_commit_typos_are_not_taken_for_commitments(text: str, key: str, params: dict[str, object]) -> None:
    assert_parse_error(commit(text), key, "usage.commit", **params)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_commit_typo_reply_names_the_subcommand_not_a_due_date(lang: str) -> None:
    result = commit("dnoe C-1")
    assert isinstance(result, ParseError)
    text = t(lang, result.key, **{k: v for k, v in result.params.items() if k != "usage"})
    assert "`/commit done`" in text and '`/commit "dnoe C-1" due:fri`' in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [('"dnoe" C-1 due:fri', "dnoe C-1"), ('"lsit" due:fri', "lsit"), ('"undo" due:fri', "undo"),
     ('"undo C-1" due:fri', "undo C-1")],
)
def test_commit_a_quoted_first_word_is_always_text(text: str, expected: str) -> None:
    assert commit(text) == NewCommitment(text=expected, due=FRIDAY)


REAL_COMMITMENTS = [
    "Ship", "Ship the tracking plan", "Listing page copy for partners", "Lists of vendors to the CFO",
    "Last review of the launch deck", "Some dashboards for the board", "Done-for-you templates",
    "Accepted designs to the agency", "Reopened tickets triaged", "Cancellation survey live", "Help desk macros",
    "Open the Q1 roadmap to marketing", "undo the tracking hack on the blog", "Send C-7 follow-up to legal",
    "Listado de proveedores al CFO", "Hecha la revisión del brief", "Retiro de banners viejos",
    "Cancelación de licencias sin uso", "Reabrimos la tienda", "Donde poner los píxeles", "Presupuesto",
]


@pytest.mark.parametrize("text", REAL_COMMITMENTS)
@pytest.mark.parametrize("options", [" due:fri", " due:fri for:A-12", " due:viernes"])
def test_real_commitments_are_never_refused(text: str, options: str) -> None:
    result = commit(text + options)
    assert isinstance(result, NewCommitment), result
    assert result.text == text


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

    result = parse_commit(text, today)
    if isinstance(result, ParseError) and result.key in {"error.commit_mistyped", "error.commit_quote_text"}:
        # refused only for a first word that is close to a subcommand or a lone lower-case word
        first = text.split()[0]
        assert first == text_words[0]
        assert closest(first, [*COMMIT_SUBCOMMANDS, "help", "ayuda"]) is not None or command_like(first)
        return
    assert result == NewCommitment(text=" ".join(text_words), due=due, ask_number=ask_number)
