"""What follows a change to the rotation, one function per kind of change, and what the rotation sends: each pair's
group DM when a round is made, a note to anyone left out, and the follow-up to pairs with no news. Every scheduled
send is claimed first, so nothing is sent twice."""

from __future__ import annotations

import logging
from datetime import datetime

from slack_sdk.errors import SlackApiError

from bot.asks import posts as ask_posts
from bot.asks import service as asks
from bot.blocks import in_languages
from bot.deliveries import SlackBusy, conversation_with, each, post_checked, send_once
from bot.deps import Deps
from bot.i18n import Language
from bot.shadowing import service as shadowing
from bot.shadowing import views as shadow_views
from bot.shadowing.models import PairingInfo, PairMessage, RoundResult

log = logging.getLogger(__name__)


def rotation_job_id(team_id: str) -> str:
    return f"rotation:{team_id}"


def rhythm_changed(deps: Deps) -> None:
    """The rotation's rhythm changed: the scheduler plans the next round."""
    deps.replan()


def round_made(deps: Deps, result: RoundResult, now: datetime) -> int:
    """DM every pair of the round (in the language the two share, else in both) and note those left out; returns
    the DMs sent by this call."""
    job, period = rotation_job_id(result.team_id), f"round-{result.number}"

    def pair_dm(pairing: PairingInfo) -> bool:
        def post() -> None:
            channel = conversation_with(deps, pairing.host_id, pairing.visitor_id)
            msg = in_languages(_pair_languages(deps, pairing), lambda lang: shadow_views.pair_dm(lang, pairing))
            post_checked(deps, channel, msg, f"{job}|pair-{pairing.id}|{period}", now)
            shadowing.record_post(deps.db, pairing.id, channel)

        return send_once(deps.db, job, f"pair-{pairing.id}", period, now, post)

    def left_out_note(user_id: str) -> bool:
        note = shadow_views.left_out_note(deps.directory.language(user_id), result.number)
        return send_once(deps.db, job, user_id, period, now,
                         lambda: post_checked(deps, user_id, note, f"{job}|{user_id}|{period}", now))

    return (each(deps, result.pairs, pair_dm, "a pair's DM", team=lambda _pair: result.team_id,
                 who=lambda pairing: pairing.id)
            + each(deps, result.left_out, left_out_note, "a left-out note", team=lambda _user: result.team_id))


def learnings_shared(deps: Deps, team_id: str, actor_id: str, pairing: PairingInfo, now: datetime,
                     resumed: bool = False, pressed: PairMessage | None = None) -> None:
    """The message whose Done button was pressed shows the learnings shared (its buttons gone); the learnings in
    the pair's group DM; an idea turned into an ask is posted like any new ask (the collaboration channel, else
    where the pair talks)."""
    show_closed(deps, pairing, pressed)
    if pairing.channel_id:
        msg = in_languages(_pair_languages(deps, pairing),
                           lambda lang: shadow_views.learnings_shared(lang, pairing, actor_id))
        try:
            post_checked(deps, pairing.channel_id, msg, f"learnings:{pairing.id}", now, look_first=resumed)
        except (SlackApiError, SlackBusy) as exc:
            log.warning("could not post the learnings of pairing %s: %s", pairing.id, exc)
    if pairing.ask_number:
        ask = asks.get(deps.db, team_id, pairing.ask_number, now)
        ask_posts.created(deps, team_id, actor_id, ask, now, resumed)


def show_closed(deps: Deps, pairing: PairingInfo, pressed: PairMessage | None) -> None:
    """Update a pair's message in place (the round's group DM, or its follow-up) to say the pairing is closed and by
    whom, without its Done and Skip buttons. Also for an old button pressed after the pairing was closed."""
    if pressed is None or pairing.status == "assigned":
        return
    msg = in_languages(_pair_languages(deps, pairing), lambda lang: shadow_views.pair_closed(lang, pairing))
    try:
        deps.client.chat_update(channel=pressed.channel, ts=pressed.ts, **msg.as_kwargs())
    except (SlackApiError, OSError) as exc:
        log.warning("could not show pairing %s closed in its message: %s", pairing.id, exc)


def send_followups(deps: Deps, now: datetime) -> int:
    """Remind pairs with no news `followup` days after their round; each pairing is claimed once."""

    def followup(pairing: PairingInfo) -> bool:
        msg = in_languages(_pair_languages(deps, pairing), lambda lang: shadow_views.followup(lang, pairing))
        assert pairing.channel_id is not None
        return bool(post_checked(deps, pairing.channel_id, msg, f"followup:{pairing.id}", now))

    claimed = [(team, pairing) for team, pairing in shadowing.claim_followups(deps.db, now) if pairing.channel_id]
    return each(deps, claimed, lambda item: followup(item[1]), "a follow-up", team=lambda item: item[0],
                who=lambda item: item[1].id)


def _pair_languages(deps: Deps, pairing: PairingInfo) -> list[Language]:
    """The languages of a pair's group DM: the one the two share, else both."""
    return deps.directory.languages([pairing.host_id, pairing.visitor_id])


def run_rounds_now(deps: Deps, now: datetime) -> int:
    """A round now in every workspace with a rotation (the console's `:run rotation`), as `/shadow run` makes it;
    returns the DMs sent."""
    return sum(round_made(deps, shadowing.run_round(deps.db, team_id, None, now), now)
               for team_id in shadowing.teams_with_participants(deps.db))
