"""Real processes SIGKILLed mid-work: a scheduler in the middle of a digest round, while Slack holds its answer to a
post the process had claimed (the next scheduler finishes the round, every recipient gets exactly one digest); and
`alinea run` in the middle of a burst of `/ask` (the next process, or a surviving replica, does the acknowledged work:
every acked ask stored once and answered once). Real processes and real time, so they wait (bounded)."""

from __future__ import annotations

import signal
import subprocess
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.simulator import payloads
from bot.simulator.workspace import SimulatedWorkspace
from storage import teams as team_repo
from storage.models import Ask, DigestSettings, DigestSubscriber, Member
from tests.conftest import TEST_DATABASE_URL
from tests.helpers import ALINEA, child_environment, digests_delivered, eventually, free_port, http, rows

TEAM = "T0ALINEA"
LEADERS = [f"UKILL{index:04d}" for index in range(8)]
CHANNEL = "CKILLDIGEST"


def digest_due_a_minute_ago(workspace: SimulatedWorkspace) -> None:
    at = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(minutes=1)
    for user_id in LEADERS:
        workspace.slack.add_user(user_id, user_id.lower(), tz="UTC")
    with workspace.deps.db.transaction() as session:
        ws = team_repo.workspace_id(session, TEAM, at)
        for user_id in LEADERS:
            session.add(Member(workspace_id=ws, user_id=user_id, side="it", role="leader", joined_at=at,
                               updated_at=at))
            session.add(DigestSubscriber(workspace_id=ws, user_id=user_id, subscribed_at=at))
        session.add(DigestSettings(workspace_id=ws, weekday=at.weekday(), at_minute=at.hour * 60 + at.minute,
                                   timezone="UTC", channel_id=CHANNEL, updated_by=LEADERS[0], updated_at=at))


def scheduler(workspace: SimulatedWorkspace, log: Path) -> subprocess.Popen:
    env = child_environment(SLACK_BOT_TOKEN="xoxb-kill", SLACK_API_URL=workspace.slack.api_url,
                            DATABASE_URL=workspace.deps.settings.database_url, ALINEA_MISFIRE_GRACE="1h")
    return subprocess.Popen([*ALINEA, "scheduler"], env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)


def test_a_scheduler_killed_mid_round_is_finished_by_the_next_without_doubles(workspace, tmp_path):
    digest_due_a_minute_ago(workspace)
    audience = [*LEADERS, CHANNEL]
    workspace.slack.slow("chat.postMessage", 1.0)  # each post is in Slack a second before the sender hears so
    first = scheduler(workspace, tmp_path / "first.log")
    try:
        eventually(lambda: sum(digests_delivered(workspace).values()) >= 4, timeout=60)
        first.send_signal(signal.SIGKILL)  # the 4th post is in Slack; its sender never learns it
        first.wait(timeout=10)
    finally:
        if first.poll() is None:
            first.kill()
    taken = digests_delivered(workspace)
    assert sum(taken.values()) == 4

    workspace.slack.slow("chat.postMessage", 0)
    second = scheduler(workspace, tmp_path / "second.log")
    try:
        eventually(lambda: set(digests_delivered(workspace)) == set(audience), timeout=60)
        time.sleep(2)  # a double, if there were to be one, would come now
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=20)
    got = digests_delivered(workspace)
    assert set(got) == set(audience) and set(got.values()) == {1}, (got, (tmp_path / "second.log").read_text())
    assert workspace.slack.calls_to("conversations.history")  # the unanswered post was looked up, not re-sent


# --- `alinea run` killed in the middle of a burst of requests -----------------------------------------------------

SECRET = "kill-signing-secret"
BURST = 120
SENDERS = 16


def serving(workspace: SimulatedWorkspace, port: int, log: Path) -> subprocess.Popen:
    env = child_environment(SLACK_BOT_TOKEN="xoxb-kill", SLACK_SIGNING_SECRET=SECRET,
                            SLACK_API_URL=workspace.slack.api_url,
                            DATABASE_URL=workspace.deps.settings.database_url)
    return subprocess.Popen([*ALINEA, "run", "--port", str(port), "--host", "127.0.0.1", "--no-scheduler"],
                            env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)


def answering(port: int) -> bool:
    try:
        return http("GET", f"http://127.0.0.1:{port}/healthz")[0] == 200
    except OSError:
        return False


