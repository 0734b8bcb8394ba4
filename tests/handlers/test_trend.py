"""The digest's trend data (`bot.digest.trend`) over a quarter seeded through the real App — asks both ways accepted,
done, declined and cancelled at all hours, commitments kept and late, a shared KPI logged weekly, shadowing rounds
and pulse rounds, one of them with too few answers on a side — against a plain-Python recount over the stored rows,
in two time zones far apart (a Monday-morning ask in Tokyo is a Sunday-evening one in Mexico City). A round below
the threshold stays in the line as a gap; the trend's newest week is the week digest's."""

from __future__ import annotations

import re
import statistics
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.clock import FixedClock
from bot.digest import service as digest_service
from bot.digest.trend import trend
from bot.kpis.status import Status, status
from bot.people import Side
from bot.pulse.service import ROUND_OPEN_DAYS
from bot.simulator.workspace import SimulatedWorkspace
from storage.models import Ask, Commitment, Kpi, KpiValue, PulseAnswer, PulseRound, ShadowPairing, ShadowRound
from tests.helpers import answer_pulse, rows

TEAM = "T0ALINEA"
ZONES = ["America/Mexico_City", "Asia/Tokyo"]
DIRECTIONS = [("marketing", "it"), ("it", "marketing")]
# (hours after the week's Wednesday 15:00 UTC, who asks, what happens to it): a spread of days and hours, and
# Monday 01:30 UTC (Sunday evening in Mexico City, Monday morning in Tokyo) among them.
ASKS = [(0, "m1", "done"), (3, "i1", "accepted"), (20, "m2", "done"), (106.5, "i2", "done"), (130, "m3", "declined"),
        (106.5, "m1", "cancelled"), (50, "i3", "open")]
SCORES = {"m1": 4, "m2": 5, "m3": 3, "i1": 2, "i2": 3, "i3": 1}
SHORT = ["m1", "m2", "m3", "i1", "i2"]  # two answers on IT's side: below the threshold


def ref(reply: str) -> str:
    return re.search(r"A-\d+", reply).group(0)  # type: ignore[union-attr]


def seed_quarter(workspace: SimulatedWorkspace, team: dict[str, str], clock: FixedClock) -> datetime:
    """Thirteen weeks of life between the two sides; the moment after them."""
    other = {name: ("i" if name[0] == "m" else "m") + name[1] for name in ("m1", "m2", "m3", "i1", "i2", "i3")}
    workspace.command(team["admin"], '/kpi define nps "NPS" target:40 owner:shared')
    for name in ("m1", "m2", "i1", "i2"):
        workspace.command(team[name], "/shadow join")
    start = clock.now()
    for week in range(13):
        base = start + timedelta(weeks=week)
        for hours, who, fate in ASKS:
            clock.set(base + timedelta(hours=hours + week % 3))
            number = ref(workspace.command(team[who], f"/ask Report {week}-{hours} due:+3d").reply_text)
            clock.advance(timedelta(hours=2 + week + hours % 7))
            if fate in ("accepted", "done"):
                workspace.command(team[other[who]], f"/ask accept {number}")
            if fate == "done":
                clock.advance(timedelta(hours=5 + 3 * week))
                workspace.command(team[other[who]], f"/ask done {number}")
            elif fate == "declined":
                workspace.command(team[other[who]], f"/ask decline {number} Not ours")
            elif fate == "cancelled":
                workspace.command(team[who], f"/ask cancel {number}")
        clock.set(base + timedelta(hours=1))
        workspace.command(team["i1"], "/commit Kept one due:tomorrow")
        workspace.command(team["m1"], "/commit Late one due:tomorrow")
        if week % 4 != 3:  # a week without any value: the KPI goes stale
            workspace.command(team["admin"], f"/kpi log nps {35 + 2 * week}")
        clock.advance(timedelta(hours=3))
        for line in workspace.command(team["i1"], "/commit list").reply_text.splitlines():
            if "Kept one" in line and (found := re.search(r"C-\d+", line)):
                workspace.command(team["i1"], f"/commit done {found.group(0)}")
        if week % 2 == 0:
            clock.set(base + timedelta(hours=30))
            workspace.command(team["lea"], "/shadow run")
            clock.set(base + timedelta(hours=40))
            assert "is out" in workspace.command(team["owner"], "/alinea pulse run").reply_text
            for name in SHORT if week == 6 else SCORES:
                assert "You answered" in answer_pulse(workspace, team[name], SCORES[name] - week % 2).reply_text
        clock.set(base + timedelta(days=5, hours=2))
        for line in workspace.command(team["m1"], "/commit list").reply_text.splitlines():
            if "Late one" in line and (found := re.search(r"C-\d+", line)):
                workspace.command(team["m1"], f"/commit done {found.group(0)}")
    until = start + timedelta(weeks=13, days=4, hours=16)  # a Monday: 01:00 in Mexico City, 16:00 in Tokyo
    clock.set(until)
    return until


