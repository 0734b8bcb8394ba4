"""Block Kit for syncs: confirmations, the list, the agenda, the pre-sync reminder, history and the modals."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from bot import format as fmt
from bot.asks.models import Priority
from bot.blocks import (
    INPUT_TEXT_LIMIT,
    Block,
    Message,
    actions,
    button,
    context,
    divider,
    header,
    input_block,
    message,
    modal,
    option,
    section,
)
from bot.commitments.models import TEXT_LIMIT
from bot.digest.models import Trend
from bot.digest.views import trend_block
from bot.i18n import Language, t
from bot.ids import Action, View
from bot.kpis import views as kpi_views
from bot.syncs.models import NAME_LIMIT, TOPIC_LIMIT, Agenda, MeetingInfo, SyncInfo

PRESSING = (Priority.HIGH, Priority.URGENT)  # the agenda's "high and urgent asks"
OUTCOME_COMMITMENTS = 3  # rows for new commitments in the Record outcome modal
HISTORY_MEETINGS = 8


def _when(lang: Language, sync: SyncInfo) -> str:
    weekday = t(lang, "dates.weekdays").split(",")[sync.anchor.weekday()]
    every = t(lang, "sync.every_weeks", count=sync.every_weeks)
    return t(lang, "sync.when", every=every, weekday=weekday, at=f"{sync.at:%H:%M}", zone=fmt.zone_label(sync.timezone))


def _where(lang: Language, sync: SyncInfo) -> str:
    return f"<#{sync.channel_id}>" if sync.channel_id else t(lang, "sync.group_dm")


def scheduled(lang: Language, sync: SyncInfo, next_at: datetime, zone: str) -> Message:
    text = t(lang, "sync.scheduled", ref=sync.ref, name=sync.name, when=_when(lang, sync))
    details = t(lang, "sync.scheduled_details", next=fmt.meeting(lang, next_at, zone, sync.timezone),
                where=_where(lang, sync),
                people=" ".join(fmt.person(p) for p in sync.participants), hours=sync.remind_hours)
    return message(text, [section(f":calendar: {text}"), context(details)])


def cancelled(lang: Language, sync: SyncInfo) -> Message:
    text = t(lang, "sync.cancelled", ref=sync.ref, name=sync.name)
    return message(text, [section(text)])


def topic_added(lang: Language, sync: SyncInfo) -> Message:
    text = t(lang, "sync.topic_added", ref=sync.ref, name=sync.name)
    return message(text, [section(f":memo: {text}")])


def listing(lang: Language, syncs: list[tuple[SyncInfo, datetime]], zone: str) -> Message:
    title = t(lang, "sync.list.title", count=len(syncs))
    blocks: list[Block] = [header(title)]
    if not syncs:
        blocks.append(section(t(lang, "sync.list.empty")))
    for sync, next_at in syncs[:45]:
        blocks.append(section(f"*{sync.ref} · {sync.name}*\n{_when(lang, sync)} · {_where(lang, sync)}\n"
                              + t(lang, "sync.next", next=fmt.meeting(lang, next_at, zone, sync.timezone))))
    return message(title, blocks)


def _lines(items: list[str], empty: str) -> str:
    return "\n".join(f"• {item}" for item in items) if items else f"_{empty}_"


def agenda(lang: Language, plan: Agenda, zone: str, outcome_value: str | None,
           trend: Trend | None = None) -> Message:
    """The agenda, posted at meeting time (with a Record outcome button) or previewed (without); with `trend`, it
    opens with what moved since four weeks ago (`bot.digest.views.trend_block`)."""
    sync, today = plan.sync, plan.today
    topics = [f"{item} ({fmt.person(who)})" for who, item in plan.topics]
    # The high and urgent asks among those waiting longest are pressing too: the two parts name them alike.
    pressing_asks = sorted([a for a in plan.waiting_asks if a.priority in PRESSING] + plan.pressing_asks,
                           key=lambda a: (a.priority is not Priority.URGENT, a.created_at, a.number))
    asks = [f"*{a.ref}* {a.title} · {fmt.side(lang, a.from_side)} → {fmt.side(lang, a.to_side)} · "
            + t(lang, "sync.waiting_since", day=fmt.day(lang, a.created_at.date(), today))
            + (f" · {fmt.priority(lang, a.priority)}" if a.priority in PRESSING else "") for a in plan.waiting_asks]
    pressing = [f"*{a.ref}* {a.title} · {fmt.priority(lang, a.priority)}" for a in pressing_asks]
    overdue = [f"*{c.ref}* {c.text} · {fmt.person(c.owner_id)} · "
               + t(lang, "ask.due_on", day=fmt.day(lang, c.due_date, today)) for c in plan.overdue_commitments]
    kpis = [f"*{k.name}* · {kpi_views.status_text(lang, k, today)} · {kpi_views.summary_line(lang, k, today)}"
            for k in plan.kpis_needing_attention]
    learned = [f"{fmt.person(item.visitor_id)} → {fmt.side(lang, item.host_side)}: {item.surprise}"
               + (f" · _{item.idea}_" if item.idea else "") for item in plan.learnings]
    decisions = [d.text for d in plan.last_decisions]
    sections = [
        ("sync.agenda.topics", topics, "sync.agenda.no_topics"),
        ("sync.agenda.waiting", asks, "sync.agenda.none"),
        ("sync.agenda.pressing", pressing, "sync.agenda.none"),
        ("sync.agenda.overdue", overdue, "sync.agenda.none"),
        ("sync.agenda.kpis", kpis, "sync.agenda.kpis_fine"),
        ("sync.agenda.learnings", learned, "sync.agenda.none"),
        ("sync.agenda.decisions", decisions, "sync.agenda.no_decisions"),
    ]
    title = t(lang, "sync.agenda.title", ref=sync.ref, name=sync.name)
    blocks: list[Block] = [header(title), context(fmt.meeting(lang, plan.occurs_at, None, sync.timezone) + " · "
                                                  + " ".join(fmt.person(p) for p in sync.participants))]
    if trend is not None:
        blocks += trend_block(lang, trend)
    for key, items, empty in sections:
        blocks.append(section(f"*{t(lang, key)}*\n" + _lines(items, t(lang, empty))))
    if outcome_value:
        blocks.append(actions(button(t(lang, "sync.button.outcome"), Action.SYNC_OUTCOME, outcome_value, "primary")))
    else:
        blocks.append(context(t(lang, "sync.agenda.preview")))
    return message(title, blocks)


def reminder(lang: Language, sync: SyncInfo, occurs_at: datetime, zone: str) -> Message:
    """The DM participants get `remind` hours before: add your topics."""
    text = t(lang, "sync.reminder", ref=sync.ref, name=sync.name,
             when=fmt.meeting(lang, occurs_at, zone, sync.timezone))
    blocks = [section(f":spiral_calendar_pad: {text}"),
              actions(button(t(lang, "sync.button.add_topic"), Action.SYNC_ADD_TOPIC, str(sync.number), "primary")),
              context(t(lang, "sync.reminder_hint", ref=sync.ref))]
    return message(text, blocks)


def outcome_posted(lang: Language, meeting: MeetingInfo, actor_id: str, new_commitments: list[str]) -> Message:
    """The outcome, in the agenda's thread."""
    text = t(lang, "sync.outcome.posted", user=actor_id, ref=meeting.sync.ref)
    decided = _lines([d.text for d in meeting.decisions], t(lang, "sync.outcome.no_decisions"))
    committed = _lines(new_commitments, t(lang, "sync.outcome.no_commitments"))
    body = (f"{text}\n*{t(lang, 'sync.outcome.decisions')}*\n{decided}\n"
            f"*{t(lang, 'sync.outcome.commitments')}*\n{committed}")
    return message(text, [section(body)])


