"""A real scheduler process SIGKILLed in the middle of a digest round, while Slack holds its answer to a post the
process had claimed: the next scheduler finishes the round, and every recipient gets exactly one digest.
Real processes and real time, so it waits (bounded)."""

from __future__ import annotations

import signal
import subprocess
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.simulator.workspace import SimulatedWorkspace
from storage import teams as team_repo
from storage.models import DigestSettings, DigestSubscriber, Member
from tests.helpers import ALINEA, child_environment, digests_delivered, eventually

TEAM = "T0ALINEA"
LEADERS = [f"UKILL{index:04d}" for index in range(8)]
CHANNEL = "CKILLDIGEST"


def digest_due_a_minute_ago(workspace: SimulatedWorkspace) -> None:
    at = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(minutes=1)
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
