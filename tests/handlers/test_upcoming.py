"""Commands whose features are still to come answer with their usage, and say so, in both languages."""

from __future__ import annotations

import pytest

from bot.ids import Command
from handlers.upcoming import UPCOMING


@pytest.mark.parametrize("command", UPCOMING)
def test_help_shows_the_usage(workspace, people, command):
    exchange = workspace.command(people["sam"], f"{command.value} help")
    assert f"How to use {command.value}" in exchange.reply_text
    assert f"`{command.value}" in exchange.reply_text
    assert "not available" not in exchange.reply_text


@pytest.mark.parametrize("command", UPCOMING)
def test_anything_else_says_it_is_not_available_yet(workspace, people, command):
    exchange = workspace.command(people["maria"], f"{command.value} something")
    assert f"`{command.value}` todavía no está disponible" in exchange.reply_text
    assert exchange.replies[0]["response_type"] == "ephemeral"


def test_every_command_is_either_built_or_upcoming():
    assert set(UPCOMING) | {Command.ALINEA, Command.ASK, Command.COMMIT, Command.KPI, Command.SYNC, Command.SHADOW} == set(Command)
