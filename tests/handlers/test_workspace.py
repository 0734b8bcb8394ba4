"""The workspace's settings through the real App and the fake Slack: `/alinea settings` (admins only), its Change
settings button and App Home's Settings button opening the modal (checked as Block Kit by the fake), the submission
stored per workspace, audited, made once, replanning the scheduler and applying at once to what is posted and sent
next; the environment gives a workspace's settings until an admin changes them."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time, timedelta
from typing import Any
from urllib.parse import parse_qs

import pytest

from bot import format as fmt
from bot.commitments.posts import send_reminders
from bot.deps import WORKSPACE_SETTINGS_TTL, build_deps
from bot.digest import service as digest_service
from bot.i18n import t
from bot.ids import Action, Audit, View
from bot.notifications.models import NoticeKind
from bot.people import Side
from bot.pulse import service as pulse_service
from bot.recurrence import next_occurrence
from bot.simulator import payloads
from bot.simulator.fake_slack import TEAM_ID
from bot.simulator.workspace import Exchange, SimulatedWorkspace
from bot.workspace.models import WorkspaceSettings as Settings
from storage.models import AuditEntry, WorkspaceSettings
from tests.helpers import count, rows, seat, simulated_workspace

COLLAB = "CALIGN01"  # ALINEA_CHANNEL
NEW_CHANNEL = "CNEWCOLLAB"
ENVIRONMENT = Settings(channel=COLLAB, timezone="America/Mexico_City", language="en", reminder_time=time(9, 0))


@pytest.fixture
def workspace(database_url, clock):
    """The environment sets a collaboration channel and a time zone; the rest are the defaults."""
    yield from simulated_workspace(database_url, clock, alinea_timezone="America/Mexico_City", alinea_channel=COLLAB)


@pytest.fixture
def replans(workspace) -> list[str]:
    found: list[str] = []
    workspace.deps.on_replan(lambda: found.append("replan"))
    return found


def open_settings(workspace: SimulatedWorkspace, user_id: str) -> Exchange:
    """`/alinea settings`, then Change settings: the modal."""
    workspace.command(user_id, "/alinea settings")
    return workspace.click(user_id, "Change settings")


def settings_lines(workspace: SimulatedWorkspace) -> list[AuditEntry]:
    return rows(workspace.deps.db, AuditEntry, AuditEntry.action == Audit.SETTINGS_CHANGE.value)


def dm_texts(exchange: Exchange, user_id: str) -> list[str]:
    return [str(c.args.get("text")) + str(c.args.get("blocks")) for c in exchange.to("chat.postMessage")
            if c.args.get("channel") == user_id and c.error is None]


def card_of(exchange: Exchange) -> dict[str, Any]:
    """The ask card a command posted in a channel."""
    [card] = [c.args for c in exchange.to("chat.postMessage") if str(c.args.get("channel", "")).startswith("C")]
    return card


def with_value(body: str, block_id: str, state: dict[str, Any]) -> str:
    """A submission body with one input's state replaced (what only a forged or broken form sends)."""
    payload = json.loads(parse_qs(body)["payload"][0])
    payload["view"]["state"]["values"][block_id] = {Action.INPUT.value: state}
    return payloads.interactive(payload)


# --- who may see and change them --------------------------------------------------------------------------------


def test_an_admin_sees_the_environments_settings_at_first(workspace, people):
    exchange = workspace.command(people["owner"], "/alinea settings")
    [reply] = exchange.replies
    assert reply["response_type"] == "ephemeral"
    text = exchange.reply_text
    for shown in (f"<#{COLLAB}>", "America/Mexico_City", "English", "09:00, in each person's own time zone",
                  "Not set yet", "Not scheduled", "All on", "no admin has changed them yet", "Change settings"):
        assert shown in text, shown
    assert count(workspace.deps.db, WorkspaceSettings) == 0
    assert workspace.deps.workspace(TEAM_ID) == ENVIRONMENT


@pytest.mark.parametrize("words", ["ajustes", "configuración", "Settings"])
def test_the_command_reads_in_both_languages(workspace, people, words):
    assert "America/Mexico_City" in workspace.command(people["admin"], f"/alinea {words}").reply_text


