"""Durable intake: nothing acknowledged to Slack lives only in memory.

A listener whose request changes something records it (`storage.intake`) before its ack, keyed by what Slack makes
unique about it (a trigger_id, a view's id and hash, an event_id), and its work runs from that record, on the pools
of `Deps`: a request Slack sends twice is taken once. The record names the process working it; a process that dies
leaves its records to the next process to start, or to any live replica (`Resumer`), which works them again.
Changes are made once per request (`bot.effects.once`, with `Job.key`), posts that may have gone out are looked up
before they are sent again (`Job.resumed`), and the person is answered once: through the request's response_url
while it is valid, by DM after.

A work is a module-level function registered under a name (`@work("ask:command")`); it gets the `Job` and returns
nothing when it is done, or the rest of the work, which runs on `Deps.work` (a work that may open a modal starts on
`Deps.urgent`, because a trigger_id lasts 3 seconds).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, TypeVar

from slack_bolt import Ack
from slack_bolt.context.respond import Respond

from bot.blocks import Message
from bot.deps import Deps
from bot.effects import subject_of
from bot.errors import (
    DomainError,
    FormError,
    InvalidInput,
    ParseError,
    after_change_message,
    error_message,
    plain_error,
    unexpected_message,
)
from bot.i18n import Language
from bot.inputs import seal, unseal
from bot.people import Actor
from bot.workspaces import key_of, working_for
from storage.intake import Request

log = logging.getLogger(__name__)
T = TypeVar("T")

RESPONSE_URL_LIFETIME = timedelta(minutes=30)
# After a failure that follows a stored change, the rest is tried again after these waits, then given up.
RETRY_AFTER = (timedelta(seconds=5), timedelta(seconds=30), timedelta(minutes=2))
RESUME_EVERY = 2.0  # seconds between two looks for records of dead processes and retries that are due

Rest = Callable[[], None]
Work = Callable[[Deps, "Job"], Rest | None]
_WORKS: dict[str, Work] = {}


def work(name: str) -> Callable[[Work], Work]:
    """Register a listener's work under `name`, the name its records carry."""

    def register(function: Work) -> Work:
        _WORKS[name] = function
        return function

    return register


class Job:
    """A recorded request being worked: what the listener received, and how to answer the person."""

    def __init__(self, deps: Deps, request: Request | None, payload: dict[str, Any], resumed: bool = False) -> None:
        self.deps = deps
        self.request = request
        self.payload = payload
        self.resumed = resumed  # an attempt after another: what may have gone out before is looked up first
        self._answered = bool(request and request.answered_at)
        # The key the work made its change under when not the request's own (a button finishing what an earlier
        # request asked, such as which reading of a KPI value was meant): what a failure looks the change up by.
        self.change_key: str | None = None

    @property
    def key(self) -> str | None:
        """The request's key, under which its change is made once; None for work that was not recorded."""
        return self.request.key if self.request else None

    @property
    def user_id(self) -> str:
        return _who(self.payload)[1]

    @property
    def team_id(self) -> str:
        """The store key of the workspace the request is about (`bot.workspaces.key_of`)."""
        return _who(self.payload)[0]

    @property
    def action_value(self) -> str:
        """The value of the button pressed."""
        return str((self.payload.get("actions") or [{}])[0].get("value", ""))

    @property
    def view(self) -> dict[str, Any]:
        """The submitted modal."""
        return self.payload.get("view") or {}

    @property
    def view_values(self) -> dict[str, Any]:
        """The submitted modal's inputs, as `view.state.values`."""
        return (self.view.get("state") or {}).get("values") or {}

    def open_modal(self, view: dict[str, Any]) -> None:
        """Open a modal with the request's trigger_id (which lasts 3 seconds: not for a resumed request), its
        private_metadata sealed (`metadata` reads it back)."""
        if self.resumed:
            log.info("not opening a modal for a resumed request: its trigger_id has expired")
            return
        sealed = seal(self._metadata_key, view["callback_id"], view.get("private_metadata", ""))
        self.deps.client.views_open(trigger_id=self.payload["trigger_id"], view=view | {"private_metadata": sealed})

    def metadata(self) -> str:
        """The submitted modal's private_metadata as Alinea put it there; anything else, forged or garbled, is refused
        with a clean error under the modal's input."""
        return parsed_or_raise(unseal(self._metadata_key, str(self.view.get("callback_id", "")),
                                      self.view.get("private_metadata")))

    def metadata_number(self) -> int:
        """The submitted modal's private_metadata when Alinea put a record's number there."""
        found = self.metadata()
        if not found.isascii() or not found.isdigit() or len(found) > 18:
            raise InvalidInput("error.form_unreadable")
        return int(found)

    @property
    def _metadata_key(self) -> bytes:
        return self.deps.settings.key_for("metadata")

    def actor(self) -> Actor:
        team_id, user_id, _url = _who(self.payload)
        return self.deps.directory.actor(team_id, user_id)

    def language(self) -> Language:
        try:
            return self.deps.directory.language(self.user_id)
        except Exception:
            return self.deps.workspace(self.team_id).language

    def reply(self, msg: Message) -> None:
        """Answer the person privately, once."""
        self.respond(response_type="ephemeral", replace_original=False, **msg.as_kwargs())

    def respond(self, **message: Any) -> None:
        """Post to the request's response_url (replacing the message a button was on, say) while it is valid, else
        send the message to the person's DM with the app; once per request."""
        if self._answered:
            return
        url = _who(self.payload)[2]
        received = self.request.received_at if self.request else self.deps.clock.now()
        if url and self.deps.clock.now() - received < RESPONSE_URL_LIFETIME:
            Respond(response_url=url)(**message)
        else:
            self.deps.client.chat_postMessage(channel=self.user_id, text=message.get("text", ""),
                                              blocks=message.get("blocks"), unfurl_links=False, unfurl_media=False)
        self._answered = True
        if self.request is not None:
            self.deps.db.intake.answered(self.request.id, self.deps.clock.now())


