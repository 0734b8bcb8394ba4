"""Builders for what Slack sends an app: slash commands, block actions, view submissions, shortcuts and
events, signed with v0 HMAC exactly as Slack signs them."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import secrets
import time
from typing import Any
from urllib.parse import urlencode

from slack_bolt.request import BoltRequest

from bot.simulator.fake_slack import TEAM_ID
from bot.web import slack_request

DEFAULT_CHANNEL = "CCOLLAB01"
_triggers = itertools.count(1)
_ids = itertools.count(1)  # event and view IDs: Slack never sends two requests with the same one
# This process's mark in every ID: a console or demo run again on the same store (and its record of requests
# already taken) must not send IDs an earlier run sent, or they would be taken for Slack's retries and dropped.
_RUN = secrets.token_hex(3).upper()


def signature_headers(secret: str, body: str, timestamp: int | None = None) -> dict[str, str]:
    """The `X-Slack-Signature` and `X-Slack-Request-Timestamp` headers for `body`."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"x-slack-signature": f"v0={digest}", "x-slack-request-timestamp": ts}


def signed_request(secret: str, body: str, content_type: str, timestamp: int | None = None) -> BoltRequest:
    headers = signature_headers(secret, body, timestamp) | {"content-type": content_type}
    return slack_request(body, {k: [v] for k, v in headers.items()})


def form(fields: dict[str, Any]) -> str:
    return urlencode(fields)


def interactive(payload: dict[str, Any]) -> str:
    """Interactivity payloads arrive as a form with one `payload` field of JSON."""
    return urlencode({"payload": json.dumps(payload)})


def trigger_id() -> str:
    return f"{next(_triggers)}.{_RUN}.simulated"


def slash_command(
    command: str, text: str, user_id: str, response_url: str, *, team_id: str = TEAM_ID,
    channel_id: str = DEFAULT_CHANNEL, user_name: str = "", org: str | None = None,
) -> str:
    """`org`: the enterprise ID of an org-wide install the command comes through."""
    return form({
        "token": "unused", "team_id": team_id, "team_domain": "alinea-sample", "channel_id": channel_id,
        "channel_name": "collab", "user_id": user_id, "user_name": user_name or user_id.lower(),
        "command": command, "text": text, "api_app_id": "AALINEA", "is_enterprise_install": str(bool(org)).lower(),
        **({"enterprise_id": org} if org else {}),
        "response_url": response_url, "trigger_id": trigger_id(),
    })


def _user(user_id: str, team_id: str) -> dict[str, Any]:
    return {"id": user_id, "username": user_id.lower(), "name": user_id.lower(), "team_id": team_id}


def block_action(
    action_id: str, user_id: str, response_url: str, *, value: str = "", block_id: str = "b",
    team_id: str = TEAM_ID, channel_id: str = DEFAULT_CHANNEL, message: dict[str, Any] | None = None,
    view: dict[str, Any] | None = None, org: str | None = None,
) -> str:
    payload: dict[str, Any] = {
        "type": "block_actions", "team": {"id": team_id, "domain": "alinea-sample"}, "user": _user(user_id, team_id),
        "api_app_id": "AALINEA", "token": "unused", "trigger_id": trigger_id(),
        "is_enterprise_install": bool(org), **({"enterprise": {"id": org, "name": "Org"}} if org else {}),
        "actions": [{"type": "button", "action_id": action_id, "block_id": block_id, "value": value,
                     "action_ts": "1700000000.000001"}],
    }
    if view is not None:
        payload["view"] = view
        payload["container"] = {"type": "view", "view_id": view.get("id", "V0")}
    else:
        payload["channel"] = {"id": channel_id, "name": "collab"}
        payload["message"] = message or {"ts": "1700000000.000001", "text": ""}
        payload["container"] = {"type": "message", "channel_id": channel_id,
                                "message_ts": payload["message"]["ts"]}
        payload["response_url"] = response_url
    return interactive(payload)


def view_submission(
    callback_id: str, user_id: str, values: dict[str, dict[str, dict[str, Any]]], *, private_metadata: str = "",
    team_id: str = TEAM_ID, view_id: str | None = None, view_hash: str = "",
) -> str:
    """`values` is the modal's state: {block_id: {action_id: {"type": ..., "value": ...}}}; the view a new one unless
    `view_id` names it (the same view submitted again); `view_hash`: the hash of the view's version submitted."""
    view_id = view_id or f"VSIM{_RUN}{next(_ids):06d}"
    view: dict[str, Any] = {"id": view_id, "type": "modal", "callback_id": callback_id,
                            "private_metadata": private_metadata, "state": {"values": values}, "team_id": team_id}
    if view_hash:
        view["hash"] = view_hash
    return interactive({
        "type": "view_submission", "team": {"id": team_id, "domain": "alinea-sample"},
        "user": _user(user_id, team_id), "api_app_id": "AALINEA", "token": "unused", "trigger_id": trigger_id(),
        "view": view,
    })


def message_shortcut(
    callback_id: str, user_id: str, message: dict[str, Any], response_url: str, *, team_id: str = TEAM_ID,
    channel_id: str = DEFAULT_CHANNEL,
) -> str:
    return interactive({
        "type": "message_action", "callback_id": callback_id, "team": {"id": team_id, "domain": "alinea-sample"},
        "user": _user(user_id, team_id), "channel": {"id": channel_id, "name": "collab"}, "message": message,
        "message_ts": message.get("ts"), "response_url": response_url, "trigger_id": trigger_id(),
        "token": "unused",
    })


def event(inner: dict[str, Any], *, team_id: str = TEAM_ID, event_id: str | None = None,
          org: str | None = None) -> str:
    """An event; a new event_id unless `event_id` names it (Slack's retry of a delivery). `org`: the enterprise ID
    of an org-wide install it comes through."""
    event_id = event_id or f"Ev{_RUN}{next(_ids):06d}"
    authorization = {"team_id": None if org else team_id, "enterprise_id": org, "user_id": "UALINEABOT",
                     "is_bot": True, "is_enterprise_install": bool(org)}
    return json.dumps({
        "token": "unused", "team_id": team_id, "api_app_id": "AALINEA", "type": "event_callback",
        "event": inner, "event_id": event_id, "event_time": 1700000000, "enterprise_id": org,
        "is_ext_shared_channel": False, "authorizations": [authorization],
    })


def function_executed(
    callback_id: str, inputs: dict[str, Any], *, team_id: str = TEAM_ID, event_id: str | None = None,
    function_execution_id: str | None = None, bot_access_token: str = "xwfp-simulated",
) -> str:
    """A workflow running one of the app's steps (`function_executed`), with the inputs the workflow gave it; a new
    execution unless `function_execution_id` names it, and, like every event, a new event_id unless `event_id` names
    it (Slack's retry of a delivery). `bot_access_token` is the token the step is ended with."""
    execution = function_execution_id or f"Fx{_RUN}{next(_ids):06d}"
    return event({
        "type": "function_executed",
        "function": {"id": f"Fn{callback_id.upper()}", "callback_id": callback_id, "title": callback_id,
                     "type": "app", "app_id": "AALINEA", "date_updated": 1700000000},
        "inputs": inputs, "function_execution_id": execution, "workflow_execution_id": f"Wx{execution[2:]}",
        "event_ts": "1700000000.000100", "bot_access_token": bot_access_token,
    }, team_id=team_id, event_id=event_id)


FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
