"""KPI values as people type and read them, each in their own convention: English readers write and read `3.2%`,
`1,234.5`, `$40k`; Spanish readers `3,2 %`, `1.234,5`, `40k €`. Reading is pure and total: any text gives a
`Quantity` or None, never an exception.

Everyone's text is read in both conventions. Where only one reads it (`1.234,50`, `3,2`, `1,234.5`), that is the
number; where both read it as the same number (`1234`, `3.25`), too. Where they read it as two numbers — one
separator followed by exactly three digits, `1.234` or `1,234` — the reader's convention gives the number, and the
other reading is kept when the reader may have meant it (`Quantity.other_reading`): always for Spanish readers,
whose countries write both ways (Spain and Argentina `1.234,5`, Mexico `1,234.5`; Slack's es-LA covers both), and
for English readers when their convention makes it a number with three decimals (`1.234`; their `1,234` is 1234, as
it always was). Such a value is asked about, never guessed, when it is money or a count (`needs_choice`)."""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from typing import Literal

from pydantic import BaseModel

from bot.i18n import Language
from bot.reading import Reading

Symbol = Literal["%", "$", "€", "£"]

# For error messages: forms `parse_quantity` accepts, in the order a reader would try them, in each convention.
QUANTITY_EXAMPLES = "3.2, -5, 3.2%, 1,234, 12.5k, 1.2M, 2B, $40k, €3.5k, £12"
SPANISH_QUANTITY_EXAMPLES = "3,2 · -5 · 3,2 % · 1.234,5 · 12,5k · 1,2 M · 2B · $40k · 3,5k € · 12 £"
MAX_MAGNITUDE = 1e15

CURRENCIES: frozenset[str] = frozenset({"$", "€", "£"})
UNIT_ALIASES: dict[str, str] = {
    "%": "%",
    "percent": "%",
    "pct": "%",
    "$": "$",
    "usd": "$",
    "€": "€",
    "eur": "€",
    "£": "£",
    "gbp": "£",
}
_MULTIPLIERS = {"": 0, "k": 3, "m": 6, "b": 9}  # powers of ten
# Spanish readers write the euro and the pound after the number, as in Spain (`3.500,50 €`), and the dollar or peso
# sign before it, as across Latin America (`$38,50`); English readers write every currency symbol before it.
_SYMBOL_AFTER: dict[Language, frozenset[str]] = {"en": frozenset(), "es": frozenset({"€", "£"})}
_SPACE = "\u00a0"  # between a number and `%` or a symbol after it (Spanish): a space that never breaks the line

# A sign before or after a leading currency symbol (not both); the digits with `.` and `,` (which convention reads
# them is decided after); then, each optionally after one space, a multiplier, `%`, or a currency symbol after the
# number. Which combinations mean something is checked after the match.
_QUANTITY = re.compile(
    r"(?P<sign>[-+]?)(?P<currency>[$€£]?)(?P<inner_sign>[-+]?)"
    r"(?P<digits>[0-9][0-9.,]*|[.,][0-9]+)"
    r"(?:(?P<multiplier_gap>[ \u00a0\u202f]?)(?P<multiplier>[kKmMbB]))?"
    r"(?:[ \u00a0\u202f]?(?P<percent>%))?"
    r"(?:[ \u00a0\u202f]?(?P<after>[$€£]))?"
)
_MINUS_SIGNS = str.maketrans({"\u2212": "-", "\u2013": "-", "\uff05": "%"})


def _convention(group: str, decimal: str) -> re.Pattern[str]:
    """Digits as one convention writes them: thousands in groups of three after a first group of one to three
    digits that is not zero (`1,234,567`), or no separator; then decimals after the decimal mark (`.5` too)."""
    g, d = re.escape(group), re.escape(decimal)
    return re.compile(rf"(?P<whole>[1-9][0-9]{{0,2}}(?:{g}[0-9]{{3}})+|[0-9]+)(?:{d}(?P<fraction>[0-9]+))?"
                      rf"|{d}(?P<only_fraction>[0-9]+)")


_POINT_DECIMALS = _convention(",", ".")  # English: 1,234.5
_COMMA_DECIMALS = _convention(".", ",")  # Spanish: 1.234,5


class Quantity(BaseModel):
    """A number as typed, with the symbol it carried (if any), read in the reader's convention; `other_reading` is
    what the other convention reads, when the reader may have meant that instead (see the module's docstring)."""

    number: float
    symbol: Symbol | None = None
    other_reading: float | None = None


