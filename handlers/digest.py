"""`/digest`: preview, subscribe, unsubscribe, config."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, Respond

from bot.digest import posts as digest_posts
from bot.app import Deps
from bot.digest.parsing import (
    DigestConfig,
    DigestHelp,
    DigestPreview,
    DigestSubscribe,
    DigestUnsubscribe,
    parse_digest,
)
from bot.i18n import t
from bot.ids import Command
from bot.people import Actor
from bot.recurrence import next_occurrence
from bot.digest import views as digest_views
from bot import format as fmt
from bot import help as help_views
from bot.blocks import Message, context, message, section
from handlers.replies import later, parsed_or_raise, tell
from schedules.scheduler import reconcile_running


def register(app: App, deps: Deps) -> None:
    @app.command(Command.DIGEST)
    def digest_command(ack: Ack, command: dict, respond: Respond) -> None:
        ack()

        @later(deps, command["user_id"], respond)
        def work() -> None:
            actor = deps.directory.actor(command["team_id"], command["user_id"])
            tell(deps, actor.user_id, respond, _run(deps, actor, parsed_or_raise(parse_digest(command.get("text", "")))))


def _run(deps: Deps, actor: Actor, parsed: Any) -> Message:
    now, lang = deps.clock.now(), actor.language
    match parsed:
        case DigestHelp():
            return help_views.usage(lang, Command.DIGEST)
        case DigestPreview():
            shown = digest_posts.preview(deps, actor, now)
            return message(shown.text, [*shown.blocks[:49], context(digest_views.preview_note(lang))])
        case DigestSubscribe():
            digest_posts.subscribe(deps.db, actor, now)
            reconcile_running()
            return _said(t(lang, "digest_cmd.subscribed"))
        case DigestUnsubscribe():
            digest_posts.unsubscribe(deps.db, actor, now)
            return _said(t(lang, "digest_cmd.unsubscribed"))
        case DigestConfig(weekday=weekday, at=at, timezone=zone, channel_id=channel):
            settings = digest_posts.configure(deps.db, actor, weekday, at, zone, channel, now)
            reconcile_running()
            where = f"<#{channel}>" if channel else t(lang, "digest_cmd.dm_only")
            return _said(t(lang, "digest_cmd.configured", next=fmt.moment(next_occurrence(settings.series, now),
                                                                           actor.timezone), where=where))
    raise AssertionError(f"parse_digest returned {parsed!r}")


def _said(text: str) -> Message:
    return message(text, [section(text)])
