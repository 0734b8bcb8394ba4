"""The daily KPI reminder (issue 15): the owning sides' leaders are told when a value is due by the KPI's cadence
and missing, once per cadence period, through the real App and the fake Slack with a fixed clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.deps import build_deps
from bot.ids import View
from bot.kpis.posts import send_reminders
from bot.kpis.service import cadence_period
from schedules import jobs, runtime
from tests.helpers import seat


@pytest.fixture
def team(workspace, people):
    """Carla leads marketing (English), Ivo leads IT (Spanish), both in Mexico City; Sam and Iván are members."""
    seat(workspace, people, {"carla": "marketing leader", "ivo": "it leader", "sam": "marketing", "ivan": "it"},
         carla={"tz": "America/Mexico_City"}, ivo={"locale": "es-LA", "tz": "America/Mexico_City"})
    runtime.install(workspace.deps)
    return people


def at_nine(day: int, month: int = 11) -> datetime:
    """09:00 where the leaders live (Mexico City, UTC-6) on that day of 2026: the reminder time."""
    return datetime(2026, month, day, 15, 0, tzinfo=UTC)


def dms(workspace, user_id: str) -> list:
    """The DMs this person got, but the welcome of a leader an admin put on a side (`seat`)."""
    return [c for c in workspace.slack.calls_to("chat.postMessage") if c.args["channel"] == user_id
            and not str((c.args.get("metadata") or {}).get("event_payload", {}).get("delivery")).startswith("team-dm:")]


def listed(call) -> list[str]:
    """The slugs a reminder lists, in order."""
    return [b["text"]["text"].split("`")[1] for b in call.args["blocks"]
            if b["type"] == "section" and "`" in b["text"]["text"]]


def define(workspace, team) -> None:
    """Four KPIs, defined on Wednesday, Nov 25: marketing's and IT's weekly ones, a shared one, a monthly one."""
    for line in ['/kpi define lcr "Lead conversion" target:3.5% owner:marketing',
                 '/kpi define uptime "Site uptime" target:99.9% owner:it',
                 '/kpi define nps "Customer NPS" target:40',
                 '/kpi define retention "Retention" target:85% owner:marketing cadence:monthly']:
        workspace.command(team["carla"], line)


def test_leaders_of_the_owning_side_are_reminded_once_per_cadence_period(workspace, team, clock):
    define(workspace, team)
    assert send_reminders(workspace.deps, clock.now()) == 0  # defined a minute ago: not late yet

    clock.set(at_nine(26))  # Thursday
    jobs.kpi_reminders()
    [carla] = dms(workspace, team["carla"])
    assert carla.args["text"] == "3 KPIs of your side need a value"
    assert listed(carla) == ["lcr", "nps", "retention"]
    assert "*Lead conversion* `lcr` · :white_circle: No data yet" in str(carla.args["blocks"])
    [ivo] = dms(workspace, team["ivo"])  # in his language, IT's and the shared one
    assert ivo.args["text"] == "2 KPIs de tu lado necesitan un valor" and listed(ivo) == ["nps", "uptime"]
    assert "Aún sin datos" in str(ivo.args["blocks"])
    assert dms(workspace, team["sam"]) == dms(workspace, team["ivan"]) == []  # members log; leaders are told

    for day in (27, 28, 29):  # the rest of the week: nothing again
        clock.set(at_nine(day))
        assert send_reminders(workspace.deps, clock.now()) == 0

    clock.set(at_nine(30))  # Monday: a new week, the weekly ones again; the monthly one waits for December
    assert send_reminders(workspace.deps, clock.now()) == 2
    assert listed(dms(workspace, team["carla"])[-1]) == ["lcr", "nps"]
    assert listed(dms(workspace, team["ivo"])[-1]) == ["nps", "uptime"]

    clock.set(at_nine(1, 12))  # Tuesday, December 1: a new month
    assert send_reminders(workspace.deps, clock.now()) == 1
    assert listed(dms(workspace, team["carla"])[-1]) == ["retention"]
    assert len(dms(workspace, team["carla"])) == 3 and len(dms(workspace, team["ivo"])) == 2


def test_nobody_is_reminded_while_values_are_current(workspace, team, clock):
    define(workspace, team)
    for who, line in [("sam", "/kpi log lcr 3.6%"), ("ivan", "/kpi log uptime 99.95%"), ("sam", "/kpi log nps 41"),
                      ("sam", "/kpi log retention 86%")]:
        workspace.command(team[who], line)
    for day in range(26, 33):  # a week after the values: still within the weekly cadence
        clock.set(at_nine(day) if day <= 30 else at_nine(day - 30, 12))
        assert send_reminders(workspace.deps, clock.now()) == 0, day
    clock.set(at_nine(3, 12))  # eight days after: the weekly values are missing, the monthly one is not
    assert send_reminders(workspace.deps, clock.now()) == 2
    [carla] = dms(workspace, team["carla"])
    assert listed(carla) == ["lcr", "nps"]
    blocks = str(carla.args["blocks"])
    assert "Stale · last value on track" in blocks and "last value 3.6% on Wed, Nov 25" in blocks
    workspace.command(team["sam"], "/kpi log lcr 3.7%")
    workspace.command(team["ivan"], "/kpi log uptime 99.99%")
    workspace.command(team["ivan"], "/kpi log nps 45")
    clock.set(at_nine(7, 12))  # the next week, with values logged: nobody
    assert send_reminders(workspace.deps, clock.now()) == 0


def test_a_retry_a_restart_or_a_second_scheduler_never_sends_twice(workspace, team, clock):
    define(workspace, team)
    clock.set(at_nine(26))
    assert send_reminders(workspace.deps, clock.now()) == 2
    assert send_reminders(workspace.deps, clock.now() + timedelta(hours=2)) == 0
    other = build_deps(workspace.deps.settings, clock=clock)  # another process on the same store
    assert send_reminders(other, clock.now()) == 0
    other.db.dispose()
    assert len(dms(workspace, team["carla"])) == len(dms(workspace, team["ivo"])) == 1


def test_a_failed_send_is_tried_again_and_does_not_count_as_reminded(workspace, team, clock):
    define(workspace, team)
    clock.set(at_nine(26))
    workspace.slack.fail("chat.postMessage", status=500, times=2)  # both leaders' DMs fail
    assert send_reminders(workspace.deps, clock.now()) == 0
    clock.set(at_nine(27))  # the next day of the same week: they were never told, so they are now
    assert send_reminders(workspace.deps, clock.now()) == 2
    assert listed([c for c in dms(workspace, team["carla"]) if c.error is None][0]) == ["lcr", "nps", "retention"]


def test_archived_kpis_send_nothing(workspace, team, clock):
    workspace.command(team["carla"], '/kpi define lcr "Lead conversion" target:3.5% owner:marketing')
    workspace.command(team["carla"], "/kpi archive lcr")
    clock.set(at_nine(26))
    assert send_reminders(workspace.deps, clock.now()) == 0


def test_the_log_button_opens_the_log_kpi_modal(workspace, team, clock):
    define(workspace, team)
    clock.set(at_nine(26))
    send_reminders(workspace.deps, clock.now())
    opened = workspace.click(team["carla"], "Log KPI", channel=team["carla"]).to("views.open")
    assert opened and opened[0].args["view"]["callback_id"] == View.KPI_LOG
    spanish = workspace.click(team["ivo"], "Registrar KPI", channel=team["ivo"]).to("views.open")
    assert spanish and spanish[0].args["view"]["callback_id"] == View.KPI_LOG


@pytest.mark.parametrize(("cadence", "day", "period"), [
    ("weekly", date(2026, 11, 23), "2026-W48"), ("weekly", date(2026, 11, 29), "2026-W48"),
    ("weekly", date(2026, 11, 30), "2026-W49"), ("weekly", date(2027, 1, 1), "2026-W53"),  # ISO weeks cross years
    ("monthly", date(2026, 11, 30), "2026-11"), ("monthly", date(2026, 12, 1), "2026-12"),
])
def test_cadence_periods(cadence, day, period):
    assert cadence_period(cadence, day) == period


def test_a_leader_who_turned_kpi_reminders_off_gets_none(workspace, team, clock):
    define(workspace, team)
    workspace.command(team["carla"], "/alinea notify off kpis")
    clock.set(at_nine(26))
    jobs.kpi_reminders()
    assert not any("need a value" in c.args["text"] for c in dms(workspace, team["carla"]))
    workspace.command(team["carla"], "/alinea notify on kpis")
    clock.set(at_nine(27))
    jobs.kpi_reminders()
    assert any("need a value" in c.args["text"] for c in dms(workspace, team["carla"]))
