"""`/ask`, the buttons on posted asks, the ask modals, the **Undo** of a closing and the **Log as ask** message
shortcut."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Any, assert_never

from slack_bolt import Ack, App
from slack_sdk.errors import SlackApiError

from bot import help
from bot.asks import forms as ask_forms
from bot.asks import posts as ask_posts
from bot.asks import service as asks
from bot.asks import views as ask_views
from bot.asks.models import TITLE_LIMIT, AcceptResult, AskInfo, NewAsk
from bot.asks.parsing import (
    AcceptAsk,
    AskHelp,
    AskModal,
    AskRequest,
    CancelAsk,
    DeclineAsk,
    DoneAsk,
    ListAsks,
    ReopenAsk,
    ShowAsk,
    opens_modal,
    parse_ask,
)
from bot.blocks import Message, read_undo
from bot.commitments import service as commitments
from bot.deps import Deps
from bot.errors import Conflict, FormError, InvalidInput, error_message
from bot.ids import Action, Command, Shortcut, View
from bot.inputs import metadata
from bot.people import Actor, Side
from handlers.intake import Job, Rest, parsed_or_raise, take, take_submission, work

_RATE = re.compile(rf"^{Action.ASK_RATE.value}_[1-5]$")
_PAGE = re.compile(rf"^{Action.ASK_LIST_PAGE.value}_(prev|next)$")


def register(app: App, deps: Deps) -> None:
    @app.command(Command.ASK)
    def ask_command(ack: Ack, body: dict) -> None:
        take(deps, ack, "ask:command", body, urgent=opens_modal(body.get("text", "")))

    @app.action(Action.ASK_ACCEPT)
    def accept_button(ack: Ack, body: dict) -> None:
        take(deps, ack, "ask:accept_button", body, urgent=True)

    @app.action(Action.ASK_DECLINE)
    def decline_button(ack: Ack, body: dict) -> None:
        take(deps, ack, "ask:decline_button", body, urgent=True, record=False)

    @app.action(Action.ASK_DONE)
    def done_button(ack: Ack, body: dict) -> None:
        take(deps, ack, "ask:done_button", body)

    @app.action(Action.ASK_SHOW)
    def show_button(ack: Ack, body: dict) -> None:
        take(deps, ack, "ask:show_button", body, record=False)

    @app.action(_PAGE)
    def page_button(ack: Ack, body: dict) -> None:
        take(deps, ack, "ask:page_button", body, record=False)

    @app.action(_RATE)
    def rate_button(ack: Ack, body: dict) -> None:
        take(deps, ack, "ask:rate_button", body)

    @app.action(Action.ASK_UNDO)
    def undo_button(ack: Ack, body: dict) -> None:
        take(deps, ack, "ask:undo_button", body)

    @app.view(View.ASK_NEW)
    def new_ask_submitted(ack: Ack, body: dict) -> None:
        take_submission(deps, ack, "ask:new_submitted", body, _create_from_modal, "title")

    @app.view(View.ASK_ACCEPT)
    def accept_submitted(ack: Ack, body: dict) -> None:
        take_submission(deps, ack, "ask:accept_submitted", body, _accept_from_modal, "due")

    @app.view(View.ASK_DECLINE)
    def decline_submitted(ack: Ack, body: dict) -> None:
        take_submission(deps, ack, "ask:decline_submitted", body, _decline_from_modal, "reason")

    @app.shortcut(Shortcut.LOG_ASK)
    def log_ask_shortcut(ack: Ack, body: dict) -> None:
        take(deps, ack, "ask:shortcut", body, urgent=True, record=False)


@work("ask:command")
def _command(deps: Deps, job: Job) -> Rest | None:
    actor = job.actor()
    parsed = parsed_or_raise(parse_ask(job.payload.get("text", ""), actor.reading(deps.clock.now())))
    if isinstance(parsed, AskModal):
        job.open_modal(new_ask_modal(deps, actor, job.payload.get("channel_id")))
        return None
    return lambda: job.reply(_run(deps, job, actor, parsed, job.payload.get("channel_id")))


@work("ask:accept_button")
def _accept_button(deps: Deps, job: Job) -> Rest | None:
    actor, now = job.actor(), deps.clock.now()
    ask = asks.get(deps.db, actor.team_id, int(job.action_value), now)
    if ask.due_date is None and ask.status.value == "open":
        job.open_modal(ask_views.accept_modal(actor.language, ask, actor.today(now)))
        return None
    return lambda: job.reply(_accept(deps, job, actor, ask.number, None))


@work("ask:decline_button")
def _decline_button(deps: Deps, job: Job) -> None:
    actor = job.actor()
    job.open_modal(ask_views.decline_modal(actor.language, asks.get(deps.db, actor.team_id, int(job.action_value),
                                                                    deps.clock.now())))


@work("ask:done_button")
def _done_button(deps: Deps, job: Job) -> None:
    job.reply(_done(deps, job, job.actor(), int(job.action_value), None))


@work("ask:show_button")
def _show_button(deps: Deps, job: Job) -> None:
    job.reply(_show(deps, job.actor(), int(job.action_value)))


@work("ask:page_button")
def _page_button(deps: Deps, job: Job) -> None:
    state = json.loads(job.action_value)
    which = ListAsks(filter=state["f"], to_side=state["s"])
    job.respond(replace_original=True, **_list(deps, job.actor(), which, int(state["o"])).as_kwargs())


@work("ask:rate_button")
def _rate_button(deps: Deps, job: Job) -> None:
    actor = job.actor()
    number, rating = (int(part) for part in job.action_value.split(":"))
    try:
        ask = asks.rate(deps.db, actor, number, rating, deps.clock.now(), key=job.key)
    except Conflict as refused:
        if refused.key != "error.ask_not_done":
            raise
        # Reopened since it was asked: the question says so where it was, its buttons gone until it is done again.
        job.respond(replace_original=True, **error_message(actor.language, refused).as_kwargs())
        return
    # The rating stays private: it feeds the digest, not the thread.
    job.respond(replace_original=True, **ask_views.rating_thanks(actor.language, ask).as_kwargs())


@work("ask:undo_button")
def _undo_button(deps: Deps, job: Job) -> None:
    """Undo on the private confirmation of a done, decline or cancel: the ask is reopened, and the confirmation says
    so in place (or that it is too late, and how to reopen it)."""
    actor = job.actor()
    read = read_undo(job.action_value)
    if read is None:
        raise InvalidInput("error.form_unreadable")
    number, closed_at = read
    try:
        msg = _reopen(deps, job, actor, number, None, undo_of=closed_at)
    except commitments.UndoTooLate as late:
        msg = error_message(actor.language, late)
    job.respond(replace_original=True, **msg.as_kwargs())


def _typed_in(job: Job) -> str | None:
    """Where the New ask modal was opened from (its private_metadata), if anywhere."""
    meta = metadata(job.metadata())
    channel = meta.get("channel") if isinstance(meta, dict) else None
    return channel if isinstance(channel, str) else None


def _create_from_modal(job: Job) -> AskInfo:
    deps, actor, now = job.deps, job.actor(), job.deps.clock.now()
    meta = parsed_or_raise(metadata(job.metadata()))
    draft = parsed_or_raise(ask_forms.new_ask(job.view_values, meta, actor.today(now),
                                              asks.default_target(deps.db, actor, now) or Side.IT))
    return asks.create(deps.db, actor, _by_a_person(deps, draft), now,
                       ask_posts.card_channel(deps, actor, _typed_in(job), deps.clock.now()), key=job.key)


def _by_a_person(deps: Deps, draft: NewAsk) -> NewAsk:
    """A named owner is a person, not a bot or an app (the service checks they are on the target side)."""
    if draft.owner_id and deps.directory.user(draft.owner_id).is_bot:
        raise FormError("error.bot_user", "owner", user=draft.owner_id)
    return draft


@work("ask:new_submitted")
def _new_submitted(deps: Deps, job: Job) -> None:
    ask = _create_from_modal(job)
    typed_in = _typed_in(job)
    _confirm_in_channel(deps, job, typed_in, _created(deps, job, job.actor(), ask))


def _accept_from_modal(job: Job) -> AcceptResult:
    actor, now = job.actor(), job.deps.clock.now()
    due = parsed_or_raise(ask_forms.accept_due(job.view_values, actor.today(now)))
    return asks.accept(job.deps.db, actor, job.metadata_number(), due, now, key=job.key)


@work("ask:accept_submitted")
def _accept_submitted(deps: Deps, job: Job) -> None:
    job.reply(_accepted(deps, job, job.actor(), _accept_from_modal(job)))


def _decline_from_modal(job: Job) -> AskInfo:
    reason = parsed_or_raise(ask_forms.decline_reason(job.view_values))
    return asks.decline(job.deps.db, job.actor(), job.metadata_number(), reason, job.deps.clock.now(), key=job.key)


@work("ask:decline_submitted")
def _decline_submitted(deps: Deps, job: Job) -> None:
    job.reply(_declined(deps, job, job.actor(), _decline_from_modal(job)))


@work("ask:shortcut")
def _shortcut(deps: Deps, job: Job) -> None:
    actor = job.actor()
    channel, message = job.payload["channel"]["id"], job.payload.get("message", {})
    text = message.get("text", "")
    prefill = ask_views.ModalPrefill(channel_id=channel, title=_first_line(text), details=text,
                                     source="shortcut", link=_permalink(deps, channel, message.get("ts")),
                                     to_side=asks.default_target(deps.db, actor, deps.clock.now()))
    job.open_modal(ask_views.new_ask_modal(actor.language, prefill))


def new_ask_modal(deps: Deps, actor: Actor, channel_id: str | None) -> dict[str, Any]:
    """The New ask modal as `/ask` alone and App Home's New ask open it."""
    prefill = ask_views.ModalPrefill(channel_id=channel_id,
                                     to_side=asks.default_target(deps.db, actor, deps.clock.now()))
    return ask_views.new_ask_modal(actor.language, prefill)


