"""Parsing of `/ask` and `/commit` (SPEC.md "/ask", "/commit", "Words used in commands"): every form, every
error, and properties: total on any text, every error showable in both languages, generated asks round-trip."""

from __future__ import annotations

import string
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.asks.models import Category, NewAsk, Priority
from bot.asks.parsing import (
    ASK_SUBCOMMANDS,
    AcceptAsk,
    AskHelp,
    AskModal,
    CancelAsk,
    DeclineAsk,
    DoneAsk,
    ListAsks,
    ShowAsk,
    parse_ask,
)
from bot.commitments.models import NewCommitment
from bot.commitments.parsing import (
    COMMIT_SUBCOMMANDS,
    CancelCommitment,
    CommitHelp,
    CommitmentDone,
    ListCommitments,
    parse_commit,
)
from bot.dates import DATE_EXAMPLES
from bot.errors import ParseError
from bot.i18n import CATALOGS, t
from bot.ids import parse_ask_number, parse_commitment_number
from bot.people import Side

TODAY = date(2026, 11, 25)  # a Wednesday
FRIDAY = date(2026, 11, 27)
ASK_COMMANDS = (AskModal, AskHelp, NewAsk, ListAsks, ShowAsk, AcceptAsk, DeclineAsk, DoneAsk, CancelAsk)
COMMIT_COMMANDS = (CommitHelp, NewCommitment, ListCommitments, CommitmentDone, CancelCommitment)
CATEGORY_LIST = ", ".join(f"#{category.value}" for category in Category)
ALIASES = {
    "marketing": Side.MARKETING,
    "mkt": Side.MARKETING,
    "mercadotecnia": Side.MARKETING,
    "it": Side.IT,
    "ti": Side.IT,
    "tech": Side.IT,
}


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def assert_showable(error: ParseError) -> None:
    """The key and usage exist in both catalogs, the error carries exactly the params its message uses, and
    the message formats in both languages."""
    params = {name: value for name, value in error.params.items() if name != "usage"}
    for lang, catalog in CATALOGS.items():
        assert error.key in catalog, (lang, error.key)
        assert error.usage in catalog, (lang, error.usage)
        assert _fields(catalog[error.key]) == set(params), (lang, error.key, params)
        assert t(lang, error.key, **params)
        assert t(lang, error.usage)


def ask(text: str, today: date = TODAY) -> object:
    return parse_ask(text, today)


def commit(text: str, today: date = TODAY) -> object:
    return parse_commit(text, today)


# --- ids --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("word", "number"), [("A-12", 12), ("a-12", 12), ("A12", 12), ("A-1", 1),
                                              ("A-000000012", 12), ("A-999999999", 999_999_999), (" A-3 ", 3)])
def test_ask_numbers(word: str, number: int) -> None:
    assert parse_ask_number(word) == number


@pytest.mark.parametrize("word", ["A-0", "A-", "A", "12", "-12", "A--12", "A-1234567890", "C-12", "A-12x", "A-1.5",
                                  "A-１２", "AA-12", "#A-12", "", "A 12"])
def test_not_ask_numbers(word: str) -> None:
    assert parse_ask_number(word) is None


@pytest.mark.parametrize(("word", "number"), [("C-7", 7), ("c-7", 7), ("C7", 7), ("C-999999999", 999_999_999)])
def test_commitment_numbers(word: str, number: int) -> None:
    assert parse_commitment_number(word) == number


@pytest.mark.parametrize("word", ["C-0", "A-7", "7", "C-", "C-1234567890", "CC-7", ""])
def test_not_commitment_numbers(word: str) -> None:
    assert parse_commitment_number(word) is None


# --- /ask: modal and help ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "\u00a0"])
def test_ask_without_text_opens_the_modal(text: str) -> None:
    assert ask(text) == AskModal()


@pytest.mark.parametrize("text", ["help", "HELP", " Help ", "ayuda", "AYUDA"])
def test_ask_help(text: str) -> None:
    assert ask(text) == AskHelp()


