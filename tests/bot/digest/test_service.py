"""bot.digest.service.compute against a plain-Python recount of the same rows: a month of work through the real
App, hundreds of rows with chosen timestamps, the week's edges, time zones, the pulse's threshold and closed rounds,
the ratings' thresholds, and an empty workspace."""

from __future__ import annotations

import random
import statistics
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import insert, select

from bot.digest.models import Digest
from bot.digest.service import compute, week_instants
from bot.recurrence import period_key
from bot.simulator.fake_slack import TEAM_ID
from bot.syncs import service as syncs
from schedules import jobs, runtime
from storage import teams as team_repo
from storage.models import (
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
from tests.helpers import rows

MX = "America/Mexico_City"  # UTC-6 all year since 2022
SIDES = ("marketing", "it")
OTHER = {"marketing": "it", "it": "marketing"}
OPEN = ("open", "accepted")


# --- the recount: everything the digest says, from rows loaded whole and counted in plain Python ---------------


def recount(db, team_id: str, week_start: date, week_end: date, zone: str, now: datetime) -> dict[str, Any]:
    tz = ZoneInfo(zone)
    start = datetime(week_start.year, week_start.month, week_start.day, tzinfo=tz)
    end = datetime(week_end.year, week_end.month, week_end.day, tzinfo=tz)
    today = now.astimezone(tz).date()

    def during(at: datetime | None) -> bool:
        return at is not None and start <= at < end

    def hours(since: datetime, until: datetime) -> float:
        return (until - since).total_seconds() / 3600

    with db.transaction() as session:
        workspace = session.scalar(select(Workspace.id).where(Workspace.team_id == team_id))
        asks = list(session.scalars(select(Ask).where(Ask.workspace_id == workspace)))
        commitments = list(session.scalars(select(Commitment).where(Commitment.workspace_id == workspace)))
        asks_by_id = {a.id: a.number for a in asks}
        kpis = sorted(session.scalars(select(Kpi).where(Kpi.workspace_id == workspace)), key=lambda k: k.slug)
        values = list(session.scalars(select(KpiValue)))
        sync_rows = {s.id: s for s in session.scalars(select(Sync).where(Sync.workspace_id == workspace))}
        meetings = [m for m in session.scalars(select(SyncMeeting)) if m.sync_id in sync_rows]
        decisions = list(session.scalars(select(SyncDecision).order_by(SyncDecision.id)))
        rounds = {r.id: r for r in session.scalars(select(ShadowRound).where(ShadowRound.workspace_id == workspace))}
        pairings = [p for p in session.scalars(select(ShadowPairing)) if p.round_id in rounds]
        pulse_rounds = list(session.scalars(select(PulseRound).where(PulseRound.workspace_id == workspace)))
        answers = list(session.scalars(select(PulseAnswer)))

    directions = []
    for from_side in SIDES:
        mine = [a for a in asks if (a.from_side, a.to_side) == (from_side, OTHER[from_side])]
        to_accept = [hours(a.created_at, a.accepted_at) for a in mine if during(a.accepted_at)]
        to_close = [hours(a.created_at, a.done_at) for a in mine if during(a.done_at)]
        directions.append({
            "from_side": from_side, "to_side": OTHER[from_side],
            "opened": sum(during(a.created_at) for a in mine),
            "closed": sum(during(a.done_at) or during(a.declined_at) or during(a.cancelled_at) for a in mine),
            "done": sum(during(a.done_at) for a in mine),
            "open_now": sum(a.status in OPEN for a in mine),
            "overdue_now": sum(a.status in OPEN and a.due_date is not None and a.due_date < today for a in mine),
            "median_hours_to_accept": statistics.median(to_accept) if to_accept else None,
            "median_hours_to_close": statistics.median(to_close) if to_close else None,
        })
    rated = {pair: [a.rating for a in asks if (a.from_side, a.to_side) == pair and during(a.rated_at)
                    and a.rating is not None] for pair in {(a.from_side, a.to_side) for a in asks}}
    every_rating = [r for rs in rated.values() for r in rs]
    few = any(0 < len(rs) < 3 for rs in rated.values())
    ratings = (len(every_rating), statistics.mean(every_rating),
               [] if few else [(side, len(rated[(side, OTHER[side])]), statistics.mean(rated[(side, OTHER[side])]))
                               for side in SIDES if len(rated.get((side, OTHER[side]), [])) >= 3]
               ) if len(every_rating) >= 3 else (None, None, [])
    due = [c for c in commitments if week_start <= c.due_date < week_end and c.status != "cancelled"]
    kept = [c for c in due if c.status == "done" and c.kept]
    overdue = sorted((c for c in commitments if c.status == "open" and c.due_date < today),
                     key=lambda c: (c.due_date, c.number))
    held = sorted((m for m in meetings if during(m.occurs_at)),
                  key=lambda m: (m.occurs_at, sync_rows[m.sync_id].number))
    shared = sorted((p for p in pairings if p.status == "done" and p.closed_at > start),
                    key=lambda p: p.closed_at, reverse=True)
    pulse = None
    # A round is closed once the next one started, or a week after it opened; only the newest closed one shows.
    started = sorted((r for r in pulse_rounds if r.started_at <= now), key=lambda r: r.number)
    closed = [r for i, r in enumerate(started) if i + 1 < len(started) or now >= r.started_at + timedelta(days=7)]
    if closed:
        latest = closed[-1]
        mine = [a for a in answers if a.round_id == latest.id]
        scores = {side: [a.score for a in mine if a.side == side] for side in SIDES}
        shown = all(len(s) >= 3 for s in scores.values())
        average = {side: statistics.mean(s) for side, s in scores.items()} if shown else None
        comments = sorted(a.comment for a in mine if a.comment) if shown else []
        pulse = {"round_number": latest.number, "answers": {side: len(s) for side, s in scores.items()},
                 "average": average, "gap": abs(average["marketing"] - average["it"]) if average else None,
                 "comments": comments[:10], "comments_total": len(comments)}
    return {
        "directions": directions,
        "ratings": ratings,
        "oldest_open": [a.number for a in sorted((a for a in asks if a.status in OPEN),
                                                  key=lambda a: (a.created_at, a.number))[:5]],
        "commitments": (len(due), len(kept), len(kept) / len(due) if due else None),
        "overdue": ([(c.number, asks_by_id.get(c.ask_id)) for c in overdue[:10]], len(overdue)),
        "kpis": [(k.slug, [v.value for v in sorted((v for v in values if v.kpi_id == k.id),
                                                     key=lambda v: v.measured_on)][-12:])
                 for k in kpis if k.archived_at is None],
        "syncs": [(f"S-{sync_rows[m.sync_id].number}", sync_rows[m.sync_id].name, m.occurs_at,
                   [d.text for d in decisions if d.meeting_id == m.id]) for m in held],
        "shadow": (sum(during(rounds[p.round_id].started_at) for p in pairings),
                   sum(p.status == "done" and during(p.closed_at) for p in pairings)),
        "learnings": [(p.host_id, p.visitor_id, p.surprise, p.idea) for p in shared[:2]],
        "pulse": pulse,
    }


def summary(digest: Digest) -> dict[str, Any]:
    """The digest in the recount's shape."""
    return {
        "directions": [d.model_dump() for d in digest.directions],
        "ratings": (digest.ratings.count, digest.ratings.average,
                    [(r.from_side, r.count, r.average) for r in digest.ratings.directions]),
        "oldest_open": [a.number for a in digest.oldest_open],
        "commitments": (digest.commitments_due, digest.commitments_kept, digest.kept_rate),
        "overdue": ([(c.number, c.ask_number) for c in digest.overdue_commitments], digest.overdue_commitments_total),
        "kpis": [(k.slug, [p.value for p in k.points]) for k in digest.kpis],
        "syncs": [(s.ref, s.name, s.occurs_at, s.decisions) for s in digest.syncs],
        "shadow": (digest.shadow_pairs, digest.shadow_done),
        "learnings": [(x.host_id, x.visitor_id, x.surprise, x.idea) for x in digest.learnings],
        "pulse": (digest.pulse.model_dump() | {"comments": sorted(digest.pulse.comments)}) if digest.pulse else None,
    }


def check(db, team_id: str, week_start: date, week_end: date, zone: str, now: datetime) -> Digest:
    digest = compute(db, team_id, week_start, week_end, zone, now)
    assert summary(digest) == recount(db, team_id, week_start, week_end, zone, now)
    return digest


# --- a month through the real App --------------------------------------------------------------------------------

MONTH_START = datetime(2026, 11, 2, 14, 0, tzinfo=UTC)  # Monday 08:00 in Mexico City
LAST_WEEK = (date(2026, 11, 23), date(2026, 11, 30))
SENT_AT = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)  # the Monday after, 09:00 in Mexico City


