"""manifest.yml is a valid Slack app manifest that declares exactly what the app registers and uses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.ids import BOT_SCOPES, ESCAPED_COMMANDS, Command, Event, Shortcut
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


@pytest.mark.parametrize("section", ["event_subscriptions", "interactivity"])
def test_request_urls_point_at_the_events_endpoint(section):
    assert MANIFEST["settings"][section]["request_url"].endswith("/slack/events")


def test_bot_scopes_are_the_ones_the_app_uses():
    assert MANIFEST["oauth_config"]["scopes"]["bot"] == list(BOT_SCOPES)
