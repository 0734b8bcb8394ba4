"""Everything that follows a change to an ask, one function per kind of change: the card in the collaboration
channel, kept up to date in place with a line in its thread, the Homes of the people concerned, and the rating
request when it is done. Every entry point (command, button, modal, shortcut, shadowing idea) calls these.

The store is the record: when Slack refuses a post (the bot is not in the channel, say) the ask stays as it
is and the failure is logged and reported to the person who acted.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from zoneinfo import ZoneInfo

from slack_sdk.errors import SlackApiError

from bot.asks import service as asks
from bot.asks import views as ask_views
from bot.asks.models import AcceptResult, AskInfo
from bot.deps import Deps
from bot.home import posts as home_posts

log = logging.getLogger(__name__)


def created(deps: Deps, team_id: str, actor_id: str, ask: AskInfo, typed_in: str | None, now: datetime) -> str | None:
    """A new ask: its card in `ALINEA_CHANNEL`, else where it was typed; the Homes of the requester, a named owner
    and whoever acted. The channel the card went to, or None."""
    channel = _post_card(deps, team_id, ask, typed_in, now)
    _refresh_homes(deps, team_id, ask, actor_id)
    return channel


def accepted(deps: Deps, team_id: str, actor_id: str, result: AcceptResult, now: datetime) -> None:
    _changed(deps, team_id, result.ask, "accept", actor_id, now, result.commitment.ref)


def declined(deps: Deps, team_id: str, actor_id: str, ask: AskInfo, now: datetime) -> None:
    _changed(deps, team_id, ask, "decline", actor_id, now)


def done(deps: Deps, team_id: str, actor_id: str, ask: AskInfo, now: datetime) -> None:
    """Besides the card and the Homes, the requester is asked whether the ask met the need."""
    _changed(deps, team_id, ask, "done", actor_id, now)
    _request_rating(deps, ask)


def cancelled(deps: Deps, team_id: str, actor_id: str, ask: AskInfo, now: datetime) -> None:
    _changed(deps, team_id, ask, "cancel", actor_id, now)


def _changed(deps: Deps, team_id: str, ask: AskInfo, action: str, actor_id: str, now: datetime,
             commitment_ref: str | None = None) -> None:
    _update_card(deps, ask, action, actor_id, now, commitment_ref)
    _refresh_homes(deps, team_id, ask, actor_id)


def _workspace_today(deps: Deps, now: datetime) -> date:
    return now.astimezone(ZoneInfo(deps.settings.alinea_timezone)).date()


def _post_card(deps: Deps, team_id: str, ask: AskInfo, typed_in: str | None, now: datetime) -> str | None:
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


def _update_card(deps: Deps, ask: AskInfo, action: str, actor_id: str, now: datetime,
                 commitment_ref: str | None) -> None:
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


def _refresh_homes(deps: Deps, team_id: str, ask: AskInfo, actor_id: str) -> None:
    """Everyone whose Home lists this ask: the requester, the owner, whoever acted."""
    home_posts.refresh(deps, team_id, ask.requester_id, ask.owner_id, actor_id)


def _request_rating(deps: Deps, ask: AskInfo) -> None:
    """Ask the requester, in their language, whether the finished ask met the need."""
    lang = deps.directory.language(ask.requester_id)
    try:
        deps.client.chat_postMessage(channel=ask.requester_id, **ask_views.rating_request(lang, ask).as_kwargs())
    except SlackApiError as exc:
        log.warning("could not ask %s to rate %s: %s", ask.requester_id, ask.ref, exc.response.get("error"))
