"""manifest.yml is a valid Slack app manifest that declares exactly what the app registers and uses."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from bot.ids import BOT_SCOPES, ESCAPED_COMMANDS, Command, Event, Function, LogAskInput, LogAskOutput, Shortcut
from bot.simulator import payloads
from bot.simulator.workspace import SimulatedWorkspace

MANIFEST = yaml.safe_load((Path(__file__).parents[1] / "manifest.yml").read_text())


def test_display_information_is_within_slacks_limits():
    info = MANIFEST["display_information"]
    assert 1 <= len(info["name"]) <= 35
    assert len(info["description"]) <= 140
    assert 175 <= len(info["long_description"]) <= 4000
    assert re.fullmatch(r"#[0-9a-fA-F]{6}", info["background_color"])


def test_the_manifest_declares_exactly_the_apps_commands_escaped():
    commands = {c["command"]: c for c in MANIFEST["features"]["slash_commands"]}
    assert set(commands) == {c.value for c in Command}
    for name, command in commands.items():
        assert command["should_escape"] is (name in ESCAPED_COMMANDS)
        assert 0 < len(command["description"]) <= 2000
        assert len(command.get("usage_hint", "")) <= 1000
        assert command["url"].endswith("/slack/events")


def test_every_declared_command_is_answered_by_the_app(workspace: SimulatedWorkspace):
    user = workspace.add_person("sam")
    for command in MANIFEST["features"]["slash_commands"]:
        exchange = workspace.command(user, f"{command['command']} help")
        assert exchange.status == 200, command["command"]
        assert exchange.replies, f"{command['command']} help got no reply"


def test_message_shortcut_home_tab_and_events():
    features = MANIFEST["features"]
    assert features["shortcuts"] == [
        {"name": "Log as ask", "type": "message", "callback_id": Shortcut.LOG_ASK.value,
         "description": "Turn this message into an ask for the other side"}
    ]
    assert features["app_home"]["home_tab_enabled"] is True
    assert features["bot_user"]["display_name"]
    settings = MANIFEST["settings"]
    assert settings["event_subscriptions"]["bot_events"] == [e.value for e in Event]
    assert settings["interactivity"]["is_enabled"] is True
    assert isinstance(settings["socket_mode_enabled"], bool)


# What the Log an ask step reads from each input, by its type: the manifest and the code must name the same inputs.
STEP_INPUTS = {
    LogAskInput.REQUESTER: ("slack#/types/user_id", True),
    LogAskInput.TITLE: ("string", True),
    LogAskInput.DETAILS: ("string", False),
    LogAskInput.DUE_DATE: ("slack#/types/date", False),
    LogAskInput.PRIORITY: ("string", False),
    LogAskInput.CATEGORY: ("string", False),
}
STEP_OUTPUTS = {LogAskOutput.REFERENCE: True, LogAskOutput.LINK: False}


def test_the_manifest_declares_exactly_the_apps_workflow_steps_run_by_the_app():
    assert set(MANIFEST["functions"]) == {f.value for f in Function}
    assert MANIFEST["settings"]["function_runtime"] == "remote"  # Bolt runs them, not Slack
    assert MANIFEST["settings"]["org_deploy_enabled"] is True  # Workflow Builder lists the steps of org-ready apps
    assert Event.FUNCTION_EXECUTED.value in MANIFEST["settings"]["event_subscriptions"]["bot_events"]
    for callback_id, function in MANIFEST["functions"].items():
        assert function["title"] and function["description"], callback_id
        for parameters in (function["input_parameters"], function.get("output_parameters", {})):
            for name, parameter in parameters.items():
                assert parameter["title"] and parameter["description"] and isinstance(parameter["is_required"], bool)
                assert re.fullmatch(r"[a-z_]+", name), name


def test_the_log_an_ask_step_declares_the_inputs_it_reads_and_the_outputs_it_gives():
    step = MANIFEST["functions"][Function.LOG_ASK]
    assert step["title"] == "Log an ask"
    assert {name: (p["type"], p["is_required"]) for name, p in step["input_parameters"].items()} == {
        name.value: shape for name, shape in STEP_INPUTS.items()}
    assert set(STEP_INPUTS) == set(LogAskInput)
    assert {name: (p["type"], p["is_required"]) for name, p in step["output_parameters"].items()} == {
        name.value: ("string", required) for name, required in STEP_OUTPUTS.items()}
    assert set(STEP_OUTPUTS) == set(LogAskOutput)


def test_every_declared_step_is_run_by_the_app_with_every_input_it_declares(workspace: SimulatedWorkspace):
    """Each input the manifest declares, given, reaches the ask; the step ends with every output it declares."""
    from storage.models import Ask
    from tests.helpers import rows

    sam = workspace.add_person("sam")
    workspace.command(sam, "/alinea join marketing")
    by_type = {"slack#/types/user_id": sam, "slack#/types/date": "2026-12-04"}
    strings = {"title": "Landing page", "details": "For the spring launch", "priority": "high", "category": "martech"}
    for callback_id, function in MANIFEST["functions"].items():
        inputs = {name: by_type.get(p["type"]) or strings[name] for name, p in function["input_parameters"].items()}
        exchange = workspace.dispatch(payloads.function_executed(callback_id, inputs), payloads.JSON)
        assert exchange.status == 200, callback_id
        [done] = exchange.to("functions.completeSuccess")
        assert set(json.loads(done.args["outputs"])) == set(function["output_parameters"])
    [ask] = rows(workspace.deps.db, Ask)
    assert (ask.requester_id, ask.title, ask.details, str(ask.due_date), ask.priority, ask.category) == (
        sam, "Landing page", "For the spring launch", "2026-12-04", "high", "martech")
    undeclared = workspace.dispatch(payloads.function_executed("not_declared", {}), payloads.JSON)
    assert undeclared.status == 404 and undeclared.calls == []  # the app runs no step the manifest does not declare


@pytest.mark.parametrize("section", ["event_subscriptions", "interactivity"])
def test_request_urls_point_at_the_events_endpoint(section):
    assert MANIFEST["settings"][section]["request_url"].endswith("/slack/events")


def test_bot_scopes_are_the_ones_the_app_uses():
    assert MANIFEST["oauth_config"]["scopes"]["bot"] == list(BOT_SCOPES)


# The bot scopes each Web API method Alinea calls needs (Slack's method reference), for its DMs, group DMs, public
# and private channels; None: no scope (the method takes any token, or the workflow step's own).
METHOD_SCOPES: dict[str, tuple[str, ...]] = {
    "chat_postMessage": ("chat:write",),
    "chat_update": ("chat:write",),
    "chat_postEphemeral": ("chat:write",),
    "chat_getPermalink": (),
    "conversations_open": ("im:write", "mpim:write"),
    "conversations_history": ("im:history", "mpim:history", "channels:history", "groups:history"),
    "conversations_info": ("channels:read", "groups:read"),
    "users_info": ("users:read",),
    "users_list": ("users:read",),
    "views_open": (),
    "views_publish": (),
    "files_upload_v2": ("files:write",),
    "functions_completeSuccess": (),
    "functions_completeError": (),
    "auth_test": (),  # at start, which workspace the one bot token serves
}
SOURCES = Path(__file__).parents[1]


def _methods_called() -> set[str]:
    """Every Web API method the app's code calls on its client (`….client.chat_postMessage(`), simulator aside."""
    found: set[str] = set()
    for package in ("bot", "handlers", "schedules"):
        for path in (SOURCES / package).rglob("*.py"):
            if "simulator" not in path.parts:
                found |= set(re.findall(r"\b_?client\.([a-z]+_[A-Za-z0-9_]+)\(", path.read_text()))
    return found


