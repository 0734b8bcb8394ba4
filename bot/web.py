"""The HTTP side: `POST /slack/events` for Slack (signed requests only) and `GET /healthz`."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from waitress import create_server
from waitress.server import BaseWSGIServer

from bot.deps import Deps

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"


def health(deps: Deps, scheduler_state: Callable[[], str]) -> tuple[bool, dict[str, str]]:
    """Whether the store answers (within a second), and what the scheduler is doing."""
    store = deps.db.ping()
    return store == "ok", {"status": "ok" if store == "ok" else "degraded", "store": store,
                           "scheduler": scheduler_state()}


def wsgi_app(app: App, deps: Deps, scheduler_state: Callable[[], str] = lambda: "off") -> Callable[..., Iterable[bytes]]:
    slack = SlackRequestHandler(app, path=EVENTS_PATH)

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == HEALTH_PATH and environ.get("REQUEST_METHOD") in {"GET", "HEAD"}:
            ok, body = health(deps, scheduler_state)
            payload = json.dumps(body).encode()
            start_response("200 OK" if ok else "503 Service Unavailable", [("Content-Type", "application/json")])
            return [payload]
        try:
            with deps.acks_first.acking():
                return slack(environ, start_response)
        except ValueError:  # Bolt could not read the body (malformed JSON): nothing Slack would send
            start_response("400 Bad Request", [("Content-Type", "text/plain")])
            return [b"malformed request"]

    return application


def http_server(
    app: App, deps: Deps, host: str, port: int, scheduler_state: Callable[[], str] = lambda: "off"
) -> BaseWSGIServer:
    """A waitress server (port 0 picks a free one; see `.effective_port`). Call `.run()` to serve."""
    return create_server(wsgi_app(app, deps, scheduler_state), host=host, port=port, threads=8, ident="alinea")
