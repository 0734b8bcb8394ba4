"""The scheduler's work in simulated time: when the console moves its clock, everything the real scheduler would have
done in between is done, in order, at the moments it would have been done.

It plans with the real scheduler's own planning (`schedules.scheduler.plan_all`: sync meetings and reminders,
shadowing rounds) and runs the real jobs of `schedules.jobs`, the clock set to each moment. The jobs the real scheduler
runs every minute (commitment and KPI reminders, pulse questions and digests at each reader's local time; shadowing
follow-ups; ask cards waiting for Slack) run at every `step` and at each planned job's moment. A local-time send is due
from its moment for the misfire grace (`ALINEA_MISFIRE_GRACE`), and steps as long as the grace (an hour at most), on
whole hours, fall exactly once in that time: each send goes once, at most a step after its moment (and the claims of
`bot.deliveries` would not let it go twice anyway)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

from bot.clock import FixedClock
from bot.deps import Deps
from schedules import jobs, runtime
from schedules.scheduler import PlannedJob, plan_all

# The jobs `schedules.scheduler.add_fixed_jobs` runs every minute (or every few): each looks for what is due now.
MINUTE_JOBS: tuple[Callable[[], None], ...] = (
    jobs.commitment_reminders, jobs.kpi_reminders, jobs.pulse_questions, jobs.digests, jobs.shadow_followups,
    jobs.post_waiting_cards,
)
LONGEST_STEP = timedelta(hours=1)
REPLAN_EVERY = timedelta(hours=1)  # besides after each planned job: the real scheduler reconciles every 30 seconds
_EPOCH = datetime(2000, 1, 3, tzinfo=UTC)  # a Monday at midnight: steps fall on whole hours (or parts of one)


class Clockwork:
    """Moves a `FixedClock` and does the scheduler's work on the way."""

    def __init__(self, deps: Deps, clock: FixedClock, step: timedelta | None = None) -> None:
        self.deps, self.clock = deps, clock
        grace = deps.settings.alinea_misfire_grace
        self.step = step or max(timedelta(minutes=1), min(LONGEST_STEP, grace))
        runtime.install(deps)  # the jobs find their dependencies here, as under the real scheduler

    def run_until(self, until: datetime, at_each: Callable[[datetime], None] | None = None) -> None:
        """Move the clock to `until` (never back), doing at each moment what the scheduler would have; `at_each` is
        told each moment, after what was due then ran."""
        at = self.clock.now()
        until = max(until, at)
        plan = _Plan(self.deps)
        self._tick(at, plan, at_each)
        while at < until:
            at = min([self._next_step(at), until, *plan.later_than(at)])
            self.clock.set(at)
            self._tick(at, plan, at_each)

    def _next_step(self, at: datetime) -> datetime:
        return _EPOCH + ((at - _EPOCH) // self.step + 1) * self.step

    def _tick(self, at: datetime, plan: _Plan, at_each: Callable[[datetime], None] | None) -> None:
        for job in plan.due(at):
            job.func(*job.args)
        for minute_job in MINUTE_JOBS:
            minute_job()
        if at_each is not None:
            at_each(at)


class _Plan:
    """The planned jobs (sync meetings and reminders, shadowing rounds) as `plan_all` gives them, planned again after
    each job run and every `REPLAN_EVERY`; each (job, arguments) runs once, as a date-triggered job does."""

    def __init__(self, deps: Deps) -> None:
        self.deps = deps
        self.ran: set[tuple[str, tuple[object, ...]]] = set()
        self.jobs: list[PlannedJob] = []
        self.planned_at: datetime | None = None

    def _at(self, at: datetime) -> list[PlannedJob]:
        if self.planned_at is None or at - self.planned_at >= REPLAN_EVERY:
            self._replan(at)
        return self.jobs

    def _replan(self, at: datetime) -> None:
        self.jobs = sorted((job for job in plan_all(self.deps, at) if (job.id, job.args) not in self.ran),
                           key=lambda job: job.run_at)
        self.planned_at = at

    def later_than(self, at: datetime) -> list[datetime]:
        return [job.run_at for job in self._at(at) if job.run_at > at]

    def due(self, at: datetime) -> Iterator[PlannedJob]:
        """The jobs due at `at`, in order, planned again after each (a job may make the next one due now)."""
        while True:
            due = [job for job in self._at(at) if job.run_at <= at]
            if not due:
                return
            self.ran.add((due[0].id, due[0].args))
            yield due[0]
            self._replan(at)
