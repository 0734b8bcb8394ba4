"""The APScheduler scheduler: built on a job store in Alinea's own database, run only by the process holding the
leader lock, and kept in line with the store by `reconcile` (at start, every 30 seconds, and after each sync job).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import STATE_STOPPED
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.deliveries import round_finished
from bot.deps import Deps
from bot.recurrence import Series, next_occurrence, occurrences_between, period_key
from bot.shadowing import service as shadowing
from bot.shadowing.posts import rotation_job_id
from bot.syncs import service as syncs
from bot.syncs.models import SyncInfo
from bot.syncs.posts import meeting_job_id, reminder_job_id
from schedules import jobs, leader, runtime

log = logging.getLogger(__name__)

RECONCILE_EVERY = timedelta(seconds=30)
LOCK_CHECK_EVERY = 5.0  # seconds: a standby takes over within this after the leader's lock is freed
# Jobs reconcile plans (and removes when no longer needed); `pulse:` and `digest:` rounds are now sent by the
# minute jobs at each reader's own time, so jobs left of them by an older version are removed.
_PLANNED_PREFIXES = ("sync:", "sync-remind:", "rotation:", "pulse:", "digest:")
EVERY_MINUTE = timedelta(minutes=1)  # the jobs that send at each reader's local time look this often
FOLLOWUPS_EVERY = timedelta(minutes=15)
WAITING_CARDS_EVERY = timedelta(seconds=30)


class SchedulerConflict(Exception):
    """Another scheduler already runs on this store (SQLite cannot hand over; PostgreSQL waits instead)."""


@dataclass(frozen=True)
class PlannedJob:
    id: str
    func: Callable[..., None]
    args: tuple[Any, ...]
    run_at: datetime


def plan_sync(sync: SyncInfo, now: datetime, grace: timedelta, held: Callable[[datetime], bool],
              reminded: Callable[[datetime], bool]) -> list[PlannedJob]:
    """The jobs one sync needs now. Its meeting job is for the earliest meeting not yet posted that is less than
    `grace` late (a meeting missed while the bot was down), else the next one. Its reminder job is for the next
    upcoming meeting, at `remind_hours` before it, or right away when that moment has passed."""
    series = sync.series
    missed = [o for o in occurrences_between(series, now - grace, now + timedelta(microseconds=1)) if not held(o)]
    upcoming = next_occurrence(series, now)
    meeting = missed[0] if missed else upcoming
    planned = [PlannedJob(meeting_job_id(sync), jobs.sync_meeting, (sync.id, period_key(meeting)), meeting)]
    if sync.remind_hours > 0 and not reminded(upcoming):
        remind_at = max(upcoming - timedelta(hours=sync.remind_hours), now)
        planned.append(PlannedJob(reminder_job_id(sync), jobs.sync_reminder, (sync.id, period_key(upcoming)),
                                  remind_at))
    return planned


def plan_workspace_series(job_id: str, func: Callable[..., None], team_id: str, series: Series, now: datetime,
                          grace: timedelta, ran: Callable[[str], bool]) -> PlannedJob:
    """A workspace's next round of something recurring (shadowing rounds): one missed less than
    `grace` ago and not yet run, else the next one."""
    missed = [o for o in occurrences_between(series, now - grace, now + timedelta(microseconds=1))
              if not ran(period_key(o))]
    at = missed[0] if missed else next_occurrence(series, now)
    return PlannedJob(job_id, func, (team_id, period_key(at)), at)


def plan_all(deps: Deps, now: datetime) -> list[PlannedJob]:
    grace = deps.settings.alinea_misfire_grace
    planned: list[PlannedJob] = [
        plan_workspace_series(rotation_job_id(s.team_id), jobs.rotation_round, s.team_id, s.series, now, grace,
                              ran=lambda period, s=s: shadowing.round_exists(deps.db, s.team_id, period, now))
        for s in shadowing.settings_of(deps.db) if deps.installs.active(s.team_id)
    ]
    for sync in syncs.everything_active(deps.db):
        if not deps.installs.active(sync.team_id):
            continue
        planned += plan_sync(
            sync, now, grace,
            held=lambda at, s=sync: syncs.held(deps.db, s.id, at),
            reminded=lambda at, s=sync: round_finished(deps.db, reminder_job_id(s), period_key(at)),
        )
    return planned


class _Scheduler(BackgroundScheduler):
    """APScheduler's background scheduler, except that once shut down it touches no job: APScheduler 3's loop runs
    one more round after `shutdown`, which would run or delete jobs the next leader now owns."""

    def _process_jobs(self) -> float | None:
        if self.state == STATE_STOPPED:
            return None
        return super()._process_jobs()  # type: ignore[no-any-return]


def build(deps: Deps) -> BackgroundScheduler:
    """A scheduler whose jobs live in Alinea's database; it is not started."""
    return _Scheduler(
        jobstores={"default": SQLAlchemyJobStore(engine=deps.db.engine, tablename="apscheduler_jobs")},
        job_defaults={"coalesce": True, "max_instances": 1,
                      "misfire_grace_time": int(deps.settings.alinea_misfire_grace.total_seconds())},
        timezone="UTC",
    )


