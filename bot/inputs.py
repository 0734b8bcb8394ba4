"""Reading modal submissions: pure functions over `view.state.values`, shared by every feature's `forms.py`. A
problem comes back as a `FormError` naming the input it belongs to, for `response_action=errors`."""

from __future__ import annotations

import base64
import hmac
import json
import re
from datetime import date
from typing import Any

from bot.dates import latest_due
from bot.errors import FormError, InvalidInput
from bot.ids import Action

Values = dict[str, dict[str, dict[str, Any]]]

# What no store keeps: NUL (PostgreSQL refuses it in text) and lone surrogates (no UTF-8 encodes them; a pair in
# JSON is one character once parsed, so any surrogate left is alone).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def make_storable(body: Any) -> Any:
    """A request's body with NUL and lone surrogates removed from every string (dicts and lists changed in place),
    so whatever anyone types is stored as it reads, on SQLite and PostgreSQL alike."""
    if isinstance(body, str):
        return _UNSTORABLE.sub("", body)
    if isinstance(body, dict):
        for name, item in body.items():
            body[name] = make_storable(item)
    elif isinstance(body, list):
        body[:] = [make_storable(item) for item in body]
    return body


def escape_mrkdwn(text: str) -> str:
    """Typed text stored as Slack sends command text: its three control characters escaped, so it shows as typed."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def element(values: Values, block_id: str) -> dict[str, Any]:
    """The state of one input's element, or {} when the submission has no such input (or a malformed one)."""
    block = values.get(block_id) if isinstance(values, dict) else None
    found = block.get(Action.INPUT) if isinstance(block, dict) else None
    return found if isinstance(found, dict) else {}


def seal(key: bytes, callback_id: str, metadata: str) -> str:
    """A modal's private_metadata as Alinea sends it: followed by its HMAC under the server's key (see
    `Settings.key_for`), bound to the modal's callback_id, so a submission can carry only what Alinea put there."""
    return f"{metadata}.{_mac(key, callback_id, metadata)}"


def unseal(key: bytes, callback_id: str, sealed: object) -> str | InvalidInput:
    """What `seal` sealed for this kind of modal, or a clean refusal for anything else (forged, cut, garbage)."""
    raw, dot, mac = sealed.rpartition(".") if isinstance(sealed, str) else ("", "", "")
    if not dot or not hmac.compare_digest(mac.encode(), _mac(key, callback_id, raw).encode()):
        return InvalidInput("error.form_unreadable")
    return raw


def _mac(key: bytes, callback_id: str, metadata: str) -> str:
    digest = hmac.digest(key, f"{callback_id}\n{metadata}".encode(), "sha256")
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def metadata(raw: str) -> dict[str, Any] | InvalidInput:
    """Unsealed private_metadata as the JSON object Alinea put there."""
    try:
        parsed = json.loads(raw or "{}")
    except ValueError:
        return InvalidInput("error.form_unreadable")
    return parsed if isinstance(parsed, dict) else InvalidInput("error.form_unreadable")


def value(values: Values, block_id: str) -> str | None:
    """The value of one input, whatever its element type (text, select, user, date)."""
    element_ = element(values, block_id)
    selected = element_.get("selected_option") or {}
    found = (element_.get("value") or (selected.get("value") if isinstance(selected, dict) else None)
             or element_.get("selected_user") or element_.get("selected_date") or element_.get("selected_time"))
    return found if isinstance(found, str) else None


def day(values: Values, block_id: str, today: date, required: bool) -> date | None | FormError:
    """A datepicker's due date: from `today` to `latest_due`, and present when `required`."""
    raw = value(values, block_id)
    if not raw:
        return FormError("error.date_required", block_id) if required else None
    try:
        chosen = date.fromisoformat(raw)
    except ValueError:
        return FormError("error.bad_date_value", block_id)
    if chosen < today:
        return FormError("error.day_in_past", block_id)
    if chosen > latest_due(today):
        return FormError("error.day_too_far", block_id, latest=latest_due(today).isoformat())
    return chosen


def text(values: Values, block_id: str, limit: int) -> str | FormError:
    """A required text input, escaped for storage."""
    typed = (value(values, block_id) or "").strip()
    if not typed:
        return FormError("error.text_required", block_id)
    return escape_mrkdwn(typed)[:limit]


