"""A fake Slack Web API on loopback, for the console, the demo and the tests.

It answers the methods Alinea calls, records every call (and every post to a response_url), and refuses
any message or view that `slack_sdk.models` would not accept, as Slack itself would.
"""

from __future__ import annotations

import itertools
import json
import math
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email import policy
from email.parser import BytesParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from slack_sdk.errors import SlackObjectFormationError
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

TEAM_ID = "T0ALINEA"
BOT_USER_ID = "UALINEABOT"
MESSAGE_BLOCK_LIMIT = 50
VIEW_BLOCK_LIMIT = 100
ALT_TEXT_LIMIT = 1000  # characters of an image's alt text; Slack refuses more (alt_txt_too_large)
_JSON_FIELDS = ("blocks", "view", "attachments", "files", "metadata")


@dataclass
class Call:
    """One recorded request: a Web API method, or `response_url` for posts to a response URL."""

    method: str
    args: dict[str, Any]
    error: str | None = None
    result: dict[str, Any] | None = None  # what the fake answered, e.g. a posted message's ts
    url: str = ""  # the address called; tells apart replies to different response_urls
    lost: str | None = None  # the call took effect but its answer never reached the caller (a 5xx, a dropped connection)
    token: str | None = None  # the token the call carried (Authorization header, or a `token` argument)


@dataclass(frozen=True)
class Installation:
    """A workspace (or an org, `org_wide`) an OAuth install can reach: what `oauth.v2.access` answers for its code."""

    team_id: str | None
    token: str
    enterprise_id: str | None = None
    org_wide: bool = False
    expires_in: int | None = None  # seconds: the app has token rotation on, and this token expires


@dataclass
class _Failure:
    status: int
    error: str | None
    retry_after: int | None
    times: int
    performed: bool = False  # the call takes effect, then its answer is lost
    drop: bool = False  # the connection is closed instead of answered


_RUN = secrets.token_hex(3)  # this process's mark in the hashes of views: a console run again makes new ones
_INSTANT = 1e-6  # seconds: times this close count as the same (a clock's sums of fractions are not exact)


class _RateLimits:
    """Slack's rate limits, as a test asks for them (`FakeSlack.enforce_rate_limits`), on the test's clock: posts
    in each conversation as a bucket of `burst` refilled at `per_second`, and each method of `per_minute` at most
    that many times in any 60 seconds (the strictest reading of Slack's "per minute")."""

    def __init__(self, now: Callable[[], float], per_second: float, burst: int, per_minute: Mapping[str, int]) -> None:
        self.now, self.per_second, self.burst, self.per_minute = now, per_second, burst, dict(per_minute)
        self.posts: dict[str, tuple[float, float]] = {}  # conversation → (posts it may take now, when that was)
        self.recent: dict[str, deque[float]] = {}  # workspace/method → when its calls of the last 60 seconds came

    def retry_after(self, team: str, method: str, args: dict[str, Any]) -> int | None:
        """The seconds Slack would ask to wait (Retry-After) before this call in workspace `team`; None when it takes
        the call now, which then counts."""
        at, waits = self.now(), []
        recent = self.recent.setdefault(f"{team}/{method}", deque()) if method in self.per_minute else None
        while recent and recent[0] <= at - 60 + _INSTANT:
            recent.popleft()
        if recent is not None and len(recent) >= self.per_minute[method]:
            waits.append(recent[0] + 60 - at)
        conversation = _conversation(str(args.get("channel", ""))) if method == "chat.postMessage" else ""
        room, then = self.posts.get(conversation, (float(self.burst), at))
        room = min(float(self.burst), room + (at - then) * self.per_second)
        if conversation and room < 1 - _INSTANT:
            waits.append((1 - room) / self.per_second)
        if waits:
            return max(1, math.ceil(max(waits)))
        if recent is not None:
            recent.append(at)
        if conversation:
            self.posts[conversation] = (room - 1, at)
        return None


def block_errors(blocks: Any, limit: int) -> list[str]:
    """Why Slack would refuse these blocks, or an empty list."""
    if not isinstance(blocks, list):
        return ["blocks must be a list"]
    errors = [f"{len(blocks)} blocks is more than {limit}"] if len(blocks) > limit else []
    for index, raw in enumerate(blocks):
        try:
            parsed = Block.parse(raw)
            if parsed is None:
                errors.append(f"block {index}: unknown block {raw!r:.80}")
            else:
                parsed.to_dict()
        except (SlackObjectFormationError, TypeError, KeyError, AttributeError) as exc:
            errors.append(f"block {index}: {exc}")
    return errors


