"""Block Kit for asks: the posted card, thread lines, lists, details, the rating request, the DMs that tell people
about changes, the private confirmations (with Undo) and the modals; and what the Log an ask workflow step says
when it logs nothing."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from bot import format as fmt
from bot.asks.models import (
    COMMENT_LIMIT,
    DETAILS_LIMIT,
    PAGE_SIZE,
    TITLE_LIMIT,
    AcceptResult,
    AskInfo,
    AskPage,
    AskStatus,
    Card,
    Category,
    HistoryLine,
    Priority,
    ReopenResult,
)
from bot.blocks import (
    Block,
    Message,
    actions,
    button,
    context,
    cut,
    divider,
    fields,
    header,
    input_block,
    message,
    modal,
    option,
    section,
    undo_blocks,
)
from bot.errors import DomainError, error_message
from bot.i18n import Language, t
from bot.ids import Action, View
from bot.people import Side

DETAILS_PREVIEW = 600


def card(lang: Language, ask: AskInfo, today: date, tz: str) -> list[Block]:
    """The ask as everyone sees it: title, fields, details, where it came from, and what can be done next."""
    title = f"*{ask.ref} · {ask.title}*"
    if ask.details:
        title += "\n" + cut(ask.details, DETAILS_PREVIEW)
    due = fmt.day(lang, ask.due_date, today) if ask.due_date else "—"
    if ask.is_overdue(today):
        due += f" · *{t(lang, 'ask.overdue')}*"
    blocks = [
        section(title),
        fields(
            (t(lang, "ask.field.direction"), f"{fmt.side(lang, ask.from_side)} → {fmt.side(lang, ask.to_side)}"),
            (t(lang, "ask.field.requester"), fmt.person(ask.requester_id)),
            (t(lang, "ask.field.owner"), fmt.person(ask.owner_id)),
            (t(lang, "ask.field.due"), due),
            (t(lang, "ask.field.priority"), fmt.priority(lang, ask.priority)),
            (t(lang, "ask.field.category"), fmt.category(ask.category)),
            (t(lang, "ask.field.status"), status_text(lang, ask)),
        ),
    ]
    notes = [t(lang, "ask.logged_at", at=fmt.moment(ask.created_at, tz))]
    if ask.source_link:
        notes.append(t(lang, "ask.from_message", link=ask.source_link))
    blocks.append(context(*notes))
    buttons = _card_buttons(lang, ask)
    if buttons:
        blocks.append(actions(*buttons))
    return blocks


def status_text(lang: Language, ask: AskInfo) -> str:
    text = t(lang, f"ask.status.{ask.status.value}")
    if ask.status is AskStatus.DECLINED and ask.decline_reason:
        text += f": {ask.decline_reason}"
    return text


_ACTIONS = {"accept": Action.ASK_ACCEPT, "decline": Action.ASK_DECLINE, "done": Action.ASK_DONE,
            "show": Action.ASK_SHOW}


def ask_button(lang: Language, kind: str, ask: AskInfo, style: str | None = None) -> Block:
    """One of an ask's buttons (`accept`, `decline`, `done`, `show`), wherever it is shown: card, App Home."""
    return button(t(lang, f"ask.button.{kind}"), _ACTIONS[kind], str(ask.number), style)


def _card_buttons(lang: Language, ask: AskInfo) -> list[Block]:
    if ask.status is AskStatus.OPEN:
        return [ask_button(lang, "accept", ask, "primary"), ask_button(lang, "decline", ask, "danger"),
                ask_button(lang, "done", ask)]
    if ask.status is AskStatus.ACCEPTED:
        return [ask_button(lang, "done", ask, "primary"), ask_button(lang, "decline", ask, "danger")]
    return []


def posted(lang: Language, ask: AskInfo, today: date, tz: str) -> Message:
    """The message in the collaboration channel; every change replaces it with a fresh one."""
    text = t(lang, "ask.posted_text", ref=ask.ref, title=ask.title, side=fmt.side(lang, ask.to_side))
    return message(text, card(lang, ask, today, tz))


def created(lang: Language, ask: AskInfo, card: Card | None, today: date) -> Message:
    """The requester's private confirmation, with the due date in words (so a `3/4` read the reader's way shows
    which day it was), saying where the card is: posted, to be posted once Slack takes it, refused (with what to
    do), or nowhere."""
    if card is not None and card.state == "refused":
        text = t(lang, "ask.not_posted", ref=ask.ref, channel=card.channel)
        return message(text, [section(f":warning: {text}")])
    if card is None:
        where = t(lang, "ask.created_unposted")
    else:
        where = t(lang, "ask.created_in" if card.state == "posted" else "ask.post_pending", channel=card.channel)
    text = t(lang, "ask.created", ref=ask.ref, side=fmt.side(lang, ask.to_side), title=ask.title)
    if ask.due_date is not None:
        text += " · " + t(lang, "ask.due_on", day=fmt.day(lang, ask.due_date, today))
    return message(text, [section(f":white_check_mark: {text}"), context(where)])


