"""/sync through the real App, and the sync jobs called with a fixed clock."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from bot.recurrence import period_key
from bot.syncs import service as syncs
from schedules import jobs, runtime
from storage.models import Commitment, Sync, SyncDecision, SyncMeeting, SyncTopic
from tests.helpers import rows, seat


@pytest.fixture
def team(workspace, people):
    """Carla leads marketing, Ivo leads IT; Sam and Iván are members."""
    seat(workspace, people, {"carla": "marketing leader", "ivo": "it leader", "sam": "marketing", "ivan": "it"},
         carla={"tz": "America/New_York"}, ivo={"locale": "es-LA"})
    runtime.install(workspace.deps)
    return people


def schedule(workspace, team, extra=""):
    return workspace.command(team["carla"], f'/sync schedule "CMO–CIO sync" mon 09:00 with @ivo {extra}'.strip())


def test_a_leader_schedules_a_weekly_sync_in_their_time_zone(workspace, team):
    exchange = schedule(workspace, team)
    [sync] = rows(workspace.deps.db, Sync)
    assert (sync.number, sync.name, sync.every_weeks, sync.timezone, sync.remind_hours) == (
        1, "CMO–CIO sync", 1, "America/New_York", 24)
    assert sync.participants == [team["carla"], team["ivo"]]
    assert sync.anchor.isoformat() == "2026-11-30"  # the Monday after Wednesday 2026-11-25
    assert "Scheduled *S-1 · CMO–CIO sync*, every week on Mon at 09:00 (New York)." in exchange.reply_text
    assert "First meeting Mon, Nov 30, 09:00 New York," in exchange.reply_text  # in Carla's zone, labelled


def test_sync_times_read_in_the_readers_zone_and_the_series_when_it_differs(workspace, team, people):
    """Issue 16: "09:30 (Europe/Madrid). First meeting 2026-12-08 03:30" named one zone and showed another."""
    workspace.command(team["carla"], '/sync schedule "CMO–CIO" tue 09:30 with @ivo tz:Europe/Madrid')
    listed = workspace.command(team["carla"], "/sync list").reply_text  # Carla lives in New York
    assert "every week on Tue at 09:30 (Madrid)" in listed
    assert "Next: Tue, Dec 1, 03:30 New York · 09:30 Madrid" in listed
    spanish = workspace.command(people["maria"], "/sync list").reply_text  # María lives in Mexico City
    assert "Próxima: mar 1 dic, 02:30 Mexico City · 09:30 Madrid" in spanish


@pytest.mark.parametrize("who", ["sam", "ivan"])
def test_members_cannot_schedule(workspace, team, who):
    refused = workspace.command(team[who], '/sync schedule "X" mon 09:00 with @ivo')
    assert "Only leaders and admins can schedule or cancel syncs." in refused.reply_text
    assert rows(workspace.deps.db, Sync) == []


def test_malformed_schedules_show_the_form(workspace, team):
    for line in ['/sync schedule "X" someday 09:00 with @ivo', '/sync schedule "X" mon 25:00 with @ivo',
                 '/sync schedule "X" mon 09:00', '/sync schedule "X" mon 09:00 with @ivo tz:Mars/Base']:
        exchange = workspace.command(team["carla"], line)
        assert "/sync schedule" in exchange.reply_text and exchange.replies[0]["response_type"] == "ephemeral"
    assert rows(workspace.deps.db, Sync) == []


def test_list_cancel_and_which_sync(workspace, team):
    schedule(workspace, team)
    workspace.command(team["ivo"], '/sync schedule "IT–Marketing data" thu 16:00 every:2w with @carla tz:UTC')
    listed = workspace.command(team["sam"], "/sync list").reply_text
    assert "Syncs (2)" in listed and "every 2 weeks on Thu at 16:00 (UTC)" in listed
    assert "Which sync? Name one of S-1, S-2" in workspace.command(team["sam"], "/sync agenda").reply_text
    assert "Only leaders" in workspace.command(team["sam"], "/sync cancel S-1").reply_text
    assert "Cancelled *S-1" in workspace.command(team["carla"], "/sync cancel S-1").reply_text
    assert "Syncs (1)" in workspace.command(team["sam"], "/sync list").reply_text
    assert "There is no sync S-9" in workspace.command(team["sam"], "/sync agenda S-9").reply_text


def test_the_schedule_modal(workspace, team):
    workspace.command(team["carla"], "/sync schedule")
    bad = workspace.submit(team["carla"], weekday="0", timezone="Nowhere/City", participants="@ivo")
    assert '"timezone"' in bad.response.body and rows(workspace.deps.db, Sync) == []
    done = workspace.submit(team["carla"], weekday="3", at="16:30", every="2", participants="@ivo", remind="2")
    [sync] = rows(workspace.deps.db, Sync)
    assert (sync.anchor.weekday(), sync.at_minute, sync.every_weeks, sync.remind_hours, sync.timezone) == (
        3, 16 * 60 + 30, 2, 2, "America/New_York")
    assert "Scheduled *S-1" in done.to("chat.postMessage")[0].args["text"]


def seed_agenda(workspace, team):
    workspace.command(team["sam"], "/ask Landing page due:2026-11-26 !urgent")
    workspace.command(team["sam"], "/ask Old request")
    workspace.command(team["sam"], "/commit Patch the CMS due:2026-11-25")
    workspace.command(team["carla"], '/kpi define lcr "Lead conversion" target:3.5% owner:marketing')
    workspace.command(team["sam"], "/sync topic Budget for the data warehouse")


def test_the_agenda_writes_itself_from_the_store(workspace, team, clock):
    schedule(workspace, team)
    seed_agenda(workspace, team)
    clock.advance(timedelta(days=2))
    text = workspace.command(team["sam"], "/sync agenda").reply_text
    assert "Budget for the data warehouse" in text
    assert "*A-1* Landing page" in text and "*A-2* Old request" in text
    assert "*C-1* Patch the CMS" in text
    assert "*Lead conversion* · :white_circle: No data yet" in text
    assert "A preview" in text
    assert [t.meeting_id for t in rows(workspace.deps.db, SyncTopic)] == [None]  # a preview uses nothing up


def meeting_at(workspace, sync_number=1):
    sync = syncs.get(workspace.deps.db, "T0ALINEA", sync_number, workspace.deps.clock.now())
    return sync, sync.next_meeting(workspace.deps.clock.now())


def test_at_meeting_time_the_agenda_is_posted_once_to_the_group_dm(workspace, team, clock):
    schedule(workspace, team)
    seed_agenda(workspace, team)
    sync, at = meeting_at(workspace)
    clock.set(at)
    jobs.sync_meeting(sync.id, period_key(at))
    jobs.sync_meeting(sync.id, period_key(at))  # a retry, a restart, another scheduler: nothing more
    [opened] = workspace.slack.calls_to("conversations.open")
    assert opened.args["users"] == f"{team['carla']},{team['ivo']}"
    [posted] = [c for c in workspace.slack.calls_to("chat.postMessage") if c.args["channel"].startswith("G")]
    assert "S-1 · CMO–CIO sync" in posted.args["text"]
    assert any(e["text"]["text"] == "Record outcome" for b in posted.args["blocks"] if b["type"] == "actions"
               for e in b["elements"])
    [meeting] = rows(workspace.deps.db, SyncMeeting)
    assert (meeting.occurs_at, meeting.message_ts) == (at, posted.result["ts"])
    assert [t.meeting_id for t in rows(workspace.deps.db, SyncTopic)] == [meeting.id]  # topics used up


def test_agendas_go_to_the_channel_when_one_is_given(workspace, team, clock):
    schedule(workspace, team, "in:<#CLEADERS|leaders>")
    sync, at = meeting_at(workspace)
    clock.set(at + timedelta(minutes=5))
    jobs.sync_meeting(sync.id, period_key(at))
    assert [c.args["channel"] for c in workspace.slack.calls_to("chat.postMessage")][-1] == "CLEADERS"
    assert workspace.slack.calls_to("conversations.open") == []


def test_participants_are_asked_for_topics_once_before_the_meeting(workspace, team, clock):
    schedule(workspace, team)
    sync, at = meeting_at(workspace)
    clock.set(at - timedelta(hours=24))
    mark = workspace.slack.mark()  # the leaders' welcome DMs (`seat`) came before
    jobs.sync_reminder(sync.id, period_key(at))
    jobs.sync_reminder(sync.id, period_key(at))
    dms = [c for c in workspace.slack.since(mark) if c.method == "chat.postMessage"
           and c.args["channel"] in (team["carla"], team["ivo"])]
    assert sorted(c.args["channel"] for c in dms) == sorted([team["carla"], team["ivo"]])
    spanish = next(c for c in dms if c.args["channel"] == team["ivo"])
    assert "¿Qué debería estar en la agenda?" in spanish.args["text"]
    workspace.click(team["ivo"], "Agregar un tema")
    workspace.submit(team["ivo"], topic="Shared lead scoring")
    assert [t.text for t in rows(workspace.deps.db, SyncTopic)] == ["Shared lead scoring"]


def test_an_outcome_owner_off_the_sides_is_refused_under_that_row_in_plain_text(workspace, team, clock):
    schedule(workspace, team)
    sync, at = meeting_at(workspace)
    clock.set(at)
    jobs.sync_meeting(sync.id, period_key(at))
    workspace.click(team["ivo"], "Record outcome")
    refused = workspace.submit(team["ivo"], decisions="One model", c1_owner="@sam", c1_text="Draft", c1_due="2026-12-11",
                               c2_owner="@stranger", c2_text="Help", c2_due="2026-12-11")
    errors = json.loads(refused.response.body)["errors"]
    assert list(errors) == ["c2_owner"]
    assert errors["c2_owner"].startswith("@stranger ") and "<@" not in errors["c2_owner"]
    assert rows(workspace.deps.db, SyncDecision) == []


def test_record_outcome_stores_decisions_and_commitments_in_the_thread(workspace, team, clock):
    schedule(workspace, team)
    sync, at = meeting_at(workspace)
    clock.set(at)
    jobs.sync_meeting(sync.id, period_key(at))
    workspace.click(team["ivo"], "Record outcome")
    half = workspace.submit(team["ivo"], decisions="One lead-scoring model", c1_owner="@sam")
    assert '"c1_due"' in half.response.body and rows(workspace.deps.db, SyncDecision) == []
    done = workspace.submit(team["ivo"], decisions="One lead-scoring model\n• Monthly data review",
                            c1_owner="@sam", c1_text="Draft the scoring rules", c1_due="2026-12-11",
                            c2_owner="@ivan", c2_text="Expose the CRM events", c2_due="2026-12-18")
    assert [d.text for d in rows(workspace.deps.db, SyncDecision)] == ["One lead-scoring model", "Monthly data review"]
    made = [(c.owner_id, c.side, c.text, c.sync_id) for c in rows(workspace.deps.db, Commitment)]
    assert made == [(team["sam"], "marketing", "Draft the scoring rules", sync.id),
                    (team["ivan"], "it", "Expose the CRM events", sync.id)]
    [meeting] = rows(workspace.deps.db, SyncMeeting)
    thread = [c for c in done.to("chat.postMessage") if c.args.get("thread_ts") == meeting.message_ts]
    assert len(thread) == 1 and "Draft the scoring rules" in str(thread[0].args["blocks"])
    history = workspace.command(team["sam"], "/sync history").reply_text
    assert "One lead-scoring model" in history
    next_agenda = workspace.command(team["sam"], "/sync agenda").reply_text
    assert "Monthly data review" in next_agenda  # last meeting's decisions


def test_people_outside_the_sync_cannot_record_its_outcome(workspace, team, clock):
    schedule(workspace, team)
    sync, at = meeting_at(workspace)
    clock.set(at)
    jobs.sync_meeting(sync.id, period_key(at))
    workspace.click(team["sam"], "Record outcome")
    refused = workspace.submit(team["sam"], decisions="Sam decides")
    assert "Only leaders and admins" in refused.response.body
    assert rows(workspace.deps.db, SyncDecision) == []


def test_a_cancelled_sync_posts_nothing(workspace, team, clock):
    schedule(workspace, team)
    sync, at = meeting_at(workspace)
    workspace.command(team["carla"], "/sync cancel S-1")
    clock.set(at)
    jobs.sync_meeting(sync.id, period_key(at))
    assert rows(workspace.deps.db, SyncMeeting) == []


def test_help(workspace, team):
    assert "How to use /sync" in workspace.command(team["sam"], "/sync help").reply_text


def test_the_fixed_clock_is_what_the_jobs_use(workspace, team, clock):
    clock.set(datetime(2026, 12, 7, 14, 0, tzinfo=UTC))
    assert runtime.current().clock.now() == datetime(2026, 12, 7, 14, 0, tzinfo=UTC)


def agenda_section(text: str, heading: str) -> str:
    """The lines of one part of an agenda, from its heading to the next."""
    part = text.split(f"*{heading}*\n", 1)[1]
    return part.split("\n*", 1)[0]


@pytest.mark.parametrize(("who", "waiting", "pressing", "nothing"), [
    ("carla", "Asks waiting longest", "High and urgent asks", "_Nothing._"),
    ("ivo", "Solicitudes que más han esperado", "Solicitudes altas y urgentes", "_Nada._"),
])
def test_the_urgent_part_lists_the_urgent_asks_even_when_they_also_wait_longest(workspace, team, clock, who,
                                                                                waiting, pressing, nothing):
    schedule(workspace, team)
    workspace.command(team["sam"], "/ask Old request")
    assert agenda_section(workspace.command(team[who], "/sync agenda").reply_text, pressing) == nothing
    workspace.command(team["sam"], "/ask Landing page due:2026-11-26 !urgent")  # open: it waits too
    workspace.command(team["sam"], "/ask Tracking pixel !high")
    workspace.command(team["ivan"], "/ask accept A-3 due:fri")  # accepted: pressing, no longer waiting
    text = workspace.command(team[who], "/sync agenda").reply_text
    urgent = agenda_section(text, pressing).splitlines()
    assert [line.split(" ", 2)[1] for line in urgent] == ["*A-2*", "*A-3*"]  # urgent first, then high
    waits = agenda_section(text, waiting).splitlines()
    assert [line.split(" ", 2)[1] for line in waits] == ["*A-1*", "*A-2*"]
    assert waits[1].endswith(":red_circle: urgent" if who == "carla" else ":red_circle: urgente")
    assert ":large_blue_circle:" not in waits[0]  # a normal ask is not flagged