def test_members_are_refused_and_nothing_is_stored(workspace, people):
    exchange = workspace.command(people["sam"], "/alinea settings")
    assert "Only admins can do that" in exchange.reply_text
    assert exchange.replies[0]["response_type"] == "ephemeral"
    assert "Solo los administradores" in workspace.command(people["maria"], "/alinea ajustes").reply_text
    workspace.command(people["owner"], "/alinea settings")
    pressed = workspace.click(people["sam"], "Change settings")  # the button of someone else's summary
    assert "Only admins can do that" in pressed.reply_text and pressed.to("views.open") == []
    assert count(workspace.deps.db, WorkspaceSettings) == 0 and count(workspace.deps.db, AuditEntry) == 0


def test_a_forged_submission_by_a_member_is_refused_under_the_form(workspace, people, replans):
    open_settings(workspace, people["owner"])
    exchange = workspace.submit(people["sam"], language="es")
    answer = json.loads(exchange.body)
    assert answer["response_action"] == "errors" and "Only admins" in answer["errors"]["timezone"]
    assert count(workspace.deps.db, WorkspaceSettings) == 0 and count(workspace.deps.db, AuditEntry) == 0
    assert replans == []


def test_help_explains_the_settings(workspace, people):
    assert "`/alinea settings`" in workspace.command(people["sam"], "/alinea help").reply_text
    usage = workspace.command(people["maria"], "/alinea ajustes ayuda").reply_text
    assert "Cómo usar /alinea settings" in usage and "registro de auditoría" in usage


# --- the modal ----------------------------------------------------------------------------------------------------


def test_change_settings_opens_the_modal_showing_each_setting(workspace, people):
    exchange = open_settings(workspace, people["owner"])
    [opened] = exchange.to("views.open")
    assert opened.error is None  # the fake checked it as Slack would
    view = workspace.open_view()
    assert view["callback_id"] == View.SETTINGS.value
    inputs = {block["block_id"]: block["element"] for block in view["blocks"] if block["type"] == "input"}
    assert inputs["channel"]["initial_conversation"] == COLLAB
    assert inputs["channel"]["filter"]["include"] == ["public", "private"]
    assert inputs["timezone"]["initial_option"]["value"] == "America/Mexico_City"
    assert all(len(group["options"]) <= 100 for group in inputs["timezone"]["option_groups"])
    assert inputs["language"]["initial_option"]["value"] == "en"
    assert inputs["reminder"]["initial_time"] == "09:00"
    assert "initial_option" not in inputs["digest_day"] and "initial_time" not in inputs["pulse_at"]
    assert [o["value"] for o in inputs["notices"]["initial_options"]] == [kind.value for kind in NoticeKind]


def test_a_zone_outside_the_list_is_offered_too(database_url, clock):
    for workspace in simulated_workspace(database_url, clock, alinea_timezone="America/Argentina/Ushuaia"):
        owner = workspace.add_person("olga", is_owner=True)
        open_settings(workspace, owner)
        [zones] = [b["element"] for b in workspace.open_view()["blocks"] if b.get("block_id") == "timezone"]
        assert zones["initial_option"]["value"] == "America/Argentina/Ushuaia"
        assert zones["option_groups"][-1]["options"] == [zones["initial_option"]]


def test_the_home_shows_admins_a_settings_button_that_opens_the_modal(workspace, people):
    def home(user_id: str) -> dict[str, Any]:
        exchange = workspace.dispatch(payloads.event({"type": "app_home_opened", "user": user_id, "tab": "home"}),
                                      payloads.JSON)
        [published] = exchange.to("views.publish")
        return published.args["view"]

    def buttons(view: dict[str, Any]) -> list[str]:
        return [e["action_id"] for b in view["blocks"] if b["type"] == "actions" for e in b["elements"]]

    seat(workspace, people, {"sam": "marketing", "olga": "it"})
    assert Action.SETTINGS_OPEN.value in buttons(home(people["owner"]))  # on a side
    assert Action.SETTINGS_OPEN.value in buttons(home(people["admin"]))  # on no side: the welcome
    assert Action.SETTINGS_OPEN.value not in buttons(home(people["sam"]))
    assert Action.SETTINGS_OPEN.value not in buttons(home(people["ivan"]))
    home(people["owner"])
    exchange = workspace.click(people["owner"], "Settings")
    assert exchange.to("views.open") and workspace.open_view()["callback_id"] == View.SETTINGS.value


