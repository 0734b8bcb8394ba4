"""`/alinea notify`: list the kinds of DMs with on/off, or turn kinds off or on. Pure and total."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from bot.errors import MessageKey, ParseError
from bot.notifications.models import ALL_WORDS, KIND_WORDS, OFF_WORDS, ON_WORDS, NoticeKind

USAGE = "usage.alinea.notify"
NOTIFY_WORDS = frozenset({"notify", "notifications", "avisos", "notificaciones", "notificar"})
_KIND_LIST = MessageKey("notify.kinds")  # read in the reader's language


class ShowNotices(BaseModel):
    kind: Literal["notify_show"] = "notify_show"


class ChooseNotices(BaseModel):
    kind: Literal["notify_choose"] = "notify_choose"
    on: bool
    kinds: list[NoticeKind]


NotifyCommand = ShowNotices | ChooseNotices


def parse_notify(words: list[str]) -> NotifyCommand | ParseError:
    """The words after `notify`: none lists the kinds; `off <kind>…` or `on <kind>…` (or `all`) changes them."""
    if not words:
        return ShowNotices()
    switch, names = words[0].lower(), words[1:]
    if switch not in ON_WORDS | OFF_WORDS:
        return ParseError("error.notify_on_or_off", usage=USAGE, word=words[0])
    if not names:
        return ParseError("error.notify_needs_kind", usage=USAGE, kinds=_KIND_LIST)
    kinds: list[NoticeKind] = []
    for name in names:
        if name.lower() in ALL_WORDS:
            kinds += list(NoticeKind)
            continue
        kind = KIND_WORDS.get(name.lower())
        if kind is None:
            return ParseError("error.notify_unknown_kind", usage=USAGE, word=name, kinds=_KIND_LIST)
        kinds.append(kind)
    return ChooseNotices(on=switch in ON_WORDS, kinds=list(dict.fromkeys(kinds)))
