"""Scheduled sends happen once per (job, recipient, period): the claim is written before the send.

A claim names the process that made it (`Database.owner`), which holds a lock for as long as it lives. When a
run finds a claim that was never marked sent and its process is gone (killed between the claim and the post, or
between the post and the mark), it takes the claim over. Messages posted with `post_once` carry metadata naming
their delivery, so the new owner looks for that message in the conversation: found, the claim is marked sent;
not found, the message is posted now. A file shared with `share_once` is looked up by its name, unique to the send.
Sends made with `send_once` alone can't be looked up and stay at most once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any, TypeVar

from slack_sdk.errors import SlackApiError

from bot.blocks import Message
from bot.deps import Deps
from bot.workspaces import working_for
from storage import deliveries as repo
from storage.db import Database

log = logging.getLogger(__name__)
T = TypeVar("T")

EVENT_TYPE = "alinea_delivery"
HISTORY_PAGES = 5  # how far back (in pages of 200 messages) a claim's message is looked for
CLOCK_SLACK = timedelta(minutes=10)  # Slack's clock and ours may differ a little
ROUND = "*round*"  # the recipient of a round's own row (`finish_round`); no Slack ID looks like it


def send_once(db: Database, job: str, recipient: str, period: str, now: datetime, send: Callable[[], object],
              posted: Callable[[datetime], bool] | None = None) -> bool:
    """Claim, then send. False when the send was claimed before by a live process (this one, a retry, a second
    scheduler) or was found to have been made. `posted(since)` tells whether the message reached Slack after
    `since`; without it a claim left by a dead process is left alone. A send that raises gives its claim back, so
    the next run tries again, and the error propagates."""
    db.hold_owner_lock()
    with db.transaction() as session:
        claimed = repo.claim(session, job, recipient, period, now, db.owner)
        left = None if claimed else repo.unsent_claim(session, job, recipient, period)
    if not claimed:
        if left is None or posted is None or left.claimed_by is None or not db.owner_is_gone(left.claimed_by):
            return False
        with db.transaction() as session:
            if not repo.take_over(session, left, db.owner, now):
                return False
        if posted(left.claimed_at):
            with db.transaction() as session:
                repo.mark_sent(session, job, recipient, period, now)
            return False
    try:
        send()
    except BaseException:
        with db.transaction() as session:
            repo.release(session, job, recipient, period)
        raise
    with db.transaction() as session:
        repo.mark_sent(session, job, recipient, period, now)
    return True


def post_once(deps: Deps, job: str, recipient: str, period: str, now: datetime, msg: Message) -> bool:
    """`send_once` for one message to a person's DM (a user ID) or a channel, findable in its history."""
    key = _key(job, recipient, period)

    def send() -> None:
        post_checked(deps, recipient, msg, key, now)

    def posted(since: datetime) -> bool:
        return _find(deps, recipient, _carries(key), since) is not None

    return send_once(deps.db, job, recipient, period, now, send, posted)


ALT_TEXT_LIMIT = 1000  # Slack's limit for a file's alt text


def share_file(deps: Deps, user_id: str, file: bytes, filename: str, title: str, alt: str, comment: str) -> None:
    """Share a file (a chart) in a person's DM with Alinea, with its alt text and a comment (Slack's file upload API:
    files.getUploadURLExternal, then files.completeUploadExternal)."""
    deps.client.files_upload_v2(channel=_dm(deps, user_id), file=file, filename=filename, title=title,
                                alt_txt=alt[:ALT_TEXT_LIMIT], initial_comment=comment)


def share_once(deps: Deps, job: str, user_id: str, period: str, now: datetime, file: bytes, filename: str,
               title: str, alt: str, comment: str) -> bool:
    """`send_once` for a file shared in a person's DM (`share_file`). A file can't carry metadata, so `filename`
    must be unique to the send: a claim left by a dead process is settled by searching the DM for a file of that
    name. When Slack's answer to sharing it is lost, the share counts as made: Slack shares a file in the background,
    so not finding it yet would not mean it never comes, and a second share is worse than a missing picture."""

    def send() -> None:
        try:
            share_file(deps, user_id, file, filename, title, alt, comment)
        except SlackApiError as exc:
            if exc.response.status_code < 500:  # refused, or rate limited: Slack did nothing
                raise
            log.warning("Slack failed sharing %s (it may still come): %s", filename, exc)
        except OSError as exc:
            log.warning("lost Slack's answer to sharing %s (it may still come): %s", filename, exc)

    def posted(since: datetime) -> bool:
        return _find(deps, user_id, _shares(filename), since) is not None

    return send_once(deps.db, job, user_id, period, now, send, posted)


class SlackBusy(Exception):
    """Slack did not take a message now (rate limited, failing or out of reach); it can be tried again later."""