@pytest.fixture
def month(workspace, people, clock):
    """Four weeks at a small company: asks opened, accepted, declined, cancelled, done and rated; commitments
    kept, late and forgotten; KPIs logged weekly; a Tuesday sync; two shadowing rounds with learnings."""
    for name in ("tom", "lea", "carla"):
        people[name] = workspace.add_person(name, tz=MX)
    clock.set(MONTH_START)
    runtime.install(workspace.deps)
    side_of = {"maria": "mkt", "sam": "marketing", "ivan": "it", "tom": "ti"}
    for name, side in side_of.items():
        workspace.command(people[name], f"/alinea join {side}")
        workspace.command(people[name], "/shadow join")
    workspace.command(people["owner"], "/alinea team add @lea it leader")
    workspace.command(people["owner"], "/alinea team add @carla marketing leader")
    members = {"marketing": [people["maria"], people["sam"]], "it": [people["ivan"], people["tom"]]}
    for line in ['/kpi define lcr "Lead conversion" target:3.5% owner:marketing',
                 '/kpi define uptime "Site uptime" target:99.9% owner:it',
                 '/kpi define nps "Customer NPS" target:40']:
        workspace.command(people["lea"], line)
    workspace.command(people["carla"], '/sync schedule "CMO–CIO sync" tue 10:00 with @lea')
    rng = random.Random(11)

    def new_ask() -> None:
        who = rng.choice(members["marketing"] + members["it"])
        extra = rng.choice(["", " !high", " !urgent", " #martech"])
        workspace.command(who, f"/ask Request {rng.randint(100, 999)} due:+{rng.randint(1, 8)}d{extra}")

    def with_ask(status: str, act) -> None:
        found = rows(workspace.deps.db, Ask, Ask.status == status)
        if found:
            act(rng.choice(found))

    def accept(ask: Ask) -> None:
        workspace.command(rng.choice(members[ask.to_side]), f"/ask accept A-{ask.number}")

    def finish(ask: Ask) -> None:
        doer = ask.owner_id or ask.requester_id
        exchange = workspace.command(doer, f"/ask done A-{ask.number}")
        asked_to_rate = any(c.args["channel"] == ask.requester_id for c in exchange.to("chat.postMessage"))
        # A requester who closes their own ask is not asked to rate it; the dice are rolled all the same, so the
        # month stays the month it was.
        if (asked_to_rate or doer == ask.requester_id) and rng.random() < 0.75:
            score = rng.randint(1, 5)
            if asked_to_rate:
                workspace.click(ask.requester_id, str(score), channel=ask.requester_id)

    def decline(ask: Ask) -> None:
        workspace.command(rng.choice(members[ask.to_side]), f"/ask decline A-{ask.number} Not this quarter")

    def cancel(ask: Ask) -> None:
        workspace.command(ask.requester_id, f"/ask cancel A-{ask.number}")

    def commit() -> None:
        who = rng.choice(members["marketing"] + members["it"])
        due = rng.choice(["today", "tomorrow", "+2d", "+3d", "+5d", "fri"])
        workspace.command(who, f"/commit Follow-up {rng.randint(100, 999)} due:{due}")

    def commitment_done() -> None:
        found = rows(workspace.deps.db, Commitment, Commitment.status == "open", Commitment.ask_id.is_(None),
                     Commitment.text.not_like("Forgotten%"))
        if found:
            row = rng.choice(found)
            workspace.command(row.owner_id, f"/commit done C-{row.number}")

    actions = [(new_ask, 5), (lambda: with_ask("open", accept), 3), (lambda: with_ask("accepted", finish), 3),
               (lambda: with_ask("open", finish), 1), (lambda: with_ask("open", decline), 1),
               (lambda: with_ask("accepted", cancel), 1), (commit, 2), (commitment_done, 2)]

    def shadow_round() -> None:
        workspace.command(people["lea"], "/shadow run")

    def share(round_number: int, index: int, surprise: str | None) -> None:
        found = rows(workspace.deps.db, ShadowPairing, ShadowPairing.round_id.in_(
            select(ShadowRound.id).where(ShadowRound.number == round_number)))
        pair = found[index]
        if surprise is None:
            workspace.click(pair.host_id, "Skip this round", channel=pair.channel_id)
            return
        workspace.click(pair.visitor_id, "Done — share learnings", channel=pair.channel_id)
        workspace.submit(pair.visitor_id, surprise=surprise, idea=f"Idea about {surprise.lower()}")

    def meeting(decisions: str) -> None:
        sync = syncs.get(workspace.deps.db, TEAM_ID, 1, clock.now())
        jobs.sync_meeting(sync.id, period_key(clock.now()))
        workspace.click(people["lea"], "Record outcome")
        workspace.submit(people["lea"], decisions=decisions)

    def log_kpis() -> None:
        workspace.command(people["sam"], f"/kpi log lcr {rng.uniform(2.5, 4.5):.2f}%")
        workspace.command(people["ivan"], f"/kpi log uptime {rng.uniform(99.5, 100):.2f}%")
        workspace.command(people["maria"], f"/kpi log nps {rng.randint(25, 55)}")

    special = {  # day of the month → (minutes after 14:00 UTC, what happens)
        0: [(5, log_kpis)],
        3: [(30, lambda: workspace.command(people["tom"], "/commit Forgotten CMS migration due:+2d"))],
        7: [(5, log_kpis)],
        8: [(0, shadow_round), (120, lambda: meeting("Share one campaign calendar"))],  # Tue Nov 10, 10:00 MX
        10: [(60, lambda: share(1, 0, "How many tools marketing juggles"))],
        14: [(5, log_kpis)],
        15: [(120, lambda: meeting("Monthly data review"))],
        18: [(10, lambda: workspace.command(people["lea"], "/kpi archive nps"))],
        21: [(5, log_kpis)],
        22: [(0, shadow_round), (120, lambda: meeting("One lead-scoring model\n• Freeze launches in December"))],
        23: [(90, lambda: share(1, 1, "Release checklists are long"))],
        24: [(30, lambda: share(2, 0, "Campaigns start with a spreadsheet")), (40, lambda: share(2, 1, None))],
    }
    for day in range(28):
        begin = MONTH_START + timedelta(days=day)
        steps = [(minute, rng.choices([a for a, _ in actions], [w for _, w in actions])[0])
                 for minute in rng.sample(range(1, 600), k=8)]
        for minute, step in sorted(steps + special.get(day, []), key=lambda s: s[0]):
            clock.set(begin + timedelta(minutes=minute))
            step()
    clock.set(SENT_AT)
    return people