def parse_quantity(text: str, reading: Reading | Language = "en") -> Quantity | None:
    """The quantity `text` names for this reader (a `Reading`, or just a language), or None. `12.5k` is 12,500,
    `1.2M` 1,200,000, `2b` 2,000,000,000, and a space may come before the multiplier (`2,1 M`, never before `m` or
    `b`, which could be metres or bytes); currency symbols go before the number (`$40k`, `-$5`, `$-5`) or after it
    (`40 €`, `3,5k€`), `%` after it (`3.2%`, `99,95 %`). The result is finite and at most 1e15 in size; so is
    `other_reading`, when there is one."""
    match = _QUANTITY.fullmatch(text.strip().translate(_MINUS_SIGNS))
    if match is None or (match["sign"] and match["inner_sign"]):
        return None
    if match["inner_sign"] and not match["currency"]:
        return None  # `--5` or `+-5`
    if match["currency"] and match["after"]:
        return None  # `$5$`
    currency = match["currency"] or match["after"]
    multiplier = match["multiplier"] or ""
    if match["percent"] and (currency or multiplier):
        return None  # `$5%` and `12k%` mean nothing
    if match["multiplier_gap"] and multiplier in "mb":
        return None  # `5 m` is five metres (or minutes), not five million
    decimal_comma = reading == "es" if isinstance(reading, str) else reading.decimal_comma
    point, comma = _read_digits(match["digits"], _POINT_DECIMALS), _read_digits(match["digits"], _COMMA_DECIMALS)
    mine, theirs = (comma, point) if decimal_comma else (point, comma)
    if mine is None:
        mine, theirs = theirs, None
    if theirs == mine or (not decimal_comma and "." not in match["digits"]):
        theirs = None  # one reading, or an English reader's thousands (`1,234`)
    negative = "-" in (match["sign"], match["inner_sign"])
    number = _scaled(mine, multiplier, negative)
    if number is None:
        return None
    symbol = currency or match["percent"] or None
    return Quantity(number=number, symbol=symbol, other_reading=_scaled(theirs, multiplier, negative))


def _read_digits(digits: str, convention: re.Pattern[str]) -> Decimal | None:
    found = convention.fullmatch(digits)
    if found is None:
        return None
    whole = (found["whole"] or "0").replace(",", "").replace(".", "")
    fraction = found["fraction"] or found["only_fraction"] or ""
    try:
        return Decimal(f"{whole}.{fraction}" if fraction else whole)
    except InvalidOperation:
        return None


def _scaled(digits: Decimal | None, multiplier: str, negative: bool) -> float | None:
    """The number the digits and multiplier make, or None when there are none or it is out of bounds."""
    if digits is None:
        return None
    try:
        number = float(digits.scaleb(_MULTIPLIERS[multiplier.lower()]))
    except (InvalidOperation, OverflowError, ValueError):
        return None
    if not math.isfinite(number) or abs(number) > MAX_MAGNITUDE:
        return None
    return (-number if negative else number) + 0.0  # + 0.0 turns -0.0 into 0.0


def quantity_examples(lang: Language) -> str:
    """The forms to suggest to a reader who typed something else, in their convention."""
    return SPANISH_QUANTITY_EXAMPLES if lang == "es" else QUANTITY_EXAMPLES


def canonical_unit(unit: str | None) -> str | None:
    """`%`, `percent`, `pct` → `%`; `$`, `usd` → `$`; `€`, `eur` → `€`; `£`, `gbp` → `£` (any case); any other
    unit as given, stripped; None for no unit or a blank one."""
    if unit is None or not unit.strip():
        return None
    unit = unit.strip()
    return UNIT_ALIASES.get(unit.lower(), unit)


def contradicts(quantity: Quantity, kpi_unit: str | None) -> bool:
    """Whether a value's symbol disagrees with the KPI's unit: `$5` for a KPI in `%`, or `3%` for a KPI with no
    unit. A value without a symbol never contradicts."""
    return quantity.symbol is not None and canonical_unit(kpi_unit) != quantity.symbol


def needs_choice(quantity: Quantity, kpi_unit: str | None) -> bool:
    """Whether the reader must say which reading they meant before the value is used: it reads as two numbers they
    may have meant (`other_reading`), and it is money or a count — any value but a percentage (a `%` typed, or no
    symbol typed for a KPI in %), where three decimals are rare and thousands common. A percentage is read in the
    reader's convention."""
    return quantity.other_reading is not None and (quantity.symbol or canonical_unit(kpi_unit)) != "%"


