"""`/ask`, the buttons on posted asks, the ask modals and the **Log as ask** message shortcut."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk.errors import SlackApiError

from bot.asks import posts as ask_posts
from bot.asks import service as asks
from bot import inputs as forms
from bot.app import Deps
from bot.asks.service import AskDraft
from bot.errors import DomainError
from bot.ids import Action, Command, Shortcut, View
from bot.people import Actor, Side
from bot.lexer import (
    AcceptAsk,
    AskHelp,
    AskModal,
    CancelAsk,
    DeclineAsk,
    DoneAsk,
    ListAsks,
    NewAsk,
    ShowAsk,
    parse_ask,
)
from bot.asks import views as ask_views
from bot import help as help_views
from bot.blocks import Message
from handlers.replies import actor_of, later, modal_errors, parsed_or_raise, tell

_RATE = re.compile(rf"^{Action.ASK_RATE.value}_[1-5]$")
_PAGE = re.compile(rf"^{Action.ASK_LIST_PAGE.value}_(prev|next)$")


def register(app: App, deps: Deps) -> None:
    @app.command(Command.ASK)
    def ask_command(ack: Ack, command: dict, respond: Respond, client: Any) -> None:
        ack()

        @later(deps, command["user_id"], respond, opens_modal=True)
        def open_modal() -> None:
            actor = deps.directory.actor(command["team_id"], command["user_id"])
            parsed = parsed_or_raise(parse_ask(command.get("text", ""), actor.today(deps.clock.now())))
            if isinstance(parsed, AskModal):
                prefill = ask_views.ModalPrefill(channel_id=command.get("channel_id"), to_side=_other_side(deps, actor))
                client.views_open(trigger_id=command["trigger_id"], view=ask_views.new_ask_modal(actor.language, prefill))
                return

            @later(deps, actor.user_id, respond)
            def work() -> None:
                tell(deps, actor.user_id, respond, _run(deps, actor, parsed, command.get("channel_id")))

    @app.action(Action.ASK_ACCEPT)
    def accept_button(ack: Ack, body: dict, action: dict, respond: Respond, client: Any) -> None:
        ack()

        @later(deps, body["user"]["id"], respond, opens_modal=True)
        def open_modal() -> None:
            actor = actor_of(deps, body)
            number, now = int(action["value"]), deps.clock.now()
            ask = asks.get(deps.db, actor.team_id, number, now)
            if ask.due_date is None and ask.status.value == "open":
                client.views_open(trigger_id=body["trigger_id"],
                                  view=ask_views.accept_modal(actor.language, ask, actor.today(now)))
                return

            @later(deps, actor.user_id, respond)
            def work() -> None:
                tell(deps, actor.user_id, respond, _accept(deps, actor, number, None))

    @app.action(Action.ASK_DECLINE)
    def decline_button(ack: Ack, body: dict, action: dict, respond: Respond, client: Any) -> None:
        ack()

        @later(deps, body["user"]["id"], respond, opens_modal=True)
        def open_modal() -> None:
            actor = actor_of(deps, body)
            ask = asks.get(deps.db, actor.team_id, int(action["value"]), deps.clock.now())
            client.views_open(trigger_id=body["trigger_id"], view=ask_views.decline_modal(actor.language, ask))

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
        try:
            meta = parsed_or_raise(forms.metadata(view.get("private_metadata")))
            draft = parsed_or_raise(forms.ask_draft(view["state"]["values"], meta, actor.today(now),
                                                    _other_side(deps, actor) or Side.IT))
            if draft.owner_id and deps.directory.user(draft.owner_id).is_bot:
                raise forms.FormError("error.bot_user", "owner", user=draft.owner_id)
            ask = asks.create(deps.db, actor, draft, now)
        except DomainError as error:
            ack(response_action="errors", errors=modal_errors(actor, error, "title"))
            return
        ack()

        @later(deps, actor.user_id)
        def work() -> None:
            channel = meta.get("channel")
            _announce_new(deps, actor, ask, channel if isinstance(channel, str) else None)

    @app.view(View.ASK_ACCEPT)
    def accept_submitted(ack: Ack, body: dict, view: dict) -> None:
        actor = actor_of(deps, body)
        due = forms.day(view["state"]["values"], "due", actor.today(deps.clock.now()), required=True)
        if isinstance(due, forms.FormError):
            ack(response_action="errors", errors=modal_errors(actor, due, "due"))
            return
        ack()

        @later(deps, actor.user_id)
        def work() -> None:
            tell(deps, actor.user_id, None, _accept(deps, actor, int(view["private_metadata"]), due))

    @app.view(View.ASK_DECLINE)
    def decline_submitted(ack: Ack, body: dict, view: dict) -> None:
        actor = actor_of(deps, body)
        reason = forms.text(view["state"]["values"], "reason", 500)
        if isinstance(reason, forms.FormError):
            ack(response_action="errors", errors=modal_errors(actor, reason, "reason"))
            return
        ack()

        @later(deps, actor.user_id)
        def work() -> None:
            tell(deps, actor.user_id, None, _decline(deps, actor, int(view["private_metadata"]), reason))

    @app.shortcut(Shortcut.LOG_ASK)
    def log_ask_shortcut(ack: Ack, shortcut: dict, client: Any) -> None:
        ack()

        @later(deps, shortcut["user"]["id"], opens_modal=True)
        def open_modal() -> None:
            actor = actor_of(deps, shortcut)
            channel, message = shortcut["channel"]["id"], shortcut.get("message", {})
            link = _permalink(client, channel, message.get("ts"))
            text = message.get("text", "")
            prefill = ask_views.ModalPrefill(channel_id=channel, title=_first_line(text), details=text,
                                             source="shortcut", link=link, to_side=_other_side(deps, actor))
            client.views_open(trigger_id=shortcut["trigger_id"], view=ask_views.new_ask_modal(actor.language, prefill))


def _run(deps: Deps, actor: Actor, parsed: Any, typed_in: str | None) -> Message:
    """Everything `/ask` does besides opening the modal."""
    match parsed:
        case AskHelp():
            return help_views.usage(actor.language, Command.ASK)
        case NewAsk():
            draft = AskDraft(title=parsed.title, to_side=parsed.to_side, owner_id=parsed.owner_id, due=parsed.due,
                             priority=parsed.priority, category=parsed.category)
            ask = asks.create(deps.db, actor, draft, deps.clock.now())
            return _announce_new(deps, actor, ask, typed_in, reply_only=True)
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
            ask = asks.cancel(deps.db, actor, number, deps.clock.now())
            ask_posts.publish_change(deps, ask, "cancel", actor.user_id, deps.clock.now())
            ask_posts.refresh_homes(deps, actor.team_id, ask, actor.user_id)
            return ask_views.changed(actor.language, "cancel", ask)
    raise AssertionError(f"parse_ask returned {parsed!r}")


def _announce_new(deps: Deps, actor: Actor, ask: asks.AskInfo, typed_in: str | None,
                  reply_only: bool = False) -> Message:
    """Post the new ask and confirm it to the requester (returned for a reply, or sent when from a modal)."""
    now = deps.clock.now()
    channel = ask_posts.publish_new(deps, actor.team_id, ask, typed_in, now)
    ask_posts.refresh_homes(deps, actor.team_id, ask, actor.user_id)
    target = deps.settings.alinea_channel or typed_in
    confirmation = ask_views.created(actor.language, ask, channel)
    if channel is None and target:
        confirmation = ask_views.not_posted(actor.language, ask, target)
    if not reply_only:
        _confirm_in_channel(deps, actor, typed_in, confirmation)
    return confirmation


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
    ask_posts.publish_change(deps, result.ask, "accept", actor.user_id, now, result.commitment.ref)
    ask_posts.refresh_homes(deps, actor.team_id, result.ask, actor.user_id)
    return ask_views.accepted(actor.language, result, actor.today(now))


def _decline(deps: Deps, actor: Actor, number: int, reason: str) -> Message:
    now = deps.clock.now()
    ask = asks.decline(deps.db, actor, number, reason, now)
    ask_posts.publish_change(deps, ask, "decline", actor.user_id, now)
    ask_posts.refresh_homes(deps, actor.team_id, ask, actor.user_id)
    return ask_views.changed(actor.language, "decline", ask)


def _done(deps: Deps, actor: Actor, number: int, note: str | None) -> Message:
    now = deps.clock.now()
    ask = asks.done(deps.db, actor, number, note, actor.today(now), now)
    ask_posts.publish_change(deps, ask, "done", actor.user_id, now)
    ask_posts.refresh_homes(deps, actor.team_id, ask, actor.user_id)
    ask_posts.request_rating(deps, ask)
    return ask_views.changed(actor.language, "done", ask)




def _other_side(deps: Deps, actor: Actor) -> Side | None:
    from bot.teams import service as teams

    member = teams.member(deps.db, actor.team_id, actor.user_id, deps.clock.now())
    return member.side.other if member else None


def _permalink(client: Any, channel: str, ts: str | None) -> str | None:
    if not ts:
        return None
    try:
        return client.chat_getPermalink(channel=channel, message_ts=ts).get("permalink")
    except SlackApiError:
        return None


def _first_line(text: str) -> str:
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    return line[: asks.TITLE_LIMIT]
