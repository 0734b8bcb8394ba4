"""`/sync`, its schedule, topic and outcome modals, and the buttons on agendas and reminders."""

from __future__ import annotations

from typing import assert_never

from slack_bolt import Ack, App

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
from handlers.intake import Job, Rest, parsed_or_raise, take, take_submission, work


def register(app: App, deps: Deps) -> None:
    @app.command(Command.SYNC)
    def sync_command(ack: Ack, body: dict) -> None:
        take(deps, ack, "sync:command", body, urgent=True)

    @app.view(View.SYNC_SCHEDULE)
    def schedule_submitted(ack: Ack, body: dict) -> None:
        take_submission(deps, ack, "sync:schedule_submitted", body, _schedule_from_modal, "name")

    @app.action(Action.SYNC_ADD_TOPIC)
    def add_topic_button(ack: Ack, body: dict) -> None:
        take(deps, ack, "sync:topic_button", body, urgent=True, record=False)

    @app.view(View.SYNC_TOPIC)
    def topic_submitted(ack: Ack, body: dict) -> None:
        take_submission(deps, ack, "sync:topic_submitted", body, _topic_from_modal, "topic")

    @app.action(Action.SYNC_OUTCOME)
    def outcome_button(ack: Ack, body: dict) -> None:
        take(deps, ack, "sync:outcome_button", body, urgent=True, record=False)

    @app.view(View.SYNC_OUTCOME)
    def outcome_submitted(ack: Ack, body: dict) -> None:
        take_submission(deps, ack, "sync:outcome_submitted", body, _outcome_from_modal, "decisions")


@work("sync:command")
def _command(deps: Deps, job: Job) -> Rest | None:
    actor = job.actor()
    parsed = parsed_or_raise(parse_sync(job.payload.get("text", ""), actor.reading(deps.clock.now())))
    if isinstance(parsed, ScheduleSyncModal):
        job.open_modal(sync_views.schedule_modal(actor.language, actor.timezone))
        return None
    return lambda: job.reply(_run(deps, job, actor, parsed))


def _schedule_from_modal(job: Job) -> SyncInfo:
    actor = job.actor()
    draft = parsed_or_raise(sync_forms.schedule(job.view_values, actor.timezone))
    return syncs.schedule(job.deps.db, actor, draft, job.deps.clock.now(), key=job.key)


@work("sync:schedule_submitted")
def _schedule_submitted(deps: Deps, job: Job) -> None:
    job.reply(_scheduled(deps, job.actor(), _schedule_from_modal(job)))


@work("sync:topic_button")
def _topic_button(deps: Deps, job: Job) -> None:
    actor = job.actor()
    sync = syncs.get(deps.db, actor.team_id, int(job.action_value), deps.clock.now())
    job.open_modal(sync_views.topic_modal(actor.language, sync))


def _topic_from_modal(job: Job) -> SyncInfo:
    text = parsed_or_raise(sync_forms.topic(job.view_values))
    return syncs.add_topic(job.deps.db, job.actor(), job.metadata_number(), text, job.deps.clock.now(),
                           key=job.key)


@work("sync:topic_submitted")
def _topic_submitted(deps: Deps, job: Job) -> None:
    job.reply(sync_views.topic_added(job.actor().language, _topic_from_modal(job)))


@work("sync:outcome_button")
def _outcome_button(deps: Deps, job: Job) -> None:
    actor = job.actor()
    meeting = _meeting(deps, actor, job.action_value)
    job.open_modal(sync_views.outcome_modal(actor.language, job.action_value, meeting.sync,
                                            actor.today(deps.clock.now())))


def _outcome_from_modal(job: Job) -> OutcomeResult:
    deps, actor, now = job.deps, job.actor(), job.deps.clock.now()
    decisions, items = parsed_or_raise(sync_forms.outcome(job.view_values, actor.today(now),
                                                          sync_views.OUTCOME_COMMITMENTS))
    meeting = _meeting(deps, actor, job.metadata())
    return syncs.record_outcome(deps.db, actor, meeting.id, decisions, items, now, key=job.key)


@work("sync:outcome_submitted")
def _outcome_submitted(deps: Deps, job: Job) -> None:
    actor, saved = job.actor(), _outcome_from_modal(job)
    sync_posts.outcome_recorded(deps, actor.team_id, actor.user_id, saved, actor.today(deps.clock.now()), job.resumed)
    job.reply(sync_views.outcome_saved(actor.language, saved.meeting))


def _run(deps: Deps, job: Job, actor: Actor, parsed: SyncRequest) -> Message:
    now = deps.clock.now()
    match parsed:
        case SyncHelp():
            return help.usage(actor.language, Command.SYNC)
        case ScheduleSync():
            return _scheduled(deps, actor, syncs.schedule(deps.db, actor, parsed, now, key=job.key))
        case ListSyncs():
            listed = [(s, s.next_meeting(now)) for s in syncs.listing(deps.db, actor.team_id, now)]
            return sync_views.listing(actor.language, listed, actor.timezone)
        case CancelSync(number=number):
            cancelled = syncs.cancel(deps.db, actor, number, now, key=job.key)
            sync_posts.cancelled(deps, cancelled)
            return sync_views.cancelled(actor.language, cancelled)
        case AddSyncTopic(number=number, text=text):
            added = syncs.add_topic(deps.db, actor, number, text, now, key=job.key)
            return sync_views.topic_added(actor.language, added)
        case ShowAgenda(number=number):
            sync = syncs.get(deps.db, actor.team_id, number, now)
            return sync_posts.agenda_preview(deps, sync, actor.language, actor.timezone, now)
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
