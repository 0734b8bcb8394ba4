"""Block Kit for `/alinea notify`, and the line every DM about a change ends with."""

from __future__ import annotations

from bot.blocks import Block, Message, context, header, message, section
from bot.i18n import Language, t
from bot.notifications.models import NoticeChoices, NoticeKind


def kind_name(lang: Language, kind: NoticeKind) -> str:
    """The word for the kind in the reader's language, as `/alinea notify` takes it."""
    return t(lang, f"notify.kind.{kind.value}")


def listing(lang: Language, choices: NoticeChoices, changed: list[NoticeKind] | None = None) -> Message:
    """Each kind with what it covers and whether it is on; after a change, what changed first."""
    title = t(lang, "notify.title")
    blocks: list[Block] = [header(title)]
    if changed:
        names = ", ".join(f"`{kind_name(lang, kind)}`" for kind in changed)
        state = choices.wants(changed[0])
        blocks.append(section(t(lang, "notify.changed_on" if state else "notify.changed_off", kinds=names)))
    for kind in NoticeKind:
        state = t(lang, "notify.on" if choices.wants(kind) else "notify.off")
        blocks.append(section(f"`{kind_name(lang, kind)}` · *{state}*\n{t(lang, f'notify.about.{kind.value}')}"))
    blocks.append(context(t(lang, "notify.how")))
    return message(title, blocks)


def with_footer(lang: Language, msg: Message, kind: NoticeKind) -> Message:
    """A DM about a change, ending with how to stop DMs of its kind."""
    footer = context(t(lang, "notify.footer", kind=kind_name(lang, kind)))
    return message(msg.text, [*msg.blocks, footer])