def change_line(lang: Language, action: str, ask: AskInfo, actor_id: str, today: date,
                commitment_ref: str | None = None, previous_due: date | None = None,
                reason: str | None = None) -> Message:
    """The line added to the ask's thread when it changes, naming who acted and whose ask it is."""
    params: dict[str, Any] = {"user": actor_id, "ref": ask.ref, "requester": ask.requester_id}
    if action == "accept":
        moved = t(lang, "ask.line.moved", old=fmt.day(lang, previous_due, today)) if previous_due else ""
        params |= {"due": fmt.day(lang, ask.due_date, today) if ask.due_date else "—", "commitment": commitment_ref,
                   "moved": moved}
    elif action == "decline":
        params["reason"] = ask.decline_reason or ""
    elif action == "done":
        params["note"] = f": {ask.done_note}" if ask.done_note else ""
    elif action == "reopen":
        params |= {"status": _status_word(lang, ask), "why": f": {reason}" if reason else ""}
    if action == "cancel" and actor_id == ask.requester_id:
        action = "withdraw"
    text = t(lang, f"ask.line.{action}", **params)
    return message(text, [section(text)])


def _status_word(lang: Language, ask: AskInfo) -> str:
    """The status as a word inside a sentence: "accepted", "open"."""
    return t(lang, f"ask.status.{ask.status.value}").lower()


def accepted(lang: Language, result: AcceptResult, today: date) -> Message:
    text = t(lang, "ask.accepted_you", ref=result.ask.ref, commitment=result.commitment.ref,
             due=fmt.day(lang, result.commitment.due_date, today))
    return message(text, [section(f":handshake: {text}")])


def changed(lang: Language, action: str, ask: AskInfo, undo: bool = False) -> Message:
    """The private answer to whoever changed the ask; for a closing (`undo`), an Undo button that works for
    `UNDO_WINDOW`, and how to reopen it after."""
    key = f"ask.changed.{action}"
    if action == "done" and not rates(ask):
        key = "ask.changed.done_unrated"
    text = t(lang, key, ref=ask.ref)
    blocks = [section(text)]
    if undo and ask.closed_at is not None:
        blocks += undo_blocks(t(lang, "ask.button.undo"), Action.ASK_UNDO, ask.number, ask.closed_at,
                       t(lang, "ask.undo_hint", ref=ask.ref))
    return message(text, blocks)



def reopened(lang: Language, result: ReopenResult) -> Message:
    """The private answer to whoever reopened the ask (or pressed Undo)."""
    text = t(lang, "ask.reopened_you", ref=result.ask.ref, status=_status_word(lang, result.ask))
    if result.commitment is not None:
        text += " " + t(lang, "ask.reopened_commitment", commitment=result.commitment.ref)
    return message(text, [section(f":leftwards_arrow_with_hook: {text}")])


def rates(ask: AskInfo) -> bool:
    """Whether the requester is asked to rate the done ask: not when they closed it themselves or own it (a
    requester never rates their own ask)."""
    return ask.requester_id not in (ask.done_by, ask.owner_id)


def rating_request(lang: Language, ask: AskInfo) -> Message:
    """Asked of the requester when their ask is done: did it meet the need?"""
    text = t(lang, "ask.rate_question", ref=ask.ref, title=ask.title, user=ask.done_by or ask.owner_id)
    blocks = [section(text)]
    if ask.done_note:
        blocks.append(context(t(lang, "ask.dm.note", note=ask.done_note)))
    blocks += [_rating_buttons(ask, None), context(t(lang, "ask.rate_scale"))]
    return message(text, blocks)


