"""The one way a DM about a change is sent: to a person who wants its kind, in their language, looked for first
when an earlier attempt may have sent it, and never the reason the change itself fails."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from slack_sdk.errors import SlackApiError

from bot.blocks import Message
from bot.deliveries import SlackBusy, post_checked
from bot.deps import Deps
from bot.i18n import Language
from bot.notifications import service as notices
from bot.notifications import views as notice_views
from bot.notifications.models import NoticeKind

log = logging.getLogger(__name__)


def send(deps: Deps, team_id: str, actor_id: str, user_id: str | None, kind: NoticeKind,
         build: Callable[[Language], Message], key: str, now: datetime, resumed: bool = False) -> bool:
    """DM `user_id` the message `build` makes in their language, unless they are nobody, the person who acted
    (`actor_id`), or turned `kind` off. `key` names this DM (one change, one recipient); `resumed`: an earlier
    attempt may have sent it, so it is looked for first. True when it was sent (or found). Slack's refusal is
    logged, never raised: the change it follows is made."""
    if not user_id or user_id == actor_id or not notices.wanted(deps.db, team_id, user_id, kind, now):
        return False
    try:
        lang = deps.directory.language(user_id)
        post_checked(deps, user_id, notice_views.with_footer(lang, build(lang), kind), key, now, look_first=resumed)
        return True
    except (SlackApiError, SlackBusy) as exc:
        log.warning("could not tell %s (%s): %s", user_id, key, exc)
        return False
