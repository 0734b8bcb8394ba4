"""What follows a change to a workspace's settings: this process reads them afresh at once (other replicas within
`bot.deps.WORKSPACE_SETTINGS_TTL`), the scheduler replans (the digest's and the pulse's rhythm through their own
after-change functions), and the admin's Home is refreshed."""

from __future__ import annotations

from bot.deps import Deps
from bot.digest import posts as digest_posts
from bot.home import posts as home_posts
from bot.people import Actor
from bot.pulse import posts as pulse_posts
from bot.workspace.models import SettingsChanged


def changed(deps: Deps, actor: Actor, result: SettingsChanged) -> None:
    """Everything that follows an admin's change to the settings (nothing when nothing changed)."""
    if not result.anything_changed:
        return
    deps.forget_workspace(actor.team_id)
    if result.digest_changed:
        digest_posts.rhythm_changed(deps)
    if result.pulse_changed:
        pulse_posts.rhythm_changed(deps)
    if result.workspace_changed and not (result.digest_changed or result.pulse_changed):
        deps.replan()  # the reminder time and the zones the scheduled sends read (a rhythm's change replanned)
    home_posts.refresh(deps, actor.team_id, actor.user_id)
