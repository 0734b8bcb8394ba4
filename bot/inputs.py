"""Modal submissions read into pydantic drafts: pure functions over `view.state.values`. A problem comes back
as a `FormError` naming the input it belongs to, for `response_action=errors`."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import ValidationError

from bot.asks.service import TITLE_LIMIT, AskDraft
from bot.errors import InvalidInput
from bot.ids import Action
from bot.kpis.parsing import NAME_LIMIT, UNIT_LIMIT, parse_slug
from bot.kpis.values import Quantity, canonical_unit, contradicts, parse_quantity
from bot.kpis.service import KpiDraft
from bot.people import Category, Priority, Side
from bot.shadowing.service import LearningsDraft
from bot.syncs.service import OutcomeCommitment, SyncDraft

Values = dict[str, dict[str, dict[str, Any]]]


class FormError(InvalidInput):
    def __init__(self, key: str, field: str, **params: object) -> None:
        super().__init__(key, **params)
        self.field = field


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


def meeting_ref(raw: str | None, field: str) -> tuple[int, datetime] | FormError:
    """`<sync id>|<meeting instant>`, as a Record outcome button or modal carries it."""
    sync_id, _, period = (raw or "").partition("|")
    try:
        at = datetime.fromisoformat(period)
        return int(sync_id), at if at.tzinfo else at.replace(tzinfo=UTC)
    except ValueError:
        return FormError("error.meeting_not_found", field)


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


def ask_draft(values: Values, metadata: dict[str, Any], today: date, default_side: Side) -> AskDraft | FormError:
    """The **New ask** modal as a draft."""
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
    return AskDraft(
        title=title[:TITLE_LIMIT], details=escape_mrkdwn((value(values, "details") or "").strip())[:3000] or None,
        to_side=side, owner_id=value(values, "owner"), due=due, priority=priority, category=category,
        source=source, source_link=link[:500] if link else None,
    )


def text(values: Values, block_id: str, limit: int) -> str | FormError:
    """A required text input, escaped for storage."""
    typed = (value(values, block_id) or "").strip()
    if not typed:
        return FormError("error.text_required", block_id)
    return escape_mrkdwn(typed)[:limit]


def kpi_draft(values: Values) -> KpiDraft | FormError:
    """The **Define KPI** modal as a draft: a slug, a name, a target whose symbol may give the unit."""
    slug = parse_slug(value(values, "slug") or "")
    if slug is None:
        return FormError("error.kpi_slug_form", "slug")
    name = escape_mrkdwn((value(values, "name") or "").strip())
    if not name:
        return FormError("error.text_required", "name")
    target = parse_quantity(value(values, "target") or "")
    if target is None:
        return FormError("error.kpi_target_form", "target")
    unit = canonical_unit((value(values, "unit") or "").strip()[:UNIT_LIMIT] or target.symbol)
    if contradicts(target, unit):
        return FormError("error.kpi_target_unit", "target", unit=unit or "—")
    try:
        return KpiDraft(slug=slug, name=name[:NAME_LIMIT], target=target.number, unit=unit,
                        direction=value(values, "direction") or "up", owner=value(values, "owner") or "shared",
                        cadence=value(values, "cadence") or "weekly")
    except ValidationError:
        return FormError("error.unknown_choice", "name")


def sync_draft(values: Values, default_zone: str) -> SyncDraft | FormError:
    """The **Schedule a sync** modal as a draft."""
    name = escape_mrkdwn((value(values, "name") or "").strip())
    if not name:
        return FormError("error.text_required", "name")
    zone = (value(values, "timezone") or default_zone).strip()
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return FormError("error.modal_timezone", "timezone", zone=zone)
    picked = element(values, "participants").get("selected_users") or []
    picked = [user for user in picked if isinstance(user, str)] if isinstance(picked, list) else []
    if not picked:
        return FormError("error.sync_needs_participants", "participants")
    at = value(values, "at") or ""
    try:
        hour, minute = (int(part) for part in at.split(":"))
        return SyncDraft(name=name[:80], weekday=int(value(values, "weekday") or -1), at=time(hour, minute),
                         every_weeks=int(value(values, "every") or 1), timezone=zone, participants=picked,
                         channel_id=_selected_channel(values), remind_hours=int(value(values, "remind") or 24))
    except (ValueError, ValidationError):
        return FormError("error.unknown_choice", "weekday")


def _selected_channel(values: Values) -> str | None:
    found = element(values, "channel").get("selected_channel")
    return found if isinstance(found, str) else None


def outcome(values: Values, today: date, rows: int) -> tuple[list[str], list[OutcomeCommitment]] | FormError:
    """The **Record outcome** modal: one decision per line, and commitment rows each wholly filled or empty."""
    decisions = [escape_mrkdwn(line.strip(" •-*")) for line in (value(values, "decisions") or "").splitlines()]
    items: list[OutcomeCommitment] = []
    for n in range(1, rows + 1):
        owner, text_ = value(values, f"c{n}_owner"), (value(values, f"c{n}_text") or "").strip()
        due = day(values, f"c{n}_due", today, required=bool(owner or text_))
        if isinstance(due, FormError):
            return due
        if not (owner or text_ or due):
            continue
        if not owner:
            return FormError("error.outcome_needs_owner", f"c{n}_owner")
        if not text_:
            return FormError("error.text_required", f"c{n}_text")
        items.append(OutcomeCommitment(owner_id=owner, text=escape_mrkdwn(text_)[:300], due=due))  # type: ignore[arg-type]
    decided = [d for d in decisions if d]
    if not decided and not items:
        return FormError("error.outcome_empty", "decisions")
    return decided, items


def learnings(values: Values) -> LearningsDraft | FormError:
    """The learnings modal: what surprised them (required), one idea, and whether to make the idea an ask."""
    surprise = text(values, "surprise", 3000)
    if isinstance(surprise, FormError):
        return surprise
    idea = escape_mrkdwn((value(values, "idea") or "").strip())[:3000] or None
    chosen = element(values, "make_ask").get("selected_options") or []
    chosen = chosen if isinstance(chosen, list) else []
    make_ask = any(isinstance(o, dict) and o.get("value") == "yes" for o in chosen)
    if make_ask and not idea:
        return FormError("error.shadow_idea_needed", "idea")
    return LearningsDraft(surprise=surprise, idea=idea, make_ask=make_ask)


def kpi_value(values: Values) -> tuple[str, Quantity, str | None] | FormError:
    """The Log KPI modal: which KPI, its value today, and a note."""
    slug = value(values, "kpi")
    if not slug:
        return FormError("error.unknown_choice", "kpi")
    quantity = parse_quantity(value(values, "value") or "")
    if quantity is None:
        return FormError("error.kpi_target_form", "value")
    note = escape_mrkdwn((value(values, "note") or "").strip())[:300] or None
    return slug, quantity, note
