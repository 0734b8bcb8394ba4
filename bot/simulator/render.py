"""Pure rendering of what Slack would show (Block Kit blocks, views, recorded Web API calls) as
readable terminal text for the simulator console. No I/O: dicts in, strings out.

The console annotates what it shows with keys Slack never sends, read here when present: a button's `_number` (what
`:click` takes), an input block's `_field` (the name `:submit` takes, and what it accepts), and a call's `_where` and
`_user` (the conversation and the person, by name)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import partial
from typing import Any

Block = dict[str, Any]

DIVIDER = "─" * 40

_ANGLE = re.compile(r"<([^<>]*)>")
_EMOJI = re.compile(r"(:[a-z0-9_+'-]+:)")
_BROADCASTS = frozenset({"here", "channel", "everyone"})
_BUTTON_STYLES = {"primary": "[*{}*]", "danger": "[!{}]"}
_CHOICE_MARKS = {"radio_buttons": ("◉", "○"), "checkboxes": ("☑", "☐")}
_PICKERS = {"datepicker": ("📅", "initial_date"), "timepicker": ("🕒", "initial_time")}
_SELECT_TYPES = tuple(
    f"{multi}{kind}_select"
    for multi in ("", "multi_")
    for kind in ("static", "external", "users", "conversations", "channels")
)
_TEXT_INPUT_TYPES = ("plain_text_input", "email_text_input", "url_text_input", "number_text_input")
# Initial-value keys of the user, conversation and channel selects, with the sigil Slack shows.
_INITIAL_IDS = (("user", "@"), ("conversation", "#"), ("channel", "#"))


# ── text objects ────────────────────────────────────────────────


def _mention(target: str, label: str) -> str:
    """`<@U123>` → `@U123`, `<@U123|maria>` → `@maria`."""
    return "@" + (label or target[1:])


def _channel(target: str, label: str) -> str:
    """`<#C123>` → `#C123`, `<#C123|general>` → `#general`."""
    return "#" + (label or target[1:])


def _special(target: str, label: str) -> str:
    """`<!here>` → `@here`; `<!subteam^S1|@team>` and `<!date^…|Feb 18>` → their label."""
    name = target[1:].split("^")[0]
    if name in _BROADCASTS or not label:
        return "@" + name
    return label


def _link(url: str, label: str) -> str:
    """`<https://x|label>` → `label (https://x)`, `<https://x>` → `https://x`."""
    return f"{label} ({url})" if label else url


_ANGLE_CONVERTERS: dict[str, Callable[[str, str], str]] = {
    "@": _mention,
    "#": _channel,
    "!": _special,
}


def _angle_token(inner: str) -> str:
    target, _, label = inner.partition("|")
    return _ANGLE_CONVERTERS.get(target[:1], _link)(target, label)


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _mrkdwn(text: str) -> str:
    """mrkdwn as Slack shows it: formatting kept, `<…>` tokens and HTML entities resolved."""
    return _unescape(_ANGLE.sub(lambda match: _angle_token(match.group(1)), text))


def _plain_text(text: str) -> str:
    """plain_text is shown literally."""
    return text


_TEXT_CONVERTERS: dict[str, Callable[[str], str]] = {"mrkdwn": _mrkdwn, "plain_text": _plain_text}


def _text(obj: Block | None) -> str:
    if not obj:
        return ""
    return _TEXT_CONVERTERS.get(obj.get("type", "plain_text"), _plain_text)(obj.get("text", ""))


# ── elements ────────────────────────────────────────────────────


_NUMBERED_STYLES = {"primary": "*{}*", "danger": "!{}"}


def _button(element: Block) -> str:
    label = _text(element.get("text"))
    if "_number" in element:  # `[3] *Accept*`: the number `:click` presses it by
        return f"[{element['_number']}] " + _NUMBERED_STYLES.get(element.get("style", ""), "{}").format(label)
    return _BUTTON_STYLES.get(element.get("style", ""), "[{}]").format(label)


def _image(item: Block) -> str:
    return f"[image: {item.get('alt_text', '')}]"


def _overflow(_element: Block) -> str:
    return "[⋯]"


def _initial_choices(element: Block) -> list[str]:
    options = element.get("initial_options") or _as_list(element.get("initial_option"))
    if options:
        return [_text(option.get("text")) for option in options]
    for key, sigil in _INITIAL_IDS:
        ids = element.get(f"initial_{key}s") or _as_list(element.get(f"initial_{key}"))
        if ids:
            return [sigil + item for item in ids]
    return []


def _select(element: Block) -> str:
    label = ", ".join(_initial_choices(element)) or _text(element.get("placeholder"))
    return f"[{label} ▾]" if label else "[▾]"


def _picker(element: Block) -> str:
    icon, initial_key = _PICKERS[element["type"]]
    value = element.get(initial_key) or _text(element.get("placeholder"))
    return f"[{icon} {value}]" if value else f"[{icon}]"


def _text_input(element: Block) -> str:
    return f"[{element.get('initial_value') or '____'}]"


def _choices(element: Block) -> str:
    on, off = _CHOICE_MARKS[element["type"]]
    chosen = {option.get("value") for option in _as_list(element.get("initial_option"))}
    chosen |= {option.get("value") for option in element.get("initial_options", [])}
    return "  ".join(
        f"{on if option.get('value') in chosen else off} {_text(option.get('text'))}"
        for option in element.get("options", [])
    )


_ELEMENT_RENDERERS: dict[str, Callable[[Block], str]] = {
    "button": _button,
    "image": _image,
    "overflow": _overflow,
    **dict.fromkeys(_PICKERS, _picker),
    **dict.fromkeys(_CHOICE_MARKS, _choices),
    **dict.fromkeys(_SELECT_TYPES, _select),
    **dict.fromkeys(_TEXT_INPUT_TYPES, _text_input),
}


def _element(element: Block) -> str:
    renderer = _ELEMENT_RENDERERS.get(element.get("type", ""))
    return renderer(element) if renderer else f"[{element.get('type')}]"


# ── rich text ───────────────────────────────────────────────────

_RICH_INLINE: dict[str, Callable[[Block], str]] = {
    "text": lambda item: item.get("text", ""),
    "link": lambda item: _link(item.get("url", ""), item.get("text", "")),
    "user": lambda item: "@" + item.get("user_id", ""),
    "usergroup": lambda item: "@" + item.get("usergroup_id", ""),
    "channel": lambda item: "#" + item.get("channel_id", ""),
    "emoji": lambda item: f":{item.get('name', '')}:",
    "broadcast": lambda item: "@" + item.get("range", ""),
    "date": lambda item: item.get("fallback") or str(item.get("timestamp", "")),
}


def _rich_item(item: Block) -> str:
    renderer = _RICH_INLINE.get(item.get("type", ""))
    return renderer(item) if renderer else ""


def _rich_inline(section: Block) -> str:
    return "".join(_rich_item(item) for item in section.get("elements", []))


def _bullet(rich_list: Block, number: int) -> str:
    return f"{number}." if rich_list.get("style") == "ordered" else "•"


def _rich_list(rich_list: Block) -> str:
    indent = "  " * rich_list.get("indent", 0)
    return "\n".join(
        f"{indent}{_bullet(rich_list, number)} {_rich_inline(item)}"
        for number, item in enumerate(rich_list.get("elements", []), start=1)
    )


def _rich_part(part: Block) -> str:
    return _rich_list(part) if part.get("type") == "rich_text_list" else _rich_inline(part)


# ── blocks ──────────────────────────────────────────────────────


def _upper_keeping_emoji(text: str) -> str:
    return "".join(part if _EMOJI.fullmatch(part) else part.upper() for part in _EMOJI.split(text))


def _header(block: Block) -> str:
    title = _upper_keeping_emoji(_text(block.get("text")))
    return f"{title}\n{'=' * len(title)}"


def _section(block: Block) -> str:
    fields = [_text(field) for field in block.get("fields", [])]
    lines = [_text(block.get("text"))]
    lines += ["    ".join(fields[i : i + 2]) for i in range(0, len(fields), 2)]
    if block.get("accessory"):
        lines.append(_element(block["accessory"]))
    return _joined(lines)


def _context_item(item: Block) -> str:
    return f"[{item.get('alt_text', '')}]" if item.get("type") == "image" else _text(item)


def _context(block: Block) -> str:
    return "  " + " · ".join(_context_item(item) for item in block.get("elements", []))


def _divider(_block: Block) -> str:
    return DIVIDER


def _actions(block: Block) -> str:
    return " ".join(_element(element) for element in block.get("elements", []))


def _input(block: Block) -> str:
    optional = " (optional)" if block.get("optional") else ""
    field = f"   ← {block['_field']}" if block.get("_field") else ""  # what `:submit` takes for it
    return f"{_text(block.get('label'))}: {_element(block.get('element', {}))}{optional}{field}"


def _rich_text(block: Block) -> str:
    return "\n".join(_rich_part(part).rstrip("\n") for part in block.get("elements", []))


_BLOCK_RENDERERS: dict[str, Callable[[Block], str]] = {
    "header": _header,
    "section": _section,
    "context": _context,
    "divider": _divider,
    "actions": _actions,
    "input": _input,
    "image": _image,
    "rich_text": _rich_text,
}


def _block(block: Block) -> str:
    renderer = _BLOCK_RENDERERS.get(block.get("type", ""))
    return renderer(block) if renderer else f"[{block.get('type')} block]"


def render_blocks(blocks: list[Block], text: str | None = None) -> str:
    """Render Block Kit `blocks` as terminal lines joined with `\\n` (no trailing newline).

    With no blocks, render the message's top-level `text` (mrkdwn) instead.
    """
    if not blocks:
        return _mrkdwn(text or "")
    return _joined(_block(block) for block in blocks)


# ── views ───────────────────────────────────────────────────────


def _view_title(view: Block) -> str:
    return "Home" if view.get("type") == "home" else _text(view.get("title"))


def _view_footer(view: Block) -> str:
    buttons = [f"[{_text(view[key])}]" for key in ("close", "submit") if view.get(key)]
    return " ".join(["└─", *buttons])


def render_view(view: Block) -> str:
    """Render a modal or Home tab `view` as a box: title line, `│ `-prefixed blocks, footer
    with the modal's close and submit buttons."""
    body = render_blocks(_decoded(view.get("blocks")) or [])
    lines = [f"┌─ {_view_title(view)} ─"]
    if body:
        lines.append(_prefixed(body, "│ "))
    lines.append(_view_footer(view))
    return "\n".join(lines)


