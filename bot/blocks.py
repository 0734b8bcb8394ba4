"""Small Block Kit builders and the `Message` every view returns. Texts are cut to Slack's limits here,
so no view can produce a block Slack would refuse, and defused here (`defuse`), so no view can ping a channel or
disguise a link with what someone typed. Views never write a `mrkdwn` object themselves."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, Field, field_validator

Block = dict[str, Any]

SECTION_TEXT_LIMIT = 3000
HEADER_TEXT_LIMIT = 150
CONTEXT_TEXT_LIMIT = 2000
FALLBACK_TEXT_LIMIT = 4000
MESSAGE_BLOCK_LIMIT = 50
VIEW_BLOCK_LIMIT = 100  # a modal or the Home tab
INPUT_TEXT_LIMIT = 3000  # a plain_text_input's max_length
METADATA_LIMIT = 2900  # a view's private_metadata (3000, less the seal bot.inputs.seal adds)
ERROR_TEXT_LIMIT = 150  # a modal input's error (response_action=errors)


# Slack's markup in text: `<@U123|name>`, `<#C123>`, `<!here>`, `<!subteam^S1|@team>`, `<!date^…|…>`, `<url|label>`.
_TOKEN = re.compile(r"<([^<>]*)>|<")  # a token, or a `<` that opens none
_KEPT = ("@U", "@W", "#C", "#G", "!date^")  # one person, a channel, a date: they notify nobody else


def defuse(text: str) -> str:
    """Mrkdwn that notifies only the people it names and links only where it says. Typed text reaches the bot as
    Slack escapes it (`&lt;` for `<`), so a real `<…>` is Slack's markup: mentions of a person or a channel and dates
    are kept; a broadcast (`@channel`, `@here`, `@everyone`, a user group) becomes its plain text, which pings
    nobody; a link whose label hides its address shows the address (links into Slack itself keep their label: Alinea
    makes those). Anything else, and a `<` that opens no token, is escaped. Idempotent."""
    return _TOKEN.sub(_defused, text)


def _defused(match: re.Match[str]) -> str:
    if match[1] is None:
        return "&lt;"
    address, _, label = match[1].partition("|")
    if address.startswith(_KEPT):
        return match[0]
    if address.startswith("!"):
        name = label or "@" + address[1:].split("^", 1)[0]
        return name if name.startswith("@") else "@" + name
    scheme, _, rest = address.partition(":")
    if scheme.lower() in {"http", "https", "mailto"} and rest:
        if not label or label in {address, rest, rest.removeprefix("//")} or _into_slack(address):
            return match[0]
        return f"<{address}>"
    return f"&lt;{match[1]}&gt;"


def _into_slack(address: str) -> bool:
    try:
        parts = urlsplit(address)
    except ValueError:
        return False
    host = (parts.hostname or "").lower()
    return parts.scheme == "https" and (host == "slack.com" or host.endswith(".slack.com"))


def mrkdwn(text: str, limit: int) -> Block:
    """A mrkdwn text object: defused, then cut."""
    return {"type": "mrkdwn", "text": cut(defuse(text), limit)}


class Message(BaseModel):
    """A message as Slack takes it: fallback `text` for notifications (defused like the blocks, and cut to Slack's
    limit) plus `blocks`."""

    text: str
    blocks: list[Block] = Field(default_factory=list)

    @field_validator("text")
    @classmethod
    def _defused_text(cls, value: str) -> str:
        return cut(defuse(value), FALLBACK_TEXT_LIMIT)

    def as_kwargs(self) -> dict[str, Any]:
        return {"text": self.text, "blocks": self.blocks}


def cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def header(text: str) -> Block:
    return {"type": "header", "text": {"type": "plain_text", "text": cut(defuse(text), HEADER_TEXT_LIMIT), "emoji": True}}


def section(text: str) -> Block:
    return {"type": "section", "text": mrkdwn(text, SECTION_TEXT_LIMIT)}


def context(*texts: str) -> Block:
    return {
        "type": "context",
        "elements": [mrkdwn(t, CONTEXT_TEXT_LIMIT) for t in texts[:10]],
    }


def divider() -> Block:
    return {"type": "divider"}


def message(text: str, blocks: list[Block]) -> Message:
    return Message(text=text, blocks=blocks[:MESSAGE_BLOCK_LIMIT])  # the text is defused and cut by Message


def in_languages(languages: Sequence[str], build: Callable[[Any], Message]) -> Message:
    """One message for readers of `languages` (`Directory.languages`): in the one they share, as `build` makes it;
    for readers who share none, the first language's message (its buttons once) with the others' words under it in
    a grey line each, compactly."""
    first = build(languages[0])
    if len(languages) == 1:
        return first
    others = [build(lang) for lang in languages[1:]]
    lines = [_words(other) for other in others]
    blocks = first.blocks[: MESSAGE_BLOCK_LIMIT - len(lines)] + [context(line) for line in lines]
    texts = [first.text, *(other.text for other in others)]
    return Message(text="\n".join(dict.fromkeys(texts)), blocks=blocks)  # a text both say alike, once


def _words(msg: Message) -> str:
    """What a message's sections and header say, one per line (its buttons and fields left out), else its text."""
    said = [block["text"]["text"] for block in msg.blocks
            if block.get("type") in ("section", "header") and isinstance(block.get("text"), dict)]
    return "\n".join(said) or msg.text


