"""Small Block Kit builders and the `Message` every view returns. Texts are cut to Slack's limits here,
so no view can produce a block Slack would refuse."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

Block = dict[str, Any]

SECTION_TEXT_LIMIT = 3000
HEADER_TEXT_LIMIT = 150
CONTEXT_TEXT_LIMIT = 2000
FALLBACK_TEXT_LIMIT = 4000
MESSAGE_BLOCK_LIMIT = 50
VIEW_BLOCK_LIMIT = 100  # a modal or the Home tab
INPUT_TEXT_LIMIT = 3000  # a plain_text_input's max_length
METADATA_LIMIT = 3000  # a view's private_metadata
ERROR_TEXT_LIMIT = 150  # a modal input's error (response_action=errors)


class Message(BaseModel):
    """A message as Slack takes it: fallback `text` for notifications plus `blocks`."""

    text: str
    blocks: list[Block] = Field(default_factory=list)

    def as_kwargs(self) -> dict[str, Any]:
        return {"text": self.text, "blocks": self.blocks}


def cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def header(text: str) -> Block:
    return {"type": "header", "text": {"type": "plain_text", "text": cut(text, HEADER_TEXT_LIMIT), "emoji": True}}


def section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": cut(text, SECTION_TEXT_LIMIT)}}


def context(*texts: str) -> Block:
    return {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": cut(t, CONTEXT_TEXT_LIMIT)} for t in texts[:10]],
    }


def divider() -> Block:
    return {"type": "divider"}


def message(text: str, blocks: list[Block]) -> Message:
    return Message(text=cut(text, FALLBACK_TEXT_LIMIT), blocks=blocks[:MESSAGE_BLOCK_LIMIT])


def fields(*pairs: tuple[str, str]) -> Block:
    """A section of up to ten `*label*\\nvalue` fields."""
    return {"type": "section",
            "fields": [{"type": "mrkdwn", "text": cut(f"*{label}*\n{value}", 2000)} for label, value in pairs[:10]]}


def button(text: str, action_id: str, value: str, style: str | None = None) -> Block:
    element: Block = {"type": "button", "text": {"type": "plain_text", "text": cut(text, 75), "emoji": True},
                      "action_id": action_id, "value": value[:2000]}
    if style:
        element["style"] = style
    return element


def actions(*elements: Block) -> Block:
    return {"type": "actions", "elements": list(elements[:25])}


def option(text: str, value: str) -> Block:
    return {"text": {"type": "plain_text", "text": cut(text, 75), "emoji": True}, "value": value}


def input_block(block_id: str, label: str, element: Block, optional: bool = False) -> Block:
    return {"type": "input", "block_id": block_id, "optional": optional, "element": element,
            "label": {"type": "plain_text", "text": cut(label, 2000), "emoji": True}}


def modal(callback_id: str, title: str, submit: str, close: str, blocks: list[Block],
          private_metadata: str = "") -> Block:
    return {
        "type": "modal", "callback_id": callback_id,
        "title": {"type": "plain_text", "text": cut(title, 24), "emoji": True},
        "submit": {"type": "plain_text", "text": cut(submit, 24), "emoji": True},
        "close": {"type": "plain_text", "text": cut(close, 24), "emoji": True},
        "blocks": blocks[:VIEW_BLOCK_LIMIT], "private_metadata": private_metadata[:METADATA_LIMIT],
    }
