"""Benchmark for bot/pacing.py (not a test): how long a fan-out takes in Slack time when every call is paced.

First, the pacer alone on a simulated clock: N calls of each tier's methods made back to back, against the least
time Slack's documented limits allow them in (unpaced, they all go at once and meet 429s). Then the real fan-outs through the App's
sending path against the fake Slack enforcing Slack's limits on the same simulated clock (as
tests/bot/test_pacing.py does): N DMs (`bot.deliveries.post_once`) and a pulse round to N members (each member's
language looked up with `users.info`, then asked). No time is really waited: the pacer sleeps on the simulated clock.

    .venv/bin/python bench/pacing.py [--dms N]
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from slack_sdk.http_retry import builtin_handlers, handler  # noqa: E402

from bot.blocks import Message  # noqa: E402
from bot.clock import FixedClock  # noqa: E402
from bot.deliveries import each, post_once  # noqa: E402
from bot.deps import build_deps  # noqa: E402
from bot.pacing import LIMITS, POST_PER_CHANNEL, Pacer, SimulatedTime  # noqa: E402
from bot.pulse import posts as pulse_posts  # noqa: E402
from bot.simulator.workspace import SimulatedWorkspace  # noqa: E402
from storage import teams as team_repo  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.models import Member  # noqa: E402

TEAM = "T0ALINEA"
NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
# What Slack documents, as the fake enforces it: the floor of each method's tier per minute (chat.postMessage's
# workspace-wide "several hundred" taken as 300), and posts one a second in a conversation after a burst of 3.
SLACK_PER_MINUTE = {"chat.postMessage": 300, "users.info": 100, "users.list": 20, "conversations.open": 50,
                    "conversations.history": 50, "chat.update": 50, "views.publish": 100}
ROWS = [  # label, method, channel of each call (None: not per channel), Slack's documented floor a minute
    ("Tier 2: users.list", "users.list", None, 20),
    ("Tier 3: conversations.open, chat.update", "conversations.open", None, 50),
    ("Tier 4: users.info, views.publish", "users.info", None, 100),
    ("chat.postMessage, DMs to N people", "chat.postMessage", "each", 300),
    ("chat.postMessage, N posts in one channel", "chat.postMessage", "CGENERAL", 60),
]


def least_slack_allows(calls: int, per_minute: int) -> float:
    """The least time `calls` take when no 60-second window may hold more than `per_minute` of them."""
    return (math.ceil(calls / per_minute) - 1) * 60.0


def pacer_alone(calls: int) -> None:
    print(f"the pacer alone, {calls} calls back to back (Slack time, seconds)")
    print(f"  {'':<44} {'burst':>5} {'then/min':>8} {'paced':>8} {'Slack least':>11}")
    for label, method, channel, floor in ROWS:
        clock = SimulatedTime()
        pacer = Pacer(now=clock.now, sleep=clock.sleep)
        for n in range(calls):
            pacer.wait(method, f"U{n:06d}" if channel == "each" else channel)
        limit = POST_PER_CHANNEL if channel == "CGENERAL" else LIMITS[method]
        least = least_slack_allows(calls, floor) if channel != "CGENERAL" else calls - 3.0
        print(f"  {label:<44} {limit.burst:>5} {60 / limit.interval:>8.0f} {clock.now():>8.1f} {least:>11.1f}")


def through_the_fake(members: int) -> None:
    print(f"\nthrough the App's sending path, the fake Slack enforcing Slack's limits ({members} people)")
    with tempfile.TemporaryDirectory(prefix="alinea-bench-") as folder:
        url = f"sqlite:///{Path(folder) / 'pacing.db'}"
        Database(url).upgrade()
        for label, fan_out in (("DMs (post_once)", send_dms), ("pulse round (users.info + DM)", pulse_round)):
            workspace = SimulatedWorkspace(url, clock=FixedClock(NOW))
            try:
                clock = SimulatedTime()
                builtin_handlers.time = handler.time = SimpleNamespace(sleep=clock.sleep)  # type: ignore[attr-defined]
                workspace.slack.enforce_rate_limits(now=clock.now, per_workspace_per_minute=SLACK_PER_MINUTE)
                users = seat(workspace, members, label)
                deps = build_deps(workspace.deps.settings, clock=workspace.deps.clock, db=workspace.deps.db,
                                  inline=True, pacer=Pacer(now=clock.now, sleep=clock.sleep))
                del workspace.slack.calls[:]
                began = time.perf_counter()
                fan_out(deps, users)
                wall = time.perf_counter() - began
                methods = Counter(call.method for call in workspace.slack.calls if call.error is None)
                refused = sum(1 for call in workspace.slack.calls if call.error == "http_429")
                print(f"  {label:<32} DMs {methods['chat.postMessage']}, Slack time {clock.now():.1f} s ({clock.now() / 60:.1f} min),"
                      f" 429s {refused}, wall {wall:.1f} s; calls: "
                      + ", ".join(f"{method} {count}" for method, count in methods.most_common()))
            finally:
                workspace.close()


def seat(workspace: SimulatedWorkspace, members: int, label: str) -> list[str]:
    prefix = "UD" if label.startswith("DMs") else "UP"
    users = [f"{prefix}{index:06d}" for index in range(members)]
    for user_id in users:
        workspace.slack.add_user(user_id, user_id.lower())
    with workspace.deps.db.transaction() as session:
        ws = team_repo.workspace_id(session, TEAM, NOW)
        session.add_all(Member(workspace_id=ws, user_id=user_id, side="it", role="member", joined_at=NOW,
                               updated_at=NOW) for user_id in users)
    return users


def send_dms(deps, users: list[str]) -> None:  # type: ignore[no-untyped-def]
    msg = Message(text="The team's week, in one message.")
    each(deps, users, lambda user_id: post_once(deps, "bench", user_id, "week-1", NOW, msg), "the bench",
                team=lambda _user_id: TEAM)


def pulse_round(deps, users: list[str]) -> None:  # type: ignore[no-untyped-def]
    pulse_posts.run_round(deps, TEAM, None, NOW, only=set(users))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dms", type=int, default=500, help="how many calls, DMs and members (default 500)")
    args = parser.parse_args()
    if args.dms < 1:
        parser.error("--dms must be at least 1")
    pacer_alone(args.dms)
    through_the_fake(args.dms)


if __name__ == "__main__":
    main()
