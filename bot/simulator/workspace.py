"""A Slack workspace in one process: the real `App` and handlers, talking to a `FakeSlack` on loopback.

Used by `alinea console`, `alinea demo` and the tests. People type slash commands; requests are signed
and dispatched through Bolt exactly as Slack would send them; what Slack would show is recorded.
"""

from __future__ import annotations

import json
import re
import secrets
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
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
# `@name` as typed: letters of any script, digits, and `.`, `-`, `_` inside (`@sofía`, `@ana.m`; not the period
# that ends a sentence).
_BARE_MENTION = re.compile(r"(?<![<\w|@])@(\w(?:[\w.-]*\w)?)")
_BARE_CHANNEL = re.compile(r"(?<![<\w|#&])#(\w(?:[\w-]*\w)?)")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_RELATIVE_DAYS = re.compile(r"\+(\d{1,3})d")
_HHMM = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")


class UnknownName(LookupError):
    """A typed `@name` that is nobody in the workspace, or `#name` that is no channel (when the workspace is strict
    about names, as the console is): `known` lists who or what there is."""

    def __init__(self, kind: str, name: str, known: Iterable[str]) -> None:
        self.kind, self.name, self.known = kind, name, sorted(known)
        sigil = "@" if kind == "person" else "#"
        listed = ", ".join(sigil + known_name for known_name in self.known) or "none yet"
        super().__init__(f"There is no {kind} {sigil}{name} here. Known: {listed}.")


class FieldError(LookupError):
    """What is wrong with values typed for a modal's fields: a name it has no field for, or a value its field can't
    take."""


def folded(name: str) -> str:
    """A name as compared: its Unicode composed, case folded, without a leading `@` or `#`."""
    return unicodedata.normalize("NFC", name.lstrip("@#")).casefold()


def plain(name: str) -> str:
    """A name without its accents, in capitals and ASCII letters and digits only (`sofía` → `SOFIA`)."""
    decomposed = unicodedata.normalize("NFKD", name)
    return re.sub(r"[^A-Z0-9]", "", "".join(c for c in decomposed if not unicodedata.combining(c)).upper())


def new_id(prefix: str, name: str, taken: dict[str, str]) -> str:
    """A Slack-like ID for `name` (`U` + `SOFIA` for `sofía`), given the IDs `taken` and the names they belong to:
    `name`'s own ID when it has one, else the first free of `USOFIA`, `USOFIA2`, …"""
    base = prefix + (plain(name) or "X")
    found, number = base, 2
    while found in taken and folded(taken[found]) != folded(name):
        found, number = f"{base}{number}", number + 1
    return found


