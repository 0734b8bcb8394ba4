"""The `alinea` command line: start-up errors in one line, `run` serving signed requests, db, demo, console."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.settings import load_settings
from bot.simulator import payloads
from bot.simulator.console import Console
from bot.simulator.fake_slack import FakeSlack, block_errors
from storage.db import Database
from tests.helpers import eventually, free_port, http

ALINEA = [sys.executable, "-m", "bot.cli"]
REPO = Path(__file__).parents[1]


def test_a_missing_setting_stops_run_with_one_line(capsys):
    assert main(["run"]) == 2
    err = capsys.readouterr().err
    assert err == "alinea: setting SLACK_BOT_TOKEN is missing\n"


def test_http_mode_needs_the_signing_secret(monkeypatch, capsys):
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    assert main(["run"]) == 2
    assert capsys.readouterr().err == "alinea: setting SLACK_SIGNING_SECRET is missing\n"


def test_a_malformed_setting_stops_start_up_with_one_line(monkeypatch, capsys):
    monkeypatch.setenv("ALINEA_TIMEZONE", "Mars/Olympus")
    assert main(["db", "upgrade"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "ALINEA_TIMEZONE" in err and "Traceback" not in err


def test_settings_come_from_a_dotenv_file_at_the_cli(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(os, "environ", os.environ.copy())  # what load_dotenv sets goes away after the test
    (tmp_path / ".env").write_text("ALINEA_LANGUAGE=klingon\n")
    assert main(["db", "upgrade"]) == 2
    assert "ALINEA_LANGUAGE" in capsys.readouterr().err


def test_db_upgrade_migrates_the_configured_store(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'up.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["db", "upgrade"]) == 0
    head = Database(url).head()
    assert capsys.readouterr().out == f"alinea: the store is at schema revision {head}\n"
    assert Database(url).revision() == head


def test_run_refuses_an_unmigrated_postgresql_store_and_a_dead_one(monkeypatch, capsys):
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s")
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    assert main(["run"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("alinea: cannot open the store:") and err.count("\n") == 1


def test_demo_runs_through_the_real_handlers_and_exits_0(capsys):
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "is now on the *Marketing* side as a leader" in out
    assert "Ahora estás en el lado de *Mercadotecnia*" in out  # Sofía's Slack is in Spanish
    assert "Only admins can do that" in out
    assert "You accepted *A-1* and own it now" in out  # a button pressed through the real handlers
    assert "Registré" not in out and "SOLICITUDES ABIERTAS (2)" in out  # Sofía's list, in Spanish
    assert "1 commitment(s) due by tomorrow" in out  # the reminder job
    assert "Thanks! You rated *A-1* 5/5." in out
    assert "SHARED KPIS (4)" in out and ":large_yellow_circle: At risk" in out  # six weeks of four KPIs
    assert "file uploaded to" in out and "The chart is in your DM with Alinea." in out
    assert "`uptime` is measured in %, so a value in $ doesn't fit." in out
    assert "Scheduled *S-1 · CMO–CIO sync*" in out and "What should be on the agenda?" in out
    assert "S-1 · CMO–CIO SYNC" in out and "[*Record outcome*]" in out  # the agenda, at meeting time
    assert "recorded the outcome of S-1" in out and "Wire CRM events into the scoring model" in out
    assert "Round 1: 3 pair(s), 1 left out" in out and "shared what they learned" in out
    assert "The idea is now ask *A-4*." in out
    assert "Pulse round 1 is out: 8 people asked." in out
    assert out.rstrip().endswith("Demo finished. Try it yourself with `alinea console`.")
    digest = out[out.index("This is what Carmen reads."):]
    assert "MARKETING × IT, WEEK OF" in digest and "Gap between the sides: *" in digest  # the leaders' digest
    assert "Slack refused" not in out


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


def _env(**extra: str) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "ALINEA_", "DATABASE_URL", "PORT"))}
    return keep | {"PYTHONPATH": str(REPO)} | extra


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
    assert "→ DM UBO" in text and "1 commitment(s) due by tomorrow" in text
    assert "no button labelled 'Nope' is on screen" in text
    assert "Logged *A-2* for Marketing: From the form" in text
    assert "WEEKLY" in text and "Record outcome" in text  # :run syncs held the next meeting now
    assert "shadows" in text and "Done — share learnings" in text  # :run rotation paired ana and bo


def test_console_reads_typed_lines_until_quit(tmp_path):
    typed = "/alinea join ti\n/alinea team\n:as ivan\n/alinea help\n:quit\n"
    result = subprocess.run(ALINEA + ["console", "--as", "ana"], input=typed, capture_output=True, text=True,
                            timeout=60, cwd=tmp_path, env=_env(DATABASE_URL=f"sqlite:///{tmp_path / 'c.db'}"))
    assert result.returncode == 0, result.stderr
    assert "You are now on the *IT* side" in result.stdout
    assert "THE TEAM" in result.stdout
    assert "You are not on a side yet" in result.stdout  # ivan's help


def test_alinea_run_answers_signed_requests_and_keeps_secrets_out_of_logs(database_url, tmp_path):
    slack = FakeSlack()
    slack.add_user("USAM", "sam")
    port, secret, token = free_port(), "s3cr3t-signing-value", "xoxb-very-secret-token"
    process = subprocess.Popen(
        ALINEA + ["run", "--port", str(port), "--host", "127.0.0.1", "--no-scheduler"],
        cwd=tmp_path, env=_env(SLACK_BOT_TOKEN=token, SLACK_SIGNING_SECRET=secret, SLACK_API_URL=slack.api_url,
                               DATABASE_URL=database_url),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        eventually(lambda: _answers(base + "/healthz"), timeout=30)
        body = payloads.slash_command("/alinea", "help", "USAM", slack.response_url())
        headers = payloads.signature_headers(secret, body) | {"Content-Type": payloads.FORM}
        assert http("POST", base + "/slack/events", body, headers)[0] == 200
        reply = eventually(lambda: slack.calls_to("response_url"))[0]
        assert reply.error is None and block_errors(reply.args["blocks"], 50) == []
        assert "Alinea: marketing and IT, one team" in reply.args["text"]
        assert http("POST", base + "/slack/events", body, headers | {"X-Slack-Signature": "v0=bad"})[0] == 401
    finally:
        process.terminate()
        output = process.communicate(timeout=20)[0]
        slack.close()
    assert "serving Slack on" in output
    assert token not in output and secret not in output


def test_run_uses_socket_mode_when_an_app_token_is_set(database_url, monkeypatch, capsys):
    slack = FakeSlack()  # it knows no apps.connections.open, so the connection is refused
    try:
        for name, value in {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1", "SLACK_API_URL": slack.api_url,
                            "DATABASE_URL": database_url}.items():
            monkeypatch.setenv(name, value)
        assert main(["run", "--port", str(free_port()), "--host", "127.0.0.1"]) == 1
    finally:
        slack.close()
    assert [c.method for c in slack.calls if c.method.startswith("apps.")] == ["apps.connections.open"]
    assert capsys.readouterr().err == "alinea: Slack refused the Socket Mode connection: unknown_method\n"


def _answers(url: str) -> bool:
    try:
        return http("GET", url)[0] == 200
    except OSError:
        return False


@pytest.mark.parametrize("argv", [["--help"], ["run", "--help"], ["console", "--help"]])
def test_help_exits_cleanly(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 0
    assert "alinea" in capsys.readouterr().out
