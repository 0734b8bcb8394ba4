"""What the console shows, and what each pretend person can see and press.

Every message, ephemeral message, reply, modal and Home tab the app puts on screen is kept in its newest version,
with who sees it: a channel's messages everyone, a DM its person, a group DM its people, an ephemeral message or a
reply the person it was for, a modal the person who opened it, a Home tab its owner. Each button shown gets a
number (`[3] Accept`) for `:click 3`, which presses it only for someone who can see it, on the newest version of its
message or view. Each modal's inputs are shown with the names and values `:submit` takes."""

from __future__ import annotations

import copy
import itertools
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from typing import Any

from bot.simulator.fake_slack import Call
from bot.simulator.render import render_call
from bot.simulator.workspace import Exchange, SimulatedWorkspace, fields

Key = tuple[str, ...]
_MESSAGES = {"chat.postMessage", "chat.update"}
_MODALS = {"views.open", "views.push", "views.update"}
KEPT_MESSAGES = 200
_NAMELESS_CHANNEL = re.compile(r"<#([CG][A-Z0-9]+)>")


class NotPressable(LookupError):
    """A button someone can't press now, and why."""


@dataclass
class Surface:
    """One message or view as it stands now."""

    key: Key  # which message or view, across its versions
    kind: str  # message, ephemeral, reply, modal, home
    args: dict[str, Any]  # what the app sent, to show it again
    blocks: list[dict[str, Any]]
    audience: frozenset[str] | None  # who sees it; None: everyone (a channel)
    where: str  # said when someone else tries its buttons: "DM @ana", "#collab", "@ana's Home"
    channel: str | None = None
    message: dict[str, Any] | None = None  # what a press on it sends as the message
    view: dict[str, Any] | None = None  # what a press on it sends as the view

    def seen_by(self, user_id: str) -> bool:
        return self.audience is None or user_id in self.audience


@dataclass(frozen=True)
class Button:
    key: Key
    action_id: str
    value: str
    label: str


