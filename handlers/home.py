"""App Home: published when opened; its New ask and Log KPI buttons (the modals belong to asks and KPIs)."""

from __future__ import annotations

from slack_bolt import Ack, App

from bot.deps import Deps
from bot.home import posts as home_posts
from bot.ids import Action, Event
from bot.kpis import service as kpis
from bot.kpis import views as kpi_views
from handlers.asks import new_ask_modal
from handlers.intake import Job, take, work


def register(app: App, deps: Deps) -> None:
    @app.event(Event.APP_HOME_OPENED)
    def home_opened(ack: Ack, body: dict) -> None:
        # Recorded for its event_id: Slack's retry of an event that reached us is dropped, one that did not is worked.
        if (body.get("event") or {}).get("tab", "home") == "home":
            take(deps, ack, "home:opened", body)
        else:
            ack()

    @app.action(Action.HOME_NEW_ASK)
    def new_ask(ack: Ack, body: dict) -> None:
        take(deps, ack, "home:new_ask_button", body, urgent=True, record=False)

    @app.action(Action.HOME_LOG_KPI)
    def log_kpi(ack: Ack, body: dict) -> None:
        take(deps, ack, "home:log_kpi_button", body, urgent=True, record=False)


@work("home:opened")
def _opened(deps: Deps, job: Job) -> None:
    home_posts.publish(deps, job.payload.get("team_id", ""), job.user_id)


@work("home:new_ask_button")
def _new_ask_button(deps: Deps, job: Job) -> None:
    job.open_modal(new_ask_modal(deps, job.actor(), None))


@work("home:log_kpi_button")
def _log_kpi_button(deps: Deps, job: Job) -> None:
    actor = job.actor()
    active = kpis.listing(deps.db, actor.team_id, deps.clock.now())
    job.open_modal(kpi_views.log_modal(actor.language, active) if active else kpi_views.no_kpis_modal(actor.language))