def test_ask_help_in_quotes_or_with_more_words_is_an_ask() -> None:
    assert ask('"help"') == NewAsk(title="help")
    assert ask("help me migrate the CRM") == NewAsk(title="help me migrate the CRM")


# --- /ask: new asks ---------------------------------------------------------------------------------------


def test_ask_with_every_option() -> None:
    result = ask("Landing page for the spring campaign to:it <@U0123ABCD|maria> due:fri !high #digital-media")
    assert result == NewAsk(
        title="Landing page for the spring campaign",
        to_side=Side.IT,
        owner_id="U0123ABCD",
        due=FRIDAY,
        priority=Priority.HIGH,
        category=Category.DIGITAL_MEDIA,
    )


def test_ask_with_a_title_only_has_the_defaults() -> None:
    result = ask("Fix the login page")
    assert result == NewAsk(title="Fix the login page")
    assert isinstance(result, NewAsk)
    assert result.priority is Priority.NORMAL
    assert result.to_side is None and result.owner_id is None and result.due is None and result.category is None


def test_ask_options_anywhere_title_words_keep_their_order() -> None:
    result = ask("!urgent Fix to:marketing the #security login <@U1> page due:2026-12-01")
    assert result == NewAsk(
        title="Fix the login page",
        to_side=Side.MARKETING,
        owner_id="U1",
        due=date(2026, 12, 1),
        priority=Priority.URGENT,
        category=Category.SECURITY,
    )


def test_ask_title_words_are_joined_by_single_spaces() -> None:
    assert ask("  Fix   the\tlogin\n\npage  ") == NewAsk(title="Fix the login page")


def test_ask_quoted_phrases_keep_their_inner_text_and_are_never_options() -> None:
    result = ask('"Move to:it and #kpi  !high" to:mkt')
    assert result == NewAsk(title="Move to:it and #kpi  !high", to_side=Side.MARKETING)
    assert ask('Report “<@U1> due:fri” now') == NewAsk(title="Report <@U1> due:fri now")


def test_ask_blank_quoted_phrases_are_dropped() -> None:
    assert ask('Fix "" the "  " page') == NewAsk(title="Fix the page")
    assert ask('"  padded title  "') == NewAsk(title="padded title")


@pytest.mark.parametrize(
    "text",
    ['"Cancel the old CRM licence"', "“Cancel the old CRM licence”", '  "Cancel the old CRM licence"',
     '"Cancel" the old CRM licence', "«Cancel the old CRM licence»"],
)
def test_ask_a_title_starting_with_a_subcommand_word_in_quotes(text: str) -> None:
    assert ask(text) == NewAsk(title="Cancel the old CRM licence")


@pytest.mark.parametrize(("alias", "side"), ALIASES.items())
def test_ask_to_every_side_alias_in_any_case(alias: str, side: Side) -> None:
    assert ask(f"Fix it to:{alias}") == NewAsk(title="Fix it", to_side=side)
    assert ask(f"Fix it TO:{alias.upper()}") == NewAsk(title="Fix it", to_side=side)


@pytest.mark.parametrize(
    ("mention", "user_id"), [("<@U1>", "U1"), ("<@U0123ABCD|maria.lopez>", "U0123ABCD"), ("<@W9AB|john smith>", "W9AB")]
)
def test_ask_owner_mentions(mention: str, user_id: str) -> None:
    assert ask(f"Fix it {mention}") == NewAsk(title="Fix it", owner_id=user_id)


@pytest.mark.parametrize("word", ["<@u1>", "<!here>", "<!subteam^S1|@it-team>", "@maria", "<@C1>"])
def test_ask_other_mentions_are_title_words(word: str) -> None:
    assert ask(f"Ping {word} now") == NewAsk(title=f"Ping {word} now")


