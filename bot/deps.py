"""What listeners and jobs share, built once per process: settings, the store, the clock, the Web API client, the
directory of people, the pools that do listeners' work after the ack, and the hook that replans scheduled jobs."""

from __future__ import annotations

import contextvars
import logging
import threading
from collections.abc import Callable, Hashable, Iterator
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

from bot.clock import Clock, SystemClock
from bot.directory import Directory
from bot.installs import Installs
from bot.pacing import Pacer, pacer_for
from bot.settings import Settings
from bot.slack_client import PacedWebClient
from bot.workspace import service as workspace_settings
from bot.workspace.models import WorkspaceSettings
from bot.workspaces import current
from storage.db import Database

log = logging.getLogger(__name__)


class AcksFirst:
    """Requests waiting for their ack go before work that only follows an ack: the pools' threads, which hold the
    interpreter lock whenever they run Python, pause between two steps while a request is being acked, for a short
    while at most (`LONGEST_PAUSE`), so a steady stream of requests slows the work down but never stops it."""

    LONGEST_PAUSE = 0.05  # seconds

    def __init__(self) -> None:
        self._acking = 0
        self._changed = threading.Condition()
        self._here = threading.local()  # .acking: this thread is acking a request

    @contextmanager
    def acking(self) -> Iterator[None]:
        """Around the handling of one request from Slack, until its answer is ready."""
        with self._changed:
            self._acking += 1
        self._here.acking = True
        try:
            yield
        finally:
            self._here.acking = False
            with self._changed:
                self._acking -= 1
                if not self._acking:
                    self._changed.notify_all()

    def pause(self) -> None:
        """Between two steps of work: wait while requests are being acked (never in a thread acking one itself, as
        work run inline by the console and the tests is)."""
        if getattr(self._here, "acking", False):
            return
        with self._changed:
            self._changed.wait_for(lambda: not self._acking, timeout=self.LONGEST_PAUSE)


# How long a workspace's settings read from the store are used before they are read again (`Deps.workspace`).
WORKSPACE_SETTINGS_TTL = timedelta(seconds=30)


@dataclass
class Deps:
    """Everything a listener or job needs, built once per process."""

    settings: Settings
    db: Database
    clock: Clock
    client: WebClient
    directory: Directory
    installs: Installs  # which workspaces Alinea serves, and their tokens
    work: Executor  # listeners' work after the ack, first come first served (handlers.intake)
    urgent: Executor  # listeners' work that must start at once: opening modals (a trigger_id lasts 3 s)
    _replan: Callable[[], None] | None = field(default=None, repr=False)
    acks_first: AcksFirst = field(default_factory=AcksFirst, repr=False)
    _queued: set[Hashable] = field(default_factory=set, repr=False)
    _queued_guard: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _workspaces: dict[str, tuple[datetime, WorkspaceSettings]] = field(default_factory=dict, repr=False)
    _workspaces_guard: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def coalesced(self, key: Hashable, task: Callable[[], None]) -> None:
        """Run `task` on the work pool, unless a task under the same `key` is queued there and has not started yet:
        that one will see every change made so far. (A burst of one person's asks publishes their App Home a few
        times, not once per ask.) It runs as work about the same workspace as its caller (`bot.workspaces`). A
        failure is logged: nobody waits for the task."""
        with self._queued_guard:
            if key in self._queued:
                return
            self._queued.add(key)

        def run() -> None:
            self.acks_first.pause()
            with self._queued_guard:
                self._queued.discard(key)
            try:
                task()
            except Exception:
                log.exception("%s failed", key)

        self.work.submit(contextvars.copy_context().run, run)

    def __post_init__(self) -> None:
        if isinstance(self.directory, Directory):  # people's default language and zone are their workspace's
            self.directory.follow(self.workspace)

    def workspace(self, team_id: str | None = None) -> WorkspaceSettings:
        """The settings of workspace `team_id` (by default the one being worked for, `bot.workspaces.current`; outside
        of any, the environment's): its collaboration channel, time zone, language, reminder time and notification
        defaults. Read from the store at most every `WORKSPACE_SETTINGS_TTL` per workspace, so another replica's
        change is seen within that; this process's own changes at once (`forget_workspace`). When the store can't
        answer, what was read before (else the environment's)."""
        team_id = team_id or current()
        if not team_id:
            return workspace_settings.from_environment(self.settings)
        now = self.clock.now()
        with self._workspaces_guard:
            cached = self._workspaces.get(team_id)
        if cached is not None and now - cached[0] < WORKSPACE_SETTINGS_TTL:
            return cached[1]
        try:
            found = workspace_settings.settings_of(self.db, team_id, self.settings)
        except Exception:
            log.warning("could not read the settings of %s; using those read before", team_id, exc_info=True)
            return cached[1] if cached is not None else workspace_settings.from_environment(self.settings)
        with self._workspaces_guard:
            self._workspaces[team_id] = (now, found)
        return found

    def forget_workspace(self, team_id: str) -> None:
        """Workspace `team_id`'s settings changed: read them afresh next time."""
        with self._workspaces_guard:
            self._workspaces.pop(team_id, None)

    def on_replan(self, hook: Callable[[], None] | None) -> None:
        """The scheduler of this process registers how it replans its jobs (None when it stops leading)."""
        self._replan = hook

    def replan(self) -> None:
        """Bring this process's scheduler in line with the store after a change to what is scheduled (a sync, a
        rhythm, a subscription). Nothing when this process runs no scheduler: the leader's own reconciliation
        finds the change within 30 seconds."""
        hook = self._replan
        if hook is not None:
            hook()


