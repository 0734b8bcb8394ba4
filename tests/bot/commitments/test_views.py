"""The daily commitment reminder as Block Kit (bot/commitments/views.py): its title counts each kind of commitment
so that it reads right for 0, 1 and 2 of them, in both languages."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.commitments.models import CommitmentInfo, CommitmentStatus
from bot.commitments.views import line, reminder
from bot.people import Side

TODAY = date(2026, 11, 26)  # a Thursday


def commitment(number: int, due: date) -> CommitmentInfo:
    return CommitmentInfo(number=number, owner_id="UOWNER", side=Side.IT, text=f"Task {number}", due_date=due,
                          status=CommitmentStatus.OPEN, kept=None, created_at=datetime(2026, 11, 1, tzinfo=UTC),
                          done_at=None)


def items(overdue: int, today: int, tomorrow: int) -> list[CommitmentInfo]:
    days = [TODAY - timedelta(days=2)] * overdue + [TODAY] * today + [TODAY + timedelta(days=1)] * tomorrow
    return [commitment(n, due) for n, due in enumerate(days, start=1)]


@pytest.mark.parametrize(("lang", "counts", "title"), [
    ("en", (1, 0, 0), "Your commitments: 1 overdue"),
    ("en", (2, 1, 0), "Your commitments: 2 overdue, 1 due today"),
    ("en", (0, 2, 1), "Your commitments: 2 due today, 1 due tomorrow"),
    ("en", (0, 0, 2), "Your commitments: 2 due tomorrow"),
    ("es", (1, 0, 0), "Tus compromisos: 1 vencido"),
    ("es", (2, 1, 0), "Tus compromisos: 2 vencidos, 1 vence hoy"),
    ("es", (0, 2, 1), "Tus compromisos: 2 vencen hoy, 1 vence mañana"),
    ("es", (0, 0, 2), "Tus compromisos: 2 vencen mañana"),
])
def test_the_reminder_title_counts_each_kind_in_words_that_agree(lang, counts, title):
    """A kind with none is left out (0 is never said); 1 and 2 take their own forms."""
    msg = reminder(lang, items(*counts), TODAY)
    assert msg.text == title
    assert msg.blocks[0]["text"]["text"] == f":alarm_clock: *{title}*"


@pytest.mark.parametrize(("lang", "said"), [("en", "overdue"), ("es", "vencido")])
def test_an_overdue_commitment_is_marked_in_its_own_gender(lang, said):
    """"vencido" (un compromiso), not the ask's "vencida"."""
    row = line(lang, commitment(7, TODAY - timedelta(days=3)), TODAY)
    assert row.endswith(f" · {said}*")
    [text] = [b["text"]["text"] for b in reminder(lang, items(1, 0, 0), TODAY).blocks if "accessory" in b]
    assert f" · {said}*" in text