def parsed_or_raise(result: T | ParseError | FormError) -> T:
    """Parsers and modal readers return errors as values; here they become the exception a work's answer (or a
    submission's modal errors) is made from."""
    if isinstance(result, InvalidInput):
        raise result
    return result


def take(deps: Deps, ack: Ack, name: str, payload: dict[str, Any], urgent: bool = False,
         record: bool = True) -> None:
    """Record the request, ack it, and work it: the record is in the store before Slack hears the ack. A request
    recorded before (Slack's retry of an event, a replay, a double submission) is acked and left to its record's
    work. Requests that change nothing (opening a modal, reading) are not recorded (`record=False`), nor are those
    the store can't take while it is down: their work runs anyway and says what came of it."""
    taken = _record(deps, name, payload) if record else _Taken(None, new=True)
    ack()
    if taken.new:
        _submit(deps, taken.request, name, payload, urgent)


def take_submission(deps: Deps, ack: Ack, name: str, payload: dict[str, Any],
                    change: Callable[[Job], object], default_field: str) -> None:
    """A modal's submission: recorded, then `change` (reading the form and making the change, with the job's key)
    runs before the ack, so a refusal shows under its input in the modal and the record is dropped (the same view
    may come again, fixed); otherwise the submission is acked and the work, which makes the change again through
    the same key (getting the first result back), does what follows it."""
    taken = _record(deps, name, payload)
    if not taken.new:  # submitted before: the first submission's work answers
        ack()
        return
    job = Job(deps, taken.request, payload)
    try:
        with working_for(job.team_id):
            change(job)
    except Exception as error:
        if taken.request is not None:
            deps.db.intake.forget(taken.request.id)
        if not isinstance(error, DomainError):
            raise
        field = error.field if isinstance(error, FormError) else default_field
        ack(response_action="errors",
            errors={field: plain_error(job.language(), error, lambda user_id: deps.directory.user(user_id).name)})
        return
    ack()
    _submit(deps, taken.request, name, payload, urgent=False)


class _Taken:
    def __init__(self, request: Request | None, new: bool) -> None:
        self.request = request  # None when not recorded
        self.new = new  # False when Slack sent this request before


def _record(deps: Deps, name: str, payload: dict[str, Any]) -> _Taken:
    try:
        deps.db.hold_owner_lock()
        team_id, user_id, response_url = _who(payload)
        request = deps.db.intake.record(_key(payload), name, team_id, user_id, payload, response_url,
                                        deps.clock.now(), deps.db.owner)
    except Exception:
        log.exception("could not record a request; working it without a record")
        return _Taken(None, new=True)
    return _Taken(request, new=request is not None)