# --- a change: stored, audited, once, replanned, applied at once ---------------------------------------------------


def test_a_change_is_stored_audited_replanned_and_confirmed(workspace, people, replans, clock):
    open_settings(workspace, people["owner"])
    exchange = workspace.submit(people["owner"], channel=NEW_CHANNEL, timezone="Europe/Madrid", language="es",
                                reminder="08:30", notices="asks,owned,sync")
    assert exchange.status == 200 and exchange.body in ("", "{}")
    [stored] = rows(workspace.deps.db, WorkspaceSettings, order_by=WorkspaceSettings.workspace_id)
    assert (stored.channel_id, stored.timezone, stored.language, stored.reminder_minute, stored.notices_off,
            stored.updated_by) == (NEW_CHANNEL, "Europe/Madrid", "es", 8 * 60 + 30, ["kpis", "team"], people["owner"])
    [line] = settings_lines(workspace)
    assert (line.actor_id, line.subject) == (people["owner"], "settings")
    assert line.detail == {"channel": [COLLAB, NEW_CHANNEL], "timezone": ["America/Mexico_City", "Europe/Madrid"],
                           "language": ["en", "es"], "reminder_time": ["09:00:00", "08:30:00"],
                           "notices_off": [[], ["kpis", "team"]]}
    assert replans == ["replan"]
    [confirmation] = dm_texts(exchange, people["owner"])
    assert "Settings saved." in confirmation and f"<#{NEW_CHANNEL}>" in confirmation and "Español" in confirmation
    assert exchange.to("views.publish")[0].args["user_id"] == people["owner"]  # the admin's Home
    assert workspace.deps.workspace(TEAM_ID) == Settings(channel=NEW_CHANNEL, timezone="Europe/Madrid",
                                                         language="es", reminder_time=time(8, 30),
                                                         notices_off=frozenset({NoticeKind.KPIS, NoticeKind.TEAM}))
    text = workspace.command(people["admin"], "/alinea settings").reply_text
    assert "Last changed by <@UOLGA>" in text and "Off: `team`, `kpis`" in text


def test_the_same_submission_twice_changes_once(workspace, people, replans):
    open_settings(workspace, people["owner"])
    body = workspace.submission(people["owner"], language="es")
    first = workspace.dispatch(body, payloads.FORM)
    second = workspace.dispatch(body, payloads.FORM)
    assert first.status == second.status == 200
    assert len(settings_lines(workspace)) == 1 and count(workspace.deps.db, WorkspaceSettings) == 1
    assert len(dm_texts(first, people["owner"])) == 1 and dm_texts(second, people["owner"]) == []
    assert replans == ["replan"]


def test_saving_what_is_there_changes_nothing(workspace, people, replans):
    open_settings(workspace, people["owner"])
    exchange = workspace.submit(people["owner"])
    assert "Nothing changed" in dm_texts(exchange, people["owner"])[0]
    assert count(workspace.deps.db, WorkspaceSettings) == 0 and count(workspace.deps.db, AuditEntry) == 0
    assert replans == []


