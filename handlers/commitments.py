"""`/commit` and the **Done** buttons of commitment lists and reminders."""

from __future__ import annotations

from typing import assert_never

from slack_bolt import Ack, App

from bot import help
from bot.blocks import Message
from bot.commitments import posts as commitment_posts
from bot.commitments import service as commitments
from bot.commitments import views as commitment_views
from bot.commitments.models import NewCommitment
from bot.commitments.parsing import (
    CancelCommitment,
    CommitCommand,
    CommitHelp,
    CommitmentDone,
    ListCommitments,
    parse_commit,
)
from bot.deps import Deps
from bot.ids import Action, Command
from bot.people import Actor
from handlers.intake import Job, parsed_or_raise, take, work


def register(app: App, deps: Deps) -> None:
    @app.command(Command.COMMIT)
    def commit_command(ack: Ack, body: dict) -> None:
        take(deps, ack, "commit:command", body)

    @app.action(Action.COMMITMENT_DONE)
    def done_button(ack: Ack, body: dict) -> None:
        take(deps, ack, "commit:done_button", body)


@work("commit:command")
def _command(deps: Deps, job: Job) -> None:
    actor = job.actor()
    parsed = parsed_or_raise(parse_commit(job.payload.get("text", ""), actor.today(deps.clock.now())))
    job.reply(_run(deps, job, actor, parsed))


@work("commit:done_button")
def _done_button(deps: Deps, job: Job) -> None:
    job.reply(_done(deps, job, job.actor(), int(job.action_value)))


def _run(deps: Deps, job: Job, actor: Actor, parsed: CommitCommand) -> Message:
    now = deps.clock.now()
    today = actor.today(now)
    match parsed:
        case CommitHelp():
            return help.usage(actor.language, Command.COMMIT)
        case NewCommitment():
            item = commitments.create(deps.db, actor, parsed, now, key=job.key)
            commitment_posts.created(deps, actor.team_id, actor.user_id, [item])
            return commitment_views.created(actor.language, item, today)
        case ListCommitments(filter=which):
            result = commitments.listing(deps.db, actor, which, today, now)
            return commitment_views.listing(actor.language, result, today, actor.user_id)
        case CommitmentDone(number=number):
            return _done(deps, job, actor, number)
        case CancelCommitment(number=number):
            item = commitments.cancel(deps.db, actor, number, now, key=job.key)
            commitment_posts.cancelled(deps, actor.team_id, actor.user_id, item)
            return commitment_views.closed(actor.language, item)
        case _:
            assert_never(parsed)


def _done(deps: Deps, job: Job, actor: Actor, number: int) -> Message:
    now = deps.clock.now()
    item = commitments.done(deps.db, actor, number, actor.today(now), now, key=job.key)
    commitment_posts.done(deps, actor.team_id, actor.user_id, item)
    return commitment_views.closed(actor.language, item)
