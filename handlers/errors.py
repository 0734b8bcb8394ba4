"""The last resort for exceptions that escape a listener before its work is handed on (handlers/intake.py): log
them and, where Slack gave a response_url, say something went wrong."""

from __future__ import annotations

import logging

from slack_bolt import App, BoltContext, Respond

from bot.deps import Deps
from bot.errors import unexpected_message
from bot.workspaces import key_of, working_for

log = logging.getLogger(__name__)


def register(app: App, deps: Deps) -> None:
    @app.error
    def on_error(error: Exception, context: BoltContext, respond: Respond | None, body: dict | None = None) -> None:
        log.error("listener failed: %s: %s", type(error).__name__, error, exc_info=error)
        if respond is not None and respond.response_url:  # a modal's submission has none
            try:
                with working_for(key_of(body or {})):  # a person's language defaults to their workspace's
                    lang = deps.directory.language(context.user_id) if context.user_id else deps.workspace().language
            except Exception:
                lang = deps.settings.alinea_language
            respond(response_type="ephemeral", replace_original=False, **unexpected_message(lang).as_kwargs())
