"""Who acts, and the two sides they act for."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict

from bot.i18n import Language
from bot.reading import Reading


class Side(StrEnum):
    MARKETING = "marketing"
    IT = "it"

    @property
    def other(self) -> Side:
        return Side.IT if self is Side.MARKETING else Side.MARKETING


class Actor(BaseModel):
    """The Slack user behind a request, as Slack and settings describe them."""

    model_config = ConfigDict(frozen=True)

    team_id: str
    user_id: str
    language: Language
    timezone: str
    is_admin: bool
    locale: str | None = None  # Slack's, such as `es-ES`; None when Slack did not say

    def reading(self, now: datetime) -> Reading:
        """How this person reads what they type: their date, language and locale."""
        return Reading(today=self.today(now), language=self.language, locale=self.locale)

    def today(self, now: datetime) -> date:
        """The date it is for this person, in their own time zone."""
        return now.astimezone(ZoneInfo(self.timezone)).date()