def notice(lang: Language, what: str, ask: AskInfo, actor_id: str, today: date, previous_due: date | None = None,
           reason: str | None = None) -> Message:
    """A DM telling someone of a change to an ask they requested or own (`what`: named, accepted, taken, declined,
    done, cancelled, reopened_requester, reopened_owner), with where to see it."""
    params: dict[str, Any] = {"user": actor_id, "ref": ask.ref, "title": ask.title,
                              "side": fmt.side(lang, ask.to_side)}
    due = fmt.day(lang, ask.due_date, today) if ask.due_date else "—"
    if what == "named":
        params["due"] = t(lang, "ask.dm.named_due", day=due) if ask.due_date else ""
    elif what == "accepted":
        params["due"] = due
        if previous_due is not None:
            what, params["old"] = "accepted_moved", fmt.day(lang, previous_due, today)
    elif what == "declined":
        params["reason"] = ask.decline_reason or ""
    elif what == "done":
        params["note"] = f": {ask.done_note}" if ask.done_note else ""
    elif what.startswith("reopened"):
        params |= {"status": _status_word(lang, ask), "why": f" ({reason})" if reason else ""}
    text = t(lang, f"ask.dm.{what}", **params)
    where = (t(lang, "ask.dm.where", channel=ask.channel_id, ref=ask.ref) if ask.channel_id
             else t(lang, "ask.dm.where_show", ref=ask.ref))
    return message(text, [section(text), context(where)])


def rating_thanks(lang: Language, ask: AskInfo) -> Message:
    text = t(lang, "ask.rate_thanks", ref=ask.ref, rating=ask.rating)
    return message(text, [section(text), _rating_buttons(ask, ask.rating), context(t(lang, "ask.rate_change"))])


def _rating_buttons(ask: AskInfo, chosen: int | None) -> Block:
    return actions(*[
        button(str(n), f"{Action.ASK_RATE.value}_{n}", f"{ask.number}:{n}", "primary" if n == chosen else None)
        for n in range(1, 6)
    ])


def listing(lang: Language, result: AskPage, today: date) -> Message:
    """A page of asks, newest first, with a Show button each and paging buttons."""
    title = t(lang, f"ask.list.{result.filter}", count=result.total)
    if result.to_side:
        title += " · " + t(lang, "ask.list.to", side=fmt.side(lang, result.to_side))
    blocks: list[Block] = [header(title)]
    if not result.asks:
        blocks.append(section(t(lang, "ask.list.empty")))
    for ask in result.asks:
        blocks.append(_list_row(lang, ask, today))
    first, last = result.offset + 1, result.offset + len(result.asks)
    if result.total > len(result.asks):
        blocks.append(context(t(lang, "list.range", first=first, last=last, total=result.total)))
    paging = []
    if result.offset > 0:
        previous = max(result.offset - PAGE_SIZE, 0)
        paging.append(button(t(lang, "list.previous"), f"{Action.ASK_LIST_PAGE.value}_prev",
                             _page_value(result, previous)))
    if last < result.total:
        paging.append(button(t(lang, "list.next"), f"{Action.ASK_LIST_PAGE.value}_next", _page_value(result, last)))
    if paging:
        blocks.append(actions(*paging))
    return message(title, blocks)


def _page_value(result: AskPage, offset: int) -> str:
    return json.dumps({"f": result.filter, "s": result.to_side.value if result.to_side else None, "o": offset})


def _list_row(lang: Language, ask: AskInfo, today: date) -> Block:
    bits = [f"{fmt.side(lang, ask.from_side)} → {fmt.side(lang, ask.to_side)}", t(lang, f"ask.status.{ask.status}")]
    if ask.due_date:
        due = t(lang, "ask.due_on", day=fmt.day(lang, ask.due_date, today))
        bits.append(f"*{due} · {t(lang, 'ask.overdue')}*" if ask.is_overdue(today) else due)
    if ask.priority in (Priority.HIGH, Priority.URGENT):
        bits.append(fmt.priority(lang, ask.priority))
    if ask.owner_id:
        bits.append(fmt.person(ask.owner_id))
    row = section(f"*{ask.ref}* · {cut(ask.title, 200)}\n" + " · ".join(bits))
    row["accessory"] = ask_button(lang, "show", ask)
    return row


def detail(lang: Language, ask: AskInfo, lines: list[HistoryLine], today: date, tz: str) -> Message:
    """`/ask show`: the card, where it was posted, and its history."""
    blocks = card(lang, ask, today, tz)
    if ask.channel_id:
        blocks.insert(-1 if blocks[-1]["type"] == "actions" else len(blocks),
                      context(t(lang, "ask.posted_in", channel=ask.channel_id)))
    if lines:
        blocks.append(divider())
        shown = [f"{fmt.moment(line.at, tz)} · {fmt.person(line.actor_id)} · {t(lang, 'history.' + line.action)}"
                 for line in lines[-12:]]
        blocks.append(section("\n".join(shown)))
    return message(t(lang, "ask.posted_text", ref=ask.ref, title=ask.title, side=fmt.side(lang, ask.to_side)), blocks)


