"""Benchmark for the minute jobs sending at each reader's local time (not a test): a day of ticks, a large workspace.

Builds a simulated workspace (the real App and deps, a fake Slack on loopback; a fresh SQLite file unless
`--database-url` names another, which must hold no workspace: the jobs walk every workspace in the store) with
`--members` people spread evenly over ten time zones (Madrid, Mexico City, Tokyo, New York, Kolkata, Sydney, UTC,
Kiritimati, Pago Pago, London), the first `--leaders` of them leaders (one per zone by default). Members, their
commitments and the KPIs' values go in with bulk inserts: half the members have an open commitment due by the start
(a fifth of them two), a quarter of the others one due weeks later. The rest is typed as slash commands a week
before: five KPIs of which three are missing a value (no value yet, or one older than their cadence allows), a weekly
pulse on Mondays at 10:00 and the weekly digest on Mondays at 09:00 (both in the workspace's zone,
America/Mexico_City) to a channel, with every leader subscribed.

Then, with a fixed clock stepped a minute at a time over `--hours` (default 24) from `--start` (default Sunday
2026-11-29 19:00 UTC, which is Monday 09:00 in Kiritimati), it calls the four minute jobs one after the other on each
tick, as the scheduler does every minute (`schedules.jobs.commitment_reminders`, `kpi_reminders`, `pulse_questions`,
`digests`), and prints:
- seconds per tick (p50, p95, max), for ticks where no DM went out (split by whether Slack was asked who someone is) and
  ticks where DMs were sent; and per job;
- the DMs each job sent, and for each: how many of the people it concerns got 0, 1 or 2+ in the window, against what
  their zones' local times say they should get, DMs to anyone else, and deliveries posted twice;
- the `users.info` and `users.list` calls (the directory's hourly roster of time zones, and its 10-minute cache of
  people's languages) per simulated hour.

    .venv/bin/python bench/local_sends.py [--members 2000] [--hours 24] [--leaders 10] [--seed 1]
                                          [--start 2026-11-29T19:00Z] [--database-url URL]

Every Slack call goes over loopback to the fake Slack, which runs in this process (it checks each message's Block
Kit as Slack would): the figures include it, and the time spent in its request handler is printed apart.
"""

from __future__ import annotations

import argparse
import logging
import math
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, insert, select, update  # noqa: E402

from bot.clock import FixedClock  # noqa: E402
from bot.commitments import posts as commitment_posts  # noqa: E402
from bot.digest import posts as digest_posts  # noqa: E402
from bot.digest import service as digest_service  # noqa: E402
from bot.kpis import posts as kpi_posts  # noqa: E402
from bot.local_times import moment  # noqa: E402
from bot.pulse import posts as pulse_posts  # noqa: E402
from bot.pulse import service as pulse_service  # noqa: E402
from bot.recurrence import Series, occurrences_between  # noqa: E402
from bot.simulator.fake_slack import TEAM_ID  # noqa: E402
from bot.simulator.workspace import SimulatedWorkspace  # noqa: E402
from schedules import jobs, runtime  # noqa: E402
from storage import teams as team_repo  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.models import Commitment, Kpi, KpiValue, Member, Workspace  # noqa: E402

ZONE = "America/Mexico_City"  # the workspace's (ALINEA_TIMEZONE), the pulse's and the digest's
ZONES = ["Europe/Madrid", "America/Mexico_City", "Asia/Tokyo", "America/New_York", "Asia/Kolkata",
         "Australia/Sydney", "UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/London"]
LOCALES = {"Europe/Madrid": ("es-ES", "en-GB"), "America/Mexico_City": ("es-LA", "en-US"),
           "Europe/London": ("en-GB",), "Asia/Tokyo": ("ja-JP", "en-US")}
START = datetime(2026, 11, 29, 19, 0, tzinfo=UTC)  # Sunday; Monday 09:00 in Kiritimati (UTC+14)
SETUP_BEFORE = timedelta(days=8)  # the commands are typed this long before the start
SIDES = ("marketing", "it")
CHANNEL = "CLEADERS"
# slug, definition, owner, cadence, age in days of its latest value at the start (None: no value yet)
KPIS = [
    ("mql", '"Marketing qualified leads" target:400 owner:marketing', "marketing", "weekly", 2),
    ("cac", '"Customer acquisition cost" target:40 owner:marketing cadence:monthly', "marketing", "monthly", None),
    ("uptime", '"Uptime" target:99.9% owner:it', "it", "weekly", 10),
    ("tickets", '"Tickets closed" target:150 owner:it', "it", "weekly", 1),
    ("lcr", '"Lead conversion rate" target:3.5% owner:shared', "shared", "weekly", 20),
]
CADENCE_DAYS = {"weekly": 7, "monthly": 31}


