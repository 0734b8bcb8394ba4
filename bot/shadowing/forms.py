"""The learnings modal's submission."""

from __future__ import annotations

from bot.errors import FormError
from bot.inputs import Values, element, escape_mrkdwn, text, value
from bot.shadowing.models import LEARNING_LIMIT, LearningsDraft


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
