"""Dates typed in commands (SPEC.md "Words used in commands"): pure and total, resolved against an injected
`today` (the caller's local date), so every string gives a date or None, never an exception."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

# For error messages: forms the parser accepts, in the order a reader would try them.
DATE_EXAMPLES = "2026-12-01, today, tomorrow, fri, +3d, +2w"

MAX_DAYS_AHEAD = 3650
MAX_WEEKS_AHEAD = 520

_WEEKDAY_WORDS: tuple[tuple[str, ...], ...] = (
    ("mon", "monday", "lun", "lunes"),
    ("tue", "tues", "tuesday", "mar", "martes"),
    ("wed", "wednesday", "mié", "mie", "miércoles", "miercoles"),
    ("thu", "thur", "thurs", "thursday", "jue", "jueves"),
    ("fri", "friday", "vie", "viernes"),
    ("sat", "saturday", "sáb", "sab", "sábado", "sabado"),
    ("sun", "sunday", "dom", "domingo"),
)
WEEKDAYS: dict[str, int] = {word: weekday for weekday, words in enumerate(_WEEKDAY_WORDS) for word in words}
DAYS_FROM_TODAY: dict[str, int] = {"today": 0, "hoy": 0, "tomorrow": 1, "mañana": 1, "manana": 1}

# ASCII digits only: `\d` would also take other scripts' digits.
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
# Leading zeros are dropped before the digit count, so no huge number ever reaches int().
_RELATIVE = re.compile(r"\+0*([0-9]{1,4})([dw])")


def parse_date(word: str, today: date) -> date | None:
    """The date `word` names, relative to `today`, or None when it names none (or an impossible one)."""
    # NFC so that a decomposed "mie\u0301" reads as "mié"; lower() after, as "MIÉ" lowers to "mié".
    word = unicodedata.normalize("NFC", word.strip()).lower()
    try:
        if (iso := _ISO.fullmatch(word)) is not None:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        if word in DAYS_FROM_TODAY:
            return today + timedelta(days=DAYS_FROM_TODAY[word])
        if word in WEEKDAYS:
            return today + timedelta(days=(WEEKDAYS[word] - today.weekday() - 1) % 7 + 1)
        if (relative := _RELATIVE.fullmatch(word)) is not None:
            count, unit = int(relative[1]), relative[2]
            if count > (MAX_DAYS_AHEAD if unit == "d" else MAX_WEEKS_AHEAD):
                return None
            return today + timedelta(days=count if unit == "d" else 7 * count)
    except (ValueError, OverflowError):  # 2026-02-30, year 0, or past date.max
        return None
    return None
