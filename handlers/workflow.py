"""The **Log an ask** Workflow Builder step (Bolt's `app.function`): a workflow logs an ask for one of its people as
`/ask` would, and its next steps get the ask's ID and a link to its card.

Slack sends `function_executed`; the listener records it (keyed by its event_id, so a redelivery logs nothing twice)
and acks, and the work, which may run later or in another process, ends the step itself through the Web API with the
function's own token from the event (`functions.completeSuccess` / `functions.completeError`), rather than with
Bolt's `complete` and `fail`, which live only as long as the request."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App
from slack_bolt.request.internals import extract_function_bot_access_token, extract_function_execution_id
from slack_sdk.errors import SlackApiError

from bot.asks import forms as ask_forms
from bot.asks import posts as ask_posts
from bot.asks import service as asks
from bot.asks import views as ask_views
from bot.asks.models import AskInfo, NewAsk
from bot.deps import Deps
from bot.effects import subject_of
from bot.errors import DomainError, FormError, NotAllowed
from bot.ids import Function, LogAskInput, LogAskOutput
from bot.people import Actor
from handlers.intake import Job, parsed_or_raise, take, work

log = logging.getLogger(__name__)

# What Slack answers when a step is over already: completed by an attempt whose answer was lost, or timed out.
_OVER = frozenset({"execution_not_in_running_state", "function_execution_not_found"})


def register(app: App, deps: Deps) -> None:
    @app.function(Function.LOG_ASK)
    def log_ask_step(ack: Ack, body: dict) -> None:
        take(deps, ack, "ask:workflow_step", _as_the_requester(body))


def _as_the_requester(body: dict[str, Any]) -> dict[str, Any]:
    """The request as the requester's: an event names no user, and a work answers (and speaks the language of) the
    user its request names, so a failure after the ask is logged is told to them rather than to no one."""
    event = body.get("event") or {}
    requester = ask_forms.step_requester(event.get("inputs") or {})
    return body if isinstance(requester, FormError) else body | {"event": event | {"user": requester}}


@work("ask:workflow_step")
def _log_ask(deps: Deps, job: Job) -> None:
    """The step's inputs become the ask `/ask` would make, from the requester's side; a refusal ends the step with
    what was wrong, in the requester's language, and logs nothing. A failure after the ask is logged is left to
    intake, which tries the rest again (the ask is made once, its card looked up before it is posted again)."""
    inputs = (job.payload.get("event") or {}).get("inputs") or {}
    now = deps.clock.now()
    try:
        actor = deps.directory.actor(job.team_id, parsed_or_raise(ask_forms.step_requester(inputs)))
        ask = _create(deps, job, actor, parsed_or_raise(ask_forms.step_ask(inputs, actor.reading(now))))
    except DomainError as refused:
        _fail(deps, job, ask_views.step_failed(job.language(), refused))
        return
    except Exception:
        if job.key is not None and subject_of(deps.db, job.key) is not None:
            raise  # logged after all: intake finishes the rest later
        log.exception("the Log an ask step could not log its ask")
        _fail(deps, job, ask_views.step_unexpected(job.language()))
        return
    card = ask_posts.created(deps, actor.team_id, actor.user_id, ask, now, job.resumed)
    _complete(deps, job, {LogAskOutput.REFERENCE.value: ask.ref,
                          LogAskOutput.LINK.value: ask_posts.card_link(deps, actor.team_id, ask, card, now) or ""})


def _create(deps: Deps, job: Job, actor: Actor, draft: NewAsk) -> AskInfo:
    """The ask, once per request, from the requester's side to the other, posted where `/ask` posts when it is not
    typed in a channel: the collaboration channel, if there is one."""
    try:
        now = deps.clock.now()
        return asks.create(deps.db, actor, draft, now, ask_posts.card_channel(deps, actor, None, now), key=job.key)
    except NotAllowed as refused:
        if refused.key != "error.join_a_side_first":
            raise
        raise FormError("error.step_requester_no_side", LogAskInput.REQUESTER.value,
                        name=deps.directory.user(actor.user_id).name) from refused


def _complete(deps: Deps, job: Job, outputs: dict[str, str]) -> None:
    _end(job, lambda **step: deps.client.functions_completeSuccess(outputs=outputs, **step))


def _fail(deps: Deps, job: Job, error: str) -> None:
    _end(job, lambda **step: deps.client.functions_completeError(error=error, **step))


def _end(job: Job, call: Callable[..., object]) -> None:
    """End the step with the function's own token (`bot_access_token`, which only this execution's calls take)."""
    execution = extract_function_execution_id(job.payload)
    token = extract_function_bot_access_token(job.payload)
    try:
        call(function_execution_id=execution, **({"token": token} if token else {}))
    except SlackApiError as exc:
        if exc.response.get("error") not in _OVER:
            raise
        log.info("step %s was over already: %s", execution, exc.response.get("error"))
