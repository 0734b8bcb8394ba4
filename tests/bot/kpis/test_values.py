"""KPI values as people type them (`3.2`, `3.2%`, `1,234`, `12.5k`, `$40k`; Spanish readers `3,2 %`, `1.234,50`;
bot/kpis/values.py): reading in each reader's convention, the values that must be asked about, units,
contradictions and formatting, and properties: total on any text, bounded results, format → parse → format round
trips in both languages."""

from __future__ import annotations

import math
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.kpis.values import (
    MAX_MAGNITUDE,
    QUANTITY_EXAMPLES,
    SPANISH_QUANTITY_EXAMPLES,
    Quantity,
    canonical_unit,
    choice_params,
    contradicts,
    format_reading,
    format_value,
    needs_choice,
    parse_quantity,
    readings,
    typed_form,
)
from bot.reading import Reading
from tests.strategies import property_settings

# --- parse_quantity ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number", "symbol"),
    [
        ("3.2", 3.2, None),
        ("-5", -5.0, None),
        ("+5", 5.0, None),
        ("0", 0.0, None),
        ("0.5", 0.5, None),
        (".5", 0.5, None),
        ("3.2%", 3.2, "%"),
        ("-3.2%", -3.2, "%"),
        ("100%", 100.0, "%"),
        ("1,234", 1234.0, None),
        ("1,234.5", 1234.5, None),
        ("12,345,678", 12_345_678.0, None),
        ("1234", 1234.0, None),
        ("12.5k", 12_500.0, None),
        ("12.5K", 12_500.0, None),
        ("1.1k", 1_100.0, None),  # exact: no 1100.0000000000002
        ("1.2m", 1_200_000.0, None),
        ("1.2M", 1_200_000.0, None),
        ("2b", 2_000_000_000.0, None),
        ("2B", 2_000_000_000.0, None),
        ("1,500k", 1_500_000.0, None),
        ("$40k", 40_000.0, "$"),
        ("$1,200", 1_200.0, "$"),
        ("$0.99", 0.99, "$"),
        ("€3.5k", 3_500.0, "€"),
        ("£12", 12.0, "£"),
        ("-$5", -5.0, "$"),
        ("$-5", -5.0, "$"),
        ("-€1.5m", -1_500_000.0, "€"),
        ("\u22125", -5.0, None),  # the typographic minus sign some keyboards produce
        (" 7 ", 7.0, None),
        ("\u00a042\n", 42.0, None),
        ("007", 7.0, None),
        ("1000000000000000", 1e15, None),
        ("1000000b", 1e15, None),
        ("-1,000,000,000,000,000", -1e15, None),
    ],
)
def test_parse_quantity_reads_every_form(text: str, number: float, symbol: str | None) -> None:
    assert parse_quantity(text) == Quantity(number=number, symbol=symbol)


@pytest.mark.parametrize(
    "text",
    [
        "", " ", "abc", "k", "$", "%", "-", "$k", ".", ",", "5.", "5,", "1.2.3", "1..2", "1,2,3",
        "1,,234", "1,234,", "1.234.", "1,234.5,6", "1.234,5.6", "12,345.", "1.234.5", "1,234,5", ",", ".,5",
        "%5", "$5%", "5%$", "12k%", "5%%", "$$5", "$5$", "5€€", "5kk", "5km", "5x",
        "--5", "+-5", "-+5", "-$-5", "+$-5", "5-", "$ 5", "- 5", "5  %", "5 m", "5 b", "5\t%", "5\n%",
        "1e3", "1E3", "inf", "-inf", "nan", "NaN", "Infinity", "0x10", "1_000",
        "１２", "٣", "½", "²",
        "1000000000000001", "1,000,000,000,000,001", "1000001b", "1.0000001e15", "9" * 400,
        "¥12", "USD40", "40usd",
    ],
)
def test_parse_quantity_refuses_anything_else(text: str) -> None:
    assert parse_quantity(text) is None


