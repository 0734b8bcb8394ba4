"""The Bolt `App` factory: every listener registered on an app built around the process's `Deps`."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltResponse
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped

from bot.deps import Deps
from bot.inputs import make_storable
from handlers import register_all


def create_app(deps: Deps) -> App:
    """A Bolt app with every listener registered.

    Listeners run in the thread that received the request, and Bolt answers Slack when the listener returns
    (`process_before_response`): they only ack and hand their work to `Deps.work` or `Deps.urgent`, so the answer
    leaves within a millisecond or two of the request being read, instead of waiting for Bolt's 10 ms poll of a
    listener running on another thread (figures in bench/README.md)."""
    secret = deps.settings.slack_signing_secret
    bolt_log = logging.getLogger("alinea.bolt")
    if not any(isinstance(f, _NoTokenNote) for f in bolt_log.filters):
        bolt_log.addFilter(_NoTokenNote())
    app = App(
        client=deps.client,
        signing_secret=secret.get_secret_value() if secret else "",
        process_before_response=True,
        logger=bolt_log,
        oauth_settings=deps.installs.oauth_settings(),  # None with a single bot token
    )
    app.middleware(_storable)
    register_all(app, deps)
    return app


class _NoTokenNote(logging.Filter):
    """Bolt notes at every start that `SLACK_BOT_TOKEN` (which it reads itself) is unused beside the client it is
    given: true and expected here (the client carries that token), so the note is not logged."""

    NOTE = warning_client_prioritized_and_token_skipped()

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != self.NOTE


def _storable(body: dict[str, Any], next: Callable[[], BoltResponse]) -> BoltResponse:  # noqa: A002 (Bolt's name)
    """Before any listener: text no store could keep is taken out of the request (see `make_storable`)."""
    make_storable(body)
    return next()
