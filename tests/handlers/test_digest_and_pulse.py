"""/digest and the alignment pulse through the real App; the weekly send called with a fixed clock."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.deps import build_deps
from bot.digest import posts as digest_posts
from schedules import runtime, scheduler
from storage.models import PulseAnswer, PulseRound


@pytest.fixture
def team(workspace, people):
    """Adam (an admin) leads marketing; Lea leads IT; three members a side besides."""
    people["lea"] = workspace.add_person("lea")
    workspace.command(people["owner"], "/alinea team add @adam marketing leader")
    workspace.command(people["owner"], "/alinea team add @lea it leader")
    for name, side in [("m1", "marketing"), ("m2", "marketing"), ("m3", "marketing"), ("i1", "it"), ("i2", "it"),
                       ("i3", "it")]:
        people[name] = workspace.add_person(name)
        workspace.command(people[name], f"/alinea join {side}")
    runtime.install(workspace.deps)
    return people


def answers(workspace) -> list[PulseAnswer]:
    with workspace.deps.db.transaction() as session:
        return list(session.scalars(select(PulseAnswer).order_by(PulseAnswer.id)))


def press(workspace, user_id, score):
    return workspace.click(user_id, str(score), channel=user_id)


def test_only_admins_run_the_pulse_and_every_member_is_asked_once(workspace, team):
    assert "Only admins" in workspace.command(team["m1"], "/alinea pulse run").reply_text
    exchange = workspace.command(team["owner"], "/alinea pulse run")
    assert "Pulse round 1 is out: 8 people asked." in exchange.reply_text
    asked = [c.args["channel"] for c in exchange.to("chat.postMessage")]
    assert sorted(asked) == sorted(team[n] for n in ["admin", "lea", "m1", "m2", "m3", "i1", "i2", "i3"])
    assert all("How collaborative and productive" in c.args["text"] for c in exchange.to("chat.postMessage"))


def test_answers_are_anonymous_one_per_person_and_can_change(workspace, team):
    workspace.command(team["owner"], "/alinea pulse run")
    press(workspace, team["m1"], 4)
    thanks = press(workspace, team["m1"], 2)
    assert "You answered 2" in thanks.reply_text and thanks.replies[0]["replace_original"] is True
    [answer] = answers(workspace)
    assert (answer.side, answer.score) == ("marketing", 2)
    assert team["m1"] not in {answer.ballot, answer.comment}  # nothing names the person
    assert not any(team["m1"] in str(value) for value in vars(answer).values())
    workspace.click(team["m1"], "Add a comment", channel=team["m1"])
    workspace.submit(team["m1"], comment="Requests still get lost in email")
    assert answers(workspace)[0].comment == "Requests still get lost in email"


def test_the_digest_hides_the_pulse_below_three_answers_a_side(workspace, team):
    workspace.command(team["owner"], "/alinea pulse run")
    for name, score in [("m1", 4), ("m2", 5), ("i1", 2), ("i2", 3)]:
        press(workspace, team[name], score)
    hidden = workspace.command(team["lea"], "/digest preview").reply_text
    assert "Results appear once each side has 3 answers" in hidden and "Gap between the sides" not in hidden
    press(workspace, team["m3"], 3)
    press(workspace, team["i3"], 1)
    shown = workspace.command(team["lea"], "/digest preview").reply_text
    # Marketing answered 4, 5 and 3 (average 4); IT 2, 3 and 1 (average 2): the gap is 2.
    assert "Gap between the sides: *2*" in shown and "Results appear once" not in shown


def test_subscribing_is_for_leaders_and_the_preview_is_private(workspace, team):
    assert "Only leaders and admins" in workspace.command(team["m1"], "/digest subscribe").reply_text
    assert "weekly digest by DM" in workspace.command(team["lea"], "/digest subscribe").reply_text
    preview = workspace.command(team["lea"], "/digest preview")
    assert preview.replies[0]["response_type"] == "ephemeral"
    assert "only you can see this" in preview.reply_text.lower()


def test_the_weekly_send_reaches_each_subscriber_and_the_channel_once(workspace, team, clock):
    workspace.command(team["lea"], "/digest subscribe")
    workspace.command(team["admin"], "/digest subscribe")
    workspace.command(team["owner"], "/digest config mon 09:00 tz:UTC in:<#CLEADERS|leaders>")
    workspace.command(team["m1"], "/ask Landing page due:fri")
    when = clock.now() + timedelta(days=5)
    assert digest_posts.send_week(workspace.deps, "T0ALINEA", when, when, pause=lambda s: None) == 3
    assert digest_posts.send_week(workspace.deps, "T0ALINEA", when, when, pause=lambda s: None) == 0
    other = build_deps(workspace.deps.settings, clock=clock)  # a restarted or second process
    assert digest_posts.send_week(other, "T0ALINEA", when, when, pause=lambda s: None) == 0
    other.db.dispose()
    sent = [c.args["channel"] for c in workspace.slack.calls_to("chat.postMessage") if "week of" in c.args["text"]]
    assert sorted(sent) == sorted([team["lea"], team["admin"], "CLEADERS"])
    next_week = when + timedelta(weeks=1)
    assert digest_posts.send_week(workspace.deps, "T0ALINEA", next_week, next_week, pause=lambda s: None) == 3


def test_config_is_for_admins_and_plans_the_weekly_job(workspace, team, clock):
    assert "Only admins" in workspace.command(team["lea"], "/digest config mon 09:00").reply_text
    text = workspace.command(team["owner"], "/digest config fri 16:30 tz:America/Mexico_City").reply_text
    assert "The digest goes out weekly" in text
    planned = {job.id: job for job in scheduler.plan_all(workspace.deps, clock.now())}
    job = planned["digest:T0ALINEA"]
    assert job.run_at.isoformat() == "2026-11-27T22:30:00+00:00"  # Friday 16:30 in Mexico City


def test_pulse_config_plans_rounds(workspace, team, clock):
    assert "Only admins" in workspace.command(team["lea"], "/alinea pulse config every:2w on:tue at:11:00").reply_text
    assert "every 2 week(s)" in workspace.command(team["owner"], "/alinea pulse config every:2w on:tue at:11:00").reply_text
    planned = {job.id for job in scheduler.plan_all(workspace.deps, clock.now())}
    assert "pulse:T0ALINEA" in planned
    with workspace.deps.db.transaction() as session:
        assert list(session.scalars(select(PulseRound))) == []


def test_malformed_digest_and_pulse_commands(workspace, team):
    for line, problem in [("/digest config someday 9:00", "is not a weekday"), ("/digest config mon 25:00", "time"),
                          ("/digest everything", "I don't know"), ("/alinea pulse", "config` or `run`"),
                          ("/alinea pulse config every:2w", "is missing")]:
        assert problem in workspace.command(team["owner"], line).reply_text, line
    assert "How to use /digest" in workspace.command(team["m1"], "/digest help").reply_text