@pytest.mark.parametrize(
    ("word", "priority"),
    [("!low", Priority.LOW), ("!normal", Priority.NORMAL), ("!high", Priority.HIGH), ("!urgent", Priority.URGENT),
     ("!URGENT", Priority.URGENT), ("!High", Priority.HIGH), ("!baja", Priority.LOW), ("!alta", Priority.HIGH),
     ("!urgente", Priority.URGENT)],
)
def test_ask_priorities(word: str, priority: Priority) -> None:
    assert ask(f"Fix it {word}") == NewAsk(title="Fix it", priority=priority)


@pytest.mark.parametrize("category", list(Category))
def test_ask_every_category_as_a_word_and_as_a_channel_mention(category: Category) -> None:
    assert ask(f"Fix it #{category.value}") == NewAsk(title="Fix it", category=category)
    assert ask(f"Fix it #{category.value.upper()}") == NewAsk(title="Fix it", category=category)
    assert ask(f"Fix it <#C0123ABC|{category.value}>") == NewAsk(title="Fix it", category=category)


@pytest.mark.parametrize(
    ("word", "due"),
    [("due:today", TODAY), ("due:hoy", TODAY), ("due:tomorrow", date(2026, 11, 26)),
     ("due:mañana", date(2026, 11, 26)),
     ("due:fri", FRIDAY), ("due:viernes", FRIDAY), ("due:wed", date(2026, 12, 2)), ("due:mié", date(2026, 12, 2)),
     ("due:+0d", TODAY), ("due:+3d", date(2026, 11, 28)), ("due:+2w", date(2026, 12, 9)),
     ("due:2026-12-01", date(2026, 12, 1)), ("DUE:FRI", FRIDAY), ("due:2028-02-29", date(2028, 2, 29))],
)
def test_ask_due_dates(word: str, due: date) -> None:
    assert ask(f"Fix it {word}") == NewAsk(title="Fix it", due=due)


@pytest.mark.parametrize(
    "word", ["http://example.com/a?b=c", "10:30", "Re:", "note:", "ratio:3", "https://x.io", ":", "a:b:c", "!", "#"]
)
def test_ask_other_words_with_colons_or_marks_are_title_words(word: str) -> None:
    assert ask(f"Check {word} today") == NewAsk(title=f"Check {word} today")


def test_ask_options_of_other_commands_are_title_words() -> None:
    assert ask("Fix for:A-12 it") == NewAsk(title="Fix for:A-12 it")


def test_ask_title_of_exactly_150_characters() -> None:
    title = "x" * 150
    assert ask(f"{title} !high") == NewAsk(title=title, priority=Priority.HIGH)


def test_ask_title_may_start_with_a_word_that_merely_contains_a_subcommand() -> None:
    assert ask("listing page revamp") == NewAsk(title="listing page revamp")
    assert ask('list"ing page"') == NewAsk(title="list ing page")


