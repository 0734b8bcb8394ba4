"""The KPI modals' submissions: Define KPI, and Log KPI (opened from App Home)."""

from __future__ import annotations

from datetime import date

from pydantic import ValidationError

from bot.dates import EARLIEST_DAY
from bot.errors import FormError
from bot.inputs import Values, escape_mrkdwn, value
from bot.kpis.models import NAME_LIMIT, NOTE_LIMIT, UNIT_LIMIT, KpiDefinition, KpiEntry
from bot.kpis.parsing import parse_slug
from bot.kpis.values import canonical_unit, contradicts, parse_quantity


def definition(values: Values) -> KpiDefinition | FormError:
    """The **Define KPI** modal: a slug, a name, a target whose symbol may give the unit."""
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
        return KpiDefinition(slug=slug, name=name[:NAME_LIMIT], target=target.number, unit=escape_mrkdwn(unit)[:UNIT_LIMIT] if unit else None,
                             direction=value(values, "direction") or "up", owner=value(values, "owner") or "shared",
                             cadence=value(values, "cadence") or "weekly")
    except ValidationError:
        return FormError("error.unknown_choice", "name")


def _day(picked: str | None) -> date | None | FormError:
    """The day a value is for (None: today); not before EARLIEST_DAY (the service refuses days after today)."""
    if not picked:
        return None
    try:
        chosen = date.fromisoformat(picked)
    except ValueError:
        return FormError("error.bad_date_value", "date")
    return FormError("error.kpi_day_too_early", "date", earliest=EARLIEST_DAY.isoformat()) if chosen < EARLIEST_DAY \
        else chosen


def entry(values: Values) -> KpiEntry | FormError:
    """The **Log KPI** modal: which KPI, its value, the day (today when left), and a note."""
    slug = value(values, "kpi")
    if not slug:
        return FormError("error.unknown_choice", "kpi")
    quantity = parse_quantity(value(values, "value") or "")
    if quantity is None:
        return FormError("error.kpi_target_form", "value")
    on = _day(value(values, "date"))
    if isinstance(on, FormError):
        return on
    note = escape_mrkdwn((value(values, "note") or "").strip())[:NOTE_LIMIT] or None
    return KpiEntry(slug=slug, quantity=quantity, note=note, on=on)
