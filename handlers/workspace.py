"""The workspace's settings: the Change settings button (of `/alinea settings`) and App Home's Settings button,
which open the settings modal, and its submission. `/alinea settings` itself is in handlers/teams.py."""

from __future__ import annotations

from slack_bolt import Ack, App

from bot.deps import Deps
from bot.ids import Action, View
from bot.workspace import forms as settings_forms
from bot.workspace import posts as settings_posts
from bot.workspace import service as workspace
from bot.workspace import views as settings_views
from bot.workspace.models import SettingsChanged
from handlers.intake import Job, parsed_or_raise, take, take_submission, work


def register(app: App, deps: Deps) -> None:
    @app.action(Action.SETTINGS_OPEN)
    def open_button(ack: Ack, body: dict) -> None:
        take(deps, ack, "settings:open_button", body, urgent=True, record=False)

    @app.view(View.SETTINGS)
    def submitted(ack: Ack, body: dict) -> None:
        take_submission(deps, ack, "settings:submitted", body, _change_from_modal, "timezone")


@work("settings:open_button")
def _open_button(deps: Deps, job: Job) -> None:
    """The settings modal, for admins (anyone else is told who may change them)."""
    actor = job.actor()
    shown = workspace.shown(deps.db, actor, deps.settings, deps.clock.now())
    job.open_modal(settings_views.settings_modal(actor.language, shown))


def _change_from_modal(job: Job) -> SettingsChanged:
    change = parsed_or_raise(settings_forms.settings(job.view_values))
    return workspace.change(job.deps.db, job.actor(), change, job.deps.settings, job.deps.clock.now(), key=job.key)


@work("settings:submitted")
def _submitted(deps: Deps, job: Job) -> None:
    result = _change_from_modal(job)
    settings_posts.changed(deps, job.actor(), result)
    job.reply(settings_views.changed(job.actor().language, result))  # read again: the language may be new