def view_errors(view: Any) -> list[str]:
    if not isinstance(view, dict):
        return ["view must be an object"]
    try:
        View(**view).to_dict()
    except (SlackObjectFormationError, TypeError, KeyError, AttributeError) as exc:
        return [f"view: {exc}"]
    return block_errors(view.get("blocks", []), VIEW_BLOCK_LIMIT)


class FakeSlack:
    """Start it, point `SLACK_API_URL` at `.api_url`, and read `.calls` afterwards."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.users: dict[str, dict[str, Any]] = {}
        self.uploads: dict[str, bytes] = {}  # file ID → its bytes, once uploaded
        self.file_names: dict[str, str] = {}  # file ID → its name
        self.history: dict[str, list[dict[str, Any]]] = {}  # conversation ID -> messages posted there, oldest first
        self._failures: dict[str, list[_Failure]] = {}
        self._slow: dict[str, float] = {}
        self._limits: _RateLimits | None = None
        self.installations: dict[str, Installation] = {}  # OAuth code → what installing with it gives
        self.channels: dict[str, dict[str, Any]] = {}  # channel ID → what conversations.info says of it, besides
        self._rotations = itertools.count(1)
        self._lock = threading.Lock()
        self._ts = itertools.count(1)
        self._ids = itertools.count(1)
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                fake._handle(self)

            def do_POST(self) -> None:  # noqa: N802
                fake._handle(self)

            def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}/"
        self.api_url = self.base_url + "api/"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, name="fake-slack", daemon=True
        )
        self._thread.start()

    # -- what tests and the console use -------------------------------------------------------

    def add_user(
        self,
        user_id: str,
        name: str,
        tz: str = "UTC",
        locale: str = "en-US",
        is_admin: bool = False,
        is_owner: bool = False,
        is_bot: bool = False,
    ) -> None:
        with self._lock:
            self.users[user_id] = {
                "id": user_id,
                "team_id": TEAM_ID,
                "name": name,
                "real_name": name.title(),
                "tz": tz,
                "locale": locale,
                "is_admin": is_admin,
                "is_owner": is_owner,
                "is_bot": is_bot,
            }

    def user_by_name(self, name: str) -> str | None:
        with self._lock:
            return next((uid for uid, user in self.users.items() if user["name"] == name), None)

    def response_url(self) -> str:
        return f"{self.base_url}respond/{next(self._ids)}"

    def new_ts(self) -> str:
        """A message timestamp not given before (for a message a person writes)."""
        return self._next_ts()

    @staticmethod
    def conversation(target: str) -> str:
        """The conversation a message to `target` lands in: a user's ID (or several) names their DM with the app."""
        return _conversation(target)

    def mark(self) -> int:
        """A position in the call log; `since(mark)` gives the calls after it."""
        with self._lock:
            return len(self.calls)

    def since(self, mark: int) -> list[Call]:
        with self._lock:
            return list(self.calls[mark:])

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [call for call in self.calls if call.method == method]

    def replies_to(self, response_url: str) -> list[Call]:
        """What was posted to one response_url."""
        with self._lock:
            return [call for call in self.calls if call.url == response_url]

    @property
    def invalid(self) -> list[Call]:
        """Calls refused because their blocks or view were not valid Block Kit."""
        with self._lock:
            return [call for call in self.calls if call.error == "invalid_blocks"]

    def fail(
        self, method: str, *, status: int = 200, error: str | None = None, retry_after: int | None = None, times: int = 1,
        performed: bool = False,
    ) -> None:
        """Make the next `times` calls to `method` fail: an HTTP status, a Slack error, or a 429. With `performed`,
        Slack does what was asked and then answers with the failure, as when its answer is lost."""
        with self._lock:
            self._failures.setdefault(method, []).append(_Failure(status, error, retry_after, times, performed))

    def drop(self, method: str, *, times: int = 1, performed: bool = True) -> None:
        """Close the connection of the next `times` calls to `method` instead of answering, after doing what was
        asked (`performed`) or before."""
        with self._lock:
            self._failures.setdefault(method, []).append(_Failure(0, None, None, times, performed, drop=True))

    def recover(self) -> None:
        """Forget every failure still to come: Slack is back."""
        with self._lock:
            self._failures.clear()

    def slow(self, method: str, seconds: float) -> None:
        """Answer calls to `method` only after `seconds`; each takes effect (and is recorded) when it arrives."""
        with self._lock:
            self._slow[method] = seconds

    def installable(self, code: str, installation: Installation) -> None:
        """An admin approving the install gets `code`, which `oauth.v2.access` exchanges for `installation`."""
        with self._lock:
            self.installations[code] = installation

    def team_of(self, token: str | None) -> Installation | None:
        """The installation a token belongs to (None: the fake's default workspace, or no token)."""
        with self._lock:
            return next((i for i in self.installations.values() if i.token == token), None)

    def enforce_rate_limits(self, *, now: Callable[[], float], per_channel_per_second: float = 1.0, burst: int = 3,
                            per_workspace_per_minute: Mapping[str, int] | None = None) -> None:
        """Refuse what Slack's rate limits would, reading the time from `now` (a test's clock): `chat.postMessage`
        beyond `burst` posts at once, then `per_channel_per_second`, in each conversation (a user ID counts as their
        DM), and each method of `per_workspace_per_minute` beyond that many calls in any 60 seconds in a workspace (the
        one its token was installed in, else the fake's own). A refused call gets HTTP 429 with Retry-After, does
        nothing and is recorded with the error `http_429`."""
        with self._lock:
            self._limits = _RateLimits(now, per_channel_per_second, burst, per_workspace_per_minute or {})

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    # -- the server -------------------------------------------------------------------------

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        url = urlsplit(request.path)
        length = int(request.headers.get("Content-Length") or 0)
        raw = request.rfile.read(length) if length else b""
        if url.path.startswith("/upload/"):
            data = _uploaded_file(raw, request.headers.get("Content-Type", ""))
            if data is None:
                return _send(request, 400, b"no file in the form", "text/plain")
            with self._lock:
                self.uploads[url.path.removeprefix("/upload/")] = data
            return _send(request, 200, b"OK", "text/plain")
        args = _decode_args(url.query, raw, request.headers.get("Content-Type", ""))
        method = "response_url" if url.path.startswith("/respond/") else url.path.removeprefix("/api/")
        bearer = request.headers.get("Authorization", "")
        token = bearer.removeprefix("Bearer ") if bearer.startswith("Bearer ") else args.get("token")
        installed = self.team_of(token) if self._limits else None
        team = (installed.team_id or installed.enterprise_id or "") if installed else TEAM_ID
        with self._lock:
            wait = self._limits.retry_after(team, method, args) if self._limits and method != "response_url" else None
            if wait is not None:
                self.calls.append(Call(method, args, error="http_429", url=self.base_url + url.path.lstrip("/")))
        if wait is not None:
            body = json.dumps({"ok": False, "error": "ratelimited"}).encode()
            return _send(request, 429, body, "application/json", {"Retry-After": str(wait)})
        failure = self._take_failure(method)
        if failure is not None:
            what = "dropped" if failure.drop else failure.error or f"http_{failure.status}"
            if failure.performed:  # done, and recorded as done; only its answer is lost
                self._perform(method, args, url.path, token).lost = what
            else:
                with self._lock:
                    self.calls.append(Call(method, args, error=what, url=self.base_url + url.path.lstrip("/")))
        if failure is not None and failure.drop:
            request.close_connection = True
            return None
        if failure is not None:
            headers = {"Retry-After": str(failure.retry_after)} if failure.retry_after is not None else {}
            body = json.dumps({"ok": False, "error": failure.error or "fatal_error"}).encode()
            return _send(request, failure.status, body, "application/json", headers)
        call = self._perform(method, args, url.path, token)
        if method == "response_url":
            ok = call.error is None
            return _send(request, 200 if ok else 400, b"ok" if ok else b"invalid_blocks", "text/plain")
        time.sleep(self._slow.get(method, 0))
        _send(request, 200, json.dumps(call.result).encode(), "application/json")

    def _perform(self, method: str, args: dict[str, Any], path: str, token: str | None = None) -> Call:
        """Do what the call asks and record it (with what Slack would answer)."""
        errors = _payload_errors(method, args)
        call = Call(method, args, error="invalid_blocks" if errors else None, url=self.base_url + path.lstrip("/"),
                    token=token)
        if errors:
            call.args["_errors"] = errors
        with self._lock:
            self.calls.append(call)
        if method != "response_url":
            call.result = ({"ok": False, "error": "invalid_blocks", "errors": errors} if errors
                           else self._answer(method, args, token))
        return call

    def _take_failure(self, method: str) -> _Failure | None:
        with self._lock:
            queue = self._failures.get(method)
            if not queue:
                return None
            failure = queue[0]
            failure.times -= 1
            if failure.times <= 0:
                queue.pop(0)
            return failure

    def _oauth_access(self, args: dict[str, Any]) -> dict[str, Any]:
        """An install's code exchanged for its bot token, or (token rotation) a refresh token for a new token."""
        with self._lock:
            if args.get("grant_type") == "refresh_token":
                code = next((c for c, i in self.installations.items()
                             if f"xoxe-1-{i.token}" == args.get("refresh_token")), None)
                if code is None:
                    return {"ok": False, "error": "invalid_refresh_token"}
                old = self.installations[code]
                renewed = Installation(old.team_id, f"xoxe.xoxb-{next(self._rotations)}-{old.team_id or old.enterprise_id}",
                                       old.enterprise_id, old.org_wide, old.expires_in)
                self.installations[code] = renewed
                return {"ok": True, "access_token": renewed.token, "refresh_token": f"xoxe-1-{renewed.token}",
                        "expires_in": renewed.expires_in, "token_type": "bot", "team": {"id": renewed.team_id},
                        "enterprise": {"id": renewed.enterprise_id} if renewed.enterprise_id else None}
            found = self.installations.get(str(args.get("code", "")))
        if found is None:
            return {"ok": False, "error": "invalid_code"}
        answer: dict[str, Any] = {
            "ok": True, "app_id": "AALINEA", "access_token": found.token, "token_type": "bot", "scope": "commands,chat:write",
            "bot_user_id": BOT_USER_ID, "authed_user": {"id": "UINSTALLER"},
            "team": None if found.org_wide else {"id": found.team_id, "name": f"Team {found.team_id}"},
            "enterprise": {"id": found.enterprise_id, "name": "Org"} if found.enterprise_id else None,
            "is_enterprise_install": found.org_wide,
        }
        if found.expires_in is not None:
            answer |= {"refresh_token": f"xoxe-1-{found.token}", "expires_in": found.expires_in}
        return answer

    def _complete_upload(self, args: dict[str, Any]) -> dict[str, Any]:
        """Files whose bytes were uploaded are shared: in `channel_id` when given, as a message carrying them (with
        `initial_comment` as its text), which the conversation's history then shows, as Slack's does."""
        files = args.get("files") if isinstance(args.get("files"), list) else []
        with self._lock:
            if not files or any(f.get("id") not in self.uploads for f in files):
                return {"ok": False, "error": "file_not_found"}
            shared = [{"id": f["id"], "name": self.file_names.get(f["id"]), "title": f.get("title")} for f in files]
            if args.get("channel_id"):
                self.history.setdefault(str(args["channel_id"]), []).append(
                    {"type": "message", "ts": self._next_ts(), "text": args.get("initial_comment"), "files": shared,
                     "metadata": None})
        return {"ok": True, "files": [{"id": f["id"], "title": f["title"]} for f in shared]}

    def _next_ts(self) -> str:
        return f"1700000000.{next(self._ts):06d}"

    def _answer(self, method: str, args: dict[str, Any], token: str | None = None) -> dict[str, Any]:
        ok: dict[str, Any] = {"ok": True}
        if method == "auth.test":
            installed = self.team_of(token)
            if installed is None:
                return ok | {"team_id": TEAM_ID, "team": "Alinea Sample", "user_id": BOT_USER_ID, "bot_id": "BALINEA",
                             "url": "https://alinea-sample.slack.com/", "user": "alinea"}
            return ok | {"team_id": installed.team_id, "enterprise_id": installed.enterprise_id,
                         "is_enterprise_install": installed.org_wide, "user_id": BOT_USER_ID, "bot_id": "BALINEA",
                         "url": "https://alinea-sample.slack.com/", "user": "alinea"}
        if method == "oauth.v2.access":
            return self._oauth_access(args)
        if method == "users.info":
            user = self.users.get(str(args.get("user")))
            return ok | {"user": user} if user else {"ok": False, "error": "user_not_found"}
        if method == "users.list":  # paged by `cursor` (an index), `limit` per page
            with self._lock:
                people = list(self.users.values())
            start, limit = int(args.get("cursor") or 0), int(args.get("limit") or 200)
            following = start + limit if start + limit < len(people) else ""
            return ok | {"members": people[start:start + limit],
                         "response_metadata": {"next_cursor": str(following)}}
        if method == "conversations.info":  # every channel is the default workspace's unless a test shares it
            channel = str(args.get("channel", ""))
            with self._lock:
                shared = self.channels.get(channel, {})
            return ok | {"channel": {"id": channel, "is_channel": True, "is_org_shared": False,
                                     "context_team_id": TEAM_ID, "shared_team_ids": [TEAM_ID]} | shared}
        if method == "conversations.open":
            return ok | {"channel": {"id": _conversation(str(args.get("users", "")))}}
        if method in {"chat.postMessage", "chat.update"}:
            ts = args.get("ts") or self._next_ts()
            if method == "chat.postMessage":
                message = {"type": "message", "ts": ts, "text": args.get("text"), "metadata": args.get("metadata")}
                with self._lock:
                    self.history.setdefault(_conversation(str(args.get("channel", ""))), []).append(message)
            return ok | {"channel": args.get("channel"), "ts": ts, "message": {"text": args.get("text"), "ts": ts}}
        if method == "conversations.history":
            # Newest first, one page, every message (the fake's timestamps don't follow the tests' clocks, so
            # `oldest` is not applied); metadata only when asked for, as Slack does.
            with self._lock:
                found = list(reversed(self.history.get(str(args.get("channel", "")), [])))
            keep = str(args.get("include_all_metadata", "")).lower() in {"1", "true"}
            messages = [m | {"metadata": m["metadata"] if keep else None} for m in found]
            return ok | {"messages": [{k: v for k, v in m.items() if v is not None} for m in messages],
                         "has_more": False}
        if method == "chat.postEphemeral":
            return ok | {"message_ts": self._next_ts()}
        if method == "chat.getPermalink":
            channel, ts = args.get("channel"), str(args.get("message_ts", "")).replace(".", "")
            return ok | {"channel": channel, "permalink": f"https://alinea-sample.slack.com/archives/{channel}/p{ts}"}
        if method in {"views.open", "views.push", "views.update", "views.publish"}:
            view = args.get("view") if isinstance(args.get("view"), dict) else {}
            # Each version of a view has its own hash, which its submission carries (as Slack's do).
            return ok | {"view": view | {"id": args.get("view_id") or f"V{next(self._ids):08d}",
                                         "hash": f"{int(time.time())}.{next(self._ids):08x}{_RUN}"}}
        if method == "files.getUploadURLExternal":
            if not args.get("filename") or not str(args.get("length", "")).isdigit():
                return {"ok": False, "error": "invalid_arguments"}
            if len(str(args.get("alt_txt", ""))) > ALT_TEXT_LIMIT:
                return {"ok": False, "error": "alt_txt_too_large"}
            file_id = f"F{next(self._ids):08d}"
            with self._lock:
                self.file_names[file_id] = str(args["filename"])
            return ok | {"file_id": file_id, "upload_url": f"{self.base_url}upload/{file_id}"}
        if method == "files.completeUploadExternal":
            return self._complete_upload(args)
        if method in {"functions.completeSuccess", "functions.completeError"}:  # a workflow step's end
            return ok
        return {"ok": False, "error": "unknown_method"}