# ── Web API calls ───────────────────────────────────────────────


def _where(channel: str) -> str:
    return f"DM {channel}" if channel.startswith(("D", "U", "W")) else f"#{channel}"


def _thread(args: Block) -> str:
    return f" (thread {args['thread_ts']})" if args.get("thread_ts") else ""


def _message_body(args: Block) -> str:
    return render_blocks(_decoded(args.get("blocks")) or [], args.get("text"))


def _announce(heading: str, body: str) -> str:
    return f"{heading}\n{_prefixed(body, '  ')}" if body else heading


def _where_of(args: Block, key: str = "channel") -> str:
    return str(args.get("_where") or _where(args.get(key, "")))


def _user_of(args: Block, key: str) -> str:
    return str(args.get("_user") or args.get(key, ""))


def _post_message(args: Block) -> str:
    return _announce(f"→ {_where_of(args)}{_thread(args)}", _message_body(args))


def _post_ephemeral(args: Block) -> str:
    heading = f"→ only you ({_user_of(args, 'user')}) in {_where_of(args)}{_thread(args)}"
    return _announce(heading, _message_body(args))


def _update(args: Block) -> str:
    heading = f"→ updated message {args['ts']} in {_where_of(args)}"
    return _announce(heading, _message_body(args))


def _response_audience(args: Block) -> str:
    if args.get("replace_original"):
        return "replaced message"
    return "in channel" if args.get("response_type") == "in_channel" else "only you"


