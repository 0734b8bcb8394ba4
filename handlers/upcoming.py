"""Commands declared in the manifest whose features are not built yet: they show their usage and say so."""

from __future__ import annotations

from slack_bolt import Ack, App, Respond

from bot.app import Deps
from bot.ids import Command
from bot.parsing import is_help
from bot.views import help as help_views
from handlers.replies import answering, language, reply

UPCOMING = (Command.DIGEST,)


def register(app: App, deps: Deps) -> None:
    def usage_command(ack: Ack, command: dict, respond: Respond) -> None:
        ack()
        with answering(deps, command["user_id"], respond):
            note = None if is_help(command.get("text", "")) else "feature.not_yet"
            reply(respond, help_views.usage(language(deps, command["user_id"]), command["command"], note))

    for name in UPCOMING:
        app.command(name)(usage_command)