@pytest.mark.parametrize(
    ("text", "number", "symbol"),
    [
        ("3,2", 3.2, None),
        ("3,2%", 3.2, "%"),
        ("3,2 %", 3.2, "%"),
        ("99,95 %", 99.95, "%"),
        ("99,95\u00a0%", 99.95, "%"),  # as Spanish readers are shown it
        ("-0,5 %", -0.5, "%"),
        ("1.234,50", 1234.5, None),
        ("1.234.567", 1_234_567.0, None),
        ("1.234.567,891", 1_234_567.891, None),
        ("2,1 M", 2_100_000.0, None),
        ("2,1M", 2_100_000.0, None),
        ("12,5k", 12_500.0, None),
        ("12,5 K", 12_500.0, None),
        ("$38,50", 38.5, "$"),
        ("-$5", -5.0, "$"),
        ("40 €", 40.0, "€"),
        ("40€", 40.0, "€"),
        ("3.500,50 €", 3_500.5, "€"),
        ("3.500,50\u00a0€", 3_500.5, "€"),
        ("-3,5k €", -3_500.0, "€"),
        ("2,1 M€", 2_100_000.0, "€"),
        ("12 £", 12.0, "£"),
        (",5", 0.5, None),
        ("0,123", 0.123, None),  # a first group of thousands is never 0
        ("1234", 1234.0, None),
        ("3.25", 3.25, None),  # only the point reads it: the Mexican way
        ("1,234.5", 1234.5, None),
    ],
)
def test_spanish_readers_write_decimal_commas_and_either_way_reads_when_only_one_way_can(
    text: str, number: float, symbol: str | None
) -> None:
    assert parse_quantity(text, "es") == Quantity(number=number, symbol=symbol)
    assert parse_quantity(text, Reading(today=date(2026, 11, 25), language="es", locale="es-ES")) == \
        Quantity(number=number, symbol=symbol)
    assert parse_quantity(text, "en") == Quantity(number=number, symbol=symbol)  # one reading: English readers too


@pytest.mark.parametrize(
    ("text", "lang", "number", "other"),
    [
        ("1.234", "es", 1234.0, 1.234),
        ("1,234", "es", 1.234, 1234.0),
        ("$1.234", "es", 1234.0, 1.234),
        ("-12.500", "es", -12_500.0, -12.5),
        ("1.234k", "es", 1_234_000.0, 1_234.0),
        ("1.234", "en", 1.234, 1234.0),
        ("$1.234", "en", 1.234, 1234.0),
        ("1,234", "en", 1234.0, None),  # an English reader's thousands, as always
        ("$1,234", "en", 1234.0, None),
        ("999.999", "en", 999.999, 999_999.0),
        ("1.2345", "es", 1.2345, None),  # four digits: no thousands
        ("12.34", "es", 12.34, None),
        ("0.123", "es", 0.123, None),
        ("1.234.567", "en", 1_234_567.0, None),
        ("1,234,567", "es", 1_234_567.0, None),
    ],
)
def test_one_separator_before_three_digits_keeps_the_other_reading_when_the_reader_may_mean_it(
    text: str, lang: str, number: float, other: float | None
) -> None:
    result = parse_quantity(text, lang)  # type: ignore[arg-type]
    assert result is not None and (result.number, result.other_reading) == (number, other)


@pytest.mark.parametrize(
    ("text", "lang", "kpi_unit", "asked"),
    [
        ("$1.234", "es", "$", True),
        ("$1.234", "en", "$", True),
        ("$1,234", "en", "$", False),
        ("1.234", "es", None, True),  # no unit: a count
        ("1,234", "es", "leads", True),
        ("1.234", "en", "days", True),
        ("1.234", "es", "€", True),
        ("1.234", "es", "%", False),  # a percentage: the reader's convention
        ("1.234%", "en", "%", False),
        ("1,234 %", "es", "%", False),
        ("1.234,0", "es", None, False),  # both separators: one reading
        ("1234", "es", None, False),
        ("$1,2340", "es", "$", False),
    ],
)
def test_which_values_are_asked_about(text: str, lang: str, kpi_unit: str | None, asked: bool) -> None:
    quantity = parse_quantity(text, lang)  # type: ignore[arg-type]
    assert quantity is not None and needs_choice(quantity, kpi_unit) is asked


