"""Everything that follows a change to an ask, one function per kind of change: the card in the collaboration
channel, kept up to date in place with a line in its thread, the Homes of the people concerned, the DMs that tell
them (`bot.notifications.posts.send`: in their language, never to whoever acted, not when they turned that kind
off), and the rating request when it is done. Every entry point (command, button, modal, shortcut, shadowing idea,
Undo) calls these.

The store is the record. Each card and line carries metadata naming it, so a post whose answer was lost is looked
up before it is sent again (`bot.deliveries.post_checked`): one card per ask. A card Slack is too busy to take now
stays to be posted (the ask's `post_to`) and `post_waiting` posts it later; one Slack refuses for good (the bot is
not in the channel, say) is not tried again, and the person who acted is told which it was.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from slack_sdk.errors import SlackApiError

from bot.asks import service as asks
from bot.asks import views as ask_views
from bot.asks.models import AcceptResult, AskInfo, Card, ReopenResult
from bot.deliveries import SlackBusy, post_checked
from bot.deps import Deps
from bot.home import posts as home_posts
from bot.i18n import Language
from bot.notifications import posts as notices
from bot.notifications.models import NoticeKind
from bot.people import Actor
from bot.teams import service as teams
from bot.workspaces import working_for

log = logging.getLogger(__name__)
POST_AGAIN_AFTER = timedelta(minutes=5)  # longer than a request spends posting (retries after 429s included)


def created(deps: Deps, team_id: str, actor_id: str, ask: AskInfo, now: datetime, resumed: bool = False) -> Card | None:
    """A new ask: its card in the channel chosen when it was made (its `post_to`), the Homes of the requester, a
    named owner and whoever acted, and a DM to a named owner. `resumed`: an earlier attempt may have posted the card
    or the DM, so they are looked for first. None when the ask has no channel to go to."""
    card = _post_card(deps, team_id, ask, now, look_first=resumed) if ask.post_to else None
    _refresh_homes(deps, team_id, ask, actor_id)
    if card is not None and card.state == "posted":
        ask = ask.model_copy(update={"channel_id": card.channel})
    _tell(deps, team_id, actor_id, ask.owner_id, NoticeKind.OWNED, "named", ask, now, resumed)
    return card


def card_link(deps: Deps, team_id: str, ask: AskInfo, card: Card | None, now: datetime) -> str | None:
    """A permalink to a new ask's card once `created` has posted it (for whoever needs a link rather than the card:
    the Log an ask workflow step's output); None when it has no card, or one still waiting for Slack."""
    if card is None or card.state != "posted":
        return None
    posted = asks.get(deps.db, team_id, ask.number, now)
    if not (posted.channel_id and posted.message_ts):
        return None
    try:
        found = deps.client.chat_getPermalink(channel=posted.channel_id, message_ts=posted.message_ts)
    except (SlackApiError, OSError) as exc:  # a link is not worth failing for: the card is there
        why = exc.response.get("error") if isinstance(exc, SlackApiError) else type(exc).__name__
        log.warning("could not get a link to the card of %s: %s", ask.ref, why)
        return None
    link = found.get("permalink")
    return link if isinstance(link, str) else None


def post_waiting(deps: Deps, now: datetime) -> int:
    """Post the cards Slack was too busy to take (of asks made more than `POST_AGAIN_AFTER` ago, so never one a
    request is still posting); each is looked for first. Returns how many were posted."""
    posted = 0
    for team_id, ask in asks.waiting_to_post(deps.db, now - POST_AGAIN_AFTER):
        if not deps.installs.active(team_id):
            continue
        with working_for(team_id):
            posted += _post_card(deps, team_id, ask, now, look_first=True).state == "posted"
    return posted


# A change's `resumed`: an earlier attempt at what follows it may have posted its thread line or DM, so they are
# looked for before they are posted.


def accepted(deps: Deps, team_id: str, actor_id: str, result: AcceptResult, now: datetime,
             resumed: bool = False) -> None:
    """Besides the card and the Homes: the requester is told who owns it and by when (and the date they asked for,
    when it moved), and an owner the ask named, when someone else took it, that it is no longer theirs."""
    ask = result.ask
    _changed(deps, team_id, ask, "accept", actor_id, now, resumed, result.commitment.ref, result.previous_due)
    _tell(deps, team_id, actor_id, ask.requester_id, NoticeKind.ASKS, "accepted", ask, now, resumed,
          previous_due=result.previous_due)
    _tell(deps, team_id, actor_id, result.previous_owner, NoticeKind.OWNED, "taken", ask, now, resumed)


