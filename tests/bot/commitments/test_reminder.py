"""The daily commitment reminder counts each kind apart (issue 15): overdue, due today, due tomorrow."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.commitments.posts import send_reminders
from tests.helpers import seat


@pytest.fixture
def team(workspace, people):
    # Sam lives in UTC (English), Tom in Madrid (Spanish); each is reminded at 09:00 on Thursday where they live.
    return seat(workspace, people, {"sam": "marketing", "tom": "it"}, tom={"locale": "es-ES", "tz": "Europe/Madrid"})


THURSDAY_NINE = {"Europe/Madrid": datetime(2026, 11, 26, 8, 0, tzinfo=UTC), "UTC": datetime(2026, 11, 26, 9, 0, tzinfo=UTC)}


def remind_on_thursday(workspace, clock):
    """The minute job at 09:00 Thursday in Madrid, then at 09:00 in UTC."""
    for moment in THURSDAY_NINE.values():
        clock.set(moment)
        send_reminders(workspace.deps, clock.now())


def reminder(workspace, user_id):
    [dm] = [c for c in workspace.slack.calls_to("chat.postMessage") if c.args["channel"] == user_id]
    rows = [b["text"]["text"] for b in dm.args["blocks"] if b.get("accessory")]
    return dm.args["text"], rows


def test_one_overdue_commitment_is_one_overdue(workspace, team, clock):
    workspace.command(team["sam"], "/commit Send the brief due:today")  # Wednesday
    remind_on_thursday(workspace, clock)
    title, [row] = reminder(workspace, team["sam"])
    assert title == "Your commitments: 1 overdue"
    assert "*due Wed, Nov 25 · overdue*" in row and "tomorrow" not in row


def test_due_today_and_tomorrow_are_counted_apart(workspace, team, clock):
    for line in ["/commit Brief due:2026-11-26", "/commit Budget due:2026-11-26", "/commit Deck due:2026-11-27",
                 "/commit Later due:2026-11-28"]:
        workspace.command(team["sam"], line)
    remind_on_thursday(workspace, clock)
    title, rows = reminder(workspace, team["sam"])
    assert title == "Your commitments: 2 due today, 1 due tomorrow"
    assert [row.split(" · ")[1:] for row in rows] == [["Brief", "*due today*"], ["Budget", "*due today*"],
                                                      ["Deck", "due tomorrow"]]
    assert not any("by tomorrow" in row for row in rows)


def test_all_three_kinds_in_spanish(workspace, team, clock):
    for line in ["/commit Informe due:2026-11-25", "/commit Presupuesto due:2026-11-26",
                 "/commit Presentación due:2026-11-27"]:
        workspace.command(team["tom"], line)
    remind_on_thursday(workspace, clock)
    title, rows = reminder(workspace, team["tom"])
    assert title == "Tus compromisos: 1 vencido, 1 vence hoy, 1 vence mañana"
    assert "*vence mié 25 nov · vencido*" in rows[0] and "*vence hoy*" in rows[1] and "vence mañana" in rows[2]
