"""Parsing of `/kpi`: every form, every error, and properties: total on any text, every error showable in both
languages, generated commands round-trip."""

from __future__ import annotations

import string
from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from bot.dates import EARLIEST_DAY
from bot.errors import ParseError
from bot.kpis.models import KpiDefinition as KpiDefine
from bot.kpis.models import KpiEntry as KpiLog
from bot.kpis.parsing import (
    KPI_SUBCOMMANDS,
    KpiArchive,
    KpiDefineModal,
    KpiHelp,
    KpiList,
    KpiShow,
    log_date_examples,
    parse_kpi,
    parse_past_date,
    parse_slug,
)
from bot.kpis.values import QUANTITY_EXAMPLES, SPANISH_QUANTITY_EXAMPLES, Quantity, format_value
from bot.reading import Reading
from tests.helpers import assert_parse_error, assert_showable
from tests.strategies import ODD_WORDS, PROPERTY_SETTINGS, QUOTES, any_text, cases

TODAY = date(2026, 11, 25)  # a Wednesday
DATE_RANGE = {"earliest": "2000-01-01", "today": "2026-11-25"}
LOG_DATE_EXAMPLES = log_date_examples(Reading(today=TODAY))  # an English reader's, with no locale
YESTERDAY = date(2026, 11, 24)
COMMANDS = (KpiList, KpiHelp, KpiDefineModal, KpiDefine, KpiLog, KpiShow, KpiArchive)
USAGE = "usage.kpi"


def kpi(text: str, today: date = TODAY) -> object:
    return parse_kpi(text, today)


# --- list, help, modal ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "\u00a0", "list", "LIST", " List ", "lista", "listar", '"list"', '""', "“ ”"])
def test_list(text: str) -> None:
    assert kpi(text) == KpiList()


@pytest.mark.parametrize("text", ["help", "HELP", " Help ", "ayuda", "AYUDA"])
def test_help(text: str) -> None:
    assert kpi(text) == KpiHelp()


@pytest.mark.parametrize("text", ["define", "DEFINE", " definir ", 'define ""', "define “  ”"])
def test_define_alone_opens_the_modal(text: str) -> None:
    assert kpi(text) == KpiDefineModal()


@pytest.mark.parametrize(("text", "word"), [("list all", "all"), ("help define", "define"), ("ayuda x", "x")])
def test_list_and_help_take_no_more_words(text: str, word: str) -> None:
    assert_parse_error(kpi(text), "error.unexpected_word", USAGE, word=word)


# --- define -----------------------------------------------------------------------------------------------


def test_define_with_every_option() -> None:
    result = kpi('define mql-to-sql "MQL to SQL rate" target:25% direction:up owner:marketing cadence:monthly')
    assert result == KpiDefine(
        slug="mql-to-sql", name="MQL to SQL rate", target=25, unit="%", direction="up", owner="marketing",
        cadence="monthly",
    )


def test_define_with_the_defaults() -> None:
    assert kpi('define leads "Qualified leads" target:300') == KpiDefine(slug="leads", name="Qualified leads", target=300)


def test_define_name_from_free_words_and_options_anywhere() -> None:
    result = kpi("define ttm owner:it Time to market target:30 unit:days direction:down")
    assert result == KpiDefine(slug="ttm", name="Time to market", target=30, unit="days", direction="down", owner="it")


def test_define_quoted_phrases_are_never_options() -> None:
    result = kpi('define x "Uptime target:99 owner:it" target:99.9%')
    assert result == KpiDefine(slug="x", name="Uptime target:99 owner:it", target=99.9, unit="%")


def test_define_curly_quotes_and_lower_cased_slug() -> None:
    assert kpi("define CAC “Customer acquisition cost” target:$150 direction:down") == KpiDefine(
        slug="cac", name="Customer acquisition cost", target=150, unit="$", direction="down"
    )


@pytest.mark.parametrize(
    ("target", "number", "unit"),
    [("3.2", 3.2, None), ("3.2%", 3.2, "%"), ("1,234", 1234, None), ("12.5k", 12_500, None), ("$40k", 40_000, "$"),
     ("€3.5k", 3_500, "€"), ("£12", 12, "£"), ("-5", -5, None), ("$-5", -5, "$"), ("2B", 2e9, None)],
)
def test_define_target_forms_and_the_unit_they_give(target: str, number: float, unit: str | None) -> None:
    assert kpi(f"define k Name target:{target}") == KpiDefine(slug="k", name="Name", target=number, unit=unit)


