"""`/digest`: preview, trend, subscribe, unsubscribe, config."""

from __future__ import annotations

from typing import assert_never

from slack_bolt import Ack, App

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
    DigestTrend,
    DigestUnsubscribe,
    parse_digest,
)
from bot.digest.trend import trend_for, trend_or_none
from bot.ids import Command
from bot.people import Actor
from bot.recurrence import next_occurrence
from handlers.intake import Job, parsed_or_raise, take, work


def register(app: App, deps: Deps) -> None:
    @app.command(Command.DIGEST)
    def digest_command(ack: Ack, body: dict) -> None:
        take(deps, ack, "digest:command", body)


@work("digest:command")
def _command(deps: Deps, job: Job) -> None:
    actor = job.actor()
    parsed = parsed_or_raise(parse_digest(job.payload.get("text", ""), actor.reading(deps.clock.now())))
    job.reply(_run(deps, job, actor, parsed))


def _run(deps: Deps, job: Job, actor: Actor, parsed: DigestCommand) -> Message:
    now, lang = deps.clock.now(), actor.language
    match parsed:
        case DigestHelp():
            return help.usage(lang, Command.DIGEST)
        case DigestPreview():
            zone = deps.workspace(actor.team_id).timezone
            data = digest.preview(deps.db, actor, now, zone)
            moved = trend_or_none(lambda: trend_for(deps.db, actor, now, zone), f"the preview of {actor.user_id}")
            return digest_views.preview(lang, data, actor.timezone, moved)
        case DigestTrend():
            moved = trend_for(deps.db, actor, now, deps.workspace(actor.team_id).timezone)
            return digest_views.trend_reply(lang, moved, digest_posts.share_picture(deps, actor.user_id, moved, lang))
        case DigestSubscribe():
            digest.subscribe(deps.db, actor, now, key=job.key)
            digest_posts.rhythm_changed(deps)
            return digest_views.said(lang, "digest_cmd.subscribed")
        case DigestUnsubscribe():
            digest.unsubscribe(deps.db, actor, now, key=job.key)
            return digest_views.said(lang, "digest_cmd.unsubscribed")
        case DigestConfig(weekday=weekday, at=at, timezone=zone, channel_id=channel):
            settings = digest.configure(deps.db, actor, weekday, at, zone, channel, now, key=job.key)
            digest_posts.rhythm_changed(deps)
            return digest_views.configured(lang, next_occurrence(settings.series, now), actor.timezone, channel)
        case _:
            assert_never(parsed)
