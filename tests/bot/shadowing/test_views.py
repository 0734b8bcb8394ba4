"""The pair's message once the pairing is closed (issue 15), in both languages."""

from __future__ import annotations

import pytest

from bot.people import Side
from bot.shadowing.models import PairingInfo
from bot.shadowing.views import pair_closed


def closed(status: str) -> PairingInfo:
    return PairingInfo(id=1, round_number=3, host_id="UHOST", visitor_id="UVISIT", host_side=Side.IT, status=status,
                       channel_id="G1", surprise="Long checklists", idea=None, closed_by="UVISIT")


@pytest.mark.parametrize(("lang", "status", "said"), [
    ("en", "done", "<@UVISIT> shared the learnings of this round."),
    ("en", "skipped", "<@UVISIT> skipped this round."),
    ("es", "done", "<@UVISIT> compartió los aprendizajes de esta ronda."),
    ("es", "skipped", "<@UVISIT> omitió esta ronda."),
])
def test_a_closed_pair_message_says_who_closed_it_and_has_no_buttons(lang, status, said):
    msg = pair_closed(lang, closed(status))
    assert said in msg.text
    assert all(block["type"] != "actions" for block in msg.blocks)
    assert "<@UVISIT>" in msg.blocks[0]["text"]["text"] and "<@UHOST>" in msg.blocks[0]["text"]["text"]