def _run(deps: Deps, job: Job, actor: Actor, parsed: AskRequest, typed_in: str | None) -> Message:
    """Everything `/ask` does besides opening the modal."""
    match parsed:
        case AskHelp():
            return help.usage(actor.language, Command.ASK)
        case NewAsk():
            ask = asks.create(deps.db, actor, _by_a_person(deps, parsed), deps.clock.now(),
                              ask_posts.card_channel(deps, actor, typed_in, deps.clock.now()), key=job.key)
            return _created(deps, job, actor, ask)
        case ListAsks():
            return _list(deps, actor, parsed, 0)
        case ShowAsk(number=number):
            return _show(deps, actor, number)
        case AcceptAsk(number=number, due=due):
            return _accept(deps, job, actor, number, due)
        case DeclineAsk(number=number, reason=reason):
            return _decline(deps, job, actor, number, reason)
        case DoneAsk(number=number, note=note):
            return _done(deps, job, actor, number, note)
        case CancelAsk(number=number):
            return _cancel(deps, job, actor, number)
        case ReopenAsk(number=number, reason=reason):
            return _reopen(deps, job, actor, number, reason)
        case _:
            assert_never(parsed)


def _created(deps: Deps, job: Job, actor: Actor, ask: AskInfo) -> Message:
    """What follows a new ask, and the requester's confirmation, saying where its card is (or will be)."""
    now = deps.clock.now()
    card = ask_posts.created(deps, actor.team_id, actor.user_id, ask, now, job.resumed)
    return ask_views.created(actor.language, ask, card, actor.today(now))