# Calls that create something: a 5xx or a dropped connection may come after Slack made it, so they are not retried
# blindly; their callers look the message up first (bot.deliveries.post_checked). A 429 means Slack did nothing.
CREATING_METHODS = ("chat.postMessage", "chat.postEphemeral", "files.completeUploadExternal")


class _ServerErrorRetry(ServerErrorRetryHandler):
    def _can_retry(self, *, state: RetryState, request: HttpRequest, response: HttpResponse | None = None,
                   error: Exception | None = None) -> bool:
        return not request.url.endswith(CREATING_METHODS) and super()._can_retry(
            state=state, request=request, response=response, error=error)


class _ConnectionErrorRetry(ConnectionErrorRetryHandler):
    def _can_retry(self, *, state: RetryState, request: HttpRequest, response: HttpResponse | None = None,
                   error: Exception | None = None) -> bool:
        return not request.url.endswith(CREATING_METHODS) and super()._can_retry(
            state=state, request=request, response=response, error=error)


def web_client(settings: Settings, pacer: Pacer | None = None) -> PacedWebClient:
    """The one Web API client: `SLACK_API_URL` as base, each call paced within Slack's rate limits by `pacer` (by
    default the process's own, `bot.pacing.pacer_for`), retried on 429s (after Retry-After), and on 5xx answers and
    dropped connections unless the call creates something."""
    token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None
    return PacedWebClient(
        token=token,
        base_url=settings.slack_api_url,
        timeout=10,
        retry_handlers=[
            RateLimitErrorRetryHandler(max_retry_count=3),
            _ServerErrorRetry(max_retry_count=2),
            _ConnectionErrorRetry(max_retry_count=2),
        ],
        pacer=pacer or pacer_for(settings.slack_api_url),
    )


# Threads doing listeners' work after the ack. The work is Python (store, Block Kit) and Web API calls; every thread
# busy with Python holds the interpreter lock that acks need too, so there are few of them (2 measured best in
# bench/ack_latency.py, for acks and for the work's own rate, against 3 and 4), and their network waits overlap.
WORK_THREADS = 2
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
               inline: bool = False, pacer: Pacer | None = None) -> Deps:
    """`inline` (the console and the tests): listeners' work runs before the listener returns, so a dispatch
    returns with everything Slack would show. `pacer`: how the client keeps within Slack's rate limits
    (`web_client`)."""
    clock = clock or SystemClock()
    client = web_client(settings, pacer)
    db = db or Database(settings.database_url)
    installs = Installs(settings, db, clock)
    if installs.oauth:  # each workspace's calls carry its own token
        client.tokens = installs.token
    return Deps(
        settings=settings,
        db=db,
        clock=clock,
        client=client,
        directory=Directory(client, settings, clock),
        installs=installs,
        work=InlineExecutor() if inline else ThreadPoolExecutor(WORK_THREADS, thread_name_prefix="alinea-work"),
        urgent=InlineExecutor() if inline else ThreadPoolExecutor(URGENT_THREADS, thread_name_prefix="alinea-urgent"),
    )


