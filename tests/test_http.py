"""The HTTP side as Slack sees it: signed requests to /slack/events through waitress, and /healthz."""

from __future__ import annotations

import dataclasses
import errno
import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.app import create_app
from bot.deps import URGENT_THREADS, WORK_THREADS
from bot.simulator import payloads
from bot.simulator.fake_slack import Call
from bot.simulator.workspace import SimulatedWorkspace
from bot.web import http_server
from storage.db import Database
from storage.models import Ask
from tests.helpers import eventually, http


@pytest.fixture
def server(workspace: SimulatedWorkspace) -> Iterator[str]:
    """The production stack: the App with Bolt's own thread pool, behind waitress on a free port."""
    app = create_app(workspace.deps)
    srv = http_server(app, workspace.deps, "127.0.0.1", 0, scheduler_state=lambda: "off")
    serve_in_background(srv)
    yield f"http://127.0.0.1:{srv.effective_port}"
    srv.close()


def serve_in_background(srv) -> None:  # type: ignore[no-untyped-def]
    """Run the server on a daemon thread until the test closes it (closing it under the running loop's `select`
    makes that raise EBADF, which is the loop ending, not an error)."""

    def run() -> None:
        try:
            srv.run()
        except OSError as error:
            if error.errno != errno.EBADF:
                raise

    threading.Thread(target=run, daemon=True).start()


def post_command(server: str, workspace: SimulatedWorkspace, user: str, line: str, *, secret: str | None = None,
                 timestamp: int | None = None) -> tuple[int, str]:
    command, _, text = line.partition(" ")
    body = payloads.slash_command(command, text, user, workspace.slack.response_url())
    headers = payloads.signature_headers(secret or workspace.signing_secret, body, timestamp)
    return http("POST", server + "/slack/events", body, headers | {"Content-Type": payloads.FORM})


def test_a_signed_command_is_acked_then_answered_with_valid_blocks(server, workspace):
    sam = workspace.add_person("sam")
    status, _ = post_command(server, workspace, sam, "/alinea join it")
    assert status == 200
    reply = eventually(lambda: workspace.slack.calls_to("response_url"))
    assert "You are now on the *IT* side" in reply[0].args["text"]
    assert reply[0].error is None


def test_a_bad_signature_gets_401_and_does_nothing(server, workspace):
    sam = workspace.add_person("sam")
    status, _ = post_command(server, workspace, sam, "/alinea join it", secret="not-the-secret")
    assert status == 401
    assert workspace.slack.calls_to("response_url") == []


def test_a_six_minute_old_request_gets_401(server, workspace):
    sam = workspace.add_person("sam")
    status, _ = post_command(server, workspace, sam, "/alinea join it", timestamp=int(time.time()) - 6 * 60)
    assert status == 401


def test_an_unsigned_request_gets_401(server, workspace):
    body = payloads.slash_command("/alinea", "help", "USAM", workspace.slack.response_url())
    assert http("POST", server + "/slack/events", body, {"Content-Type": payloads.FORM})[0] == 401


def test_url_verification_is_answered(server, workspace):
    body = json.dumps({"type": "url_verification", "challenge": "abc123", "token": "unused"})
    headers = payloads.signature_headers(workspace.signing_secret, body) | {"Content-Type": payloads.JSON}
    status, answer = http("POST", server + "/slack/events", body, headers)
    assert status == 200 and "abc123" in answer


def test_healthz_reports_the_store_and_scheduler(server):
    status, body = http("GET", server + "/healthz")
    assert status == 200
    assert json.loads(body) == {"status": "ok", "store": "ok", "scheduler": "off"}


def test_healthz_says_503_when_the_store_is_unreachable(server, workspace):
    workspace.deps.db = Database("sqlite:////nonexistent/dir/alinea.db")
    status, body = http("GET", server + "/healthz")
    assert status == 503
    assert json.loads(body)["store"] == "unreachable"


