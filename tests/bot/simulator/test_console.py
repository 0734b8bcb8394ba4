"""The console (`alinea console`): commands typed as different people, buttons, forms and jobs, and typed lines
read until :quit."""

from __future__ import annotations

import subprocess

from bot.settings import load_settings
from bot.simulator.console import Console
from tests.helpers import ALINEA, child_environment


def test_console_runs_commands_as_different_people(tmp_path):
    shown: list[str] = []
    console = Console(load_settings(database_url=f"sqlite:///{tmp_path / 'c.db'}"), "boss", out=shown.append)
    try:
        assert console.handle("/alinea team add @maria mkt leader")
        assert console.handle(":as maria")
        assert console.handle("/alinea join it")
        assert console.handle("hello")
        assert console.handle(":quit") is False
    finally:
        console.workspace.close()
    text = "\n".join(shown)
    assert "@maria is now on the *Marketing* side as a leader." in text
    assert "You are now @maria" in text
    assert "You moved from *Marketing* to *IT*" in text
    assert "Slash commands start with /" in text


def test_console_clicks_buttons_submits_forms_and_runs_jobs(tmp_path):
    shown: list[str] = []
    console = Console(load_settings(database_url=f"sqlite:///{tmp_path / 'c.db'}"), "ana", out=shown.append)
    try:
        for line in ["/alinea join mkt", "/ask Landing page due:today", ":as bo", "/alinea join it",
                     ":click Accept", ":run reminders", ":click Nope", "/ask", ':submit title="From the form"',
                     ":as ana", '/sync schedule "Weekly" fri 10:00 with @bo', ":run syncs",
                     "/shadow join", ":as bo", "/shadow join", ":run rotation"]:
            console.handle(line)
    finally:
        console.workspace.close()
    text = "\n".join(shown)
    assert "You accepted *A-1*" in text
    assert "→ DM UBO" in text and "Your commitments: 1 due today" in text
    assert "no button labelled 'Nope' is on screen" in text
    assert "Logged *A-2* for Marketing: From the form" in text
    assert "WEEKLY" in text and "Record outcome" in text  # :run syncs held the next meeting now
    assert "shadows" in text and "Done — share learnings" in text  # :run rotation paired ana and bo


def test_console_reads_typed_lines_until_quit(tmp_path):
    typed = "/alinea join ti\n/alinea team\n:as ivan\n/alinea help\n:quit\n"
    result = subprocess.run(ALINEA + ["console", "--as", "ana"], input=typed, capture_output=True, text=True,
                            timeout=60, cwd=tmp_path,
                            env=child_environment(DATABASE_URL=f"sqlite:///{tmp_path / 'c.db'}"))
    assert result.returncode == 0, result.stderr
    assert "You are now on the *IT* side" in result.stdout
    assert "THE TEAM" in result.stdout
    assert "You are not on a side yet" in result.stdout  # ivan's help


def test_a_second_console_on_the_same_store_is_answered(tmp_path):
    """Each run's request IDs are its own: a run again on the same store (and its record of requests taken) is not
    mistaken for Slack retrying the first run's requests."""
    env = child_environment(DATABASE_URL=f"sqlite:///{tmp_path / 'c.db'}")
    outputs = [subprocess.run(ALINEA + ["console", "--as", "ana"], input=f"/alinea join {side}\n:quit\n",
                              capture_output=True, text=True, timeout=60, cwd=tmp_path, env=env)
               for side in ("it", "mkt")]
    assert all(result.returncode == 0 for result in outputs), [r.stderr for r in outputs]
    assert "You are now on the *IT* side" in outputs[0].stdout
    assert "You moved from *IT* to *Marketing*" in outputs[1].stdout
