"""The HTTP side against a hostile client (issue 14): nothing runs and nobody is called for a request whose signature
does not hold, whatever its headers look like; logs show no more than a short escaped prefix of such a body; bodies
over 1 MiB get 413; signed bodies Bolt cannot read get 400; and slow or numerous connections from one client never
keep Slack's requests waiting."""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import http.client
import io
import logging
import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pytest

from bot.app import create_app
from bot.deps import Deps
from bot.simulator import payloads
from bot.simulator.workspace import SimulatedWorkspace
from bot.web import EVENTS_PATH, MAX_BODY, GuardedServer, http_server, wsgi_app
from tests.helpers import eventually

MARKER = "MARKER-7f3a9c"  # placed past the prefix a log may show: it must never reach a log
ATTACKER = "127.0.0.1"
SLACK = "127.0.0.2"  # another loopback address: Slack is not the attacker


# --- helpers --------------------------------------------------------------------------------------------------


def sign(secret: str, body: bytes, timestamp: str) -> str:
    """The v0 signature of `body` sent at `timestamp` (any string: what an attacker puts in the header)."""
    return "v0=" + hmac.new(secret.encode(), b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256).hexdigest()


def signed(secret: str, body: bytes, timestamp: str | None = None) -> dict[str, str]:
    ts = timestamp if timestamp is not None else str(int(time.time()))
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": sign(secret, body, ts)}


def call(application: Callable[..., Iterable[bytes]], body: bytes, headers: dict[str, str],
         content_type: str = payloads.FORM, **environ: Any) -> tuple[int, bytes]:
    """One POST to /slack/events straight through the WSGI app, header values exactly as given."""
    env: dict[str, Any] = {
        "REQUEST_METHOD": "POST", "PATH_INFO": EVENTS_PATH, "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "192.0.2.7", "CONTENT_TYPE": content_type, "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
    }
    env |= {"HTTP_" + name.upper().replace("-", "_"): value for name, value in headers.items()}
    env |= environ
    answer: dict[str, int] = {}

    def start_response(status: str, response_headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        answer["status"] = int(status.split()[0])

    out = b"".join(application(env, start_response))
    return answer["status"], out


def request(port: int, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None, *,
            source: str = SLACK, timeout: float = 5) -> tuple[int, bytes, float]:
    """One request over a fresh connection from `source`: the status, the body and how long the answer took."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout, source_address=(source, 0))
    started = time.monotonic()
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read(), time.monotonic() - started
    finally:
        connection.close()


def with_settings(workspace: SimulatedWorkspace, **changes: Any) -> Deps:
    """The workspace's deps with some settings changed."""
    return dataclasses.replace(workspace.deps, settings=workspace.deps.settings.model_copy(update=changes))


def command_body(workspace: SimulatedWorkspace, text: str, response_url: str | None = None) -> bytes:
    url = response_url or workspace.slack.response_url()
    return payloads.slash_command("/alinea", text, "USAM", url).encode()


class Served:
    """A real server (bot.web.http_server) on a free port, run on a thread until `stop`."""

    def __init__(self, workspace: SimulatedWorkspace, deps: Deps | None = None, **limits: Any) -> None:
        deps = deps or workspace.deps
        self.server: GuardedServer = http_server(create_app(deps), deps, "127.0.0.1", 0, **limits)
        self.port = int(self.server.effective_port)
        self._thread = threading.Thread(target=self.server.run, name="test-http-server", daemon=True)
        self._thread.start()

    def held_by(self, address: str) -> int:
        """How many open connections the server holds from `address`."""
        return sum(1 for channel in list(self.server.active_channels.values()) if channel.addr[0] == address)

    def stop(self) -> None:
        self.server.close()
        self._thread.join(timeout=10)
        assert not self._thread.is_alive(), "the server's loop did not end"


@pytest.fixture
def serve(workspace: SimulatedWorkspace) -> Iterator[Callable[..., Served]]:
    """Start servers with the given limits; every one is stopped, its threads and sockets gone, after the test."""
    started: list[Served] = []

    def start(deps: Deps | None = None, **limits: Any) -> Served:
        started.append(Served(workspace, deps, **limits))
        return started[-1]

    yield start
    for served in started:
        served.stop()


class SlowClients:
    """`count` connections from `source`, each sending the start of a request and then one more byte every `pace`
    seconds, never finishing it (a slowloris). One the server closes is noted in `cut` and opened again, as an
    attacker would."""

    TRICKLE = b"X-Slow: aaaaaaaaaaaaaaaa\r\n"

    def __init__(self, port: int, count: int, source: str = ATTACKER, pace: float = 0.5, reconnect: bool = True):
        self.port, self.source, self.pace, self.reconnect = port, source, pace, reconnect
        self.cut = 0
        self.sockets: list[socket.socket | None] = [self._open() for _ in range(count)]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._trickle, name="test-slow-clients", daemon=True)
        self._thread.start()

    def _open(self) -> socket.socket:
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=2, source_address=(self.source, 0))
        try:
            sock.sendall(b"POST /slack/events HTTP/1.1\r\nHost: alinea\r\nContent-Type: application/json\r\n")
        except OSError:
            pass  # refused at once; the next byte finds out
        return sock

    def _trickle(self) -> None:
        step = 0
        while not self._stop.wait(self.pace):
            byte = self.TRICKLE[step % len(self.TRICKLE):][:1]
            step += 1
            for index, sock in enumerate(self.sockets):
                if sock is None:
                    continue
                try:
                    sock.send(byte)
                except OSError:
                    sock.close()
                    self.cut += 1
                    self.sockets[index] = self._open() if self.reconnect and not self._stop.is_set() else None

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)
        for sock in self.sockets:
            if sock is not None:
                sock.close()


