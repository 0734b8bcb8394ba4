"""The KPI modals' submissions: Define KPI, and Log KPI (opened from App Home); and the buttons that say which
reading of an ambiguous value was meant."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date

from pydantic import ValidationError

from bot.dates import EARLIEST_DAY
from bot.errors import FormError, InvalidInput
from bot.i18n import Language
from bot.ids import Action
from bot.inputs import Values, escape_mrkdwn, seal, unseal, value
from bot.kpis.models import NAME_LIMIT, NOTE_LIMIT, UNIT_LIMIT, KpiDefinition, KpiEntry
from bot.kpis.parsing import parse_slug
from bot.kpis.values import Quantity, canonical_unit, choice_params, contradicts, needs_choice, parse_quantity

CHOICE_KEY_PURPOSE = "kpi-value-choice"  # `Settings.key_for` the buttons' values are sealed with
BUTTON_VALUE_LIMIT = 2000  # characters in a button's value


def definition(values: Values, lang: Language = "en") -> KpiDefinition | FormError:
    """The **Define KPI** modal: a slug, a name, a target (read the `lang` reader's way) whose symbol may give the
    unit."""
    slug = parse_slug(value(values, "slug") or "")
    if slug is None:
        return FormError("error.kpi_slug_form", "slug")
    name = escape_mrkdwn((value(values, "name") or "").strip())
    if not name:
        return FormError("error.text_required", "name")
    target = parse_quantity(value(values, "target") or "", lang)
    if target is None:
        return FormError("error.kpi_number_form", "target")
    unit = canonical_unit((value(values, "unit") or "").strip()[:UNIT_LIMIT] or target.symbol)
    if contradicts(target, unit):
        return FormError("error.kpi_target_unit", "target", unit=unit or "—")
    if needs_choice(target, unit):
        return FormError("error.kpi_ambiguous_number", "target", **choice_params(target, unit, lang))
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


def entry(values: Values, lang: Language = "en") -> KpiEntry | FormError:
    """The **Log KPI** modal: which KPI, its value (read the `lang` reader's way; whether it is ambiguous for the
    KPI is for the service to say), the day (today when left), and a note."""
    slug = value(values, "kpi")
    if not slug:
        return FormError("error.unknown_choice", "kpi")
    quantity = parse_quantity(value(values, "value") or "", lang)
    if quantity is None:
        return FormError("error.kpi_number_form", "value")
    on = _day(value(values, "date"))
    if isinstance(on, FormError):
        return on
    note = escape_mrkdwn((value(values, "note") or "").strip())[:NOTE_LIMIT] or None
    return KpiEntry(slug=slug, quantity=quantity, note=note, on=on)


def choice_values(key: bytes, user_id: str, request_key: str | None, entry: KpiEntry, numbers: Sequence[float],
                  today: date) -> list[str] | None:
    """The values of the buttons choosing one of `numbers` for an ambiguous entry: the entry with that number (and
    its day fixed: today, unless it named one), who may press, and the key of the request it answers, which the
    value is logged under so that any number of presses logs once; sealed (`bot.inputs.seal`) so a press carries
    only what Alinea put there. None when they would not fit a button (a note full of escapes)."""
    sealed = []
    for number in numbers:
        chosen = entry.model_copy(update={"quantity": Quantity(number=number, symbol=entry.quantity.symbol),
                                          "on": entry.on or today})
        raw = json.dumps({"request": request_key, "user": user_id, "entry": chosen.model_dump(mode="json")},
                         ensure_ascii=False, separators=(",", ":"))
        sealed.append(seal(key, Action.KPI_VALUE_CHOICE, raw))
    return sealed if all(len(found) <= BUTTON_VALUE_LIMIT for found in sealed) else None


def chosen_entry(key: bytes, sealed: str, user_id: str) -> tuple[KpiEntry, str | None] | InvalidInput:
    """The entry a choice button carries and the key of the request it answers, for the person it was made for;
    anything else (forged, cut, another person's) is refused."""
    raw = unseal(key, Action.KPI_VALUE_CHOICE, sealed)
    if isinstance(raw, InvalidInput):
        return InvalidInput("error.kpi_choice_unreadable")
    try:
        found = json.loads(raw)
        chosen, request_key = KpiEntry.model_validate(found["entry"]), found["request"]
    except (ValueError, KeyError, TypeError):  # pydantic's ValidationError is a ValueError
        return InvalidInput("error.kpi_choice_unreadable")
    if found.get("user") != user_id or not isinstance(request_key, str | None):
        return InvalidInput("error.kpi_choice_unreadable")
    return chosen, request_key
