"""The learnings modal's submission, and what its private_metadata carries."""

from __future__ import annotations

import json

from pydantic import ValidationError

from bot.errors import FormError, InvalidInput
from bot.inputs import Values, element, escape_mrkdwn, metadata, text, value
from bot.shadowing.models import LEARNING_LIMIT, LearningsDraft, LearningsTarget, PairMessage


def learnings(values: Values) -> LearningsDraft | FormError:
    """What surprised them (required), one idea, and whether to make the idea an ask."""
    surprise = text(values, "surprise", LEARNING_LIMIT)
    if isinstance(surprise, FormError):
        return surprise
    idea = escape_mrkdwn((value(values, "idea") or "").strip())[:LEARNING_LIMIT] or None
    chosen = element(values, "make_ask").get("selected_options") or []
    chosen = chosen if isinstance(chosen, list) else []
    make_ask = any(isinstance(o, dict) and o.get("value") == "yes" for o in chosen)
    if make_ask and not idea:
        return FormError("error.shadow_idea_needed", "idea")
    return LearningsDraft(surprise=surprise, idea=idea, make_ask=make_ask)


def learnings_metadata(pairing_id: int, pressed: PairMessage | None) -> str:
    """The learnings modal's private_metadata: the pairing and the message whose Done button opened it."""
    return json.dumps({"pairing": pairing_id} | ({"channel": pressed.channel, "ts": pressed.ts} if pressed else {}))


def learnings_target(raw: str) -> LearningsTarget | InvalidInput:
    """What `learnings_metadata` wrote (or a bare pairing number, as modals opened before it carried)."""
    if raw.isascii() and raw.isdigit() and len(raw) <= 18:
        return LearningsTarget(pairing_id=int(raw))
    found = metadata(raw)
    if isinstance(found, InvalidInput):
        return found
    try:
        pressed = (PairMessage(channel=found["channel"], ts=found["ts"])
                   if isinstance(found.get("channel"), str) and isinstance(found.get("ts"), str) else None)
        return LearningsTarget(pairing_id=found["pairing"], message=pressed)
    except (KeyError, ValidationError):
        return InvalidInput("error.form_unreadable")
