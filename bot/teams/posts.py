"""What follows a change to who is on which side: the person's Home, which shows their side and the asks waiting
for it."""

from __future__ import annotations

from bot.deps import Deps
from bot.home import posts as home_posts


def side_changed(deps: Deps, team_id: str, user_id: str) -> None:
    """Someone joined, moved, was put on a side or taken off one."""
    home_posts.refresh(deps, team_id, user_id)