def readings(quantity: Quantity) -> tuple[float, float]:
    """The two readings of a value that `needs_choice`: the one with thousands first, then the one with decimals."""
    other = quantity.number if quantity.other_reading is None else quantity.other_reading
    first, second = sorted((quantity.number, other), key=abs, reverse=True)
    return first, second


def choice_params(quantity: Quantity, kpi_unit: str | None, lang: Language) -> dict[str, str]:
    """What a question about an ambiguous value shows: both readings in the reader's convention (`thousands`,
    `decimals`), and how to type each so that nothing is asked (`thousands_typed`, `decimals_typed`)."""
    unit = quantity.symbol or kpi_unit
    thousands, decimals = readings(quantity)
    return {"thousands": format_reading(thousands, unit, lang), "decimals": format_reading(decimals, unit, lang),
            "thousands_typed": typed_form(thousands, quantity.symbol, lang),
            "decimals_typed": typed_form(decimals, quantity.symbol, lang)}


def format_value(number: float, unit: str | None, lang: Language = "en", decimals: int | None = None) -> str:
    """A value as the reader reads it: in English `$40,000`, `-$5`, `$38.50`, `€3,500.50`, `3.2%`, `12 days`,
    `1,234`; in Spanish `$40.000`, `-$5`, `$38,50`, `3.500,50 €`, `3,2 %`, `12 days`, `1.234`. Thousands
    separators; at most two decimals with trailing zeros trimmed, except money, which shows cents when it is not
    whole. `decimals` fixes the number of decimals instead (a chart's axis)."""
    if decimals is not None:
        return _formatted(number, unit, lang, decimals, decimals)
    return _formatted(number, unit, lang, 0, 2)


def format_reading(number: float, unit: str | None, lang: Language) -> str:
    """A value read from what someone typed, shown with the three decimals it may have (`$1.234`), else as
    `format_value` shows it."""
    return _formatted(number, unit, lang, 0, 3)


def typed_form(number: float, symbol: str | None, lang: Language) -> str:
    """How to type `number` so that both conventions read it alike: no thousands separator, and a fourth decimal
    after three (`1234`, `$1.2340` in English, `$1,2340` in Spanish)."""
    digits = _digits(abs(number), lang, 0, 3, money=symbol in CURRENCIES, grouped=False)
    if len(digits.rpartition("," if lang == "es" else ".")[2]) == 3 and any(mark in digits for mark in ",."):
        digits += "0"
    return _placed("-" if number < 0 and digits.strip("0,.") else "", digits, symbol, lang)


def _formatted(number: float, unit: str | None, lang: Language, least: int, most: int) -> str:
    unit = canonical_unit(unit)
    digits = _digits(abs(number), lang, least, most, money=unit in CURRENCIES)
    sign = "-" if number < 0 and digits.strip("0,.") else ""  # no "-0"
    return _placed(sign, digits, unit, lang)


def _placed(sign: str, digits: str, unit: str | None, lang: Language) -> str:
    """The number with its sign and unit where the reader puts them."""
    if unit is None:
        return sign + digits
    if unit in _SYMBOL_AFTER[lang]:
        return f"{sign}{digits}{_SPACE}{unit}"
    if unit in CURRENCIES:
        return f"{sign}{unit}{digits}"
    if unit == "%":
        return f"{sign}{digits}{_SPACE}%" if lang == "es" else f"{sign}{digits}%"
    return f"{sign}{digits} {unit}"


def _digits(magnitude: float, lang: Language, least: int, most: int, money: bool, grouped: bool = True) -> str:
    """`1234.5` → `1,234.5` (Spanish `1.234,5`), `4.0` → `4`, `3.204` → `3.2`, money `38.5` → `38.50`: at most
    `most` decimals, trailing zeros trimmed down to `least` (to two for money that is not whole); nan and inf as
    Python writes them."""
    if not math.isfinite(magnitude):
        return str(magnitude)
    whole, _, fraction = f"{magnitude:{',' if grouped else ''}.{most}f}".partition(".")
    fraction = fraction.rstrip("0")
    fraction = fraction.ljust(max(least, 2 if money and fraction else 0), "0")
    if lang == "es":
        whole = whole.replace(",", ".")
    return f"{whole}{',' if lang == 'es' else '.'}{fraction}" if fraction else whole