@pytest.mark.parametrize(
    ("options", "unit"),
    [("target:40k unit:usd", "$"), ("target:$40k unit:USD", "$"), ("target:$40k unit:$", "$"),
     ("target:3 unit:percent", "%"), ("target:3% unit:pct", "%"), ("target:€3 unit:EUR", "€"),
     ("target:£3 unit:gbp", "£"), ("target:30 unit:days", "days"), ("target:30 UNIT:Days", "Days"),
     ("target:3 unit:" + "x" * 16, "x" * 16)],
)
def test_define_unit_option_is_canonical(options: str, unit: str) -> None:
    result = kpi(f"define k Name {options}")
    assert isinstance(result, KpiDefine) and result.unit == unit


@pytest.mark.parametrize(
    ("word", "direction"),
    [("up", "up"), ("UP", "up"), ("down", "down"), ("Down", "down"), ("subir", "up"), ("bajar", "down")],
)
def test_define_directions(word: str, direction: str) -> None:
    result = kpi(f"define k Name target:1 direction:{word}")
    assert isinstance(result, KpiDefine) and result.direction == direction


@pytest.mark.parametrize(
    ("word", "owner"),
    [("marketing", "marketing"), ("mkt", "marketing"), ("Mercadotecnia", "marketing"), ("it", "it"), ("TI", "it"),
     ("tech", "it"), ("shared", "shared"), ("SHARED", "shared"), ("compartido", "shared"), ("compartida", "shared")],
)
def test_define_owners(word: str, owner: str) -> None:
    result = kpi(f"define k Name target:1 owner:{word}")
    assert isinstance(result, KpiDefine) and result.owner == owner


@pytest.mark.parametrize(
    ("word", "cadence"),
    [("weekly", "weekly"), ("Weekly", "weekly"), ("semanal", "weekly"), ("monthly", "monthly"), ("mensual", "monthly")],
)
def test_define_cadences(word: str, cadence: str) -> None:
    result = kpi(f"define k Name target:1 cadence:{word}")
    assert isinstance(result, KpiDefine) and result.cadence == cadence


@pytest.mark.parametrize("slug", ["a", "0", "mql", "mql-to-sql", "a-", "9lives", "a" * 40, "x--y"])
def test_good_slugs(slug: str) -> None:
    assert parse_slug(slug) == slug
    assert parse_slug(slug.upper()) == slug
    result = kpi(f"define {slug} Name target:1")
    assert isinstance(result, KpiDefine) and result.slug == slug


@pytest.mark.parametrize("slug", ["-a", "a_b", "a.b", "a" * 41, "café", "a/b", "<@U1>", "mql!", "İ", "a b"])
def test_bad_slugs(slug: str) -> None:
    assert parse_slug(slug) is None


def test_name_limit() -> None:
    assert isinstance(kpi(f'define k "{"n" * 80}" target:1'), KpiDefine)
    assert_parse_error(kpi(f'define k "{"n" * 81}" target:1'), "error.kpi_name_too_long", USAGE, limit=80, length=81)


