"""`alinea demo`: a scripted month at a sample company, through the real handlers, on a fresh local store."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.clock import FixedClock
from bot.simulator.workspace import Exchange, SimulatedWorkspace
from schedules.reminders import send_commitment_reminders

# The sample company: who they are, and which side they take.
OWNER = ("elena", "the CEO, owner of the workspace")
LEADERS = [("carmen", "marketing", "the CMO"), ("ivan", "it", "the CIO")]
MEMBERS = [
    ("marta", "mkt"),
    ("diego", "marketing"),
    ("sofia", "mercadotecnia"),
    ("tomas", "ti"),
    ("priya", "it"),
    ("kenji", "tech"),
]
TIMEZONE = "America/Mexico_City"
START = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)  # Monday 09:00 in Mexico City


def run_demo(out: Callable[[str], None]) -> int:
    with tempfile.TemporaryDirectory(prefix="alinea-demo-") as folder:
        store = Path(folder) / "demo.db"
        clock = FixedClock(START)
        workspace = SimulatedWorkspace(f"sqlite:///{store}", clock=clock, alinea_timezone=TIMEZONE)
        try:
            Demo(workspace, clock, out).play()
        finally:
            workspace.close()
    return 0


class Demo:
    def __init__(self, workspace: SimulatedWorkspace, clock: FixedClock, out: Callable[[str], None]) -> None:
        self.workspace, self.clock, self.out = workspace, clock, out
        self.people = {OWNER[0]: workspace.add_person(OWNER[0], tz=TIMEZONE, is_owner=True)}
        for name, *_ in LEADERS + MEMBERS:
            locale = "es-LA" if name == "sofia" else "en-US"
            self.people[name] = workspace.add_person(name, tz=TIMEZONE, locale=locale)

    def play(self) -> None:
        self.out("Alinea demo: Northwind Outfitters, where marketing and IT are about to work as one team.")
        self.out(f"The store is a fresh SQLite file; the clock starts on {START:%A %d %B %Y}; no Slack is needed.")
        self.week_1_the_team()
        self.week_2_asks_and_commitments()
        self.out("\nDemo finished. Try it yourself with `alinea console`.")

    # -- the script ------------------------------------------------------------------------------

    def week_1_the_team(self) -> None:
        self.section("Week 1: the team")
        self.note(f"@{OWNER[0]} is {OWNER[1]}; she puts the two leaders on their sides.")
        for name, side, _title in LEADERS:
            self.say(OWNER[0], f"/alinea team add @{name} {side} leader")
        self.note("Everyone else joins a side; aliases and either language work (Sofía's Slack is in Spanish).")
        for name, side in MEMBERS:
            self.say(name, f"/alinea join {side}")
        self.say("carmen", "/alinea team")
        self.note("Only admins manage the team:")
        self.say("marta", "/alinea team add @diego it")

    def week_2_asks_and_commitments(self) -> None:
        self.clock.set(START + timedelta(days=7))
        self.section("Week 2: asks and commitments")
        self.note("Carmen asks IT for a landing page. It is posted where everyone can follow it.")
        self.say("carmen", "/ask Landing page for the spring launch due:fri !high #digital-media")
        self.note("Tomás, on the IT side, presses Accept: he owns it now and owes a commitment.")
        self.click("tomas", "Accept")
        self.note("Diego prefers the form: /ask alone opens it.")
        self.say("diego", "/ask")
        self.submit("diego", title="Consent banner for the EU sites", details="Legal wants it before the audit.",
                    due=(self.clock.now() + timedelta(days=10)).date().isoformat(), priority="urgent",
                    category="security")
        self.note("Priya declines an ask IT can't take, saying why.")
        self.say("marta", "/ask Build us a custom CRM to:it")
        self.say("priya", "/ask decline A-3 Let's extend the CRM we have instead; I'll bring options to the sync.")
        self.note("The CIO makes a commitment of his own, and Sofía reviews the open asks in Spanish.")
        self.say("ivan", "/commit Share the Q1 infrastructure roadmap with marketing due:thu")
        self.say("sofia", "/ask list")
        self.clock.advance(timedelta(days=2))
        self.note("Wednesday 09:00: the daily reminders go out, one DM per owner with something due.")
        self.job("reminders", lambda: send_commitment_reminders(self.workspace.deps, self.clock.now()))
        self.note("Tomás ships the page and marks the ask done; Carmen is asked whether it met the need.")
        self.say("tomas", "/ask done A-1 Live at /spring with the new hero video")
        self.click("carmen", "5")
        self.say("ivan", "/commit list side")

    # -- how each step is shown --------------------------------------------------------------------

    def section(self, title: str) -> None:
        self.out(f"\n== {title} ==")

    def note(self, text: str) -> None:
        self.out(f"\n{text}")

    def say(self, who: str, line: str) -> None:
        self.out(f"\n» @{who} types: {line}")
        self.show(self.workspace.command(self.people[who], line))

    def click(self, who: str, label: str) -> None:
        self.out(f"\n» @{who} presses [{label}]")
        self.show(self.workspace.click(self.people[who], label))

    def submit(self, who: str, **typed: str) -> None:
        self.out(f"\n» @{who} fills in the form: " + ", ".join(f"{k}={v}" for k, v in typed.items()))
        self.show(self.workspace.submit(self.people[who], **typed))

    def job(self, name: str, run: Callable[[], object]) -> None:
        self.out(f"\n» the scheduler runs {name}")
        mark = self.workspace.slack.mark()
        run()
        self.show(Exchange(None, self.workspace.slack.since(mark)))

    def show(self, exchange: Exchange) -> None:
        for line in self.workspace.show(exchange):
            self.out(line)
        refused = [call for call in exchange.calls if call.error]
        if refused:
            raise RuntimeError(f"Slack refused {refused[0].method}: {refused[0].args.get('_errors')}")
