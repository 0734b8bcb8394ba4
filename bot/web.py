"""The HTTP side: `POST /slack/events` for Slack (signed requests only) and `GET /healthz`.

Nothing of a request runs before its signature is checked here: the body is read (at most `MAX_BODY` bytes), its v0
signature verified, and only then handed to Bolt, which checks it again. What fails gets 401 and one log line giving
its size and an escaped prefix, never the body. The server cuts idle connections, requests that take too long to
arrive, and a client's connections beyond `ALINEA_HTTP_CONNECTIONS_PER_CLIENT`, so one client cannot starve Slack.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import logging
import re
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qsl

from slack_bolt import App, BoltContext, BoltRequest, BoltResponse
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_bolt.adapter.wsgi.http_request import WsgiHttpRequest
from slack_bolt.request.internals import build_context
from waitress import wasyncore
from waitress.adjustments import Adjustments
from waitress.channel import HTTPChannel
from waitress.server import TcpWSGIServer

from bot.deps import Deps

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
MAX_BODY = 1024 * 1024  # bytes; Slack's payloads are well under it
MAX_AGE = 5 * 60  # seconds a signed request stays valid, as Slack and Bolt count them
PREVIEW_CHARS = 40  # how much of a refused body the log shows, escaped
READ_LIMIT = 10.0  # seconds a request may take to arrive (headers and body), however steadily its bytes trickle
IDLE_TIMEOUT = 15  # seconds an open connection may send nothing (waitress counts whole seconds)
CONNECTION_LIMIT = 1000  # open connections in all; one client reaches at most its own cap of them
THREADS = 8

_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")
_CONTENT_LENGTH = re.compile(r"[0-9]{1,12}")
_READ_CHUNK = 64 * 1024


def health(deps: Deps, scheduler_state: Callable[[], str]) -> tuple[bool, dict[str, str]]:
    """Whether the store answers (within a second), and what the scheduler is doing."""
    store = deps.db.ping()
    return store == "ok", {"status": "ok" if store == "ok" else "degraded", "store": store,
                           "scheduler": scheduler_state()}


class _Refused(Exception):
    """A request answered before Bolt sees it: the status, and why (for the log)."""

    def __init__(self, status: str, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def wsgi_app(app: App, deps: Deps, scheduler_state: Callable[[], str] = lambda: "off") -> Callable[..., Iterable[bytes]]:
    """The WSGI application: /healthz, /slack/events for requests whose signature holds, /slack/install and
    /slack/oauth_redirect when installing through OAuth; 404 for the rest."""
    slack = _SlackHandler(app, path=EVENTS_PATH)
    secret = deps.settings.slack_signing_secret
    key = secret.get_secret_value().encode() if secret else b""
    flow = app.oauth_flow
    oauth_paths = {flow.install_path, flow.redirect_uri_path} if flow is not None else set()

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path, method = environ.get("PATH_INFO"), environ.get("REQUEST_METHOD")
        if path == HEALTH_PATH and method in {"GET", "HEAD"}:
            ok, body = health(deps, scheduler_state)
            payload = json.dumps(body).encode()
            start_response("200 OK" if ok else "503 Service Unavailable", [("Content-Type", "application/json")])
            return [payload]
        if method == "GET" and path in oauth_paths:  # an admin's browser installing the app: Bolt's OAuth flow
            return slack(environ, start_response)
        if path != EVENTS_PATH or method != "POST":
            return _answer(start_response, "404 Not Found", b"not found")
        try:
            body = _read_body(environ)
        except _Refused as refused:
            log.info("refused a request from %s: %s", environ.get("REMOTE_ADDR", "?"), refused.reason)
            return _answer(start_response, refused.status, refused.reason.encode())
        refusal = _signature_refusal(key, environ, body)
        if refusal:
            log.info("refused an unsigned request from %s (%s): %d bytes starting %s",
                     environ.get("REMOTE_ADDR", "?"), refusal, len(body), _preview(body))
            start_response("401 Unauthorized", [("Content-Type", "application/json")])
            return [b'{"error": "invalid request"}']
        if not _readable(body, environ.get("CONTENT_TYPE") or ""):  # signed, so Slack's; but Bolt would fail on it
            log.warning("refused a signed request Bolt could not read: %d bytes", len(body))
            return _answer(start_response, "400 Bad Request", b"malformed request")
        # Bolt reads the body again, from here, and verifies its signature a second time. Only a verified request
        # holds the work back while it is acked: unsigned ones must not be able to slow the work down.
        verified = environ | {"wsgi.input": io.BytesIO(body), "CONTENT_LENGTH": str(len(body))}
        try:
            with deps.acks_first.acking():
                return slack(verified, start_response)
        except (ValueError, TypeError, AttributeError, KeyError, IndexError) as error:
            # Bolt failed on the shape of a signed body (a field of the wrong type) and let the error out.
            log.warning("refused a signed request Bolt could not read: %s", type(error).__name__)
            return _answer(start_response, "400 Bad Request", b"malformed request")

    return application


def slack_request(body: str, headers: dict[str, Any], query: Any = None) -> BoltRequest:
    """The BoltRequest of what Slack sent, read as sent: Bolt takes any form body containing the word "payload"
    for an interaction (whose JSON is a `payload` field) and, finding no such field, reads nothing, so a slash
    command typed as `/ask Fix the payload check` would reach no listener. Such a form is read as the form it is;
    the raw body, over which Bolt checks the signature, is untouched."""
    request = BoltRequest(body=body, query=query, headers=headers)
    if request.body or "payload" not in body or body.startswith("{"):
        return request
    form = dict(parse_qsl(body, keep_blank_values=True))
    if "payload" not in form:
        request.body = form
        request.context = build_context(BoltContext({}), form)
    return request


class _SlackHandler(SlackRequestHandler):
    """Bolt's WSGI adapter, its requests read by `slack_request`."""

    def dispatch(self, request: WsgiHttpRequest) -> BoltResponse:
        return self.app.dispatch(slack_request(request.get_body(), request.get_headers(), request.query_string))


