"""Everything that follows a change to who is on which side, one function per kind of change: the Home of the person
whose place changed, and the DM telling someone an admin put them on a side (`bot.notifications.posts.send`: in
their language, never to the admin who added themselves, not when they turned `team` off)."""

from __future__ import annotations

from bot.deps import Deps
from bot.home import posts as home_posts
from bot.notifications import posts as notices
from bot.notifications.models import NoticeKind
from bot.teams import views as team_views
from bot.teams.models import AddResult, JoinResult


def joined(deps: Deps, team_id: str, result: JoinResult) -> None:
    """Someone put themselves on a side, or moved: their Home shows it."""
    if result.previous_side is not result.member.side:
        home_posts.refresh(deps, team_id, result.member.user_id)


def added(deps: Deps, team_id: str, actor_id: str, result: AddResult, resumed: bool = False) -> None:
    """An admin put someone on a side, moved them or changed their role: their Home shows it and, when something
    changed, a DM tells them their side and role and what they can do now. `resumed`: an earlier attempt may have
    sent the DM, so it is looked for (in their DM since the change was made) first."""
    member = result.member
    home_posts.refresh(deps, team_id, member.user_id)
    if result.changed:
        notices.send(deps, team_id, actor_id, member.user_id, NoticeKind.TEAM,
                     lambda lang: team_views.welcome(lang, result, actor_id),
                     f"team-dm:{member.user_id}:{member.side}:{member.role}:{result.at.isoformat()}", result.at,
                     resumed)


def removed(deps: Deps, team_id: str, user_id: str) -> None:
    """An admin took someone off their side: their Home shows the welcome again."""
    home_posts.refresh(deps, team_id, user_id)
