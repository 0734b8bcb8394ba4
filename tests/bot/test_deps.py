"""What the pools of `Deps` promise: coalesced tasks (App Home refreshes) run once for requests that come together
and again for a request made after one started; acks go before the work (`AcksFirst`)."""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from bot.deps import AcksFirst, Deps
from bot.workspaces import current, working_for


@pytest.fixture
def pool():
    """One thread, held by a first task until the test lets it go, so what is submitted queues up behind it."""
    executor, gate = ThreadPoolExecutor(1), threading.Event()
    executor.submit(gate.wait)
    yield executor, gate
    gate.set()
    executor.shutdown(wait=True)


def deps_on(executor: Any) -> Deps:
    return Deps(settings=None, db=None, clock=None, client=None, directory=None,  # type: ignore[arg-type]
                installs=None, work=executor, urgent=executor)  # type: ignore[arg-type]


def test_requests_that_come_together_run_the_task_once_per_key(pool):
    executor, gate = pool
    deps, ran = deps_on(executor), []
    for user in ["U1", "U1", "U2", "U1", "U2"]:
        deps.coalesced(("home", "T1", user), lambda user=user: ran.append(user))
    gate.set()
    executor.shutdown(wait=True)
    assert sorted(ran) == ["U1", "U2"]


def test_the_task_runs_as_work_about_its_callers_workspace(pool):
    """A Home refresh queued by a request's work runs on another thread, with that workspace's token."""
    executor, gate = pool
    deps, seen = deps_on(executor), []
    with working_for("T1"):
        deps.coalesced(("home", "T1", "U1"), lambda: seen.append(current()))
    deps.coalesced(("home", "T2", "U2"), lambda: seen.append(current()))
    gate.set()
    executor.shutdown(wait=True)
    assert seen == ["T1", None]


def test_a_request_made_while_the_task_runs_runs_it_again(pool):
    executor, gate = pool
    deps, ran, started, finish = deps_on(executor), [], threading.Event(), threading.Event()

    def first() -> None:
        started.set()
        finish.wait(10)
        ran.append("first")

    deps.coalesced("home", first)
    gate.set()
    assert started.wait(10)
    deps.coalesced("home", lambda: ran.append("second"))  # a change after the first one read the store
    deps.coalesced("home", lambda: ran.append("third"))  # coalesced with the second
    finish.set()
    executor.shutdown(wait=True)
    assert ran == ["first", "second"]


def test_a_failing_task_is_logged_and_the_next_ones_run(pool, caplog):
    executor, gate = pool
    deps, ran = deps_on(executor), []

    def fail() -> None:
        raise RuntimeError("Slack is down")

    deps.coalesced("a", fail)
    deps.coalesced("b", lambda: ran.append("b"))
    with caplog.at_level(logging.ERROR, logger="bot.deps"):
        gate.set()
        executor.shutdown(wait=True)
    assert ran == ["b"] and "Slack is down" in caplog.text


def test_work_pauses_while_a_request_is_being_acked(monkeypatch):
    monkeypatch.setattr(AcksFirst, "LONGEST_PAUSE", 60.0)  # long enough that only the ack's end lets the work go
    acks, events, acking, paused = AcksFirst(), [], threading.Event(), threading.Event()

    def work() -> None:
        acking.wait(10)
        paused.set()
        acks.pause()
        events.append("work")

    worker = threading.Thread(target=work)
    worker.start()
    with acks.acking():
        acking.set()
        paused.wait(10)
        time.sleep(0.2)  # the work is in its pause by now: were it not held, it would have gone first
        events.append("ack")
    worker.join(10)
    assert events == ["ack", "work"]
    acks.pause()  # nothing being acked: returns at once (or this test would take a minute)
    with acks.acking():
        acks.pause()  # work run inline by the thread acking (the console, the tests) does not wait for itself