class Screen:
    def __init__(self, workspace: SimulatedWorkspace) -> None:
        self.workspace = workspace
        self.surfaces: dict[Key, Surface | None] = {}  # newest version of each (None: deleted); newest changed last
        self.buttons: dict[int, Button] = {}
        self.modals: dict[str, list[str]] = {}  # person → IDs of their open modals, the one on top last
        self.presses: dict[str, Key] = {}  # response_url → the message pressed with it (which a reply replaces)
        self._members: dict[str, frozenset[str]] = {}  # DM or group DM ID → its people (conversations.open)
        self._numbers = itertools.count(1)
        self._replies = itertools.count(1)

    # -- what is on screen ---------------------------------------------------------------------

    def lines(self, exchange: Exchange, actor: str | None, channel: str | None = None, on_home: bool = False,
              submitted: str | None = None) -> list[str]:
        """What to print of an exchange caused by `actor` (None: the scheduler) in `channel`: every call as Slack
        would show it, buttons numbered, people and channels by name. Home tabs are shown only when `on_home` (the
        actor is looking at theirs); the others are kept, for `:home` and `:click`. `submitted`: the ID of the modal
        the exchange submitted, which its answer closes, updates or shows errors in."""
        shown = []
        if exchange.status != 200:
            shown.append(f"(Slack would see HTTP {exchange.status})")
        for call in exchange.calls:
            surface = self._record(call, actor, channel)
            if call.method == "views.publish" and not (on_home and call.args.get("user_id") == actor):
                continue
            text = self._render(call.method, call.args, surface)
            if text:
                shown.append(text)
            if call.error:
                shown.append(f"(Slack refused this {call.method}: {call.args.get('_errors') or call.error})")
        if actor is not None and submitted is not None:
            shown += self._answered(exchange, actor, submitted)
        elif exchange.body and exchange.body.strip() != "{}":
            shown.append(f"→ answer to Slack: {exchange.body}")
        return shown

    def again(self, surface: Surface) -> str:
        """A message shown again (`:dm`), its buttons numbered anew."""
        return self._render("chat.postMessage", surface.args, surface) or ""

    def dms(self, user_id: str) -> list[Surface]:
        """The messages in `user_id`'s DM with the app and in group DMs they are in, oldest first."""
        return [s for s in self.surfaces.values()
                if s is not None and s.kind == "message" and s.audience is not None and user_id in s.audience]

    def modal(self, user_id: str) -> Surface | None:
        """The modal open on top for `user_id`."""
        stack = self.modals.get(user_id) or []
        return self.surfaces.get(("view", stack[-1])) if stack else None

    def close_modal(self, user_id: str) -> bool:
        stack = self.modals.get(user_id) or []
        if stack:
            stack.pop()
        return bool(stack)

    def kept(self, most: int = KEPT_MESSAGES) -> list[dict[str, Any]]:
        """The newest messages in channels, DMs and group DMs, as a console keeps them for the next one (ephemeral
        messages and replies go, as they do from Slack when it is opened again; Home tabs are published anew)."""
        messages = [s for s in self.surfaces.values() if s is not None and s.kind == "message"][-most:]
        return [asdict(s) | {"key": list(s.key), "audience": None if s.audience is None else sorted(s.audience)}
                for s in messages]

    def restore(self, kept: list[dict[str, Any]]) -> None:
        """Messages an earlier console kept (`kept`), on screen again: their buttons can be pressed."""
        for item in kept:
            try:
                surface = Surface(**(item | {"key": tuple(item["key"]), "audience": None if item["audience"] is None
                                             else frozenset(item["audience"])}))
            except (TypeError, KeyError):
                continue
            self.surfaces[surface.key] = surface

    # -- buttons -------------------------------------------------------------------------------

    def numbered(self, number: int, user_id: str) -> tuple[Surface, dict[str, Any], str]:
        """Button `number` as `user_id` may press it now: its surface, element and block_id; `NotPressable` saying why
        not (not shown, seen only by others, gone since)."""
        button = self.buttons.get(number)
        if button is None:
            raise NotPressable(f"There is no button [{number}]: the numbers are those in brackets, like [3] Accept.")
        surface = self.surfaces.get(button.key)
        if surface is None or (surface.kind == "modal" and not self._open(surface, user_id)):
            gone = "form was closed" if button.key[0] == "view" else "message was deleted"
            raise NotPressable(f"Button [{number}] is gone: its {gone}.")
        if not surface.seen_by(user_id):
            raise NotPressable(f"Button [{number}] is in {surface.where}; {self._name(user_id)} can't see it "
                              f"(:as {self._viewer(surface)} to press it as them).")
        found = _find(surface.blocks, lambda element: (element.get("action_id"), element.get("value", ""))
                      == (button.action_id, button.value))
        if found is None:
            raise NotPressable(f"Button [{number}] is no longer there: its message changed since.")
        return surface, *found

    def labelled(self, label: str, user_id: str) -> tuple[Surface, dict[str, Any], str]:
        """The newest button labelled `label` (case aside) that `user_id` can see."""
        for surface in reversed([s for s in self.surfaces.values() if s is not None]):
            if not surface.seen_by(user_id) or (surface.kind == "modal" and not self._open(surface, user_id)):
                continue
            found = _find(surface.blocks, lambda element: _label(element).casefold() == label.casefold())
            if found is not None:
                return surface, *found
        raise NotPressable(f"No button labelled {label!r} is where {self._name(user_id)} can see it.")

    def pressing(self, response_url: str, surface: Surface) -> None:
        """A press on `surface` carries `response_url`: a reply through it that replaces the original replaces it."""
        self.presses[response_url] = surface.key

    # -- keeping track ---------------------------------------------------------------------------

    def _record(self, call: Call, actor: str | None, channel: str | None) -> Surface | None:
        """The newest version of what `call` put on screen (and who sees it), kept; None when nothing is shown."""
        if call.error:
            return None
        args, result = call.args, call.result or {}
        if call.method == "conversations.open":
            conversation = (result.get("channel") or {}).get("id")
            if conversation:
                self._members[conversation] = frozenset(filter(None, str(args.get("users", "")).split(",")))
            return None
        surface: Surface | None
        if call.method in _MESSAGES:
            target = str(args.get("channel", ""))
            ts = str(result.get("ts") or args.get("ts") or "")
            members = self._people_of(target)
            surface = Surface(("message", self._conversation(target), ts), "message", args, _blocks(args),
                              members, self._where(target), target, {"ts": ts, "text": args.get("text", ""),
                                                                     "blocks": _blocks(args)})
        elif call.method == "chat.postEphemeral":
            ts = str(result.get("message_ts") or "")
            surface = Surface(("ephemeral", ts or str(next(self._replies))), "ephemeral", args, _blocks(args),
                              frozenset({str(args.get("user"))}), f"{self._name(str(args.get('user')))}'s private "
                              f"message", str(args.get("channel")), {"ts": ts, "text": args.get("text", "")})
        elif call.method == "response_url":
            surface = self._reply(call, actor, channel)
        elif call.method in _MODALS:
            surface = self._modal(call, actor)
        elif call.method == "views.publish":
            user = str(args.get("user_id"))
            view = result.get("view") or args.get("view") or {}
            surface = Surface(("home", user), "home", args, view.get("blocks", []), frozenset({user}),
                              f"{self._name(user)}'s Home", view=view)
        else:
            return None
        if surface is not None:
            self.surfaces.pop(surface.key, None)
            self.surfaces[surface.key] = surface
        return surface

    def _reply(self, call: Call, actor: str | None, channel: str | None) -> Surface | None:
        args = call.args
        replaced = self.presses.get(call.url)
        if args.get("delete_original") and replaced is not None:
            self.surfaces[replaced] = None
            return None
        old = self.surfaces.get(replaced) if replaced is not None else None
        if args.get("replace_original") and old is not None:
            return Surface(old.key, old.kind, args, _blocks(args), old.audience, old.where, old.channel,
                           (old.message or {}) | {"blocks": _blocks(args), "text": args.get("text", "")}, old.view)
        where = old.channel if old is not None else channel
        if args.get("response_type") == "in_channel" and where and where.startswith("C"):
            audience, said = None, self._where(where)
        else:
            audience = frozenset({actor}) if actor else frozenset()
            said = f"{self._name(actor)}'s private reply" if actor else "a reply to nobody"
        return Surface(("reply", str(next(self._replies))), "reply", args, _blocks(args), audience, said, where,
                       {"ts": "", "text": args.get("text", ""), "blocks": _blocks(args)})

    def _modal(self, call: Call, actor: str | None) -> Surface | None:
        view = (call.result or {}).get("view") or {}
        view_id = str(view.get("id") or call.args.get("view_id") or "")
        owner = next((user for user, stack in self.modals.items() if view_id in stack), actor)
        if owner is None:
            return None
        stack = self.modals.setdefault(owner, [])
        if call.method == "views.open":
            stack[:] = [view_id]
        elif call.method == "views.push" or view_id not in stack:
            stack.append(view_id)
        return Surface(("view", view_id), "modal", call.args, view.get("blocks", []), frozenset({owner}),
                       f"{self._name(owner)}'s form", view=view)

    def _answered(self, exchange: Exchange, actor: str, submitted: str) -> list[str]:
        """What a modal submission's answer does to the actor's modals: errors shown under their inputs, the modal
        updated, another pushed, or it (or all, `clear`) closed."""
        try:
            answer = json.loads(exchange.body) if exchange.body.strip().startswith("{") else {}
        except ValueError:
            answer = {}
        if exchange.status != 200:
            return []
        stack = self.modals.setdefault(actor, [])
        action = answer.get("response_action")
        if action == "errors":
            errors = answer.get("errors") or {}
            return ["✗ The form was not accepted; it is still open:",
                    *(f"  {name}: {message}" for name, message in errors.items())]
        if action in {"update", "push"} and isinstance(answer.get("view"), dict):
            view_id = submitted if action == "update" else f"VPUSHED{next(self._replies)}"
            view = answer["view"] | {"id": view_id, "hash": f"{view_id}.{next(self._replies)}"}
            if action == "push" or view_id not in stack:
                stack.append(view_id)
            args = {"view_id": view_id, "view": view}
            surface = Surface(("view", view_id), "modal", args, view.get("blocks", []), frozenset({actor}),
                              f"{self._name(actor)}'s form", view=view)
            self.surfaces.pop(surface.key, None)
            self.surfaces[surface.key] = surface
            return [self._render("views.update" if action == "update" else "views.push", args, surface) or ""]
        if action == "clear":
            stack.clear()
        elif submitted in stack:
            stack.remove(submitted)
        return []

    def _open(self, surface: Surface, user_id: str) -> bool:
        return surface.key[1] in (self.modals.get(user_id) or [])

    # -- showing ---------------------------------------------------------------------------------

    def _render(self, method: str, args: dict[str, Any], surface: Surface | None) -> str | None:
        shown = json.loads(_NAMELESS_CHANNEL.sub(self._channel_named, json.dumps(self.workspace.with_names(args))))
        if surface is not None:
            shown["_where"] = (surface.where if surface.kind == "message"
                               else self._where(str(args.get("channel", ""))) if args.get("channel") else "")
            shown["_user"] = self._name(str(args.get("user") or args.get("user_id") or ""))
            blocks = _view_blocks(shown) if surface.kind in {"modal", "home"} else _message_blocks(shown)
            for element in _buttons(blocks):
                number = next(self._numbers)
                self.buttons[number] = Button(surface.key, str(element.get("action_id")), str(element.get("value", "")),
                                              _label(element))
                element["_number"] = number
            if surface.kind == "modal":
                takes = {field.name: field.takes for field in fields(surface.view or {})}
                for block in blocks:
                    if block.get("type") == "input" and block.get("block_id") in takes:
                        block["_field"] = takes[block["block_id"]]
        elif args.get("channel_id"):  # a file shared in a conversation
            shown["_where"] = self._where(str(args["channel_id"]))
        text = render_call(method, shown)
        if text and surface is not None and surface.kind == "modal" and fields(surface.view or {}):
            text += "\n  (fill it in with :submit NAME=VALUE …, the names after ←; :close closes it)"
        return text

    def _channel_named(self, match: re.Match[str]) -> str:
        name = self.workspace.channel_name(match[1])
        return f"<#{match[1]}|{name}>" if name else match[0]

    def _conversation(self, target: str) -> str:
        members = self._people_of(target)
        return ",".join(sorted(members)) if members else target

    def _people_of(self, target: str) -> frozenset[str] | None:
        """Who sees what is posted to `target`: a user ID (or several) or a DM's ID names their conversation with
        the app; None for a channel, which everyone sees."""
        if target in self._members:
            return self._members[target]
        people = [part for part in target.split(",") if part]
        if people and all(part[:1] in ("U", "W") for part in people):
            return frozenset(people)
        if target[:1] in ("D", "G"):  # a DM the app was sent to by Slack (a message typed to it), not one it opened
            return frozenset(uid for uid in self.workspace.slack.users if self.workspace.slack.conversation(uid) == target)
        return None

    def _where(self, target: str) -> str:
        members = self._people_of(target)
        if members is None:
            return "#" + (self.workspace.channel_name(target) or target)
        names = " ".join(self._name(user) for user in sorted(members, key=self._name))
        return f"DM {names}" if len(members) == 1 else f"group DM {names}" if members else f"conversation {target}"

    def _name(self, user_id: str | None) -> str:
        user = self.workspace.slack.users.get(user_id or "")
        return f"@{user['name']}" if user else f"@{user_id}"

    def _viewer(self, surface: Surface) -> str:
        return " or ".join(sorted(self._name(user).lstrip("@") for user in surface.audience or ()))