# --- /ask: subcommands ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("list", ListAsks()),
        ("LIST", ListAsks()),
        ("list open", ListAsks(filter="open")),
        ("list mine", ListAsks(filter="mine")),
        ("list overdue", ListAsks(filter="overdue")),
        ("list all", ListAsks(filter="all")),
        ("List ALL", ListAsks(filter="all")),
        ("list to:it", ListAsks(to_side=Side.IT)),
        ("list to:Mercadotecnia overdue", ListAsks(filter="overdue", to_side=Side.MARKETING)),
        ("list all to:tech", ListAsks(filter="all", to_side=Side.IT)),
        ("lista todas", ListAsks(filter="all")),
        ("lista mías", ListAsks(filter="mine")),
        ("lista vencidas to:ti", ListAsks(filter="overdue", to_side=Side.IT)),
        ("lista abiertas", ListAsks(filter="open")),
    ],
)
def test_ask_list(text: str, expected: ListAsks) -> None:
    assert ask(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("show A-12", ShowAsk(number=12)),
        ("show a-12", ShowAsk(number=12)),
        ("SHOW  A12 ", ShowAsk(number=12)),
        ("mostrar A-5", ShowAsk(number=5)),
        ('show "A-7"', ShowAsk(number=7)),
        ("accept A-12", AcceptAsk(number=12)),
        ("accept A-12 due:fri", AcceptAsk(number=12, due=FRIDAY)),
        ("accept a3 due:today", AcceptAsk(number=3, due=TODAY)),
        ("aceptar A-3 due:mañana", AcceptAsk(number=3, due=date(2026, 11, 26))),
        ("cancel A-12", CancelAsk(number=12)),
        ("cancelar a7", CancelAsk(number=7)),
    ],
)
def test_ask_show_accept_cancel(text: str, expected: object) -> None:
    assert ask(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("decline A-12 Not in scope this quarter", DeclineAsk(number=12, reason="Not in scope this quarter")),
        ("decline A-12    Out of  scope   ", DeclineAsk(number=12, reason="Out of  scope")),
        ("rechazar a1 no hay presupuesto", DeclineAsk(number=1, reason="no hay presupuesto")),
        ('decline A-1 the 5" screen won\'t fit', DeclineAsk(number=1, reason='the 5" screen won\'t fit')),
        ("decline A-1 due:fri !high #kpi <@U1>", DeclineAsk(number=1, reason="due:fri !high #kpi <@U1>")),
        ("decline A-1 “quoted” reason", DeclineAsk(number=1, reason="“quoted” reason")),
        ("decline A-1 first line\nsecond line", DeclineAsk(number=1, reason="first line\nsecond line")),
        ("done A-12", DoneAsk(number=12)),
        ("done A-12   ", DoneAsk(number=12)),
        ("done A-12 Shipped in v2.3", DoneAsk(number=12, note="Shipped in v2.3")),
        ("hecho A-2 listo", DoneAsk(number=2, note="listo")),
        ('done A-2 see "notes', DoneAsk(number=2, note='see "notes')),
    ],
)
def test_ask_decline_and_done(text: str, expected: object) -> None:
    assert ask(text) == expected


def test_ask_reason_and_note_of_exactly_500_characters() -> None:
    assert ask("decline A-1 " + "r" * 500) == DeclineAsk(number=1, reason="r" * 500)
    assert ask("done A-1 " + "n" * 500) == DoneAsk(number=1, note="n" * 500)


@pytest.mark.parametrize("word", sorted(ASK_SUBCOMMANDS))
def test_ask_every_subcommand_word_is_recognised_in_any_case(word: str) -> None:
    for cased in (word, word.upper(), word.capitalize()):
        result = ask(f"{cased} A-4 reason")
        assert not isinstance(result, NewAsk), cased


# --- /ask: errors -----------------------------------------------------------------------------------------

