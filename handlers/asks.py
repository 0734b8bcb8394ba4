"""`/ask`, the buttons on posted asks, the ask modals and the **Log as ask** message shortcut."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any, assert_never

from slack_bolt import Ack, App, Respond
from slack_sdk.errors import SlackApiError

from bot import help
from bot.asks import forms as ask_forms
from bot.asks import posts as ask_posts
from bot.asks import service as asks
from bot.asks import views as ask_views
from bot.asks.models import TITLE_LIMIT, AskInfo, NewAsk
from bot.asks.parsing import (
    AcceptAsk,
    AskHelp,
    AskModal,
    AskRequest,
    CancelAsk,
    DeclineAsk,
    DoneAsk,
    ListAsks,
    ShowAsk,
    parse_ask,
)
from bot.blocks import Message
from bot.deps import Deps
from bot.errors import FormError
from bot.ids import Action, Command, Shortcut, View
from bot.inputs import metadata
from bot.people import Actor, Side
from handlers.replies import (
    Decision,
    actor_of,
    command_actor,
    later,
    modal_or_reply,
    parsed_or_raise,
    submitted,
    tell,
)

_RATE = re.compile(rf"^{Action.ASK_RATE.value}_[1-5]$")
_PAGE = re.compile(rf"^{Action.ASK_LIST_PAGE.value}_(prev|next)$")


def register(app: App, deps: Deps) -> None:
    @app.command(Command.ASK)
    def ask_command(ack: Ack, command: dict, respond: Respond, client: Any) -> None:
        ack()

        def decide() -> Decision:
            actor = command_actor(deps, command)
            parsed = parsed_or_raise(parse_ask(command.get("text", ""), actor.today(deps.clock.now())))
            if isinstance(parsed, AskModal):
                return new_ask_modal(deps, actor, command.get("channel_id"))
            return lambda: _run(deps, actor, parsed, command.get("channel_id"))

        modal_or_reply(deps, client, command["user_id"], respond, command["trigger_id"], decide)

    @app.action(Action.ASK_ACCEPT)
    def accept_button(ack: Ack, body: dict, action: dict, respond: Respond, client: Any) -> None:
        ack()

        def decide() -> Decision:
            actor, now = actor_of(deps, body), deps.clock.now()
            ask = asks.get(deps.db, actor.team_id, int(action["value"]), now)
            if ask.due_date is None and ask.status.value == "open":
                return ask_views.accept_modal(actor.language, ask, actor.today(now))
            return lambda: _accept(deps, actor, ask.number, None)

        modal_or_reply(deps, client, body["user"]["id"], respond, body["trigger_id"], decide)

    @app.action(Action.ASK_DECLINE)
    def decline_button(ack: Ack, body: dict, action: dict, respond: Respond, client: Any) -> None:
        ack()

        def decide() -> Decision:
            actor = actor_of(deps, body)
            return ask_views.decline_modal(actor.language, asks.get(deps.db, actor.team_id, int(action["value"]),
                                                                    deps.clock.now()))

        modal_or_reply(deps, client, body["user"]["id"], respond, body["trigger_id"], decide)

    @app.action(Action.ASK_DONE)
    def done_button(ack: Ack, body: dict, action: dict, respond: Respond) -> None:
        ack()

        @later(deps, body["user"]["id"], respond)
        def work() -> None:
            actor = actor_of(deps, body)
            tell(deps, actor.user_id, respond, _done(deps, actor, int(action["value"]), None))

    @app.action(Action.ASK_SHOW)
    def show_button(ack: Ack, body: dict, action: dict, respond: Respond) -> None:
        ack()

        @later(deps, body["user"]["id"], respond)
        def work() -> None:
            actor = actor_of(deps, body)
            tell(deps, actor.user_id, respond, _show(deps, actor, int(action["value"])))

    @app.action(_PAGE)
    def page_button(ack: Ack, body: dict, action: dict, respond: Respond) -> None:
        ack()

        @later(deps, body["user"]["id"], respond)
        def work() -> None:
            actor = actor_of(deps, body)
            state = json.loads(action["value"])
            which = ListAsks(filter=state["f"], to_side=state["s"])
            respond(replace_original=True, **_list(deps, actor, which, int(state["o"])).as_kwargs())

    @app.action(_RATE)
    def rate_button(ack: Ack, body: dict, action: dict, respond: Respond) -> None:
        ack()

        @later(deps, body["user"]["id"], respond)
        def work() -> None:
            actor = actor_of(deps, body)
            number, rating = (int(part) for part in action["value"].split(":"))
            ask = asks.rate(deps.db, actor, number, rating, deps.clock.now())
            # The rating stays private: it feeds the digest, not the thread.
            respond(replace_original=True, **ask_views.rating_thanks(actor.language, ask).as_kwargs())

    @app.view(View.ASK_NEW)
    def new_ask_submitted(ack: Ack, body: dict, view: dict) -> None:
        actor, now = actor_of(deps, body), deps.clock.now()
        meta = metadata(view.get("private_metadata"))
        channel = meta.get("channel") if isinstance(meta, dict) else None
        typed_in = channel if isinstance(channel, str) else None

        def create() -> AskInfo:
            draft = parsed_or_raise(ask_forms.new_ask(view["state"]["values"], parsed_or_raise(meta),
                                                      actor.today(now),
                                                      asks.default_target(deps.db, actor, now) or Side.IT))
            if draft.owner_id and deps.directory.user(draft.owner_id).is_bot:
                raise FormError("error.bot_user", "owner", user=draft.owner_id)
            return asks.create(deps.db, actor, draft, now)

        ask = submitted(ack, actor, "title", create)
        if ask is None:
            return

        @later(deps, actor.user_id)
        def work() -> None:
            _confirm_in_channel(deps, actor, typed_in, _created(deps, actor, ask, typed_in))

    @app.view(View.ASK_ACCEPT)
    def accept_submitted(ack: Ack, body: dict, view: dict) -> None:
        actor = actor_of(deps, body)
        due = submitted(ack, actor, "due", lambda: parsed_or_raise(
            ask_forms.accept_due(view["state"]["values"], actor.today(deps.clock.now()))))
        if due is None:
            return

        @later(deps, actor.user_id)
        def work() -> None:
            tell(deps, actor.user_id, None, _accept(deps, actor, int(view["private_metadata"]), due))

    @app.view(View.ASK_DECLINE)
    def decline_submitted(ack: Ack, body: dict, view: dict) -> None:
        actor = actor_of(deps, body)
        reason = submitted(ack, actor, "reason",
                           lambda: parsed_or_raise(ask_forms.decline_reason(view["state"]["values"])))
        if reason is None:
            return

        @later(deps, actor.user_id)
        def work() -> None:
            tell(deps, actor.user_id, None, _decline(deps, actor, int(view["private_metadata"]), reason))

    @app.shortcut(Shortcut.LOG_ASK)
    def log_ask_shortcut(ack: Ack, shortcut: dict, client: Any) -> None:
        ack()

        def decide() -> Decision:
            actor = actor_of(deps, shortcut)
            channel, message = shortcut["channel"]["id"], shortcut.get("message", {})
            text = message.get("text", "")
            prefill = ask_views.ModalPrefill(channel_id=channel, title=_first_line(text), details=text,
                                             source="shortcut", link=_permalink(client, channel, message.get("ts")),
                                             to_side=asks.default_target(deps.db, actor, deps.clock.now()))
            return ask_views.new_ask_modal(actor.language, prefill)

        modal_or_reply(deps, client, shortcut["user"]["id"], None, shortcut["trigger_id"], decide)


def new_ask_modal(deps: Deps, actor: Actor, channel_id: str | None) -> dict[str, Any]:
    """The New ask modal as `/ask` alone and App Home's New ask open it."""
    prefill = ask_views.ModalPrefill(channel_id=channel_id,
                                     to_side=asks.default_target(deps.db, actor, deps.clock.now()))
    return ask_views.new_ask_modal(actor.language, prefill)


