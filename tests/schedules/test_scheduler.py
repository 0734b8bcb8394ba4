"""Planning sync jobs with a fixed clock, reconciling a real APScheduler with the store, and the leader lock."""

from __future__ import annotations

import time as clock_time
from datetime import date, datetime, time, timedelta

import pytest
from apscheduler.triggers.date import DateTrigger

from bot.recurrence import period_key
from bot.syncs import posts as sync_posts
from bot.syncs import service as syncs
from bot.syncs.models import SyncInfo
from schedules import jobs, runtime, scheduler
from schedules.scheduler import Runner, SchedulerConflict, plan_sync
from tests.conftest import TEST_DATABASE_URL
from tests.helpers import utc

GRACE = timedelta(hours=1)


def series(**changes) -> SyncInfo:
    values = dict(id=1, team_id="T1", number=1, name="CMO–CIO", anchor=date(2026, 10, 26), at=time(9, 0),
                  every_weeks=1, timezone="America/New_York", participants=["UCARLA", "UIVO"], channel_id=None,
                  remind_hours=24, created_by="UCARLA", cancelled=False)
    return SyncInfo(**(values | changes))


def meeting_job(sync: SyncInfo, now: datetime, held=lambda at: False, reminded=lambda at: False):
    planned = plan_sync(sync, now, GRACE, held, reminded)
    return planned[0], planned[1:]


def test_a_weekly_sync_keeps_its_wall_clock_time_across_the_dst_change():
    sync = series()  # Mondays 09:00 in New York; DST ends on Sunday 2026-11-01
    before, _ = meeting_job(sync, utc(2026, 10, 21))
    after, _ = meeting_job(sync, utc(2026, 10, 28))
    assert before.run_at == utc(2026, 10, 26, 13, 0)  # 09:00 EDT
    assert after.run_at == utc(2026, 11, 2, 14, 0)  # 09:00 EST
    assert after.id == "sync:T1:S-1" and after.args == (1, "2026-11-02T14:00:00+00:00")


def test_every_two_weeks_keeps_its_parity():
    sync = series(anchor=date(2026, 11, 30), every_weeks=2)
    job, _ = meeting_job(sync, utc(2026, 12, 1))
    assert job.run_at == utc(2026, 12, 14, 14, 0)
    job, _ = meeting_job(sync, utc(2026, 12, 15))
    assert job.run_at == utc(2026, 12, 28, 14, 0)


def test_a_meeting_missed_within_the_grace_is_still_posted():
    sync = series()
    at = utc(2026, 11, 2, 14, 0)
    job, _ = meeting_job(sync, at + timedelta(minutes=59))
    assert job.run_at == at  # APScheduler runs a job this late at once: it is within the misfire grace


def test_a_meeting_missed_beyond_the_grace_is_skipped():
    sync = series()
    job, _ = meeting_job(sync, utc(2026, 11, 2, 14, 0) + timedelta(minutes=61))
    assert job.run_at == utc(2026, 11, 9, 14, 0)


def test_a_meeting_already_posted_is_not_planned_again():
    sync = series()
    at = utc(2026, 11, 2, 14, 0)
    job, _ = meeting_job(sync, at + timedelta(minutes=5), held=lambda when: when == at)
    assert job.run_at == utc(2026, 11, 9, 14, 0)


def test_the_reminder_comes_its_hours_before_or_at_once_and_only_once():
    sync = series()
    _, [reminder] = meeting_job(sync, utc(2026, 10, 28))
    assert (reminder.id, reminder.run_at) == ("sync-remind:T1:S-1", utc(2026, 11, 1, 14, 0))
    late = utc(2026, 11, 2, 10, 0)  # the sync was scheduled four hours before its first meeting
    _, [reminder] = meeting_job(sync, late)
    assert reminder.run_at == late
    _, none = meeting_job(sync, late, reminded=lambda at: True)
    assert none == []
    _, none = meeting_job(series(remind_hours=0), late)
    assert none == []


@pytest.fixture
def paused(workspace):
    """A real APScheduler on the test store, started paused so its jobs can be read but never run."""
    runtime.install(workspace.deps)
    built = scheduler.build(workspace.deps)
    built.start(paused=True)
    yield built
    built.shutdown(wait=False)


@pytest.fixture
def leaders(workspace, people):
    people["carla"] = workspace.add_person("carla", tz="America/New_York")
    workspace.command(people["owner"], "/alinea team add @carla marketing leader")
    return people