ASK_ERRORS = [
    # text, key, params
    ('Fix "the login', "error.unclosed_quote", {}),
    ('list "open', "error.unclosed_quote", {}),
    ('show "A-12', "error.unclosed_quote", {}),
    # list
    ("list everything", "error.ask_list_word", {"word": "everything", "subcommand": "list"}),
    ("Lista de precios", "error.ask_list_word", {"word": "de", "subcommand": "Lista"}),
    ("list due:fri", "error.ask_list_word", {"word": "due:fri", "subcommand": "list"}),
    ("list open mine", "error.unexpected_word", {"word": "mine"}),
    ("list all all", "error.unexpected_word", {"word": "all"}),
    ("list to:sales", "error.unknown_side", {"word": "sales"}),
    ("list to:", "error.empty_option", {"option": "to:", "example": "to:it"}),
    ("list to:it to:mkt", "error.repeated_option", {"option": "to:"}),
    # ids
    ("show", "error.needs_ask_id", {"word": "show"}),
    ("show 12", "error.needs_ask_id", {"word": "show"}),
    ("show A-0", "error.needs_ask_id", {"word": "show"}),
    ("show A-1234567890", "error.needs_ask_id", {"word": "show"}),
    ("show C-12", "error.needs_ask_id", {"word": "show"}),
    ("Show the dashboard on the TV", "error.needs_ask_id", {"word": "Show"}),
    ("accept", "error.needs_ask_id", {"word": "accept"}),
    ("accept due:fri A-12", "error.needs_ask_id", {"word": "accept"}),
    ("decline", "error.needs_ask_id", {"word": "decline"}),
    ("decline because it is too big", "error.needs_ask_id", {"word": "decline"}),
    ("done", "error.needs_ask_id", {"word": "done"}),
    ("Done deal with the agency", "error.needs_ask_id", {"word": "Done"}),
    ("cancel", "error.needs_ask_id", {"word": "cancel"}),
    ("Cancelar la suscripción de Adobe", "error.needs_ask_id", {"word": "Cancelar"}),
    # extra words
    ("show A-12 now", "error.unexpected_word", {"word": "now"}),
    ("cancel A-12 please", "error.unexpected_word", {"word": "please"}),
    ("accept A-12 fri", "error.unexpected_word", {"word": "fri"}),
    ("accept A-12 !high", "error.unexpected_word", {"word": "!high"}),
    # accept due
    ("accept A-12 due:", "error.empty_option", {"option": "due:", "example": "due:fri"}),
    ("accept A-12 due:someday", "error.bad_date", {"word": "someday", "examples": DATE_EXAMPLES}),
    ("accept A-12 due:2026-11-24", "error.date_in_past", {"word": "2026-11-24"}),
    ("accept A-12 due:fri due:mon", "error.repeated_option", {"option": "due:"}),
    # decline and done texts
    ("decline A-12", "error.decline_needs_reason", {}),
    ("decline A-12   \n ", "error.decline_needs_reason", {}),
    ("decline A-12 " + "x" * 501, "error.comment_too_long", {"limit": 500, "length": 501}),
    ("done A-12 " + "x" * 600, "error.comment_too_long", {"limit": 500, "length": 600}),
    # new asks
    ("to:it", "error.ask_needs_title", {}),
    ("<@U1> !high #kpi due:fri", "error.ask_needs_title", {}),
    ('""', "error.ask_needs_title", {}),
    ('"   " to:it', "error.ask_needs_title", {}),
    ("x" * 151, "error.title_too_long", {"limit": 150, "length": 151}),
    ("word " * 40, "error.title_too_long", {"limit": 150, "length": 199}),
    ("Fix to:", "error.empty_option", {"option": "to:", "example": "to:it"}),
    ("Fix TO:", "error.empty_option", {"option": "to:", "example": "to:it"}),
    ("Fix to: it", "error.empty_option", {"option": "to:", "example": "to:it"}),
    ("Fix to:sales", "error.unknown_side", {"word": "sales"}),
    ("Fix to:it to:mkt", "error.repeated_option", {"option": "to:"}),
    ("Fix to:it to:it", "error.repeated_option", {"option": "to:"}),
    ("Fix due:", "error.empty_option", {"option": "due:", "example": "due:fri"}),
    ("Fix due:someday", "error.bad_date", {"word": "someday", "examples": DATE_EXAMPLES}),
    ("Fix due:2026-02-30", "error.bad_date", {"word": "2026-02-30", "examples": DATE_EXAMPLES}),
    ("Fix due:2027-02-29", "error.bad_date", {"word": "2027-02-29", "examples": DATE_EXAMPLES}),
    ("Fix due:+3651d", "error.bad_date", {"word": "+3651d", "examples": DATE_EXAMPLES}),
    ("Fix due:2026-11-24", "error.date_in_past", {"word": "2026-11-24"}),
    ("Fix due:fri due:mon", "error.repeated_option", {"option": "due:"}),
    ("Fix <@U1> <@U2>", "error.repeated_option", {"option": "@owner"}),
    ("Fix <@U1> <@U1|ann>", "error.repeated_option", {"option": "@owner"}),
    ("Fix !meh", "error.unknown_priority", {"word": "!meh"}),
    ("Fix !!!", "error.unknown_priority", {"word": "!!!"}),
    ("Fix !high !low", "error.repeated_option", {"option": "!priority"}),
    ("Fix #foo", "error.unknown_category", {"word": "#foo", "categories": CATEGORY_LIST}),
    ("Fix bug #123", "error.unknown_category", {"word": "#123", "categories": CATEGORY_LIST}),
    ("Post in <#C1|general>", "error.unknown_category", {"word": "#general", "categories": CATEGORY_LIST}),
    ("Fix #kpi #ai", "error.repeated_option", {"option": "#category"}),
    ("Fix #kpi <#C2|ai>", "error.repeated_option", {"option": "#category"}),
]


