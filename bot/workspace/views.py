"""Block Kit of the workspace's settings: the summary `/alinea settings` shows (with its Change settings button), the
modal that changes them, App Home's Settings button, and the answer to a change."""

from __future__ import annotations

from datetime import time
from typing import Any

from bot import format as fmt
from bot.blocks import (
    Block,
    Message,
    actions,
    button,
    context,
    fields,
    header,
    input_block,
    message,
    modal,
    option,
    option_group,
    section,
)
from bot.i18n import LANGUAGES, Language, t
from bot.ids import Action, View
from bot.notifications.models import NoticeKind
from bot.notifications.views import kind_name
from bot.people import Side
from bot.recurrence import RHYTHM_MAX_EVERY_WEEKS
from bot.workspace.models import PlannedRhythm, SettingsChanged, SettingsShown, WorkspaceSettings

# The time zones the modal offers, by region: those of most of the people who use Slack. A workspace's own zone is
# always offered too (under "Other" when it is none of these).
ZONE_GROUPS: dict[str, tuple[str, ...]] = {
    "americas": (
        "America/Anchorage", "America/Los_Angeles", "America/Vancouver", "America/Tijuana", "America/Denver",
        "America/Phoenix", "America/Chicago", "America/Mexico_City", "America/Monterrey", "America/Cancun",
        "America/Guatemala", "America/El_Salvador", "America/Tegucigalpa", "America/Managua", "America/Costa_Rica",
        "America/Panama", "America/New_York", "America/Toronto", "America/Havana", "America/Santo_Domingo",
        "America/Puerto_Rico", "America/Bogota", "America/Lima", "America/Guayaquil", "America/Caracas",
        "America/La_Paz", "America/Santiago", "America/Asuncion", "America/Montevideo",
        "America/Argentina/Buenos_Aires", "America/Sao_Paulo", "America/Halifax", "America/St_Johns",
        "Pacific/Honolulu",
    ),
    "europe": (
        "Europe/London", "Europe/Dublin", "Europe/Lisbon", "Atlantic/Canary", "Europe/Madrid", "Europe/Paris",
        "Europe/Brussels", "Europe/Amsterdam", "Europe/Berlin", "Europe/Zurich", "Europe/Rome", "Europe/Vienna",
        "Europe/Stockholm", "Europe/Oslo", "Europe/Copenhagen", "Europe/Warsaw", "Europe/Prague", "Europe/Budapest",
        "Europe/Athens", "Europe/Helsinki", "Europe/Bucharest", "Europe/Kyiv", "Europe/Istanbul", "Europe/Moscow",
    ),
    "africa": (
        "Africa/Casablanca", "Africa/Lagos", "Africa/Cairo", "Africa/Johannesburg", "Africa/Nairobi",
        "Asia/Jerusalem", "Asia/Riyadh", "Asia/Dubai", "Asia/Tehran",
    ),
    "asia": (
        "Asia/Karachi", "Asia/Kolkata", "Asia/Dhaka", "Asia/Bangkok", "Asia/Jakarta", "Asia/Ho_Chi_Minh",
        "Asia/Singapore", "Asia/Manila", "Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Seoul",
        "Asia/Tokyo", "Australia/Perth", "Australia/Adelaide", "Australia/Brisbane", "Australia/Sydney",
        "Australia/Melbourne", "Pacific/Auckland",
    ),
    "utc": ("UTC",),
}


def summary(lang: Language, shown: SettingsShown) -> Message:
    """What `/alinea settings` shows an admin: every setting, who changed them last, and Change settings."""
    title = t(lang, "settings.title")
    return message(title, [header(title), *_listing(lang, shown),
                           actions(button(t(lang, "settings.button.change"), Action.SETTINGS_OPEN, "open",
                                          "primary"))])


