"""What Slack shows of asks outside the requester's private replies: the card in the collaboration channel,
kept up to date in place with a line in its thread per change, and the rating DM when an ask is done.

The store is the record: when Slack refuses a post (the bot is not in the channel, say) the ask stays as it
is and the failure is logged and reported to the person who acted.
"""

from __future__ import annotations

import logging
from datetime import datetime
from zoneinfo import ZoneInfo

from slack_sdk.errors import SlackApiError

from bot.asks import service as asks
from bot.home import posts as home_posts
from bot.app import Deps
from bot.asks.service import AskInfo
from bot.asks import views as ask_views

log = logging.getLogger(__name__)


def _workspace_today(deps: Deps, now: datetime):  # type: ignore[no-untyped-def]
    return now.astimezone(ZoneInfo(deps.settings.alinea_timezone)).date()


def publish_new(deps: Deps, team_id: str, ask: AskInfo, typed_in: str | None, now: datetime) -> str | None:
    """Post a new ask to `ALINEA_CHANNEL`, else where it was typed. The channel it went to, or None."""
    channel = deps.settings.alinea_channel or typed_in
    if not channel:
        return None
    lang, tz = deps.settings.alinea_language, deps.settings.alinea_timezone
    try:
        posted = deps.client.chat_postMessage(
            channel=channel, **ask_views.posted(lang, ask, _workspace_today(deps, now), tz).as_kwargs())
    except SlackApiError as exc:
        log.warning("could not post %s in %s: %s", ask.ref, channel, exc.response.get("error"))
        return None
    asks.record_post(deps.db, team_id, ask.number, posted["channel"], posted["ts"], now)
    return str(posted["channel"])


def refresh_homes(deps: Deps, team_id: str, ask: AskInfo, actor_id: str) -> None:
    """Everyone whose Home lists this ask: the requester, the owner, whoever acted."""
    home_posts.refresh(deps, team_id, ask.requester_id, ask.owner_id, actor_id)


def publish_change(deps: Deps, ask: AskInfo, action: str, actor_id: str, now: datetime,
                   commitment_ref: str | None = None) -> None:
    """Refresh the posted card and add the change to its thread."""
    if not (ask.channel_id and ask.message_ts):
        return
    lang, tz, today = deps.settings.alinea_language, deps.settings.alinea_timezone, _workspace_today(deps, now)
    try:
        deps.client.chat_update(channel=ask.channel_id, ts=ask.message_ts,
                                **ask_views.posted(lang, ask, today, tz).as_kwargs())
        deps.client.chat_postMessage(channel=ask.channel_id, thread_ts=ask.message_ts,
                                     **ask_views.change_line(lang, action, ask, actor_id, today,
                                                             commitment_ref).as_kwargs())
    except SlackApiError as exc:
        log.warning("could not update the message of %s: %s", ask.ref, exc.response.get("error"))


def request_rating(deps: Deps, ask: AskInfo) -> None:
    """Ask the requester, in their language, whether the finished ask met the need."""
    lang = deps.directory.language(ask.requester_id)
    try:
        deps.client.chat_postMessage(channel=ask.requester_id, **ask_views.rating_request(lang, ask).as_kwargs())
    except SlackApiError as exc:
        log.warning("could not ask %s to rate %s: %s", ask.requester_id, ask.ref, exc.response.get("error"))
