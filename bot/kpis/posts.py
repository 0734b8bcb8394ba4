"""What follows a logged KPI value, the KPI chart, and the daily reminder to log values that are due.

The chart is drawn with matplotlib and shared in the person's DM with Alinea (`bot.deliveries.share_file`). A chart
that can't be drawn or sent is logged and skipped; the KPI's numbers were already shown."""

from __future__ import annotations

import logging
from datetime import datetime

from bot.dates import EARLIEST_DAY
from bot.deliveries import each, finish_round, post_once, round_finished, share_file
from bot.deps import Deps
from bot.home import posts as home_posts
from bot.i18n import Language, t
from bot.kpis import service as kpis
from bot.kpis import views as kpi_views
from bot.kpis.charts import kpi_chart
from bot.kpis.models import KpiInfo, KpiReminder
from bot.local_times import daily_due
from bot.notifications import service as notices
from bot.notifications.models import NoticeKind

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
                        t(lang, "kpi.chart_target", target=kpi_views.value_text(lang, kpi, kpi.target)),
                        lambda number: kpi_views.value_text(lang, kpi, number), lang, kpi.unit)
        share_file(deps, user_id, png, f"{kpi.slug}.png", kpi_views.chart_title(kpi),
                   kpi_views.chart_alt(lang, kpi, points), kpi_views.chart_comment(lang, kpi))
        return True
    except Exception:
        log.exception("could not draw or send the chart of %s", kpi.slug)
        return False


def reminder_job_id(team_id: str) -> str:
    return f"kpi-reminders:{team_id}"


def _reminded_job(team_id: str, user_id: str) -> str:
    """Marks of which KPI a leader was reminded of in which cadence period: (job, `*round*`, `2026-W48|slug`)."""
    return f"kpi-reminded:{team_id}:{user_id}"


def send_reminders(deps: Deps, now: datetime) -> int:
    """The KPI reminders due now: at the workspace's reminder time in each leader's own time zone, each leader of a
    side owning KPIs whose value is due and missing gets one DM listing those not yet reminded of in their cadence
    period (week or month), never two the same local day. Returns how many were sent by this call (the scheduler
    calls it every minute).

    The DM is claimed per (job, leader, day) like every scheduled send; once it is out, each KPI it listed is marked
    for the leader and the KPI's period, so the next days of that period leave it out and the next period brings
    it back while it is still missing."""
    days = daily_due(deps, kpis.leaders(deps.db), reminder_job_id, now)

    def send(reminder: KpiReminder) -> bool:
        today = days[(reminder.team_id, reminder.user_id)][0]
        marks = _reminded_job(reminder.team_id, reminder.user_id)
        if not notices.wanted(deps.db, reminder.team_id, reminder.user_id, NoticeKind.KPIS, now):
            return False
        due = [k for k in reminder.kpis if not round_finished(deps.db, marks, _mark(reminder, k))]
        if not due:
            return False
        msg = kpi_views.reminder(deps.directory.language(reminder.user_id), due, today)
        sent = post_once(deps, reminder_job_id(reminder.team_id), reminder.user_id, today.isoformat(), now, msg)
        if sent:
            for kpi in due:
                finish_round(deps.db, marks, _mark(reminder, kpi), now)
        return sent

    return each(deps, kpis.reminders(deps.db, days) if days else [], send, "the KPI reminder",
                team=lambda r: r.team_id, who=lambda r: r.user_id)


def _mark(reminder: KpiReminder, kpi: KpiInfo) -> str:
    return f"{reminder.periods[kpi.slug]}|{kpi.slug}"