@dataclass(frozen=True)
class Field:
    """One input of a modal as `:submit` names it (its block_id), with what it takes."""

    name: str
    kind: str  # the element's type
    label: str
    optional: bool
    choices: tuple[tuple[str, str], ...] = ()  # (value, label) of a select's, checkboxes' or radio buttons' options
    multiline: bool = False

    @property
    def takes(self) -> str:
        """What to type for it, as the console shows it: `due=YYYY-MM-DD`, `priority=low|normal|high`…"""
        if self.choices:
            joiner = "," if self.kind in _MULTI_CHOICE else "|"
            many = " (one or more, with commas)" if self.kind in _MULTI_CHOICE else ""
            if len(self.choices) > _CHOICES_SHOWN:  # a long list (time zones): its first few
                shown = [value for value, _ in self.choices[:_CHOICES_SHOWN // 2]]
                return f"{self.name}=" + joiner.join(shown) + f"|… ({len(self.choices)} choices){many}"
            named = [value if folded(label) in (folded(value), "") else f"{value} ({label})"
                     for value, label in self.choices]
            return f"{self.name}=" + joiner.join(named) + many
        return f"{self.name}=" + _TAKES.get(self.kind, "text" + (" (\\n for a new line)" if self.multiline else ""))


_MULTI_CHOICE = {"checkboxes", "multi_static_select"}
_CHOICES_SHOWN = 12
_DAYS_FROM_TODAY = {"today": 0, "hoy": 0, "tomorrow": 1, "mañana": 1}
_TAKES = {"users_select": "@name", "multi_users_select": "@name @name…", "channels_select": "#channel",
          "conversations_select": "#channel", "datepicker": "YYYY-MM-DD", "timepicker": "HH:MM"}


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
        # The console is strict about names: an `@name` or `in:#name` that is nobody raises `UnknownName`; otherwise
        # (tests, the demo) an unknown `@name` becomes a new person.
        self.strict_names = False
        self.channels: dict[str, str] = {"collab": payloads.DEFAULT_CHANNEL}  # name → ID of channels one can type

    def add_person(self, name: str, **profile: Any) -> str:
        """A Slack user named `name`; returns the ID: `U` and the name in capitals without accents (`sofía` →
        `USOFIA`), with a number after it when another name has that ID. The same name again is the same person."""
        user_id = new_id("U", name, {uid: user["name"] for uid, user in self.slack.users.items()})
        self.slack.add_user(user_id, name, **profile)
        return user_id

    def person_named(self, name: str) -> str | None:
        """The ID of the person called `name` (case and a leading `@` aside; `sofia` finds `sofía` when only she
        fits), or None."""
        people = list(self.slack.users.items())
        exact = [uid for uid, user in people if folded(user["name"]) == folded(name)]
        loose = [uid for uid, user in people if plain(user["name"]) == plain(name.lstrip("@"))]
        return exact[0] if exact else loose[0] if len(loose) == 1 and plain(name.lstrip("@")) else None

    def people_names(self) -> list[str]:
        return sorted((user["name"] for user in self.slack.users.values() if not user.get("is_bot")), key=folded)

    def add_channel(self, name: str) -> str:
        """A channel people can name with `#name` (its ID `C` and the name in capitals); returns the ID."""
        name = folded(name)
        if name not in self.channels:
            self.channels[name] = new_id("C", name, {cid: known for known, cid in self.channels.items()})
        return self.channels[name]

    def channel_name(self, channel_id: str) -> str | None:
        return next((name for name, cid in self.channels.items() if cid == channel_id), None)

    def escape_mentions(self, text: str) -> str:
        """Turn `@name` into `<@U…|name>`, `#name` of a known channel into `<#C…|name>`, and `@channel`, `@here`,
        `@everyone` into `<!channel>`…, as Slack does for commands with `should_escape`. An `@name` that is nobody
        raises `UnknownName` when the workspace is strict about names, else becomes a new person; a `#name` that is
        no channel stays as typed (a category, say), unless it is an option's value (`in:#name`) in a strict
        workspace."""

        def escape(match: re.Match[str]) -> str:
            name = match[1]
            if name.lower() in _BROADCASTS:
                return f"<!{name.lower()}>"
            user_id = self.person_named(name)
            if user_id is None:
                if self.strict_names:
                    raise UnknownName("person", name, self.people_names())
                user_id = self.add_person(name.lower(), tz=self.deps.workspace(TEAM_ID).timezone)
            return f"<@{user_id}|{self.slack.users[user_id]['name']}>"

        def link(match: re.Match[str]) -> str:
            channel_id = self.channels.get(folded(match[1]))
            if channel_id is not None:
                return f"<#{channel_id}|{match[1]}>"
            if self.strict_names and match.string[max(match.start() - 1, 0):match.start()] == ":":
                raise UnknownName("channel", match[1], self.channels)
            return match[0]

        return _BARE_CHANNEL.sub(link, _BARE_MENTION.sub(escape, text))

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
            surface = surface_of(call, self._reply_channels)
            if surface is None or (channel is not None and surface.get("channel") != channel):
                continue
            found = _find_button(surface["blocks"], label)
            if found is None:
                continue
            element, block_id = found
            return self.press(user_id, element, block_id, surface)
        raise LookupError(f"no button labelled {label!r} is on screen")

    def press(self, user_id: str, element: dict[str, Any], block_id: str, surface: dict[str, Any],
              response_url: str | None = None) -> Exchange:
        """Press the button `element` of block `block_id` on `surface` (a message, with its channel, or a view: as
        `surface_of` gives it), as `user_id`; `response_url`: the one the press carries (a new one by default)."""
        response_url = response_url or self.slack.response_url()
        if surface.get("channel"):  # a reply through this URL replaces a message in that channel
            self._reply_channels[response_url] = surface["channel"]
        body = payloads.block_action(
            element["action_id"], user_id, response_url, value=element.get("value", ""),
            block_id=block_id, channel_id=surface.get("channel") or payloads.DEFAULT_CHANNEL,
            message=surface.get("message"), view=surface.get("view"),
        )
        return self.dispatch(body, payloads.FORM)

    def home(self, user_id: str) -> Exchange:
        """`user_id` opens Alinea's Home tab."""
        return self.dispatch(payloads.event({"type": "app_home_opened", "user": user_id, "tab": "home"}),
                             payloads.JSON)

    def shortcut(self, user_id: str, text: str, channel_id: str = payloads.DEFAULT_CHANNEL,
                 author_id: str | None = None) -> Exchange:
        """`user_id` uses the message shortcut Log as ask on a message saying `text` (typed `@name`s escaped) in
        `channel_id`, written by `author_id` (by default themselves)."""
        message = {"type": "message", "user": author_id or user_id, "text": self.escape_mentions(text),
                   "ts": self.slack.new_ts()}
        body = payloads.message_shortcut("log_ask", user_id, message, self.slack.response_url(), channel_id=channel_id)
        return self.dispatch(body, payloads.FORM)

    def message(self, user_id: str, text: str) -> Exchange:
        """`user_id` writes `text` to the app, in their DM with it (the Messages tab)."""
        channel = self.slack.conversation(user_id)
        return self.dispatch(payloads.event({"type": "message", "channel_type": "im", "channel": channel,
                                             "user": user_id, "text": self.escape_mentions(text),
                                             "ts": self.slack.new_ts()}), payloads.JSON)

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
        return self.submission_of(self.open_view(), user_id, typed)

    def submission_of(self, view: dict[str, Any], user_id: str, typed: dict[str, str]) -> str:
        """The body Slack sends when `user_id` submits `view` with `typed` values (see `submit`)."""
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
                                        private_metadata=view.get("private_metadata", ""), view_id=view.get("id", "V1"),
                                        view_hash=view.get("hash", ""))

    def checked(self, view: dict[str, Any], typed: dict[str, str], today: date) -> dict[str, str]:
        """`typed` values for `view`'s fields as `submission_of` takes them, or `FieldError` saying what is wrong: a
        name the form has no field for (with the names it has), or a value its field can't take (a choice not
        offered, a date or time not written as the form's picker gives it, a channel that does not exist), or
        `UnknownName` for a `@name` that is nobody. A date may also be `today`, `tomorrow` or `+3d` (from `today`); a
        choice may be named by its label."""
        by_name = {field.name: field for field in fields(view)}
        unknown = [name for name in typed if name not in by_name]
        if unknown and not by_name:
            raise FieldError("This form has no fields to fill in.")
        if unknown:
            raise FieldError(f"This form has no field {', '.join(unknown)}. Its fields: "
                            + ", ".join(by_name) + ".")
        return {name: self._checked_value(by_name[name], value, today) for name, value in typed.items()}

    def _checked_value(self, field: Field, value: str, today: date) -> str:
        if not value.strip():
            return value
        if field.choices:
            many = field.kind in _MULTI_CHOICE
            chosen = []
            for word in [part.strip() for part in value.split(",")] if many else [value.strip()]:
                match = next((v for v, label in field.choices if folded(word) in (folded(v), folded(label))), None)
                if match is None:
                    raise FieldError(f"{field.name} can't be {word!r}: it takes {field.takes.partition('=')[2]}"
                                    " (a choice's value, or its label).")
                chosen.append(match)
            return ",".join(chosen)
        if field.kind == "datepicker":
            word = value.strip().lower()
            relative = _RELATIVE_DAYS.fullmatch(word)
            if relative or word in _DAYS_FROM_TODAY:
                return (today + timedelta(days=int(relative[1]) if relative else _DAYS_FROM_TODAY[word])).isoformat()
            if not _ISO_DATE.fullmatch(word):
                raise FieldError(f"{field.name} takes a date as YYYY-MM-DD (or today, tomorrow, +3d), not {value!r}.")
            return word
        if field.kind == "timepicker":
            found = _HHMM.fullmatch(value.strip())
            if not found:
                raise FieldError(f"{field.name} takes a time as HH:MM, not {value!r}.")
            return f"{int(found[1]):02d}:{found[2]}"
        if field.kind in {"users_select", "multi_users_select"}:
            return self.escape_mentions(" ".join(f"@{word.lstrip('@')}" if not word.startswith("<") else word
                                                 for word in re.split(r"[\s,]+", value.strip())))
        if field.kind in {"channels_select", "conversations_select"}:
            name = value.strip()
            channel = self.channels.get(folded(name)) or (name if _CHANNEL_ID.fullmatch(name) else None)
            if channel is None:
                raise UnknownName("channel", name.lstrip("#"), self.channels)
            return channel
        return value

    def show(self, exchange: Exchange) -> list[str]:
        """What a person would see of an exchange, with people's names in mentions, as terminal text."""
        lines = []
        body = exchange.body
        if exchange.status != 200:
            lines.append(f"(Slack would see HTTP {exchange.status})")
        elif body and body.strip() != "{}":
            lines.append(f"→ answer to Slack: {body}")
        for call in exchange.calls:
            shown = render_call(call.method, self.with_names(call.args))
            if shown:
                lines.append(shown)
            if call.error:
                lines.append(f"(Slack refused this {call.method}: {call.args.get('_errors') or call.error})")
        return lines

    def with_names(self, args: dict[str, Any]) -> dict[str, Any]:
        """A copy of a call's arguments with each nameless mention of a person (`<@U1>`) given their name."""
        return json.loads(_NAMELESS_MENTION.sub(self._named, json.dumps(args)))  # type: ignore[no-any-return]

    def _named(self, match: re.Match[str]) -> str:
        user = self.slack.users.get(match[1])
        return f"<@{match[1]}|{user['name']}>" if user else match[0]

    def close(self) -> None:
        self.slack.close()
        self.deps.db.dispose()


_SURFACE_METHODS = {"chat.postMessage", "chat.update", "chat.postEphemeral", "response_url", "views.open",
                    "views.push", "views.update", "views.publish"}


def fields(view: dict[str, Any]) -> list[Field]:
    """The inputs of a modal, by the names `:submit` takes (their block_ids)."""
    found = []
    for block in view.get("blocks", []):
        if block.get("type") != "input":
            continue
        element = block.get("element", {})
        choices = tuple((option.get("value", ""), option.get("text", {}).get("text", "")) for option in _options(element))
        found.append(Field(block.get("block_id", ""), element.get("type", ""), block.get("label", {}).get("text", ""),
                           bool(block.get("optional")), choices, bool(element.get("multiline"))))
    return found


def _options(element: dict[str, Any]) -> list[dict[str, Any]]:
    grouped = [o for group in element.get("option_groups", []) for o in group.get("options", [])]
    return [*element.get("options", []), *grouped]


def surface_of(call: Call, reply_channels: dict[str, str]) -> dict[str, Any] | None:
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
    if kind in {"checkboxes", "multi_static_select"}:
        if given is None:
            return {"type": kind, "selected_options": element.get("initial_options", [])}
        wanted = set(given.split(","))
        return {"type": kind, "selected_options": [o for o in _options(element) if o["value"] in wanted]}
    if kind == "timepicker":
        return {"type": kind, "selected_time": given or element.get("initial_time")}
    if kind in {"static_select", "radio_buttons"}:
        options = {o["value"]: o for o in _options(element)}
        chosen = options.get(given) if given else element.get("initial_option")
        return {"type": kind, "selected_option": chosen}
    return {"type": kind, "value": given if given is not None else element.get("initial_value")}
