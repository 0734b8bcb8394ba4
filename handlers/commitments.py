"""`/commit`, the **Done** buttons of commitment lists, reminders and sync outcomes' DMs, and the **Undo** of a
closing."""

from __future__ import annotations

from typing import assert_never

from slack_bolt import Ack, App

from bot import help
from bot.blocks import Message, read_undo
from bot.commitments import posts as commitment_posts
from bot.commitments import service as commitments
from bot.commitments import views as commitment_views
from bot.commitments.models import CommitmentInfo, NewCommitment
from bot.commitments.parsing import (
    CancelCommitment,
    CommitCommand,
    CommitHelp,
    CommitmentDone,
    ListCommitments,
    ReopenCommitment,
    parse_commit,
)
from bot.deps import Deps
from bot.errors import InvalidInput, error_message
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

    @app.action(Action.COMMITMENT_UNDO)
    def undo_button(ack: Ack, body: dict) -> None:
        take(deps, ack, "commit:undo_button", body)


@work("commit:command")
def _command(deps: Deps, job: Job) -> None:
    actor = job.actor()
    parsed = parsed_or_raise(parse_commit(job.payload.get("text", ""), actor.reading(deps.clock.now())))
    job.reply(_run(deps, job, actor, parsed))


@work("commit:done_button")
def _done_button(deps: Deps, job: Job) -> None:
    """The button says it is done: the list it was on is shown again with it done, or the DM it was on (a reminder,
    a sync's commitments) keeps its other rows and shows this one done."""
    actor, now = job.actor(), deps.clock.now()
    read = commitment_views.read_done_value(job.action_value)
    if read is None:
        raise InvalidInput("error.form_unreadable")
    number, listed = read
    item = _close_done(deps, job, actor, number)
    if listed is not None:
        result = commitments.listing(deps.db, actor, listed, actor.today(now), now)
        shown = commitment_views.listing(actor.language, result, actor.today(now), actor.user_id, done=[item])
    else:
        shown = commitment_views.done_in_place(actor.language, job.payload.get("message") or {}, item)
    if shown is None:  # the message is not at hand (App Home, say): a private answer instead
        job.reply(commitment_views.closed(actor.language, item))
        return
    job.respond(replace_original=True, **shown.as_kwargs())


@work("commit:undo_button")
def _undo_button(deps: Deps, job: Job) -> None:
    """Undo on the confirmation of a closing: the commitment is open again, and the confirmation says so (or that it
    is too late, and how to reopen it)."""
    actor, now = job.actor(), deps.clock.now()
    read = read_undo(job.action_value)
    if read is None:
        raise InvalidInput("error.form_unreadable")
    number, closed_at = read
    try:
        result = commitments.reopen(deps.db, actor, number, now, key=job.key, undo_of=closed_at)
    except commitments.UndoTooLate as late:
        job.respond(replace_original=True, **error_message(actor.language, late).as_kwargs())
        return
    commitment_posts.reopened(deps, actor.team_id, actor.user_id, result, now, job.resumed)
    job.respond(replace_original=True,
                **commitment_views.reopened(actor.language, result.commitment, actor.today(now)).as_kwargs())


def _run(deps: Deps, job: Job, actor: Actor, parsed: CommitCommand) -> Message:
    now = deps.clock.now()
    today = actor.today(now)
    match parsed:
        case CommitHelp():
            return help.usage(actor.language, Command.COMMIT)
        case NewCommitment():
            item = commitments.create(deps.db, actor, parsed, now, key=job.key)
            commitment_posts.created(deps, actor.team_id, actor.user_id, [item], now, job.resumed)
            return commitment_views.created(actor.language, item, today)
        case ListCommitments(filter=which):
            result = commitments.listing(deps.db, actor, which, today, now)
            return commitment_views.listing(actor.language, result, today, actor.user_id)
        case CommitmentDone(number=number):
            return commitment_views.closed(actor.language, _close_done(deps, job, actor, number), undo=True)
        case CancelCommitment(number=number):
            item = commitments.cancel(deps.db, actor, number, now, key=job.key)
            commitment_posts.cancelled(deps, actor.team_id, actor.user_id, item, now, job.resumed)
            return commitment_views.closed(actor.language, item, undo=True)
        case ReopenCommitment(number=number):
            result = commitments.reopen(deps.db, actor, number, now, key=job.key)
            commitment_posts.reopened(deps, actor.team_id, actor.user_id, result, now, job.resumed)
            return commitment_views.reopened(actor.language, result.commitment, today)
        case _:
            assert_never(parsed)


def _close_done(deps: Deps, job: Job, actor: Actor, number: int) -> CommitmentInfo:
    now = deps.clock.now()
    item = commitments.done(deps.db, actor, number, actor.today(now), now, key=job.key)
    commitment_posts.done(deps, actor.team_id, actor.user_id, item)
    return item
