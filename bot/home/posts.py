"""Publishing the App Home tab: when it is opened, and again when something it shows changes for a person."""

from __future__ import annotations

import logging
from datetime import datetime

from slack_sdk.errors import SlackApiError

from bot.deliveries import post_checked
from bot.deps import Deps
from bot.digest.trend import trend_for, trend_or_none
from bot.home import views as home_views
from bot.home.service import home_for

log = logging.getLogger(__name__)


def publish(deps: Deps, team_id: str, user_id: str) -> None:
    """The person's Home; a leader's (or an admin's) opens with the trend's lines, left out when they can't be
    computed."""
    actor, now = deps.directory.actor(team_id, user_id), deps.clock.now()
    data = home_for(deps.db, actor, now)
    zone = deps.workspace(team_id).timezone
    moved = (trend_or_none(lambda: trend_for(deps.db, actor, now, zone), f"the Home of {user_id}")
             if data.leads else None)
    deps.client.views_publish(user_id=user_id, view=home_views.render(actor.language, data, actor.timezone, moved))


def answer_message(deps: Deps, team_id: str, user_id: str, channel: str, key: str, since: datetime,
                   resumed: bool = False) -> None:
    """Reply once to a message someone typed to the app: what waits for them, and the commands."""
    actor = deps.directory.actor(team_id, user_id)
    msg = home_views.dm_reply(actor.language, home_for(deps.db, actor, deps.clock.now()))
    post_checked(deps, channel, msg, f"dm-reply:{key}", since, look_first=resumed)


def refresh(deps: Deps, team_id: str, *user_ids: str | None) -> None:
    """Re-publish the Home of everyone concerned by a change, after the change's own work and once for changes that
    come together (`Deps.coalesced`); a failure is logged, never shown to the person who made the change (theirs
    already succeeded), and the Home is read afresh when it is next opened."""
    for user_id in dict.fromkeys(u for u in user_ids if u):
        deps.coalesced(("home", team_id, user_id), lambda user_id=user_id: _republish(deps, team_id, user_id))


def _republish(deps: Deps, team_id: str, user_id: str) -> None:
    try:
        publish(deps, team_id, user_id)
    except (SlackApiError, OSError):
        log.warning("could not refresh the Home of %s", user_id)