def test_every_scope_is_used_and_every_method_called_has_its_scope():
    called = _methods_called()
    assert {"chat_postMessage", "users_info", "conversations_info", "files_upload_v2"} <= called  # the scan works
    assert called <= set(METHOD_SCOPES), f"scopes of {called - set(METHOD_SCOPES)} unknown: add them above"
    needed = {scope for method in called for scope in METHOD_SCOPES[method]}
    assert needed | {"commands"} == set(BOT_SCOPES)  # `commands`: the slash commands and the message shortcut


EVENT_SAMPLES = {
    Event.APP_HOME_OPENED: {"type": "app_home_opened", "user": "USAM", "tab": "home"},
    Event.MESSAGE_IM: {"type": "message", "channel_type": "im", "channel": "DSAM", "user": "USAM", "text": "hi",
                       "ts": "1700000000.000100"},
    Event.FUNCTION_EXECUTED: {},  # the Log an ask step (its own payload builder)
    Event.APP_UNINSTALLED: {"type": "app_uninstalled"},
    Event.TOKENS_REVOKED: {"type": "tokens_revoked", "tokens": {"oauth": ["USAM"]}},
}


@pytest.mark.parametrize("event", list(Event))
def test_every_subscribed_event_reaches_a_listener(workspace: SimulatedWorkspace, event: Event):
    """Bolt answers 404 to an event no listener takes: each event the manifest subscribes to is taken."""
    assert event in EVENT_SAMPLES, f"add a sample of {event}"
    workspace.slack.add_user("USAM", "sam")
    body = (payloads.function_executed(Function.LOG_ASK, {"requester": "USAM", "title": "Landing page"})
            if event is Event.FUNCTION_EXECUTED else payloads.event(EVENT_SAMPLES[event]))
    exchange = workspace.dispatch(body, payloads.JSON)
    assert exchange.status == 200, exchange.body
