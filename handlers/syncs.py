"""`/sync`, its schedule, topic and outcome modals, and the buttons on agendas and reminders."""

from __future__ import annotations

from typing import Any, assert_never

from slack_bolt import Ack, App, Respond

from bot import help
from bot.blocks import Message
from bot.deps import Deps
from bot.ids import Action, Command, View
from bot.people import Actor
from bot.syncs import forms as sync_forms
from bot.syncs import posts as sync_posts
from bot.syncs import service as syncs
from bot.syncs import views as sync_views
from bot.syncs.models import MeetingInfo, OutcomeResult, ScheduleSync, SyncInfo
from bot.syncs.parsing import (
    AddSyncTopic,
    CancelSync,
    ListSyncs,
    ScheduleSyncModal,
    ShowAgenda,
    ShowSyncHistory,
    SyncHelp,
    SyncRequest,
    parse_sync,
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
    @app.command(Command.SYNC)
    def sync_command(ack: Ack, command: dict, respond: Respond, client: Any) -> None:
        ack()

        def decide() -> Decision:
            actor = command_actor(deps, command)
            parsed = parsed_or_raise(parse_sync(command.get("text", "")))
            if isinstance(parsed, ScheduleSyncModal):
                return sync_views.schedule_modal(actor.language, actor.timezone)
            return lambda: _run(deps, actor, parsed)

        modal_or_reply(deps, client, command["user_id"], respond, command["trigger_id"], decide)

    @app.view(View.SYNC_SCHEDULE)
    def schedule_submitted(ack: Ack, body: dict, view: dict) -> None:
        actor = actor_of(deps, body)
        sync = submitted(ack, actor, "name", lambda: syncs.schedule(
            deps.db, actor, parsed_or_raise(sync_forms.schedule(view["state"]["values"], actor.timezone)),
            deps.clock.now()))
        if sync is None:
            return

        @later(deps, actor.user_id)
        def work() -> None:
            tell(deps, actor.user_id, None, _scheduled(deps, actor, sync))

    @app.action(Action.SYNC_ADD_TOPIC)
    def add_topic_button(ack: Ack, body: dict, action: dict, respond: Respond, client: Any) -> None:
        ack()

        def decide() -> Decision:
            actor = actor_of(deps, body)
            sync = syncs.get(deps.db, actor.team_id, int(action["value"]), deps.clock.now())
            return sync_views.topic_modal(actor.language, sync)

        modal_or_reply(deps, client, body["user"]["id"], respond, body["trigger_id"], decide)

    @app.view(View.SYNC_TOPIC)
    def topic_submitted(ack: Ack, body: dict, view: dict) -> None:
        actor = actor_of(deps, body)
        text = submitted(ack, actor, "topic", lambda: parsed_or_raise(sync_forms.topic(view["state"]["values"])))
        if text is None:
            return

        @later(deps, actor.user_id)
        def work() -> None:
            sync = syncs.add_topic(deps.db, actor, int(view["private_metadata"]), text, deps.clock.now())
            tell(deps, actor.user_id, None, sync_views.topic_added(actor.language, sync))

    @app.action(Action.SYNC_OUTCOME)
    def outcome_button(ack: Ack, body: dict, action: dict, respond: Respond, client: Any) -> None:
        ack()

        def decide() -> Decision:
            actor = actor_of(deps, body)
            meeting = _meeting(deps, actor, action["value"])
            return sync_views.outcome_modal(actor.language, action["value"], meeting.sync,
                                            actor.today(deps.clock.now()))

        modal_or_reply(deps, client, body["user"]["id"], respond, body["trigger_id"], decide)

    @app.view(View.SYNC_OUTCOME)
    def outcome_submitted(ack: Ack, body: dict, view: dict) -> None:
        actor, now = actor_of(deps, body), deps.clock.now()

        def record() -> OutcomeResult:
            decisions, items = parsed_or_raise(sync_forms.outcome(view["state"]["values"], actor.today(now),
                                                                  sync_views.OUTCOME_COMMITMENTS))
            meeting = _meeting(deps, actor, view["private_metadata"])
            return syncs.record_outcome(deps.db, actor, meeting.id, decisions, items, now)

        saved = submitted(ack, actor, "decisions", record)
        if saved is None:
            return

        @later(deps, actor.user_id)
        def work() -> None:
            sync_posts.outcome_recorded(deps, actor.team_id, actor.user_id, saved, actor.today(now))
            tell(deps, actor.user_id, None, sync_views.outcome_saved(actor.language, saved.meeting))


def _run(deps: Deps, actor: Actor, parsed: SyncRequest) -> Message:
    now = deps.clock.now()
    match parsed:
        case SyncHelp():
            return help.usage(actor.language, Command.SYNC)
        case ScheduleSync():
            return _scheduled(deps, actor, syncs.schedule(deps.db, actor, parsed, now))
        case ListSyncs():
            listed = [(s, s.next_meeting(now)) for s in syncs.listing(deps.db, actor.team_id, now)]
            return sync_views.listing(actor.language, listed, actor.timezone)
        case CancelSync(number=number):
            cancelled = syncs.cancel(deps.db, actor, number, now)
            sync_posts.cancelled(deps, cancelled)
            return sync_views.cancelled(actor.language, cancelled)
        case AddSyncTopic(number=number, text=text):
            return sync_views.topic_added(actor.language, syncs.add_topic(deps.db, actor, number, text, now))
        case ShowAgenda(number=number):
            sync = syncs.get(deps.db, actor.team_id, number, now)
            plan = syncs.agenda(deps.db, sync, sync.next_meeting(now), deps.settings.alinea_timezone, now)
            return sync_views.agenda(actor.language, plan, actor.timezone, None)
        case ShowSyncHistory(number=number):
            sync = syncs.get(deps.db, actor.team_id, number, now)
            meetings = syncs.history(deps.db, actor.team_id, sync.number, now)
            return sync_views.history(actor.language, sync, meetings, actor.timezone)
        case _:
            assert_never(parsed)


def _scheduled(deps: Deps, actor: Actor, sync: SyncInfo) -> Message:
    sync_posts.scheduled(deps, sync)
    return sync_views.scheduled(actor.language, sync, sync.next_meeting(deps.clock.now()), actor.timezone)


def _meeting(deps: Deps, actor: Actor, value: str) -> MeetingInfo:
    """The meeting a Record outcome button or modal names (`<sync id>|<period>`)."""
    sync_id, occurs_at = parsed_or_raise(sync_forms.meeting_ref(value, "decisions"))
    return syncs.meeting_of(deps.db, actor.team_id, sync_id, occurs_at, deps.clock.now())