def _blocks(args: dict[str, Any]) -> list[dict[str, Any]]:
    blocks = args.get("blocks")
    return json.loads(blocks) if isinstance(blocks, str) else list(blocks or [])


def _message_blocks(args: dict[str, Any]) -> list[dict[str, Any]]:
    args["blocks"] = copy.deepcopy(_blocks(args))
    return args["blocks"]  # type: ignore[no-any-return]


def _view_blocks(args: dict[str, Any]) -> list[dict[str, Any]]:
    view = args.get("view")
    view = json.loads(view) if isinstance(view, str) else copy.deepcopy(view or {})
    args["view"] = view
    return view.setdefault("blocks", [])  # type: ignore[no-any-return]


def _elements(blocks: list[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], str]]:
    for block in blocks:
        found = list(block.get("elements", [])) if block.get("type") == "actions" else []
        if block.get("accessory"):
            found.append(block["accessory"])
        for element in found:
            yield element, str(block.get("block_id", "b"))


def _buttons(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [element for element, _ in _elements(blocks) if element.get("type") == "button"]


def _find(blocks: list[dict[str, Any]], fits: Callable[[dict[str, Any]], bool]) -> tuple[dict[str, Any], str] | None:
    return next(((element, block_id) for element, block_id in _elements(blocks)
                 if element.get("type") == "button" and fits(element)), None)


def _label(element: dict[str, Any]) -> str:
    return str((element.get("text") or {}).get("text", ""))
