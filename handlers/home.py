"""App Home: published when opened; its New ask and Log KPI buttons (the modals belong to asks and KPIs); and the
reply to a message typed to the app (its Messages tab)."""

from __future__ import annotations

from slack_bolt import Ack, App

from bot.deps import Deps
from bot.errors import InvalidInput
from bot.home import posts as home_posts
from bot.home.service import kpis_to_log
from bot.ids import Action, Event
from bot.kpis import views as kpi_views
from bot.lexer import parse_side
from bot.teams import posts as team_posts
from bot.teams import service as teams
from bot.teams import views as team_views
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

    @app.event("message")
    def message_typed(ack: Ack, body: dict) -> None:
        # Answered once (recorded for its event_id), and only for a person's own message in their DM with the app:
        # never the app's own messages, other bots', or edits and other subtypes.
        if _typed_to_the_app(body):
            take(deps, ack, "home:message", body)
        else:
            ack()

    @app.action(Action.HOME_NEW_ASK)
    def new_ask(ack: Ack, body: dict) -> None:
        take(deps, ack, "home:new_ask_button", body, urgent=True, record=False)

    @app.action(Action.HOME_LOG_KPI)
    def log_kpi(ack: Ack, body: dict) -> None:
        take(deps, ack, "home:log_kpi_button", body, urgent=True, record=False)

    @app.action(Action.HOME_JOIN)
    def join(ack: Ack, body: dict) -> None:
        take(deps, ack, "home:join_button", body)


def _typed_to_the_app(body: dict) -> bool:
    event = body.get("event") or {}
    app_users = {a.get("user_id") for a in body.get("authorizations") or []}
    return (event.get("channel_type") == "im" and not event.get("subtype") and not event.get("bot_id")
            and bool(event.get("user")) and event.get("user") not in app_users)


@work("home:message")
def _message_typed(deps: Deps, job: Job) -> None:
    event = job.payload.get("event") or {}
    home_posts.answer_message(deps, job.payload.get("team_id", ""), job.user_id, str(event.get("channel", "")),
                              job.key or "", deps.clock.now(), job.resumed)


@work("home:opened")
def _opened(deps: Deps, job: Job) -> None:
    home_posts.publish(deps, job.payload.get("team_id", ""), job.user_id)


@work("home:join_button")
def _join_button(deps: Deps, job: Job) -> None:
    """The welcome's Join Marketing / Join IT: as `/alinea join`, then the Home shows the person's side."""
    actor = job.actor()
    side = parse_side(job.action_value)
    if side is None:
        raise InvalidInput("error.unknown_choice")
    joined = teams.join(deps.db, actor, side, deps.clock.now(), key=job.key)
    team_posts.joined(deps, actor.team_id, joined)
    job.reply(team_views.joined(actor.language, joined))


@work("home:new_ask_button")
def _new_ask_button(deps: Deps, job: Job) -> None:
    job.open_modal(new_ask_modal(deps, job.actor(), None))


@work("home:log_kpi_button")
def _log_kpi_button(deps: Deps, job: Job) -> None:
    actor, now = job.actor(), deps.clock.now()
    loggable = kpis_to_log(deps.db, actor, now)
    job.open_modal(kpi_views.log_modal(actor.language, loggable, actor.today(now)) if loggable
                   else kpi_views.no_kpis_modal(actor.language))