def outcome_saved(lang: Language, meeting: MeetingInfo) -> Message:
    text = t(lang, "sync.outcome.saved", ref=meeting.sync.ref)
    return message(text, [section(f":white_check_mark: {text}")])


def history(lang: Language, sync: SyncInfo, meetings: list[MeetingInfo], zone: str) -> Message:
    title = t(lang, "sync.history.title", ref=sync.ref, name=sync.name)
    blocks: list[Block] = [header(title)]
    if not meetings:
        blocks.append(section(t(lang, "sync.history.empty")))
    for meeting in meetings[:HISTORY_MEETINGS]:
        decided = _lines([d.text for d in meeting.decisions], t(lang, "sync.outcome.no_decisions"))
        blocks += [divider(), section(f"*{fmt.meeting(lang, meeting.occurs_at, zone, sync.timezone)}*\n{decided}")]
    return message(title, blocks)


def schedule_modal(lang: Language, zone: str) -> dict[str, Any]:
    weekdays = t(lang, "dates.weekdays").split(",")
    blocks = [
        input_block("name", t(lang, "sync.modal.name"), {"type": "plain_text_input", "action_id": Action.INPUT,
                                                         "max_length": NAME_LIMIT, "initial_value": t(lang, "sync.modal.name_default")}),
        input_block("weekday", t(lang, "sync.modal.weekday"), {
            "type": "static_select", "action_id": Action.INPUT,
            "options": [option(name, str(i)) for i, name in enumerate(weekdays)]}),
        input_block("at", t(lang, "sync.modal.at"), {"type": "timepicker", "action_id": Action.INPUT,
                                                     "initial_time": "09:00"}),
        input_block("every", t(lang, "sync.modal.every"), {
            "type": "static_select", "action_id": Action.INPUT,
            "options": [option(str(n), str(n)) for n in (1, 2, 3, 4)], "initial_option": option("1", "1")}),
        input_block("timezone", t(lang, "sync.modal.timezone"), {"type": "plain_text_input",
                                                                 "action_id": Action.INPUT, "initial_value": zone}),
        input_block("participants", t(lang, "sync.modal.participants"), {"type": "multi_users_select",
                                                                         "action_id": Action.INPUT}),
        input_block("channel", t(lang, "sync.modal.channel"), {"type": "channels_select", "action_id": Action.INPUT},
                    optional=True),
        input_block("remind", t(lang, "sync.modal.remind"), {
            "type": "static_select", "action_id": Action.INPUT,
            "options": [option(f"{h} h", str(h)) for h in (0, 1, 2, 4, 24, 48)], "initial_option": option("24 h", "24")}),
    ]
    return modal(View.SYNC_SCHEDULE, t(lang, "sync.modal.heading"), t(lang, "sync.modal.submit"),
                 t(lang, "modal.cancel"), blocks)


