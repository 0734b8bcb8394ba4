"""How values read in messages: dates, times, people, sides, priorities. One place, both languages."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.asks.models import Category, Priority
from bot.i18n import Language, t
from bot.people import Side

PRIORITY_ICONS = {Priority.LOW: ":white_circle:", Priority.NORMAL: ":large_blue_circle:",
                  Priority.HIGH: ":large_orange_circle:", Priority.URGENT: ":red_circle:"}


def day(lang: Language, value: date, today: date | None = None) -> str:
    """`Tue, Dec 1` / `mar 1 dic`, with the year when it is not this year's."""
    weekday = t(lang, "dates.weekdays").split(",")[value.weekday()]
    month = t(lang, "dates.months").split(",")[value.month - 1]
    text = t(lang, "dates.day", weekday=weekday, day=value.day, month=month)
    if today is not None and value.year != today.year:
        text += f" {value.year}"
    return text


def moment(value: datetime, fallback_zone: str) -> str:
    """A time Slack shows in each reader's own time zone; the fallback is the workspace's."""
    local = value.astimezone(ZoneInfo(fallback_zone))
    return f"<!date^{int(value.timestamp())}^{{date_short_pretty}} {{time}}|{local:%Y-%m-%d %H:%M}>"


def person(user_id: str | None) -> str:
    return f"<@{user_id}>" if user_id else "—"


def side(lang: Language, value: Side) -> str:
    return t(lang, f"side.{value.value}")


def priority(lang: Language, value: Priority) -> str:
    return f"{PRIORITY_ICONS[value]} {t(lang, f'priority.{value.value}')}"


def category(value: Category | None) -> str:
    return f"`#{value.value}`" if value else "—"

