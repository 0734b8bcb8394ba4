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