def test_a_month_through_the_app_matches_a_recount(workspace, month, clock):
    db = workspace.deps.db
    digest = check(db, TEAM_ID, *LAST_WEEK, MX, SENT_AT)
    # The month was busy enough that every part of the digest has something to say.
    assert all(d.opened and d.closed and d.open_now for d in digest.directions), digest.directions
    assert any(d.median_hours_to_accept for d in digest.directions)
    assert any(d.median_hours_to_close for d in digest.directions)
    assert digest.ratings.count and digest.ratings.count >= 3 and digest.ratings.average
    assert digest.commitments_due and digest.kept_rate is not None and digest.overdue_commitments_total
    assert [k.slug for k in digest.kpis] == ["lcr", "uptime"]  # nps was archived
    assert [len(k.points) for k in digest.kpis] == [4, 4]
    assert [(s.ref, s.decisions) for s in digest.syncs] == [
        ("S-1", ["One lead-scoring model", "Freeze launches in December"])]
    assert digest.syncs[0].occurs_at == datetime(2026, 11, 24, 16, 0, tzinfo=UTC)
    assert (digest.shadow_pairs, digest.shadow_done) == (2, 2)
    assert [x.surprise for x in digest.learnings] == ["Campaigns start with a spreadsheet",
                                                      "Release checklists are long"]
    assert len(digest.oldest_open) == 5 and digest.pulse is None
    # Other weeks and zones of the same month.
    for week_start in (date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23)):
        for zone in (MX, "UTC", "Asia/Tokyo"):
            check(db, TEAM_ID, week_start, week_start + timedelta(weeks=1), zone, SENT_AT)


