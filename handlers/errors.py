"""The last resort for exceptions that escape a listener before or outside `later` (handlers/replies.py):
log them and, where Slack gave a response_url, say something went wrong."""

from __future__ import annotations

import logging

from slack_bolt import App, BoltContext, Respond

from bot.deps import Deps
from bot.errors import unexpected_message
from handlers.replies import language, reply

log = logging.getLogger(__name__)


def register(app: App, deps: Deps) -> None:
    @app.error
    def on_error(error: Exception, context: BoltContext, respond: Respond | None) -> None:
        log.error("listener failed: %s: %s", type(error).__name__, error, exc_info=error)
        if respond is not None:
            reply(respond, unexpected_message(language(deps, context.user_id)))