def _confirm_in_channel(deps: Deps, job: Job, channel: str | None, msg: Message) -> None:
    """A modal has no response_url: confirm where the person was, privately, or in their DM with the app."""
    if channel:
        try:
            deps.client.chat_postEphemeral(channel=channel, user=job.user_id, **msg.as_kwargs())
            return
        except SlackApiError:
            pass
    job.reply(msg)


def _list(deps: Deps, actor: Actor, which: ListAsks, offset: int) -> Message:
    now = deps.clock.now()
    page = asks.page(deps.db, actor, which.filter, which.to_side, actor.today(now), offset, now)
    return ask_views.listing(actor.language, page, actor.today(now))


def _show(deps: Deps, actor: Actor, number: int) -> Message:
    now = deps.clock.now()
    ask = asks.get(deps.db, actor.team_id, number, now)
    lines = asks.history(deps.db, actor.team_id, number, now)
    return ask_views.detail(actor.language, ask, lines, actor.today(now), actor.timezone)


def _accept(deps: Deps, job: Job, actor: Actor, number: int, due: date | None) -> Message:
    return _accepted(deps, job, actor, asks.accept(deps.db, actor, number, due, deps.clock.now(), key=job.key))


def _accepted(deps: Deps, job: Job, actor: Actor, result: AcceptResult) -> Message:
    now = deps.clock.now()
    ask_posts.accepted(deps, actor.team_id, actor.user_id, result, now, job.resumed)
    return ask_views.accepted(actor.language, result, actor.today(now))


def _decline(deps: Deps, job: Job, actor: Actor, number: int, reason: str) -> Message:
    return _declined(deps, job, actor, asks.decline(deps.db, actor, number, reason, deps.clock.now(), key=job.key))


def _declined(deps: Deps, job: Job, actor: Actor, ask: AskInfo) -> Message:
    ask_posts.declined(deps, actor.team_id, actor.user_id, ask, deps.clock.now(), job.resumed)
    return ask_views.changed(actor.language, "decline", ask, undo=True)


def _done(deps: Deps, job: Job, actor: Actor, number: int, note: str | None) -> Message:
    now = deps.clock.now()
    ask = asks.done(deps.db, actor, number, note, actor.today(now), now, key=job.key)
    ask_posts.done(deps, actor.team_id, actor.user_id, ask, now, job.resumed)
    return ask_views.changed(actor.language, "done", ask, undo=True)


def _cancel(deps: Deps, job: Job, actor: Actor, number: int) -> Message:
    now = deps.clock.now()
    ask = asks.cancel(deps.db, actor, number, now, key=job.key)
    ask_posts.cancelled(deps, actor.team_id, actor.user_id, ask, now, job.resumed)
    return ask_views.changed(actor.language, "cancel", ask, undo=True)


def _reopen(deps: Deps, job: Job, actor: Actor, number: int, reason: str | None,
            undo_of: datetime | None = None) -> Message:
    now = deps.clock.now()
    result = asks.reopen(deps.db, actor, number, reason, now, key=job.key, undo_of=undo_of)
    ask_posts.reopened(deps, actor.team_id, actor.user_id, result, now, job.resumed)
    return ask_views.reopened(actor.language, result)


def _permalink(deps: Deps, channel: str, ts: str | None) -> str | None:
    if not ts:
        return None
    try:
        return deps.client.chat_getPermalink(channel=channel, message_ts=ts).get("permalink")
    except SlackApiError:
        return None


def _first_line(text: str) -> str:
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    return line[:TITLE_LIMIT]