def recount(workspace: SimulatedWorkspace, until: datetime, zone: str, weeks: int = 12) -> dict[str, Any]:
    """The trend counted over the stored rows, by local dates in `zone`."""
    db, tz = workspace.deps.db, ZoneInfo(zone)
    end = until.astimezone(tz).date()
    starts = [end - timedelta(days=7 * (weeks - i)) for i in range(weeks)]

    def week_of(at: datetime | None) -> int | None:
        if at is None:
            return None
        day = at.astimezone(tz).date()
        found = [i for i, first in enumerate(starts) if first <= day < first + timedelta(days=7)]
        return found[0] if found else None

    asks = rows(db, Ask)
    commitments = [c for c in rows(db, Commitment) if c.status != "cancelled"]
    kpis = [k for k in rows(db, Kpi) if k.owner == "shared"]
    values = rows(db, KpiValue)
    rounds = {r.id: r for r in rows(db, ShadowRound)}
    pairings = rows(db, ShadowPairing)
    result: dict[str, Any] = {"weeks": []}
    for i, first in enumerate(starts):
        last_day = first + timedelta(days=6)
        week: dict[str, Any] = {"week_start": first}
        for from_side, to_side in DIRECTIONS:
            mine = [a for a in asks if (a.from_side, a.to_side) == (from_side, to_side)]
            accept = [(a.accepted_at - a.created_at).total_seconds() / 3600 for a in mine if week_of(a.accepted_at) == i]
            close = [(a.done_at - a.created_at).total_seconds() / 3600 for a in mine if week_of(a.done_at) == i]
            week[from_side] = {
                "opened": sum(week_of(a.created_at) == i for a in mine),
                "closed": sum(i in (week_of(a.done_at), week_of(a.declined_at), week_of(a.cancelled_at)) for a in mine),
                "accept": statistics.median(accept) if accept else None,
                "close": statistics.median(close) if close else None,
            }
        due = [c for c in commitments if first <= c.due_date <= last_day]
        kept = sum(c.status == "done" and c.kept for c in due)
        week["commitments"] = (len(due), kept, kept / len(due) if due else None)
        on_track = []
        for kpi in kpis:
            mine = sorted((v for v in values if v.kpi_id == kpi.id and v.measured_on <= last_day),
                          key=lambda v: v.measured_on)
            latest = mine[-1] if mine else None
            on_track.append(status(latest.value if latest else None, latest.measured_on if latest else None,
                                   kpi.target, kpi.direction, kpi.cadence, last_day) == Status.ON_TRACK)
        week["kpis"] = (len(on_track), sum(on_track), sum(on_track) / len(on_track) if on_track else None)
        week["shadow"] = (sum(week_of(rounds[p.round_id].started_at) == i for p in pairings),
                          sum(p.status == "done" and week_of(p.closed_at) == i for p in pairings))
        result["weeks"].append(week)
    pulse = sorted(rows(db, PulseRound), key=lambda r: r.number)
    answers = rows(db, PulseAnswer)
    closed = []
    for n, found in enumerate(pulse):
        closes = found.started_at + timedelta(days=ROUND_OPEN_DAYS)
        if n + 1 < len(pulse):
            closes = min(closes, pulse[n + 1].started_at)
        if found.started_at <= until and until >= closes:
            scores = {side: [a.score for a in answers if a.round_id == found.id and a.side == side.value]
                      for side in Side}
            shown = all(len(s) >= 3 for s in scores.values())
            average = {side: sum(s) / len(s) for side, s in scores.items()} if shown else None
            closed.append((found.number, {side: len(s) for side, s in scores.items()}, average,
                           abs(average[Side.MARKETING] - average[Side.IT]) if average else None))
    result["rounds"] = closed[-weeks:]
    return result


def summary(found: Any) -> dict[str, Any]:
    """The trend in the recount's shape."""
    weeks = []
    for week in found.weeks:
        summed: dict[str, Any] = {"week_start": week.week_start}
        for flow in week.directions:
            summed[flow.from_side.value] = {"opened": flow.opened, "closed": flow.closed,
                                            "accept": flow.median_hours_to_accept,
                                            "close": flow.median_hours_to_close}
        summed["commitments"] = (week.commitments_due, week.commitments_kept, week.kept_rate)
        summed["kpis"] = (week.shared_kpis, week.shared_kpis_on_track, week.kpis_on_track)
        summed["shadow"] = (week.shadow_pairs, week.shadow_done)
        weeks.append(summed)
    rounds = [(r.round_number, r.answers, r.average, r.gap) for r in found.rounds]
    return {"weeks": weeks, "rounds": rounds}


