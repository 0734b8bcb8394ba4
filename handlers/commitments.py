"""`/commit` and the **Done** buttons of commitment lists and reminders."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, Respond

from bot.commitments import service as commitments
from bot.home import posts as home_posts
from bot.app import Deps
from bot.ids import Action, Command
from bot.people import Actor
from bot.lexer import CancelCommitment, CommitHelp, CommitmentDone, ListCommitments, NewCommitment, parse_commit
from bot.commitments import views as commitment_views
from bot import help as help_views
from bot.blocks import Message
from handlers.replies import actor_of, later, parsed_or_raise, tell


def register(app: App, deps: Deps) -> None:
    @app.command(Command.COMMIT)
    def commit_command(ack: Ack, command: dict, respond: Respond) -> None:
        ack()

        @later(deps, command["user_id"], respond)
        def work() -> None:
            actor = deps.directory.actor(command["team_id"], command["user_id"])
            parsed = parsed_or_raise(parse_commit(command.get("text", ""), actor.today(deps.clock.now())))
            tell(deps, actor.user_id, respond, _run(deps, actor, parsed))

    @app.action(Action.COMMITMENT_DONE)
    def done_button(ack: Ack, body: dict, action: dict, respond: Respond) -> None:
        ack()

        @later(deps, body["user"]["id"], respond)
        def work() -> None:
            actor = actor_of(deps, body)
            tell(deps, actor.user_id, respond, _done(deps, actor, int(action["value"])))


def _run(deps: Deps, actor: Actor, parsed: Any) -> Message:
    now = deps.clock.now()
    today = actor.today(now)
    match parsed:
        case CommitHelp():
            return help_views.usage(actor.language, Command.COMMIT)
        case NewCommitment(text=text, due=due, ask_number=ask_number):
            item = commitments.create(deps.db, actor, text, due, ask_number, now)
            home_posts.refresh(deps, actor.team_id, actor.user_id)
            return commitment_views.created(actor.language, item, today)
        case ListCommitments(filter=which):
            result = commitments.listing(deps.db, actor, which, today, now)
            return commitment_views.listing(actor.language, result, today, actor.user_id)
        case CommitmentDone(number=number):
            return _done(deps, actor, number)
        case CancelCommitment(number=number):
            item = commitments.cancel(deps.db, actor, number, now)
            home_posts.refresh(deps, actor.team_id, actor.user_id, item.owner_id)
            return commitment_views.closed(actor.language, item)
    raise AssertionError(f"parse_commit returned {parsed!r}")


def _done(deps: Deps, actor: Actor, number: int) -> Message:
    now = deps.clock.now()
    item = commitments.done(deps.db, actor, number, actor.today(now), now)
    home_posts.refresh(deps, actor.team_id, actor.user_id, item.owner_id)
    return commitment_views.closed(actor.language, item)
