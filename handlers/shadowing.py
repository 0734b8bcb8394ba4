"""`/shadow`, the pair DM's buttons and the learnings modal."""

from __future__ import annotations

from typing import Any, assert_never

from slack_bolt import Ack, App, Respond

from bot import format as fmt
from bot import help
from bot.blocks import Message
from bot.deps import Deps
from bot.ids import Action, Command, View
from bot.people import Actor
from bot.recurrence import manual_period, next_occurrence
from bot.shadowing import forms as shadow_forms
from bot.shadowing import posts as shadow_posts
from bot.shadowing import service as shadowing
from bot.shadowing import views as shadow_views
from bot.shadowing.models import PairingInfo
from bot.shadowing.parsing import (
    ConfigureRotation,
    JoinRotation,
    LeaveRotation,
    PauseRotation,
    RotationStats,
    RotationStatus,
    RunRound,
    ShadowCommand,
    ShadowHelp,
    parse_shadow,
)
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


def register(app: App, deps: Deps) -> None:
    @app.command(Command.SHADOW)
    def shadow_command(ack: Ack, command: dict, respond: Respond) -> None:
        ack()

        @later(deps, command["user_id"], respond)
        def work() -> None:
            actor = command_actor(deps, command)
            parsed = parsed_or_raise(parse_shadow(command.get("text", ""), actor.today(deps.clock.now())))
            tell(deps, actor.user_id, respond, _run(deps, actor, parsed))

    @app.action(Action.SHADOW_DONE)
    def done_button(ack: Ack, body: dict, action: dict, respond: Respond, client: Any) -> None:
        ack()

        def decide() -> Decision:
            actor = actor_of(deps, body)
            pairing = shadowing.pairing(deps.db, actor.team_id, int(action["value"]), deps.clock.now())
            own = pairing.host_side if actor.user_id == pairing.host_id else pairing.host_side.other
            return shadow_views.learnings_modal(actor.language, pairing, fmt.side(actor.language, own.other))

        modal_or_reply(deps, client, body["user"]["id"], respond, body["trigger_id"], decide)

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

        def share() -> PairingInfo:
            draft = parsed_or_raise(shadow_forms.learnings(view["state"]["values"]))
            return shadowing.share_learnings(deps.db, actor, int(view["private_metadata"]), draft, now)

        pairing = submitted(ack, actor, "surprise", share)
        if pairing is None:
            return

        @later(deps, actor.user_id)
        def work() -> None:
            shadow_posts.learnings_shared(deps, actor.team_id, actor.user_id, pairing, now)


def _run(deps: Deps, actor: Actor, parsed: ShadowCommand) -> Message:
    now = deps.clock.now()
    lang = actor.language
    match parsed:
        case ShadowHelp():
            return help.usage(lang, Command.SHADOW)
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
            shadow_posts.rhythm_changed(deps)
            return shadow_views.configured(lang, settings, next_occurrence(settings.series, now), actor.timezone)
        case RunRound():
            result = shadowing.run_round(deps.db, actor.team_id, manual_period(now), now,
                                         started_by=actor.user_id, actor=actor)
            shadow_posts.round_made(deps, result, now)
            return shadow_views.round_summary(lang, result)
        case RotationStats():
            return shadow_views.stats(lang, shadowing.stats(deps.db, actor, now))
        case _:
            assert_never(parsed)
