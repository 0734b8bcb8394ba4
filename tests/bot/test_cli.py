"""The `alinea` command line: start-up errors in one line, `run` serving signed requests, `db`, and help."""

from __future__ import annotations

import os
import subprocess
import threading

import pytest

from bot.cli import main
from bot.simulator import payloads
from bot.simulator.fake_slack import FakeSlack, block_errors
from storage.db import Database
from tests.helpers import ALINEA, child_environment, eventually, free_port, http


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


def test_alinea_run_answers_signed_requests_and_keeps_secrets_out_of_logs(database_url, tmp_path):
    slack = FakeSlack()
    slack.add_user("USAM", "sam")
    port, secret, token = free_port(), "s3cr3t-signing-value", "xoxb-very-secret-token"
    process = subprocess.Popen(
        ALINEA + ["run", "--port", str(port), "--host", "127.0.0.1", "--no-scheduler"],
        cwd=tmp_path, env=child_environment(SLACK_BOT_TOKEN=token, SLACK_SIGNING_SECRET=secret,
                                            SLACK_API_URL=slack.api_url, DATABASE_URL=database_url),
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
    # nothing of the process that could not start lives on to take other processes' requests
    assert [t.name for t in threading.enumerate() if t.name.startswith("alinea-")] == []


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