def changed(lang: Language, result: SettingsChanged) -> Message:
    """The answer to the modal: saved (or nothing to save), and the settings as they are now."""
    text = t(lang, "settings.saved" if result.anything_changed else "settings.unchanged")
    return message(text, [section(f":white_check_mark: {text}"), *_listing(lang, result.after)])


def home_button(lang: Language) -> Block:
    """App Home's Settings button, for admins: it opens the same modal as Change settings."""
    return button(t(lang, "settings.button.home"), Action.SETTINGS_OPEN, "open")


def settings_modal(lang: Language, shown: SettingsShown) -> dict[str, Any]:
    """The modal changing every setting, each input showing what it is now."""
    settings = shown.workspace
    digest_hint = (t(lang, "settings.digest.hint", zone=shown.digest.timezone) if shown.digest
                   else t(lang, "settings.digest.hint_new"))
    pulse_hint = (t(lang, "settings.pulse.hint", zone=shown.pulse.timezone) if shown.pulse
                  else t(lang, "settings.pulse.hint_new"))
    blocks = [
        section(t(lang, "settings.intro")),
        input_block("channel", t(lang, "settings.channel"), _channel_select(settings.channel), optional=True,
                    hint=t(lang, "settings.channel.hint")),
        *([input_block(f"{side.value}_channel", t(lang, f"settings.side_channel.{side.value}"),
                       _channel_select(settings.side_channel(side)), optional=True,
                       hint=t(lang, "settings.side_channel.hint"))
           for side in Side] if shown.org_wide else []),
        input_block("timezone", t(lang, "settings.timezone"), _zone_select(lang, settings.timezone),
                    hint=t(lang, "settings.timezone.hint")),
        input_block("language", t(lang, "settings.language"),
                    _select([option(t(code, f"settings.language.{code}"), code) for code in LANGUAGES],
                            settings.language), hint=t(lang, "settings.language.hint")),
        input_block("reminder", t(lang, "settings.reminder"), _time_picker(settings.reminder_time),
                    hint=t(lang, "settings.reminder.hint")),
        input_block("digest_day", t(lang, "settings.digest.day"), _weekday_select(lang, shown.digest), optional=True),
        input_block("digest_at", t(lang, "settings.digest.at"), _time_picker(shown.digest.at if shown.digest else None),
                    optional=True, hint=digest_hint),
        input_block("pulse_day", t(lang, "settings.pulse.day"), _weekday_select(lang, shown.pulse), optional=True),
        input_block("pulse_at", t(lang, "settings.pulse.at"), _time_picker(shown.pulse.at if shown.pulse else None),
                    optional=True, hint=pulse_hint),
        input_block("pulse_every", t(lang, "settings.pulse.every"),
                    _select([option(t(lang, "settings.every", count=n), str(n))
                             for n in range(1, RHYTHM_MAX_EVERY_WEEKS + 1)],
                            str(shown.pulse.every_weeks if shown.pulse else 1)), optional=True),
        input_block("notices", t(lang, "settings.notices"), _notices_checkboxes(lang, settings), optional=True,
                    hint=t(lang, "settings.notices.hint")),
    ]
    return modal(View.SETTINGS, t(lang, "settings.title"), t(lang, "settings.submit"), t(lang, "modal.cancel"),
                 blocks)


