"""`alinea demo`: a scripted month at a sample company, through the real handlers, on a fresh local store."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from bot.clock import FixedClock
from bot.simulator.workspace import SimulatedWorkspace

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
START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
TIMEZONE = "America/Mexico_City"


def run_demo(out: Callable[[str], None]) -> int:
    with tempfile.TemporaryDirectory(prefix="alinea-demo-") as folder:
        store = Path(folder) / "demo.db"
        workspace = SimulatedWorkspace(f"sqlite:///{store}", clock=FixedClock(START), alinea_timezone=TIMEZONE)
        try:
            return _script(workspace, out)
        finally:
            workspace.close()


def _script(workspace: SimulatedWorkspace, out: Callable[[str], None]) -> int:
    people = {OWNER[0]: workspace.add_person(OWNER[0], tz=TIMEZONE, is_owner=True)}
    for name, *_ in LEADERS:
        people[name] = workspace.add_person(name, tz=TIMEZONE)
    for name, _ in MEMBERS:
        people[name] = workspace.add_person(name, tz=TIMEZONE, locale="es-LA" if name == "sofia" else "en-US")

    def say(who: str, line: str) -> None:
        out(f"\n» @{who} types: {line}")
        exchange = workspace.command(people[who], line)
        for shown in workspace.show(exchange):
            out(shown)
        refused = [call for call in exchange.calls if call.error]
        if refused:
            raise RuntimeError(f"Slack refused {refused[0].method}: {refused[0].args.get('_errors')}")

    out("Alinea demo: Northwind Outfitters, where marketing and IT are about to work as one team.")
    out(f"The store is a fresh SQLite file; the clock starts on {START:%A %d %B %Y}; no Slack is needed.")
    out("\n== Week 1: the team ==")
    out(f"@{OWNER[0]} is {OWNER[1]}; she puts the two leaders on their sides.")
    for name, side, _title in LEADERS:
        say(OWNER[0], f"/alinea team add @{name} {side} leader")
    out("\nEveryone else joins a side; aliases and either language work (Sofía's Slack is in Spanish).")
    for name, side in MEMBERS:
        say(name, f"/alinea join {side}")
    say("carmen", "/alinea team")
    say("marta", "/alinea team add @diego it")
    say("marta", "/alinea help")
    out("\nDemo finished: the two sides are set up. Try it yourself with `alinea console`.")
    return 0
