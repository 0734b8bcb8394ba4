"""Reading modal submissions: pure functions over `view.state.values`, shared by every feature's `forms.py`. A
problem comes back as a `FormError` naming the input it belongs to, for `response_action=errors`."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from bot.errors import FormError
from bot.ids import Action

Values = dict[str, dict[str, dict[str, Any]]]


def escape_mrkdwn(text: str) -> str:
    """Typed text stored as Slack sends command text: its three control characters escaped, so it shows as typed."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def element(values: Values, block_id: str) -> dict[str, Any]:
    """The state of one input's element, or {} when the submission has no such input (or a malformed one)."""
    block = values.get(block_id) if isinstance(values, dict) else None
    found = block.get(Action.INPUT) if isinstance(block, dict) else None
    return found if isinstance(found, dict) else {}


def metadata(raw: str | None) -> dict[str, Any] | FormError:
    """A modal's private_metadata as the JSON object Alinea put there; anything else was not sent by Alinea."""
    try:
        parsed = json.loads(raw or "{}")
    except ValueError:
        return FormError("error.unknown_choice", "title")
    return parsed if isinstance(parsed, dict) else FormError("error.unknown_choice", "title")


def value(values: Values, block_id: str) -> str | None:
    """The value of one input, whatever its element type (text, select, user, date)."""
    element_ = element(values, block_id)
    selected = element_.get("selected_option") or {}
    found = (element_.get("value") or (selected.get("value") if isinstance(selected, dict) else None)
             or element_.get("selected_user") or element_.get("selected_date") or element_.get("selected_time"))
    return found if isinstance(found, str) else None


def day(values: Values, block_id: str, today: date, required: bool) -> date | None | FormError:
    """A datepicker's date: not before `today`, and present when `required`."""
    raw = value(values, block_id)
    if not raw:
        return FormError("error.date_required", block_id) if required else None
    try:
        chosen = date.fromisoformat(raw)
    except ValueError:
        return FormError("error.bad_date_value", block_id)
    return FormError("error.day_in_past", block_id) if chosen < today else chosen


def text(values: Values, block_id: str, limit: int) -> str | FormError:
    """A required text input, escaped for storage."""
    typed = (value(values, block_id) or "").strip()
    if not typed:
        return FormError("error.text_required", block_id)
    return escape_mrkdwn(typed)[:limit]


