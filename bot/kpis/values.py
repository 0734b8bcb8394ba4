"""KPI values as people type and read them: `3.2`, `3.2%`, `1,234`, `12.5k`, `$40k`.
Pure and total: any text gives a `Quantity` or None, never an exception."""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from typing import Literal

from pydantic import BaseModel

Symbol = Literal["%", "$", "€", "£"]

# For error messages: forms `parse_quantity` accepts, in the order a reader would try them.
QUANTITY_EXAMPLES = "3.2, -5, 3.2%, 1,234, 12.5k, 1.2M, 2B, $40k, €3.5k, £12"
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

# A sign before or after a currency symbol (not both), ASCII digits with well-formed thousands separators,
# an optional multiplier, and `%` as the only symbol allowed after the number.
_QUANTITY = re.compile(
    r"(?P<sign>[-+]?)(?P<currency>[$€£]?)(?P<inner_sign>[-+]?)"
    r"(?P<digits>(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|\.[0-9]+)"
    r"(?P<multiplier>[kKmMbB]?)(?P<percent>%?)"
)
_MINUS_SIGNS = str.maketrans({"\u2212": "-", "\u2013": "-", "\uff05": "%"})


class Quantity(BaseModel):
    """A number as typed, with the symbol it carried (if any)."""

    number: float
    symbol: Symbol | None = None


def parse_quantity(text: str) -> Quantity | None:
    """The quantity `text` names, or None. `12.5k` is 12,500, `1.2M` 1,200,000, `2b` 2,000,000,000; currency
    symbols go before the number (`$40k`, `-$5`, `$-5`), `%` right after it (`3.2%`). Commas only separate
    thousands (`1,234`; `12,34` is refused). The result is finite and at most 1e15 in size."""
    match = _QUANTITY.fullmatch(text.strip().translate(_MINUS_SIGNS))
    if match is None or (match["sign"] and match["inner_sign"]):
        return None
    if match["inner_sign"] and not match["currency"]:
        return None  # `--5` or `+-5`
    if match["percent"] and (match["currency"] or match["multiplier"]):
        return None  # `$5%` and `12k%` mean nothing
    try:
        number = float(Decimal(match["digits"].replace(",", "")).scaleb(_MULTIPLIERS[match["multiplier"].lower()]))
    except (InvalidOperation, OverflowError, ValueError):
        return None
    if not math.isfinite(number) or abs(number) > MAX_MAGNITUDE:
        return None
    if "-" in (match["sign"], match["inner_sign"]):
        number = -number
    symbol = match["currency"] or match["percent"] or None
    return Quantity(number=number + 0.0, symbol=symbol)  # + 0.0 turns -0.0 into 0.0


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


def format_value(number: float, unit: str | None) -> str:
    """A value as people read it: `$40,000`, `-$5`, `€3,500.5`, `3.2%`, `12 days`, `1,234`. Thousands
    separators, at most two decimals, trailing zeros trimmed."""
    unit = canonical_unit(unit)
    digits = _plain_number(abs(number))
    sign = "-" if number < 0 and digits != "0" else ""
    if unit in CURRENCIES:
        return f"{sign}{unit}{digits}"
    text = sign + digits
    if unit is None:
        return text
    return text + unit if unit == "%" else f"{text} {unit}"


def _plain_number(magnitude: float) -> str:
    """`1234.5` → `1,234.5`, `4.0` → `4`, `3.204` → `3.2`; nan and inf as Python writes them."""
    if not math.isfinite(magnitude):
        return str(magnitude)
    text = f"{magnitude:,.2f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