@pytest.mark.parametrize(
    ("text", "key", "params"),
    [
        ("define Bad_slug Name target:1", "error.kpi_bad_slug", {"word": "Bad_slug"}),
        ('define "Time to market" target:30', "error.kpi_bad_slug", {"word": "Time to market"}),
        ("define target:30 Name", "error.kpi_bad_slug", {"word": "target:30"}),
        ("define " + "a" * 41 + " Name target:1", "error.kpi_bad_slug", {"word": "a" * 41}),
        ("define k target:1", "error.kpi_needs_name", {"slug": "k"}),
        ("define k", "error.kpi_needs_name", {"slug": "k"}),
        ('define k "" target:1', "error.kpi_needs_name", {"slug": "k"}),
        ("define k Name", "error.kpi_needs_target", {"slug": "k"}),
        ("define k Name tarjet:1", "error.unknown_option",
         {"word": "tarjet:1", "options": "`target:`, `unit:`, `direction:`, `owner:`, `cadence:`"}),
        ("define k Name target:", "error.empty_option", {"option": "target:", "example": "target:30"}),
        ("define k Name target:1 unit:", "error.empty_option", {"option": "unit:", "example": "unit:%"}),
        ("define k Name target:1 direction:", "error.empty_option",
         {"option": "direction:", "example": "direction:down"}),
        ("define k Name target:1 owner:", "error.empty_option", {"option": "owner:", "example": "owner:shared"}),
        ("define k Name target:1 cadence:", "error.empty_option",
         {"option": "cadence:", "example": "cadence:monthly"}),
        ("define k Name target:abc", "error.kpi_number_unreadable", {"word": "abc", "examples": QUANTITY_EXAMPLES}),
        ("define k Name target:3,,2", "error.kpi_number_unreadable",
         {"word": "3,,2", "examples": QUANTITY_EXAMPLES}),
        ("define k Name target:$40k$", "error.kpi_number_unreadable",
         {"word": "$40k$", "examples": QUANTITY_EXAMPLES}),
        ("define k Name target:$1.234", "error.kpi_ambiguous_number",
         {"thousands": "$1,234", "decimals": "$1.234", "thousands_typed": "$1234", "decimals_typed": "$1.2340"}),
        ("define k Name target:1.500 unit:days", "error.kpi_ambiguous_number",
         {"thousands": "1,500 days", "decimals": "1.5 days", "thousands_typed": "1500", "decimals_typed": "1.5"}),
        ("define k Name target:1 unit:" + "x" * 17, "error.kpi_unit_too_long", {"limit": 16, "length": 17}),
        ("define k Name target:$40k unit:%", "error.kpi_target_unit_conflict", {"symbol": "$", "unit": "%"}),
        ("define k Name target:3% unit:days", "error.kpi_target_unit_conflict", {"symbol": "%", "unit": "days"}),
        ("define k Name target:€3 unit:usd", "error.kpi_target_unit_conflict", {"symbol": "€", "unit": "$"}),
        ("define k Name target:1 direction:sideways", "error.kpi_bad_direction", {"word": "sideways"}),
        ("define k Name target:1 owner:sales", "error.kpi_bad_owner", {"word": "sales"}),
        ("define k Name target:1 cadence:daily", "error.kpi_bad_cadence", {"word": "daily"}),
        ("define k Name target:1 target:2", "error.repeated_option", {"option": "target:"}),
        ("define k Name target:1 unit:% UNIT:%", "error.repeated_option", {"option": "unit:"}),
        ("define k Name target:1 direction:up direction:up", "error.repeated_option", {"option": "direction:"}),
        ("define k Name target:1 owner:it owner:mkt", "error.repeated_option", {"option": "owner:"}),
        ("define k Name target:1 cadence:weekly cadence:weekly", "error.repeated_option", {"option": "cadence:"}),
        ('define k "Name target:1', "error.unclosed_quote", {}),
    ],
)
def test_define_errors(text: str, key: str, params: dict[str, object]) -> None:
    assert_parse_error(kpi(text), key, USAGE, **params)


# --- log --------------------------------------------------------------------------------------------------


def test_log_a_value() -> None:
    assert kpi("log mql 120") == KpiLog(slug="mql", quantity=Quantity(number=120))


def test_log_with_date_and_note() -> None:
    result = kpi("log conv 3.2% date:2026-11-20 after the spring launch")
    assert result == KpiLog(
        slug="conv", quantity=Quantity(number=3.2, symbol="%"), on=date(2026, 11, 20), note="after the spring launch"
    )


def test_log_date_may_come_anywhere_after_the_value() -> None:
    result = kpi("LOG Conv $40k great week date:yesterday for us")
    assert result == KpiLog(slug="conv", quantity=Quantity(number=40_000, symbol="$"), on=YESTERDAY,
                            note="great week for us")


@pytest.mark.parametrize(
    ("word", "on"),
    [("today", TODAY), ("hoy", TODAY), ("yesterday", YESTERDAY), ("AYER", YESTERDAY), ("-1d", YESTERDAY),
     ("-3d", date(2026, 11, 22)), ("-2w", date(2026, 11, 11)), ("-0d", TODAY), ("2026-11-25", TODAY),
     ("2020-01-01", date(2020, 1, 1)), ("-3650d", TODAY - timedelta(days=3650)), ("-520w", TODAY - timedelta(weeks=520))],
)
def test_log_dates(word: str, on: date) -> None:
    result = kpi(f"log k 1 date:{word}")
    assert isinstance(result, KpiLog) and result.on == on