@pytest.mark.parametrize(
    ("text", "lang", "params"),
    [
        ("$1.234", "en", {"thousands": "$1,234", "decimals": "$1.234", "thousands_typed": "$1234",
                          "decimals_typed": "$1.2340"}),
        ("$1.234", "es", {"thousands": "$1.234", "decimals": "$1,234", "thousands_typed": "$1234",
                          "decimals_typed": "$1,2340"}),
        ("1,500 €", "es", {"thousands": "1.500\u00a0€", "decimals": "1,50\u00a0€",
                           "thousands_typed": "1500\u00a0€", "decimals_typed": "1,50\u00a0€"}),
        ("-2.250", "en", {"thousands": "-2,250", "decimals": "-2.25", "thousands_typed": "-2250",
                          "decimals_typed": "-2.25"}),
    ],
)
def test_a_question_shows_both_readings_and_how_to_type_each(text: str, lang: str, params: dict[str, str]) -> None:
    quantity = parse_quantity(text, lang)  # type: ignore[arg-type]
    assert quantity is not None and choice_params(quantity, None, lang) == params  # type: ignore[arg-type]


def test_a_typed_form_is_read_alike_in_both_conventions() -> None:
    for number in (1234.0, 1.234, -1.234, 0.5, 1_234_000.0, 12.25):
        for lang in ("en", "es"):
            typed = typed_form(number, "$", lang)  # type: ignore[arg-type]
            assert parse_quantity(typed, "en") == parse_quantity(typed, "es") == Quantity(number=number, symbol="$")


def test_minus_zero_reads_as_zero() -> None:
    result = parse_quantity("-0")
    assert result == Quantity(number=0.0) and math.copysign(1.0, result.number) == 1.0
    assert format_value(parse_quantity("-$0").number, "$") == "$0"  # type: ignore[union-attr]


def test_every_example_in_error_messages_is_accepted() -> None:
    for example in QUANTITY_EXAMPLES.split(", "):
        assert parse_quantity(example) is not None, example
    for example in SPANISH_QUANTITY_EXAMPLES.split(" · "):
        assert parse_quantity(example, "es") is not None, example


# --- canonical_unit and contradicts -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "canonical"),
    [
        ("%", "%"), ("percent", "%"), ("PCT", "%"), (" Percent ", "%"),
        ("$", "$"), ("usd", "$"), ("USD", "$"),
        ("€", "€"), ("eur", "€"), ("EUR", "€"),
        ("£", "£"), ("gbp", "£"), ("Gbp", "£"),
        ("days", "days"), (" ms ", "ms"), ("Leads", "Leads"), ("pts", "pts"),
        (None, None), ("", None), ("   ", None),
    ],
)
def test_canonical_unit(unit: str | None, canonical: str | None) -> None:
    assert canonical_unit(unit) == canonical


@pytest.mark.parametrize(
    ("value", "kpi_unit", "expected"),
    [
        ("3%", "%", False),
        ("3%", "percent", False),
        ("3%", None, True),  # a KPI with no unit accepts no symbol either
        ("3%", "", True),
        ("3%", "$", True),
        ("$5", "usd", False),
        ("$5", "$", False),
        ("$5", "€", True),
        ("$5", "%", True),
        ("€5", "eur", False),
        ("£5", "GBP", False),
        ("£5", "days", True),
        ("5", "%", False),  # no symbol never contradicts
        ("5", "$", False),
        ("5", None, False),
        ("5", "days", False),
    ],
)
def test_contradicts(value: str, kpi_unit: str | None, expected: bool) -> None:
    quantity = parse_quantity(value)
    assert quantity is not None
    assert contradicts(quantity, kpi_unit) is expected