def test_healthz_answers_503_within_a_second_while_the_store_is_locked(server, workspace):
    if not workspace.deps.db.is_sqlite:
        pytest.skip("SQLite's file lock")
    workspace.deps.db.engine.dispose()  # new connections must wait for the lock, as a busy process's would
    path = workspace.deps.db.engine.url.database
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("PRAGMA locking_mode=EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("CREATE TABLE held (id INTEGER)")  # now nobody else may even read
        started = time.monotonic()
        status, body = http("GET", server + "/healthz")
        took = time.monotonic() - started
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert status == 503 and json.loads(body)["store"] == "slow" and took < 3, (status, body, took)


def test_other_paths_are_404(server):
    assert http("GET", server + "/")[0] == 404
    assert http("GET", server + "/slack/events")[0] == 404


@pytest.mark.parametrize("body", ["{", "{'a': 1}", "[1,", '{"type": "event_callback", "event": '])
def test_malformed_json_bodies_get_400_not_500(server, workspace, body):
    headers = payloads.signature_headers("not-the-secret", body) | {"Content-Type": payloads.JSON}
    assert http("POST", server + "/slack/events", body, headers)[0] in (400, 401)
    assert workspace.slack.calls_to("response_url") == []


class GatedPool(Executor):
    """A work pool whose work waits until the test opens the gate."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        self._pool = ThreadPoolExecutor(4)

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        def gated() -> Any:
            self.gate.wait(30)
            return fn(*args, **kwargs)

        return self._pool.submit(gated)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self.gate.set()
        self._pool.shutdown(wait=wait, cancel_futures=cancel_futures)


def test_acks_and_modals_never_wait_for_the_work_queued_before_them(workspace):
    """Listeners ack and queue their work: with the work held back, many more commands than there are threads
    anywhere are all acked, and a modal still opens (modals have a pool of their own); once the work runs, every ask
    is filed and answered."""
    sam = workspace.add_person("sam")
    workspace.command(sam, "/alinea join marketing")
    pool, urgent = GatedPool(), ThreadPoolExecutor(URGENT_THREADS)
    app = create_app(dataclasses.replace(workspace.deps, work=pool, urgent=urgent))
    srv = http_server(app, workspace.deps, "127.0.0.1", 0, scheduler_state=lambda: "off")
    serve_in_background(srv)
    url = f"http://127.0.0.1:{srv.effective_port}"
    count = 3 * (WORK_THREADS + URGENT_THREADS + 8)  # 8: the HTTP server's threads
    mark = workspace.slack.mark()
    try:
        statuses = [post_command(url, workspace, sam, f"/ask it Fix the form number {n}")[0] for n in range(count)]
        assert statuses == [200] * count
        assert post_command(url, workspace, sam, "/ask")[0] == 200
        assert eventually(lambda: [call.method for call in workspace.slack.since(mark)] == ["views.open"])
        time.sleep(0.2)
        assert [call.method for call in workspace.slack.since(mark)] == ["views.open"]  # nothing else ran yet

        pool.gate.set()

        def replies() -> list[str]:
            return [call.args.get("text", "") for call in workspace.slack.since(mark) if call.method == "response_url"]

        assert eventually(lambda: len(replies()) == count, timeout=60)
        assert [text for text in replies() if "A-" not in text] == []
        with workspace.deps.db.transaction() as session:
            assert session.scalar(select(func.count()).select_from(Ask)) == count

        # Sam's Home follows the burst: refreshed after the work, a few times rather than once per ask, and the last
        # one published shows the newest ask.
        def homes() -> list[Call]:
            return [call for call in workspace.slack.since(mark) if call.method == "views.publish"]

        assert eventually(lambda: homes() and f"*A-{count}*" in json.dumps(homes()[-1].args["view"]), timeout=30)
        assert len(homes()) < count // 4
    finally:
        pool.shutdown()
        urgent.shutdown()
        srv.close()