def approx(value: Any) -> Any:
    """Hours as SQLite's date functions count them (in milliseconds) are the same to a millionth of an hour."""
    if isinstance(value, dict):
        return {k: approx(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(approx(v) for v in value)
    return pytest.approx(value, abs=1e-6) if isinstance(value, float) else value


@pytest.fixture
def quarter(workspace, team, clock) -> datetime:
    return seed_quarter(workspace, team, clock)


def test_the_trend_is_the_recount_of_the_stored_rows_in_two_zones(workspace, quarter):
    found = {zone: trend(workspace.deps.db, TEAM, quarter, zone) for zone in ZONES}
    for zone in ZONES:
        expected = recount(workspace, quarter, zone)
        assert summary(found[zone]) == approx(expected), zone
        assert [w.week_start for w in found[zone].weeks][-1] == date(2027, 2, 22)
        assert all(w.week_start.weekday() == 0 for w in found[zone].weeks)
    # The zones see different weeks: a Monday-morning ask in Tokyo is a Sunday-evening one in Mexico City.
    assert summary(found["Asia/Tokyo"])["weeks"] != summary(found["America/Mexico_City"])["weeks"]
    # Something happened in every figure of every full week, so the comparison means something.
    weeks = summary(found["America/Mexico_City"])["weeks"]
    assert all(w[side]["opened"] and w[side]["closed"] and w[side]["accept"] and w[side]["close"]
               for w in weeks[:-1] for side in ("marketing", "it"))
    assert all(0 < w["commitments"][2] < 1 for w in weeks[:-1])
    assert {w["kpis"][1] for w in weeks} == {0, 1} and any(w["shadow"][0] for w in weeks)


def test_a_round_below_the_threshold_is_a_gap_never_interpolated(workspace, quarter):
    found = trend(workspace.deps.db, TEAM, quarter, "Asia/Tokyo")
    assert [r.round_number for r in found.rounds] == list(range(1, 8))  # every round, the newest closed too
    short = found.rounds[3]  # week 6's round: two answers on IT's side
    assert short.answers == {Side.MARKETING: 3, Side.IT: 2}
    assert short.average is None and short.gap is None
    around = [found.rounds[2], found.rounds[4]]
    assert all(r.average is not None and r.gap == pytest.approx(2) for r in around)


def test_a_live_round_is_left_out_and_older_rounds_fall_off(workspace, team, clock, quarter):
    assert "is out" in workspace.command(team["owner"], "/alinea pulse run").reply_text
    for name in SCORES:
        answer_pulse(workspace, team[name], SCORES[name])
    live = trend(workspace.deps.db, TEAM, clock.now(), "Asia/Tokyo", weeks=3)
    assert [r.round_number for r in live.rounds] == [5, 6, 7]  # round 8 is live
    clock.advance(timedelta(days=ROUND_OPEN_DAYS))
    closed = trend(workspace.deps.db, TEAM, clock.now(), "Asia/Tokyo", weeks=3)
    assert [r.round_number for r in closed.rounds] == [6, 7, 8] and len(closed.weeks) == 3


@pytest.mark.parametrize("zone", ZONES)
def test_the_newest_week_is_the_week_digest(workspace, quarter, zone):
    for until in (quarter - timedelta(weeks=1), quarter):  # a week with more to come, and the quarter's end
        found = trend(workspace.deps.db, TEAM, until, zone)
        newest = found.weeks[-1]
        assert (newest.week_start, newest.week_end) == digest_service.week_ending(
            until.astimezone(ZoneInfo(zone)).date())
        digest = digest_service.compute(workspace.deps.db, TEAM, newest.week_start, newest.week_end, zone, until)
        for mine, theirs in zip(newest.directions, digest.directions, strict=True):
            assert (mine.from_side, mine.opened, mine.closed) == (theirs.from_side, theirs.opened, theirs.closed)
            assert mine.median_hours_to_accept == approx(theirs.median_hours_to_accept)
            assert mine.median_hours_to_close == approx(theirs.median_hours_to_close)
        assert (newest.commitments_due, newest.commitments_kept, newest.kept_rate) == (
            digest.commitments_due, digest.commitments_kept, digest.kept_rate)
        assert (newest.shadow_pairs, newest.shadow_done) == (digest.shadow_pairs, digest.shadow_done)
        assert digest.pulse is not None and digest.pulse.round_number == found.rounds[-1].round_number
        assert (digest.pulse.average, digest.pulse.gap) == (found.rounds[-1].average, found.rounds[-1].gap)
    # The digest lists the KPIs as they are now; at the quarter's end no value is newer than the week.
    last_day = newest.week_end - timedelta(days=1)
    shared = [k for k in digest.kpis if k.owner == "shared"]
    assert newest.shared_kpis == len(shared) == 1
    assert newest.shared_kpis_on_track == sum(k.status(last_day) == Status.ON_TRACK for k in shared)
