"""`/kpi`, the Define KPI and Log KPI modals, and the Show buttons of KPI lists."""

from __future__ import annotations

from typing import Any, assert_never

from slack_bolt import Ack, App, Respond

from bot import help
from bot.blocks import Message
from bot.deps import Deps
from bot.ids import Action, Command, View
from bot.kpis import forms as kpi_forms
from bot.kpis import posts as kpi_posts
from bot.kpis import service as kpis
from bot.kpis import views as kpi_views
from bot.kpis.models import KpiDefinition, KpiEntry
from bot.kpis.parsing import KpiArchive, KpiDefineModal, KpiHelp, KpiList, KpiRequest, KpiShow, parse_kpi
from bot.people import Actor
from handlers.replies import (
    Decision,
    actor_of,
    command_actor,
    later,
    modal_or_reply,
    parsed_or_raise,
    submitted,
    tell,
)


def register(app: App, deps: Deps) -> None:
    @app.command(Command.KPI)
    def kpi_command(ack: Ack, command: dict, respond: Respond, client: Any) -> None:
        ack()

        def decide() -> Decision:
            actor = command_actor(deps, command)
            parsed = parsed_or_raise(parse_kpi(command.get("text", ""), actor.today(deps.clock.now())))
            if isinstance(parsed, KpiDefineModal):
                return kpi_views.define_modal(actor.language)
            return lambda: _run(deps, actor, parsed)

        modal_or_reply(deps, client, command["user_id"], respond, command["trigger_id"], decide)

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
        result = submitted(ack, actor, "name", lambda: kpis.define(
            deps.db, actor, parsed_or_raise(kpi_forms.definition(view["state"]["values"])), deps.clock.now()))
        if result is None:
            return

        @later(deps, actor.user_id)
        def work() -> None:
            tell(deps, actor.user_id, None, kpi_views.defined(actor.language, result))

    @app.view(View.KPI_LOG)
    def log_submitted(ack: Ack, body: dict, view: dict) -> None:
        actor, now = actor_of(deps, body), deps.clock.now()
        result = submitted(ack, actor, "value", lambda: kpis.log(
            deps.db, actor, parsed_or_raise(kpi_forms.entry(view["state"]["values"])), now))
        if result is None:
            return

        @later(deps, actor.user_id)
        def work() -> None:
            kpi_posts.logged(deps, actor.team_id, actor.user_id)
            tell(deps, actor.user_id, None, kpi_views.logged(actor.language, result, actor.today(now)))


def _run(deps: Deps, actor: Actor, parsed: KpiRequest) -> Message:
    now = deps.clock.now()
    today = actor.today(now)
    match parsed:
        case KpiHelp():
            return help.usage(actor.language, Command.KPI)
        case KpiList():
            return kpi_views.listing(actor.language, kpis.listing(deps.db, actor.team_id, now), today)
        case KpiDefinition():
            return kpi_views.defined(actor.language, kpis.define(deps.db, actor, parsed, now))
        case KpiEntry():
            result = kpis.log(deps.db, actor, parsed, now)
            kpi_posts.logged(deps, actor.team_id, actor.user_id)
            return kpi_views.logged(actor.language, result, today)
        case KpiShow(slug=slug):
            return _show(deps, actor, slug)
        case KpiArchive(slug=slug):
            return kpi_views.archived(actor.language, kpis.archive(deps.db, actor, slug, now))
        case _:
            assert_never(parsed)


def _show(deps: Deps, actor: Actor, slug: str) -> Message:
    """The KPI's numbers, with its chart sent to the person's DM when it could be drawn and uploaded."""
    now = deps.clock.now()
    kpi = kpis.show(deps.db, actor.team_id, slug, now)
    sent = kpi_posts.send_chart(deps, actor.user_id, actor.language, kpi)
    note = "kpi.chart_sent" if sent else ("kpi.chart_unavailable" if kpi.points else None)
    return kpi_views.detail(actor.language, kpi, actor.today(now), note)