def test_reconcile_adds_moves_and_removes_jobs_in_the_database(workspace, leaders, paused, clock):
    workspace.command(leaders["carla"], '/sync schedule "CMO–CIO" mon 09:00 with @ivan')
    scheduler.add_fixed_jobs(paused, workspace.deps)
    scheduler.reconcile(paused, workspace.deps, clock.now())
    ids = {job.id: job for job in paused.get_jobs()}
    assert set(ids) == {"commitment-reminders", "kpi-reminders", "pulse-questions", "digests", "reconcile",
                        "shadow-followups", "waiting-cards",
                        "sync:T0ALINEA:S-1", "sync-remind:T0ALINEA:S-1"}
    assert ids["sync:T0ALINEA:S-1"].next_run_time == utc(2026, 11, 30, 14, 0)
    assert ids["sync:T0ALINEA:S-1"].func is jobs.sync_meeting
    assert str(ids["commitment-reminders"].trigger) == "interval[0:01:00]"  # each person's 09:00 is looked for
    assert str(ids["kpi-reminders"].trigger) == str(ids["commitment-reminders"].trigger)
    assert ids["kpi-reminders"].func is jobs.kpi_reminders
    scheduler.reconcile(paused, workspace.deps, clock.now())  # nothing changes twice
    assert {job.id for job in paused.get_jobs()} == set(ids)
    workspace.command(leaders["carla"], "/sync cancel S-1")
    scheduler.reconcile(paused, workspace.deps, clock.now())
    assert {job.id for job in paused.get_jobs()} == {"commitment-reminders", "kpi-reminders", "pulse-questions",
                                                     "digests", "reconcile", "shadow-followups", "waiting-cards"}


def test_a_restart_does_not_post_a_meeting_twice(workspace, leaders, paused, clock):
    workspace.command(leaders["carla"], '/sync schedule "CMO–CIO" mon 09:00 with @ivan')
    sync = syncs.get(workspace.deps.db, "T0ALINEA", 1, clock.now())
    at = sync.next_meeting(clock.now())
    clock.set(at + timedelta(minutes=10))
    assert sync_posts.post_agenda(workspace.deps, sync.id, at, clock.now()) is True
    # The process restarts ten minutes later, within the grace: the posted meeting is not planned again.
    clock.advance(timedelta(minutes=10))
    scheduler.reconcile(paused, workspace.deps, clock.now())
    assert paused.get_job("sync:T0ALINEA:S-1").next_run_time == at + timedelta(weeks=1)
    jobs.sync_meeting(sync.id, period_key(at))  # an old job still in flight
    agendas = [c for c in workspace.slack.calls_to("chat.postMessage") if "CMO–CIO" in c.args["text"]]
    assert len(agendas) == 1


def test_a_failed_post_is_retried_within_the_grace(workspace, leaders, paused, clock):
    workspace.command(leaders["carla"], '/sync schedule "CMO–CIO" mon 09:00 with @ivan in:<#CLEAD|lead>')
    sync = syncs.get(workspace.deps.db, "T0ALINEA", 1, clock.now())
    at = sync.next_meeting(clock.now())
    clock.set(at)
    workspace.slack.fail("chat.postMessage", error="channel_not_found")
    with pytest.raises(Exception, match="channel_not_found"):
        sync_posts.post_agenda(workspace.deps, sync.id, at, clock.now())
    clock.advance(timedelta(minutes=30))
    scheduler.reconcile(paused, workspace.deps, clock.now())
    assert paused.get_job("sync:T0ALINEA:S-1").next_run_time == at  # still due: the claim was given back
    assert sync_posts.post_agenda(workspace.deps, sync.id, at, clock.now()) is True


def test_a_second_scheduler_on_sqlite_is_refused(workspace):
    if TEST_DATABASE_URL:
        pytest.skip("SQLite's file lock; PostgreSQL hands over instead (next test)")
    first = Runner(workspace.deps)
    first.start()
    try:
        assert first.state == "leader"
        with pytest.raises(SchedulerConflict, match="already running on this SQLite store"):
            Runner(workspace.deps).start()
    finally:
        first.stop()
    again = Runner(workspace.deps)
    again.start()
    assert again.state == "leader"
    again.stop()


def test_on_postgresql_a_standby_takes_over_when_the_leader_goes(workspace, monkeypatch):
    if not TEST_DATABASE_URL:
        pytest.skip("needs PostgreSQL (DATABASE_URL)")
    monkeypatch.setattr(scheduler, "LOCK_CHECK_EVERY", 0.2)
    first, second = Runner(workspace.deps), Runner(workspace.deps)
    first.start()
    second.start()
    try:
        assert (first.state, second.state) == ("leader", "standby")
        first.stop()
        deadline = clock_time.monotonic() + 10
        while second.state != "leader" and clock_time.monotonic() < deadline:
            clock_time.sleep(0.05)
        assert second.state == "leader"
    finally:
        first.stop()
        second.stop()


@pytest.mark.filterwarnings("error::pytest.PytestUnhandledThreadExceptionWarning")
def test_a_stopped_scheduler_leaves_its_due_jobs_to_the_next_leader(workspace):
    """APScheduler runs one more round after `shutdown`; a leader that stops (or loses its lock) runs and deletes
    nothing in it, so a job that falls due at that moment is the next leader's."""
    runtime.install(workspace.deps)
    stopping = scheduler.build(workspace.deps)
    stopping.start(paused=True)
    stopping.add_job(jobs.shadow_followups, DateTrigger(run_date=utc(2026, 1, 1)), id="due")
    stopping.shutdown(wait=True)  # returns once its loop has ended
    next_leader = scheduler.build(workspace.deps)
    next_leader.start(paused=True)
    try:
        assert [job.id for job in next_leader.get_jobs()] == ["due"]
    finally:
        next_leader.shutdown(wait=False)