def _conversation(target: str) -> str:
    """Where a message to `target` lands: users' IDs (one, or several comma-separated) mean their conversation
    with the app, as conversations.open names it; anything else is a channel ID."""
    users = sorted(part for part in target.split(",") if part)
    if not users or not all(user[:1] in ("U", "W") for user in users):
        return target
    return ("D" if len(users) == 1 else "G") + "".join(user[-4:] for user in users).upper()


def _decode_args(query: str, raw: bytes, content_type: str) -> dict[str, Any]:
    args: dict[str, Any] = dict(parse_qsl(query))
    if "json" in content_type:
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            body = {"_unparsed": raw.decode(errors="replace")}
        args.update(body if isinstance(body, dict) else {"_body": body})
    else:
        args.update(parse_qsl(raw.decode(errors="replace")))
    for name in _JSON_FIELDS:
        if isinstance(args.get(name), str):
            try:
                args[name] = json.loads(args[name])
            except ValueError:
                pass
    return args


def _uploaded_file(raw: bytes, content_type: str) -> bytes | None:
    """The bytes of a file sent to an upload URL: the raw body, or the file part of a multipart form."""
    if not content_type.lower().startswith("multipart/form-data"):
        return raw
    form = BytesParser(policy=policy.HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + raw)
    part = next((part for part in form.iter_parts() if part.get_filename() is not None), None)
    return None if part is None else part.get_payload(decode=True)


def _payload_errors(method: str, args: dict[str, Any]) -> list[str]:
    if method.startswith("views."):
        return view_errors(args.get("view"))
    if "blocks" in args:
        return block_errors(args["blocks"], MESSAGE_BLOCK_LIMIT)
    return []


def _send(
    request: BaseHTTPRequestHandler, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None
) -> None:
    request.send_response(status)
    request.send_header("Content-Type", content_type)
    request.send_header("Content-Length", str(len(body)))
    for name, value in (headers or {}).items():
        request.send_header(name, value)
    request.end_headers()
    request.wfile.write(body)
