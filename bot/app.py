"""The Bolt `App` factory: every listener registered on an app built around the process's `Deps`."""

from __future__ import annotations

import logging

from slack_bolt import App

from bot.deps import Deps
from handlers import register_all


def create_app(deps: Deps) -> App:
    """A Bolt app with every listener registered.

    Listeners run in the thread that received the request, and Bolt answers Slack when the listener returns
    (`process_before_response`): they only ack and hand their work to `Deps.work` or `Deps.urgent`, so the answer
    leaves within a millisecond or two of the request being read, instead of waiting for Bolt's 10 ms poll of a
    listener running on another thread (figures in bench/README.md)."""
    secret = deps.settings.slack_signing_secret
    app = App(
        client=deps.client,
        signing_secret=secret.get_secret_value() if secret else "",
        process_before_response=True,
        logger=logging.getLogger("alinea.bolt"),
    )
    register_all(app, deps)
    return app
