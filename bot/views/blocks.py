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
