"""The jobs the scheduler runs. Each is a module-level function whose arguments are IDs and period keys only; each
runs the feature's own sends (`bot.<feature>.posts`), then replans."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from bot.asks import posts as ask_posts
from bot.commitments import posts as commitment_posts
from bot.deps import Deps
from bot.digest import posts as digest_posts
from bot.kpis import posts as kpi_posts
from bot.pulse import posts as pulse_posts
from bot.shadowing import posts as shadow_posts
from bot.shadowing import service as shadowing
from bot.syncs import posts as sync_posts
from bot.syncs import service as syncs
from bot.workspaces import working_for
from schedules import runtime


def sync_meeting(sync_id: int, period: str) -> None:
    """Post a sync's agenda for the meeting `period`, then plan the sync's next jobs."""
    deps = runtime.current()
    with _serving(deps, syncs.team_of(deps.db, sync_id)) as served:
        if served:
            sync_posts.post_agenda(deps, sync_id, datetime.fromisoformat(period), deps.clock.now())
    deps.replan()


def sync_reminder(sync_id: int, period: str) -> None:
    """Invite a sync's participants to add topics for the meeting `period`."""
    deps = runtime.current()
    with _serving(deps, syncs.team_of(deps.db, sync_id)) as served:
        if served:
            sync_posts.send_reminders(deps, sync_id, datetime.fromisoformat(period), deps.clock.now())
    deps.replan()


def rotation_round(team_id: str, period: str) -> None:
    """Make the workspace's shadowing round for `period` and DM its pairs, then plan the next round."""
    deps = runtime.current()
    now = deps.clock.now()
    with _serving(deps, team_id) as served:
        if served:
            shadow_posts.round_made(deps, shadowing.run_round(deps.db, team_id, period, now), now)
    deps.replan()


@contextmanager
def _serving(deps: Deps, team_id: str | None) -> Iterator[bool]:
    """Whether a job about `team_id` runs (no workspace the app was uninstalled from, nor a sync gone from the
    store), run as work about that workspace."""
    if team_id is None or not deps.installs.active(team_id):
        yield False
        return
    with working_for(team_id):
        yield True


def pulse_questions() -> None:
    """Ask the pulse question of the members whose local time for a scheduled round has come."""
    deps = runtime.current()
    pulse_posts.ask_due(deps, deps.clock.now())


def digests() -> None:
    """Send the weekly digest to the subscribers (and the channel) whose local time for it has come."""
    deps = runtime.current()
    digest_posts.send_due(deps, deps.clock.now())


def shadow_followups() -> None:
    deps = runtime.current()
    shadow_posts.send_followups(deps, deps.clock.now())


def post_waiting_cards() -> None:
    """Post the ask cards Slack was too busy to take when their asks were made."""
    deps = runtime.current()
    ask_posts.post_waiting(deps, deps.clock.now())


def commitment_reminders() -> None:
    deps = runtime.current()
    commitment_posts.send_reminders(deps, deps.clock.now())


def kpi_reminders() -> None:
    """Remind the owning sides' leaders of KPI values that are due and missing."""
    deps = runtime.current()
    kpi_posts.send_reminders(deps, deps.clock.now())


def reconcile() -> None:
    """Bring the scheduler's jobs in line with the store (syncs added, changed or cancelled by any replica)."""
    runtime.current().replan()
