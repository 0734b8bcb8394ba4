"""The KPI modals' submissions: Define KPI, and Log KPI (opened from App Home)."""

from __future__ import annotations

from pydantic import ValidationError

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


def entry(values: Values) -> KpiEntry | FormError:
    """The **Log KPI** modal: which KPI, its value today, and a note."""
    slug = value(values, "kpi")
    if not slug:
        return FormError("error.unknown_choice", "kpi")
    quantity = parse_quantity(value(values, "value") or "")
    if quantity is None:
        return FormError("error.kpi_target_form", "value")
    note = escape_mrkdwn((value(values, "note") or "").strip())[:NOTE_LIMIT] or None
    return KpiEntry(slug=slug, quantity=quantity, note=note)