@pytest.mark.parametrize(("text", "key", "params"), ASK_ERRORS, ids=[e[0][:40] for e in ASK_ERRORS])
def test_ask_errors(text: str, key: str, params: dict[str, object]) -> None:
    result = ask(text)

    assert isinstance(result, ParseError), result
    assert result.key == key
    assert result.usage == "usage.ask"
    assert {name: value for name, value in result.params.items() if name != "usage"} == params
    assert_showable(result)


def test_the_first_problem_from_the_left_is_reported() -> None:
    result = ask("Fix to:sales !meh")
    assert isinstance(result, ParseError) and result.key == "error.unknown_side"


def test_needs_ask_id_tells_how_to_quote_the_title() -> None:
    result = ask("Cancel the old CRM licence")
    assert isinstance(result, ParseError)
    assert '/ask "Cancel …"' in t("en", result.key, **result.params)
    assert '/ask "Cancel …"' in t("es", result.key, **result.params)


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
    result = commit(text)

    assert isinstance(result, ParseError), result
    assert result.key == key
    assert result.usage == "usage.commit"
    assert {name: value for name, value in result.params.items() if name != "usage"} == params
    assert_showable(result)


@pytest.mark.parametrize("word", sorted(COMMIT_SUBCOMMANDS))
def test_commit_every_subcommand_word_is_recognised(word: str) -> None:
    assert not isinstance(commit(f"{word.upper()} C-4"), NewCommitment)


# --- properties -------------------------------------------------------------------------------------------

VOCABULARY = [
    "help", "ayuda", *ASK_SUBCOMMANDS, *COMMIT_SUBCOMMANDS, "open", "mine", "overdue", "all", "side", "todas",
    "A-12", "a-12", "A12", "A-0", "A-1234567890", "C-7", "c7", "C-0",
    "to:", "to:it", "TO:mkt", "to:sales", "due:", "due:fri", "due:mañana", "due:2020-01-01", "due:2026-02-30",
    "due:+3650d", "due:+9999999999999d", "for:", "for:A-1", "for:C-1", "!high", "!", "!x", "!!!", "#kpi", "#",
    "#x", "<#C1|kpi>", "<#C1|general>", "<#C1>", "<@U1>", "<@U123|a b>", "<@W9AB>", "<@u1>", "<@U1", "<!here>",
    "http://x", "10:30", ":", "a:b",
    '"', "“", "”", "„", "«", "»", "'", "’", '""', '"quoted to:it phrase"',
    "{", "}", "{word}", "{0}", "%s", "`",
    "\x00", "\x1b[31m", "\u200b", "\r\n", "\t", "\x1f", "\x1c", "\x85", "\ufeff", "é", "İ", "🙂", "x" * 300,
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
todays = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))

PROPERTY_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY_SETTINGS
@given(any_text, todays)
def test_parse_ask_is_total_and_its_errors_can_be_shown(text: str, today: date) -> None:
    result = parse_ask(text, today)
    assert isinstance(result, (*ASK_COMMANDS, ParseError))
    if isinstance(result, ParseError):
        assert result.usage == "usage.ask"
        assert_showable(result)


