"""`/alinea`: help, joining a side, the team (admins), the pulse's admin commands, the caller's notifications and the
workspace's settings (admins; their modal is handlers/workspace.py)."""

from __future__ import annotations

from typing import assert_never

from slack_bolt import Ack, App

from bot import help
from bot.blocks import Message
from bot.deps import Deps
from bot.errors import InvalidInput
from bot.ids import Command
from bot.notifications import service as notices
from bot.notifications import views as notice_views
from bot.notifications.parsing import ChooseNotices, ShowNotices
from bot.people import Actor
from bot.pulse import posts as pulse_posts
from bot.pulse import service as pulse
from bot.pulse import views as pulse_views
from bot.pulse.parsing import PulseConfig, PulseRun
from bot.recurrence import next_occurrence
from bot.teams import posts as team_posts
from bot.teams import service as teams
from bot.teams import views as team_views
from bot.teams.parsing import (
    AddToTeam,
    AlineaCommand,
    AlineaHelp,
    JoinSide,
    ListTeam,
    RemoveFromTeam,
    SubcommandHelp,
    parse_alinea,
)
from bot.workspace import service as workspace
from bot.workspace import views as settings_views
from bot.workspace.parsing import ShowSettings
from handlers.intake import Job, parsed_or_raise, take, work


def register(app: App, deps: Deps) -> None:
    @app.command(Command.ALINEA)
    def alinea_command(ack: Ack, body: dict) -> None:
        take(deps, ack, "alinea:command", body)


@work("alinea:command")
def _command(deps: Deps, job: Job) -> None:
    actor = job.actor()
    parsed = parsed_or_raise(parse_alinea(job.payload.get("text", ""), actor.reading(deps.clock.now())))
    job.reply(_run(deps, job, actor, parsed))


def _run(deps: Deps, job: Job, actor: Actor, parsed: AlineaCommand) -> Message:
    lang, now = actor.language, deps.clock.now()
    match parsed:
        case AlineaHelp():
            return help.overview(lang, teams.member(deps.db, actor.team_id, actor.user_id, now))
        case SubcommandHelp(subcommand=subcommand):
            return help.subcommand_usage(lang, Command.ALINEA, subcommand)
        case JoinSide(side=side):
            joined = teams.join(deps.db, actor, side, now, key=job.key)
            team_posts.joined(deps, actor.team_id, joined)
            return team_views.joined(lang, joined)
        case ListTeam():
            return team_views.roster(lang, actor.timezone, teams.roster(deps.db, actor.team_id, now))
        case AddToTeam(user_id=user_id, side=side, leader=leader):
            if deps.directory.user(user_id).is_bot:
                raise InvalidInput("error.bot_user", user=user_id)
            added = teams.add(deps.db, actor, user_id, side, leader, now, key=job.key)
            team_posts.added(deps, actor.team_id, actor.user_id, added, resumed=job.resumed)
            return team_views.added(lang, added.member)
        case RemoveFromTeam(user_id=user_id):
            teams.remove(deps.db, actor, user_id, now, key=job.key)
            team_posts.removed(deps, actor.team_id, user_id)
            return team_views.removed(lang, user_id)
        case PulseConfig(every_weeks=every, weekday=weekday, at=at):
            settings = pulse.configure(deps.db, actor, every, weekday, at, now, key=job.key)
            pulse_posts.rhythm_changed(deps)
            return pulse_views.configured(lang, every, next_occurrence(settings.series, now), actor.timezone)
        case PulseRun():
            # on the day of a scheduled round, that round (see `pulse.start_round`)
            info = pulse_posts.run_round(deps, actor.team_id, None, now, actor, key=job.key)
            return pulse_views.started(lang, info.number, len(info.members), info.created)
        case ShowNotices():
            return notice_views.listing(lang, notices.choices(deps.db, actor, now))
        case ChooseNotices(on=on, kinds=kinds):
            return notice_views.listing(lang, notices.choose(deps.db, actor, kinds, on, now, key=job.key), kinds)
        case ShowSettings():
            return settings_views.summary(lang, workspace.shown(deps.db, actor, deps.settings, now))
        case _:
            assert_never(parsed)