def test_the_digest_reads_the_store_and_changes_nothing(workspace, month):
    db = workspace.deps.db
    before = recount(db, TEAM_ID, *LAST_WEEK, MX, SENT_AT)
    compute(db, TEAM_ID, *LAST_WEEK, MX, SENT_AT)
    assert recount(db, TEAM_ID, *LAST_WEEK, MX, SENT_AT) == before


# --- rows with chosen timestamps ---------------------------------------------------------------------------------

TEAM = "T0DIGEST"
NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)  # a Wednesday, 09:00 in Mexico City


def workspace_row(db, team_id: str = TEAM) -> int:
    with db.transaction() as session:
        return team_repo.workspace_id(session, team_id, NOW)


def ask_row(workspace: int, number: int, created_at: datetime, from_side: str = "marketing",
            status: str = "open", **values: Any) -> dict[str, Any]:
    return {"workspace_id": workspace, "number": number, "requester_id": f"U{number}", "from_side": from_side,
            "to_side": OTHER[from_side], "title": f"Ask {number}", "priority": "normal", "status": status,
            "source": "command", "created_at": created_at, "updated_at": created_at, **values}


def commitment_row(workspace: int, number: int, due: date, status: str = "open", kept: bool | None = None,
                   **values: Any) -> dict[str, Any]:
    return {"workspace_id": workspace, "number": number, "owner_id": "UOWNER", "side": "it", "text": f"C {number}",
            "due_date": due, "status": status, "kept": kept, "created_by": "UOWNER",
            "created_at": datetime(2026, 10, 1, tzinfo=UTC), "updated_at": datetime(2026, 10, 1, tzinfo=UTC),
            **values}