def declined(deps: Deps, team_id: str, actor_id: str, ask: AskInfo, now: datetime, resumed: bool = False) -> None:
    """Besides the card and the Homes, the requester is told, with the reason."""
    _changed(deps, team_id, ask, "decline", actor_id, now, resumed)
    _tell(deps, team_id, actor_id, ask.requester_id, NoticeKind.ASKS, "declined", ask, now, resumed)


def done(deps: Deps, team_id: str, actor_id: str, ask: AskInfo, now: datetime, resumed: bool = False) -> None:
    """Besides the card and the Homes, the requester is asked whether the ask met the need (which tells them it is
    done), or, when they don't rate it (they closed it or own it themselves), told it is done."""
    _changed(deps, team_id, ask, "done", actor_id, now, resumed)
    if ask_views.rates(ask):
        _request_rating(deps, ask, now, resumed)
    else:
        _tell(deps, team_id, actor_id, ask.requester_id, NoticeKind.ASKS, "done", ask, now, resumed)


def cancelled(deps: Deps, team_id: str, actor_id: str, ask: AskInfo, now: datetime, resumed: bool = False) -> None:
    """Besides the card and the Homes, its owner is told (the requester's withdrawal included)."""
    _changed(deps, team_id, ask, "cancel", actor_id, now, resumed)
    _tell(deps, team_id, actor_id, ask.owner_id, NoticeKind.OWNED, "cancelled", ask, now, resumed)


def reopened(deps: Deps, team_id: str, actor_id: str, result: ReopenResult, now: datetime,
             resumed: bool = False) -> None:
    """An ask closed by mistake is back (by `/ask reopen` or Undo): the card, its thread, the Homes, and the requester
    and the owner told."""
    ask = result.ask
    _changed(deps, team_id, ask, "reopen", actor_id, now, resumed, reason=result.reason)
    for user_id, kind, what in ((ask.requester_id, NoticeKind.ASKS, "reopened_requester"),
                                (ask.owner_id, NoticeKind.OWNED, "reopened_owner")):
        _tell(deps, team_id, actor_id, user_id, kind, what, ask, now, resumed, reason=result.reason)


def _changed(deps: Deps, team_id: str, ask: AskInfo, action: str, actor_id: str, now: datetime, resumed: bool,
             commitment_ref: str | None = None, previous_due: date | None = None, reason: str | None = None) -> None:
    _update_card(deps, team_id, ask, action, actor_id, now, resumed, commitment_ref, previous_due, reason)
    _refresh_homes(deps, team_id, ask, actor_id)


def _tell(deps: Deps, team_id: str, actor_id: str, user_id: str | None, kind: NoticeKind, what: str, ask: AskInfo,
          now: datetime, resumed: bool, previous_due: date | None = None, reason: str | None = None) -> None:
    """A DM to `user_id` about this change to the ask (`what`, `bot.asks.views.notice`)."""
    today = _workspace_today(deps, team_id, now)
    notices.send(deps, team_id, actor_id, user_id, kind,
                 lambda lang: ask_views.notice(lang, what, ask, actor_id, today, previous_due, reason),
                 f"ask-dm:{user_id}:{ask.number}:{what}:{_when(ask)}", now, resumed)


def card_channel(deps: Deps, actor: Actor, typed_in: str | None, now: datetime) -> str | None:
    """Where a new ask's card goes: the workspace's collaboration channel, else where it was asked. Installed
    org-wide, the collaboration channel serves only when it is shared with the workspace the requester is in
    (Slack: an org-wide channel); otherwise their side's own channel does, else where it was asked."""
    settings = deps.workspace(actor.team_id)
    if settings.channel is None:
        return typed_in
    if not deps.installs.org_wide(actor.team_id):
        return settings.channel
    home = deps.directory.user(actor.user_id).team_id
    if home is None or deps.directory.reaches(settings.channel, home):
        return settings.channel
    found = teams.member(deps.db, actor.team_id, actor.user_id, now)
    return (settings.side_channel(found.side) if found else None) or typed_in or settings.channel


