"""The `alinea` command line: start-up errors in one line, `run` serving signed requests, `db`, and help."""

from __future__ import annotations

import logging
import os
import subprocess
import threading

import pytest

from bot.cli import main
from bot.simulator import payloads
from bot.simulator.fake_slack import FakeSlack, block_errors
from bot.simulator.workspace import SimulatedWorkspace
from storage.db import Database
from tests.helpers import ALINEA, child_environment, eventually, free_port, http


def test_a_missing_setting_stops_run_with_one_line(capsys):
    assert main(["run"]) == 2
    err = capsys.readouterr().err
    assert err == ("alinea: setting SLACK_BOT_TOKEN is missing (or, to install in many workspaces, SLACK_CLIENT_ID, "
                   "SLACK_CLIENT_SECRET and SLACK_STATE_SECRET)\n")


def test_half_of_oauth_stops_run_naming_what_is_missing(monkeypatch, capsys):
    monkeypatch.setenv("SLACK_CLIENT_ID", "111.222")
    monkeypatch.setenv("SLACK_CLIENT_SECRET", "client-secret")
    assert main(["run"]) == 2
    assert capsys.readouterr().err == "alinea: setting SLACK_STATE_SECRET is missing\n"


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


def test_run_with_slack_out_of_reach_says_so_in_one_line(tmp_path, monkeypatch, capsys):
    """Issue 17: no traceback when Slack (or SLACK_API_URL) can't be reached at start, and exit status 1."""
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s")
    monkeypatch.setenv("SLACK_API_URL", f"http://127.0.0.1:{free_port()}/api/")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'run.db'}")
    monkeypatch.setattr("slack_sdk.http_retry.builtin_interval_calculators.BackoffRetryIntervalCalculator"
                        ".calculate_sleep_duration", lambda *_args: 0)  # the client's retries, without waiting
    assert main(["run"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("alinea: cannot reach Slack at http://127.0.0.1:") and err.count("\n") == 1


def test_the_app_starts_without_bolts_token_note(database_url, monkeypatch, caplog):
    """Issue 17: Bolt's "`token` will be unused" note is not logged at every start (the client carries the token)."""
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    with caplog.at_level(logging.WARNING):
        workspace = SimulatedWorkspace(database_url)
        workspace.close()
    assert not [r for r in caplog.records if "will be unused" in r.getMessage()]


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


# --- logs that input cannot forge -------------------------------------------------------------------------

FORGED = "\n2026-11-25 15:00:00,000 ERROR alinea: FORGED\r\x1b[31m\u202e"


def _logged(**record: object) -> str:
    """What `alinea`'s log handler writes for one record sent to a logger of its own."""
    import io
    import logging

    from bot.cli import log_handler

    stream = io.StringIO()
    logger = logging.getLogger("alinea.test-log-lines")
    logger.propagate, logger.level = False, logging.DEBUG
    handler = log_handler(stream)
    logger.addHandler(handler)
    try:
        message = record.pop("message")
        logger.info(message, *record.pop("args", ()), **record)  # type: ignore[arg-type]
    finally:
        logger.removeHandler(handler)
    return stream.getvalue()


def test_a_log_message_is_one_line_whatever_it_carries():
    text = _logged(message="asked by %s", args=(FORGED,))
    assert text.count("\n") == 1 and text.endswith("\n")
    assert "\\n2026-11-25 15:00:00,000 ERROR alinea: FORGED\\r\\x1b[31m\\u202e" in text
    assert text.isascii()


def test_a_traceback_follows_on_lines_no_one_would_take_for_records():
    try:
        raise ValueError(f"bad value {FORGED}")
    except ValueError:
        import sys

        text = _logged(message="it failed", exc_info=sys.exc_info())
    first, *rest = text.splitlines()
    assert first.endswith("alinea.test-log-lines: it failed")
    assert rest and all(line.startswith("  | ") for line in rest)
    assert any("Traceback" in line for line in rest) and any("FORGED" in line for line in rest)
    assert "\x1b" not in text and "\r" not in text


def test_bolt_logging_an_unverified_body_is_dropped_by_the_handler(caplog):
    """bot/web.py keeps unverified requests from Bolt; were one to reach it, Bolt would log the whole body at INFO
    (slack_bolt's RequestVerification). alinea's handler drops that record."""
    import io
    import logging

    from slack_bolt import App
    from slack_bolt.request import BoltRequest

    from bot.cli import log_handler

    stream = io.StringIO()
    handler = log_handler(stream)
    root = logging.getLogger()
    root.addHandler(handler)
    caplog.set_level(logging.INFO)
    try:
        app = App(signing_secret="s", token="xoxb-unused", token_verification_enabled=False)
        body = "token=unused&text=MARKER-5150"
        response = app.dispatch(BoltRequest(body=body, headers={"x-slack-request-timestamp": ["1"],
                                                                "x-slack-signature": ["v0=0"]}))
        logging.getLogger("alinea.web-test").info("still logging")
    finally:
        root.removeHandler(handler)
    assert response.status == 401
    assert "MARKER-5150" in caplog.text  # Bolt did log it
    assert "MARKER-5150" not in stream.getvalue() and "still logging" in stream.getvalue()


def test_alinea_run_logs_an_unsigned_request_as_one_line_without_its_body(database_url, tmp_path):
    slack = FakeSlack()
    port, secret = free_port(), "s3cr3t-signing-value"
    process = subprocess.Popen(
        ALINEA + ["run", "--port", str(port), "--host", "127.0.0.1", "--no-scheduler"],
        cwd=tmp_path, env=child_environment(SLACK_BOT_TOKEN="xoxb-1", SLACK_SIGNING_SECRET=secret,
                                            SLACK_API_URL=slack.api_url, DATABASE_URL=database_url),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        eventually(lambda: _answers(base + "/healthz"), timeout=30)
        body = FORGED + "x" * 40 + "MARKER-5150\n2026-11-25 15:00:01,000 INFO alinea: FORGED TOO"
        headers = {"X-Slack-Request-Timestamp": "abc", "X-Slack-Signature": "v0=0", "Content-Type": payloads.FORM}
        assert http("POST", base + "/slack/events", body, headers)[0] == 401
        assert http("POST", base + "/slack/events", body)[0] == 401
    finally:
        process.terminate()
        output = process.communicate(timeout=20)[0]
        slack.close()
    refused = [line for line in output.splitlines() if "refused an unsigned request" in line]
    assert len(refused) == 2 and all(len(line) < 300 for line in refused), output
    assert "MARKER-5150" not in output and "FORGED TOO" not in output
    assert not [line for line in output.splitlines() if line.startswith("2026-11-25")]
    assert [call.method for call in slack.calls if call.method != "auth.test"] == []
