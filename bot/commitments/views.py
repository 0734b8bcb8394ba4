"""Block Kit for commitments: confirmations (with Undo), lists, the daily reminder, the DMs that tell people about
changes to commitments, and Done buttons that say so once pressed."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot import format as fmt
from bot.blocks import Block, Message, button, context, header, message, section, undo_blocks
from bot.commitments.models import CommitmentFilter, CommitmentInfo, CommitmentList, CommitmentStatus
from bot.i18n import Language, t
from bot.ids import Action, ask_ref


def line(lang: Language, item: CommitmentInfo, today: date) -> str:
    """`*C-7* · text · due Tue, Dec 1 · for A-12`, overdue in bold."""
    due = t(lang, "ask.due_on", day=fmt.day(lang, item.due_date, today))
    if item.is_overdue(today):
        due = f"*{due} · {t(lang, 'commitment.overdue')}*"
    bits = [f"*{item.ref}* · {item.text}", due]
    if item.ask_number:
        bits.append(t(lang, "commitment.for_ask", ref=ask_ref(item.ask_number)))
    return " · ".join(bits)


def created(lang: Language, item: CommitmentInfo, today: date) -> Message:
    text = t(lang, "commitment.created", ref=item.ref, due=fmt.day(lang, item.due_date, today))
    return message(text, [section(f":pushpin: {text}\n{item.text}")])


def closed(lang: Language, item: CommitmentInfo, undo: bool = False) -> Message:
    """The private confirmation of a done or cancelled commitment; with `undo`, an Undo button (for
    `UNDO_WINDOW`) and how to reopen it after."""
    if item.status is CommitmentStatus.CANCELLED:
        text = t(lang, "commitment.cancelled", ref=item.ref)
    else:
        text = t(lang, "commitment.kept" if item.kept else "commitment.late", ref=item.ref)
    blocks = [section(text)]
    if undo and item.closed_at is not None:
        blocks += undo_blocks(t(lang, "commitment.undo"), Action.COMMITMENT_UNDO, item.number, item.closed_at,
                       t(lang, "commitment.undo_hint", ref=item.ref))
    return message(text, blocks)




def reopened(lang: Language, item: CommitmentInfo, today: date) -> Message:
    """Its closing undone: the commitment is open again."""
    text = t(lang, "commitment.reopened", ref=item.ref, due=fmt.day(lang, item.due_date, today))
    return message(text, [section(f":leftwards_arrow_with_hook: {text}")])


def listing(lang: Language, result: CommitmentList, today: date, viewer_id: str,
            done: list[CommitmentInfo] | None = None) -> Message:
    """Open commitments, the viewer's own with a Done button; `done`: those the viewer just marked done from this
    list, shown done in their place, without a button."""
    title = t(lang, f"commitment.list.{result.filter}", count=result.total)
    blocks: list[Block] = [header(title)]
    finished = {item.number: item for item in done or []}
    shown = [item for item in result.commitments if item.number not in finished] + list(finished.values())
    if not shown:
        blocks.append(section(t(lang, "commitment.list.empty")))
    for item in sorted(shown, key=lambda i: (i.due_date, i.number)):
        text = line(lang, item, today) + ("" if item.owner_id == viewer_id else f" · {fmt.person(item.owner_id)}")
        if item.number in finished:
            blocks.append(section(f"{text} · {done_mark(lang, item)}"))
            continue
        row = section(text)
        if item.owner_id == viewer_id:
            row["accessory"] = button(t(lang, "ask.button.done"), Action.COMMITMENT_DONE,
                                      listed_value(item.number, result.filter))
        blocks.append(row)
    if result.total > len(result.commitments):
        blocks.append(context(t(lang, "list.more", count=result.total - len(result.commitments))))
    return message(title, blocks)


# A reminder lists at most this many commitments, each with its Done button, within 50 blocks.
REMINDER_LIMIT = 40


def reminder(lang: Language, items: list[CommitmentInfo], today: date) -> Message:
    """The daily DM: commitments due within a day or overdue, overdue first, each with Done. The title counts
    each kind apart ("1 overdue, 2 due today, 1 due tomorrow"), and each row says "due today" or "due tomorrow"
    rather than a date."""
    ordered = sorted(items, key=lambda i: (i.due_date, i.number))

    def when(item: CommitmentInfo) -> str:
        return "overdue" if item.due_date < today else "due_today" if item.due_date == today else "due_tomorrow"

    counts = {kind: sum(1 for i in items if when(i) == kind) for kind in ("overdue", "due_today", "due_tomorrow")}
    title = t(lang, "reminder.title", counts=", ".join(t(lang, f"reminder.{kind}", count=count)
                                                      for kind, count in counts.items() if count))
    blocks: list[Block] = [section(f":alarm_clock: *{title}*")]
    for item in ordered[:REMINDER_LIMIT]:
        due = t(lang, "ask.due_on", day=fmt.day(lang, item.due_date, today))
        due = f"*{due} · {t(lang, 'commitment.overdue')}*" if when(item) == "overdue" else t(lang, f"reminder.row.{when(item)}")
        bits = [f"*{item.ref}* · {item.text}", due]
        if item.ask_number:
            bits.append(t(lang, "commitment.for_ask", ref=ask_ref(item.ask_number)))
        row = section(" · ".join(bits))
        row["accessory"] = button(t(lang, "ask.button.done"), Action.COMMITMENT_DONE, str(item.number), "primary")
        blocks.append(row)
    if len(items) > REMINDER_LIMIT:
        blocks.append(context(t(lang, "list.more", count=len(items) - REMINDER_LIMIT)))
    blocks.append(context(t(lang, "reminder.footer")))
    return message(title, blocks)


def listed_value(number: int, which: CommitmentFilter) -> str:
    """What a list's Done button carries: the commitment, and the list to show again once it is done."""
    return f"{number}|{which}"


