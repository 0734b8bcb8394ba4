"""The sync modals' submissions: Schedule a sync, a topic, and Record outcome (whose button names its meeting)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import ValidationError

from bot.commitments.models import TEXT_LIMIT
from bot.errors import FormError
from bot.inputs import Values, day, element, escape_mrkdwn, text, value
from bot.syncs.models import DEFAULT_REMIND_HOURS, NAME_LIMIT, TOPIC_LIMIT, OutcomeCommitment, ScheduleSync


def schedule(values: Values, default_zone: str) -> ScheduleSync | FormError:
    """The **Schedule a sync** modal."""
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
        return ScheduleSync(name=name[:NAME_LIMIT], weekday=int(value(values, "weekday") or -1),
                            at=time(hour, minute), every_weeks=int(value(values, "every") or 1), timezone=zone,
                            participants=picked, channel_id=_selected_channel(values),
                            remind_hours=int(value(values, "remind") or DEFAULT_REMIND_HOURS))
    except (ValueError, ValidationError):
        return FormError("error.unknown_choice", "weekday")


def _selected_channel(values: Values) -> str | None:
    found = element(values, "channel").get("selected_channel")
    return found if isinstance(found, str) else None


def topic(values: Values) -> str | FormError:
    """The topic modal: an agenda item for the next meeting."""
    return text(values, "topic", TOPIC_LIMIT)


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
        items.append(OutcomeCommitment(owner_id=owner, text=escape_mrkdwn(text_)[:TEXT_LIMIT], due=due,  # type: ignore[arg-type]
                                       row=n))
    decided = [d for d in decisions if d]
    if not decided and not items:
        return FormError("error.outcome_empty", "decisions")
    return decided, items


def meeting_ref(raw: str | None, field: str) -> tuple[int, datetime] | FormError:
    """`<sync id>|<meeting instant>`, as a Record outcome button or modal carries it."""
    sync_id, _, period = (raw or "").partition("|")
    try:
        at = datetime.fromisoformat(period)
        return int(sync_id), at if at.tzinfo else at.replace(tzinfo=UTC)
    except ValueError:
        return FormError("error.meeting_not_found", field)
