"""The pulse's buttons and comment modal (its admin commands live under `/alinea pulse`, handlers/admin.py)."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App, Respond

from bot import inputs as forms
from bot.pulse import service as pulse
from bot.app import Deps
from bot.ids import Action, View
from bot.pulse.posts import ballot_key
from bot.pulse import views as pulse_views
from handlers.replies import actor_of, later, modal_errors, tell

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

        @later(deps, body["user"]["id"], respond, opens_modal=True)
        def open_modal() -> None:
            actor = actor_of(deps, body)
            client.views_open(trigger_id=body["trigger_id"],
                              view=pulse_views.comment_modal(actor.language, int(action["value"])))

    @app.view(View.PULSE_COMMENT)
    def comment_submitted(ack: Ack, body: dict, view: dict) -> None:
        actor = actor_of(deps, body)
        comment = forms.text(view["state"]["values"], "comment", 1000)
        if isinstance(comment, forms.FormError):
            ack(response_action="errors", errors=modal_errors(actor, comment, "comment"))
            return
        ack()

        @later(deps, actor.user_id)
        def work() -> None:
            pulse.add_comment(deps.db, actor, int(view["private_metadata"]), comment, ballot_key(deps),
                              deps.clock.now())
            tell(deps, actor.user_id, None, pulse_views.comment_saved(actor.language))