def card_language(deps: Deps, team_id: str, ask: AskInfo, channel: str) -> Language:
    """The language of an ask's card, its updates and its thread: the workspace's in a channel, the requester's in
    their DM with Alinea (where an ask typed there is posted). Worked out the same way for every update."""
    if channel.startswith("D"):
        return deps.directory.language(ask.requester_id)
    return deps.workspace(team_id).language


def _workspace_today(deps: Deps, team_id: str, now: datetime) -> date:
    return now.astimezone(ZoneInfo(deps.workspace(team_id).timezone)).date()


def _post_card(deps: Deps, team_id: str, ask: AskInfo, now: datetime, look_first: bool) -> Card:
    channel = ask.post_to
    assert channel is not None
    lang, tz = card_language(deps, team_id, ask, channel), deps.workspace(team_id).timezone
    msg = ask_views.posted(lang, ask, _workspace_today(deps, team_id, now), tz)
    try:
        where, ts = post_checked(deps, channel, msg, f"ask-card:{team_id}:{ask.number}", ask.created_at, look_first)
    except SlackBusy as busy:
        log.warning("could not post %s in %s yet: %s", ask.ref, channel, busy)
        return Card(channel=channel, state="pending")
    except SlackApiError as exc:
        log.warning("could not post %s in %s: %s", ask.ref, channel, exc.response.get("error"))
        asks.not_to_post(deps.db, team_id, ask.number, now)
        return Card(channel=channel, state="refused")
    asks.record_post(deps.db, team_id, ask.number, where, ts, now)
    return Card(channel=where, state="posted")


def _update_card(deps: Deps, team_id: str, ask: AskInfo, action: str, actor_id: str, now: datetime, look_first: bool,
                 commitment_ref: str | None, previous_due: date | None, reason: str | None) -> None:
    """Refresh the posted card and add the change to its thread."""
    if not (ask.channel_id and ask.message_ts):
        return
    lang, tz = card_language(deps, team_id, ask, ask.channel_id), deps.workspace(team_id).timezone
    today = _workspace_today(deps, team_id, now)
    line = ask_views.change_line(lang, action, ask, actor_id, today, commitment_ref, previous_due, reason)
    try:
        deps.client.chat_update(channel=ask.channel_id, ts=ask.message_ts,
                                **ask_views.posted(lang, ask, today, tz).as_kwargs())
        post_checked(deps, ask.channel_id, line, f"ask-line:{ask.channel_id}:{ask.number}:{action}:{_when(ask)}",
                     now, look_first=look_first, thread_ts=ask.message_ts)
    except (SlackApiError, SlackBusy) as exc:
        log.warning("could not update the message of %s: %s", ask.ref, exc)


def _refresh_homes(deps: Deps, team_id: str, ask: AskInfo, actor_id: str) -> None:
    """Everyone whose Home lists this ask: the requester, the owner, whoever acted."""
    home_posts.refresh(deps, team_id, ask.requester_id, ask.owner_id, actor_id)


def _request_rating(deps: Deps, ask: AskInfo, now: datetime, look_first: bool) -> None:
    """Ask the requester, in their language, whether the finished ask met the need."""
    lang = deps.directory.language(ask.requester_id)
    try:
        post_checked(deps, ask.requester_id, ask_views.rating_request(lang, ask),
                     f"ask-rate:{ask.requester_id}:{ask.number}:{_when(ask)}", now, look_first=look_first)
    except (SlackApiError, SlackBusy) as exc:
        log.warning("could not ask %s to rate %s: %s", ask.requester_id, ask.ref, exc)


def _when(ask: AskInfo) -> str:
    """When the ask last changed status: names one change, for the messages that follow it. (A reopened ask, open
    or accepted again, is named by its last change, the reopening.)"""
    if ask.closed_at is None and ask.updated_at is not None and ask.updated_at > (ask.accepted_at or ask.created_at):
        return f"reopened-{ask.updated_at.isoformat()}"
    moment = ask.closed_at or ask.accepted_at or ask.created_at
    return moment.isoformat()