def _response_url(args: Block) -> str:
    if args.get("delete_original"):
        return "→ message deleted"
    where = f" in {args['_where']}" if args.get("replace_original") and args.get("_where") else ""
    return _announce(f"→ {_response_audience(args)}{where}", _message_body(args))


def _view_call(heading: str, args: Block) -> str:
    return _announce(heading, render_view(_decoded(args["view"])))


def _publish(args: Block) -> str:
    return _view_call(f"→ Home tab of {_user_of(args, 'user_id')}", args)


def _file_upload(args: Block) -> str:
    first = (_decoded(args.get("files")) or [{}])[0]
    title = first.get("title") or first.get("id", "")
    return f"→ file uploaded to {_where_of(args, 'channel_id')}: {title}"


_CALL_RENDERERS: dict[str, Callable[[Block], str]] = {
    "chat.postMessage": _post_message,
    "chat.postEphemeral": _post_ephemeral,
    "chat.update": _update,
    "response_url": _response_url,
    "views.open": partial(_view_call, "→ modal opened"),
    "views.push": partial(_view_call, "→ modal pushed"),
    "views.update": partial(_view_call, "→ modal updated"),
    "views.publish": _publish,
    "files.completeUploadExternal": _file_upload,
}


def render_call(method: str, args: dict) -> str | None:
    """What a person would see for a recorded Web API call (or a `"response_url"` post), or
    None for calls nobody sees (`auth.test`, `users.info`, `conversations.open`, …).

    `args` is the decoded call body; `blocks`, `view` and `files` may still be JSON strings.
    """
    renderer = _CALL_RENDERERS.get(method)
    return renderer(args) if renderer else None


# ── helpers ─────────────────────────────────────────────────────


def _as_list(value: Any) -> list:
    return [value] if value else []


def _decoded(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _joined(parts: Any) -> str:
    return "\n".join(part for part in parts if part)


def _prefixed(text: str, prefix: str) -> str:
    return "\n".join(prefix + line for line in text.split("\n"))