@pytest.mark.parametrize(("block_id", "state", "problem"), [
    ("timezone", {"type": "static_select", "selected_option": {"value": "Mars/Olympus_Mons"}},
     "`Mars/Olympus_Mons` is not a time zone Alinea knows"),
    ("timezone", {"type": "static_select", "selected_option": {"value": "../../etc/passwd"}}, "is not a time zone"),
    ("channel", {"type": "conversations_select", "selected_conversation": "DPRIVATE1"}, "public or private channel"),
    ("language", {"type": "static_select", "selected_option": {"value": "fr"}}, "English or Español"),
    ("reminder", {"type": "timepicker", "selected_time": "25:00"}, "Choose a time"),
    ("pulse_every", {"type": "static_select", "selected_option": {"value": "13"}}, "every 12 weeks"),
])
def test_a_bad_value_shows_under_its_input_and_changes_nothing(workspace, people, replans, block_id, state, problem):
    open_settings(workspace, people["owner"])
    body = with_value(workspace.submission(people["owner"], language="es"), block_id, state)
    answer = json.loads(workspace.dispatch(body, payloads.FORM).body)
    assert answer["response_action"] == "errors"
    assert problem.replace("`", "") in answer["errors"][block_id]
    assert count(workspace.deps.db, WorkspaceSettings) == 0 and count(workspace.deps.db, AuditEntry) == 0
    assert replans == []


def test_a_day_without_a_time_is_refused_under_the_time(workspace, people):
    open_settings(workspace, people["owner"])
    answer = json.loads(workspace.submit(people["owner"], digest_day="4").body)
    assert answer == {"response_action": "errors",
                      "errors": {"digest_at": "Choose both a day and a time, or neither."}}
    answer = json.loads(workspace.submit(people["owner"], pulse_at="10:00").body)
    assert "pulse_day" in answer["errors"]


# --- applied at once ----------------------------------------------------------------------------------------------


def test_a_new_language_and_channel_apply_to_the_next_ask_card(workspace, people):
    seat(workspace, people, {"sam": "marketing", "ivan": "it"})
    first = card_of(workspace.command(people["sam"], "/ask Landing page"))
    assert first["channel"] == COLLAB
    assert first["text"] == t("en", "ask.posted_text", ref="A-1", title="Landing page", side=fmt.side("en", Side.IT))
    open_settings(workspace, people["owner"])
    workspace.submit(people["owner"], channel=NEW_CHANNEL, language="es")
    second = card_of(workspace.command(people["sam"], "/ask Pricing page"))
    assert second["channel"] == NEW_CHANNEL
    assert second["text"] == t("es", "ask.posted_text", ref="A-2", title="Pricing page", side=fmt.side("es", Side.IT))


def test_the_workspace_language_is_that_of_people_whose_slack_language_alinea_does_not_speak(workspace, people):
    pierre = workspace.add_person("pierre", locale="fr-FR")
    assert "Commands" in workspace.command(pierre, "/alinea help").reply_text
    open_settings(workspace, people["owner"])
    workspace.submit(people["owner"], language="es")
    assert "Comandos" in workspace.command(pierre, "/alinea help").reply_text
    assert "Commands" in workspace.command(people["sam"], "/alinea help").reply_text  # Slack in English


def test_reminders_come_at_the_new_local_time(workspace, people, clock):
    seat(workspace, people, {"sam": "marketing"})  # Sam lives in UTC
    workspace.command(people["sam"], "/commit Send the brief due:tomorrow")
    open_settings(workspace, people["owner"])
    workspace.submit(people["owner"], reminder="07:30")
    thursday = datetime(2026, 11, 26, tzinfo=UTC)
    assert send_reminders(workspace.deps, thursday.replace(hour=9)) == 0  # the old time: 90 minutes too late
    assert send_reminders(workspace.deps, thursday.replace(hour=7, minute=29)) == 0
    assert send_reminders(workspace.deps, thursday.replace(hour=7, minute=30)) == 1


