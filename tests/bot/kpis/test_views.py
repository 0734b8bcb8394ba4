"""The KPI reminder's title (bot/kpis/views.py) counts the KPIs so that it reads right for 1 and for more."""

from __future__ import annotations

from datetime import date

import pytest

from bot.kpis.models import KpiInfo
from bot.kpis.views import reminder

TODAY = date(2026, 11, 26)


def kpi(slug: str) -> KpiInfo:
    return KpiInfo(slug=slug, name=slug.upper(), unit="%", target=3.5, direction="up", owner="marketing",
                   cadence="weekly", archived=False, points=[])


@pytest.mark.parametrize(("lang", "count", "title"), [
    ("en", 1, "1 KPI of your side needs a value"),
    ("en", 2, "2 KPIs of your side need a value"),
    ("es", 1, "1 KPI de tu lado necesita un valor"),
    ("es", 2, "2 KPIs de tu lado necesitan un valor"),
])
def test_the_reminder_title_agrees_with_the_number_of_kpis(lang, count, title):
    msg = reminder(lang, [kpi(f"kpi-{n}") for n in range(count)], TODAY)
    assert msg.text == title