def post_checked(deps: Deps, recipient: str, msg: Message, key: str, since: datetime, look_first: bool = False,
                 **options: Any) -> tuple[str, str]:
    """Post a message that must not come twice: it carries metadata naming `key`. When Slack's answer is lost (a 5xx
    or a dropped connection, which can come after Slack posted it), or when an earlier attempt may have posted it
    (`look_first`), the conversation is searched for it (since a little before `since`) before it is posted (again).
    Returns where it is: (channel, ts). Raises `SlackBusy` when it could not be posted now, and `SlackApiError` when
    Slack refuses it for good (the bot is not in the channel, say)."""
    if look_first and (found := _find(deps, recipient, _carries(key), since)) is not None:
        return found
    metadata = {"event_type": EVENT_TYPE, "event_payload": {"delivery": key}}
    try:
        posted = deps.client.chat_postMessage(channel=recipient, metadata=metadata, unfurl_links=False,
                                              unfurl_media=False, **msg.as_kwargs(), **options)  # no previews
        return str(posted["channel"]), str(posted["ts"])
    except SlackApiError as exc:
        status = exc.response.status_code
        if status == 429:
            raise SlackBusy(f"rate limited posting {key}") from exc
        if status < 500:
            raise
    except OSError as exc:
        log.warning("lost Slack's answer to posting %s: %s", key, exc)
    try:
        found = _find(deps, recipient, _carries(key), since)
    except (SlackApiError, OSError) as exc:
        raise SlackBusy(f"could not look for {key}") from exc
    if found is None:
        raise SlackBusy(f"Slack did not take {key}")
    return found


def each(deps: Deps, items: Iterable[T], send: Callable[[T], object], what: str, team: Callable[[T], str],
         who: Callable[[T], object] = str) -> int:
    """Send to each of `items`, as work about its workspace (`team`: its calls carry that workspace's token), none to
    a workspace Alinea was uninstalled from; one that fails does not stop the others (it is logged, and a claimed
    send gives its claim back for the next run). Returns how many were sent: those whose `send` returned something
    true."""
    sent = 0
    for item in items:
        workspace = team(item)
        if not deps.installs.active(workspace):
            continue
        try:
            with working_for(workspace):
                sent += int(bool(send(item)))
        except Exception:
            log.exception("could not send %s to %s", what, who(item))
    return sent


def finish_round(db: Database, job: str, period: str, now: datetime) -> None:
    """Record that every send of `job`'s round for `period` was made or tried. Until then the scheduler counts the
    round as not run, and runs it again (within the misfire grace) if its process died half-way."""
    with db.transaction() as session:
        if repo.claim(session, job, ROUND, period, now, db.owner):
            repo.mark_sent(session, job, ROUND, period, now)


def round_finished(db: Database, job: str, period: str) -> bool:
    with db.transaction() as session:
        return repo.sent(session, job, ROUND, period)


def already_sent(db: Database, sends: Iterable[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
    """Which of these (job, recipient, period) sends were made, in one query: a cheap look, every minute, before
    building what they would say."""
    wanted = set(sends)
    if not wanted:
        return set()
    jobs, recipients, periods = (set(part) for part in zip(*wanted, strict=True))
    with db.transaction() as session:
        return repo.sent_among(session, jobs, recipients, periods) & wanted


def _key(job: str, recipient: str, period: str) -> str:
    return f"{job}|{recipient}|{period}"


def _carries(key: str) -> Callable[[dict[str, Any]], bool]:
    """Whether a message of a conversation's history is the one posted for delivery `key` (its metadata)."""

    def fits(message: dict[str, Any]) -> bool:
        meta = message.get("metadata") or {}
        return meta.get("event_type") == EVENT_TYPE and (meta.get("event_payload") or {}).get("delivery") == key

    return fits


def _shares(filename: str) -> Callable[[dict[str, Any]], bool]:
    """Whether a message of a conversation's history shares a file named `filename`."""
    return lambda message: any(f.get("name") == filename for f in message.get("files") or [])


def conversation_with(deps: Deps, *user_ids: str) -> str:
    """The app's conversation with these people: a DM for one, a group DM for several (Slack opens the same one
    every time)."""
    return str(deps.client.conversations_open(users=",".join(user_ids))["channel"]["id"])


def _dm(deps: Deps, recipient: str) -> str:
    """The conversation a message to `recipient` lands in: a person's DM with the app, or the channel itself."""
    return conversation_with(deps, recipient) if recipient[:1] in ("U", "W") else recipient


def _find(deps: Deps, recipient: str, fits: Callable[[dict[str, Any]], bool],
          since: datetime) -> tuple[str, str] | None:
    """Where the message that `fits` is in the conversation (a person's DM with the app, or a channel), looking back
    to a little before `since`: (channel, ts), or None. When there are too many messages to tell, it counts as found
    (with no ts) rather than risk posting it twice."""
    channel = _dm(deps, recipient)
    oldest = f"{(since - CLOCK_SLACK).timestamp():.6f}"
    cursor: str | None = None
    for _ in range(HISTORY_PAGES):
        page: Any = deps.client.conversations_history(channel=channel, oldest=oldest, limit=200,
                                                      include_all_metadata=True, cursor=cursor)
        for message in page.get("messages", []):
            if fits(message):
                return channel, str(message.get("ts", ""))
        cursor = (page.get("response_metadata") or {}).get("next_cursor")
        if not page.get("has_more") or not cursor:
            return None
    return channel, ""
