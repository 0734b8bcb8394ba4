"""What follows a change to syncs, one function per kind of change, and what syncs send at their times: the topics
reminder to each participant, and the agenda in the sync's channel or the participants' group DM. Every scheduled
send is claimed first (bot.deliveries), so a restart, a retry or a second scheduler never posts twice."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.blocks import Message, in_languages
from bot.commitments import posts as commitment_posts
from bot.commitments import views as commitment_views
from bot.deliveries import conversation_with, each, finish_round, post_checked, post_once, send_once
from bot.deps import Deps
from bot.digest.trend import trend, trend_or_none
from bot.i18n import Language
from bot.recurrence import period_key
from bot.syncs import service as syncs
from bot.syncs import views as sync_views
from bot.syncs.models import OutcomeResult, SyncInfo


def meeting_job_id(sync: SyncInfo) -> str:
    return f"sync:{sync.team_id}:{sync.ref}"


def reminder_job_id(sync: SyncInfo) -> str:
    return f"sync-remind:{sync.team_id}:{sync.ref}"


def outcome_value(sync: SyncInfo, occurs_at: datetime) -> str:
    """What the Record outcome button carries: the sync and which of its meetings."""
    return f"{sync.id}|{period_key(occurs_at)}"


def scheduled(deps: Deps, sync: SyncInfo) -> None:
    """A new series: this process's scheduler, if it leads, plans its jobs now."""
    deps.replan()


def cancelled(deps: Deps, sync: SyncInfo) -> None:
    """A cancelled series: its planned jobs go."""
    deps.replan()


def outcome_recorded(deps: Deps, team_id: str, actor_id: str, saved: OutcomeResult, today: date,
                     resumed: bool = False) -> None:
    """The outcome in the agenda's thread, in the agenda's language (`languages`), and the new commitments' owners'
    Homes and DMs (each with Done; `bot.commitments.posts.created`)."""
    meeting = saved.meeting

    def outcome(lang: Language) -> Message:
        lines = [f"{commitment_views.line(lang, item, today)} · <@{item.owner_id}>" for item in saved.commitments]
        return sync_views.outcome_posted(lang, meeting, actor_id, lines)

    msg = in_languages(languages(deps, meeting.sync), outcome)
    if meeting.channel_id and meeting.message_ts:
        when = meeting.outcome_at.isoformat() if meeting.outcome_at else ""
        post_checked(deps, meeting.channel_id, msg, f"outcome:{meeting.id}:{when}", meeting.outcome_at or datetime.now(UTC),
                     look_first=resumed, thread_ts=meeting.message_ts)
    commitment_posts.created(deps, team_id, actor_id, saved.commitments, meeting.outcome_at, resumed,
                             sync_label=f"{meeting.sync.ref} · {meeting.sync.name}")


def post_agenda(deps: Deps, sync_id: int, occurs_at: datetime, now: datetime) -> bool:
    """Post the meeting's agenda once. False when the sync is gone or the meeting was already posted."""
    sync = syncs.by_id(deps.db, sync_id)
    if sync is None or sync.cancelled or syncs.held(deps.db, sync.id, occurs_at):
        return False
    zone = deps.workspace(sync.team_id).timezone

    def send() -> None:
        channel = sync.channel_id or conversation_with(deps, *sync.participants)
        plan = syncs.agenda(deps.db, sync, occurs_at, zone, now)
        moved = trend_or_none(lambda: trend(deps.db, sync.team_id, occurs_at, zone), f"the agenda of {sync.ref}")
        msg = in_languages(languages(deps, sync),
                           lambda lang: sync_views.agenda(lang, plan, zone, outcome_value(sync, occurs_at), moved))
        where, ts = post_checked(deps, channel, msg, f"{meeting_job_id(sync)}|agenda|{period_key(occurs_at)}", now)
        syncs.record_meeting(deps.db, sync, occurs_at, where, ts, now)

    return send_once(deps.db, meeting_job_id(sync), "agenda", period_key(occurs_at), now, send)


def agenda_preview(deps: Deps, sync: SyncInfo, lang: Language, reader_zone: str, now: datetime) -> Message:
    """`/sync agenda`: the next meeting's agenda as it would read now, opening with the trend's lines as of now (the
    weeks up to today, the pulse rounds closed by now), without the Record outcome button."""
    zone = deps.workspace(sync.team_id).timezone
    plan = syncs.agenda(deps.db, sync, sync.next_meeting(now), zone, now)
    moved = trend_or_none(lambda: trend(deps.db, sync.team_id, now, zone), f"the agenda of {sync.ref}")
    return sync_views.agenda(lang, plan, reader_zone, None, moved)


def send_reminders(deps: Deps, sync_id: int, occurs_at: datetime, now: datetime) -> int:
    """Invite each participant, in their language, to add topics for the meeting at `occurs_at`."""
    sync = syncs.by_id(deps.db, sync_id)
    if sync is None or sync.cancelled:
        return 0

    def send(user_id: str) -> bool:
        msg = sync_views.reminder(deps.directory.language(user_id), sync, occurs_at,
                                  deps.directory.user(user_id).timezone)
        return post_once(deps, reminder_job_id(sync), user_id, period_key(occurs_at), now, msg)

    sent = each(deps, sync.participants, send, f"the reminder of {sync.ref}", team=lambda _user: sync.team_id)
    finish_round(deps.db, reminder_job_id(sync), period_key(occurs_at), now)
    return sent


def languages(deps: Deps, sync: SyncInfo) -> list[Language]:
    """The language of a sync's agenda and its thread: the workspace's in a channel; in the participants' group DM,
    the one they share, else both."""
    if sync.channel_id:
        return [deps.workspace(sync.team_id).language]
    return deps.directory.languages(sync.participants)


def post_next_agendas(deps: Deps, now: datetime) -> int:
    """Hold every active sync's next meeting now (the console's `:run syncs`): topics reminders, then the agenda.
    That meeting counts as held, so the scheduler will not post it again when its time comes."""
    posted = 0
    for sync in syncs.everything_active(deps.db):
        upcoming = sync.next_meeting(now)
        send_reminders(deps, sync.id, upcoming, now)
        posted += post_agenda(deps, sync.id, upcoming, now)
    return posted