def test_log_note_keeps_quoted_phrases_and_lone_quotes() -> None:
    assert kpi('log k 5 said "great job" date:today') == KpiLog(
        slug="k", quantity=Quantity(number=5), on=TODAY, note='said "great job"'
    )
    assert kpi('log k 5 "date:tomorrow" was planned') == KpiLog(
        slug="k", quantity=Quantity(number=5), note='"date:tomorrow" was planned'
    )
    assert kpi('log k 5 the 12" banner') == KpiLog(slug="k", quantity=Quantity(number=5), note='the 12" banner')
    assert kpi("log k 5 don't worry") == KpiLog(slug="k", quantity=Quantity(number=5), note="don't worry")


def test_log_note_other_options_are_refused_unless_quoted() -> None:
    assert kpi('log k 5 "to:it" #kpi "owner:it"') == KpiLog(slug="k", quantity=Quantity(number=5),
                                                           note='"to:it" #kpi "owner:it"')
    assert_parse_error(kpi("log k 5 #kpi owner:it"), "error.unknown_option", USAGE, word="owner:it",
                       options="`date:`")


def test_log_note_limit() -> None:
    assert kpi("log k 5 " + "n" * 300) == KpiLog(slug="k", quantity=Quantity(number=5), note="n" * 300)
    assert_parse_error(kpi("log k 5 " + "n" * 301), "error.comment_too_long", USAGE, limit=300, length=301)


@pytest.mark.parametrize(
    ("text", "key", "params"),
    [
        ("log", "error.kpi_needs_slug", {"word": "log"}),
        ("registrar", "error.kpi_needs_slug", {"word": "registrar"}),
        ("log Bad_slug 5", "error.kpi_bad_slug", {"word": "Bad_slug"}),
        ("log 5%", "error.kpi_bad_slug", {"word": "5%"}),
        ("log mql", "error.kpi_log_needs_value", {"slug": "mql"}),
        ("log mql lots", "error.kpi_number_unreadable", {"word": "lots", "examples": QUANTITY_EXAMPLES}),
        ("log mql 12,,34", "error.kpi_number_unreadable", {"word": "12,,34", "examples": QUANTITY_EXAMPLES}),
        ("log mql date:today 5", "error.kpi_number_unreadable",
         {"word": "date:today", "examples": QUANTITY_EXAMPLES}),
        ("log mql 5 date:someday", "error.bad_date", {"word": "someday", "examples": LOG_DATE_EXAMPLES}),
        ("log mql 5 date:2026-02-30", "error.bad_date", {"word": "2026-02-30", "examples": LOG_DATE_EXAMPLES}),
        ("log mql 5 date:-3651d", "error.bad_date", {"word": "-3651d", "examples": LOG_DATE_EXAMPLES}),
        ("log mql 5 date:", "error.empty_option", {"option": "date:", "example": "date:yesterday"}),
        ("log mql 5 date:tomorrow", "error.kpi_date_range", {"word": "tomorrow", **DATE_RANGE}),
        ("log mql 5 date:fri", "error.kpi_date_range", {"word": "fri", **DATE_RANGE}),
        ("log mql 5 date:+1d", "error.kpi_date_range", {"word": "+1d", **DATE_RANGE}),
        ("log mql 5 date:2026-11-26", "error.kpi_date_range", {"word": "2026-11-26", **DATE_RANGE}),
        ("log mql 5 date:1999-12-31", "error.kpi_date_range", {"word": "1999-12-31", **DATE_RANGE}),
        ("log mql 5 date:0001-01-01", "error.kpi_date_range", {"word": "0001-01-01", **DATE_RANGE}),
        ("log mql 5 date:9999-12-31", "error.kpi_date_range", {"word": "9999-12-31", **DATE_RANGE}),
        ("log mql 5 date:today date:today", "error.repeated_option", {"option": "date:"}),
    ],
)
def test_log_errors(text: str, key: str, params: dict[str, object]) -> None:
    """Values are dated from 2000-01-01 (before it a chart could not be drawn) to today; the refusal says so."""
    assert_parse_error(kpi(text), key, USAGE, **params)


def test_log_error_examples_are_accepted() -> None:
    for example in LOG_DATE_EXAMPLES.split(", "):
        assert parse_past_date(example, TODAY) is not None, example


