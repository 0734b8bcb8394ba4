"""`alinea console`: type slash commands as a member and see what Slack would show, no Slack needed."""

from __future__ import annotations

import shlex
from collections.abc import Callable

from bot.settings import Settings
from bot.simulator.workspace import Exchange, SimulatedWorkspace

GREETING = """Alinea console. You are @{user}, an owner of this pretend workspace.
Type a slash command (/alinea help), or :as NAME to become someone else, :help, :quit."""

CONSOLE_HELP = """:as NAME     act as another person (created on first use; not an admin)
:quit        leave (Ctrl-D too)
/command …   anything a member can type in Slack, e.g. /alinea join it or /alinea team add @maria mkt leader"""


class Console:
    def __init__(self, settings: Settings, user: str, out: Callable[[str], None] = print) -> None:
        self.workspace = SimulatedWorkspace(settings.database_url)
        self.out = out
        self.user_id = self._person(user, owner=True)

    def _person(self, name: str, owner: bool = False) -> str:
        name = name.lstrip("@").lower()
        existing = self.workspace.slack.user_by_name(name) or (name.upper() if name.upper() in self.workspace.slack.users else None)
        if existing:
            return existing
        return self.workspace.add_person(name, tz=self.workspace.deps.settings.alinea_timezone, is_owner=owner)

    def handle(self, line: str) -> bool:
        """Run one typed line; False when the console should end."""
        line = line.strip()
        if not line:
            return True
        if line.startswith(":"):
            return self._meta(line)
        if not line.startswith("/"):
            self.out("Slash commands start with /, e.g. /alinea help. :help lists the console's own commands.")
            return True
        self.show(self.workspace.command(self.user_id, line))
        return True

    def _meta(self, line: str) -> bool:
        words = shlex.split(line[1:]) if line.count('"') % 2 == 0 else line[1:].split()
        match words:
            case ["quit" | "q" | "exit"]:
                return False
            case ["as", name]:
                self.user_id = self._person(name)
                self.out(f"You are now @{self.workspace.slack.users[self.user_id]['name']} ({self.user_id}).")
            case _:
                self.out(CONSOLE_HELP)
        return True

    def show(self, exchange: Exchange) -> None:
        for line in self.workspace.show(exchange):
            self.out(line)

    def loop(self) -> None:
        name = self.workspace.slack.users[self.user_id]["name"]
        self.out(GREETING.format(user=name))
        try:
            while True:
                try:
                    line = input(f"{self.workspace.slack.users[self.user_id]['name']}> ")
                except EOFError:
                    break
                if not self.handle(line):
                    break
        finally:
            self.workspace.close()
