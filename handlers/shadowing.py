"""`/shadow`, the pair DM's buttons and the learnings modal."""

from __future__ import annotations

from typing import assert_never

from slack_bolt import Ack, App

from bot import format as fmt
from bot import help
from bot.asks import posts as ask_posts
from bot.blocks import Message
from bot.deps import Deps
from bot.errors import Conflict
from bot.ids import Action, Command, View
from bot.people import Actor
from bot.recurrence import next_occurrence
from bot.shadowing import forms as shadow_forms
from bot.shadowing import posts as shadow_posts
from bot.shadowing import service as shadowing
from bot.shadowing import views as shadow_views
from bot.shadowing.models import PairingInfo, PairMessage
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
from handlers.intake import Job, parsed_or_raise, take, take_submission, work


def register(app: App, deps: Deps) -> None:
    @app.command(Command.SHADOW)
    def shadow_command(ack: Ack, body: dict) -> None:
        take(deps, ack, "shadow:command", body)

    @app.action(Action.SHADOW_DONE)
    def done_button(ack: Ack, body: dict) -> None:
        take(deps, ack, "shadow:done_button", body, urgent=True, record=False)

    @app.action(Action.SHADOW_SKIP)
    def skip_button(ack: Ack, body: dict) -> None:
        take(deps, ack, "shadow:skip_button", body)

    @app.view(View.SHADOW_LEARNINGS)
    def learnings_submitted(ack: Ack, body: dict) -> None:
        take_submission(deps, ack, "shadow:learnings_submitted", body, _share_from_modal, "surprise")


@work("shadow:command")
def _command(deps: Deps, job: Job) -> None:
    actor = job.actor()
    parsed = parsed_or_raise(parse_shadow(job.payload.get("text", ""), actor.reading(deps.clock.now())))
    job.reply(_run(deps, job, actor, parsed))


@work("shadow:done_button")
def _done_button(deps: Deps, job: Job) -> None:
    actor = job.actor()
    pairing = shadowing.pairing(deps.db, actor.team_id, int(job.action_value), deps.clock.now())
    if pairing.status != "assigned":  # an old button: say who closed it, and show it closed where it was
        shadow_posts.show_closed(deps, pairing, _pressed(job))
        raise Conflict(f"error.shadow_already_{pairing.status}", user=pairing.closed_by or "")
    own = pairing.host_side if actor.user_id == pairing.host_id else pairing.host_side.other
    job.open_modal(shadow_views.learnings_modal(actor.language, pairing, fmt.side(actor.language, own.other),
                                                shadow_forms.learnings_metadata(pairing.id, _pressed(job))))


@work("shadow:skip_button")
def _skip_button(deps: Deps, job: Job) -> None:
    actor, now = job.actor(), deps.clock.now()
    try:
        pairing = shadowing.skip(deps.db, actor, int(job.action_value), now, key=job.key)
    except Conflict:  # closed before: the message shows it too
        shadow_posts.show_closed(deps, shadowing.pairing(deps.db, actor.team_id, int(job.action_value), now),
                                 _pressed(job))
        raise
    # Said where the pair sees it: the message whose button was pressed now says who skipped, its buttons gone.
    job.respond(replace_original=True, **shadow_views.pair_closed(deps.workspace(actor.team_id).language,
                                                                  pairing).as_kwargs())


def _pressed(job: Job) -> PairMessage | None:
    """The message whose button was pressed (the pair's group DM or the follow-up)."""
    container = job.payload.get("container") or {}
    channel, ts = container.get("channel_id"), container.get("message_ts")
    return PairMessage(channel=channel, ts=ts) if isinstance(channel, str) and isinstance(ts, str) else None


def _share_from_modal(job: Job) -> PairingInfo:
    draft = parsed_or_raise(shadow_forms.learnings(job.view_values))
    target = parsed_or_raise(shadow_forms.learnings_target(job.metadata()))
    actor, now = job.actor(), job.deps.clock.now()
    return shadowing.share_learnings(job.deps.db, actor, target.pairing_id, draft, now,
                                     ask_posts.card_channel(job.deps, actor, None, now), key=job.key)


@work("shadow:learnings_submitted")
def _learnings_submitted(deps: Deps, job: Job) -> None:
    actor, pairing = job.actor(), _share_from_modal(job)
    pressed = parsed_or_raise(shadow_forms.learnings_target(job.metadata())).message
    shadow_posts.learnings_shared(deps, actor.team_id, actor.user_id, pairing, deps.clock.now(), job.resumed,
                                  pressed)


def _run(deps: Deps, job: Job, actor: Actor, parsed: ShadowCommand) -> Message:
    now = deps.clock.now()
    lang = actor.language
    match parsed:
        case ShadowHelp():
            return help.usage(lang, Command.SHADOW)
        case JoinRotation(preference=preference):
            return shadow_views.joined(lang, shadowing.join(deps.db, actor, preference, now, key=job.key))
        case LeaveRotation():
            shadowing.leave(deps.db, actor, now, key=job.key)
            return shadow_views.left(lang)
        case PauseRotation(until=until):
            return shadow_views.paused(lang, shadowing.pause(deps.db, actor, until, now, key=job.key))
        case RotationStatus():
            return shadow_views.status(lang, shadowing.status(deps.db, actor, now))
        case ConfigureRotation(every_weeks=every, weekday=weekday, at=at, followup_days=days):
            settings = shadowing.configure(deps.db, actor, every, weekday, at, days, now, key=job.key)
            shadow_posts.rhythm_changed(deps)
            return shadow_views.configured(lang, settings, next_occurrence(settings.series, now), actor.timezone,
                                           shadowing.due_today(deps.db, actor.team_id, settings.series, now))
        case RunRound():  # on the day of a scheduled round, that round (see `shadowing.run_round`)
            result = shadowing.run_round(deps.db, actor.team_id, None, now, started_by=actor.user_id, actor=actor,
                                         key=job.key)
            shadow_posts.round_made(deps, result, now)
            return shadow_views.round_summary(lang, result, actor.timezone)
        case RotationStats():
            return shadow_views.stats(lang, shadowing.stats(deps.db, actor, now))
        case _:
            assert_never(parsed)
