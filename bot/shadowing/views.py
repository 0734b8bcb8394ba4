"""Block Kit for the job-shadowing rotation: replies, the pair's DM, the follow-up and the learnings modal."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot import format as fmt
from bot.blocks import Block, Message, actions, button, context, fields, header, input_block, message, modal, section
from bot.i18n import Language, t
from bot.ids import Action, View, ask_ref
from bot.people import Side
from bot.shadowing.models import (
    LEARNING_LIMIT,
    DueToday,
    PairingInfo,
    ParticipantInfo,
    RoundResult,
    SettingsInfo,
    StatsInfo,
    StatusInfo,
)

ROUND_SUMMARY_PAIRS = 40


def _reply(text: str, icon: str = "") -> Message:
    return message(text, [section(f"{icon} {text}".strip())])


def joined(lang: Language, who: ParticipantInfo) -> Message:
    return _reply(t(lang, "shadow.joined", preference=t(lang, f"shadow.preference.{who.preference}")), ":eyes:")


def left(lang: Language) -> Message:
    return _reply(t(lang, "shadow.left"))


def paused(lang: Language, who: ParticipantInfo) -> Message:
    assert who.paused_until is not None
    return _reply(t(lang, "shadow.paused", day=fmt.day(lang, who.paused_until)), ":pause_button:")


def status(lang: Language, info: StatusInfo) -> Message:
    if info.participant is None or not info.participant.active:
        return _reply(t(lang, "shadow.status.out"))
    lines = [t(lang, "shadow.status.in", preference=t(lang, f"shadow.preference.{info.participant.preference}"),
               hosted=t(lang, "shadow.status.times", count=info.hosted),
               visited=t(lang, "shadow.status.times", count=info.visited))]
    if info.participant.paused_until:
        lines.append(t(lang, "shadow.status.paused", day=fmt.day(lang, info.participant.paused_until)))
    if info.current:
        lines.append(t(lang, "shadow.status.current", round=info.current.round_number, host=info.current.host_id,
                       visitor=info.current.visitor_id, status=t(lang, f"shadow.pair_status.{info.current.status}")))
    return message(lines[0], [section("\n".join(lines))])


def configured(lang: Language, settings: SettingsInfo, next_at: datetime, zone: str,
               today: DueToday | None = None) -> Message:
    """The new rhythm; when a round is due later today, what `/shadow run` does to it, or what was made already."""
    text = " ".join([t(lang, "shadow.configured", count=settings.series.every_weeks, next=fmt.moment(next_at, zone)),
                     t(lang, "shadow.followup_after", count=settings.followup_days)])
    blocks = [section(f":repeat: {text}")]
    if today is not None:
        when = fmt.moment(today.at, zone)
        if today.made_early is not None:
            note = t(lang, "shadow.due_today.made_early", round=today.made_early, when=when)
        elif today.other_made is not None:
            note = t(lang, "shadow.due_today.again", round=today.other_made, when=when)
        else:
            note = t(lang, "shadow.due_today", when=when)
        blocks.append(section(f":warning: {note}"))
    return message(text, blocks)


def round_summary(lang: Language, result: RoundResult, zone: str | None = None) -> Message:
    """What a leader sees after `/shadow run`; a round the rhythm schedules says so (it won't be made again)."""
    key = "shadow.round.run" if result.created else "shadow.round.already"
    left = (t(lang, "shadow.round.left_out", count=len(result.left_out)) if result.left_out
            else t(lang, "shadow.round.nobody_left_out"))
    title = t(lang, key, round=result.number, pairs=t(lang, "shadow.round.pairs", count=len(result.pairs)), left=left)
    lines = [t(lang, "shadow.round.pair", host=p.host_id, visitor=p.visitor_id,
               side=fmt.side(lang, p.host_side)) for p in result.pairs[:ROUND_SUMMARY_PAIRS]]
    if len(result.pairs) > ROUND_SUMMARY_PAIRS:
        lines.append(t(lang, "list.more", count=len(result.pairs) - ROUND_SUMMARY_PAIRS))
    blocks = [section(f":shuffle_tracks: {title}")]
    if lines:
        blocks.append(section("\n".join(lines)))
    if result.scheduled_at is not None and zone is not None:
        blocks.append(context(t(lang, "shadow.round.scheduled", when=fmt.moment(result.scheduled_at, zone))))
    return message(title, blocks)


def stats(lang: Language, info: StatsInfo) -> Message:
    title = t(lang, "shadow.stats.title")
    blocks: list[Block] = [header(title), fields(
        (t(lang, "shadow.stats.participants"), " · ".join(
            f"{fmt.side(lang, side)} {info.participants.get(side.value, 0)}" for side in Side)),
        (t(lang, "shadow.stats.paused"), str(info.paused)),
        (t(lang, "shadow.stats.rounds"), str(info.rounds)),
        (t(lang, "shadow.stats.pairs"), str(info.pairs)),
        (t(lang, "shadow.stats.done"), f"{info.done} ({fmt.percent(lang, info.done / info.pairs)})" if info.pairs else "0"),
        (t(lang, "shadow.stats.skipped"), str(info.skipped)),
        (t(lang, "shadow.stats.asks"), str(info.ideas_to_asks)),
    )]
    return message(title, blocks)


def _pair_buttons(lang: Language, pairing: PairingInfo) -> Block:
    value = str(pairing.id)
    return actions(button(t(lang, "shadow.button.done"), Action.SHADOW_DONE, value, "primary"),
                   button(t(lang, "shadow.button.skip"), Action.SHADOW_SKIP, value))


def pair_dm(lang: Language, pairing: PairingInfo) -> Message:
    """The pair's group DM: who shadows whom, what to do on the host's side, and the two buttons."""
    text = t(lang, "shadow.dm", round=pairing.round_number, host=pairing.host_id, visitor=pairing.visitor_id,
             side=fmt.side(lang, pairing.host_side))
    activities = t(lang, f"shadow.activities.{pairing.host_side.value}")
    blocks = [section(f":handshake: {text}"),
              section(f"*{t(lang, 'shadow.activities_title', side=fmt.side(lang, pairing.host_side))}*\n{activities}"),
              _pair_buttons(lang, pairing),
              context(t(lang, "shadow.dm_footer"))]
    return message(text, blocks)


def pair_closed(lang: Language, pairing: PairingInfo) -> Message:
    """The pair's message once the pairing is closed: who shadows whom, and who shared the learnings or skipped
    the round, without the Done and Skip buttons."""
    text = t(lang, "shadow.dm", round=pairing.round_number, host=pairing.host_id, visitor=pairing.visitor_id,
             side=fmt.side(lang, pairing.host_side))
    if pairing.status == "done":
        outcome = f":white_check_mark: {t(lang, 'shadow.closed.done', user=pairing.closed_by or '')}"
    else:
        outcome = f":fast_forward: {t(lang, 'shadow.skipped', user=pairing.closed_by or '')}"
    return message(outcome, [section(f":handshake: {text}"), section(outcome)])


def followup(lang: Language, pairing: PairingInfo) -> Message:
    text = t(lang, "shadow.followup", host=pairing.host_id, visitor=pairing.visitor_id)
    return message(text, [section(f":wave: {text}"), _pair_buttons(lang, pairing)])


def left_out_note(lang: Language, round_number: int) -> Message:
    return _reply(t(lang, "shadow.left_out", round=round_number), ":hourglass_flowing_sand:")


def learnings_modal(lang: Language, pairing: PairingInfo, other_side: str, metadata: str) -> dict[str, Any]:
    """What surprised them, one idea, and whether to make the idea an ask; `metadata` says which pairing (and which
    message to show closed once shared: `forms.learnings_metadata`)."""
    blocks = [
        input_block("surprise", t(lang, "shadow.modal.surprise"), {
            "type": "plain_text_input", "action_id": Action.INPUT, "multiline": True, "max_length": LEARNING_LIMIT}),
        input_block("idea", t(lang, "shadow.modal.idea"), {
            "type": "plain_text_input", "action_id": Action.INPUT, "multiline": True, "max_length": LEARNING_LIMIT},
            optional=True),
        input_block("make_ask", t(lang, "shadow.modal.make_ask_label"), {
            "type": "checkboxes", "action_id": Action.INPUT,
            "options": [{"text": {"type": "plain_text", "text": t(lang, "shadow.modal.make_ask", side=other_side)},
                         "value": "yes"}]}, optional=True),
    ]
    return modal(View.SHADOW_LEARNINGS, t(lang, "shadow.modal.heading"), t(lang, "shadow.modal.submit"),
                 t(lang, "modal.cancel"), blocks, metadata)


def learnings_shared(lang: Language, pairing: PairingInfo, actor_id: str) -> Message:
    text = t(lang, "shadow.shared", user=actor_id)
    lines = [text, f"*{t(lang, 'shadow.modal.surprise')}* {pairing.surprise}"]
    if pairing.idea:
        lines.append(f"*{t(lang, 'shadow.modal.idea')}* {pairing.idea}")
    if pairing.ask_number:
        lines.append(t(lang, "shadow.idea_ask", ref=ask_ref(pairing.ask_number)))
    return message(text, [section("\n".join(lines))])
