"""How handlers answer a person: ephemeral messages through the request's response_url, the one place where
errors after the ack become those messages, and the shape every listener that may open a modal shares."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from slack_bolt import Ack, Respond

from bot.blocks import ERROR_TEXT_LIMIT, Message
from bot.deps import Deps
from bot.errors import DomainError, FormError, InvalidInput, ParseError, error_message, unexpected_message
from bot.i18n import Language
from bot.people import Actor

log = logging.getLogger(__name__)
T = TypeVar("T")
# What a listener that may open a modal decides: the modal (a view), or the work whose answer is a message.
Decision = dict[str, Any] | Callable[[], Message]


def reply(respond: Respond, msg: Message) -> None:
    respond(response_type="ephemeral", replace_original=False, **msg.as_kwargs())


def tell(deps: Deps, user_id: str, respond: Respond | None, msg: Message) -> None:
    """Answer privately: through the response_url when Slack gave one, else in the app's DM with the person
    (modal submissions and Home tab buttons have no response_url)."""
    if respond is not None:
        reply(respond, msg)
    else:
        deps.client.chat_postMessage(channel=user_id, **msg.as_kwargs())


def parsed_or_raise(result: T | ParseError | FormError) -> T:
    """Parsers and modal readers return errors as values; here they become the exception `later` turns into a
    reply (or the listener into modal errors)."""
    if isinstance(result, InvalidInput):
        raise result
    return result


def later(deps: Deps, user_id: str, respond: Respond | None = None,
          opens_modal: bool = False) -> Callable[[Callable[[], object]], None]:
    """Hand the decorated function to a pool and return: it runs there, errors becoming replies (`_answered`).

    Bolt answers Slack when a listener returns (see `bot.app.create_app`), so listeners ack and put everything else
    here: on `Deps.work`, first come first served, and their replies come when it is their turn (a response_url stays
    valid for 30 minutes); or, with `opens_modal` (the work opens a modal, or decides whether to), on `Deps.urgent`,
    which nothing queues behind, because a trigger_id lasts 3 seconds. The console and the tests use inline pools:
    the work is done when the listener returns."""
    pool = deps.urgent if opens_modal else deps.work

    def queue(work: Callable[[], object]) -> None:
        pool.submit(_answered, deps, user_id, respond, work)

    return queue


def modal_or_reply(deps: Deps, client: Any, user_id: str, respond: Respond | None, trigger_id: str,
                   decide: Callable[[], Decision]) -> None:
    """For listeners that open a modal or do some work, which they know only once they have read the request:
    `decide` runs at once (on `Deps.urgent`) and returns either the modal, opened with `trigger_id`, or the work,
    queued on `Deps.work`, whose message is the person's private answer."""

    @later(deps, user_id, respond, opens_modal=True)
    def start() -> None:
        decided = decide()
        if isinstance(decided, dict):
            client.views_open(trigger_id=trigger_id, view=decided)
            return

        @later(deps, user_id, respond)
        def work() -> None:
            tell(deps, user_id, respond, decided())


def _answered(deps: Deps, user_id: str, respond: Respond | None, work: Callable[[], object]) -> None:
    """Run a listener's work after its ack. A domain error becomes an ephemeral reply saying what was wrong (and the
    right form); anything else is logged and the person is asked to try again. Errors never reach Bolt, whose answer
    to Slack was already sent by the ack."""
    try:
        work()
    except DomainError as error:
        _tell_safely(deps, user_id, respond, error_message(language(deps, user_id), error))
    except Exception as error:
        log.error("request from %s failed: %s: %s", user_id, type(error).__name__, error, exc_info=error)
        _tell_safely(deps, user_id, respond, unexpected_message(language(deps, user_id)))


def language(deps: Deps, user_id: str | None) -> Language:
    """The person's language, or the workspace default when Slack can't tell."""
    try:
        return deps.directory.language(user_id) if user_id else deps.settings.alinea_language
    except Exception:
        return deps.settings.alinea_language


def _tell_safely(deps: Deps, user_id: str, respond: Respond | None, msg: Message) -> None:
    try:
        tell(deps, user_id, respond, msg)
    except Exception:
        log.exception("could not tell the person about an error")


def actor_of(deps: Deps, body: dict) -> Actor:
    """Who pressed a button or submitted a modal (their team is in `team`, or in `user` for some payloads)."""
    team = (body.get("team") or {}).get("id") or body["user"].get("team_id", "")
    return deps.directory.actor(team, body["user"]["id"])


def command_actor(deps: Deps, command: dict) -> Actor:
    """Who typed a slash command."""
    return deps.directory.actor(command["team_id"], command["user_id"])


def submitted(ack: Ack, actor: Actor, default_field: str, read: Callable[[], T]) -> T | None:
    """A modal's submission: `read` reads it (and makes the change, when a refusal must show in the modal) before the
    ack. A domain error is acked as `response_action=errors`, under the input it is about (`default_field` unless a
    `FormError` names one), and None comes back; otherwise the submission is acked and what `read` gave returned."""
    try:
        result = read()
    except DomainError as error:
        field = error.field if isinstance(error, FormError) else default_field
        ack(response_action="errors", errors={field: error_message(actor.language, error).text[:ERROR_TEXT_LIMIT]})
        return None
    ack()
    return result
