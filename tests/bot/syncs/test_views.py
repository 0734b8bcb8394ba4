"""A sync's rhythm as its messages say it (bot/syncs/views.py): "every week", "every 2 weeks", in both languages."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from bot.syncs.models import SyncInfo
from bot.syncs.views import listing, scheduled


def sync(every_weeks: int) -> SyncInfo:
    return SyncInfo(id=1, team_id="T1", number=3, name="CIO–CMO", anchor=date(2026, 12, 3), at=time(16, 0),
                    every_weeks=every_weeks, timezone="UTC", participants=["UANA", "ULUIS"], channel_id=None,
                    remind_hours=24, created_by="UANA", cancelled=False)


NEXT = datetime(2026, 12, 3, 16, tzinfo=UTC)


@pytest.mark.parametrize(("lang", "every", "when"), [
    ("en", 1, "every week on Thu at 16:00 (UTC)"),
    ("en", 2, "every 2 weeks on Thu at 16:00 (UTC)"),
    ("en", 12, "every 12 weeks on Thu at 16:00 (UTC)"),
    ("es", 1, "cada semana el jue a las 16:00 (UTC)"),
    ("es", 2, "cada 2 semanas el jue a las 16:00 (UTC)"),
    ("es", 12, "cada 12 semanas el jue a las 16:00 (UTC)"),
])
def test_the_rhythm_reads_right_for_one_week_and_for_more(lang, every, when):
    assert scheduled(lang, sync(every), NEXT, "UTC").text.endswith(f"{when}.")
    assert when in listing(lang, [(sync(every), NEXT)], "UTC").blocks[1]["text"]["text"]
