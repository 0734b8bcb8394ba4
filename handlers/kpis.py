"""`/kpi`, the define modal and the Show buttons of KPI lists."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, Respond

from bot import inputs as forms
from bot.kpis import service as kpis
from bot.app import Deps
from bot.errors import DomainError
from bot.ids import Action, Command, View
from bot.kpis.parsing import KpiArchive, KpiDefine, KpiDefineModal, KpiHelp, KpiList, KpiLog, KpiShow, parse_kpi
from bot.kpis.posts import send_chart
from bot.people import Actor
from bot import help as help_views
from bot.kpis import views as kpi_views
from bot.blocks import Message
from handlers.replies import actor_of, later, modal_errors, parsed_or_raise, tell


def register(app: App, deps: Deps) -> None:
    @app.command(Command.KPI)
    def kpi_command(ack: Ack, command: dict, respond: Respond, client: Any) -> None:
        ack()

        @later(deps, command["user_id"], respond, opens_modal=True)
        def open_modal() -> None:
            actor = deps.directory.actor(command["team_id"], command["user_id"])
            parsed = parsed_or_raise(parse_kpi(command.get("text", ""), actor.today(deps.clock.now())))
            if isinstance(parsed, KpiDefineModal):
                client.views_open(trigger_id=command["trigger_id"], view=kpi_views.define_modal(actor.language))
                return

            @later(deps, actor.user_id, respond)
            def work() -> None:
                tell(deps, actor.user_id, respond, _run(deps, actor, parsed))

    @app.action(Action.KPI_SHOW)
    def show_button(ack: Ack, body: dict, action: dict, respond: Respond) -> None:
        ack()

        @later(deps, body["user"]["id"], respond)
        def work() -> None:
            actor = actor_of(deps, body)
            tell(deps, actor.user_id, respond, _show(deps, actor, action["value"]))

    @app.view(View.KPI_DEFINE)
    def define_submitted(ack: Ack, body: dict, view: dict) -> None:
        actor = actor_of(deps, body)
        try:
            draft = parsed_or_raise(forms.kpi_draft(view["state"]["values"]))
            result = kpis.define(deps.db, actor, draft, deps.clock.now())
        except DomainError as error:
            ack(response_action="errors", errors=modal_errors(actor, error, "name"))
            return
        ack()

        @later(deps, actor.user_id)
        def work() -> None:
            tell(deps, actor.user_id, None, kpi_views.defined(actor.language, result))


def _run(deps: Deps, actor: Actor, parsed: Any) -> Message:
    now = deps.clock.now()
    today = actor.today(now)
    match parsed:
        case KpiHelp():
            return help_views.usage(actor.language, Command.KPI)
        case KpiList():
            return kpi_views.listing(actor.language, kpis.listing(deps.db, actor.team_id, now), today)
        case KpiDefine():
            draft = kpis.KpiDraft(**parsed.model_dump(exclude={"kind"}))
            return kpi_views.defined(actor.language, kpis.define(deps.db, actor, draft, now))
        case KpiLog(slug=slug, quantity=quantity, on=day, note=note):
            result = kpis.log(deps.db, actor, slug, quantity, day or today, note, now)
            return kpi_views.logged(actor.language, result, today)
        case KpiShow(slug=slug):
            return _show(deps, actor, slug)
        case KpiArchive(slug=slug):
            return kpi_views.archived(actor.language, kpis.archive(deps.db, actor, slug, now))
    raise AssertionError(f"parse_kpi returned {parsed!r}")


def _show(deps: Deps, actor: Actor, slug: str) -> Message:
    """The KPI's numbers, with its chart sent to the person's DM when it could be drawn and uploaded."""
    now = deps.clock.now()
    kpi = kpis.show(deps.db, actor.team_id, slug, now)
    sent = send_chart(deps, actor.user_id, actor.language, kpi)
    note = "kpi.chart_sent" if sent else ("kpi.chart_unavailable" if kpi.points else None)
    return kpi_views.detail(actor.language, kpi, actor.today(now), note)