class ModalPrefill:
    """What the New ask modal starts with, and what its submission must remember."""

    def __init__(self, channel_id: str | None, title: str = "", details: str = "", source: str = "modal",
                 link: str | None = None, to_side: Side | None = None) -> None:
        self.channel_id, self.title, self.details = channel_id, title, details
        self.source, self.link, self.to_side = source, link, to_side

    def metadata(self) -> str:
        return json.dumps({"channel": self.channel_id, "source": self.source, "link": self.link})


def new_ask_modal(lang: Language, prefill: ModalPrefill) -> dict[str, Any]:
    """The **New ask** modal: title, details, to side, owner, due, priority, category."""
    sides = [option(fmt.side(lang, s), s.value) for s in Side]
    priorities = [option(t(lang, f"priority.{p.value}"), p.value) for p in Priority]
    categories = [option(f"#{c.value}", c.value) for c in Category]
    to_side = prefill.to_side or Side.IT
    blocks = [
        input_block("title", t(lang, "ask.modal.title"), {
            "type": "plain_text_input", "action_id": Action.INPUT, "max_length": TITLE_LIMIT,
            **({"initial_value": cut(prefill.title, TITLE_LIMIT)} if prefill.title else {}),
            "placeholder": {"type": "plain_text", "text": t(lang, "ask.modal.title_hint")}}),
        input_block("details", t(lang, "ask.modal.details"), {
            "type": "plain_text_input", "action_id": Action.INPUT, "multiline": True, "max_length": DETAILS_LIMIT,
            **({"initial_value": cut(prefill.details, DETAILS_LIMIT)} if prefill.details else {})}, optional=True),
        input_block("to_side", t(lang, "ask.modal.to_side"), {
            "type": "static_select", "action_id": Action.INPUT, "options": sides,
            "initial_option": option(fmt.side(lang, to_side), to_side.value)}),
        input_block("owner", t(lang, "ask.modal.owner"), {"type": "users_select", "action_id": Action.INPUT},
                    optional=True),
        input_block("due", t(lang, "ask.modal.due"), {"type": "datepicker", "action_id": Action.INPUT},
                    optional=True),
        input_block("priority", t(lang, "ask.modal.priority"), {
            "type": "static_select", "action_id": Action.INPUT, "options": priorities,
            "initial_option": option(t(lang, "priority.normal"), Priority.NORMAL.value)}),
        input_block("category", t(lang, "ask.modal.category"), {
            "type": "static_select", "action_id": Action.INPUT, "options": categories}, optional=True),
    ]
    if prefill.link:
        blocks.append(context(t(lang, "ask.from_message", link=prefill.link)))
    return modal(View.ASK_NEW, t(lang, "ask.modal.heading"), t(lang, "ask.modal.submit"), t(lang, "modal.cancel"),
                 blocks, prefill.metadata())


def accept_modal(lang: Language, ask: AskInfo, today: date) -> dict[str, Any]:
    """Accepting an ask with no due date asks for one."""
    blocks = [
        section(f"*{ask.ref} · {ask.title}*"),
        input_block("due", t(lang, "ask.modal.accept_due"), {
            "type": "datepicker", "action_id": Action.INPUT,
            "initial_date": (today + timedelta(days=7)).isoformat()}),
    ]
    return modal(View.ASK_ACCEPT, t(lang, "ask.modal.accept_heading", ref=ask.ref), t(lang, "ask.button.accept"),
                 t(lang, "modal.cancel"), blocks, str(ask.number))


def decline_modal(lang: Language, ask: AskInfo) -> dict[str, Any]:
    blocks = [
        section(f"*{ask.ref} · {ask.title}*"),
        input_block("reason", t(lang, "ask.modal.decline_reason"), {
            "type": "plain_text_input", "action_id": Action.INPUT, "multiline": True, "max_length": COMMENT_LIMIT}),
    ]
    return modal(View.ASK_DECLINE, t(lang, "ask.modal.decline_heading", ref=ask.ref), t(lang, "ask.button.decline"),
                 t(lang, "modal.cancel"), blocks, str(ask.number))


# --- the Log an ask workflow step ---------------------------------------------------------------------------------


def step_failed(lang: Language, error: DomainError) -> str:
    """Why the step logged nothing, as Workflow Builder shows it (in the run's activity and Slackbot's message about
    the failed run): plain text naming the input that was wrong and what it accepts."""
    return t(lang, "ask.step.failed", problem=error_message(lang, error).text)


def step_unexpected(lang: Language) -> str:
    """The step failed for a reason of Alinea's own, before it logged anything."""
    return t(lang, "ask.step.unexpected")