def _answer(start_response: Callable[..., Any], status: str, text: bytes) -> Iterable[bytes]:
    start_response(status, [("Content-Type", "text/plain")])
    return [text]


def _read_body(environ: dict[str, Any]) -> bytes:
    """The body, refused with 413 above `MAX_BODY` (by Content-Length before reading, or while reading a body whose
    length was not given) and with 400 when shorter than announced."""
    stream = environ.get("wsgi.input")
    declared = environ.get("CONTENT_LENGTH") or ""
    if declared:
        if not _CONTENT_LENGTH.fullmatch(declared):
            raise _Refused("400 Bad Request", "malformed Content-Length")
        length = int(declared)
        if length > MAX_BODY:
            raise _Refused("413 Request Entity Too Large", f"body of {length} bytes is over {MAX_BODY}")
    elif environ.get("wsgi.input_terminated"):  # a chunked body the server has not counted: read to its end
        length = MAX_BODY + 1
    else:
        length = 0
    chunks, received = [], 0
    while stream is not None and received < length:
        chunk = stream.read(min(_READ_CHUNK, length - received))
        if not chunk:
            break
        chunks.append(chunk)
        received += len(chunk)
    if received > MAX_BODY:
        raise _Refused("413 Request Entity Too Large", f"body of more than {MAX_BODY} bytes")
    if declared and received < length:
        raise _Refused("400 Bad Request", f"body of {received} bytes, not the {length} announced")
    return b"".join(chunks)


def _signature_refusal(key: bytes, environ: dict[str, Any], body: bytes) -> str | None:
    """Why the request's v0 signature does not hold (a few words for the log), or None when it does."""
    try:
        timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP")
        signature = environ.get("HTTP_X_SLACK_SIGNATURE")
        if not key:
            return "no signing secret is set"
        if timestamp is None or signature is None:
            return "no signature"
        if not _TIMESTAMP.fullmatch(timestamp):
            return "malformed timestamp"
        if abs(time.time() - int(timestamp)) > MAX_AGE:
            return "timestamp more than 5 minutes off"
        if not _SIGNATURE.fullmatch(signature):
            return "malformed signature"
        expected = "v0=" + hmac.new(key, b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256).hexdigest()
        return None if hmac.compare_digest(expected, signature) else "wrong signature"
    except Exception as error:  # whatever it is, the request is not shown to be Slack's
        return f"signature check failed ({type(error).__name__})"