def topic_modal(lang: Language, sync: SyncInfo) -> dict[str, Any]:
    blocks = [input_block("topic", t(lang, "sync.modal.topic", ref=sync.ref, name=sync.name), {
        "type": "plain_text_input", "action_id": Action.INPUT, "multiline": True, "max_length": TOPIC_LIMIT})]
    return modal(View.SYNC_TOPIC, t(lang, "sync.modal.topic_heading"), t(lang, "sync.modal.topic_submit"),
                 t(lang, "modal.cancel"), blocks, str(sync.number))


def outcome_modal(lang: Language, meeting_ref: str, sync: SyncInfo, today: date) -> dict[str, Any]:
    blocks: list[Block] = [
        input_block("decisions", t(lang, "sync.modal.decisions"), {
            "type": "plain_text_input", "action_id": Action.INPUT, "multiline": True, "max_length": INPUT_TEXT_LIMIT,
            "placeholder": {"type": "plain_text", "text": t(lang, "sync.modal.decisions_hint")}}, optional=True),
    ]
    for n in range(1, OUTCOME_COMMITMENTS + 1):
        blocks += [
            section(f"*{t(lang, 'sync.modal.commitment', n=n)}*"),
            input_block(f"c{n}_owner", t(lang, "sync.modal.owner"), {"type": "users_select", "action_id": Action.INPUT},
                        optional=True),
            input_block(f"c{n}_text", t(lang, "sync.modal.text"), {"type": "plain_text_input",
                                                                   "action_id": Action.INPUT, "max_length": TEXT_LIMIT},
                        optional=True),
            input_block(f"c{n}_due", t(lang, "sync.modal.due"), {"type": "datepicker", "action_id": Action.INPUT},
                        optional=True),
        ]
    return modal(View.SYNC_OUTCOME, t(lang, "sync.modal.outcome_heading", ref=sync.ref), t(lang, "sync.modal.save"),
                 t(lang, "modal.cancel"), blocks, meeting_ref)
