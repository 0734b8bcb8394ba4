"""App Home: published when opened; its New ask and Log KPI buttons and the Log KPI modal."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond

from bot import inputs as forms
from bot.home import posts as home_posts
from bot.kpis import service as kpis
from bot.app import Deps
from bot.errors import DomainError
from bot.ids import Action, Event, View
from bot.asks import views as ask_views
from bot.home import views as home_views
from bot.kpis import views as kpi_views
from handlers.asks import _other_side
from handlers.replies import actor_of, later, modal_errors, parsed_or_raise, tell


def register(app: App, deps: Deps) -> None:
    @app.event(Event.APP_HOME_OPENED)
    def home_opened(event: dict, context: BoltContext) -> None:
        if event.get("tab", "home") != "home":
            return

        @later(deps, event["user"])
        def work() -> None:
            home_posts.publish(deps, context.team_id or "", event["user"])

    @app.action(Action.HOME_NEW_ASK)
    def new_ask(ack: Ack, body: dict, client: Any, respond: Respond | None = None) -> None:
        ack()

        @later(deps, body["user"]["id"], opens_modal=True)
        def open_modal() -> None:
            actor = actor_of(deps, body)
            prefill = ask_views.ModalPrefill(channel_id=None, to_side=_other_side(deps, actor))
            client.views_open(trigger_id=body["trigger_id"], view=ask_views.new_ask_modal(actor.language, prefill))

    @app.action(Action.HOME_LOG_KPI)
    def log_kpi(ack: Ack, body: dict, client: Any) -> None:
        ack()

        @later(deps, body["user"]["id"], opens_modal=True)
        def open_modal() -> None:
            actor = actor_of(deps, body)
            active = kpis.listing(deps.db, actor.team_id, deps.clock.now())
            view = home_views.log_kpi_modal(actor.language, active) if active else home_views.no_kpis_modal(
                actor.language)
            client.views_open(trigger_id=body["trigger_id"], view=view)

    @app.view(View.KPI_LOG)
    def kpi_logged(ack: Ack, body: dict, view: dict) -> None:
        actor, now = actor_of(deps, body), deps.clock.now()
        try:
            slug, quantity, note = parsed_or_raise(forms.kpi_value(view["state"]["values"]))
            result = kpis.log(deps.db, actor, slug, quantity, actor.today(now), note, now)
        except DomainError as error:
            ack(response_action="errors", errors=modal_errors(actor, error, "value"))
            return
        ack()

        @later(deps, actor.user_id)
        def work() -> None:
            tell(deps, actor.user_id, None, kpi_views.logged(actor.language, result, actor.today(now)))
            home_posts.refresh(deps, actor.team_id, actor.user_id)
