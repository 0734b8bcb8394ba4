"""Bolt listeners, one module per feature, each exposing `register(app, deps)`."""

from __future__ import annotations

from slack_bolt import App

from bot.deps import Deps
from handlers import (
    asks,
    commitments,
    digest,
    errors,
    home,
    installs,
    kpis,
    pulse,
    shadowing,
    syncs,
    teams,
    workflow,
    workspace,
)


def register_all(app: App, deps: Deps) -> None:
    errors.register(app, deps)
    installs.register(app, deps)
    teams.register(app, deps)
    asks.register(app, deps)
    workflow.register(app, deps)
    commitments.register(app, deps)
    kpis.register(app, deps)
    syncs.register(app, deps)
    shadowing.register(app, deps)
    pulse.register(app, deps)
    home.register(app, deps)
    digest.register(app, deps)
    workspace.register(app, deps)