def test_the_digest_and_the_pulse_move_as_their_own_commands_move_them(workspace, people, replans, clock):
    open_settings(workspace, people["owner"])
    workspace.submit(people["owner"], digest_day="4", digest_at="16:30", pulse_day="1", pulse_at="11:00",
                     pulse_every="2")
    [digest] = digest_service.settings_of(workspace.deps.db, clock.now())
    assert next_occurrence(digest.series, clock.now()).isoformat() == "2026-11-27T22:30:00+00:00"  # Fri 16:30 CST
    [pulse] = pulse_service.settings_of(workspace.deps.db)
    assert (pulse.series.every_weeks, pulse.series.anchor.weekday(), pulse.series.at, pulse.series.timezone) == (
        2, 1, time(11, 0), "America/Mexico_City")
    actions = [line.action for line in rows(workspace.deps.db, AuditEntry)]
    assert sorted(actions) == ["digest.config", "pulse.config"]  # the workspace's own settings did not change
    assert replans == ["replan", "replan"]  # the digest's and the pulse's own after-change functions
    summary = workspace.command(people["owner"], "/alinea settings").reply_text
    assert "Friday at 16:30 (Mexico City)" in summary and "Every 2 weeks on Tuesday at 11:00" in summary


def test_a_digest_with_a_rhythm_keeps_its_zone_and_channel(workspace, people, clock):
    workspace.command(people["owner"], "/digest config mon 09:00 tz:UTC in:<#CLEADERS|leaders>")
    open_settings(workspace, people["owner"])
    inputs = {b["block_id"]: b["element"] for b in workspace.open_view()["blocks"] if b["type"] == "input"}
    assert (inputs["digest_day"]["initial_option"]["value"], inputs["digest_at"]["initial_time"]) == ("0", "09:00")
    workspace.submit(people["owner"], digest_day="2", timezone="Europe/Madrid")
    [digest] = digest_service.settings_of(workspace.deps.db, clock.now())
    assert (digest.series.anchor.weekday(), digest.series.timezone, digest.channel_id) == (2, "UTC", "CLEADERS")


def test_notification_defaults_apply_to_people_who_never_chose(workspace, people):
    workspace.command(people["sam"], "/alinea notify on team")  # Sam chose
    open_settings(workspace, people["owner"])
    workspace.submit(people["owner"], notices="asks,owned,sync,kpis")  # team off for the others
    added = workspace.command(people["owner"], "/alinea team add @ivan it")
    assert dm_texts(added, people["ivan"]) == []
    added = workspace.command(people["owner"], "/alinea team add @sam marketing")
    assert len(dm_texts(added, people["sam"])) == 1
    listing = workspace.command(people["ivan"], "/alinea notify").reply_text
    assert "`team` · *off*" in listing and "`asks` · *on*" in listing


# --- per workspace; the environment's defaults --------------------------------------------------------------------


def test_a_workspace_no_admin_changed_reads_the_environment(workspace, people):
    open_settings(workspace, people["owner"])
    workspace.submit(people["owner"], language="es", timezone="Europe/Madrid")
    assert workspace.deps.workspace("TOTHER") == ENVIRONMENT
    assert workspace.deps.workspace() == ENVIRONMENT  # outside of any workspace's work
    assert workspace.deps.workspace(TEAM_ID).language == "es"


def test_another_process_sees_a_change_within_its_cache_time(workspace, people, clock):
    other = build_deps(workspace.deps.settings, clock=clock)  # a replica on the same store
    try:
        assert other.workspace(TEAM_ID).language == "en"
        open_settings(workspace, people["owner"])
        workspace.submit(people["owner"], language="es")
        assert workspace.deps.workspace(TEAM_ID).language == "es"  # the process that made it: at once
        assert other.workspace(TEAM_ID).language == "en"
        clock.advance(WORKSPACE_SETTINGS_TTL + timedelta(seconds=1))
        assert other.workspace(TEAM_ID).language == "es"
    finally:
        other.db.dispose()


def test_when_the_store_cant_answer_the_settings_read_before_stand(workspace, people, clock, monkeypatch):
    open_settings(workspace, people["owner"])
    workspace.submit(people["owner"], language="es")
    assert workspace.deps.workspace(TEAM_ID).language == "es"

    def down(*_args: object) -> None:
        raise OSError("the store is down")

    monkeypatch.setattr("bot.workspace.service.settings_of", down)
    clock.advance(WORKSPACE_SETTINGS_TTL * 2)
    assert workspace.deps.workspace(TEAM_ID).language == "es"  # what was read before
    assert workspace.deps.workspace("TOTHER") == ENVIRONMENT  # never read: the environment's