def _listing(lang: Language, shown: SettingsShown) -> list[Block]:
    settings = shown.workspace
    channel = f"<#{settings.channel}>" if settings.channel else t(lang, "settings.channel.none")
    off = [kind for kind in NoticeKind if not settings.wants(kind)]
    notices = (t(lang, "settings.notices.off", kinds=", ".join(f"`{kind_name(lang, kind)}`" for kind in off)) if off
               else t(lang, "settings.notices.all_on"))
    digest = (t(lang, "settings.digest.value", **_rhythm_words(lang, shown.digest)) if shown.digest
              else t(lang, "settings.digest.none"))
    pulse = (t(lang, "settings.pulse.value", count=shown.pulse.every_weeks, **_rhythm_words(lang, shown.pulse))
             if shown.pulse else t(lang, "settings.pulse.none"))
    changed_by = (t(lang, "settings.last_changed", user=shown.updated_by,
                    when=fmt.moment(shown.updated_at, settings.timezone))
                  if shown.updated_by and shown.updated_at else t(lang, "settings.from_environment"))
    sides = [(t(lang, f"settings.side_channel.{side.value}"), f"<#{settings.side_channel(side)}>"
              if settings.side_channel(side) else t(lang, "settings.side_channel.none")) for side in Side]
    return [
        fields((t(lang, "settings.channel"), channel), *(sides if shown.org_wide else []),
               (t(lang, "settings.timezone"), settings.timezone),
               (t(lang, "settings.language"), t(lang, f"settings.language.{settings.language}")),
               (t(lang, "settings.reminder"), t(lang, "settings.reminder.value", at=_hhmm(settings.reminder_time))),
               (t(lang, "settings.digest"), digest),
               (t(lang, "settings.pulse"), pulse),
               (t(lang, "settings.notices"), notices)),
        context(changed_by),
    ]


def _rhythm_words(lang: Language, rhythm: PlannedRhythm) -> dict[str, str]:
    return {"weekday": _weekday_names(lang)[rhythm.weekday], "at": _hhmm(rhythm.at),
            "zone": fmt.zone_label(rhythm.timezone)}


def _weekday_names(lang: Language) -> list[str]:
    return t(lang, "settings.weekdays").split(",")


def _hhmm(at: time) -> str:
    return f"{at:%H:%M}"


def _select(options: list[Block], initial: str | None) -> Block:
    element: Block = {"type": "static_select", "action_id": Action.INPUT, "options": options}
    chosen = next((found for found in options if found["value"] == initial), None)
    if chosen is not None:
        element["initial_option"] = chosen
    return element


def _weekday_select(lang: Language, rhythm: PlannedRhythm | None) -> Block:
    options = [option(name, str(day)) for day, name in enumerate(_weekday_names(lang))]
    return _select(options, str(rhythm.weekday) if rhythm else None)


def _time_picker(at: time | None) -> Block:
    element: Block = {"type": "timepicker", "action_id": Action.INPUT}
    if at is not None:
        element["initial_time"] = _hhmm(at)
    return element


def _channel_select(channel: str | None) -> Block:
    element: Block = {"type": "conversations_select", "action_id": Action.INPUT,
                      "filter": {"include": ["public", "private"], "exclude_bot_users": True}}
    if channel:
        element["initial_conversation"] = channel
    return element


def _zone_option(zone: str) -> Block:
    label = zone if zone == "UTC" else f"{fmt.zone_label(zone)} ({zone})"
    return option(label, zone)


def _zone_select(lang: Language, current: str) -> Block:
    """Time zones by region, the workspace's own among them."""
    groups = [option_group(t(lang, f"settings.zone_group.{region}"), [_zone_option(zone) for zone in zones])
              for region, zones in ZONE_GROUPS.items()]
    if not any(current in zones for zones in ZONE_GROUPS.values()):
        groups.append(option_group(t(lang, "settings.zone_group.elsewhere"), [_zone_option(current)]))
    chosen = next(found for group in groups for found in group["options"] if found["value"] == current)
    return {"type": "static_select", "action_id": Action.INPUT, "option_groups": groups, "initial_option": chosen}


def _notices_checkboxes(lang: Language, settings: WorkspaceSettings) -> Block:
    """One box per kind of DM, ticked when people who never chose get it."""
    options = [option(kind_name(lang, kind), kind.value, t(lang, f"settings.notice.{kind.value}"))
               for kind in NoticeKind]
    element: Block = {"type": "checkboxes", "action_id": Action.INPUT, "options": options}
    ticked = [found for found, kind in zip(options, NoticeKind, strict=True) if settings.wants(kind)]
    if ticked:
        element["initial_options"] = ticked
    return element
