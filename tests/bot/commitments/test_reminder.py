"""The daily commitment reminder counts each kind apart (issue 15): overdue, due today, due tomorrow."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.commitments.posts import send_reminders
from tests.helpers import seat


@pytest.fixture
def team(workspace, people):
    # Sam lives in UTC (English), Tom in Madrid (Spanish); the reminder runs Thursday 09:00 in Mexico City.
    return seat(workspace, people, {"sam": "marketing", "tom": "it"}, tom={"locale": "es-ES", "tz": "Europe/Madrid"})


THURSDAY = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)


def reminder(workspace, user_id):
    [dm] = [c for c in workspace.slack.calls_to("chat.postMessage") if c.args["channel"] == user_id]
    rows = [b["text"]["text"] for b in dm.args["blocks"] if b.get("accessory")]
    return dm.args["text"], rows


def test_one_overdue_commitment_is_one_overdue(workspace, team, clock):
    workspace.command(team["sam"], "/commit Send the brief due:today")  # Wednesday
    clock.set(THURSDAY)
    send_reminders(workspace.deps, clock.now())
    title, [row] = reminder(workspace, team["sam"])
    assert title == "Your commitments: 1 overdue"
    assert "*due Wed, Nov 25 · overdue*" in row and "tomorrow" not in row


def test_due_today_and_tomorrow_are_counted_apart(workspace, team, clock):
    for line in ["/commit Brief due:2026-11-26", "/commit Budget due:2026-11-26", "/commit Deck due:2026-11-27",
                 "/commit Later due:2026-11-28"]:
        workspace.command(team["sam"], line)
    clock.set(THURSDAY)
    send_reminders(workspace.deps, clock.now())
    title, rows = reminder(workspace, team["sam"])
    assert title == "Your commitments: 2 due today, 1 due tomorrow"
    assert [row.split(" · ")[1:] for row in rows] == [["Brief", "*due today*"], ["Budget", "*due today*"],
                                                      ["Deck", "due tomorrow"]]
    assert not any("by tomorrow" in row for row in rows)


def test_all_three_kinds_in_spanish(workspace, team, clock):
    for line in ["/commit Informe due:2026-11-25", "/commit Presupuesto due:2026-11-26",
                 "/commit Presentación due:2026-11-27"]:
        workspace.command(team["tom"], line)
    clock.set(THURSDAY)
    send_reminders(workspace.deps, clock.now())
    title, rows = reminder(workspace, team["tom"])
    assert title == "Tus compromisos: 1 vencido(s), 1 vence(n) hoy, 1 vence(n) mañana"
    assert "*vence mié 25 nov · vencida*" in rows[0] and "*vence hoy*" in rows[1] and "vence mañana" in rows[2]