def _submit(deps: Deps, request: Request | None, name: str, payload: dict[str, Any], urgent: bool,
            resumed: bool = False) -> None:
    pool = deps.urgent if urgent else deps.work
    job = Job(deps, request, payload, resumed)
    if request is not None:
        deps.db.intake.working.add(request.id)
    pool.submit(_attempt, deps, job, lambda: _WORKS[name](deps, job), urgent)


def _attempt(deps: Deps, job: Job, step: Callable[[], Rest | None], urgent: bool = False) -> None:
    """Run one step of a job's work; a returned rest runs next: on the work pool after an urgent step, right away
    after one that is on it already. Errors become answers."""
    deps.acks_first.pause()
    try:
        with working_for(job.team_id):
            rest = step()
            if rest is not None and urgent:
                deps.work.submit(_attempt, deps, job, rest)
                return
            if rest is not None:
                rest()
        _close(deps, job)
    except DomainError as error:  # services refuse before they change anything
        _answer_safely(job, error_message(job.language(), error))
        _close(deps, job)
    except Exception as error:
        log.error("request from %s failed: %s: %s", job.user_id, type(error).__name__, error, exc_info=error)
        _failed(deps, job)


def _failed(deps: Deps, job: Job) -> None:
    """After the change was stored, say so and try the rest again later; before it, nothing was changed."""
    key = job.change_key or job.key
    subject = subject_of(deps.db, key) if key else None
    if subject is None:
        _answer_safely(job, unexpected_message(job.language()))
        _close(deps, job)
        return
    _answer_safely(job, after_change_message(job.language(), subject))
    request = job.request
    assert request is not None
    attempts = request.attempts + 1
    retry_at = deps.clock.now() + RETRY_AFTER[attempts - 1] if attempts <= len(RETRY_AFTER) else None
    try:
        deps.db.intake.failed(request.id, retry_at, deps.clock.now())
    finally:
        deps.db.intake.working.discard(request.id)


def _close(deps: Deps, job: Job) -> None:
    if job.request is not None:
        try:
            deps.db.intake.done(job.request.id, deps.clock.now())
        finally:
            deps.db.intake.working.discard(job.request.id)


def _answer_safely(job: Job, msg: Message) -> None:
    try:
        job.reply(msg)
    except Exception:
        log.exception("could not answer %s", job.user_id)


def resume(deps: Deps, now: datetime | None = None) -> int:
    """Work the records this process should: those of processes that died, and its own failed ones that are due.
    Returns how many were taken."""
    deps.db.hold_owner_lock()
    taken = deps.db.intake.take(deps.db.owner, now or deps.clock.now(), deps.db.owner_is_gone,
                                set(deps.db.intake.working))
    for request in taken:
        if request.work not in _WORKS:
            log.error("a recorded request names no known work: %s", request.work)
            deps.db.intake.done(request.id, deps.clock.now())
            continue
        _submit(deps, request, request.work, request.payload, urgent=False, resumed=True)
    return len(taken)


class Resumer:
    """In every serving process: at start and every few seconds, `resume`."""

    def __init__(self, deps: Deps) -> None:
        self.deps = deps
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="alinea-resumer", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=RESUME_EVERY * 2)

    def _loop(self) -> None:
        while True:
            try:
                resume(self.deps)
            except Exception:
                log.exception("could not resume recorded requests; will try again")
            if self._stop.wait(RESUME_EVERY):
                return


def _who(payload: dict[str, Any]) -> tuple[str, str, str | None]:
    """(workspace key, user, response_url) of a command, an interaction or an event as Bolt parsed it; the key is
    the org's for an org-wide install (`bot.workspaces.key_of`)."""
    if "command" in payload:
        return key_of(payload), payload.get("user_id", ""), payload.get("response_url")
    if payload.get("type") == "event_callback":
        event = payload.get("event") or {}
        return key_of(payload), str(event.get("user", "")), None
    user = payload.get("user") or {}
    return key_of(payload), user.get("id", ""), payload.get("response_url")


def _key(payload: dict[str, Any]) -> str:
    """What Slack makes unique about a request: a view's id and hash, an event's id, an interaction's or a
    command's trigger_id."""
    if payload.get("type") == "view_submission":
        view = payload.get("view") or {}
        return f"view:{view.get('id', '')}:{view.get('hash', '')}"
    if payload.get("type") == "event_callback":
        return f"event:{payload.get('event_id', '')}"
    kind = "command" if "command" in payload else "action"
    return f"{kind}:{payload.get('trigger_id', '')}"
