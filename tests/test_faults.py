"""Faults from outside: Slack rate-limiting a big fan-out, Slack answering 5xx, the database going away, and
the process dying in the middle of a digest round. Through the real App and the fake Slack, with a fixed clock."""

from __future__ import annotations

import logging
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import event, select
from sqlalchemy.exc import OperationalError

from bot.deliveries import ROUND
from bot.deps import build_deps
from bot.digest import posts as digest_posts
from bot.simulator import payloads
from storage import deliveries as delivery_repo
from storage import teams as team_repo
from storage.db import Database
from storage.models import Ask, AuditEntry, Delivery, DigestSettings, DigestSubscriber, Member, Workspace
from tests.helpers import count, digests_delivered, seat

TEAM = "T0ALINEA"
DIGEST_CHANNEL = "CLEADERS"
TRY_AGAIN = "Something went wrong on our side and nothing was changed. Please try again in a moment."


class Killed(BaseException):
    """What a SIGKILL or a container stop looks like from inside: nothing after it runs, no `except Exception`
    catches it."""


@pytest.fixture(autouse=True)
def no_retry_sleep(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The Web API client's retry handlers sleep (Retry-After, or a backoff) before each new attempt: record
    how long they would have slept instead, so a storm of retries stays fast."""
    from slack_sdk.http_retry import builtin_handlers, handler

    slept: list[float] = []
    fake_time = SimpleNamespace(sleep=slept.append)
    monkeypatch.setattr(builtin_handlers, "time", fake_time)
    monkeypatch.setattr(handler, "time", fake_time)
    return slept


def no_pause(_seconds: float) -> None:
    pass


def subscribe_leaders(db: Database, now, how_many: int, channel: str | None = DIGEST_CHANNEL) -> list[str]:
    """`how_many` leaders subscribed to the digest, written straight to the store (500 slash commands would be
    slow and prove nothing more). Slack doesn't know them: `users.info` fails and the defaults apply."""
    users = [f"UL{index:05d}" for index in range(how_many)]
    with db.transaction() as session:
        workspace = team_repo.workspace_id(session, TEAM, now)
        for index, user_id in enumerate(users):
            session.add(Member(workspace_id=workspace, user_id=user_id, side="marketing" if index % 2 else "it",
                               role="leader", joined_at=now, updated_at=now))
            session.add(DigestSubscriber(workspace_id=workspace, user_id=user_id, subscribed_at=now))
        session.add(DigestSettings(workspace_id=workspace, weekday=0, at_minute=9 * 60, timezone="UTC",
                                   channel_id=channel, updated_by=users[0], updated_at=now))
    return users + ([channel] if channel else [])


# -- 1. A big fan-out under Slack's rate limits ---------------------------------------------------------------


def test_five_hundred_subscribers_under_429s_each_get_exactly_one_digest(workspace, clock, no_retry_sleep):
    audience = subscribe_leaders(workspace.deps.db, clock.now(), 500)
    when = clock.now() + timedelta(days=5)
    sends = 0
    exhausted: list[int] = []

    def pause(_seconds: float) -> None:
        """Between two sends, Slack starts answering 429: usually a few times (the client waits Retry-After
        and tries again), and now and then more often than the client retries (that post fails this round)."""
        nonlocal sends
        sends += 1
        if sends % 50 == 0:
            workspace.slack.fail("chat.postMessage", status=429, retry_after=1, times=4)  # 1 try + 3 retries
            exhausted.append(sends)
        elif sends % 7 == 0:
            workspace.slack.fail("chat.postMessage", status=429, retry_after=0, times=3)
        elif sends % 11 == 0:
            workspace.slack.fail("chat.postMessage", status=429, retry_after=1, times=1)

    first = digest_posts.send_week(workspace.deps, TEAM, when, when, pause=pause)
    assert first == len(audience) - len(exhausted)
    limited = [c for c in workspace.slack.calls_to("chat.postMessage") if c.error == "http_429"]
    assert len(limited) > 100  # Slack really did push back
    assert no_retry_sleep and all(seconds >= 0 for seconds in no_retry_sleep)
    assert sum(1 for seconds in no_retry_sleep if seconds >= 1) > 0  # Retry-After: 1 was honoured

    second = digest_posts.send_week(workspace.deps, TEAM, when, when, pause=no_pause)
    assert second == len(exhausted)  # the next run delivers what the 429s held back, and only that
    assert digest_posts.send_week(workspace.deps, TEAM, when, when, pause=no_pause) == 0

    got = digests_delivered(workspace)
    assert set(got) == set(audience), f"lost: {sorted(set(audience) - set(got))[:10]}"
    assert set(got.values()) == {1}, f"doubled: {[who for who, n in got.items() if n > 1][:10]}"
    with workspace.deps.db.transaction() as session:
        claims = list(session.scalars(select(Delivery).where(Delivery.job == f"digest:{TEAM}",
                                                              Delivery.recipient != ROUND)))
    assert len(claims) == len(audience) and all(claim.sent_at is not None for claim in claims)


def test_short_429_bursts_cost_retries_not_messages(workspace, clock):
    audience = subscribe_leaders(workspace.deps.db, clock.now(), 40)
    when = clock.now() + timedelta(days=5)

    def pause(_seconds: float) -> None:
        workspace.slack.fail("chat.postMessage", status=429, retry_after=0, times=3)  # before every next send

    assert digest_posts.send_week(workspace.deps, TEAM, when, when, pause=pause) == len(audience)
    assert_each_got_exactly_one(workspace, audience)
    assert len([c for c in workspace.slack.calls_to("chat.postMessage") if c.error == "http_429"]) == 3 * (len(audience) - 1)


# -- 2. The database unavailable for a while ------------------------------------------------------------------


def unreachable(database_url: str) -> Database:
    if database_url.startswith("postgresql"):
        return Database("postgresql://alinea@127.0.0.1:1/alinea_test")  # nothing listens on port 1
    return Database("sqlite:////nonexistent/dir/alinea.db")


@pytest.fixture
def team(workspace, people):
    return seat(workspace, people, {"sam": "marketing", "maria": "it"})


def test_commands_during_a_database_outage_answer_try_again_and_leave_nothing_behind(
        workspace, team, database_url, caplog):
    real = workspace.deps.db
    before = {model: count(real, model) for model in (Member, Ask, AuditEntry, DigestSubscriber, Workspace)}
    workspace.deps.db = unreachable(database_url)
    caplog.set_level(logging.ERROR)
    try:
        for who, line in [("sam", "/ask Landing page for the spring launch due:fri"),
                          ("ivan", "/alinea join it"),
                          ("sam", "/commit Draft the brief due:fri"),
                          ("admin", "/alinea team add @ivan it leader"),
                          ("sam", "/ask list")]:
            caplog.clear()
            exchange = workspace.command(team[who], line)
            assert exchange.status == 200, line
            assert TRY_AGAIN in exchange.reply_text, (line, exchange.reply_text)
            [reply] = exchange.replies
            assert reply["response_type"] == "ephemeral", line
            assert exchange.to("chat.postMessage") == [], line  # nothing announced that wasn't stored
            errors = [r for r in caplog.records if r.levelno >= logging.ERROR and "failed" in r.getMessage()]
            assert errors and team[who] in errors[0].getMessage(), line
    finally:
        workspace.deps.db.dispose()
        workspace.deps.db = real

    assert {model: count(real, model) for model in before} == before  # no partial rows from the outage
    exchange = workspace.command(team["sam"], "/ask Landing page for the spring launch due:fri")
    assert "Logged *A-1*" in exchange.reply_text  # the number the failed attempt would have taken is free
    assert TRY_AGAIN not in workspace.command(team["ivan"], "/alinea join it").reply_text
    assert count(real, Member) == before[Member] + 1 and count(real, Ask) == 1


def test_a_connection_lost_mid_transaction_rolls_the_whole_ask_back(workspace, team, caplog):
    """The insert of the ask went through; the audit entry after it finds the connection gone."""
    engine = workspace.deps.db.engine

    def drop_on_audit(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("INSERT INTO AUDIT_LOG"):
            raise OperationalError(statement, parameters, ConnectionError("server closed the connection"))

    before = count(workspace.deps.db, AuditEntry)
    event.listen(engine, "before_cursor_execute", drop_on_audit)
    caplog.set_level(logging.ERROR)
    try:
        exchange = workspace.command(team["sam"], "/ask Landing page due:fri")
    finally:
        event.remove(engine, "before_cursor_execute", drop_on_audit)
    assert exchange.status == 200 and TRY_AGAIN in exchange.reply_text
    assert exchange.to("chat.postMessage") == []
    assert any(r.levelno >= logging.ERROR for r in caplog.records)
    assert count(workspace.deps.db, Ask) == 0 and count(workspace.deps.db, AuditEntry) == before
    assert "Logged *A-1*" in workspace.command(team["sam"], "/ask Landing page due:fri").reply_text


# -- 3. Slack answering 5xx ----------------------------------------------------------------------------------


def stored_asks(workspace) -> list[Ask]:
    with workspace.deps.db.transaction() as session:
        return list(session.scalars(select(Ask).order_by(Ask.number)))


def cards_in(workspace, channel: str = payloads.DEFAULT_CHANNEL) -> list[dict]:
    """The ask cards in a channel, as Slack holds them (each card's metadata names its ask)."""
    return [message for message in workspace.slack.history.get(channel, [])
            if str((message.get("metadata") or {}).get("event_payload", {}).get("delivery", "")).startswith("ask-card:")]


@pytest.mark.parametrize("lost", ["http_500", "dropped"])
def test_a_card_slack_posted_but_whose_answer_was_lost_is_found_not_posted_again(workspace, team, lost, caplog):
    if lost == "dropped":
        workspace.slack.drop("chat.postMessage")
    else:
        workspace.slack.fail("chat.postMessage", status=500, performed=True)
    exchange = workspace.command(team["sam"], "/ask Landing page due:fri")
    [card] = cards_in(workspace)
    [post] = exchange.to("chat.postMessage")  # one try: Slack may have posted it, so it is not posted blindly again
    assert post.lost == lost and exchange.to("conversations.history")  # it was looked up instead
    [ask] = stored_asks(workspace)
    assert (ask.channel_id, ask.message_ts, ask.post_to) == (payloads.DEFAULT_CHANNEL, card["ts"], None)
    assert "Logged *A-1*" in exchange.reply_text and "Posted in <#CCOLLAB01>" in exchange.reply_text
    assert TRY_AGAIN not in exchange.reply_text
    # The stored ts is the card's: accepting updates it in place and threads under it.
    accepted = workspace.command(team["maria"], "/ask accept A-1")
    [update] = accepted.to("chat.update")
    assert update.args["ts"] == card["ts"]
    assert [c.args.get("thread_ts") for c in accepted.to("chat.postMessage")
            if c.args["channel"] != team["sam"]] == [card["ts"]]  # (the requester's DM aside)
    assert len(cards_in(workspace)) == 1


@pytest.mark.parametrize("refusal", [{"status": 500}, {"status": 503}, {"status": 429, "retry_after": 1}],
                         ids=["500", "503", "429"])
def test_cards_slack_refuses_for_a_while_are_posted_once_it_recovers(workspace, team, clock, refusal):
    from bot.asks import posts as ask_posts

    workspace.slack.fail("chat.postMessage", times=100, **refusal)
    first = workspace.command(team["sam"], "/ask Landing page due:fri")
    second = workspace.command(team["sam"], "/ask Brief due:fri")
    for exchange, ref in ((first, "A-1"), (second, "A-2")):
        assert f"Logged *{ref}*" in exchange.reply_text
        assert "Slack is busy right now: the card will be posted in <#CCOLLAB01> shortly" in exchange.reply_text
        assert "Invite me" not in exchange.reply_text and TRY_AGAIN not in exchange.reply_text
    assert [(a.message_ts, a.post_to) for a in stored_asks(workspace)] == [(None, payloads.DEFAULT_CHANNEL)] * 2
    assert cards_in(workspace) == []

    assert ask_posts.post_waiting(workspace.deps, clock.now()) == 0  # too soon: their requests may still be posting
    clock.advance(ask_posts.POST_AGAIN_AFTER + timedelta(seconds=1))
    assert ask_posts.post_waiting(workspace.deps, clock.now()) == 0  # Slack still refuses: they keep waiting
    workspace.slack.recover()
    assert ask_posts.post_waiting(workspace.deps, clock.now()) == 2
    assert ask_posts.post_waiting(workspace.deps, clock.now()) == 0  # posted once
    cards = cards_in(workspace)
    assert len(cards) == 2
    assert sorted((a.message_ts, a.post_to) for a in stored_asks(workspace)) == sorted(
        (card["ts"], None) for card in cards)


@pytest.mark.parametrize(("who", "told"), [
    ("sam", "*A-1* is saved, but something that should follow it went wrong"),
    ("maria", "*A-1* quedó guardado, pero algo que debía seguirle falló"),
], ids=["en", "es"])
def test_a_failure_after_the_ask_is_stored_says_so_and_the_rest_is_done_later_once(workspace, team, clock, who,
                                                                                   told, caplog):
    """The ask is stored and its card posted; recording where the card is fails. The requester is told the ask is
    saved (not that nothing changed), and the retry finishes the work without a second ask, card or answer."""
    from handlers.intake import RETRY_AFTER, resume

    engine = workspace.deps.db.engine

    def fail_recording_the_card(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("UPDATE ASKS SET CHANNEL_ID"):
            event.remove(engine, "before_cursor_execute", fail_recording_the_card)
            raise OperationalError(statement, parameters, ConnectionError("server closed the connection"))

    event.listen(engine, "before_cursor_execute", fail_recording_the_card)
    caplog.set_level(logging.ERROR)
    exchange = workspace.command(team[who], "/ask Landing page due:fri")
    assert told in exchange.reply_text and TRY_AGAIN not in exchange.reply_text
    [reply] = exchange.replies
    assert reply["response_type"] == "ephemeral"
    [card] = cards_in(workspace)
    [ask] = stored_asks(workspace)
    assert ask.message_ts is None  # where the card is was not recorded

    assert resume(workspace.deps, clock.now()) == 0  # not due yet
    clock.advance(RETRY_AFTER[0])
    mark = workspace.slack.mark()
    assert resume(workspace.deps, clock.now()) == 1
    [ask] = stored_asks(workspace)
    assert (ask.message_ts, ask.post_to) == (card["ts"], None)  # the card was found, not posted again
    assert cards_in(workspace) == [card]
    assert [call for call in workspace.slack.since(mark) if call.method == "response_url"] == []  # answered once
    assert resume(workspace.deps, clock.now() + timedelta(hours=1)) == 0  # done


def test_a_card_the_bot_may_not_post_is_not_tried_again_and_the_requester_told_why(workspace, team, clock):
    from bot.asks import posts as ask_posts

    workspace.slack.fail("chat.postMessage", error="not_in_channel")
    exchange = workspace.command(team["sam"], "/ask Landing page due:fri")
    assert "*A-1* is logged, but I couldn't post it in <#CCOLLAB01>" in exchange.reply_text
    [ask] = stored_asks(workspace)
    assert (ask.message_ts, ask.post_to) == (None, None)
    clock.advance(ask_posts.POST_AGAIN_AFTER * 2)
    assert ask_posts.post_waiting(workspace.deps, clock.now()) == 0


# -- 4. The process killed in the middle of a digest round -------------------------------------------------------


@contextmanager
def restarted(workspace, clock):  # type: ignore[no-untyped-def]
    """A fresh process on the same store and the same Slack, for the length of the block."""
    other = build_deps(workspace.deps.settings, clock=clock)
    try:
        yield other
    finally:
        other.db.dispose()


def assert_each_got_exactly_one(workspace, audience: list[str]) -> None:
    got = digests_delivered(workspace)
    assert set(got) == set(audience) and set(got.values()) == {1}


def killed_after(sends: int):  # type: ignore[no-untyped-def]
    """A pause between two sends that kills the process after the `sends`-th."""
    count = 0

    def pause(_seconds: float) -> None:
        nonlocal count
        count += 1
        if count == sends:
            raise Killed

    return pause


def die(workspace) -> None:
    """What the operating system does for a killed process: its connections close and its locks are freed (the
    workspace's store stays usable for the assertions: a disposed engine opens new connections)."""
    workspace.deps.db.dispose()


def test_a_round_killed_between_two_sends_is_finished_by_the_restart(workspace, clock):
    audience = subscribe_leaders(workspace.deps.db, clock.now(), 30)
    when = clock.now() + timedelta(days=5)
    with pytest.raises(Killed):
        digest_posts.send_week(workspace.deps, TEAM, when, when, pause=killed_after(12))
    assert sum(digests_delivered(workspace).values()) == 12
    with restarted(workspace, clock) as other:
        assert digest_posts.send_week(other, TEAM, when, when, pause=no_pause) == len(audience) - 12
        assert digest_posts.send_week(other, TEAM, when, when, pause=no_pause) == 0
    assert_each_got_exactly_one(workspace, audience)


def test_recipients_slack_refused_before_the_kill_are_retried_by_the_restart(workspace, clock):
    audience = subscribe_leaders(workspace.deps.db, clock.now(), 30)
    when = clock.now() + timedelta(days=5)
    sends = 0

    def pause(_seconds: float) -> None:
        """After 10 sends Slack refuses the next 8 posts (not retried: a 200 with an error), then the process
        dies after two more good ones."""
        nonlocal sends
        sends += 1
        if sends == 10:
            workspace.slack.fail("chat.postMessage", error="ratelimited", times=8)
        if sends == 12:
            raise Killed

    with pytest.raises(Killed):
        digest_posts.send_week(workspace.deps, TEAM, when, when, pause=pause)
    assert sum(digests_delivered(workspace).values()) == 12
    with restarted(workspace, clock) as other:
        assert digest_posts.send_week(other, TEAM, when, when, pause=no_pause) == len(audience) - 12
    assert_each_got_exactly_one(workspace, audience)


def test_a_kill_after_slack_took_the_post_but_before_it_was_marked_does_not_double_it(
        workspace, clock, monkeypatch):
    audience = subscribe_leaders(workspace.deps.db, clock.now(), 20)
    when = clock.now() + timedelta(days=5)
    real_mark_sent, marks = delivery_repo.mark_sent, 0

    def mark_sent(session, job, *args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal marks
        if job == digest_posts.digest_job_id(TEAM):  # the digest's posts, not the other sends of the round
            marks += 1
            if marks == 8:
                raise Killed  # the 8th post is in Slack; the process died before writing so
        return real_mark_sent(session, job, *args, **kwargs)

    monkeypatch.setattr(delivery_repo, "mark_sent", mark_sent)
    with pytest.raises(Killed):
        digest_posts.send_week(workspace.deps, TEAM, when, when, pause=no_pause)
    monkeypatch.setattr(delivery_repo, "mark_sent", real_mark_sent)
    die(workspace)
    with restarted(workspace, clock) as other:
        assert digest_posts.send_week(other, TEAM, when, when, pause=no_pause) == len(audience) - 8
    assert_each_got_exactly_one(workspace, audience)


def test_the_restarted_scheduler_sends_the_rest_of_a_round_killed_half_way_and_nothing_twice(workspace, clock):
    """A digest round killed after four sends is finished by the restarted process's minute job, within the misfire
    grace of the readers' local time; the next minutes send nothing more."""
    audience = subscribe_leaders(workspace.deps.db, clock.now(), 10)
    for user_id in audience[:-1]:  # the leaders live in Mexico City; the last one is the channel
        workspace.slack.add_user(user_id, user_id.lower(), tz="America/Mexico_City")
    due = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)  # Monday 09:00 UTC, as subscribe_leaders configures
    clock.set(due + timedelta(minutes=5))
    with pytest.raises(Killed):
        digest_posts.send_week(workspace.deps, TEAM, due, clock.now(), pause=killed_after(4))
    die(workspace)
    with restarted(workspace, clock) as other:
        # The channel's time is the digest's (UTC); the leaders' is Monday 09:00 in Mexico City.
        sent = digest_posts.send_due(other, clock.now())
        clock.set(datetime(2026, 11, 30, 15, 5, tzinfo=UTC))
        assert sent + digest_posts.send_due(other, clock.now()) == len(audience) - 4
        assert digest_posts.send_due(other, clock.now() + timedelta(minutes=1)) == 0
    assert_each_got_exactly_one(workspace, audience)


def test_a_kill_between_the_claim_and_the_post_is_finished_by_the_restart(workspace, clock, monkeypatch):
    audience = subscribe_leaders(workspace.deps.db, clock.now(), 20)
    when = clock.now() + timedelta(days=5)
    real_post, real_release, posts = workspace.deps.client.chat_postMessage, delivery_repo.release, 0

    def post(**kwargs):  # type: ignore[no-untyped-def]
        nonlocal posts
        posts += 1
        if posts == 8:
            raise Killed  # claimed, not yet sent
        return real_post(**kwargs)

    def release(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise Killed  # a dead process gives nothing back

    monkeypatch.setattr(workspace.deps.client, "chat_postMessage", post)
    monkeypatch.setattr(delivery_repo, "release", release)
    with pytest.raises(Killed):
        digest_posts.send_week(workspace.deps, TEAM, when, when, pause=no_pause)
    monkeypatch.setattr(workspace.deps.client, "chat_postMessage", real_post)
    monkeypatch.setattr(delivery_repo, "release", real_release)
    die(workspace)
    with restarted(workspace, clock) as other:
        digest_posts.send_week(other, TEAM, when, when, pause=no_pause)
    got = digests_delivered(workspace)
    assert set(got.values()) == {1}  # never doubled, in any case
    assert set(got) == set(audience), f"never sent: {sorted(set(audience) - set(got))}"