@dataclass
class Person:
    user_id: str
    zone: str
    side: str
    leader: bool
    commitments_due: int = 0  # open commitments due by the start


@dataclass
class Job:
    name: str
    run: Callable[[], None]
    delivery_job: str  # the job part of its deliveries' keys (`bot.deliveries`)
    seconds: list[float] = field(default_factory=list)
    sent_per_tick: list[int] = field(default_factory=list)
    got: Counter[str] = field(default_factory=Counter)  # recipient -> DMs (or channel posts)
    keys: Counter[str] = field(default_factory=Counter)  # delivery key -> posts


@dataclass
class Tick:
    seconds: float
    dms: int
    users_info: int


class HandlerTime:
    """Adds up the seconds the fake Slack spends in its request handler (Block Kit checks included; the HTTP round
    trip, the handler threads' start and the client's side are not)."""

    def __init__(self, workspace: SimulatedWorkspace) -> None:
        self.seconds = 0.0
        handle = workspace.slack._handle

        def timed(request: Any) -> None:
            began = time.perf_counter()
            try:
                handle(request)
            finally:
                self.seconds += time.perf_counter() - began

        workspace.slack._handle = timed  # type: ignore[method-assign]


class CountErrors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def locale(zone: str, index: int) -> str:
    choices = LOCALES.get(zone, ("en-US",))
    return choices[(index // len(ZONES)) % len(choices)]


def seed(workspace: SimulatedWorkspace, clock: FixedClock, members: int, leaders: int, start: datetime,
         rng: random.Random) -> tuple[list[Person], dict[str, str]]:
    """The people (in the fake Slack, and on sides in the store with bulk inserts), their commitments, and the
    KPIs, pulse and digest typed as commands by the owner and the leaders. Returns the people and what was typed
    that Slack refused or Alinea answered with an error (none expected)."""
    setup = start - SETUP_BEFORE
    clock.set(setup)
    slack, db = workspace.slack, workspace.deps.db
    owner = workspace.add_person("olga", tz=ZONE, is_owner=True)
    people = []
    for index in range(members):
        zone = ZONES[index % len(ZONES)]
        person = Person(f"UM{index:05d}", zone, SIDES[index % 2], index < leaders)
        slack.add_user(person.user_id, f"member{index:05d}", tz=zone, locale=locale(zone, index))
        people.append(person)

    due_soon = rng.sample(people, members // 2)
    for person in due_soon:
        person.commitments_due = 2 if rng.random() < 0.2 else 1
    chosen = {p.user_id for p in due_soon}
    later = rng.sample([p for p in people if p.user_id not in chosen], (members - len(due_soon)) // 4)
    commitments: list[tuple[Person, date]] = [
        (p, start.date() - timedelta(days=rng.randint(0, 3))) for p in due_soon for _ in range(p.commitments_due)]
    commitments += [(p, start.date() + timedelta(days=rng.randint(14, 30))) for p in later]
    rng.shuffle(commitments)
    with db.transaction() as session:
        ws = team_repo.workspace_id(session, TEAM_ID, setup)
        session.execute(insert(Member), [
            {"workspace_id": ws, "user_id": p.user_id, "side": p.side, "role": "leader" if p.leader else "member",
             "joined_at": setup, "updated_at": setup} for p in people])
        if commitments:
            session.execute(insert(Commitment), [
                {"workspace_id": ws, "number": number, "owner_id": p.user_id, "side": p.side,
                 "text": f"Deliverable {number} for the launch", "due_date": due, "status": "open",
                 "created_by": p.user_id, "created_at": setup, "updated_at": setup}
                for number, (p, due) in enumerate(commitments, start=1)])
        session.execute(update(Workspace).where(Workspace.id == ws).values(commitment_seq=len(commitments)))

    refused: dict[str, str] = {}
    replies: dict[str, str] = {}

    def typed(user_id: str, line: str) -> None:
        exchange = workspace.command(user_id, line)
        replies[line] = exchange.reply_text[:200]
        if exchange.status != 200 or any(call.error for call in exchange.calls):
            refused[line] = replies[line]

    for slug, definition, _, _, _ in KPIS:
        typed(owner, f"/kpi define {slug} {definition}")
    typed(owner, "/alinea pulse config every:1w on:mon at:10:00")
    for person in people:
        if person.leader:
            typed(person.user_id, "/digest subscribe")
    typed(owner, f"/digest config mon 09:00 in:<#{CHANNEL}|leaders>")
    # what the commands should have made (their replies are in the typists' languages)
    if not pulse_service.settings_of(db):
        refused["pulse"] = replies["/alinea pulse config every:1w on:mon at:10:00"]
    rhythms = digest_service.settings_of(db, setup)
    if not rhythms or rhythms[0].channel_id != CHANNEL:
        refused["digest"] = replies[f"/digest config mon 09:00 in:<#{CHANNEL}|leaders>"]
    subscribed = len(digest_service.subscribers(db, TEAM_ID, setup))
    if subscribed != leaders:
        refused["digest subscribers"] = f"{subscribed} of {leaders} leaders"

    with db.transaction() as session:
        ws = team_repo.workspace_id(session, TEAM_ID, setup)
        kpi_ids = dict(session.execute(select(Kpi.slug, Kpi.id).where(Kpi.workspace_id == ws)).all())
        values = [{"kpi_id": kpi_ids[slug], "measured_on": start.date() - timedelta(days=age), "value": 1.0,
                   "logged_by": owner, "logged_at": start - timedelta(days=age, hours=12)}
                  for slug, _, _, _, age in KPIS if age is not None and slug in kpi_ids]
        if values:
            session.execute(insert(KpiValue), values)
        # the KPI listing Homes show is read again only when this changes (values went in behind its back)
        session.execute(update(Workspace).where(Workspace.id == ws)
                        .values(kpi_revision=Workspace.kpi_revision + 1))
    if len(kpi_ids) != len(KPIS):
        refused["KPIs"] = f"{len(kpi_ids)} of {len(KPIS)} defined: " + " | ".join(
            replies[f"/kpi define {slug} {definition}"] for slug, definition, *_ in KPIS if slug not in kpi_ids)
    return people, refused


def ticks_hitting(at_moment: datetime, first: datetime, last: datetime, grace: timedelta) -> bool:
    """Whether a tick (each minute from `first` to `last`) falls in [at_moment, at_moment + grace): the send is due."""
    return at_moment <= last and at_moment + grace > first


def daily_expected(zone: str, settings: Any, first: datetime, last: datetime) -> int:
    """How many local reminder times (`ALINEA_REMINDER_TIME` each local day in `zone`) the ticks reach."""
    day, days = (first - timedelta(days=2)).date(), 0
    while day <= (last + timedelta(days=2)).date():
        days += ticks_hitting(moment(day, settings.alinea_reminder_time, zone), first, last,
                              settings.alinea_misfire_grace)
        day += timedelta(days=1)
    return days


def round_expected(series: Series, zone: str, first: datetime, last: datetime, grace: timedelta) -> int:
    """How many rounds of a weekly series (asked at its wall-clock time in each reader's zone) the ticks reach."""
    occurrences = occurrences_between(series, first - timedelta(days=3), last + timedelta(days=3))
    return sum(ticks_hitting(moment(o.astimezone(ZoneInfo(series.timezone)).date(), series.at, zone), first, last,
                             grace) for o in occurrences)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1))]


def spread(values: list[float]) -> str:
    if not values:
        return f"{'—':>7} {'—':>7} {'—':>7} {'—':>8}"
    return (f"{statistics.median(values):>7.3f} {percentile(values, 0.95):>7.3f} {max(values):>7.3f}"
            f" {sum(values):>8.1f}")


def histogram(counts: list[int]) -> str:
    c = Counter(min(n, 2) for n in counts)
    return f"0: {c[0]}, 1: {c[1]}, 2+: {c[2]}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=2000, help="people on the two sides")
    parser.add_argument("--leaders", type=int, default=10, help="of the members, leaders (subscribed to the digest)")
    parser.add_argument("--hours", type=int, default=24, help="simulated hours, one tick a minute")
    parser.add_argument("--start", type=datetime.fromisoformat, default=START,
                        help="first tick, ISO 8601 with an offset (default 2026-11-29T19:00Z)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", default=None,
                        help="another store, which must hold no workspace (migrated first); default a new SQLite file")
    args = parser.parse_args(argv)
    if args.members < 1 or args.hours < 1:
        parser.error("--members and --hours must be at least 1")
    if args.start.tzinfo is None:
        parser.error("--start needs an offset, e.g. 2026-11-29T19:00Z")
    start = args.start.astimezone(UTC).replace(second=0, microsecond=0)
    leaders = min(args.leaders, args.members)

    errors = CountErrors()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger().addHandler(errors)

    with tempfile.TemporaryDirectory(prefix="alinea-bench-") as folder:
        url = args.database_url or f"sqlite:///{Path(folder) / 'local_sends.db'}"
        db = Database(url)
        db.upgrade()
        with db.transaction() as session:
            existing = session.scalar(select(func.count()).select_from(Workspace))
        db.dispose()
        if existing:
            sys.exit(f"{url}: the store holds {existing} workspace(s); the minute jobs walk every workspace, so give"
                     " an empty database")

        clock = FixedClock(start)
        workspace = SimulatedWorkspace(url, clock=clock, alinea_timezone=ZONE)
        try:
            began = time.perf_counter()
            people, refused = seed(workspace, clock, args.members, leaders, start, random.Random(args.seed))
            seeded = time.perf_counter() - began
            run(workspace, clock, people, refused, seeded, start, args)
        finally:
            workspace.close()
    if errors.count:
        print(f"errors logged during the run: {errors.count} (see above)")


def run(workspace: SimulatedWorkspace, clock: FixedClock, people: list[Person], refused: dict[str, str],
        seeded: float, start: datetime, args: argparse.Namespace) -> None:
    deps, slack = workspace.deps, workspace.slack
    settings = deps.settings
    grace = settings.alinea_misfire_grace
    ticks_count = args.hours * 60
    last = start + timedelta(minutes=ticks_count - 1)
    pulse_series = pulse_service.settings_of(deps.db)[0].series
    digest_rhythm = digest_service.settings_of(deps.db, start)[0]
    subscribers = set(digest_service.subscribers(deps.db, TEAM_ID, start))

    by_zone = Counter(p.zone for p in people)
    print(f"store {deps.db.engine.dialect.name}; {len(people)} members over {len(ZONES)} zones"
          f" ({min(by_zone.values())}–{max(by_zone.values())} each), {sum(p.leader for p in people)} leaders;"
          f" {sum(1 for p in people if p.commitments_due)} with open commitments due"
          f" ({sum(p.commitments_due for p in people)} commitments); {len(KPIS)} KPIs,"
          f" {sum(1 for k in KPIS if k[4] is None or k[4] > CADENCE_DAYS[k[3]])} missing a value;"
          f" pulse every week Mon {pulse_series.at:%H:%M}, digest Mon {digest_rhythm.series.at:%H:%M}"
          f" ({digest_rhythm.series.timezone}) to {len(subscribers)} subscribers and"
          f" {digest_rhythm.channel_id or 'no channel'}; seed {args.seed}")
    print(f"seeding: {seeded:.1f} s (members and commitments bulk-inserted; KPIs, pulse, digest by slash commands)")
    if refused:
        sys.exit(f"seeding went wrong: {refused}")

    # The minute jobs, as the scheduler runs them (schedules/scheduler.py `add_fixed_jobs`).
    runtime.install(deps)
    day_jobs = [
        Job("commitment reminders", jobs.commitment_reminders, commitment_posts.reminder_job_id(TEAM_ID)),
        Job("KPI reminders", jobs.kpi_reminders, kpi_posts.reminder_job_id(TEAM_ID)),
        Job("pulse questions", jobs.pulse_questions, pulse_posts.pulse_job_id(TEAM_ID)),
        Job("digests", jobs.digests, digest_posts.digest_job_id(TEAM_ID)),
    ]
    by_delivery = {job.delivery_job: job for job in day_jobs}
    handler = HandlerTime(workspace)
    del slack.calls[:]  # what seeding called
    methods: Counter[str] = Counter()
    refused_calls = 0
    users_info_per_hour = [0] * args.hours
    ticks: list[Tick] = []

    print(f"simulating {start:%Y-%m-%d %H:%M} → {last + timedelta(minutes=1):%Y-%m-%d %H:%M} UTC: {ticks_count}"
          " ticks, each calling the four minute jobs in turn ...", flush=True)
    wall = time.perf_counter()
    for minute in range(ticks_count):
        clock.set(start + timedelta(minutes=minute))
        tick_seconds, tick_dms, tick_users_info = 0.0, 0, 0
        for job in day_jobs:
            began = time.perf_counter()
            job.run()
            seconds = time.perf_counter() - began
            users_info = len(slack.calls_to("users.info")) + len(slack.calls_to("users.list"))
            calls = slack.since(0)
            del slack.calls[:len(calls)]  # nothing is in flight between two jobs: each call was answered
            sent = 0
            for call in calls:
                methods[call.method] += 1
                refused_calls += call.error is not None
                if call.method != "chat.postMessage" or call.error is not None:
                    continue
                key = ((call.args.get("metadata") or {}).get("event_payload") or {}).get("delivery", "")
                delivery_job, _, rest = key.partition("|")
                owner = by_delivery.get(delivery_job)
                if owner is None:
                    continue
                owner.got[rest.partition("|")[0]] += 1
                owner.keys[key] += 1
                if owner is job:
                    sent += 1
            job.seconds.append(seconds)
            job.sent_per_tick.append(sent)
            tick_seconds += seconds
            tick_dms += sent
            tick_users_info += users_info
        users_info_per_hour[minute // 60] += tick_users_info
        ticks.append(Tick(tick_seconds, tick_dms, tick_users_info))
    wall = time.perf_counter() - wall

    print(f"\nseconds per tick (the four jobs){'':>14}  ticks      p50     p95     max    total")
    rows = [("no DM sent", [t for t in ticks if t.dms == 0]),
            ("  of which calling users.info/list", [t for t in ticks if t.dms == 0 and t.users_info]),
            ("  of which no Slack call at all", [t for t in ticks if t.dms == 0 and not t.users_info]),
            ("DMs sent", [t for t in ticks if t.dms])]
    for label, chosen in rows:
        print(f"  {label:<44} {len(chosen):>5}  {spread([t.seconds for t in chosen])}")
    total = sum(t.seconds for t in ticks)
    print(f"  all ticks: {total:.1f} s of jobs ({wall:.1f} s wall); inside the fake Slack's request handler"
          f" {handler.seconds:.1f} s ({handler.seconds / total:.0%})")

    print(f"\nseconds per call, by job{'':>21}  calls      p50     p95     max    total")
    for job in day_jobs:
        idle = [s for s, n in zip(job.seconds, job.sent_per_tick, strict=True) if n == 0]
        busy = [s for s, n in zip(job.seconds, job.sent_per_tick, strict=True) if n]
        print(f"  {job.name + ', nothing sent':<44} {len(idle):>5}  {spread(idle)}")
        print(f"  {job.name + ', sent':<44} {len(busy):>5}  {spread(busy)}")

    print("\nDMs sent per job: " + ", ".join(f"{job.name} {sum(job.sent_per_tick)}" for job in day_jobs)
          + f" (digests: {day_jobs[3].got[digest_rhythm.channel_id or '']} of them to the channel)")
    users = {p.user_id for p in people}
    concerned: list[tuple[Job, list[Person], Callable[[Person], int]]] = [
        (day_jobs[0], [p for p in people if p.commitments_due],
         lambda p: daily_expected(p.zone, settings, start, last)),
        (day_jobs[1], [p for p in people if p.leader], lambda p: daily_expected(p.zone, settings, start, last)),
        (day_jobs[2], people, lambda p: round_expected(pulse_series, p.zone, start, last, grace)),
        (day_jobs[3], [p for p in people if p.user_id in subscribers],
         lambda p: round_expected(digest_rhythm.series, p.zone, start, last, grace)),
    ]
    print("each person at most once a day (people concerned who got 0 / 1 / 2+ in the window; expected: from their"
          " zones' local times in the window)")
    for job, who, expected in concerned:
        concerned_ids = {p.user_id for p in who}
        others = sum(n for r, n in job.got.items() if r in users and r not in concerned_ids)
        twice = sum(1 for n in job.keys.values() if n > 1)
        wrong = sum(1 for p in who if job.got[p.user_id] != expected(p))
        print(f"  {job.name}: {len(who)} concerned; got {histogram([job.got[p.user_id] for p in who])};"
              f" expected {histogram([expected(p) for p in who])}; not as expected {wrong}; to anyone else {others};"
              f" same delivery posted twice {twice}")
    if digest_rhythm.channel_id:
        expected_posts = round_expected(digest_rhythm.series, digest_rhythm.series.timezone, start, last, grace)
        print(f"  digest channel {digest_rhythm.channel_id}: {day_jobs[3].got[digest_rhythm.channel_id]} posts"
              f" (expected {expected_posts})")

    print(f"\nusers.info + users.list calls: {sum(users_info_per_hour)} in {args.hours} h ({len(people) + 1} people in"
          " Slack);"
          f" per simulated hour p50 {statistics.median(users_info_per_hour):.0f}, max {max(users_info_per_hour)}")
    print("  by hour (UTC): " + ", ".join(f"{(start + timedelta(hours=h)):%H}h {n}"
                                          for h, n in enumerate(users_info_per_hour)))
    print("Slack calls by method: " + ", ".join(f"{m} {n}" for m, n in methods.most_common())
          + f"; refused {refused_calls}")


if __name__ == "__main__":
    main()