def insert_rows(db, model, records: list[dict[str, Any]]) -> None:
    with db.transaction() as session:
        session.execute(insert(model), records)


def random_asks(workspace: int, count: int, rng: random.Random, first: datetime, now: datetime) -> list[dict]:
    """Asks created between `first` and `now`, each moved along its lifecycle at random times before `now`."""
    made = []
    for number in range(1, count + 1):
        created = first + (now - first) * rng.random()
        later = sorted(created + (now - created) * rng.random() for _ in range(3))
        values: dict[str, Any] = {"due_date": rng.choice([None, (created + timedelta(days=rng.randint(0, 14))).date()])}
        status = rng.choices(["open", "accepted", "done", "declined", "cancelled"], [3, 3, 4, 1, 1])[0]
        if status in ("accepted", "done") or (status in ("declined", "cancelled") and rng.random() < 0.5):
            values |= {"accepted_at": later[0], "accepted_by": "UACCEPT"}
        if status == "done":
            values |= {"done_at": later[1], "done_by": "UACCEPT"}
            if rng.random() < 0.7:
                values |= {"rating": rng.randint(1, 5), "rated_at": later[2]}
        elif status in ("declined", "cancelled"):
            values |= {f"{status}_at": later[1], f"{status}_by": "UWHO"}
        made.append(ask_row(workspace, number, created, rng.choice(SIDES), status, **values))
    return made


@pytest.mark.parametrize("zone", ["UTC", MX])
def test_hundreds_of_rows_match_a_recount(db, zone):
    workspace = workspace_row(db)
    rng = random.Random(zone)
    insert_rows(db, Ask, random_asks(workspace, 300, rng, datetime(2026, 10, 20, tzinfo=UTC), NOW))
    statuses = [("open", None), ("done", True), ("done", False), ("cancelled", None)]
    insert_rows(db, Commitment, [
        commitment_row(workspace, n, date(2026, 11, 1) + timedelta(days=rng.randint(0, 40)), *rng.choice(statuses))
        for n in range(1, 151)])
    for week_start in (date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23)):
        digest = check(db, TEAM, week_start, week_start + timedelta(weeks=1), zone, NOW)
        assert sum(d.opened for d in digest.directions) > 10 and digest.overdue_commitments_total > 10
        assert len(digest.overdue_commitments) == 10 and len(digest.oldest_open) == 5


def test_an_empty_workspace_gives_zeros_and_nones(db):
    digest = check(db, "T0EMPTY", date(2026, 11, 16), date(2026, 11, 23), MX, NOW)
    for direction in digest.directions:
        assert (direction.opened, direction.closed, direction.done, direction.open_now,
                direction.overdue_now) == (0, 0, 0, 0, 0)
        assert (direction.median_hours_to_accept, direction.median_hours_to_close) == (None, None)
    assert (digest.ratings.count, digest.ratings.average, digest.ratings.directions) == (None, None, [])
    assert [(d.from_side, d.to_side) for d in digest.directions] == [("marketing", "it"), ("it", "marketing")]
    assert (digest.commitments_due, digest.commitments_kept, digest.kept_rate) == (0, 0, None)
    assert (digest.oldest_open, digest.overdue_commitments, digest.overdue_commitments_total) == ([], [], 0)
    assert (digest.kpis, digest.syncs, digest.learnings, digest.pulse) == ([], [], [], None)
    assert (digest.shadow_pairs, digest.shadow_done) == (0, 0)


