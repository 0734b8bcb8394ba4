"""The ask modals' submissions: the New ask modal (also opened by the Log as ask shortcut and App Home), and the
accept and decline modals."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.asks.models import COMMENT_LIMIT, DETAILS_LIMIT, LINK_LIMIT, TITLE_LIMIT, Category, NewAsk, Priority
from bot.errors import FormError
from bot.inputs import Values, day, escape_mrkdwn, text, value
from bot.people import Side


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