def test_parse_past_date_near_the_start_of_the_calendar() -> None:
    assert parse_past_date("-3650d", date(1, 1, 5)) is None
    assert parse_past_date("yesterday", date.min) is None
    result = parse_kpi("log k 1 date:tomorrow", date.min)
    assert isinstance(result, ParseError) and result.key == "error.kpi_date_range"
    assert_showable(result, USAGE)


# --- show, archive, unknown -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [("show mql", KpiShow(slug="mql")), ("SHOW MQL", KpiShow(slug="mql")), ("mostrar mql", KpiShow(slug="mql")),
     ("ver mql", KpiShow(slug="mql")), ("archive mql", KpiArchive(slug="mql")),
     ("archivar Mql-2", KpiArchive(slug="mql-2")), ("show list", KpiShow(slug="list")),
     ('"show" mql', KpiShow(slug="mql"))],  # /kpi has no free-text form, so quotes don't hide a subcommand
)
def test_show_and_archive(text: str, expected: object) -> None:
    assert kpi(text) == expected


@pytest.mark.parametrize(
    ("text", "key", "params"),
    [
        ("show", "error.kpi_needs_slug", {"word": "show"}),
        ("Archive", "error.kpi_needs_slug", {"word": "Archive"}),
        ("show a_b", "error.kpi_bad_slug", {"word": "a_b"}),
        ("archive mql now", "error.unexpected_word", {"word": "now"}),
        ("show mql mql", "error.unexpected_word", {"word": "mql"}),
        ("mql", "error.unknown_subcommand", {"word": "mql"}),
        ("delete mql", "error.unknown_subcommand", {"word": "delete"}),
        ('"what is this"', "error.unknown_subcommand", {"word": "what is this"}),
        ('show "mql', "error.unclosed_quote", {}),
        ('"', "error.unclosed_quote", {}),
    ],
)
def test_other_errors(text: str, key: str, params: dict[str, object]) -> None:
    assert_parse_error(kpi(text), key, USAGE, **params)


@pytest.mark.parametrize("word", sorted(KPI_SUBCOMMANDS))
def test_every_subcommand_word_is_recognised(word: str) -> None:
    result = kpi(f"{word.upper()} mql")
    assert not (isinstance(result, ParseError) and result.key == "error.unknown_subcommand")


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("lgo mql 3.2", "log"), ("LOG2", None), ("lo mql 3", "log"), ("regsitrar mql 3", "registrar"),
        ("shwo mql", "show"), ("mostar mql", "mostrar"), ("defien mql", "define"), ("defnir", "definir"),
        ("lsit", "list"), ("lsita", "lista"), ("archvie mql", "archive"), ("archviar mql", "archivar"),
        ("hlep", "help"), ("ayda", "ayuda"), ("Lgo mql 3", "log"),
    ],
)
def test_a_mistyped_subcommand_gets_the_one_it_is_close_to(text: str, suggestion: str | None) -> None:
    word = text.split()[0]
    if suggestion is None:
        assert_parse_error(kpi(text), "error.unknown_subcommand", USAGE, word=word)
    else:
        assert_parse_error(kpi(text), "error.did_you_mean", USAGE, word=word, suggestion=f"/kpi {suggestion}")


# --- properties -------------------------------------------------------------------------------------------

VOCABULARY = [
    *KPI_SUBCOMMANDS, "help", "ayuda", "mql", "MQL", "a_b", "-a", "a" * 41,
    "target:", "target:3", "target:3%", "target:$40k", "target:x", "TARGET:1,234", "target:9" + "9" * 30,
    "unit:", "unit:%", "unit:usd", "unit:days", "unit:" + "u" * 20, "direction:", "direction:up", "direction:x",
    "owner:", "owner:it", "owner:shared", "owner:x", "cadence:", "cadence:monthly", "cadence:x",
    "date:", "date:today", "date:yesterday", "date:-3d", "date:fri", "date:2026-02-30", "date:-99999999999d",
    "3.2", "-5", "3.2%", "1,234", "12,34", "12.5k", "$40k", "-$5", "$-5", "€3.5k", "£12", "1e400", "nan", "inf",
    "<@U1>", "<#C1|kpi>", "#kpi", "!high", "to:it", "http://x", "10:30", ":", "a:b",
    *QUOTES, '"quoted target:3 phrase"', *ODD_WORDS,
]
todays = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))


