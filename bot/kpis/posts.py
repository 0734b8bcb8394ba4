"""The KPI chart: drawn with matplotlib and sent to the person's DM with Alinea through Slack's file upload API
(files.getUploadURLExternal, then files.completeUploadExternal). A chart that can't be drawn or sent is
logged and skipped; the KPI's numbers were already shown."""

from __future__ import annotations

import logging

from bot.app import Deps
from bot.kpis.charts import kpi_chart
from bot.i18n import t
from bot.kpis.service import KpiInfo
from bot.people import Language
from bot.kpis import views as kpi_views

log = logging.getLogger(__name__)


def send_chart(deps: Deps, user_id: str, lang: Language, kpi: KpiInfo) -> bool:
    """True when the chart reached the person's DM."""
    if not kpi.points:
        return False
    try:
        png = kpi_chart([(p.measured_on, p.value) for p in kpi.points], kpi.target, kpi.name,
                        t(lang, "kpi.chart_target", target=kpi.show(kpi.target)), kpi.show)
        channel = deps.client.conversations_open(users=user_id)["channel"]["id"]
        deps.client.files_upload_v2(channel=channel, file=png, filename=f"{kpi.slug}.png", title=kpi.name,
                                    initial_comment=kpi_views.chart_comment(lang, kpi))
        return True
    except Exception:
        log.exception("could not draw or send the chart of %s", kpi.slug)
        return False