def closed_by_server(sock: socket.socket, within: float) -> bool:
    """Whether the server closes `sock` within `within` seconds (the socket must have nothing to read before)."""
    sock.settimeout(within)
    try:
        return sock.recv(1024) == b""
    except TimeoutError:
        return False
    except OSError:  # reset
        return True


# --- nothing runs on a request whose signature does not hold --------------------------------------------------

MALFORMED_TIMESTAMPS = ["abc", "1e3", "", "-1", " {now}", "{now} ", "+{now}", "{now}.0", "9" * 40, "99999999999",
                        "0x10", "１２３", "{now}\n", "1_000"]


@pytest.mark.parametrize("timestamp", MALFORMED_TIMESTAMPS, ids=repr)
def test_a_malformed_timestamp_gets_401_and_calls_nobody(workspace, caplog, timestamp):
    """Each signed correctly over its own timestamp string, so only the timestamp's form is at fault (`abc` used to
    make Bolt's check raise, and its error handler then answered the body's response_url)."""
    caplog.set_level(logging.DEBUG)
    application = wsgi_app(workspace.app, workspace.deps)
    ts = timestamp.format(now=int(time.time()))
    response_url = workspace.slack.response_url()
    body = command_body(workspace, f"help {MARKER}", response_url)
    mark = workspace.slack.mark()

    status, _ = call(application, body, {"X-Slack-Request-Timestamp": ts,
                                         "X-Slack-Signature": sign(workspace.signing_secret, body, ts)})

    assert status == 401
    time.sleep(0.1)
    assert workspace.slack.since(mark) == [] and workspace.slack.replies_to(response_url) == []
    assert MARKER not in caplog.text


