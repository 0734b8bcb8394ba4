"""A workspace leaving: `app_uninstalled` and `tokens_revoked` stop every send and job for it (its records stay)."""

from __future__ import annotations

from slack_bolt import Ack, App

from bot.deps import Deps
from bot.ids import Event
from handlers.intake import Job, take, work


def register(app: App, deps: Deps) -> None:
    @app.event(Event.APP_UNINSTALLED)
    def app_uninstalled(ack: Ack, body: dict) -> None:
        take(deps, ack, "workspace:uninstalled", body)

    @app.event(Event.TOKENS_REVOKED)
    def tokens_revoked(ack: Ack, body: dict) -> None:
        take(deps, ack, "workspace:tokens_revoked", body)


@work("workspace:uninstalled")
def _uninstalled(deps: Deps, job: Job) -> None:
    deps.installs.uninstalled(job.team_id)
    deps.replan()


@work("workspace:tokens_revoked")
def _tokens_revoked(deps: Deps, job: Job) -> None:
    """Only the bot's token matters: Alinea holds no person's token."""
    tokens = (job.payload.get("event") or {}).get("tokens") or {}
    if tokens.get("bot"):
        _uninstalled(deps, job)
