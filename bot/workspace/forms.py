"""The settings modal's submission: `view.state.values` → `SettingsChange`, or a `FormError` naming the input."""

from __future__ import annotations

import re
from datetime import time
from typing import Any

from bot.dates import parse_timezone
from bot.errors import FormError
from bot.i18n import LANGUAGES
from bot.inputs import Values, element, value
from bot.notifications.models import NoticeKind
from bot.recurrence import RHYTHM_MAX_EVERY_WEEKS
from bot.workspace.models import CHANNEL_LIMIT, ZONE_LIMIT, Rhythm, SettingsChange, WorkspaceSettings

_CHANNEL = re.compile(rf"^[CG][A-Z0-9]{{2,{CHANNEL_LIMIT - 1}}}$")
_TIME = re.compile(r"^([01][0-9]|2[0-3]):([0-5][0-9])$")  # as a timepicker gives it


def settings(values: Values) -> SettingsChange | FormError:
    """Every input of the settings modal read and checked, first problem first."""
    channel, marketing, it = (_channel(values, block) for block in ("channel", "marketing_channel", "it_channel"))
    for chosen in (channel, marketing, it):
        if isinstance(chosen, FormError):
            return chosen
    zone = value(values, "timezone")
    if not zone or len(zone) > ZONE_LIMIT or (found := parse_timezone(zone)) is None:
        return FormError("error.settings_timezone", "timezone", zone=(zone or "")[:ZONE_LIMIT])
    language = value(values, "language")
    if language not in LANGUAGES:
        return FormError("error.settings_language", "language")
    reminder = _time(values, "reminder")
    if reminder is None:
        return FormError("error.settings_time", "reminder")
    notices_on = _ticked(values, "notices")
    if notices_on is None:
        return FormError("error.form_unreadable", "notices")
    digest = _rhythm(values, "digest", every_weeks=1)
    if isinstance(digest, FormError):
        return digest
    every = _every(values)
    if every is None:
        return FormError("error.settings_every", "pulse_every")
    pulse = _rhythm(values, "pulse", every_weeks=every)
    if isinstance(pulse, FormError):
        return pulse
    workspace = WorkspaceSettings.model_validate({
        "channel": channel, "marketing_channel": marketing, "it_channel": it, "timezone": found, "language": language, "reminder_time": reminder,
        "notices_off": frozenset(kind for kind in NoticeKind if kind.value not in notices_on)})
    return SettingsChange(workspace=workspace, digest=digest, pulse=pulse)


def _channel(values: Values, block_id: str) -> str | None | FormError:
    """A channel input (the collaboration channel, a side's own): a public or private channel, or none."""
    chosen = element(values, block_id).get("selected_conversation")
    if chosen is None or chosen == "":
        return None
    if not isinstance(chosen, str) or not _CHANNEL.match(chosen):
        return FormError("error.settings_channel", block_id)
    return chosen


def _time(values: Values, block_id: str) -> time | None:
    raw = element(values, block_id).get("selected_time")
    match = _TIME.match(raw) if isinstance(raw, str) else None
    return time(int(match[1]), int(match[2])) if match else None


def _weekday(values: Values, block_id: str) -> int | None:
    raw = value(values, block_id)
    return int(raw) if raw is not None and raw in {str(day) for day in range(7)} else None


def _every(values: Values) -> int | None:
    """How often the pulse comes, in weeks (every week when not chosen)."""
    raw = value(values, "pulse_every")
    if raw is None:
        return 1
    allowed = {str(n): n for n in range(1, RHYTHM_MAX_EVERY_WEEKS + 1)}
    return allowed.get(raw)


def _rhythm(values: Values, name: str, every_weeks: int) -> Rhythm | None | FormError:
    """A day and a time (`<name>_day`, `<name>_at`): both, or neither (None: left as it is)."""
    day_given = _given(values, f"{name}_day", "selected_option")
    at_given = _given(values, f"{name}_at", "selected_time")
    if not day_given and not at_given:
        return None
    weekday = _weekday(values, f"{name}_day")
    if weekday is None:
        return FormError("error.settings_day_and_time", f"{name}_day")
    at = _time(values, f"{name}_at")
    if at is None:
        return FormError("error.settings_day_and_time" if not at_given else "error.settings_time", f"{name}_at")
    return Rhythm(weekday=weekday, at=at, every_weeks=every_weeks)


def _given(values: Values, block_id: str, key: str) -> bool:
    found: Any = element(values, block_id).get(key)
    return found is not None and found != ""


def _ticked(values: Values, block_id: str) -> set[str] | None:
    """The values of the ticked boxes; None when the input's state can't be read."""
    found = element(values, block_id).get("selected_options", [])
    if not isinstance(found, list):
        return None
    return {item.get("value") for item in found if isinstance(item, dict) and isinstance(item.get("value"), str)}
