"""`/sync`, its schedule, topic and outcome modals, and the buttons on agendas and reminders."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack, App, Respond

from bot import inputs as forms
from bot.syncs import service as syncs
from bot.app import Deps
from bot.errors import DomainError
from bot.ids import Action, Command, View
from bot.people import Actor
from bot.syncs.parsing import (
    AddSyncTopic,
    CancelSync,
    ListSyncs,
    ScheduleSync,
    ScheduleSyncModal,
    ShowAgenda,
    ShowSyncHistory,
    SyncHelp,
    parse_sync,
)
from bot.commitments import views as commitment_views
from bot import help as help_views
from bot.syncs import views as sync_views
from bot.blocks import Message
from handlers.replies import actor_of, later, modal_errors, parsed_or_raise, tell
from schedules.scheduler import reconcile_running


def register(app: App, deps: Deps) -> None:
    @app.command(Command.SYNC)
    def sync_command(ack: Ack, command: dict, respond: Respond, client: Any) -> None:
        ack()

        @later(deps, command["user_id"], respond, opens_modal=True)
        def open_modal() -> None:
            actor = deps.directory.actor(command["team_id"], command["user_id"])
            parsed = parsed_or_raise(parse_sync(command.get("text", "")))
            if isinstance(parsed, ScheduleSyncModal):
                client.views_open(trigger_id=command["trigger_id"],
                                  view=sync_views.schedule_modal(actor.language, actor.timezone))
                return

            @later(deps, actor.user_id, respond)
            def work() -> None:
                tell(deps, actor.user_id, respond, _run(deps, actor, parsed))

    @app.view(View.SYNC_SCHEDULE)
    def schedule_submitted(ack: Ack, body: dict, view: dict) -> None:
        actor = actor_of(deps, body)
        try:
            draft = parsed_or_raise(forms.sync_draft(view["state"]["values"], actor.timezone))
            sync = syncs.schedule(deps.db, actor, draft, deps.clock.now())
        except DomainError as error:
            ack(response_action="errors", errors=modal_errors(actor, error, "name"))
            return
        ack()

        @later(deps, actor.user_id)
        def work() -> None:
            tell(deps, actor.user_id, None, _scheduled(deps, actor, sync))

    @app.action(Action.SYNC_ADD_TOPIC)
    def add_topic_button(ack: Ack, body: dict, action: dict, respond: Respond, client: Any) -> None:
        ack()

        @later(deps, body["user"]["id"], respond, opens_modal=True)
        def open_modal() -> None:
            actor = actor_of(deps, body)
            sync = syncs.get(deps.db, actor.team_id, int(action["value"]), deps.clock.now())
            client.views_open(trigger_id=body["trigger_id"], view=sync_views.topic_modal(actor.language, sync))

    @app.view(View.SYNC_TOPIC)
    def topic_submitted(ack: Ack, body: dict, view: dict) -> None:
        actor = actor_of(deps, body)
        text = forms.text(view["state"]["values"], "topic", syncs.TOPIC_LIMIT)
        if isinstance(text, forms.FormError):
            ack(response_action="errors", errors=modal_errors(actor, text, "topic"))
            return
        ack()

        @later(deps, actor.user_id)
        def work() -> None:
            sync = syncs.add_topic(deps.db, actor, int(view["private_metadata"]), text, deps.clock.now())
            tell(deps, actor.user_id, None, sync_views.topic_added(actor.language, sync))

    @app.action(Action.SYNC_OUTCOME)
    def outcome_button(ack: Ack, body: dict, action: dict, respond: Respond, client: Any) -> None:
        ack()

        @later(deps, body["user"]["id"], respond, opens_modal=True)
        def open_modal() -> None:
            actor = actor_of(deps, body)
            meeting = _meeting(deps, actor, action["value"])
            client.views_open(trigger_id=body["trigger_id"], view=sync_views.outcome_modal(
                actor.language, action["value"], meeting.sync, actor.today(deps.clock.now())))

    @app.view(View.SYNC_OUTCOME)
    def outcome_submitted(ack: Ack, body: dict, view: dict) -> None:
        actor, now = actor_of(deps, body), deps.clock.now()
        try:
            decided = parsed_or_raise(forms.outcome(view["state"]["values"], actor.today(now),
                                                    sync_views.OUTCOME_COMMITMENTS))
            meeting = _meeting(deps, actor, view["private_metadata"])
            saved = syncs.record_outcome(deps.db, actor, meeting.id, decided[0], decided[1], now)
        except DomainError as error:
            ack(response_action="errors", errors=modal_errors(actor, error, "decisions"))
            return
        ack()

        @later(deps, actor.user_id)
        def work() -> None:
            _post_outcome(deps, actor, saved, now)
            tell(deps, actor.user_id, None, sync_views.outcome_saved(actor.language, saved.meeting))


def _run(deps: Deps, actor: Actor, parsed: Any) -> Message:
    now = deps.clock.now()
    match parsed:
        case SyncHelp():
            return help_views.usage(actor.language, Command.SYNC)
        case ScheduleSync():
            draft = syncs.SyncDraft(**parsed.model_dump(exclude={"kind", "timezone"}),
                                    timezone=parsed.timezone or actor.timezone)
            return _scheduled(deps, actor, syncs.schedule(deps.db, actor, draft, now))
        case ListSyncs():
            listed = [(s, s.next_meeting(now)) for s in syncs.listing(deps.db, actor.team_id, now)]
            return sync_views.listing(actor.language, listed, actor.timezone)
        case CancelSync(number=number):
            cancelled = syncs.cancel(deps.db, actor, number, now)
            reconcile_running()
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
    raise AssertionError(f"parse_sync returned {parsed!r}")


def _scheduled(deps: Deps, actor: Actor, sync: syncs.SyncInfo) -> Message:
    reconcile_running()  # this process may be the scheduler's: plan the new sync's jobs now
    return sync_views.scheduled(actor.language, sync, sync.next_meeting(deps.clock.now()), actor.timezone)


def _meeting(deps: Deps, actor: Actor, value: str) -> syncs.MeetingInfo:
    """The meeting a Record outcome button or modal names (`<sync id>|<period>`)."""
    sync_id, occurs_at = parsed_or_raise(forms.meeting_ref(value, "decisions"))
    return syncs.meeting_of(deps.db, actor.team_id, sync_id, occurs_at, deps.clock.now())


def _post_outcome(deps: Deps, actor: Actor, saved: syncs.OutcomeResult, now: datetime) -> None:
    """The outcome in the agenda's thread, in the workspace's language."""
    lang, today, meeting = deps.settings.alinea_language, actor.today(now), saved.meeting
    lines = [f"{commitment_views.line(lang, item, today)} · <@{item.owner_id}>" for item in saved.commitments]
    msg = sync_views.outcome_posted(lang, meeting, actor.user_id, lines)
    if meeting.channel_id and meeting.message_ts:
        deps.client.chat_postMessage(channel=meeting.channel_id, thread_ts=meeting.message_ts, **msg.as_kwargs())