def burst(workspace: SimulatedWorkspace, ports: list[int], user_id: str) -> list[tuple[str, str, bool]]:
    """`BURST` signed `/ask` commands from `SENDERS` threads, spread over `ports`: (title, response_url, acked)."""
    requests = [(f"Burst ask {n:03d}", workspace.slack.response_url(), ports[n % len(ports)]) for n in range(BURST)]

    def send(request: tuple[str, str, int]) -> tuple[str, str, bool]:
        title, url, port = request
        body = payloads.slash_command("/ask", title, user_id, url)
        headers = payloads.signature_headers(SECRET, body) | {"Content-Type": payloads.FORM}
        try:
            status, _ = http("POST", f"http://127.0.0.1:{port}/slack/events", body, headers)
        except OSError:
            return title, url, False
        return title, url, status == 200

    with ThreadPoolExecutor(SENDERS) as pool:
        return list(pool.map(send, requests))


def stored_titles(workspace: SimulatedWorkspace) -> Counter[str]:
    return Counter(ask.title for ask in rows(workspace.deps.db, Ask))


def parked(workspace: SimulatedWorkspace, count: int) -> bool:
    """At least `count` requests are working, each held by Slack while it posts their card: the ask is stored and
    the card is in the channel, but the process has not heard so, and the person is not answered yet."""
    return len(workspace.slack.calls_to("chat.postMessage")) >= count


def assert_each_acked_ask_stored_and_answered_once(workspace: SimulatedWorkspace,
                                                   sent: list[tuple[str, str, bool]]) -> None:
    acked = [(title, url) for title, url, ok in sent if ok]
    stored = stored_titles(workspace)
    assert [title for title, _url in acked if stored[title] != 1] == []
    assert [url for _title, url in acked if len(workspace.slack.replies_to(url)) != 1] == []
    cards = Counter(message["text"] for message in workspace.slack.history.get(payloads.DEFAULT_CHANNEL, []))
    assert [text for text, times in cards.items() if times != 1] == []  # one card per ask


def seat_requester(workspace: SimulatedWorkspace) -> str:
    requester = workspace.add_person("sam")
    with workspace.deps.db.transaction() as session:
        ws = team_repo.workspace_id(session, TEAM, datetime.now(UTC))
        session.add(Member(workspace_id=ws, user_id=requester, side="marketing", role="member",
                           joined_at=datetime.now(UTC), updated_at=datetime.now(UTC)))
    return requester


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        process.wait(timeout=30)


def test_a_process_killed_mid_burst_leaves_every_acked_ask_to_the_next_one(workspace, tmp_path):
    requester = seat_requester(workspace)
    port = free_port()
    workspace.slack.slow("chat.postMessage", 120)  # the work of the first asks waits in Slack when the kill comes
    first = serving(workspace, port, tmp_path / "first.log")
    try:
        eventually(lambda: answering(port), timeout=60)
        with ThreadPoolExecutor(1) as background:
            sending = background.submit(burst, workspace, [port], requester)
            eventually(lambda: parked(workspace, 4), timeout=60)
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=10)
            sent = sending.result(timeout=120)
    finally:
        if first.poll() is None:
            first.kill()
    acked = sum(ok for _title, _url, ok in sent)
    assert 4 <= acked, (tmp_path / "first.log").read_text()
    answered_before = sum(len(workspace.slack.replies_to(url)) for _title, url, _ok in sent)
    assert answered_before < acked  # the kill left acknowledged work undone

    workspace.slack.slow("chat.postMessage", 0)
    second = serving(workspace, port, tmp_path / "second.log")
    try:
        eventually(lambda: all(workspace.slack.replies_to(url) for _title, url, ok in sent if ok), timeout=90)
        time.sleep(3)  # a double, if there were to be one, would come now
    finally:
        stop(second)
    assert_each_acked_ask_stored_and_answered_once(workspace, sent)


@pytest.mark.skipif(not TEST_DATABASE_URL, reason="two replicas share a PostgreSQL store")
def test_a_replica_killed_mid_burst_leaves_its_acked_asks_to_the_survivor(workspace, tmp_path):
    requester = seat_requester(workspace)
    ports = [free_port(), free_port()]
    replicas = [serving(workspace, port, tmp_path / f"replica{n}.log") for n, port in enumerate(ports)]
    try:
        for port in ports:
            eventually(lambda port=port: answering(port), timeout=60)
        workspace.slack.slow("chat.postMessage", 120)
        with ThreadPoolExecutor(1) as background:
            sending = background.submit(burst, workspace, ports, requester)
            eventually(lambda: parked(workspace, 8), timeout=60)  # both replicas' work waits in Slack
            replicas[0].send_signal(signal.SIGKILL)
            replicas[0].wait(timeout=10)
            workspace.slack.slow("chat.postMessage", 0)  # the survivor's held work goes on
            sent = sending.result(timeout=120)
        eventually(lambda: all(workspace.slack.replies_to(url) for _title, url, ok in sent if ok), timeout=90)
        time.sleep(3)
    finally:
        for replica in replicas:
            if replica.poll() is None:
                replica.kill() if replica is replicas[0] else stop(replica)
    assert_each_acked_ask_stored_and_answered_once(workspace, sent)