def test_the_week_includes_its_start_and_excludes_its_end(db):
    workspace = workspace_row(db)
    start, end = datetime(2026, 11, 16, tzinfo=UTC), datetime(2026, 11, 23, tzinfo=UTC)
    before = start - timedelta(days=3)
    insert_rows(db, Ask, [
        ask_row(workspace, 1, start),  # opened at the first instant: in
        ask_row(workspace, 2, end),  # opened at the end: out (but open now)
        ask_row(workspace, 3, before, status="accepted", accepted_at=start),  # accepted at the start: in
        ask_row(workspace, 4, before, status="done", accepted_at=before, done_at=end),  # done at the end: out
        ask_row(workspace, 5, before, status="done", done_at=start, rating=4, rated_at=end),  # done in, rated out
        ask_row(workspace, 6, before, status="declined", declined_at=end - timedelta(microseconds=1)),  # in
        ask_row(workspace, 7, before, status="cancelled", cancelled_at=end),  # out
        # done before the week, rated in it: three ratings in, so the total shows (ask 5's is out)
        ask_row(workspace, 8, before, status="done", done_at=before, rating=5, rated_at=start),
        ask_row(workspace, 9, before, status="done", done_at=before, rating=3, rated_at=end - timedelta(seconds=1)),
        ask_row(workspace, 10, before, status="done", done_at=before, rating=4, rated_at=start),
    ])
    insert_rows(db, Commitment, [
        commitment_row(workspace, 1, start.date(), "done", True),  # due on the first day: in
        commitment_row(workspace, 2, end.date(), "done", True),  # due on the day after: out
        commitment_row(workspace, 3, end.date() - timedelta(days=1), "open"),  # due on the last day: in
    ])
    with db.transaction() as session:
        sync = Sync(workspace_id=workspace, number=1, name="Sync", anchor=date(2026, 11, 2), at_minute=600,
                    every_weeks=1, timezone="UTC", participants=["UA"], remind_hours=24, created_by="UA",
                    created_at=before)
        session.add(sync)
        session.flush()
        for at in (start, end):
            session.add(SyncMeeting(sync_id=sync.id, occurs_at=at, posted_at=at))
        for number, at in enumerate((start, end), start=1):
            round_ = ShadowRound(workspace_id=workspace, number=number, period=at.isoformat(), started_at=at,
                                 left_out=[])
            session.add(round_)
            session.flush()
            session.add(ShadowPairing(round_id=round_.id, host_id="UH", visitor_id="UV", host_side="it",
                                      status="done", followup_at=at, closed_at=at, surprise=f"At {at:%d}"))
    digest = check(db, TEAM, start.date(), end.date(), "UTC", NOW)
    marketing = digest.directions[0]
    assert (marketing.opened, marketing.closed, marketing.done) == (1, 2, 1)
    assert (digest.ratings.count, digest.ratings.average) == (3, 4.0)
    assert marketing.median_hours_to_accept == 72.0 and marketing.median_hours_to_close == 72.0
    assert (digest.commitments_due, digest.commitments_kept, digest.kept_rate) == (2, 1, 0.5)
    assert [s.occurs_at for s in digest.syncs] == [start]
    assert (digest.shadow_pairs, digest.shadow_done) == (1, 1)
    # Learnings are those since the week began (the newest first), not only those within it.
    assert [x.surprise for x in digest.learnings] == ["At 23"]


def test_a_week_in_mexico_city_is_six_hours_later_than_in_utc(db):
    assert week_instants(date(2026, 11, 16), date(2026, 11, 23), MX) == (
        datetime(2026, 11, 16, 6, tzinfo=UTC), datetime(2026, 11, 23, 6, tzinfo=UTC))
    # Across the end of daylight saving time a week is an hour longer.
    assert week_instants(date(2026, 10, 26), date(2026, 11, 2), "America/New_York") == (
        datetime(2026, 10, 26, 4, tzinfo=UTC), datetime(2026, 11, 2, 5, tzinfo=UTC))
    workspace = workspace_row(db)
    insert_rows(db, Ask, [
        ask_row(workspace, 1, datetime(2026, 11, 16, 3, tzinfo=UTC)),  # Sunday evening in Mexico City
        ask_row(workspace, 2, datetime(2026, 11, 16, 6, tzinfo=UTC)),  # midnight in Mexico City
        ask_row(workspace, 3, datetime(2026, 11, 23, 3, tzinfo=UTC)),
        ask_row(workspace, 4, datetime(2026, 11, 23, 5, 59, 59, tzinfo=UTC)),
        ask_row(workspace, 5, datetime(2026, 11, 10, tzinfo=UTC), due_date=date(2026, 11, 22)),
    ])
    week = (date(2026, 11, 16), date(2026, 11, 23))
    utc, mexico = check(db, TEAM, *week, "UTC", NOW), check(db, TEAM, *week, MX, NOW)
    assert (utc.directions[0].opened, mexico.directions[0].opened) == (2, 3)
    # Monday 03:30 UTC is still Sunday in Mexico City: the ask due on Sunday is overdue only in UTC.
    sunday_night = datetime(2026, 11, 23, 3, 30, tzinfo=UTC)
    utc, mexico = check(db, TEAM, *week, "UTC", sunday_night), check(db, TEAM, *week, MX, sunday_night)
    assert (utc.directions[0].overdue_now, mexico.directions[0].overdue_now) == (1, 0)


