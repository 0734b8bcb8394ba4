"""How values read in messages: dates, times, people, sides, priorities. One place, both languages."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.asks.models import Category, Priority
from bot.i18n import Language, t
from bot.kpis.values import format_value
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


def zone_label(zone: str) -> str:
    """A time zone as people name it: `America/Mexico_City` → `Mexico City`, `UTC` as it is."""
    return zone.rsplit("/", 1)[-1].replace("_", " ")


def meeting(lang: Language, at: datetime, reader_zone: str | None, series_zone: str) -> str:
    """When a meeting of a series kept in `series_zone` is. For one reader (a reply, a DM): in their zone, labelled
    (`Tue, Dec 8, 03:30 Mexico City`), then in the series' zone when its clock reads differently (`· 09:30
    Madrid`). For a shared post (`reader_zone` None): as Slack shows each reader, then in the series' zone."""
    in_series = at.astimezone(ZoneInfo(series_zone))
    series_time = f"{in_series:%H:%M} {zone_label(series_zone)}"
    if reader_zone is None:
        return f"{moment(at, series_zone)} · {series_time}"
    local = at.astimezone(ZoneInfo(reader_zone))
    shown = f"{day(lang, local.date())}, {local:%H:%M} {zone_label(reader_zone)}"
    return shown if local.utcoffset() == in_series.utcoffset() else f"{shown} · {series_time}"


def number(lang: Language, value: float) -> str:
    """A measure with one decimal at most, in the reader's convention: `2.5` / `2,5`, `3` (no trailing `.0`)."""
    return format_value(round(value, 1), None, lang)


def percent(lang: Language, rate: float) -> str:
    """A rate as a whole percentage, in the reader's convention: `85%` / `85 %`."""
    return format_value(round(rate * 100), "%", lang)


def person(user_id: str | None) -> str:
    return f"<@{user_id}>" if user_id else "—"


def side(lang: Language, value: Side) -> str:
    return t(lang, f"side.{value.value}")


def priority(lang: Language, value: Priority) -> str:
    return f"{PRIORITY_ICONS[value]} {t(lang, f'priority.{value.value}')}"


def category(value: Category | None) -> str:
    return f"`#{value.value}`" if value else "—"

