"""What the rotation sends through Slack: each pair's group DM when a round is made, a note to anyone left out,
and the follow-up to pairs with no news. Every send is claimed first, so nothing is sent twice."""

from __future__ import annotations

import logging
from datetime import datetime

from bot.shadowing import service as shadowing
from bot.app import Deps
from bot.deliveries import send_once
from bot.recurrence import manual_period
from bot.shadowing.service import PairingInfo, RoundResult
from bot.shadowing import views as shadow_views

log = logging.getLogger(__name__)


def rotation_job_id(team_id: str) -> str:
    return f"rotation:{team_id}"


def announce_round(deps: Deps, result: RoundResult, now: datetime) -> int:
    """DM every pair of the round and note those left out; returns the DMs sent by this call."""
    lang, job, sent = deps.settings.alinea_language, rotation_job_id(result.team_id), 0
    period = f"round-{result.number}"
    for pairing in result.pairs:

        def post(pairing: PairingInfo = pairing) -> None:
            channel = deps.client.conversations_open(users=f"{pairing.host_id},{pairing.visitor_id}")["channel"]["id"]
            deps.client.chat_postMessage(channel=channel, **shadow_views.pair_dm(lang, pairing).as_kwargs())
            shadowing.record_post(deps.db, pairing.id, channel)

        sent += _safely(lambda post=post, pairing=pairing: send_once(deps.db, job, f"pair-{pairing.id}", period, now,
                                                                     post))
    for user_id in result.left_out:
        note = shadow_views.left_out_note(deps.directory.language(user_id), result.number)

        def tell(user_id: str = user_id, note=note) -> None:  # type: ignore[no-untyped-def]
            deps.client.chat_postMessage(channel=user_id, **note.as_kwargs())

        sent += _safely(lambda tell=tell, user_id=user_id: send_once(deps.db, job, user_id, period, now, tell))
    return sent


def send_followups(deps: Deps, now: datetime) -> int:
    """Remind pairs with no news `followup` days after their round; each pairing is claimed once."""
    sent = 0
    for _team, pairing in shadowing.claim_followups(deps.db, now):
        if pairing.channel_id is None:
            continue
        msg = shadow_views.followup(deps.settings.alinea_language, pairing)
        sent += _safely(lambda pairing=pairing, msg=msg: bool(
            deps.client.chat_postMessage(channel=pairing.channel_id, **msg.as_kwargs())))
    return sent


def _safely(send) -> int:  # type: ignore[no-untyped-def]
    """One failed DM doesn't stop the others; it is logged (and its claim given back for the next run)."""
    try:
        return int(bool(send()))
    except Exception:
        log.exception("a rotation message could not be sent")
        return 0


def run_rounds_now(deps: Deps, now: datetime) -> int:
    """A round now in every workspace with a rotation (the console's `:run rotation`); returns the DMs sent."""
    return sum(announce_round(deps, shadowing.run_round(deps.db, team_id, manual_period(now), now), now)
               for team_id in shadowing.teams_with_participants(deps.db))
