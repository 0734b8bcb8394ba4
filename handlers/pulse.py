"""The pulse's buttons and comment modal (its admin commands live under `/alinea pulse`, handlers/teams.py). A
press on a round that has closed changes nothing: the question is replaced by a line saying so."""

from __future__ import annotations

import re

from slack_bolt import Ack, App

from bot.deps import Deps
from bot.ids import Action, View
from bot.inputs import text
from bot.pulse import service as pulse
from bot.pulse import views as pulse_views
from bot.pulse.posts import ballot_key
from handlers.intake import Job, parsed_or_raise, take, take_submission, work

_ANSWER = re.compile(rf"^{Action.PULSE_ANSWER.value}_[1-5]$")


def register(app: App, deps: Deps) -> None:
    @app.action(_ANSWER)
    def answer_button(ack: Ack, body: dict) -> None:
        take(deps, ack, "pulse:answer_button", body)

    @app.action(Action.PULSE_COMMENT)
    def comment_button(ack: Ack, body: dict) -> None:
        take(deps, ack, "pulse:comment_button", body, urgent=True, record=False)

    @app.view(View.PULSE_COMMENT)
    def comment_submitted(ack: Ack, body: dict) -> None:
        take_submission(deps, ack, "pulse:comment_submitted", body, _comment_from_modal, "comment")


@work("pulse:answer_button")
def _answer_button(deps: Deps, job: Job) -> None:
    actor = job.actor()
    round_id, score = (int(part) for part in job.action_value.split(":"))
    try:
        pulse.answer(deps.db, actor, round_id, score, None, deps.clock.now(), ballot_key(deps), key=job.key)
    except pulse.RoundClosed as closed:
        job.respond(replace_original=True, **pulse_views.closed(actor.language, closed.number).as_kwargs())
        return
    job.respond(replace_original=True, **pulse_views.thanks(actor.language, score, round_id).as_kwargs())


@work("pulse:comment_button")
def _comment_button(deps: Deps, job: Job) -> None:
    actor, round_id = job.actor(), int(job.action_value)
    try:
        pulse.require_open(deps.db, actor.team_id, round_id, deps.clock.now())
    except pulse.RoundClosed as closed:
        job.respond(replace_original=True, **pulse_views.closed(actor.language, closed.number).as_kwargs())
        return
    job.open_modal(pulse_views.comment_modal(actor.language, round_id))


def _comment_from_modal(job: Job) -> None:
    comment = parsed_or_raise(text(job.view_values, "comment", pulse.COMMENT_LIMIT))
    pulse.add_comment(job.deps.db, job.actor(), job.metadata_number(), comment, ballot_key(job.deps),
                      job.deps.clock.now(), key=job.key)


@work("pulse:comment_submitted")
def _comment_submitted(deps: Deps, job: Job) -> None:
    _comment_from_modal(job)
    job.reply(pulse_views.comment_saved(job.actor().language))