# --- format_value -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "unit", "text"),
    [
        (40_000, "$", "$40,000"),
        (-5, "$", "-$5"),
        (3_500.5, "€", "€3,500.50"),
        (38.5, "$", "$38.50"),
        (38.504, "$", "$38.50"),
        (39.999, "$", "$40"),  # cents rounded first: whole
        (0.5, "£", "£0.50"),
        (12, "£", "£12"),
        (1_200.25, "usd", "$1,200.25"),
        (3.2, "%", "3.2%"),
        (3.20, "percent", "3.2%"),
        (-0.5, "%", "-0.5%"),
        (12, "days", "12 days"),
        (230, " ms ", "230 ms"),
        (1_234, None, "1,234"),
        (1_234_567.891, None, "1,234,567.89"),
        (4.0, None, "4"),
        (3.204, None, "3.2"),
        (3.205, None, "3.21"),  # 3.205 is stored a hair above, so it rounds up
        (0.001, None, "0"),
        (-0.001, None, "0"),  # no "-0"
        (-0.001, "$", "$0"),
        (0, "", "0"),
        (1e15, None, "1,000,000,000,000,000"),
        (-1e15, "€", "-€1,000,000,000,000,000"),
        (0.1 + 0.2, None, "0.3"),
    ],
)
def test_format_value(number: float, unit: str | None, text: str) -> None:
    assert format_value(number, unit) == text


@pytest.mark.parametrize(
    ("number", "unit", "text"),
    [
        (40_000, "$", "$40.000"),
        (-5, "$", "-$5"),
        (38.5, "$", "$38,50"),
        (3_500.5, "€", "3.500,50\u00a0€"),
        (-3_500, "eur", "-3.500\u00a0€"),
        (12, "£", "12\u00a0£"),
        (3.2, "%", "3,2\u00a0%"),
        (-0.5, "pct", "-0,5\u00a0%"),
        (12, "days", "12 days"),
        (1_234.5, None, "1.234,5"),
        (1_234_567.891, None, "1.234.567,89"),
        (0.001, None, "0"),
        (-0.001, "€", "0\u00a0€"),
        (1e15, None, "1.000.000.000.000.000"),
    ],
)
def test_format_value_in_spanish(number: float, unit: str | None, text: str) -> None:
    assert format_value(number, unit, "es") == text


@pytest.mark.parametrize(
    ("number", "unit", "lang", "decimals", "text"),
    [(2.5, "$", "en", 2, "$2.50"), (2, "$", "es", 2, "$2,00"), (1500, None, "es", 1, "1.500,0"),
     (0.25, "%", "en", 0, "0%"), (-0.004, None, "en", 2, "0.00")],
)
def test_format_value_with_a_fixed_number_of_decimals(number: float, unit: str | None, lang: str, decimals: int,
                                                      text: str) -> None:
    assert format_value(number, unit, lang, decimals) == text  # type: ignore[arg-type]


def test_a_reading_shows_the_three_decimals_it_may_have() -> None:
    assert format_reading(1.234, "$", "en") == "$1.234" and format_reading(1.234, "$", "es") == "$1,234"
    assert format_reading(1234, "$", "es") == "$1.234" and format_reading(1.5, "$", "en") == "$1.50"
    quantity = parse_quantity("$1.234", "es")
    assert quantity is not None and readings(quantity) == (1234.0, 1.234)


def test_format_value_survives_numbers_that_are_not_finite() -> None:
    assert format_value(math.inf, "$") == "$inf"
    assert format_value(-math.inf, None) == "-inf"
    assert format_value(math.nan, "%") == "nan%"


# --- properties -------------------------------------------------------------------------------------------

PROPERTY_SETTINGS = property_settings(max_examples=400)
NUMBERISH = "0123456789,.-+%$€£kKmMbB \u2212\u00a0eE"
any_text = (
    st.text()
    | st.text(alphabet=NUMBERISH, max_size=30)
    | st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=50)  # control characters
    | st.text(min_size=5_000, max_size=20_000)
    | st.builds(lambda chunk, n: (chunk * n)[:20_000], st.text(alphabet=NUMBERISH, min_size=1, max_size=5),
                st.integers(1, 20_000))
)
units = st.sampled_from([None, "%", "$", "€", "£"])


@PROPERTY_SETTINGS
@given(any_text)
def test_parse_quantity_is_total_and_bounded(text: str) -> None:
    result = parse_quantity(text)
    assert result is None or isinstance(result, Quantity)
    if result is not None:
        assert math.isfinite(result.number) and abs(result.number) <= MAX_MAGNITUDE
        assert result.symbol in {None, "%", "$", "€", "£"}