def _run(deps: Deps, actor: Actor, parsed: AskRequest, typed_in: str | None) -> Message:
    """Everything `/ask` does besides opening the modal."""
    match parsed:
        case AskHelp():
            return help.usage(actor.language, Command.ASK)
        case NewAsk():
            return _created(deps, actor, asks.create(deps.db, actor, parsed, deps.clock.now()), typed_in)
        case ListAsks():
            return _list(deps, actor, parsed, 0)
        case ShowAsk(number=number):
            return _show(deps, actor, number)
        case AcceptAsk(number=number, due=due):
            return _accept(deps, actor, number, due)
        case DeclineAsk(number=number, reason=reason):
            return _decline(deps, actor, number, reason)
        case DoneAsk(number=number, note=note):
            return _done(deps, actor, number, note)
        case CancelAsk(number=number):
            return _cancel(deps, actor, number)
        case _:
            assert_never(parsed)


def _created(deps: Deps, actor: Actor, ask: AskInfo, typed_in: str | None) -> Message:
    """What follows a new ask, and the requester's confirmation (saying so when the card could not be posted)."""
    channel = ask_posts.created(deps, actor.team_id, actor.user_id, ask, typed_in, deps.clock.now())
    target = deps.settings.alinea_channel or typed_in
    if channel is None and target:
        return ask_views.not_posted(actor.language, ask, target)
    return ask_views.created(actor.language, ask, channel)