def add_fixed_jobs(scheduler: BackgroundScheduler, deps: Deps) -> None:
    """The jobs every workspace has: every minute, the sends due at each reader's own local time (commitment and KPI
    reminders, pulse questions, digests); the sweeps of shadowing follow-ups and of ask cards Slack was too busy to
    take; and the reconciliation."""
    for func, job_id in ((jobs.commitment_reminders, "commitment-reminders"), (jobs.kpi_reminders, "kpi-reminders"),
                         (jobs.pulse_questions, "pulse-questions"), (jobs.digests, "digests")):
        scheduler.add_job(func, IntervalTrigger(seconds=int(EVERY_MINUTE.total_seconds())), id=job_id,
                          next_run_time=deps.clock.now(), replace_existing=True)  # the first look right away
    scheduler.add_job(jobs.reconcile, IntervalTrigger(seconds=int(RECONCILE_EVERY.total_seconds())),
                      id="reconcile", replace_existing=True)
    scheduler.add_job(jobs.shadow_followups, IntervalTrigger(seconds=int(FOLLOWUPS_EVERY.total_seconds())),
                      id="shadow-followups", replace_existing=True)
    scheduler.add_job(jobs.post_waiting_cards, IntervalTrigger(seconds=int(WAITING_CARDS_EVERY.total_seconds())),
                      id="waiting-cards", replace_existing=True)


def reconcile(scheduler: BackgroundScheduler, deps: Deps, now: datetime) -> None:
    """Add the jobs the store needs, move the ones that changed, remove those of cancelled syncs."""
    planned = {job.id: job for job in plan_all(deps, now)}
    for job in scheduler.get_jobs():
        if job.id.startswith(_PLANNED_PREFIXES) and job.id not in planned:
            job.remove()
    for job in planned.values():
        existing = scheduler.get_job(job.id)
        if existing is not None and tuple(existing.args) == job.args and existing.next_run_time == job.run_at:
            continue
        scheduler.add_job(job.func, DateTrigger(run_date=job.run_at), id=job.id, args=job.args,
                          replace_existing=True)


class Runner:
    """Holds the leader lock and runs the scheduler while it does; otherwise waits as a standby."""

    def __init__(self, deps: Deps) -> None:
        self.deps = deps
        self.lock = leader.lock_for(deps.db.url)
        self.scheduler: BackgroundScheduler | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def state(self) -> str:
        """`leader`, `standby` or `stopped`, for /healthz."""
        if self._stop.is_set():
            return "stopped"
        return "leader" if self.scheduler is not None else "standby"

    def start(self) -> None:
        """Become the leader now if possible; on SQLite a held lock is a conflict, on PostgreSQL keep trying."""
        runtime.install(self.deps)
        if not self._try_lead() and not self.deps.db.url.startswith("postgresql"):
            raise SchedulerConflict("another Alinea scheduler is already running on this SQLite store; "
                                    "stop it, or start this process with --no-scheduler")
        self._thread = threading.Thread(target=self._watch, name="alinea-scheduler-lock", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._step_down()
        if self._thread is not None:
            self._thread.join(timeout=LOCK_CHECK_EVERY * 2)

    def _watch(self) -> None:
        while not self._stop.wait(LOCK_CHECK_EVERY):
            try:
                if self.scheduler is None:
                    self._try_lead()
                elif not self.lock.held():
                    log.warning("the scheduler lock was lost; standing by")
                    self._step_down()
            except Exception:
                log.exception("scheduler lock check failed; will try again")

    def _try_lead(self) -> bool:
        if not self.lock.acquire():
            return False
        scheduler = build(self.deps)
        scheduler.start()
        add_fixed_jobs(scheduler, self.deps)
        self.scheduler = scheduler
        self.deps.on_replan(lambda: reconcile(scheduler, self.deps, self.deps.clock.now()))
        reconcile(scheduler, self.deps, self.deps.clock.now())
        log.info("this process runs the scheduler")
        return True

    def _step_down(self) -> None:
        if self.scheduler is not None:
            self.deps.on_replan(None)
            self.scheduler.shutdown(wait=False)
            self.scheduler = None
        self.lock.release()
