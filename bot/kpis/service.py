"""Shared KPIs: defined by leaders, logged by the sides that own them, read by everyone.
Each public function is one transaction and returns pydantic objects."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from weakref import WeakKeyDictionary
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.effects import once
from bot.errors import InvalidInput, MessageKey, NotAllowed, NotFound
from bot.i18n import Language
from bot.ids import Audit
from bot.kpis.models import (
    SPARK_POINTS,
    DefineResult,
    KpiDefinition,
    KpiEntry,
    KpiInfo,
    KpiReminder,
    LogResult,
    Point,
)
from bot.kpis.status import Cadence, is_stale
from bot.kpis.values import canonical_unit, choice_params, contradicts, needs_choice, readings
from bot.people import Actor
from bot.teams.service import is_leader_or_admin
from storage import kpis as repo
from storage import teams as team_repo
from storage.db import Database
from storage.models import Kpi, KpiValue

HISTORY_POINTS = 52  # values behind `/kpi show` and its chart


class AmbiguousValue(InvalidInput):
    """A value that reads as two numbers the person may have meant, for a KPI in money or counts
    (`bot.kpis.values.needs_choice`): nothing is logged until they say which. Carries the entry, both readings
    (thousands first) and the KPI's unit; its message (for a modal's input) shows both in the person's language."""

    def __init__(self, entry: KpiEntry, unit: str | None, lang: Language) -> None:
        super().__init__("error.kpi_ambiguous_number", **choice_params(entry.quantity, unit, lang))
        self.entry = entry
        self.unit = unit
        self.readings = readings(entry.quantity)


def define(db: Database, actor: Actor, draft: KpiDefinition, now: datetime, key: str | None = None) -> DefineResult:
    """A leader or admin defines a KPI, or redefines one with the same slug (which also brings it back from the
    archive)."""

    def change(session: Session) -> DefineResult:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        _require_leader(session, workspace, actor)
        created = repo.define(session, workspace, draft.slug, actor.user_id, now,
                              name=draft.name, target=draft.target, unit=draft.unit, direction=draft.direction,
                              owner=draft.owner, cadence=draft.cadence)
        kpi = _kpi(session, workspace, draft.slug)
        team_repo.record(session, workspace, actor.user_id, Audit.KPI_DEFINE, draft.slug, now,
                         target=draft.target, created=created)
        return DefineResult(kpi=_info(session, kpi, SPARK_POINTS), created=created)

    return once(db, key, DefineResult, change, now, subject=lambda result: result.kpi.slug)


def log(db: Database, actor: Actor, entry: KpiEntry, now: datetime, key: str | None = None) -> LogResult:
    """Record the KPI's value for a day (today, in the caller's time zone, unless the entry says); a second value
    for the same day replaces the first. A value that needs the person to say which reading they meant is refused
    with `AmbiguousValue`."""
    slug, quantity, note, day = entry.slug, entry.quantity, entry.note, entry.on or actor.today(now)
    if day > actor.today(now):
        raise InvalidInput("error.kpi_future_date", usage="usage.kpi")

    def change(session: Session) -> LogResult:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        kpi = _kpi(session, workspace, slug)
        if kpi.archived_at is not None:
            raise InvalidInput("error.kpi_archived", slug=slug)
        _require_owner_side(session, workspace, actor, kpi)
        if contradicts(quantity, kpi.unit):
            raise InvalidInput("error.kpi_unit_mismatch", usage="usage.kpi", slug=slug,
                               given=quantity.symbol or "", unit=canonical_unit(kpi.unit) or "—")
        if needs_choice(quantity, kpi.unit):
            raise AmbiguousValue(entry, kpi.unit, actor.language)
        existing = repo.value_on(session, kpi.id, day)
        replaced = Point.model_validate(existing) if existing else None
        repo.put_value(session, kpi.id, day, quantity.number, actor.user_id, note, now)
        team_repo.record(session, workspace, actor.user_id, Audit.KPI_LOG, slug, now, day=day.isoformat(),
                         value=quantity.number, replaced=replaced is not None)
        logged = Point(measured_on=day, value=quantity.number, logged_by=actor.user_id, note=note)
        return LogResult(kpi=_info(session, kpi, SPARK_POINTS), replaced=replaced, logged=logged)

    return once(db, key, LogResult, change, now, subject=lambda result: result.kpi.slug)


def listing(db: Database, team_id: str, now: datetime) -> list[KpiInfo]:
    """Every active KPI with the values behind its sparkline."""
    with db.transaction() as session:
        return listing_in(session, team_repo.workspace_id(session, team_id, now))


def listing_in(session: Session, workspace: int) -> list[KpiInfo]:
    """`listing` inside the caller's transaction (an agenda, App Home, the digest). Every App Home shows it, so the
    listing read last for a workspace is kept, and read again only when the workspace's KPI revision moved on."""
    revision = repo.revision(session, workspace)
    store = _listings.setdefault(session.get_bind(), {})
    kept = store.get(workspace)
    if kept is not None and kept[0] == revision:
        return list(kept[1])
    kpis = repo.active(session, workspace)
    values = repo.recent_values(session, [k.id for k in kpis], SPARK_POINTS)
    listing = [_as_info(kpi, values[kpi.id]) for kpi in kpis]
    store[workspace] = (revision, listing)
    return list(listing)


