"""`/digest`: preview, subscribe, unsubscribe, config."""

from __future__ import annotations

from typing import assert_never

from slack_bolt import Ack, App, Respond

from bot import help
from bot.blocks import Message
from bot.deps import Deps
from bot.digest import posts as digest_posts
from bot.digest import service as digest
from bot.digest import views as digest_views
from bot.digest.parsing import (
    DigestCommand,
    DigestConfig,
    DigestHelp,
    DigestPreview,
    DigestSubscribe,
    DigestUnsubscribe,
    parse_digest,
)
from bot.ids import Command
from bot.people import Actor
from bot.recurrence import next_occurrence
from handlers.replies import command_actor, later, parsed_or_raise, tell


def register(app: App, deps: Deps) -> None:
    @app.command(Command.DIGEST)
    def digest_command(ack: Ack, command: dict, respond: Respond) -> None:
        ack()

        @later(deps, command["user_id"], respond)
        def work() -> None:
            actor = command_actor(deps, command)
            parsed = parsed_or_raise(parse_digest(command.get("text", "")))
            tell(deps, actor.user_id, respond, _run(deps, actor, parsed))


def _run(deps: Deps, actor: Actor, parsed: DigestCommand) -> Message:
    now, lang = deps.clock.now(), actor.language
    match parsed:
        case DigestHelp():
            return help.usage(lang, Command.DIGEST)
        case DigestPreview():
            data = digest.preview(deps.db, actor.team_id, now, deps.settings.alinea_timezone)
            return digest_views.preview(lang, data, actor.timezone)
        case DigestSubscribe():
            digest.subscribe(deps.db, actor, now)
            digest_posts.rhythm_changed(deps)
            return digest_views.said(lang, "digest_cmd.subscribed")
        case DigestUnsubscribe():
            digest.unsubscribe(deps.db, actor, now)
            return digest_views.said(lang, "digest_cmd.unsubscribed")
        case DigestConfig(weekday=weekday, at=at, timezone=zone, channel_id=channel):
            settings = digest.configure(deps.db, actor, weekday, at, zone, channel, now)
            digest_posts.rhythm_changed(deps)
            return digest_views.configured(lang, next_occurrence(settings.series, now), actor.timezone, channel)
        case _:
            assert_never(parsed)
