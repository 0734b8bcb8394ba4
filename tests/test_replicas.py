"""Two `alinea run` processes on one PostgreSQL store: each due sync is posted exactly once, and when the
scheduler's leader is killed the other process takes over. Real processes and real time, so it waits (bounded)."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.simulator.workspace import SimulatedWorkspace
from storage import teams as team_repo
from storage.models import Sync
from tests.conftest import TEST_DATABASE_URL
from tests.helpers import ALINEA, child_environment, eventually, free_port, http

pytestmark = pytest.mark.skipif(not TEST_DATABASE_URL, reason="needs PostgreSQL (DATABASE_URL)")


def add_sync_due_now(workspace: SimulatedWorkspace, number: int, channel: str) -> None:
    """A weekly sync whose meeting was a minute ago (real time), so a scheduler posts it at once."""
    at = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(minutes=1)
    with workspace.deps.db.transaction() as session:
        ws = team_repo.workspace_id(session, "T0ALINEA", at)
        session.add(Sync(workspace_id=ws, number=number, name=f"Replica test {number}", anchor=at.date(),
                         at_minute=at.hour * 60 + at.minute, every_weeks=1, timezone="UTC",
                         participants=["UCARLA"], channel_id=channel, remind_hours=0, created_by="UCARLA",
                         created_at=at))


def start(workspace: SimulatedWorkspace, port: int, log: Path) -> subprocess.Popen:
    env = child_environment(SLACK_BOT_TOKEN="xoxb-replica", SLACK_SIGNING_SECRET="replica",
                            SLACK_API_URL=workspace.slack.api_url, DATABASE_URL=TEST_DATABASE_URL,
                            ALINEA_MISFIRE_GRACE="1h")
    return subprocess.Popen([*ALINEA, "run", "--port", str(port), "--host", "127.0.0.1"],
                            env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)


def scheduler_state(port: int) -> str | None:
    try:
        status, body = http("GET", f"http://127.0.0.1:{port}/healthz")
    except OSError:
        return None
    return json.loads(body)["scheduler"] if status == 200 else None


def agendas(workspace: SimulatedWorkspace, channel: str) -> list:
    return [c for c in workspace.slack.calls_to("chat.postMessage") if c.args.get("channel") == channel]


def test_two_replicas_post_each_sync_once_and_fail_over(workspace, tmp_path):
    workspace.add_person("carla")
    add_sync_due_now(workspace, 1, "CREPLICA1")
    ports = [free_port(), free_port()]
    processes = [start(workspace, port, tmp_path / f"replica{n}.log") for n, port in enumerate(ports)]
    try:
        def both_answer() -> list[str] | None:
            states = [scheduler_state(port) for port in ports]
            return None if None in states else states  # type: ignore[return-value]

        states = eventually(both_answer, timeout=60)
        assert sorted(states) == ["leader", "standby"]
        eventually(lambda: agendas(workspace, "CREPLICA1"), timeout=30)
        time.sleep(3)  # a second post, if there were to be one, would come now
        assert len(agendas(workspace, "CREPLICA1")) == 1

        leader = states.index("leader")
        processes[leader].send_signal(signal.SIGKILL)
        processes[leader].wait(timeout=10)
        survivor = ports[1 - leader]
        add_sync_due_now(workspace, 2, "CREPLICA2")
        eventually(lambda: scheduler_state(survivor) == "leader", timeout=30)
        eventually(lambda: agendas(workspace, "CREPLICA2"), timeout=40)
        time.sleep(3)
        assert len(agendas(workspace, "CREPLICA2")) == 1
        assert len(agendas(workspace, "CREPLICA1")) == 1
    finally:
        for process in processes:
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=20)
    logs = "".join(p.read_text() for p in tmp_path.glob("replica*.log"))
    assert "xoxb-replica" not in logs
