"""Benchmark for bot/digest.py (not a test): the weekly digest over a year of a large workspace.

Builds a store (a fresh SQLite file unless `--database-url` names another), seeds one workspace with a year of
asks, commitments, KPIs with weekly values, syncs with meetings and decisions, shadowing rounds and pulse rounds
using bulk inserts, then times `bot.digest.compute` for the last full week and prints the digest's headline numbers,
and times `bot.digest.trend.trend` (the last 12 weeks and pulse rounds, whose newest week is that same week) beside it.

    .venv/bin/python bench/digest.py [--asks 100000] [--commitments 20000] [--kpis 50] [--runs 7] [--seed 1]
                                     [--database-url URL]

With `--database-url` the schema is migrated first and the rows go to a new workspace of their own; other
workspaces already in that store stay, and make the queries' scans longer.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, update  # noqa: E402

from bot.digest.models import Digest, Trend  # noqa: E402
from bot.digest.service import compute  # noqa: E402
from bot.digest.trend import trend  # noqa: E402
from storage import teams as team_repo  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.models import (  # noqa: E402
    Ask,
    Commitment,
    Kpi,
    KpiValue,
    PulseAnswer,
    PulseRound,
    ShadowPairing,
    ShadowRound,
    Sync,
    SyncDecision,
    SyncMeeting,
    Workspace,
)

NOW = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)  # Monday 09:00 in Mexico City, when the digest goes out
ZONE = "America/Mexico_City"
WEEK = (date(2026, 11, 23), date(2026, 11, 30))
YEAR = timedelta(days=365)
CHUNK = 10_000
SIDES = ("marketing", "it")
OTHER = {"marketing": "it", "it": "marketing"}
HOUR = timedelta(hours=1)


def hours(rng: random.Random, mean: float) -> timedelta:
    return HOUR * rng.expovariate(1 / mean)


def ask_rows(workspace: int, count: int, rng: random.Random) -> list[dict[str, Any]]:
    """Asks created evenly over the year before NOW; each is accepted, done, rated, declined or cancelled after
    random delays, and events that would fall after NOW have not happened yet."""
    first = NOW - YEAR
    rows = []
    for number in range(1, count + 1):
        created = first + YEAR * (number - rng.random()) / count
        from_side = rng.choice(SIDES)
        row: dict[str, Any] = {
            "workspace_id": workspace, "number": number, "requester_id": f"U{rng.randrange(400):04d}",
            "from_side": from_side, "to_side": OTHER[from_side], "title": f"Ask {number}",
            "priority": rng.choice(["low", "normal", "normal", "high", "urgent"]), "status": "open", "owner_id": None,
            "source": "command", "created_at": created, "updated_at": created,
            "due_date": (created + timedelta(days=rng.randint(2, 21))).date(),
            "accepted_at": None, "accepted_by": None, "done_at": None, "done_by": None, "declined_at": None,
            "declined_by": None, "cancelled_at": None, "cancelled_by": None, "rating": None, "rated_at": None,
        }
        fate = rng.random()
        if fate < 0.04:  # nobody ever answers
            pass
        elif fate < 0.12:
            declined = created + hours(rng, 30)
            if declined <= NOW:
                row |= {"status": "declined", "declined_at": declined, "declined_by": "UDECLINE"}
        elif fate < 0.17:
            cancelled = created + hours(rng, 60)
            if cancelled <= NOW:
                row |= {"status": "cancelled", "cancelled_at": cancelled, "cancelled_by": row["requester_id"]}
        else:
            accepted = created + hours(rng, 20)
            done = accepted + hours(rng, 80)
            rated = done + hours(rng, 10)
            if accepted <= NOW:
                row |= {"status": "accepted", "accepted_at": accepted, "accepted_by": "UACCEPT",
                        "owner_id": "UACCEPT"}
            if done <= NOW:
                row |= {"status": "done", "done_at": done, "done_by": "UACCEPT"}
                if rated <= NOW and rng.random() < 0.6:
                    row |= {"rating": rng.choices([1, 2, 3, 4, 5], [1, 2, 4, 6, 5])[0], "rated_at": rated}
        rows.append(row)
    return rows


def commitment_rows(workspace: int, count: int, rng: random.Random) -> list[dict[str, Any]]:
    first = NOW - YEAR
    rows = []
    for number in range(1, count + 1):
        created = first + YEAR * (number - rng.random()) / count
        due = (created + timedelta(days=rng.randint(1, 21))).date()
        row: dict[str, Any] = {
            "workspace_id": workspace, "number": number, "owner_id": f"U{rng.randrange(400):04d}",
            "side": rng.choice(SIDES), "text": f"Commitment {number}", "due_date": due, "status": "open",
            "kept": None, "created_by": "UBENCH", "created_at": created, "updated_at": created, "done_at": None,
            "cancelled_at": None,
        }
        fate = rng.random()
        finished = datetime(due.year, due.month, due.day, 18, tzinfo=UTC) + timedelta(days=rng.randint(-5, 4))
        if fate < 0.05 and created + HOUR * 48 <= NOW:
            row |= {"status": "cancelled", "cancelled_at": created + HOUR * 48}
        elif fate < 0.85 and max(finished, created) <= NOW:
            done_at = max(finished, created)
            row |= {"status": "done", "done_at": done_at, "kept": done_at.date() <= due}
        rows.append(row)
    return rows


def seed(db: Database, team_id: str, asks: int, commitments: int, kpis: int, rng: random.Random) -> None:
    with db.transaction() as session:
        workspace = team_repo.workspace_id(session, team_id, NOW - YEAR)

    def bulk(model: type, rows: list[dict[str, Any]]) -> None:
        for offset in range(0, len(rows), CHUNK):
            with db.transaction() as session:
                session.execute(insert(model), rows[offset:offset + CHUNK])

    bulk(Ask, ask_rows(workspace, asks, rng))
    bulk(Commitment, commitment_rows(workspace, commitments, rng))
    with db.transaction() as session:
        session.execute(update(Workspace).where(Workspace.id == workspace)
                        .values(ask_seq=asks, commitment_seq=commitments, sync_seq=3))
        kpi_ids = session.execute(insert(Kpi).returning(Kpi.id), [
            {"workspace_id": workspace, "slug": f"kpi-{k:02d}", "name": f"KPI {k}", "unit": "%", "target": 50.0,
             "direction": "up" if k % 3 else "down", "owner": SIDES[k % 2] if k % 5 else "shared",
             "cadence": "weekly", "created_by": "UBENCH", "created_at": NOW - YEAR, "updated_at": NOW - YEAR}
            for k in range(kpis)]).scalars().all()
        session.execute(insert(KpiValue), [
            {"kpi_id": kpi_id, "measured_on": (NOW - timedelta(weeks=week)).date(), "value": rng.uniform(35, 65),
             "logged_by": "UBENCH", "logged_at": NOW - timedelta(weeks=week)}
            for kpi_id in kpi_ids for week in range(52)])
        sync_ids = session.execute(insert(Sync).returning(Sync.id), [
            {"workspace_id": workspace, "number": n, "name": f"Sync {n}", "anchor": (NOW - YEAR).date(),
             "at_minute": 600, "every_weeks": 1, "timezone": ZONE, "participants": ["UCMO", "UCIO"],
             "remind_hours": 24, "created_by": "UCMO", "created_at": NOW - YEAR} for n in (1, 2, 3)]).scalars().all()
        meeting_ids = session.execute(insert(SyncMeeting).returning(SyncMeeting.id), [
            {"sync_id": sync_id, "occurs_at": NOW - YEAR + timedelta(weeks=week, days=n, hours=16),
             "posted_at": NOW - YEAR + timedelta(weeks=week, days=n, hours=16)}
            for n, sync_id in enumerate(sync_ids) for week in range(52)]).scalars().all()
        session.execute(insert(SyncDecision), [
            {"meeting_id": meeting_id, "text": f"Decision {k} of meeting {meeting_id}", "recorded_by": "UCMO",
             "recorded_at": NOW - YEAR} for meeting_id in meeting_ids for k in (1, 2)])
        round_ids = session.execute(insert(ShadowRound).returning(ShadowRound.id, ShadowRound.started_at), [
            {"workspace_id": workspace, "number": n + 1, "period": f"round-{n + 1}",
             "started_at": NOW - timedelta(weeks=2 * (25 - n), days=5), "left_out": []}
            for n in range(26)]).all()
        pairings = []
        for round_id, started in round_ids:
            for k in range(40):
                closed = started + hours(rng, 120)
                status = rng.choices(["done", "skipped", "assigned"], [6, 2, 1])[0] if closed <= NOW else "assigned"
                pairings.append({
                    "round_id": round_id, "host_id": f"UH{k:03d}", "visitor_id": f"UV{k:03d}",
                    "host_side": SIDES[k % 2], "status": status, "followup_at": started + timedelta(days=7),
                    "surprise": f"Surprise {round_id}-{k}" if status == "done" else None,
                    "idea": f"Idea {round_id}-{k}" if status == "done" else None,
                    "closed_at": closed if status != "assigned" else None,
                    "closed_by": f"UV{k:03d}" if status != "assigned" else None})
        session.execute(insert(ShadowPairing), pairings)
        pulse_ids = session.execute(insert(PulseRound).returning(PulseRound.id), [
            {"workspace_id": workspace, "number": n + 1, "period": f"pulse-{n + 1}",
             "started_at": NOW - YEAR + timedelta(weeks=4 * n + 1)} for n in range(13)]).scalars().all()
        session.execute(insert(PulseAnswer), [
            {"round_id": round_id, "ballot": f"{round_id}-{k}", "side": SIDES[k % 2],
             "score": rng.choices([1, 2, 3, 4, 5], [1, 2, 3, 3, 1] if k % 2 else [1, 1, 2, 4, 3])[0],
             "answered_on": NOW.date()} for round_id in pulse_ids for k in range(60)])


def headline(digest: Digest) -> list[str]:
    def number(value: float | None, digits: int = 1) -> str:
        return "—" if value is None else f"{value:.{digits}f}"

    lines = []
    for d in digest.directions:
        lines.append(
            f"{d.from_side}→{d.to_side}: opened {d.opened}, closed {d.closed} (done {d.done}), open now {d.open_now}"
            f" (overdue {d.overdue_now}); median hours to accept {number(d.median_hours_to_accept)}, to close"
            f" {number(d.median_hours_to_close)}")
    lines.append(f"ratings {digest.ratings.count or 'too few'} (avg {number(digest.ratings.average, 2)})")
    lines.append(f"oldest open: {', '.join(f'A-{a.number} ({a.created_at:%Y-%m-%d})' for a in digest.oldest_open)}")
    lines.append(f"commitments due {digest.commitments_due}, kept {digest.commitments_kept}"
                 f" ({number(digest.kept_rate * 100 if digest.kept_rate is not None else None)}%);"
                 f" overdue {digest.overdue_commitments_total} (listed {len(digest.overdue_commitments)})")
    lines.append(f"KPIs {len(digest.kpis)} ({sum(len(k.points) for k in digest.kpis)} points);"
                 f" syncs held {len(digest.syncs)} ({sum(len(s.decisions) for s in digest.syncs)} decisions);"
                 f" shadow pairs {digest.shadow_pairs}, done {digest.shadow_done}, learnings {len(digest.learnings)}")
    if digest.pulse:
        p = digest.pulse
        average = ", ".join(f"{side} {value:.2f}" for side, value in p.average.items()) if p.average else "hidden"
        lines.append(f"pulse round {p.round_number}: answers {dict((str(k), v) for k, v in p.answers.items())},"
                     f" average {average}, gap {number(p.gap, 2)}")
    return lines


def trend_lines(found: Trend) -> list[str]:
    def number(value: float | None, digits: int = 1) -> str:
        return "—" if value is None else f"{value:.{digits}f}"

    lines = []
    for week in found.weeks:
        flows = "; ".join(f"{d.from_side}→{d.to_side} {d.opened}/{d.closed} ({number(d.median_hours_to_accept)} h,"
                          f" {number(d.median_hours_to_close)} h)" for d in week.directions)
        lines.append(f"{week.week_start}: {flows}; kept {number(week.kept_rate and week.kept_rate * 100)}%;"
                     f" KPIs on track {week.shared_kpis_on_track}/{week.shared_kpis}; shadow {week.shadow_pairs}/"
                     f"{week.shadow_done}")
    for r in found.rounds:
        average = ", ".join(f"{side} {value:.2f}" for side, value in r.average.items()) if r.average else "gap"
        lines.append(f"pulse round {r.round_number}: {average}, gap {number(r.gap, 2)}")
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--asks", type=int, default=100_000)
    parser.add_argument("--commitments", type=int, default=20_000)
    parser.add_argument("--kpis", type=int, default=50)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", default=None,
                        help="another store (migrated first); default a new SQLite file")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="alinea-bench-") as folder:
        url = args.database_url or f"sqlite:///{Path(folder) / 'digest.db'}"
        db = Database(url)
        db.upgrade()
        team_id = f"TBENCH{int(time.time())}"
        began = time.perf_counter()
        seed(db, team_id, args.asks, args.commitments, args.kpis, random.Random(args.seed))
        seeded = time.perf_counter() - began
        times, digest = [], None
        for _ in range(args.runs):
            began = time.perf_counter()
            digest = compute(db, team_id, *WEEK, ZONE, NOW)
            times.append(time.perf_counter() - began)
        trend_times, found = [], None
        for _ in range(args.runs):
            began = time.perf_counter()
            found = trend(db, team_id, NOW, ZONE)
            trend_times.append(time.perf_counter() - began)
        db.dispose()
    assert digest is not None and found is not None
    print(f"store {db.engine.dialect.name}; {args.asks} asks, {args.commitments} commitments, {args.kpis} KPIs x 52"
          f" weekly values, 3 syncs x 52 meetings, 26 shadowing rounds x 40 pairs, 13 pulse rounds; seed {args.seed}")
    print(f"seeding: {seeded:.1f} s")
    print(f"compute() for the week {WEEK[0]}..{WEEK[1]} ({ZONE}), {args.runs} runs:"
          f" p50 {statistics.median(times):.3f} s  max {max(times):.3f} s")
    for line in headline(digest):
        print("  " + line)
    ratio = statistics.median(trend_times) / statistics.median(times)
    print(f"trend() over the {len(found.weeks)} weeks to {found.weeks[-1].week_end} and {len(found.rounds)} closed"
          f" pulse rounds, {args.runs} runs: p50 {statistics.median(trend_times):.3f} s  max {max(trend_times):.3f} s"
          f"  ({ratio:.2f}x the week's digest)")
    for line in trend_lines(found):
        print("  " + line)


if __name__ == "__main__":
    main()