def test_medians_and_averages_by_direction(db):
    workspace = workspace_row(db)
    monday = datetime(2026, 11, 16, 9, tzinfo=UTC)
    made = []
    for number, (side, accept_hours, done_hours, rating) in enumerate([
        ("marketing", 2, 10, 5), ("marketing", 4, None, None), ("marketing", 9, 20, 2),
        ("it", 1, 30, 4), ("it", 3, None, None),
    ], start=1):
        created = monday - timedelta(hours=1)
        values: dict[str, Any] = {"accepted_at": created + timedelta(hours=accept_hours)}
        if done_hours:
            values |= {"done_at": created + timedelta(hours=done_hours), "rating": rating,
                       "rated_at": created + timedelta(hours=done_hours + 1)}
        made.append(ask_row(workspace, number, created, side, "done" if done_hours else "accepted", **values))
    insert_rows(db, Ask, made)
    digest = check(db, TEAM, date(2026, 11, 16), date(2026, 11, 23), "UTC", NOW)
    marketing, it = digest.directions
    assert (marketing.median_hours_to_accept, marketing.median_hours_to_close) == (4.0, 15.0)
    assert (it.median_hours_to_accept, it.median_hours_to_close) == (2.0, 30.0)
    assert (it.open_now, it.done, it.closed) == (1, 1, 1)
    # Three ratings (5 and 2 for IT, 4 for marketing): the total shows, but no direction's figure, since the total
    # less one direction's would give the other's single rating.
    assert (digest.ratings.count, digest.ratings.average, digest.ratings.directions) == (3, 11 / 3, [])


def test_overdue_commitments_are_the_ten_oldest_due_with_the_total(db):
    workspace = workspace_row(db)
    insert_rows(db, Ask, [ask_row(workspace, 7, datetime(2026, 10, 1, tzinfo=UTC), status="accepted")])
    with db.transaction() as session:
        ask_id = session.scalar(select(Ask.id).where(Ask.workspace_id == workspace, Ask.number == 7))
    insert_rows(db, Commitment, [
        commitment_row(workspace, n, date(2026, 11, 24) - timedelta(days=n), ask_id=ask_id if n == 12 else None)
        for n in range(1, 13)
    ] + [commitment_row(workspace, 13, date(2026, 11, 25)),  # due today: not overdue
         commitment_row(workspace, 14, date(2026, 11, 1), "done", False)])
    digest = check(db, TEAM, date(2026, 11, 16), date(2026, 11, 23), MX, NOW)
    assert [(c.number, c.ask_number) for c in digest.overdue_commitments][:2] == [(12, 7), (11, None)]
    assert [c.number for c in digest.overdue_commitments] == list(range(12, 2, -1))
    assert digest.overdue_commitments_total == 12


def add_pulse(db, workspace: int, number: int, scores: dict[str, list[int]], started_at: datetime | None = None,
              comments: list[str] = ()) -> None:
    """Round `number` (opened at `started_at` when it is new) with more answers, the first ones commented."""
    with db.transaction() as session:
        round_ = session.scalar(select(PulseRound).where(PulseRound.workspace_id == workspace,
                                                         PulseRound.number == number))
        if round_ is None:
            round_ = PulseRound(workspace_id=workspace, number=number, period=f"round-{number}",
                                started_at=started_at or NOW - timedelta(days=10 - number))
            session.add(round_)
            session.flush()
        taken = len(session.scalars(select(PulseAnswer.id).where(PulseAnswer.round_id == round_.id)).all())
        for k, (side, score) in enumerate((side, score) for side, ss in scores.items() for score in ss):
            session.add(PulseAnswer(round_id=round_.id, ballot=f"b{taken + k}", side=side, score=score,
                                    comment=comments[k] if k < len(comments) else None, answered_on=NOW.date()))


