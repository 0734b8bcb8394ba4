"""Block Kit for commitments: confirmations, lists and the daily reminder."""

from __future__ import annotations

from datetime import date

from bot import format as fmt
from bot.blocks import Block, Message, button, context, header, message, section
from bot.commitments.models import CommitmentInfo, CommitmentList, CommitmentStatus
from bot.i18n import Language, t
from bot.ids import Action, ask_ref


def line(lang: Language, item: CommitmentInfo, today: date) -> str:
    """`*C-7* · text · due Tue, Dec 1 · for A-12`, overdue in bold."""
    due = t(lang, "ask.due_on", day=fmt.day(lang, item.due_date, today))
    if item.is_overdue(today):
        due = f"*{due} · {t(lang, 'ask.overdue')}*"
    bits = [f"*{item.ref}* · {item.text}", due]
    if item.ask_number:
        bits.append(t(lang, "commitment.for_ask", ref=ask_ref(item.ask_number)))
    return " · ".join(bits)


def created(lang: Language, item: CommitmentInfo, today: date) -> Message:
    text = t(lang, "commitment.created", ref=item.ref, due=fmt.day(lang, item.due_date, today))
    return message(text, [section(f":pushpin: {text}\n{item.text}")])


def closed(lang: Language, item: CommitmentInfo) -> Message:
    if item.status is CommitmentStatus.CANCELLED:
        text = t(lang, "commitment.cancelled", ref=item.ref)
    else:
        text = t(lang, "commitment.kept" if item.kept else "commitment.late", ref=item.ref)
    return message(text, [section(text)])


def listing(lang: Language, result: CommitmentList, today: date, viewer_id: str) -> Message:
    title = t(lang, f"commitment.list.{result.filter}", count=result.total)
    blocks: list[Block] = [header(title)]
    if not result.commitments:
        blocks.append(section(t(lang, "commitment.list.empty")))
    for item in result.commitments:
        row = section(line(lang, item, today) + ("" if item.owner_id == viewer_id else f" · {fmt.person(item.owner_id)}"))
        if item.owner_id == viewer_id:
            row["accessory"] = button(t(lang, "ask.button.done"), Action.COMMITMENT_DONE, str(item.number))
        blocks.append(row)
    if result.total > len(result.commitments):
        blocks.append(context(t(lang, "list.more", count=result.total - len(result.commitments))))
    return message(title, blocks)


# A reminder lists at most this many commitments, each with its Done button, within 50 blocks.
REMINDER_LIMIT = 40


def reminder(lang: Language, items: list[CommitmentInfo], today: date) -> Message:
    """The daily DM: commitments due within a day or overdue, overdue first, each with Done."""
    ordered = sorted(items, key=lambda i: (i.due_date, i.number))
    overdue = sum(1 for i in items if i.is_overdue(today))
    title = t(lang, "reminder.title", count=len(items), overdue=overdue)
    blocks: list[Block] = [section(f":alarm_clock: *{title}*")]
    for item in ordered[:REMINDER_LIMIT]:
        row = section(line(lang, item, today))
        row["accessory"] = button(t(lang, "ask.button.done"), Action.COMMITMENT_DONE, str(item.number), "primary")
        blocks.append(row)
    if len(items) > REMINDER_LIMIT:
        blocks.append(context(t(lang, "list.more", count=len(items) - REMINDER_LIMIT)))
    blocks.append(context(t(lang, "reminder.footer")))
    return message(title, blocks)
