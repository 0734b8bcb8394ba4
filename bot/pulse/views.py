"""Block Kit for the alignment pulse: the question DM, the thanks, the comment modal and the admin replies."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot import format as fmt
from bot.blocks import Message, actions, button, context, input_block, message, modal, section
from bot.i18n import Language, t
from bot.ids import Action, View
from bot.pulse.service import COMMENT_LIMIT


def _scores(round_id: int, chosen: int | None) -> dict[str, Any]:
    return actions(*[button(str(n), f"{Action.PULSE_ANSWER.value}_{n}", f"{round_id}:{n}",
                            "primary" if n == chosen else None) for n in range(1, 6)])


def question(lang: Language, round_number: int, round_id: int) -> Message:
    text = t(lang, "pulse.question")
    return message(text, [section(f":bar_chart: *{text}*"), _scores(round_id, None),
                          context(t(lang, "pulse.scale", round=round_number))])


def thanks(lang: Language, score: int, round_id: int) -> Message:
    text = t(lang, "pulse.thanks", score=score)
    return message(text, [section(text), _scores(round_id, score),
                          actions(button(t(lang, "pulse.button.comment"), Action.PULSE_COMMENT, str(round_id))),
                          context(t(lang, "pulse.anonymous"))])


def closed(lang: Language, round_number: int) -> Message:
    """What replaces the question (or the thanks) when someone presses a button of a round that has closed."""
    text = t(lang, "pulse.closed", round=round_number)
    return message(text, [section(f":lock: {text}")])


def comment_modal(lang: Language, round_id: int) -> dict[str, Any]:
    blocks = [input_block("comment", t(lang, "pulse.modal.comment"), {
        "type": "plain_text_input", "action_id": Action.INPUT, "multiline": True, "max_length": COMMENT_LIMIT})]
    return modal(View.PULSE_COMMENT, t(lang, "pulse.modal.heading"), t(lang, "pulse.modal.submit"),
                 t(lang, "modal.cancel"), blocks, str(round_id))


def comment_saved(lang: Language) -> Message:
    text = t(lang, "pulse.comment_saved")
    return message(text, [section(text)])


def configured(lang: Language, every_weeks: int, next_at: datetime, zone: str) -> Message:
    text = t(lang, "pulse.configured", count=every_weeks, next=fmt.moment(next_at, zone))
    return message(text, [section(f":repeat: {text}")])


def started(lang: Language, round_number: int, asked: int, created: bool) -> Message:
    text = t(lang, "pulse.started" if created else "pulse.already", round=round_number, count=asked)
    return message(text, [section(f":bar_chart: {text}")])