def test_the_pulse_shows_the_newest_closed_round_only_with_three_answers_on_each_side(db):
    workspace = workspace_row(db)
    week = (date(2026, 11, 16), date(2026, 11, 23))
    add_pulse(db, workspace, 1, {"marketing": [5, 5, 5], "it": [1, 1, 1]}, NOW - timedelta(days=20),
              comments=["Too many tools", "Better than last quarter"])
    add_pulse(db, workspace, 2, {"marketing": [4, 5], "it": [2, 3, 2, 1]}, NOW - timedelta(days=3))
    # Round 2 is live (opened three days ago): round 1, closed when round 2 started, is shown, with its comments.
    pulse = check(db, TEAM, *week, MX, NOW).pulse
    assert pulse is not None
    assert (pulse.round_number, pulse.answers, pulse.average, pulse.gap) == (
        1, {"marketing": 3, "it": 3}, {"marketing": 5.0, "it": 1.0}, 4.0)
    assert sorted(pulse.comments) == ["Better than last quarter", "Too many tools"] and pulse.comments_total == 2
    # A week after it opened, round 2 has closed: too few marketing answers, so no averages and no comments.
    later = NOW + timedelta(days=4)
    pulse = check(db, TEAM, *week, MX, later).pulse
    assert pulse is not None
    assert (pulse.round_number, pulse.answers, pulse.average, pulse.gap, pulse.comments) == (
        2, {"marketing": 2, "it": 4}, None, None, [])
    add_pulse(db, workspace, 2, {"marketing": [3]}, comments=["Planning together works"])
    pulse = check(db, TEAM, *week, MX, later).pulse
    assert pulse is not None and pulse.answers == {"marketing": 3, "it": 4}
    assert pulse.average == {"marketing": 4.0, "it": 2.0} and pulse.gap == 2.0
    assert pulse.comments == ["Planning together works"]
    # Round 3 opens: round 2 stays the one shown, round 3 is live; a round opened after `now` is not there yet.
    add_pulse(db, workspace, 3, {"it": [4, 4, 4]}, later + timedelta(hours=1))
    assert check(db, TEAM, *week, MX, later).pulse.round_number == 2  # type: ignore[union-attr]
    assert check(db, TEAM, *week, MX, later + timedelta(days=2)).pulse.round_number == 2  # type: ignore[union-attr]
    pulse = check(db, TEAM, *week, MX, later + timedelta(days=8)).pulse
    assert pulse is not None
    assert (pulse.round_number, pulse.answers, pulse.average, pulse.gap) == (3, {"marketing": 0, "it": 3}, None, None)


def test_a_live_first_round_shows_nothing(db):
    workspace = workspace_row(db)
    add_pulse(db, workspace, 1, {"marketing": [5, 5, 5], "it": [1, 1, 1]}, NOW - timedelta(days=6, hours=23))
    week = (date(2026, 11, 16), date(2026, 11, 23))
    assert check(db, TEAM, *week, MX, NOW).pulse is None
    assert check(db, TEAM, *week, MX, NOW + timedelta(hours=1)).pulse is not None  # seven days after it opened


def rated_asks(workspace: int, first: int, from_side: str, scores: list[int], at: datetime) -> list[dict[str, Any]]:
    return [ask_row(workspace, first + k, at - timedelta(days=2), from_side, "done", done_at=at - timedelta(days=1),
                    rating=score, rated_at=at) for k, score in enumerate(scores)]


@pytest.mark.parametrize(("marketing", "it", "total", "directions"), [
    ([5], [], None, []),  # one rating: nothing at all
    ([5, 1], [], None, []),
    ([5, 1, 3], [], (3, 3.0), [("marketing", 3, 3.0)]),
    ([5, 1, 3], [2], (4, 2.75), []),  # the total less marketing's would give IT's one rating
    ([5, 1, 3], [2, 4], (5, 3.0), []),
    ([5, 1, 3], [2, 4, 3], (6, 3.0), [("marketing", 3, 3.0), ("it", 3, 3.0)]),
    ([], [4, 4, 5, 5], (4, 4.5), [("it", 4, 4.5)]),
])
def test_ratings_show_only_as_totals_over_three(db, marketing, it, total, directions):
    workspace = workspace_row(db)
    at = datetime(2026, 11, 18, 12, tzinfo=UTC)
    insert_rows(db, Ask, rated_asks(workspace, 1, "marketing", marketing, at) + rated_asks(workspace, 50, "it", it, at))
    ratings = check(db, TEAM, date(2026, 11, 16), date(2026, 11, 23), "UTC", NOW).ratings
    assert ((ratings.count, ratings.average) if ratings.count else None) == total
    assert [(r.from_side, r.count, r.average) for r in ratings.directions] == directions


def test_kept_rate_counts_commitments_due_in_the_week_but_not_cancelled_ones(db):
    workspace = workspace_row(db)
    day = date(2026, 11, 18)
    insert_rows(db, Commitment, [
        commitment_row(workspace, 1, day, "done", True),
        commitment_row(workspace, 2, day, "done", True),
        commitment_row(workspace, 3, day, "done", False),
        commitment_row(workspace, 4, day, "open"),
        commitment_row(workspace, 5, day, "cancelled"),
        commitment_row(workspace, 6, date(2026, 11, 10), "done", True),
    ])
    digest = check(db, TEAM, date(2026, 11, 16), date(2026, 11, 23), MX, NOW)
    assert (digest.commitments_due, digest.commitments_kept, digest.kept_rate) == (4, 2, 0.5)
    assert [c.number for c in digest.overdue_commitments] == [4]


def test_week_bounds_are_midnights_in_the_zone():
    start, end = week_instants(date(2026, 3, 2), date(2026, 3, 9), "Asia/Tokyo")
    assert start.tzinfo is UTC and start == datetime.combine(date(2026, 3, 1), time(15), tzinfo=UTC)
    assert end - start == timedelta(weeks=1)
