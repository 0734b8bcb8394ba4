"""`alinea console`: type slash commands as a member and see what Slack would show, no Slack needed."""

from __future__ import annotations

import shlex
from collections.abc import Callable
from functools import partial

from bot.commitments.posts import send_reminders
from bot.digest.posts import send_digest_now
from bot.pulse.posts import run_pulse_now
from bot.settings import Settings
from bot.shadowing.posts import run_rounds_now
from bot.simulator.fake_slack import TEAM_ID
from bot.simulator.workspace import Exchange, SimulatedWorkspace
from bot.syncs.posts import post_next_agendas
from handlers.intake import resume

# What `:run NAME` can fire; the scheduler's other jobs join as they arrive.
JOBS = {"reminders": partial(send_reminders, whatever_the_hour=True), "syncs": post_next_agendas,
        "rotation": run_rounds_now, "pulse": run_pulse_now, "digest": send_digest_now}

GREETING = """Alinea console. You are @{user}, an owner of this pretend workspace.
Type a slash command (/alinea help), or :as NAME to become someone else, :help, :quit."""

CONSOLE_HELP = """/command …          anything a member can type in Slack, e.g. /alinea join it or /ask Landing page due:fri
:click LABEL        press the newest button labelled LABEL, e.g. :click Accept
:submit key=value…  submit the open form; keys are its fields, e.g. :submit title="Landing page" due=2026-12-01
:run reminders      run a scheduled job now: reminders (commitments), syncs (every sync's next
                    meeting), rotation (a shadowing round), pulse or digest
:as NAME            act as another person (created on first use; not an admin)
:quit               leave (Ctrl-D too)"""


class Console:
    def __init__(self, settings: Settings, user: str, out: Callable[[str], None] = print) -> None:
        self.workspace = SimulatedWorkspace(settings.database_url)
        resume(self.workspace.deps)  # what a console stopped half-way had taken on
        self.out = out
        self.user_id = self._person(user, owner=True)

    def _person(self, name: str, owner: bool = False) -> str:
        name = name.lstrip("@").lower()
        existing = self.workspace.slack.user_by_name(name) or (name.upper() if name.upper() in self.workspace.slack.users else None)
        if existing:
            return existing
        return self.workspace.add_person(name, tz=self.workspace.deps.workspace(TEAM_ID).timezone, is_owner=owner)

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
            case ["click", *label] if label:
                self._try(lambda: self.workspace.click(self.user_id, " ".join(label)))
            case ["submit", *pairs] if all("=" in pair for pair in pairs):
                typed = dict(pair.split("=", 1) for pair in pairs)
                self._try(lambda: self.workspace.submit(self.user_id, **typed))
            case ["run", job] if job in JOBS:
                mark = self.workspace.slack.mark()
                JOBS[job](self.workspace.deps, self.workspace.deps.clock.now())
                self.show(Exchange(None, self.workspace.slack.since(mark)))
            case _:
                self.out(CONSOLE_HELP)
        return True

    def _try(self, act: Callable[[], Exchange]) -> None:
        try:
            self.show(act())
        except LookupError as exc:  # no such button on screen, or no form open
            self.out(str(exc))

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
