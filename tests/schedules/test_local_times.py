"""Issue 16: scheduled DMs go out at the configured local time in each recipient's own Slack time zone, once per
(job, recipient, period), through the real App and the fake Slack, with the minute jobs called on a fixed clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from bot.local_times import came, due_day
from schedules import jobs, runtime
from tests.helpers import seat

MADRID, MEXICO = "Europe/Madrid", "America/Mexico_City"


@pytest.fixture
def team(workspace, people):
    """Carmen leads marketing from Madrid (es-ES), Jorge leads IT from Mexico City (es-LA); Ana (en-GB, Madrid) and
    Bob (en-US, Mexico City) are members."""
    seat(workspace, people, {"carmen": "marketing leader", "jorge": "it leader", "ana": "marketing", "bob": "it"},
         carmen={"tz": MADRID, "locale": "es-ES"}, jorge={"tz": MEXICO, "locale": "es-LA"},
         ana={"tz": MADRID, "locale": "en-GB"}, bob={"tz": MEXICO, "locale": "en-US"})
    runtime.install(workspace.deps)
    return people


def run_minutes(workspace, clock, job, start: datetime, hours: int, step: timedelta = timedelta(minutes=10)):
    """Call the minute job every `step` for `hours`, noting when each DM went out: {user_id: [UTC instants]}."""
    sent: dict[str, list[datetime]] = {}
    seen = len(workspace.slack.calls_to("chat.postMessage"))
    at = start
    while at < start + timedelta(hours=hours):
        clock.set(at)
        job()
        calls = workspace.slack.calls_to("chat.postMessage")
        for call in calls[seen:]:
            sent.setdefault(call.args["channel"], []).append(at)
        seen = len(calls)
        at += step
    return sent


def test_commitment_reminders_go_out_at_nine_in_madrid_and_in_mexico_city_once_a_day(workspace, team, clock):
    workspace.command(team["ana"], "/commit Brief due:2026-11-27")  # due by tomorrow on Thursday and Friday
    workspace.command(team["bob"], "/commit Budget due:2026-11-27")
    sent = run_minutes(workspace, clock, jobs.commitment_reminders, datetime(2026, 11, 26, 0, 0, tzinfo=UTC), 48)
    # 09:00 in Madrid is 08:00 UTC; 09:00 in Mexico City is 15:00 UTC — each day, once.
    assert sent[team["ana"]] == [datetime(2026, 11, 26, 8, 0, tzinfo=UTC), datetime(2026, 11, 27, 8, 0, tzinfo=UTC)]
    assert sent[team["bob"]] == [datetime(2026, 11, 26, 15, 0, tzinfo=UTC),
                                 datetime(2026, 11, 27, 15, 0, tzinfo=UTC)]


def test_a_second_scheduler_or_a_retry_sends_nothing_more(workspace, team, clock):
    workspace.command(team["ana"], "/commit Brief due:2026-11-27")
    clock.set(datetime(2026, 11, 26, 8, 0, tzinfo=UTC))
    jobs.commitment_reminders()
    jobs.commitment_reminders()
    clock.set(datetime(2026, 11, 26, 8, 30, tzinfo=UTC))
    jobs.commitment_reminders()
    assert len([c for c in workspace.slack.calls_to("chat.postMessage") if c.args["channel"] == team["ana"]]) == 1


def test_a_person_who_flies_west_gets_one_reminder_that_day_not_two(workspace, team, clock):
    workspace.command(team["ana"], "/commit Brief due:2026-11-27")
    clock.set(datetime(2026, 11, 26, 8, 0, tzinfo=UTC))  # 09:00 in Madrid
    jobs.commitment_reminders()
    workspace.slack.users[team["ana"]]["tz"] = MEXICO  # she lands in Mexico City the same day
    clock.set(datetime(2026, 11, 26, 15, 0, tzinfo=UTC))  # 09:00 there, still Thursday; the cache has expired
    jobs.commitment_reminders()
    clock.set(datetime(2026, 11, 27, 15, 0, tzinfo=UTC))  # Friday 09:00 in Mexico City
    jobs.commitment_reminders()
    dms = [c for c in workspace.slack.calls_to("chat.postMessage") if c.args["channel"] == team["ana"]]
    assert len(dms) == 2


def test_kpi_reminders_reach_each_leader_at_nine_their_time(workspace, team, clock):
    workspace.command(team["carmen"], '/kpi define cac "Coste de adquisición" target:40 owner:shared')
    sent = run_minutes(workspace, clock, jobs.kpi_reminders, datetime(2026, 11, 26, 0, 0, tzinfo=UTC), 24)
    assert sent == {team["carmen"]: [datetime(2026, 11, 26, 8, 0, tzinfo=UTC)],
                    team["jorge"]: [datetime(2026, 11, 26, 15, 0, tzinfo=UTC)]}


def test_the_pulse_asks_each_member_at_the_rounds_time_in_their_zone(workspace, team, clock, people):
    workspace.command(people["owner"], "/alinea pulse config every:1w on:mon at:10:00")
    sent = run_minutes(workspace, clock, jobs.pulse_questions, datetime(2026, 11, 30, 0, 0, tzinfo=UTC), 24)
    assert sent[team["carmen"]] == sent[team["ana"]] == [datetime(2026, 11, 30, 9, 0, tzinfo=UTC)]  # 10:00 Madrid
    assert sent[team["jorge"]] == sent[team["bob"]] == [datetime(2026, 11, 30, 16, 0, tzinfo=UTC)]  # 10:00 Mexico
    questions = {c.args["channel"]: c for c in workspace.slack.calls_to("chat.postMessage")
                 if any(e.get("action_id", "").startswith("pulse_answer_")
                        for b in c.args.get("blocks") or [] for e in b.get("elements") or [])}
    assert "¿" in questions[team["jorge"]].args["text"] and "¿" not in questions[team["bob"]].args["text"]
    rounds = {e["value"].split(":")[0] for c in questions.values() for b in c.args["blocks"]
              for e in b.get("elements") or [] if e.get("action_id", "").startswith("pulse_answer_")}
    assert len(rounds) == 1  # one round, opened when the first member was asked


def test_the_digest_reaches_each_leader_at_its_time_in_their_zone(workspace, team, clock, people):
    for leader in ("carmen", "jorge"):
        workspace.command(team[leader], "/digest subscribe")
    workspace.command(people["owner"], "/digest config mon 09:00 tz:UTC in:<#CLEADERS|leaders>")
    sent = run_minutes(workspace, clock, jobs.digests, datetime(2026, 11, 30, 0, 0, tzinfo=UTC), 24)
    assert sent == {team["carmen"]: [datetime(2026, 11, 30, 8, 0, tzinfo=UTC)],
                    "CLEADERS": [datetime(2026, 11, 30, 9, 0, tzinfo=UTC)],  # the channel: the digest's own zone
                    team["jorge"]: [datetime(2026, 11, 30, 15, 0, tzinfo=UTC)]}


@pytest.mark.parametrize(
    ("zone", "now", "expected"),
    [
        (MADRID, datetime(2026, 11, 26, 7, 59, tzinfo=UTC), None),
        (MADRID, datetime(2026, 11, 26, 8, 0, tzinfo=UTC), date(2026, 11, 26)),
        (MADRID, datetime(2026, 11, 26, 8, 59, tzinfo=UTC), date(2026, 11, 26)),
        (MADRID, datetime(2026, 11, 26, 9, 0, tzinfo=UTC), None),  # past the hour of grace
        (MADRID, datetime(2026, 7, 1, 7, 0, tzinfo=UTC), date(2026, 7, 1)),  # summer time: UTC+2
        ("Pacific/Kiritimati", datetime(2026, 11, 25, 19, 0, tzinfo=UTC), date(2026, 11, 26)),  # UTC+14
        ("Pacific/Pago_Pago", datetime(2026, 11, 26, 20, 0, tzinfo=UTC), date(2026, 11, 26)),  # UTC-11
    ],
)
def test_the_local_day_due(zone: str, now: datetime, expected: date | None) -> None:
    assert due_day(zone, time(9, 0), now, timedelta(hours=1)) == expected


def test_a_moment_late_in_the_evening_stays_due_after_midnight() -> None:
    now = datetime(2026, 11, 26, 23, 20, tzinfo=UTC)  # 00:20 on Friday in Madrid
    assert due_day(MADRID, time(23, 50), now, timedelta(hours=1)) == date(2026, 11, 26)
    assert came(date(2026, 11, 26), time(23, 50), MADRID, now, timedelta(hours=1))


def test_zones_come_from_an_hourly_roster_not_a_lookup_per_person_per_minute(workspace, team, clock):
    workspace.command(team["ana"], "/commit Brief due:2026-11-27")
    workspace.command(team["bob"], "/commit Budget due:2026-11-27")
    before = {method: len(workspace.slack.calls_to(method)) for method in ("users.list", "users.info")}
    run_minutes(workspace, clock, jobs.commitment_reminders, datetime(2026, 11, 26, 7, 0, tzinfo=UTC), 3,
                step=timedelta(minutes=1))
    assert len(workspace.slack.calls_to("users.list")) - before["users.list"] == 3  # 07:00, 08:00, 09:00
    assert len(workspace.slack.calls_to("users.info")) - before["users.info"] <= 2  # the reminders' languages