def _readable(body: bytes, content_type: str) -> bool:
    """Whether Bolt can take this signed body: UTF-8, and where Bolt reads JSON (a body sent as JSON or starting with
    `{`, or a form's `payload` field) a JSON object. A body that is JSON of another kind (`[]`, `null`) is refused
    whatever its Content-Type: Slack never sends one, and Bolt fails on it."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    if not text:
        return True  # Bolt takes it as an empty request it has no listener for
    try:
        return isinstance(json.loads(text), dict)
    except ValueError:
        pass
    if content_type.split(";")[0].strip().lower() == "application/json" or text.startswith("{"):
        return False  # Bolt would read it as JSON
    if "payload" in text:  # Bolt's own test for a form whose `payload` field holds JSON
        payload = dict(parse_qsl(text, keep_blank_values=True)).get("payload")
        return payload is None or _is_object(payload)
    return True


def _is_object(text: str) -> bool:
    try:
        return isinstance(json.loads(text), dict)
    except ValueError:
        return False


def _preview(body: bytes) -> str:
    """The first characters of a body for a log line: quoted, every control and non-ASCII character escaped, so it
    stays on its line and within 120 characters."""
    return ascii(body[: PREVIEW_CHARS * 4].decode("utf-8", "backslashreplace")[:PREVIEW_CHARS])[:120]


class GuardedChannel(HTTPChannel):
    """A waitress connection that notes since when its current request has been arriving (`reading_since`, a
    `time.monotonic()`; None between requests), so the server can cut one that trickles in."""

    reading_since: float | None = None

    def received(self, data: bytes) -> bool:
        before = self.request  # the request being parsed, if any; waitress starts a new one for each
        result = super().received(data)
        if self.request is None:
            self.reading_since = None
        elif self.request is not before or self.reading_since is None:
            self.reading_since = time.monotonic()
        return bool(result)


class GuardedServer(TcpWSGIServer):
    """waitress's server, made so one client cannot starve the others:

    - besides waitress's own cut of idle connections (`channel_timeout`), a request still arriving `read_limit`
      seconds after its first byte is cut, however steadily its bytes trickle in (a slowloris);
    - a client address holding `connections_per_client` open connections has any further one closed at once
      (0: no cap), so it cannot take the whole `connection_limit`.
    Behind a reverse proxy every connection comes from the proxy's address: raise the cap or set it to 0 there."""

    channel_class = GuardedChannel

    def __init__(self, application: Callable[..., Any], *, adj: Adjustments, read_limit: float,
                 connections_per_client: int) -> None:
        self.read_limit = read_limit
        self.connections_per_client = connections_per_client
        self._capped: set[str] = set()  # addresses refused since they last had a connection accepted (logged once)
        self._closing = threading.Event()
        super().__init__(application, adj=adj, sockinfo=adj.listen[0])

    def accept(self) -> tuple[Any, Any] | None:
        accepted = super().accept()
        if accepted is None or not self.connections_per_client:
            return accepted
        conn, addr = accepted
        host = _host(addr)
        # Counted afresh at each accept: at most `connection_limit` connections to look at.
        held = sum(1 for channel in list(self.active_channels.values()) if _host(channel.addr) == host)
        if held < self.connections_per_client:
            self._capped.discard(host)
            return accepted
        conn.close()
        if host not in self._capped:
            self._capped.add(host)
            log.warning("%s holds %d connections, the most one client may: closing its new ones", host, held)
        return None  # waitress's handle_accept takes None as nothing accepted

    def maintenance(self, now: float) -> None:
        super().maintenance(now)  # idle connections
        cutoff = time.monotonic() - self.read_limit
        channels = list(self.active_channels.values())
        for channel in channels:
            since = getattr(channel, "reading_since", None)
            if since is not None and since < cutoff and not channel.requests:
                channel.will_close = True  # the loop closes it on its next turn
        self._capped &= {_host(channel.addr) for channel in channels}

    def run(self) -> None:
        """Serve until `close` (from any thread) or Ctrl-C."""
        try:
            while self._map and not self._closing.is_set():
                wasyncore.loop(self.adj.asyncore_loop_timeout, self.adj.asyncore_use_poll, self._map, count=1)
        except (SystemExit, KeyboardInterrupt):
            self.task_dispatcher.shutdown()

    def close(self) -> None:
        """Stop listening, close every open connection, end `run`'s loop and stop the request threads. Closing twice
        does nothing more."""
        if self._closing.is_set():
            return
        self._closing.set()
        for channel in list(self.active_channels.values()):
            channel.handle_close()
        self.pull_trigger()  # wakes the loop, which then sees `_closing`
        super().close()
        self.task_dispatcher.shutdown(timeout=5)


def _host(addr: Any) -> str:
    """The client's address without its port (IPv4 and IPv6 addresses are tuples whose first item it is)."""
    return str(addr[0]) if isinstance(addr, tuple) and addr else str(addr)


def http_server(
    app: App, deps: Deps, host: str, port: int, scheduler_state: Callable[[], str] = lambda: "off", *,
    connections_per_client: int | None = None, read_limit: float = READ_LIMIT, idle_timeout: int = IDLE_TIMEOUT,
    connection_limit: int = CONNECTION_LIMIT,
) -> GuardedServer:
    """A waitress server (port 0 picks a free one; see `.effective_port`). Call `.run()` to serve, `.close()` to stop.

    `connections_per_client` defaults to the setting ALINEA_HTTP_CONNECTIONS_PER_CLIENT; the other limits are for
    tests. A host name that resolves to several addresses listens on the first."""
    adj = Adjustments(
        host=host, port=port, threads=THREADS, ident="alinea",
        connection_limit=connection_limit,
        asyncore_use_poll=True,  # select() cannot watch file descriptors above 1023
        channel_timeout=idle_timeout,
        cleanup_interval=1,  # how often idle and slow connections are looked for, in seconds
        max_request_body_size=MAX_BODY + 1,  # waitress refuses a body of this size or more with 413
    )
    cap = deps.settings.alinea_http_connections_per_client if connections_per_client is None else connections_per_client
    return GuardedServer(wsgi_app(app, deps, scheduler_state), adj=adj, read_limit=read_limit,
                         connections_per_client=cap)