@PROPERTY_SETTINGS
@given(any_text(VOCABULARY, control=True), todays)
def test_parse_kpi_is_total_and_its_errors_can_be_shown(text: str, today: date) -> None:
    result = parse_kpi(text, today)
    assert isinstance(result, (*COMMANDS, ParseError))
    if isinstance(result, ParseError):
        assert_showable(result, USAGE)


@PROPERTY_SETTINGS
@given(any_text(VOCABULARY, control=True), todays)
def test_parsed_commands_respect_the_limits(text: str, today: date) -> None:
    result = parse_kpi(text, today)
    if isinstance(result, (KpiDefine, KpiShow, KpiArchive, KpiLog)):
        assert parse_slug(result.slug) == result.slug
    if isinstance(result, KpiDefine):
        assert 0 < len(result.name) <= 80
        assert result.unit is None or 0 < len(result.unit) <= 16
        assert abs(result.target) <= 1e15
    if isinstance(result, KpiLog):
        assert result.on is None or result.on <= today
        assert result.note is None or 0 < len(result.note) <= 300
        assert abs(result.quantity.number) <= 1e15


slugs = st.from_regex(r"[a-z0-9][a-z0-9-]{0,39}", fullmatch=True)
name_words = st.text(alphabet=string.ascii_letters + string.digits + "áéñ&()'-", min_size=1, max_size=12)
values = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False)
symbols = st.sampled_from([None, "%", "$", "€", "£"])


def _spread(draw: st.DrawFn, fixed: list[str], movable: list[str]) -> str:
    """`fixed` tokens first, in order, then `movable` ones in any order, separated by any blanks."""
    tokens = fixed + draw(st.permutations(movable))
    gaps = draw(st.lists(st.sampled_from([" ", "  ", "\t", "\n", "\u00a0"]), min_size=len(tokens) + 1,
                         max_size=len(tokens) + 1))
    return gaps[0] + "".join(token + gap for token, gap in zip(tokens, gaps[1:], strict=True))


@st.composite
def rendered_defines(draw: st.DrawFn) -> tuple[str, KpiDefine]:
    """A valid KpiDefine and the text of a /kpi define that says it, options in any order."""
    slug = draw(slugs)
    name = " ".join(draw(st.lists(name_words, min_size=1, max_size=6)))
    symbol = draw(symbols)
    number = draw(values)
    target_text = format_value(number, symbol)
    target = Quantity(number=float(target_text.replace(",", "").replace(symbol or "~", "")), symbol=symbol)
    options = [draw(cases("target:")) + target_text]
    fields: dict[str, object] = {}
    if symbol is not None:
        fields["unit"] = symbol
    if draw(st.booleans()):
        word, unit = draw(st.sampled_from([(symbol, symbol), ("days", "days"), ("ms", "ms")] if symbol is None
                                          else [(symbol, symbol), ({"%": "pct", "$": "usd", "€": "eur",
                                                                     "£": "gbp"}[symbol], symbol)]))
        if word is not None:
            typed = draw(cases(word))
            options.append("unit:" + typed)
            fields["unit"] = unit if unit != word else typed  # units other than currencies and % keep their case
    if (direction := draw(st.none() | st.sampled_from(["up", "down"]))) is not None:
        options.append("direction:" + draw(cases(direction)))
        fields["direction"] = direction
    if (owner := draw(st.none() | st.sampled_from(["marketing", "mkt", "it", "ti", "shared", "compartido"]))):
        options.append("owner:" + draw(cases(owner)))
        fields["owner"] = {"mkt": "marketing", "ti": "it", "compartido": "shared"}.get(owner, owner)
    if (cadence := draw(st.none() | st.sampled_from(["weekly", "monthly", "semanal", "mensual"]))) is not None:
        options.append("cadence:" + draw(cases(cadence)))
        fields["cadence"] = {"semanal": "weekly", "mensual": "monthly"}.get(cadence, cadence)
    opening, closing = draw(st.sampled_from([('"', '"'), ("“", "”"), ("«", "»")]))
    text = _spread(draw, [draw(cases("define")), draw(cases(slug))], [f"{opening}{name}{closing}", *options])
    return text, KpiDefine(slug=slug, name=name, target=target.number, **fields)


