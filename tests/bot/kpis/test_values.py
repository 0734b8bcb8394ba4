"""KPI values as people type them (`3.2`, `3.2%`, `1,234`, `12.5k`, `$40k`; bot/kpis/values.py): reading, units,
contradictions and formatting, and properties: total on any text, bounded results, format → parse → format round
trips."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.kpis.values import (
    MAX_MAGNITUDE,
    QUANTITY_EXAMPLES,
    Quantity,
    canonical_unit,
    contradicts,
    format_value,
    parse_quantity,
)
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
        "", " ", "abc", "k", "$", "%", "-", "$k", ".", "5.", "1.2.3", "1..2",
        "12,34", "1,2345", ",123", "1,,234", "1,234,", "1234,567", "1,234.5,6", "12,345.", "3,2",
        "40k$", "5$", "5€", "%5", "$5%", "12k%", "5%%", "$$5", "5kk", "5km", "5x",
        "--5", "+-5", "-+5", "-$-5", "+$-5", "$ 5", "5 k", "5 %", "- 5",
        "1e3", "1E3", "inf", "-inf", "nan", "NaN", "Infinity", "0x10", "1_000",
        "１２", "٣", "½", "²",
        "1000000000000001", "1,000,000,000,000,001", "1000001b", "1.0000001e15", "9" * 400,
        "¥12", "USD40", "40usd",
    ],
)
def test_parse_quantity_refuses_anything_else(text: str) -> None:
    assert parse_quantity(text) is None


def test_minus_zero_reads_as_zero() -> None:
    result = parse_quantity("-0")
    assert result == Quantity(number=0.0) and math.copysign(1.0, result.number) == 1.0
    assert format_value(parse_quantity("-$0").number, "$") == "$0"  # type: ignore[union-attr]


def test_every_example_in_error_messages_is_accepted() -> None:
    for example in QUANTITY_EXAMPLES.split(", "):
        assert parse_quantity(example) is not None, example


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
        (3_500.5, "€", "€3,500.5"),
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


@PROPERTY_SETTINGS
@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False), units)
def test_format_then_parse_round_trips(number: float, unit: str | None) -> None:
    """Below 1e12 floats are finer than a cent, so what is shown reads back as what is shown."""
    shown = format_value(number, unit)
    read = parse_quantity(shown)
    assert read is not None, shown
    assert read.symbol == unit
    assert abs(read.number - number) <= 0.005 + 1e-9 * abs(number)
    assert format_value(read.number, unit) == shown
    assert not contradicts(read, unit)


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


@PROPERTY_SETTINGS
@given(st.text(max_size=20) | st.none())
def test_canonical_unit_is_idempotent(unit: str | None) -> None:
    once = canonical_unit(unit)
    assert canonical_unit(once) == once
    assert once is None or (once == once.strip() and once)