# The last listing read per store (engine) and workspace, with the KPI revision it was read at. Its KpiInfo are
# frozen, so sharing them is safe; a listing is a few KiB per workspace.
_listings: WeakKeyDictionary[object, dict[int, tuple[int, list[KpiInfo]]]] = WeakKeyDictionary()


def show(db: Database, team_id: str, slug: str, now: datetime) -> KpiInfo:
    """One KPI with up to a year of weekly values."""
    with db.transaction() as session:
        return _info(session, _kpi(session, team_repo.workspace_id(session, team_id, now), slug), HISTORY_POINTS)


def archive(db: Database, actor: Actor, slug: str, now: datetime, key: str | None = None) -> KpiInfo:
    """Leaders and admins retire a KPI; its values stay, and defining the slug again brings it back."""

    def change(session: Session) -> KpiInfo:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        _require_leader(session, workspace, actor)
        kpi = _kpi(session, workspace, slug)
        repo.archive(session, kpi, now)
        team_repo.record(session, workspace, actor.user_id, Audit.KPI_ARCHIVE, slug, now)
        return _info(session, kpi, SPARK_POINTS)

    return once(db, key, KpiInfo, change, now, subject=lambda kpi: kpi.slug)


def leaders(db: Database) -> list[tuple[str, str]]:
    """(team_id, user_id) of every leader in every workspace with an active KPI: who may be reminded."""
    with db.transaction() as session:
        return [(workspace.team_id, member.user_id) for workspace in team_repo.all_workspaces(session)
                if repo.active(session, workspace.id)
                for member in team_repo.members(session, workspace.id) if member.role == "leader"]


def reminders(db: Database, days: Mapping[tuple[str, str], tuple[date, str]]) -> list[KpiReminder]:
    """For each leader in `days` ((team_id, user_id) → their local date and time zone), the KPIs of their side (and
    shared ones) whose value is due by its cadence and missing on that date: one with no value yet that was defined
    before it, or one whose latest value is older than its cadence allows (it reads stale). Each KPI comes with the
    cadence period it is due in (`cadence_period`), which the sender keys on."""
    result: list[KpiReminder] = []
    with db.snapshot() as session:
        for workspace in team_repo.all_workspaces(session):
            leaders = [m for m in team_repo.members(session, workspace.id)
                       if m.role == "leader" and (workspace.team_id, m.user_id) in days]
            if not leaders:
                continue
            rows = repo.active(session, workspace.id)
            values = repo.recent_values(session, [k.id for k in rows], SPARK_POINTS)
            for leader in leaders:
                today, zone = days[(workspace.team_id, leader.user_id)]
                mine = [_as_info(k, values[k.id]) for k in rows
                        if k.owner in ("shared", leader.side) and _due(k, values[k.id], today, zone)]
                if mine:
                    result.append(KpiReminder(team_id=workspace.team_id, user_id=leader.user_id, kpis=mine,
                                              periods={k.slug: cadence_period(k.cadence, today) for k in mine}))
    return result


def cadence_period(cadence: Cadence, day: date) -> str:
    """The cadence period `day` falls in: its ISO week (`2026-W48`) for weekly KPIs, its month (`2026-11`) for
    monthly ones. A KPI is reminded at most once per period."""
    if cadence == "monthly":
        return f"{day.year:04d}-{day.month:02d}"
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _due(kpi: Kpi, values: list[KpiValue], today: date, zone: str) -> bool:
    if not values:
        return kpi.created_at.astimezone(ZoneInfo(zone)).date() < today  # a KPI defined today is not late yet
    return is_stale(values[-1].measured_on, kpi.cadence, today)  # type: ignore[arg-type]


def _kpi(session: Session, workspace: int, slug: str) -> Kpi:
    kpi = repo.find(session, workspace, slug)
    if kpi is None:
        raise NotFound("error.kpi_not_found", slug=slug)
    return kpi


def _require_leader(session: Session, workspace: int, actor: Actor) -> None:
    if not is_leader_or_admin(session, workspace, actor):
        raise NotAllowed("error.kpi_leaders_only")


def _require_owner_side(session: Session, workspace: int, actor: Actor, kpi: Kpi) -> None:
    if actor.is_admin:
        return
    member = team_repo.find_member(session, workspace, actor.user_id)
    if member is None or kpi.owner not in ("shared", member.side):
        raise NotAllowed("error.kpi_log_who", slug=kpi.slug, owner=MessageKey(f"kpi.owner.{kpi.owner}"))


def _info(session: Session, kpi: Kpi, points: int) -> KpiInfo:
    return _as_info(kpi, repo.recent_values(session, [kpi.id], points)[kpi.id])


def _as_info(kpi: Kpi, values: list[KpiValue]) -> KpiInfo:
    return KpiInfo(slug=kpi.slug, name=kpi.name, unit=kpi.unit, target=kpi.target, direction=kpi.direction,
                   owner=kpi.owner, cadence=kpi.cadence, archived=kpi.archived_at is not None,
                   points=[Point.model_validate(v) for v in values])