languages = st.sampled_from(["en", "es"])
# Values of at most two decimals, within the magnitude limit.
cents = st.integers(-(10**17), 10**17).map(lambda n: n / 100) | st.integers(-(10**6), 10**6).map(lambda n: n / 100)


@PROPERTY_SETTINGS
@given(cents, units, languages)
def test_a_value_shown_to_a_reader_reads_back_as_that_value_in_their_language(
    number: float, unit: str | None, lang: str
) -> None:
    """Where the reading back is ambiguous (a Spanish reader's `1.234`), the reader's own reading is the value."""
    shown = format_value(number, unit, lang)  # type: ignore[arg-type]
    read = parse_quantity(shown, lang)  # type: ignore[arg-type]
    assert read is not None, shown
    assert (read.number, read.symbol) == (number + 0.0, unit), shown
    assert format_value(read.number, unit, lang) == shown  # type: ignore[arg-type]
    assert not contradicts(read, unit)
    if lang == "en":
        assert read.other_reading is None, shown  # what English readers are shown is never asked about


@PROPERTY_SETTINGS
@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False), units, languages)
def test_format_then_parse_round_trips(number: float, unit: str | None, lang: str) -> None:
    """Below 1e12 floats are finer than a cent, so what is shown reads back as what is shown."""
    shown = format_value(number, unit, lang)  # type: ignore[arg-type]
    read = parse_quantity(shown, lang)  # type: ignore[arg-type]
    assert read is not None, shown
    assert read.symbol == unit
    assert abs(read.number - number) <= 0.005 + 1e-9 * abs(number)
    assert format_value(read.number, unit, lang) == shown  # type: ignore[arg-type]
    assert not contradicts(read, unit)


@PROPERTY_SETTINGS
@given(any_text, languages)
def test_parse_quantity_is_total_and_bounded_for_every_reader(text: str, lang: str) -> None:
    result = parse_quantity(text, lang)  # type: ignore[arg-type]
    assert result is None or isinstance(result, Quantity)
    if result is not None:
        for number in (result.number, result.other_reading):
            assert number is None or (math.isfinite(number) and abs(number) <= MAX_MAGNITUDE)
        if result.other_reading is not None:
            params = choice_params(result, None, lang)  # type: ignore[arg-type]
            for typed in (params["thousands_typed"], params["decimals_typed"]):
                again = parse_quantity(typed, lang)  # type: ignore[arg-type]
                assert again is not None and again.other_reading is None, typed
            assert {parse_quantity(params["thousands_typed"], lang).number,  # type: ignore[arg-type,union-attr]
                    parse_quantity(params["decimals_typed"], lang).number} == {  # type: ignore[arg-type,union-attr]
                        result.number, result.other_reading}


@PROPERTY_SETTINGS
@given(st.integers(-999_999, 999_999), st.sampled_from([("k", 10**3), ("m", 10**6), ("b", 10**9)]), st.booleans())
def test_multipliers_scale_whole_numbers_exactly(number: int, multiplier: tuple[str, int], upper: bool) -> None:
    suffix, factor = multiplier
    result = parse_quantity(f"{number}{suffix.upper() if upper else suffix}")
    assert result == Quantity(number=float(number * factor))


@PROPERTY_SETTINGS
@given(st.integers(-(10**15), 10**15))
def test_integers_with_separators_read_back(number: int) -> None:
    assert parse_quantity(f"{number:,}") == Quantity(number=float(number))
    assert parse_quantity(str(number)) == Quantity(number=float(number))
    spanish = parse_quantity(f"{number:,}".replace(",", "."), "es")
    assert spanish is not None and spanish.number == float(number)


@PROPERTY_SETTINGS
@given(st.text(max_size=20) | st.none())
def test_canonical_unit_is_idempotent(unit: str | None) -> None:
    once = canonical_unit(unit)
    assert canonical_unit(once) == once
    assert once is None or (once == once.strip() and once)
