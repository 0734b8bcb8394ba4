"""`/shadow`, the pair DM's buttons and the learnings modal."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, Respond

from bot.asks import posts as ask_posts
from bot.asks import service as asks
from bot import inputs as forms
from bot.shadowing import posts as shadow_posts
from bot.shadowing import service as shadowing
from bot.app import Deps
from bot.errors import DomainError
from bot.ids import Action, Command, View
from bot.people import Actor
from bot.recurrence import manual_period, next_occurrence
from bot.shadowing.parsing import (
    ConfigureRotation,
    JoinRotation,
    LeaveRotation,
    PauseRotation,
    RotationStats,
    RotationStatus,
    RunRound,
    ShadowHelp,
    parse_shadow,
)
from bot import format as fmt
from bot import help as help_views
from bot.shadowing import views as shadow_views
from bot.blocks import Message
from handlers.replies import actor_of, later, modal_errors, parsed_or_raise, tell
from schedules.scheduler import reconcile_running


def register(app: App, deps: Deps) -> None:
    @app.command(Command.SHADOW)
    def shadow_command(ack: Ack, command: dict, respond: Respond) -> None:
        ack()

        @later(deps, command["user_id"], respond)
        def work() -> None:
            actor = deps.directory.actor(command["team_id"], command["user_id"])
            parsed = parsed_or_raise(parse_shadow(command.get("text", ""), actor.today(deps.clock.now())))
            tell(deps, actor.user_id, respond, _run(deps, actor, parsed))

    @app.action(Action.SHADOW_DONE)
    def done_button(ack: Ack, body: dict, action: dict, respond: Respond, client: Any) -> None:
        ack()

        @later(deps, body["user"]["id"], respond, opens_modal=True)
        def open_modal() -> None:
            actor = actor_of(deps, body)
            pairing = shadowing.pairing(deps.db, actor.team_id, int(action["value"]), deps.clock.now())
            own = pairing.host_side if actor.user_id == pairing.host_id else pairing.host_side.other
            client.views_open(trigger_id=body["trigger_id"], view=shadow_views.learnings_modal(
                actor.language, pairing, fmt.side(actor.language, own.other)))

    @app.action(Action.SHADOW_SKIP)
    def skip_button(ack: Ack, body: dict, action: dict, respond: Respond) -> None:
        ack()

        @later(deps, body["user"]["id"], respond)
        def work() -> None:
            actor = actor_of(deps, body)
            shadowing.skip(deps.db, actor, int(action["value"]), deps.clock.now())
            # Said where the pair sees it: their group DM, where the button was.
            respond(replace_original=False, response_type="in_channel",
                    **shadow_views.skipped(deps.settings.alinea_language, actor.user_id).as_kwargs())

    @app.view(View.SHADOW_LEARNINGS)
    def learnings_submitted(ack: Ack, body: dict, view: dict) -> None:
        actor, now = actor_of(deps, body), deps.clock.now()
        try:
            draft = parsed_or_raise(forms.learnings(view["state"]["values"]))
            pairing = shadowing.share_learnings(deps.db, actor, int(view["private_metadata"]), draft, now)
        except DomainError as error:
            ack(response_action="errors", errors=modal_errors(actor, error, "surprise"))
            return
        ack()

        @later(deps, actor.user_id)
        def work() -> None:
            if pairing.channel_id:
                deps.client.chat_postMessage(channel=pairing.channel_id, **shadow_views.learnings_shared(
                    deps.settings.alinea_language, pairing, actor.user_id).as_kwargs())
            if pairing.ask_number:  # posted like any ask: the collaboration channel, else where the pair talks
                ask = asks.get(deps.db, actor.team_id, pairing.ask_number, now)
                ask_posts.publish_new(deps, actor.team_id, ask, pairing.channel_id, now)


def _run(deps: Deps, actor: Actor, parsed: Any) -> Message:
    now = deps.clock.now()
    lang = actor.language
    match parsed:
        case ShadowHelp():
            return help_views.usage(lang, Command.SHADOW)
        case JoinRotation(preference=preference):
            return shadow_views.joined(lang, shadowing.join(deps.db, actor, preference, now))
        case LeaveRotation():
            shadowing.leave(deps.db, actor, now)
            return shadow_views.left(lang)
        case PauseRotation(until=until):
            return shadow_views.paused(lang, shadowing.pause(deps.db, actor, until, now))
        case RotationStatus():
            return shadow_views.status(lang, shadowing.status(deps.db, actor, now))
        case ConfigureRotation(every_weeks=every, weekday=weekday, at=at, followup_days=days):
            settings = shadowing.configure(deps.db, actor, every, weekday, at, days, now)
            reconcile_running()
            return shadow_views.configured(lang, settings, next_occurrence(settings.series, now), actor.timezone)
        case RunRound():
            result = shadowing.run_round(deps.db, actor.team_id, manual_period(now), now,
                                         started_by=actor.user_id, actor=actor)
            shadow_posts.announce_round(deps, result, now)
            return shadow_views.round_summary(lang, result)
        case RotationStats():
            return shadow_views.stats(lang, shadowing.stats(deps.db, actor, now))
    raise AssertionError(f"parse_shadow returned {parsed!r}")

