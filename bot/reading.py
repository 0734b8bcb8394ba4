"""How a person reads and types: the date it is for them, their language and their locale's conventions (the order
of day and month, the decimal mark). Every grammar reads a command's words against one."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from bot.i18n import Language

# Slack locales whose people write the month before the day (`12/31`); everyone else writes the day first.
MONTH_FIRST_LOCALES = frozenset({"en-us"})


class Reading(BaseModel):
    """The reader's date, language and Slack locale (`es-ES`, `en-US`; None when Slack did not say)."""

    model_config = ConfigDict(frozen=True)

    today: date
    language: Language = "en"
    locale: str | None = None

    @classmethod
    def of(cls, reading: Reading | date) -> Reading:
        """A plain date reads as an English reader's with no locale (tests and the console's defaults)."""
        return reading if isinstance(reading, Reading) else cls(today=reading)

    @property
    def month_first(self) -> bool:
        """Whether `12/31` is how this reader writes 31 December (en-US, or English with no locale)."""
        if self.locale is None:
            return self.language == "en"
        return self.locale.lower() in MONTH_FIRST_LOCALES

    @property
    def decimal_comma(self) -> bool:
        """Whether this reader writes `3,2` for three point two (Spanish readers)."""
        return self.language == "es"


# The reader of a grammar whose options read no date (`/sync`, `/digest`, a rhythm) when none is given: English, no
# locale.
UNDATED = Reading(today=date.min)
