"""The pulse's buttons and comment modal (its admin commands live under `/alinea pulse`, handlers/teams.py)."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App, Respond

from bot.deps import Deps
from bot.ids import Action, View
from bot.inputs import text
from bot.pulse import service as pulse
from bot.pulse import views as pulse_views
from bot.pulse.posts import ballot_key
from handlers.replies import Decision, actor_of, later, modal_or_reply, parsed_or_raise, submitted, tell

_ANSWER = re.compile(rf"^{Action.PULSE_ANSWER.value}_[1-5]$")


def register(app: App, deps: Deps) -> None:
    @app.action(_ANSWER)
    def answer_button(ack: Ack, body: dict, action: dict, respond: Respond) -> None:
        ack()

        @later(deps, body["user"]["id"], respond)
        def work() -> None:
            actor = actor_of(deps, body)
            round_id, score = (int(part) for part in action["value"].split(":"))
            pulse.answer(deps.db, actor, round_id, score, None, deps.clock.now(), ballot_key(deps))
            respond(replace_original=True, **pulse_views.thanks(actor.language, score, round_id).as_kwargs())

    @app.action(Action.PULSE_COMMENT)
    def comment_button(ack: Ack, body: dict, action: dict, respond: Respond, client: Any) -> None:
        ack()

        def decide() -> Decision:
            return pulse_views.comment_modal(actor_of(deps, body).language, int(action["value"]))

        modal_or_reply(deps, client, body["user"]["id"], respond, body["trigger_id"], decide)

    @app.view(View.PULSE_COMMENT)
    def comment_submitted(ack: Ack, body: dict, view: dict) -> None:
        actor = actor_of(deps, body)
        comment = submitted(ack, actor, "comment", lambda: parsed_or_raise(
            text(view["state"]["values"], "comment", pulse.COMMENT_LIMIT)))
        if comment is None:
            return

        @later(deps, actor.user_id)
        def work() -> None:
            pulse.add_comment(deps.db, actor, int(view["private_metadata"]), comment, ballot_key(deps),
                              deps.clock.now())
            tell(deps, actor.user_id, None, pulse_views.comment_saved(actor.language))
