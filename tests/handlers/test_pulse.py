"""The alignment pulse through the real App: who runs a round, anonymous answers that can change, and its
configuration planning the rounds."""

from __future__ import annotations

from sqlalchemy import select

from schedules import scheduler
from storage.models import PulseAnswer, PulseRound
from tests.helpers import answer_pulse, rows


def answers(workspace) -> list[PulseAnswer]:
    return rows(workspace.deps.db, PulseAnswer)


def test_only_admins_run_the_pulse_and_every_member_is_asked_once(workspace, team):
    assert "Only admins" in workspace.command(team["m1"], "/alinea pulse run").reply_text
    exchange = workspace.command(team["owner"], "/alinea pulse run")
    assert "Pulse round 1 is out: 8 people asked." in exchange.reply_text
    asked = [c.args["channel"] for c in exchange.to("chat.postMessage")]
    assert sorted(asked) == sorted(team[n] for n in ["admin", "lea", "m1", "m2", "m3", "i1", "i2", "i3"])
    assert all("How collaborative and productive" in c.args["text"] for c in exchange.to("chat.postMessage"))


def test_answers_are_anonymous_one_per_person_and_can_change(workspace, team):
    workspace.command(team["owner"], "/alinea pulse run")
    answer_pulse(workspace, team["m1"], 4)
    thanks = answer_pulse(workspace, team["m1"], 2)
    assert "You answered 2" in thanks.reply_text and thanks.replies[0]["replace_original"] is True
    [answer] = answers(workspace)
    assert (answer.side, answer.score) == ("marketing", 2)
    assert team["m1"] not in {answer.ballot, answer.comment}  # nothing names the person
    assert not any(team["m1"] in str(value) for value in vars(answer).values())
    workspace.click(team["m1"], "Add a comment", channel=team["m1"])
    workspace.submit(team["m1"], comment="Requests still get lost in email")
    assert answers(workspace)[0].comment == "Requests still get lost in email"


def test_pulse_config_plans_rounds(workspace, team, clock):
    assert "Only admins" in workspace.command(team["lea"], "/alinea pulse config every:2w on:tue at:11:00").reply_text
    assert "every 2 week(s)" in workspace.command(team["owner"], "/alinea pulse config every:2w on:tue at:11:00").reply_text
    planned = {job.id for job in scheduler.plan_all(workspace.deps, clock.now())}
    assert "pulse:T0ALINEA" in planned
    with workspace.deps.db.transaction() as session:
        assert list(session.scalars(select(PulseRound))) == []