def fields(*pairs: tuple[str, str]) -> Block:
    """A section of up to ten `*label*\\nvalue` fields."""
    return {"type": "section",
            "fields": [mrkdwn(f"*{label}*\n{value}", 2000) for label, value in pairs[:10]]}


def button(text: str, action_id: str, value: str, style: str | None = None) -> Block:
    element: Block = {"type": "button", "text": {"type": "plain_text", "text": cut(text, 75), "emoji": True},
                      "action_id": action_id, "value": value[:2000]}
    if style:
        element["style"] = style
    return element


def undo_blocks(label: str, action_id: str, number: int, closed_at: datetime, hint: str) -> list[Block]:
    """The Undo button of a private confirmation (of an ask or a commitment closed), and its hint: the button
    carries the record's number and the moment of the closing it undoes (`read_undo`)."""
    return [actions(button(label, action_id, f"{number}|{closed_at.isoformat()}")), context(hint)]


def read_undo(value: str) -> tuple[int, datetime] | None:
    """The number and the closing's moment an Undo button carries, or None for anything else."""
    number, _, moment = value.partition("|")
    try:
        at = datetime.fromisoformat(moment)
    except ValueError:
        return None
    if not number.isascii() or not number.isdigit() or len(number) > 9 or at.tzinfo is None:
        return None
    return int(number), at


def actions(*elements: Block) -> Block:
    return {"type": "actions", "elements": list(elements[:25])}


def option(text: str, value: str, description: str | None = None) -> Block:
    found: Block = {"text": {"type": "plain_text", "text": cut(text, 75), "emoji": True}, "value": value}
    if description:
        found["description"] = {"type": "plain_text", "text": cut(description, 75), "emoji": True}
    return found


def option_group(label: str, options: list[Block]) -> Block:
    """A labelled group of a select's options (at most 100 in a group)."""
    return {"label": {"type": "plain_text", "text": cut(label, 75), "emoji": True}, "options": options[:100]}


def input_block(block_id: str, label: str, element: Block, optional: bool = False, hint: str | None = None) -> Block:
    block = {"type": "input", "block_id": block_id, "optional": optional, "element": element,
             "label": {"type": "plain_text", "text": cut(label, 2000), "emoji": True}}
    if hint:
        block["hint"] = {"type": "plain_text", "text": cut(hint, 2000), "emoji": True}
    return block


def modal(callback_id: str, title: str, submit: str, close: str, blocks: list[Block],
          private_metadata: str = "") -> Block:
    return {
        "type": "modal", "callback_id": callback_id,
        "title": {"type": "plain_text", "text": cut(title, 24), "emoji": True},
        "submit": {"type": "plain_text", "text": cut(submit, 24), "emoji": True},
        "close": {"type": "plain_text", "text": cut(close, 24), "emoji": True},
        "blocks": blocks[:VIEW_BLOCK_LIMIT], "private_metadata": private_metadata[:METADATA_LIMIT],
    }
