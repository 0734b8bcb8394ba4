"""App Home: published when opened; its New ask and Log KPI buttons (the modals belong to asks and KPIs)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot.deps import Deps
from bot.home import posts as home_posts
from bot.ids import Action, Event
from bot.kpis import service as kpis
from bot.kpis import views as kpi_views
from handlers.asks import new_ask_modal
from handlers.replies import Decision, actor_of, later, modal_or_reply


def register(app: App, deps: Deps) -> None:
    @app.event(Event.APP_HOME_OPENED)
    def home_opened(event: dict, context: BoltContext) -> None:
        if event.get("tab", "home") != "home":
            return

        @later(deps, event["user"])
        def work() -> None:
            home_posts.publish(deps, context.team_id or "", event["user"])

    @app.action(Action.HOME_NEW_ASK)
    def new_ask(ack: Ack, body: dict, client: Any) -> None:
        ack()

        def decide() -> Decision:
            return new_ask_modal(deps, actor_of(deps, body), None)

        modal_or_reply(deps, client, body["user"]["id"], None, body["trigger_id"], decide)

    @app.action(Action.HOME_LOG_KPI)
    def log_kpi(ack: Ack, body: dict, client: Any) -> None:
        ack()

        def decide() -> Decision:
            actor = actor_of(deps, body)
            active = kpis.listing(deps.db, actor.team_id, deps.clock.now())
            return kpi_views.log_modal(actor.language, active) if active else kpi_views.no_kpis_modal(actor.language)

        modal_or_reply(deps, client, body["user"]["id"], None, body["trigger_id"], decide)
