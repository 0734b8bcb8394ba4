"""What follows a logged KPI value, and the KPI chart: drawn with matplotlib and sent to the person's DM with
Alinea through Slack's file upload API (files.getUploadURLExternal, then files.completeUploadExternal). A chart that
can't be drawn or sent is logged and skipped; the KPI's numbers were already shown."""

from __future__ import annotations

import logging

from bot.dates import EARLIEST_DAY
from bot.deps import Deps
from bot.home import posts as home_posts
from bot.i18n import Language, t
from bot.kpis import views as kpi_views
from bot.kpis.charts import kpi_chart
from bot.kpis.models import KpiInfo

log = logging.getLogger(__name__)


def logged(deps: Deps, team_id: str, actor_id: str) -> None:
    """A value was logged (from `/kpi log` or the Home's Log KPI): the Home of whoever logged it."""
    home_posts.refresh(deps, team_id, actor_id)


def send_chart(deps: Deps, user_id: str, lang: Language, kpi: KpiInfo) -> bool:
    """True when the chart reached the person's DM."""
    # values dated before EARLIEST_DAY could be typed before dates had a range; a chart can't draw year 1
    points = [(p.measured_on, p.value) for p in kpi.points if p.measured_on >= EARLIEST_DAY]
    if not points:
        return False
    try:
        png = kpi_chart(points, kpi.target, kpi.name,
                        t(lang, "kpi.chart_target", target=kpi.show(kpi.target)), kpi.show)
        channel = deps.client.conversations_open(users=user_id)["channel"]["id"]
        deps.client.files_upload_v2(channel=channel, file=png, filename=f"{kpi.slug}.png", title=kpi_views.chart_title(kpi),
                                    initial_comment=kpi_views.chart_comment(lang, kpi))
        return True
    except Exception:
        log.exception("could not draw or send the chart of %s", kpi.slug)
        return False
