"""The Bolt `App` factory and the dependencies its listeners share."""

from __future__ import annotations

import logging
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot.clock import Clock, SystemClock
from bot.directory import Directory
from bot.settings import Settings
from storage.db import Database

log = logging.getLogger(__name__)


@dataclass
class Deps:
    """Everything a listener or job needs, built once per process."""

    settings: Settings
    db: Database
    clock: Clock
    client: WebClient
    directory: Directory


def web_client(settings: Settings) -> WebClient:
    """The one Web API client: `SLACK_API_URL` as base, retried on 429s (after Retry-After), 5xx answers and
    dropped connections."""
    token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None
    return WebClient(
        token=token,
        base_url=settings.slack_api_url,
        timeout=10,
        retry_handlers=[
            RateLimitErrorRetryHandler(max_retry_count=3),
            ServerErrorRetryHandler(max_retry_count=2),
            ConnectionErrorRetryHandler(max_retry_count=2),
        ],
    )


def build_deps(settings: Settings, clock: Clock | None = None, db: Database | None = None) -> Deps:
    clock = clock or SystemClock()
    client = web_client(settings)
    return Deps(
        settings=settings,
        db=db or Database(settings.database_url),
        clock=clock,
        client=client,
        directory=Directory(client, settings, clock),
    )


# Bolt runs each listener, ack included, on this pool; the work after the ack (store, Slack calls) holds a thread
# for a while, so a pool as small as Bolt's default (5) makes later acks wait for a free thread under load.
LISTENER_THREADS = 64


def create_app(deps: Deps, listener_executor: Executor | None = None) -> App:
    """A Bolt app with every listener registered. `listener_executor` runs listeners (their ack, then their work);
    the console and tests pass one that runs them inline so what Slack would show is complete when dispatch
    returns."""
    from handlers import register_all

    secret = deps.settings.slack_signing_secret
    app = App(
        client=deps.client,
        signing_secret=secret.get_secret_value() if secret else "",
        process_before_response=False,
        listener_executor=listener_executor or ThreadPoolExecutor(LISTENER_THREADS, thread_name_prefix="alinea"),
        logger=logging.getLogger("alinea.bolt"),
    )
    register_all(app, deps)
    return app
