"""`/kpi`, the Define KPI and Log KPI modals, the Show buttons of KPI lists, and the buttons saying which reading of
an ambiguous value was meant."""

from __future__ import annotations

import re
from datetime import date
from typing import assert_never

from slack_bolt import Ack, App

from bot import help
from bot.blocks import Message
from bot.deps import Deps
from bot.ids import Action, Command, View
from bot.kpis import forms as kpi_forms
from bot.kpis import posts as kpi_posts
from bot.kpis import service as kpis
from bot.kpis import views as kpi_views
from bot.kpis.models import DefineResult, KpiDefinition, KpiEntry, LogResult
from bot.kpis.parsing import KpiArchive, KpiDefineModal, KpiHelp, KpiList, KpiRequest, KpiShow, parse_kpi
from bot.people import Actor
from handlers.intake import Job, Rest, parsed_or_raise, take, take_submission, work

_VALUE_CHOICE = re.compile(rf"^{Action.KPI_VALUE_CHOICE.value}_[12]$")


def register(app: App, deps: Deps) -> None:
    @app.command(Command.KPI)
    def kpi_command(ack: Ack, body: dict) -> None:
        take(deps, ack, "kpi:command", body, urgent=True)

    @app.action(Action.KPI_SHOW)
    def show_button(ack: Ack, body: dict) -> None:
        take(deps, ack, "kpi:show_button", body, record=False)

    @app.action(_VALUE_CHOICE)
    def value_chosen(ack: Ack, body: dict) -> None:
        take(deps, ack, "kpi:value_chosen", body)

    @app.view(View.KPI_DEFINE)
    def define_submitted(ack: Ack, body: dict) -> None:
        take_submission(deps, ack, "kpi:define_submitted", body, _define_from_modal, "name")

    @app.view(View.KPI_LOG)
    def log_submitted(ack: Ack, body: dict) -> None:
        take_submission(deps, ack, "kpi:log_submitted", body, _log_from_modal, "value")


@work("kpi:command")
def _command(deps: Deps, job: Job) -> Rest | None:
    actor = job.actor()
    parsed = parsed_or_raise(parse_kpi(job.payload.get("text", ""), actor.reading(deps.clock.now())))
    if isinstance(parsed, KpiDefineModal):
        job.open_modal(kpi_views.define_modal(actor.language))
        return None
    return lambda: job.reply(_run(deps, job, actor, parsed))


@work("kpi:show_button")
def _show_button(deps: Deps, job: Job) -> None:
    job.reply(_show(deps, job.actor(), job.action_value))


@work("kpi:value_chosen")
def _value_chosen(deps: Deps, job: Job) -> None:
    """A reading of an ambiguous value was chosen: logged under the key of the request that asked, so the other
    button, or this one again, logs nothing more; the question is replaced by what was logged."""
    actor, now = job.actor(), deps.clock.now()
    entry, request_key = parsed_or_raise(kpi_forms.chosen_entry(_choice_key(deps), job.action_value, actor.user_id))
    job.change_key = request_key
    result = kpis.log(deps.db, actor, entry, now, key=request_key or job.key)
    kpi_posts.logged(deps, actor.team_id, actor.user_id)
    job.respond(replace_original=True, **kpi_views.logged(actor.language, result, actor.today(now)).as_kwargs())


def _define_from_modal(job: Job) -> DefineResult:
    draft = parsed_or_raise(kpi_forms.definition(job.view_values, job.actor().language))
    return kpis.define(job.deps.db, job.actor(), draft, job.deps.clock.now(), key=job.key)


@work("kpi:define_submitted")
def _define_submitted(deps: Deps, job: Job) -> None:
    job.reply(kpi_views.defined(job.actor().language, _define_from_modal(job)))


def _log_from_modal(job: Job) -> LogResult:
    entry = parsed_or_raise(kpi_forms.entry(job.view_values, job.actor().language))
    return kpis.log(job.deps.db, job.actor(), entry, job.deps.clock.now(), key=job.key)


@work("kpi:log_submitted")
def _log_submitted(deps: Deps, job: Job) -> None:
    actor, result = job.actor(), _log_from_modal(job)
    kpi_posts.logged(deps, actor.team_id, actor.user_id)
    job.reply(kpi_views.logged(actor.language, result, actor.today(deps.clock.now())))


def _run(deps: Deps, job: Job, actor: Actor, parsed: KpiRequest) -> Message:
    now = deps.clock.now()
    today = actor.today(now)
    match parsed:
        case KpiHelp():
            return help.usage(actor.language, Command.KPI)
        case KpiList():
            return kpi_views.listing(actor.language, kpis.listing(deps.db, actor.team_id, now), today)
        case KpiDefinition():
            return kpi_views.defined(actor.language, kpis.define(deps.db, actor, parsed, now, key=job.key))
        case KpiEntry():
            try:
                result = kpis.log(deps.db, actor, parsed, now, key=job.key)
            except kpis.AmbiguousValue as ambiguous:
                return _value_question(deps, job, actor, ambiguous, today)
            kpi_posts.logged(deps, actor.team_id, actor.user_id)
            return kpi_views.logged(actor.language, result, today)
        case KpiShow(slug=slug):
            return _show(deps, actor, slug)
        case KpiArchive(slug=slug):
            return kpi_views.archived(actor.language, kpis.archive(deps.db, actor, slug, now, key=job.key))
        case _:
            assert_never(parsed)


def _value_question(deps: Deps, job: Job, actor: Actor, ambiguous: kpis.AmbiguousValue, today: date) -> Message:
    """Nothing is logged: the person is asked which reading they meant, with a button logging each."""
    values = kpi_forms.choice_values(_choice_key(deps), actor.user_id, job.key, ambiguous.entry, ambiguous.readings,
                                     today)
    return kpi_views.value_choice(actor.language, ambiguous.entry.slug, ambiguous.params, values)


def _choice_key(deps: Deps) -> bytes:
    return deps.settings.key_for(kpi_forms.CHOICE_KEY_PURPOSE)


def _show(deps: Deps, actor: Actor, slug: str) -> Message:
    """The KPI's numbers, with its chart sent to the person's DM when it could be drawn and uploaded."""
    now = deps.clock.now()
    kpi = kpis.show(deps.db, actor.team_id, slug, now)
    sent = kpi_posts.send_chart(deps, actor.user_id, actor.language, kpi)
    note = "kpi.chart_sent" if sent else ("kpi.chart_unavailable" if kpi.points else None)
    return kpi_views.detail(actor.language, kpi, actor.today(now), note)