@PROPERTY_SETTINGS
@given(any_text, todays)
def test_parse_commit_is_total_and_its_errors_can_be_shown(text: str, today: date) -> None:
    result = parse_commit(text, today)
    assert isinstance(result, (*COMMIT_COMMANDS, ParseError))
    if isinstance(result, ParseError):
        assert result.usage == "usage.commit"
        assert_showable(result)


@PROPERTY_SETTINGS
@given(any_text, todays)
def test_parsed_commands_respect_the_limits(text: str, today: date) -> None:
    ask_result = parse_ask(text, today)
    if isinstance(ask_result, NewAsk):
        assert 0 < len(ask_result.title) <= 150
        assert ask_result.due is None or ask_result.due >= today
    if isinstance(ask_result, DeclineAsk):
        assert 0 < len(ask_result.reason) <= 500
    if isinstance(ask_result, DoneAsk):
        assert ask_result.note is None or 0 < len(ask_result.note) <= 500
    commit_result = parse_commit(text, today)
    if isinstance(commit_result, NewCommitment):
        assert 0 < len(commit_result.text) <= 300 and commit_result.due >= today


# --- round trips ------------------------------------------------------------------------------------------

RESERVED_FIRST_WORDS = {*ASK_SUBCOMMANDS, "help", "ayuda"}
PLAIN_ALPHABET = string.ascii_letters + string.digits + ".,-?'/()&:!#@¿¡áéíóúñÁÉÑü"


def _plain_title_word(word: str) -> bool:
    """Words that stay title words unquoted: not a subcommand, not an option (of /ask or /commit)."""
    if word.lower() in RESERVED_FIRST_WORDS or (len(word) > 1 and word[0] in "!#"):
        return False
    key, colon, _ = word.partition(":")
    return not (colon and key.isascii() and key.isalpha() and key.lower() in {"to", "due", "for"})


plain_words = st.text(alphabet=PLAIN_ALPHABET, min_size=1, max_size=12).filter(_plain_title_word)
tricky_words = st.sampled_from(["to:it", "#kpi", "!high", "list", "cancel", "<@U1>", "due:fri", "help", "A-12"])
user_ids = st.from_regex(r"[UW][A-Z0-9]{2,10}", fullmatch=True)
mention_names = st.text(alphabet=string.ascii_lowercase + string.digits + "._- ", min_size=1, max_size=20)


def _cases(word: str) -> st.SearchStrategy[str]:
    return st.sampled_from([word, word.lower(), word.upper(), word.capitalize()])


@st.composite
def due_words(draw: st.DrawFn, today: date) -> tuple[str, date]:
    """A due word, written any way the grammar allows, and the date it means."""
    form = draw(st.sampled_from(["iso", "days", "weeks", "weekday", "named"]))
    if form == "iso":
        day = today + timedelta(days=draw(st.integers(0, 3650)))
        return day.isoformat(), day
    if form == "days":
        count = draw(st.integers(0, 3650))
        return draw(_cases(f"+{count}d")), today + timedelta(days=count)
    if form == "weeks":
        count = draw(st.integers(0, 520))
        return draw(_cases(f"+{count}w")), today + timedelta(weeks=count)
    if form == "weekday":
        names = [("mon", "lunes"), ("tue", "martes"), ("wed", "miércoles"), ("thu", "jueves"), ("fri", "viernes"),
                 ("sat", "sábado"), ("sun", "domingo")]
        weekday = draw(st.integers(0, 6))
        word = draw(st.sampled_from(names[weekday]))
        return draw(_cases(word)), today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
    word, days = draw(st.sampled_from([("today", 0), ("hoy", 0), ("tomorrow", 1), ("mañana", 1), ("manana", 1)]))
    return draw(_cases(word)), today + timedelta(days=days)