def _confirm_in_channel(deps: Deps, actor: Actor, channel: str | None, msg: Message) -> None:
    """A modal has no response_url: confirm where the person was, privately, or in their DM with the app."""
    if channel:
        try:
            deps.client.chat_postEphemeral(channel=channel, user=actor.user_id, **msg.as_kwargs())
            return
        except SlackApiError:
            pass
    tell(deps, actor.user_id, None, msg)


def _list(deps: Deps, actor: Actor, which: ListAsks, offset: int) -> Message:
    now = deps.clock.now()
    page = asks.page(deps.db, actor, which.filter, which.to_side, actor.today(now), offset, now)
    return ask_views.listing(actor.language, page, actor.today(now))


def _show(deps: Deps, actor: Actor, number: int) -> Message:
    now = deps.clock.now()
    ask = asks.get(deps.db, actor.team_id, number, now)
    lines = asks.history(deps.db, actor.team_id, number, now)
    return ask_views.detail(actor.language, ask, lines, actor.today(now), actor.timezone)


def _accept(deps: Deps, actor: Actor, number: int, due: date | None) -> Message:
    now = deps.clock.now()
    result = asks.accept(deps.db, actor, number, due, now)
    ask_posts.accepted(deps, actor.team_id, actor.user_id, result, now)
    return ask_views.accepted(actor.language, result, actor.today(now))


def _decline(deps: Deps, actor: Actor, number: int, reason: str) -> Message:
    now = deps.clock.now()
    ask = asks.decline(deps.db, actor, number, reason, now)
    ask_posts.declined(deps, actor.team_id, actor.user_id, ask, now)
    return ask_views.changed(actor.language, "decline", ask)


def _done(deps: Deps, actor: Actor, number: int, note: str | None) -> Message:
    now = deps.clock.now()
    ask = asks.done(deps.db, actor, number, note, actor.today(now), now)
    ask_posts.done(deps, actor.team_id, actor.user_id, ask, now)
    return ask_views.changed(actor.language, "done", ask)


def _cancel(deps: Deps, actor: Actor, number: int) -> Message:
    now = deps.clock.now()
    ask = asks.cancel(deps.db, actor, number, now)
    ask_posts.cancelled(deps, actor.team_id, actor.user_id, ask, now)
    return ask_views.changed(actor.language, "cancel", ask)


def _permalink(client: Any, channel: str, ts: str | None) -> str | None:
    if not ts:
        return None
    try:
        return client.chat_getPermalink(channel=channel, message_ts=ts).get("permalink")
    except SlackApiError:
        return None


def _first_line(text: str) -> str:
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    return line[:TITLE_LIMIT]