def read_done_value(value: str) -> tuple[int, CommitmentFilter | None] | None:
    """The number a Done button carries and, from a list, which list; None for anything else."""
    number, _, which = value.partition("|")
    if not number.isascii() or not number.isdigit() or len(number) > 9:
        return None
    if which in ("mine", "overdue", "side"):
        return int(number), which  # type: ignore[return-value]
    return (int(number), None) if not which else None


def done_mark(lang: Language, item: CommitmentInfo) -> str:
    """What a pressed Done button leaves in its place: kept or late."""
    return ":white_check_mark: " + t(lang, "commitment.mark.kept" if item.kept else "commitment.mark.late")


def done_in_place(lang: Language, original: dict[str, Any], item: CommitmentInfo) -> Message | None:
    """The message a Done button was pressed on (a reminder, a sync's commitments), with that commitment shown done
    and its button gone; None when the message is not at hand (or shows no such button)."""
    blocks = original.get("blocks")
    if not isinstance(blocks, list):
        return None
    found, kept = False, []
    for block in blocks:
        if _done_button_of(block) == item.number:
            found = True
            text = (block.get("text") or {}).get("text", "")
            kept.append(section(f"{text} · {done_mark(lang, item)}"))
        else:
            kept.append(block)
    return message(str(original.get("text") or item.ref), kept) if found else None


def _done_button_of(block: Any) -> int | None:
    """The commitment whose Done button the block carries, if any."""
    accessory = block.get("accessory") if isinstance(block, dict) else None
    if not isinstance(accessory, dict) or accessory.get("action_id") != Action.COMMITMENT_DONE:
        return None
    read = read_done_value(str(accessory.get("value", "")))
    return read[0] if read else None


def from_sync(lang: Language, items: list[CommitmentInfo], recorder_id: str, sync_label: str, today: date) -> Message:
    """The DM to the owner of commitments recorded in a sync's outcome, each with Done."""
    text = t(lang, "commitment.dm.from_sync", user=recorder_id, sync=sync_label)
    blocks: list[Block] = [section(text)]
    for item in items[:REMINDER_LIMIT]:
        row = section(line(lang, item, today))
        row["accessory"] = button(t(lang, "ask.button.done"), Action.COMMITMENT_DONE, str(item.number), "primary")
        blocks.append(row)
    blocks.append(context(t(lang, "commitment.dm.from_sync_hint")))
    return message(text, blocks)


def change_notice(lang: Language, change: str, item: CommitmentInfo, actor_id: str, today: date,
                  recorded: bool = False) -> Message:
    """The DM about a commitment someone else cancelled or reopened (`change`): to its owner, or (`recorded`) to
    whoever recorded it in a sync's outcome."""
    who = "recorded" if recorded else "owner"
    text = t(lang, f"commitment.dm.{change}_{who}", user=actor_id, ref=item.ref, text=item.text, owner=item.owner_id,
             due=fmt.day(lang, item.due_date, today))
    return message(text, [section(text)])