@st.composite
def rendered_asks(draw: st.DrawFn) -> tuple[str, NewAsk, date]:
    """A valid NewAsk, the text of an /ask that says it (tokens in random order), and the today it needs."""
    today = draw(todays)
    options: list[str] = []
    fields: dict[str, object] = {}

    if (alias := draw(st.none() | st.sampled_from(sorted(ALIASES)))) is not None:
        options.append(draw(st.sampled_from(["to:", "TO:", "To:"])) + draw(_cases(alias)))
        fields["to_side"] = ALIASES[alias]
    if (user_id := draw(st.none() | user_ids)) is not None:
        name = draw(st.none() | mention_names)
        options.append(f"<@{user_id}>" if name is None else f"<@{user_id}|{name}>")
        fields["owner_id"] = user_id
    if draw(st.booleans()):
        word, due = draw(due_words(today))
        options.append(draw(st.sampled_from(["due:", "DUE:"])) + word)
        fields["due"] = due
    if (priority := draw(st.none() | st.sampled_from(list(Priority)))) is not None:
        options.append("!" + draw(_cases(priority.value)))
        fields["priority"] = priority
    if (category := draw(st.none() | st.sampled_from(list(Category)))) is not None:
        channel_id = draw(st.from_regex(r"C[A-Z0-9]{2,10}", fullmatch=True))
        options.append(draw(st.sampled_from([f"#{category.value}", f"<#{channel_id}|{category.value}>"])))
        fields["category"] = category

    if draw(st.booleans()):
        title_words = draw(st.lists(plain_words, min_size=1, max_size=8))
        title = " ".join(title_words)
        title_tokens = title_words
    else:  # one quoted phrase, which may hold anything but quotes
        title = " ".join(draw(st.lists(plain_words | tricky_words, min_size=1, max_size=8)))
        opening, closing = draw(st.sampled_from([('"', '"'), ("“", "”"), ("«", "»"), ('"', "”")]))
        title_tokens = [f"{opening}{title}{closing}"]

    # random order of all tokens, title words keeping their order among themselves
    slots = draw(st.permutations([None] * len(title_tokens) + options))
    pending = iter(title_tokens)
    tokens = [next(pending) if slot is None else slot for slot in slots]
    gaps = draw(st.lists(st.sampled_from([" ", "  ", "\t", "\n", " \u00a0", "\u3000"]), min_size=len(tokens) + 1,
                         max_size=len(tokens) + 1))
    text = gaps[0] + "".join(token + gap for token, gap in zip(tokens, gaps[1:], strict=True))
    return text, NewAsk(title=title, **fields), today


@PROPERTY_SETTINGS
@given(rendered_asks())
def test_new_ask_round_trip(case: tuple[str, NewAsk, date]) -> None:
    text, expected, today = case
    assert parse_ask(text, today) == expected


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


@PROPERTY_SETTINGS
@given(
    st.sampled_from(["decline", "rechazar", "done", "hecho"]),
    st.integers(1, 999_999_999),
    st.text(min_size=1, max_size=500).filter(lambda s: s.strip() == s and s),
)
def test_decline_and_done_keep_the_rest_of_the_text(word: str, number: int, comment: str) -> None:
    result = parse_ask(f"{word} A-{number} {comment}", TODAY)
    if word in {"decline", "rechazar"}:
        assert result == DeclineAsk(number=number, reason=comment)
    else:
        assert result == DoneAsk(number=number, note=comment)


@PROPERTY_SETTINGS
@given(st.sampled_from(["show", "accept", "cancel"]), st.integers(1, 999_999_999), st.sampled_from(["A-", "a-", "A"]))
def test_ask_ids_round_trip(word: str, number: int, prefix: str) -> None:
    result = parse_ask(f"{word} {prefix}{number}", TODAY)
    assert not isinstance(result, ParseError)
    assert result.number == number  # type: ignore[union-attr]
