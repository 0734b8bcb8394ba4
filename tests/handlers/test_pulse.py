"""The alignment pulse through the real App: who runs a round, anonymous answers that can change while the round is
open and are refused once it has closed, and its configuration planning the rounds."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.i18n import t
from bot.pulse import service as pulse_service
from bot.pulse.service import ROUND_OPEN_DAYS
from bot.recurrence import next_occurrence
from bot.simulator import payloads
from schedules import jobs
from storage.models import Base, Intake, PulseAnswer, PulseRound
from tests.helpers import answer_pulse, rows, utc


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
    assert "every 2 weeks" in workspace.command(team["owner"], "/alinea pulse config every:2w on:tue at:11:00").reply_text
    [rhythm] = pulse_service.settings_of(workspace.deps.db)
    assert next_occurrence(rhythm.series, clock.now()) == utc(2026, 12, 1, 17, 0)  # Tuesday 11:00 in Mexico City
    with workspace.deps.db.transaction() as session:
        assert list(session.scalars(select(PulseRound))) == []


def press_round(workspace, user_id: str, round_id: int, score: int):
    """Press `score` on the question of round `round_id` (an older DM than the newest one)."""
    body = payloads.block_action(f"pulse_answer_{score}", user_id, workspace.slack.response_url(),
                                 value=f"{round_id}:{score}", channel_id=user_id)
    return workspace.dispatch(body, payloads.FORM)


def test_a_round_closes_when_the_next_starts_and_late_answers_are_refused(workspace, team, clock):
    workspace.command(team["owner"], "/alinea pulse run")
    answer_pulse(workspace, team["m1"], 4)
    workspace.command(team["admin"], "/alinea join marketing")  # stays on marketing
    clock.advance(timedelta(days=2))
    assert "Pulse round 2 is out" in workspace.command(team["owner"], "/alinea pulse run").reply_text
    first, second = rows(workspace.deps.db, PulseRound, order_by=PulseRound.number)
    late = press_round(workspace, team["m1"], first.id, 1)
    assert "Pulse round 1 has closed, so this answer was not recorded" in late.reply_text
    assert late.replies[0]["replace_original"] is True and late.replies[0].get("response_type") != "in_channel"
    assert "You answered 2" in press_round(workspace, team["m1"], second.id, 2).reply_text
    assert sorted((a.round_id, a.score) for a in answers(workspace)) == [(first.id, 4), (second.id, 2)]


@pytest.mark.parametrize(("lang", "closed"), [("en", "Pulse round 1 has closed"),
                                              ("es", "La ronda 1 del pulso ya se cerró")])
def test_a_round_closes_a_week_after_it_opened(workspace, team, clock, lang, closed):
    person = team["m1"] if lang == "en" else team["maria"]
    workspace.command(team["maria"], "/alinea join mkt")
    workspace.command(team["owner"], "/alinea pulse run")
    clock.advance(timedelta(days=ROUND_OPEN_DAYS) - timedelta(minutes=1))
    assert t(lang, "pulse.thanks", score=3) in answer_pulse(workspace, person, 3).reply_text  # type: ignore[arg-type]
    clock.advance(timedelta(minutes=1))
    refused = answer_pulse(workspace, person, 5)
    assert closed in refused.reply_text and not refused.to("chat.postMessage")
    assert [a.score for a in answers(workspace)] == [3]
    comment = workspace.click(person, t(lang, "pulse.button.comment"), channel=person)  # type: ignore[arg-type]
    assert closed in comment.reply_text and not comment.to("views.open")


def mentioning(workspace, text: str) -> set[tuple[str, str]]:
    """Every row of the store whose values mention `text`, as (table, row)."""
    with workspace.deps.db.transaction() as session:
        return {(table.name, " ".join(map(str, row))) for table in Base.metadata.sorted_tables
                for row in session.execute(select(table)) if text in " ".join(map(str, row))}


def test_no_record_ties_an_answer_or_a_comment_to_its_person(workspace, team):
    """The requests that carried them keep, once worked, only what recognises a replay: not who sent them, nor the
    button pressed or the text typed. The person is in the store as on a side and as asked, never as answering."""
    before = mentioning(workspace, team["m1"])
    workspace.command(team["owner"], "/alinea pulse run")
    answer_pulse(workspace, team["m1"], 4)
    workspace.click(team["m1"], "Add a comment", channel=team["m1"])
    workspace.submit(team["m1"], comment="Only I would say this")
    with workspace.deps.db.intake.engine.connect() as connection:
        records = [dict(row) for row in connection.execute(select(Intake.__table__)).mappings()
                   if row["work"].startswith("pulse:")]
    assert {record["work"] for record in records} == {"pulse:answer_button", "pulse:comment_submitted"}
    for record in records:
        assert record["done_at"] is not None
        assert (record["user_id"], record["payload"], record["response_url"]) == ("", "{}", None)
    # Asked: the question's delivery, and the round's start listing who it asks.
    new = mentioning(workspace, team["m1"]) - before
    assert {table for table, _ in new} == {"deliveries", "effects"}
    assert all(table == "deliveries" or '"members":' in row for table, row in new), new
    assert {table for table, _ in mentioning(workspace, "Only I would say this")} == {"pulse_answers"}


def test_a_pulse_run_by_hand_on_the_day_of_a_scheduled_round_is_that_round(workspace, team, clock):
    """Issue 15: the owner (Mexico City, where it is Wednesday 09:00) schedules the pulse for Wednesdays at 13:00."""
    at = utc(2026, 11, 25, 19, 0)  # 13:00 in Mexico City
    workspace.command(team["owner"], "/alinea pulse config every:1w on:wed at:13:00")
    assert "Pulse round 1 is out: 8 people asked." in workspace.command(team["owner"], "/alinea pulse run").reply_text

    def questions() -> list:
        return [c for c in workspace.slack.calls_to("chat.postMessage")
                if "How collaborative and productive" in c.args["text"]]

    assert len(questions()) == 8
    for moment in (at - timedelta(hours=7), at, at + timedelta(hours=8)):  # 13:00 in Madrid, Mexico City, Tokyo…
        clock.set(moment)  # the minute job at each member's time, twice (a retry, another scheduler)
        jobs.pulse_questions()
        jobs.pulse_questions()
    assert len(rows(workspace.deps.db, PulseRound)) == 1 and len(questions()) == 8  # nobody is asked again
    clock.set(at)
    clock.advance(timedelta(hours=3))  # by hand that evening: the same round
    assert "Pulse round 1 was already out to 8 people." in workspace.command(team["owner"], "/alinea pulse run").reply_text
    clock.advance(timedelta(days=1))  # Thursday: no round scheduled, a round of its own
    assert "Pulse round 2 is out" in workspace.command(team["owner"], "/alinea pulse run").reply_text
    assert len(questions()) == 16
