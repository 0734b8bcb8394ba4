"""A Slack workspace in one process: the real `App` and handlers, talking to a `FakeSlack` on loopback.

Used by `alinea console`, `alinea demo` and the tests. People type slash commands; requests are signed
and dispatched through Bolt exactly as Slack would send them; what Slack would show is recorded.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass
from typing import Any

from slack_bolt import App
from slack_bolt.response import BoltResponse

from bot.app import create_app
from bot.clock import Clock
from bot.deps import Deps, build_deps
from bot.settings import load_settings
from bot.simulator import payloads
from bot.simulator.fake_slack import TEAM_ID, Call, FakeSlack
from bot.simulator.render import render_call

_MENTION_ID = re.compile(r"<@([UW][A-Z0-9]+)")
_CHANNEL_ID = re.compile(r"([CG][A-Z0-9]+)")
_NAMELESS_MENTION = re.compile(r"<@([UW][A-Z0-9]+)>")
_BROADCASTS = {"channel", "here", "everyone"}
_BARE_MENTION = re.compile(r"(?<![<\w|])@([a-z0-9][a-z0-9._-]*)", re.IGNORECASE)


@dataclass
class Exchange:
    """One request and what came of it: the HTTP answer to Slack (None for a scheduled job, which answers
    nobody) and the Web API calls it caused."""

    response: BoltResponse | None
    calls: list[Call]

    @property
    def status(self) -> int:
        return self.response.status if self.response else 200

    @property
    def body(self) -> str:
        return str(self.response.body or "") if self.response else ""

    def to(self, method: str) -> list[Call]:
        return [call for call in self.calls if call.method == method]

    @property
    def replies(self) -> list[dict[str, Any]]:
        """What was posted to the response_url (ephemeral replies, message replacements)."""
        return [call.args for call in self.to("response_url")]

    @property
    def reply_text(self) -> str:
        """All text of the replies, blocks included, as the person reads it (Slack's escapes undone)."""
        text = "\n".join(_all_text(reply) for reply in self.replies)
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _all_text(node: Any) -> str:
    if isinstance(node, dict):
        return "\n".join(_all_text(v) for k, v in node.items() if k in {"text", "blocks", "elements", "fields"})
    if isinstance(node, list):
        return "\n".join(_all_text(item) for item in node)
    return node if isinstance(node, str) else ""


class SimulatedWorkspace:
    """The app and a fake Slack side by side. Close it when done."""

    def __init__(self, database_url: str, clock: Clock | None = None, **settings: Any) -> None:
        self.slack = FakeSlack()
        self.signing_secret = secrets.token_hex(16)
        config = load_settings(
            slack_bot_token="xoxb-simulated",
            slack_signing_secret=self.signing_secret,
            slack_app_token=None,
            slack_api_url=self.slack.api_url,
            database_url=database_url,
            **settings,
        )
        self.deps: Deps = build_deps(config, clock=clock, inline=True)
        self.deps.db.prepare()
        self.app: App = create_app(self.deps)
        self._reply_channels: dict[str, str] = {}

    def add_person(self, name: str, **profile: Any) -> str:
        """A Slack user named `name` (ID `U` + upper-case name); returns the ID."""
        user_id = "U" + re.sub(r"[^A-Z0-9]", "", name.upper())
        self.slack.add_user(user_id, name, **profile)
        return user_id

    def escape_mentions(self, text: str) -> str:
        """Turn `@name` into `<@U…|name>`, and `@channel`, `@here`, `@everyone` into `<!channel>`…, as Slack does
        for commands with `should_escape`."""

        def escape(match: re.Match[str]) -> str:
            name = match[1].lower()
            if name in _BROADCASTS:
                return f"<!{name}>"
            user_id = self.slack.user_by_name(name) or self.add_person(name, tz=self.deps.workspace(TEAM_ID).timezone)
            return f"<@{user_id}|{name}>"

        return _BARE_MENTION.sub(escape, text)

    def dispatch(self, body: str, content_type: str, timestamp: int | None = None) -> Exchange:
        """Sign `body` and send it through the real App; the calls it caused come back with the answer."""
        mark = self.slack.mark()
        response = self.app.dispatch(payloads.signed_request(self.signing_secret, body, content_type, timestamp))
        return Exchange(response, self.slack.since(mark))

    def command(self, user_id: str, line: str, channel_id: str = payloads.DEFAULT_CHANNEL) -> Exchange:
        """Type a slash command line such as `/alinea join it` as `user_id`."""
        command, _, text = line.strip().partition(" ")
        body = payloads.slash_command(
            command, self.escape_mentions(text.strip()), user_id, self.slack.response_url(), channel_id=channel_id
        )
        return self.dispatch(body, payloads.FORM)

    def click(self, user_id: str, label: str, channel: str | None = None) -> Exchange:
        """Press the button labelled `label` (case-insensitive) on the newest message or view showing one (in
        `channel`, when given)."""
        for call in reversed(self.slack.calls):
            surface = _surface(call, self._reply_channels)
            if surface is None or (channel is not None and surface.get("channel") != channel):
                continue
            found = _find_button(surface["blocks"], label)
            if found is None:
                continue
            element, block_id = found
            response_url = self.slack.response_url()
            if surface.get("channel"):  # a reply through this URL replaces a message in that channel
                self._reply_channels[response_url] = surface["channel"]
            body = payloads.block_action(
                element["action_id"], user_id, response_url, value=element.get("value", ""),
                block_id=block_id, channel_id=surface.get("channel") or payloads.DEFAULT_CHANNEL,
                message=surface.get("message"), view=surface.get("view"),
            )
            return self.dispatch(body, payloads.FORM)
        raise LookupError(f"no button labelled {label!r} is on screen")

    def open_view(self) -> dict[str, Any]:
        """The modal most recently opened, pushed or updated."""
        for call in reversed(self.slack.calls):
            if call.method in {"views.open", "views.push", "views.update"} and call.result and call.result.get("ok"):
                return call.result["view"]
        raise LookupError("no modal is open")

    def submit(self, user_id: str, **typed: str) -> Exchange:
        """Submit the open modal with `typed` values by block_id (`@name` for people, ISO dates, option values);
        inputs not given keep their initial values."""
        return self.dispatch(self.submission(user_id, **typed), payloads.FORM)

    def submission(self, user_id: str, **typed: str) -> str:
        """The body Slack sends when `user_id` submits the open modal (see `submit`), to send once or more."""
        view = self.open_view()
        values: dict[str, dict[str, dict[str, Any]]] = {}
        for block in view.get("blocks", []):
            if block.get("type") == "input":
                element = block["element"]
                given = typed.get(block["block_id"])
                if given and element.get("type") in {"users_select", "multi_users_select"}:
                    given = self.escape_mentions(given)  # `@name` picks that person; text inputs keep what is typed
                state = _input_state(element, given)
                values[block["block_id"]] = {element["action_id"]: state}
        return payloads.view_submission(view.get("callback_id", ""), user_id, values,
                                        private_metadata=view.get("private_metadata", ""), view_id=view.get("id", "V1"))

    def show(self, exchange: Exchange) -> list[str]:
        """What a person would see of an exchange, with people's names in mentions, as terminal text."""
        lines = []
        body = exchange.body
        if exchange.status != 200:
            lines.append(f"(Slack would see HTTP {exchange.status})")
        elif body and body.strip() != "{}":
            lines.append(f"→ answer to Slack: {body}")
        for call in exchange.calls:
            shown = render_call(call.method, json.loads(_NAMELESS_MENTION.sub(self._named, json.dumps(call.args))))
            if shown:
                lines.append(shown)
            if call.error:
                lines.append(f"(Slack refused this {call.method}: {call.args.get('_errors') or call.error})")
        return lines

    def _named(self, match: re.Match[str]) -> str:
        user = self.slack.users.get(match[1])
        return f"<@{match[1]}|{user['name']}>" if user else match[0]

    def close(self) -> None:
        self.slack.close()
        self.deps.db.dispose()


_SURFACE_METHODS = {"chat.postMessage", "chat.update", "chat.postEphemeral", "response_url", "views.open",
                    "views.push", "views.update", "views.publish"}


def _surface(call: Call, reply_channels: dict[str, str]) -> dict[str, Any] | None:
    """Where a recorded call put blocks on screen: the blocks, and the message or view they belong to (a reply
    through a response_url is in the channel of the message whose button gave that URL)."""
    if call.method not in _SURFACE_METHODS or call.error:
        return None
    if call.method.startswith("views."):
        view = (call.result or {}).get("view") or call.args.get("view") or {}
        return {"blocks": view.get("blocks", []), "view": view}
    blocks = call.args.get("blocks") or []
    ts = (call.result or {}).get("ts") or call.args.get("ts") or "1700000000.000001"
    message = {"ts": ts, "text": call.args.get("text", ""), "blocks": blocks}
    return {"blocks": blocks, "channel": call.args.get("channel") or reply_channels.get(call.url), "message": message}


def _find_button(blocks: list[dict[str, Any]], label: str) -> tuple[dict[str, Any], str] | None:
    for block in blocks:
        elements = list(block.get("elements", [])) if block.get("type") == "actions" else []
        if block.get("accessory"):
            elements.append(block["accessory"])
        for element in elements:
            if element.get("type") == "button" and element["text"]["text"].lower() == label.lower():
                return element, block.get("block_id", "b")
    return None


def _input_state(element: dict[str, Any], given: str | None) -> dict[str, Any]:
    """The state Slack reports for one input element, typed or left at its initial value."""
    kind = element.get("type")
    if kind == "users_select":
        user = _MENTION_ID.search(given or "")
        return {"type": kind, "selected_user": user[1] if user else element.get("initial_user")}
    if kind == "multi_users_select":
        return {"type": kind, "selected_users": _MENTION_ID.findall(given or "") or element.get("initial_users", [])}
    if kind == "channels_select":
        channel = _CHANNEL_ID.search(given or "")
        return {"type": kind, "selected_channel": channel[1] if channel else element.get("initial_channel")}
    if kind == "conversations_select":
        channel = _CHANNEL_ID.search(given or "")
        return {"type": kind,
                "selected_conversation": channel[1] if channel else element.get("initial_conversation")}
    if kind == "datepicker":
        return {"type": kind, "selected_date": given or element.get("initial_date")}
    if kind == "checkboxes":
        if given is None:
            return {"type": kind, "selected_options": element.get("initial_options", [])}
        wanted = set(given.split(","))
        return {"type": kind, "selected_options": [o for o in element.get("options", []) if o["value"] in wanted]}
    if kind == "timepicker":
        return {"type": kind, "selected_time": given or element.get("initial_time")}
    if kind == "static_select":
        grouped = [o for group in element.get("option_groups", []) for o in group.get("options", [])]
        options = {o["value"]: o for o in [*element.get("options", []), *grouped]}
        chosen = options.get(given) if given else element.get("initial_option")
        return {"type": kind, "selected_option": chosen}
    return {"type": kind, "value": given if given is not None else element.get("initial_value")}
