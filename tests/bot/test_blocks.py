"""`bot.blocks.defuse`: what people typed notifies only the people it names and links only where it says."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.blocks import context, defuse, fields, header, message, section
from tests.strategies import PROPERTY_SETTINGS


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("Fix it <!channel> now", "Fix it @channel now"),
        ("<!here>", "@here"),
        ("<!here|here>", "@here"),
        ("<!everyone>", "@everyone"),
        ("<!subteam^S1|@all>", "@all"),
        ("<!subteam^S1>", "@subteam"),
        ("<https://evil.example|click>", "<https://evil.example>"),
        ("<https://evil.example|https://good.example>", "<https://evil.example>"),
        ("<javascript:alert(1)|x>", "&lt;javascript:alert(1)|x&gt;"),
        ("<foo>", "&lt;foo&gt;"),
        ("<<>>", "&lt;&lt;&gt;>"),
        ("<!channel", "&lt;!channel"),
        # kept: people, channels, dates, plain links, links whose label is their address, links into Slack
        ("<@U1|sam> and <@W2>", "<@U1|sam> and <@W2>"),
        ("<#C1|general> <#G2>", "<#C1|general> <#G2>"),
        ("<!date^1700000000^{date_short}|2023-11-14>", "<!date^1700000000^{date_short}|2023-11-14>"),
        ("<https://example.com>", "<https://example.com>"),
        ("<http://example.com|example.com>", "<http://example.com|example.com>"),
        ("<mailto:a@b.example|a@b.example>", "<mailto:a@b.example|a@b.example>"),
        ("<https://acme.slack.com/archives/C1/p1|this message>", "<https://acme.slack.com/archives/C1/p1|this message>"),
        ("<https://slack.com.evil.example/x|this message>", "<https://slack.com.evil.example/x>"),
        # what Slack escaped stays as typed
        ("a &lt;!channel&gt; b", "a &lt;!channel&gt; b"),
    ],
)
def test_defuse(typed: str, shown: str) -> None:
    assert defuse(typed) == shown


@PROPERTY_SETTINGS
@given(st.text(alphabet=st.sampled_from(list("<>!|@^#:/ abcUCS1&;")), max_size=40))
def test_defuse_is_idempotent_and_leaves_no_broadcast(text: str) -> None:
    once = defuse(text)
    assert defuse(once) == once
    assert re.search(r"<!(?!date\^)[^<>]*>", once) is None  # a `<!` never closed is text to Slack


def test_every_builder_defuses() -> None:
    typed = "<!channel> <https://evil.example|click>"
    built = [section(typed), context(typed), fields(("x", typed)), header(typed), message(typed, []).model_dump()]
    assert all("<!channel>" not in str(b) and "evil.example|" not in str(b) for b in built)
