"""The ask modals' submissions: the New ask modal (also opened by the Log as ask shortcut and App Home), and the
accept and decline modals; and the inputs of the **Log an ask** workflow step, which a workflow fills in as a person
fills in a form."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from bot.asks.models import (
    COMMENT_LIMIT,
    DETAILS_LIMIT,
    LINK_LIMIT,
    SPANISH_CATEGORIES,
    TITLE_LIMIT,
    Category,
    NewAsk,
    Priority,
)
from bot.asks.parsing import CATEGORIES, PRIORITIES
from bot.dates import latest_due
from bot.errors import FormError
from bot.ids import LogAskInput
from bot.inputs import Values, day, escape_mrkdwn, text, value
from bot.lexer import folded
from bot.people import Side
from bot.reading import Reading

_USER_ID = re.compile(r"[UW][A-Z0-9]{2,20}")
_SHOWN = 40  # how much of a refused value a step's error repeats


def new_ask(values: Values, metadata: dict[str, Any], today: date, default_side: Side) -> NewAsk | FormError:
    """The **New ask** modal as a new ask."""
    title = escape_mrkdwn((value(values, "title") or "").strip())
    if not title:
        return FormError("error.ask_needs_title", "title")
    due = day(values, "due", today, required=False)
    if isinstance(due, FormError):
        return due
    try:
        side = Side(value(values, "to_side") or default_side)
        priority = Priority(value(values, "priority") or Priority.NORMAL)
        category_value = value(values, "category")
        category = Category(category_value) if category_value else None
    except ValueError:
        return FormError("error.unknown_choice", "title")
    source = metadata.get("source") if metadata.get("source") in ("modal", "shortcut") else "modal"
    link = metadata.get("link") if isinstance(metadata.get("link"), str) else None
    details = escape_mrkdwn((value(values, "details") or "").strip())[:DETAILS_LIMIT] or None
    return NewAsk(title=title[:TITLE_LIMIT], details=details, to_side=side, owner_id=value(values, "owner"), due=due,
                  priority=priority, category=category, source=source,
                  source_link=link[:LINK_LIMIT] if link else None)


def accept_due(values: Values, today: date) -> date | FormError:
    """The accept modal: the due date the accepter commits to."""
    due = day(values, "due", today, required=True)
    return FormError("error.date_required", "due") if due is None else due


def decline_reason(values: Values) -> str | FormError:
    """The decline modal: why, for the requester to read."""
    return text(values, "reason", COMMENT_LIMIT)


# --- the Log an ask workflow step -------------------------------------------------------------------------------


def step_requester(inputs: Mapping[str, Any]) -> str | FormError:
    """The **Log an ask** step's requester: the Slack user ID Workflow Builder's person input gives."""
    found = _step_text(inputs, LogAskInput.REQUESTER)
    if not found:
        return FormError("error.step_needs_requester", LogAskInput.REQUESTER.value)
    if not _USER_ID.fullmatch(found):
        return FormError("error.step_bad_requester", LogAskInput.REQUESTER.value, word=_shown(found))
    return found


def step_ask(inputs: Mapping[str, Any], reading: Reading) -> NewAsk | FormError:
    """The **Log an ask** step's inputs as the new ask `/ask` would make, read as the requester reads (their date,
    for the due date; their language, for the categories an error lists). Text arrives as typed, so it is escaped
    as a modal's is; the title is one line. Every problem names its input and what it accepts."""
    title = escape_mrkdwn(" ".join(_step_text(inputs, LogAskInput.TITLE).split()))
    if not title:
        return FormError("error.step_needs_title", LogAskInput.TITLE.value)
    if len(title) > TITLE_LIMIT:
        return FormError("error.step_title_too_long", LogAskInput.TITLE.value, limit=TITLE_LIMIT, length=len(title))
    details = escape_mrkdwn(_step_text(inputs, LogAskInput.DETAILS))
    if len(details) > DETAILS_LIMIT:
        return FormError("error.step_details_too_long", LogAskInput.DETAILS.value, limit=DETAILS_LIMIT,
                         length=len(details))
    due = _step_due(_step_text(inputs, LogAskInput.DUE_DATE), reading.today)
    if isinstance(due, FormError):
        return due
    priority = _step_priority(_step_text(inputs, LogAskInput.PRIORITY))
    if isinstance(priority, FormError):
        return priority
    category = _step_category(_step_text(inputs, LogAskInput.CATEGORY), reading)
    if isinstance(category, FormError):
        return category
    return NewAsk(title=title, details=details or None, due=due, priority=priority, category=category,
                  source="workflow")


def _step_text(inputs: Mapping[str, Any], name: LogAskInput) -> str:
    """One input as text, stripped; "" when the workflow left it out or empty."""
    found = inputs.get(name.value) if isinstance(inputs, Mapping) else None
    if isinstance(found, str):
        return found.strip()
    if isinstance(found, int | float) and not isinstance(found, bool):  # a number mapped from an earlier step
        return str(found)
    return ""


def _shown(raw: str) -> str:
    return raw if len(raw) <= _SHOWN else raw[:_SHOWN] + "…"


def _step_due(raw: str, today: date) -> date | None | FormError:
    """A date input (`2026-12-01`): from the requester's today to `latest_due`."""
    if not raw:
        return None
    field = LogAskInput.DUE_DATE.value
    try:
        due = date.fromisoformat(raw)
    except ValueError:
        return FormError("error.step_bad_date", field, word=_shown(raw))
    if due < today:
        return FormError("error.step_date_in_past", field, word=due.isoformat())
    if due > latest_due(today):
        return FormError("error.step_date_too_far", field, word=due.isoformat(), latest=latest_due(today).isoformat())
    return due


def _step_priority(raw: str) -> Priority | FormError:
    """A priority as `/ask` takes it (`high`, `alta`, `!high`…); normal when left empty."""
    if not raw:
        return Priority.NORMAL
    found = PRIORITIES.get(raw.removeprefix("!").strip().lower())
    return found if found is not None else FormError("error.step_unknown_priority", LogAskInput.PRIORITY.value,
                                                     word=_shown(raw))


def _step_category(raw: str, reading: Reading) -> Category | None | FormError:
    """A category as `/ask` takes it, in either language, with or without `#` and accents (`móvil`, `#movil`,
    `Digital media`); none when left empty."""
    if not raw:
        return None
    found = CATEGORIES.get(folded("-".join(raw.removeprefix("#").split()))) if len(raw) <= _SHOWN else None
    if found is not None:
        return found
    names = SPANISH_CATEGORIES if reading.language == "es" else {category: category.value for category in Category}
    return FormError("error.step_unknown_category", LogAskInput.CATEGORY.value, word=_shown(raw),
                     categories=", ".join(names.values()))