def _signatures(secret: str, body: bytes, ts: str) -> dict[str, dict[str, str]]:
    right = sign(secret, body, ts)
    return {
        "none": {"X-Slack-Request-Timestamp": ts},
        "no timestamp": {"X-Slack-Signature": right},
        "no headers": {},
        "empty": {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": ""},
        "v0= only": {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": "v0="},
        "63 hex": {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": right[:-1]},
        "65 hex": {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": right + "0"},
        "upper case": {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": "v0=" + right[3:].upper()},
        "v1": {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": "v1=" + right[3:]},
        "no prefix": {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": right[3:]},
        "trailing space": {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": right + " "},
        "two of them": {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"{right}, {right}"},
        "not hex": {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": "v0=" + "g" * 64},
        "another secret": {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": sign("not-the-secret", body, ts)},
        "another body": {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": sign(secret, body + b"&x=1", ts)},
        "another time": {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": sign(secret, body, str(int(ts) - 1))},
        "six minutes old": signed(secret, body, str(int(ts) - 6 * 60)),
        "six minutes ahead": signed(secret, body, str(int(ts) + 6 * 60)),
        "non-ASCII": {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": "v0=" + "é" * 64},
    }


SIGNATURE_CASES = list(_signatures("s", b"", "1"))


@pytest.mark.parametrize("case", SIGNATURE_CASES)
def test_a_malformed_missing_or_wrong_signature_gets_401_and_calls_nobody(workspace, caplog, case):
    caplog.set_level(logging.DEBUG)
    application = wsgi_app(workspace.app, workspace.deps)
    response_url = workspace.slack.response_url()
    body = command_body(workspace, f"help {MARKER}", response_url)
    headers = _signatures(workspace.signing_secret, body, str(int(time.time())))[case]
    mark = workspace.slack.mark()

    status, answer = call(application, body, headers)

    assert (status, answer) == (401, b'{"error": "invalid request"}')
    time.sleep(0.1)
    assert workspace.slack.since(mark) == [] and workspace.slack.replies_to(response_url) == []
    assert MARKER not in caplog.text


def test_without_a_signing_secret_nothing_is_taken(workspace):
    """Socket Mode needs no signing secret; then /slack/events takes nothing at all."""
    deps = with_settings(workspace, slack_signing_secret=None)
    application = wsgi_app(workspace.app, deps)
    body = command_body(workspace, "help")
    mark = workspace.slack.mark()
    # signed with the empty secret an attacker could guess
    assert call(application, body, signed("", body))[0] == 401
    assert workspace.slack.since(mark) == []


def test_the_attack_through_the_server_gets_401_and_reaches_no_url(workspace, serve, caplog):
    """The reported attack: a timestamp Bolt could not read and a response_url of the attacker's choosing, sent to
    the real server. 401, and neither that URL nor Slack's Web API (users.info for the named user) is called."""
    caplog.set_level(logging.DEBUG)
    served = serve()
    workspace.add_person("sam")
    response_url = workspace.slack.response_url()  # the attacker's recorder
    body = command_body(workspace, f"help {MARKER}", response_url)
    mark = workspace.slack.mark()

    for ts in ("abc", "1e3", ""):
        headers = {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": sign(workspace.signing_secret, body, ts),
                   "Content-Type": payloads.FORM}
        status, _, _ = request(served.port, "POST", EVENTS_PATH, body, headers)
        assert status == 401

    time.sleep(0.3)
    assert workspace.slack.since(mark) == []
    assert workspace.slack.replies_to(response_url) == []
    assert MARKER not in caplog.text


def test_a_signed_request_still_works_through_the_guard(workspace, serve):
    served = serve()
    sam = workspace.add_person("sam")
    response_url = workspace.slack.response_url()
    body = payloads.slash_command("/alinea", "join it", sam, response_url).encode()
    headers = signed(workspace.signing_secret, body) | {"Content-Type": payloads.FORM}

    status, _, _ = request(served.port, "POST", EVENTS_PATH, body, headers)

    assert status == 200
    reply = workspace.slack.replies_to(response_url)
    assert reply and "You are now on the *IT* side" in reply[0].args["text"]


def test_a_command_whose_text_says_payload_reaches_its_listener(workspace, serve):
    """Bolt alone takes a form containing the word "payload" for an interaction and reads nothing of it."""
    served = serve()
    sam = workspace.add_person("sam")
    workspace.command(sam, "/alinea join mkt")
    response_url = workspace.slack.response_url()
    body = payloads.slash_command("/ask", "Fix the payload check", sam, response_url).encode()
    headers = signed(workspace.signing_secret, body) | {"Content-Type": payloads.FORM}

    status, _, _ = request(served.port, "POST", EVENTS_PATH, body, headers)

    assert status == 200
    assert eventually(lambda: workspace.slack.replies_to(response_url))
    assert "Logged *A-1* for IT: Fix the payload check" in workspace.slack.replies_to(response_url)[0].args["text"]


def test_a_signed_chunked_body_is_read_whole(workspace, serve):
    """waitress counts a chunked body and says so in CONTENT_LENGTH; the guard reads and verifies all of it."""
    served = serve()
    body = b'{"type": "url_verification", "challenge": "chunky", "token": "unused"}'
    headers = signed(workspace.signing_secret, body) | {"Content-Type": payloads.JSON}
    connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=5)
    try:
        connection.request("POST", EVENTS_PATH, body=iter([body[:10], body[10:]]), headers=headers,
                           encode_chunked=True)
        response = connection.getresponse()
        assert (response.status, b"chunky" in response.read()) == (200, True)
    finally:
        connection.close()


def test_healthz_stays_unsigned_and_other_paths_are_404(workspace, serve):
    served = serve()
    assert request(served.port, "GET", "/healthz")[0] == 200
    assert request(served.port, "HEAD", "/healthz")[0] == 200
    assert request(served.port, "POST", "/healthz", b"{}")[0] == 404
    assert request(served.port, "GET", EVENTS_PATH)[0] == 404
    assert request(served.port, "PUT", EVENTS_PATH, b"{}")[0] == 404
    assert request(served.port, "POST", EVENTS_PATH + "/", b"{}")[0] == 404


# --- logs ---------------------------------------------------------------------------------------------------


def _guard_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == "bot.web"]


def test_an_unsigned_body_is_logged_as_its_size_and_an_escaped_prefix(workspace, caplog):
    caplog.set_level(logging.DEBUG)
    application = wsgi_app(workspace.app, workspace.deps)
    forged = "\n2026-11-25 15:00:00,000 ERROR alinea: forged\r\x1b[2J\u202e"
    body = (forged + "x" * 40 + MARKER + "\nmore").encode()

    assert call(application, body, {"X-Slack-Request-Timestamp": "abc", "X-Slack-Signature": "v0=0"})[0] == 401

    [record] = _guard_records(caplog)
    line = record.getMessage()
    assert len(line) < 300 and line.isprintable() and line.isascii()
    assert f"{len(body)} bytes" in line and "malformed timestamp" in line
    assert "\\n2026-11-25 15:00:00,000 ERROR" in line  # the prefix, escaped
    assert MARKER not in caplog.text
    assert not any(text.startswith("2026-11-25") for text in caplog.text.splitlines())


def test_bolt_and_slack_sdk_never_log_an_unverified_body(workspace, caplog):
    """Every logger at DEBUG: still only the guard's own line, and none of the body past its prefix."""
    caplog.set_level(logging.DEBUG)
    for name in ("slack_bolt", "slack_sdk", "alinea.bolt", "slack_bolt.RequestVerification"):
        caplog.set_level(logging.DEBUG, logger=name)
    application = wsgi_app(workspace.app, workspace.deps)
    body = command_body(workspace, f"help {MARKER}")
    now = str(int(time.time()))
    cases = [{}, {"X-Slack-Request-Timestamp": "abc", "X-Slack-Signature": sign(workspace.signing_secret, body, "abc")},
             {"X-Slack-Request-Timestamp": now, "X-Slack-Signature": sign("wrong", body, now)}]
    for headers in cases:
        assert call(application, body, headers)[0] == 401

    assert MARKER not in caplog.text
    assert {record.name for record in caplog.records} == {"bot.web"}


def test_a_5_mb_unsigned_body_gets_413_unread_and_one_short_line(workspace, caplog):
    caplog.set_level(logging.DEBUG)
    application = wsgi_app(workspace.app, workspace.deps)
    body = (MARKER + "\n") * (5 * 1024 * 1024 // (len(MARKER) + 1))
    stream = io.BytesIO(body.encode())

    status, _ = call(application, b"", {}, CONTENT_LENGTH=str(len(body)), **{"wsgi.input": stream})

    assert status == 413
    assert stream.tell() == 0  # refused by its Content-Length, before a byte was read
    [record] = _guard_records(caplog)
    assert len(record.getMessage()) < 300 and "\n" not in record.getMessage()
    assert MARKER not in caplog.text


def test_a_body_of_unannounced_length_is_cut_at_1_mib(workspace, caplog):
    """A chunked body the server did not count (`wsgi.input_terminated`, no CONTENT_LENGTH) is read up to 1 MiB."""
    application = wsgi_app(workspace.app, workspace.deps)
    stream = io.BytesIO(b"a" * (5 * MAX_BODY))
    env = {"CONTENT_LENGTH": "", "wsgi.input": stream, "wsgi.input_terminated": True}

    assert call(application, b"", {}, **env)[0] == 413
    assert stream.tell() <= MAX_BODY + 64 * 1024

    body = b"token=unused"  # under the cap: read to its end, then refused as unsigned
    env = {"CONTENT_LENGTH": "", "wsgi.input": io.BytesIO(body), "wsgi.input_terminated": True}
    assert call(application, b"", signed(workspace.signing_secret, b"other"), **env)[0] == 401


def test_a_body_of_exactly_1_mib_is_read_and_one_byte_more_is_413(workspace):
    application = wsgi_app(workspace.app, workspace.deps)
    assert call(application, b"a" * MAX_BODY, {})[0] == 401
    assert call(application, b"a" * (MAX_BODY + 1), {})[0] == 413


@pytest.mark.parametrize("length", ["abc", "-1", "1e3", " 5"])
def test_a_malformed_content_length_gets_400(workspace, length):
    application = wsgi_app(workspace.app, workspace.deps)
    assert call(application, b"hello", {}, CONTENT_LENGTH=length)[0] == 400


def test_a_body_shorter_than_announced_gets_400(workspace):
    application = wsgi_app(workspace.app, workspace.deps)
    assert call(application, b"hello", {}, CONTENT_LENGTH="50")[0] == 400


def test_the_server_refuses_a_5_mb_body_by_its_content_length(workspace, serve, caplog):
    """waitress answers 413 from the headers alone, before the body is sent."""
    served = serve()
    with socket.create_connection(("127.0.0.1", served.port), timeout=5) as sock:
        sock.sendall(b"POST /slack/events HTTP/1.1\r\nHost: alinea\r\nContent-Type: application/json\r\n"
                     + f"Content-Length: {5 * 1024 * 1024}\r\n\r\n".encode() + MARKER.encode())
        answer = sock.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413 ")
    assert MARKER not in caplog.text


# --- signed bodies Bolt cannot read: 400, never 500 --------------------------------------------------------

# Bodies Bolt fails on before or around its middleware. (A field of the wrong type deeper in, such as an event that is
# a list, makes a listener or middleware fail inside Bolt instead, which answers 500 as for any failure: signed, so
# from Slack, which never sends one.)
MALFORMED_SIGNED = [
    (b"[]", payloads.JSON), (b"null", payloads.JSON), (b"1", payloads.JSON), (b'"text"', payloads.JSON),
    (b"true", payloads.JSON), (b"[]", payloads.FORM), (b"null", payloads.FORM),
    (b"payload=null", payloads.FORM), (b"payload=[]", payloads.FORM), (b"payload=1", payloads.FORM),
    (b"payload=%7B", payloads.FORM), (b"payload=%22x%22", payloads.FORM),
    (b"\xff\xfe", payloads.FORM), (b'{"a": "\xff"}', payloads.JSON), (b"{", payloads.JSON), (b"{'a': 1}", payloads.JSON),
    (b'{"type": "event_callback", "event": null}', payloads.JSON),
    (b'{"type": "block_actions", "actions": null}', payloads.JSON),
    (b'{"type": "view_submission", "view": null}', payloads.JSON),
    (b'{"authorizations": [1]}', payloads.JSON),
    (b'{"enterprise": 1}', payloads.JSON),
]


@pytest.mark.parametrize(("body", "content_type"), MALFORMED_SIGNED, ids=[repr(b) for b, _ in MALFORMED_SIGNED])
def test_a_signed_malformed_body_gets_400_through_the_server(workspace, serve, body, content_type):
    served = serve()
    headers = signed(workspace.signing_secret, body) | {"Content-Type": content_type}
    mark = workspace.slack.mark()

    status, _, _ = request(served.port, "POST", EVENTS_PATH, body, headers)

    assert status == 400
    assert workspace.slack.calls_to("response_url") == []
    assert [call.method for call in workspace.slack.since(mark)] == []


def test_signed_bodies_bolt_reads_are_not_taken_for_malformed(workspace):
    """The 400 is for bodies Bolt fails on: an empty form, a form without `payload` and an empty object go on to
    Bolt as before (which has no listener for them)."""
    application = wsgi_app(workspace.app, workspace.deps)
    for body, content_type in [(b"", payloads.FORM), (b"a=b", payloads.FORM), (b"{}", payloads.JSON),
                               (b"payload=%7B%7D", payloads.FORM), (b"text=the+payload", payloads.FORM)]:
        assert call(application, body, signed(workspace.signing_secret, body), content_type)[0] == 404, body


# --- one client cannot starve Slack -------------------------------------------------------------------------


def _slack_answers_quickly(workspace: SimulatedWorkspace, served: Served, seconds: float) -> list[float]:
    """Signed commands and /healthz from Slack's address for `seconds`; how long each took. Each must be answered."""
    took = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = command_body(workspace, "help")
        headers = signed(workspace.signing_secret, body) | {"Content-Type": payloads.FORM}
        status, _, elapsed = request(served.port, "POST", EVENTS_PATH, body, headers, timeout=1)
        assert status == 200
        took.append(elapsed)
        status, _, elapsed = request(served.port, "GET", "/healthz", timeout=1)
        assert status == 200
        took.append(elapsed)
        time.sleep(0.25)
    return took


def test_150_slow_connections_from_one_client_never_keep_slack_waiting(workspace, serve):
    """The reported slowloris: 150 connections from one address, each trickling a request that never ends. With
    waitress's old limit of 100 connections, Slack's requests and /healthz waited until they were released; now the
    client holds at most its cap of connections, and Slack, from another address, is answered within a second for
    as long as the slow connections stay open."""
    workspace.add_person("sam")
    served = serve()
    cap = workspace.deps.settings.alinea_http_connections_per_client
    slow = SlowClients(served.port, 150)
    try:
        time.sleep(1.2)  # two trickled bytes: the connections beyond the cap have found themselves closed
        took = _slack_answers_quickly(workspace, served, seconds=4)
        assert max(took) < 1.0, took
        assert served.held_by(ATTACKER) == cap  # the slow connections are still open; no more than the cap
        assert slow.cut >= 150 - cap  # the rest were closed at once, and each reopened (and closed again)
    finally:
        slow.close()


def test_without_the_per_client_cap_slow_connections_do_starve_slack(workspace, serve):
    """The test above would notice: with no cap and a small connection limit, the same slow connections leave
    Slack's request unanswered."""
    served = serve(connections_per_client=0, connection_limit=60)
    slow = SlowClients(served.port, 150, reconnect=False)
    try:
        time.sleep(0.6)
        with pytest.raises(TimeoutError):
            request(served.port, "GET", "/healthz", timeout=1)
    finally:
        slow.close()


def test_with_a_small_connection_limit_the_cap_still_keeps_slack_served(workspace, serve):
    served = serve(connections_per_client=20, connection_limit=60)
    slow = SlowClients(served.port, 150)
    try:
        time.sleep(1.2)
        took = _slack_answers_quickly(workspace, served, seconds=2)
        assert max(took) < 1.0, took
        assert served.held_by(ATTACKER) == 20
    finally:
        slow.close()


def test_a_request_trickling_in_is_cut_after_the_read_limit(workspace, serve):
    served = serve(read_limit=1.0)
    slow = SlowClients(served.port, 3, pace=0.2, reconnect=False)
    try:
        started = time.monotonic()
        while slow.cut < 3 and time.monotonic() - started < 6:
            time.sleep(0.05)
        took = time.monotonic() - started
        assert slow.cut == 3, "the slow requests were not cut"
        # cut after the limit (checked every second), though a byte arrived every 0.2 s
        assert 0.9 < took < 4, took
        assert served.held_by(ATTACKER) == 0
    finally:
        slow.close()


def test_an_idle_connection_is_cut(workspace, serve):
    served = serve(idle_timeout=1)
    silent = socket.create_connection(("127.0.0.1", served.port), timeout=5, source_address=(ATTACKER, 0))
    partial = socket.create_connection(("127.0.0.1", served.port), timeout=5, source_address=(ATTACKER, 0))
    try:
        partial.sendall(b"POST /slack/events HTTP/1.1\r\nHost: alinea\r\n")
        started = time.monotonic()
        assert closed_by_server(silent, within=4) and closed_by_server(partial, within=4)
        assert time.monotonic() - started < 4
    finally:
        silent.close()
        partial.close()


def test_a_keep_alive_connection_serves_several_quick_requests(workspace, serve):
    """Requests that arrive at once are not the read limit's business, however many one connection carries."""
    served = serve(read_limit=1.0)
    connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=5)
    try:
        for _ in range(4):
            connection.request("GET", "/healthz")
            response = connection.getresponse()
            assert response.status == 200
            response.read()
            time.sleep(0.6)  # 2.4 s on one connection in all, each request quick
    finally:
        connection.close()


def test_connections_beyond_the_per_client_cap_are_closed_at_once(workspace, serve):
    served = serve(connections_per_client=5)
    clients = [socket.create_connection(("127.0.0.1", served.port), timeout=5, source_address=(ATTACKER, 0))
               for _ in range(8)]
    try:
        for sock in clients:
            sock.sendall(b"POST /slack/events HTTP/1.1\r\n")
        closed = [closed_by_server(sock, within=0.5) for sock in clients]
        assert closed.count(True) == 3 and served.held_by(ATTACKER) == 5
        # another address is not held back by this one's cap
        assert request(served.port, "GET", "/healthz", source=SLACK, timeout=1)[0] == 200
        # once the client lets go, it may connect again
        for sock in clients:
            sock.close()
        deadline = time.monotonic() + 3
        while served.held_by(ATTACKER) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert request(served.port, "GET", "/healthz", source=ATTACKER, timeout=1)[0] == 200
    finally:
        for sock in clients:
            sock.close()


def test_the_cap_comes_from_the_setting(workspace, serve):
    served = serve(deps=with_settings(workspace, alinea_http_connections_per_client=3))
    assert served.server.connections_per_client == 3
    clients = [socket.create_connection(("127.0.0.1", served.port), timeout=5, source_address=(ATTACKER, 0))
               for _ in range(4)]
    try:
        assert [closed_by_server(sock, within=0.5) for sock in clients].count(True) == 1
    finally:
        for sock in clients:
            sock.close()


def test_the_server_is_configured_against_slow_clients(workspace):
    server = http_server(workspace.app, workspace.deps, "127.0.0.1", 0)
    try:
        adj = server.adj
        assert adj.connection_limit >= 1000 and adj.asyncore_use_poll
        assert adj.channel_timeout <= 30 and adj.cleanup_interval == 1
        assert adj.max_request_body_size == MAX_BODY + 1
        assert server.read_limit <= 10 and server.connections_per_client == 32
    finally:
        server.close()