@PROPERTY_SETTINGS
@given(rendered_defines())
def test_define_round_trip(case: tuple[str, KpiDefine]) -> None:
    text, expected = case
    assert parse_kpi(text, TODAY) == expected


@PROPERTY_SETTINGS
@given(slugs, values, symbols, st.none() | st.integers(0, 3650), st.lists(name_words, max_size=8), todays)
def test_log_round_trip(
    slug: str, number: float, symbol: str | None, days_ago: int | None, note_words: list[str], today: date
) -> None:
    shown = format_value(number, symbol)
    on = None
    options = []
    if days_ago is not None and days_ago <= (today - date.min).days:
        on = today - timedelta(days=days_ago)
        options.append(f"date:{on.isoformat()}" if days_ago % 2 else f"date:-{days_ago}d")
    # a lone `K`, `M` or `B` right after the value ends the number, as in `2,1 M` (test_values_typed_apart)
    assume(options or not note_words or note_words[0] not in {"k", "K", "M", "B"})
    text = " ".join(["log", slug, shown, *options, *note_words])
    result = parse_kpi(text, today)
    if on is not None and on < EARLIEST_DAY:
        assert isinstance(result, ParseError) and result.key == "error.kpi_date_range", (text, result)
        return
    assert isinstance(result, KpiLog), (text, result)
    assert (result.slug, result.on, result.note) == (slug, on, " ".join(note_words) or None)
    assert result.quantity.symbol == symbol
    assert format_value(result.quantity.number, symbol) == shown


# --- values the reader's way ------------------------------------------------------------------------------

SPANISH = Reading(today=TODAY, language="es", locale="es-ES")


@pytest.mark.parametrize(
    ("text", "number", "symbol", "note"),
    [
        ("log nps 99,95 % gran semana", 99.95, "%", "gran semana"),
        ("log nps 99,95 %", 99.95, "%", None),
        ("log mql 2,1 M", 2_100_000.0, None, None),
        ("log coste 40 € feria", 40.0, "€", "feria"),
        ("log coste 3,5k € feria", 3_500.0, "€", "feria"),
        ("log coste 1.234,50", 1_234.5, None, None),
        ("log dist 5 m en la feria", 5.0, None, "m en la feria"),  # `m` alone is a unit of its own, never million
        ('log nps 50 "%"', 50.0, None, '"%"'),  # a quoted word is never part of the value
    ],
)
def test_values_typed_apart(text: str, number: float, symbol: str | None, note: str | None) -> None:
    result = parse_kpi(text, SPANISH)
    assert isinstance(result, KpiLog), result
    assert (result.quantity.number, result.quantity.symbol, result.note) == (number, symbol, note)


def test_a_spanish_reader_logs_comma_decimals_and_one_separator_before_three_digits_keeps_both_readings() -> None:
    assert kpi("log lcr 3,2%") == KpiLog(slug="lcr", quantity=Quantity(number=3.2, symbol="%"))
    result = parse_kpi("log cac $1.234", SPANISH)
    assert isinstance(result, KpiLog) and result.quantity == Quantity(number=1234, symbol="$", other_reading=1.234)
    result = parse_kpi("log cac $1.234", TODAY)  # an English reader: 1.234, and the service asks
    assert isinstance(result, KpiLog) and result.quantity == Quantity(number=1.234, symbol="$", other_reading=1234)


def test_a_spanish_define_reads_its_target_the_spanish_way_and_asks_about_an_ambiguous_one() -> None:
    assert parse_kpi('define nps "NPS" target:99,5 %', SPANISH) == KpiDefine(slug="nps", name="NPS", target=99.5,
                                                                             unit="%")
    assert parse_kpi('define up "Uptime" target:99,95 % unit:pct', SPANISH) == KpiDefine(
        slug="up", name="Uptime", target=99.95, unit="%")
    asked = parse_kpi('define cac "CAC" target:$1.234', SPANISH)
    assert isinstance(asked, ParseError) and asked.key == "error.kpi_ambiguous_number"
    assert asked.params == {"usage": USAGE, "thousands": "$1.234", "decimals": "$1,234", "thousands_typed": "$1234",
                            "decimals_typed": "$1,2340"}
    assert_showable(asked)
    refused = parse_kpi('define cac "CAC" target:1,2,3', SPANISH)
    assert isinstance(refused, ParseError) and refused.params["examples"] == SPANISH_QUANTITY_EXAMPLES

