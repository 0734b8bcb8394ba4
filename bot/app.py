"""The Bolt `App` factory and the dependencies its listeners share."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

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
    work: Executor  # listeners' work after the ack, first come first served (handlers.replies.later)
    urgent: Executor  # listeners' work that must start at once: opening modals (a trigger_id lasts 3 s)


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


# Threads doing listeners' work after the ack. The work is Python (store, Block Kit) and Web API calls; every thread
# busy with Python holds the interpreter lock that acks need too, so there are few of them (4 measured better than 8
# for ack latency in bench/ack_latency.py), and the calls' network waits overlap across them.
WORK_THREADS = 4
# Threads opening modals: short jobs (a lookup, one views.open) that must not queue behind the work.
URGENT_THREADS = 8


class InlineExecutor(Executor):
    """Runs what it is given right away, in the caller's thread."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # the future carries it, as a thread pool would
            future.set_exception(exc)
        return future


def build_deps(settings: Settings, clock: Clock | None = None, db: Database | None = None,
               inline: bool = False) -> Deps:
    """`inline` (the console and the tests): listeners' work runs before the listener returns, so a dispatch
    returns with everything Slack would show."""
    clock = clock or SystemClock()
    client = web_client(settings)
    return Deps(
        settings=settings,
        db=db or Database(settings.database_url),
        clock=clock,
        client=client,
        directory=Directory(client, settings, clock),
        work=InlineExecutor() if inline else ThreadPoolExecutor(WORK_THREADS, thread_name_prefix="alinea-work"),
        urgent=InlineExecutor() if inline else ThreadPoolExecutor(URGENT_THREADS, thread_name_prefix="alinea-urgent"),
    )


def create_app(deps: Deps) -> App:
    """A Bolt app with every listener registered.

    Listeners run in the thread that received the request, and Bolt answers Slack when the listener returns
    (`process_before_response`): they only ack and hand their work to `Deps.work` or `Deps.urgent`, so the answer
    leaves within a millisecond or two of the request being read, instead of waiting for Bolt's 10 ms poll of a
    listener running on another thread (figures in bench/README.md)."""
    from handlers import register_all

    secret = deps.settings.slack_signing_secret
    app = App(
        client=deps.client,
        signing_secret=secret.get_secret_value() if secret else "",
        process_before_response=True,
        logger=logging.getLogger("alinea.bolt"),
    )
    register_all(app, deps)
    return app
