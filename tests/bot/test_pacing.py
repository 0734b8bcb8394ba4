"""Pacing within Slack's rate limits (`bot.pacing`, `bot.slack_client`): the pacer's buckets on a simulated clock,
the client that consults it before every call, and the issue's test: a fan-out of 500 DMs through the real sending
path against a fake Slack that answers 429 as Slack would, on a clock shared with the pacer."""

from __future__ import annotations

import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from types import SimpleNamespace

import pytest
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from bot import pacing
from bot.blocks import Message
from bot.deliveries import each, post_once
from bot.deps import Deps, build_deps
from bot.pacing import (
    LIMITS,
    POST_PER_CHANNEL,
    POST_PER_WORKSPACE,
    TIER_1,
    TIER_2,
    TIER_3,
    TIER_4,
    Limit,
    Pacer,
    SimulatedTime,
    pacer_for,
)
from bot.pulse import posts as pulse_posts
from bot.slack_client import PacedWebClient
from bot.workspaces import working_for
from storage import teams as team_repo
from storage.models import Member

TEAM = "T0ALINEA"
# Slack's documented limits, as the enforcing fake applies them (docs.slack.dev/apis/web-api/rate-limits and each
# method's page): posts one a second in each conversation after a short burst, several hundred a minute in the
# workspace (taken as 300), and the tiers' floors per method per minute.
SLACK_PER_MINUTE = {"chat.postMessage": 300, "users.info": 100, "users.list": 20, "conversations.open": 50,
                    "conversations.history": 50, "chat.update": 50, "views.publish": 100}
SLACK_BURST_PER_CHANNEL = 3


def simulated() -> tuple[SimulatedTime, Pacer]:
    clock = SimulatedTime()
    return clock, Pacer(now=clock.now, sleep=clock.sleep)


def times_of(pacer: Pacer, clock: SimulatedTime, calls: list[tuple[str, str | None]]) -> list[float]:
    """When each call goes, on the simulated clock, made one after another."""
    went = []
    for method, channel in calls:
        pacer.wait(method, channel)
        went.append(clock.now())
    return went


def most_in_a_minute(times: list[float]) -> int:
    """The most calls any 60-second window (half-open) holds."""
    ordered, most, first = sorted(times), 0, 0
    for last, at in enumerate(ordered):
        while ordered[first] <= at - 60 + 1e-9:
            first += 1
        most = max(most, last - first + 1)
    return most


# -- the pacer ----------------------------------------------------------------------------------------------


def test_a_tier_4_method_goes_in_a_burst_then_at_the_steady_rate():
    clock, pacer = simulated()
    went = times_of(pacer, clock, [("users.info", None)] * 60)
    assert LIMITS["users.info"] == TIER_4
    assert went[:TIER_4.burst] == [0.0] * TIER_4.burst
    gaps = [b - a for a, b in zip(went[TIER_4.burst - 1:], went[TIER_4.burst:], strict=False)]
    assert gaps == pytest.approx([TIER_4.interval] * len(gaps))
    assert TIER_4.interval == pytest.approx(60 / 81)


@pytest.mark.parametrize(("limit", "floor"), [(TIER_1, 1), (TIER_2, 20), (TIER_3, 50), (TIER_4, 100),
                                              (POST_PER_WORKSPACE, 300)])
def test_no_minute_ever_holds_more_calls_than_slack_documents(limit, floor):
    clock = SimulatedTime()
    pacer = Pacer(now=clock.now, sleep=clock.sleep, limits={"m": limit})
    calls = 3 * floor + limit.burst
    went = times_of(pacer, clock, [("m", None)] * calls)
    assert most_in_a_minute(went) == floor  # as many as Slack allows, never more
    # After the burst, the steady rate is what is left of the minute's allowance: floor - burst + 1 a minute.
    assert (went[-1] - went[limit.burst - 1]) == pytest.approx((calls - limit.burst) * 60 / (floor - limit.burst + 1))


def test_posts_in_one_conversation_go_one_a_second_after_a_short_burst():
    clock, pacer = simulated()
    went = times_of(pacer, clock, [("chat.postMessage", "CGENERAL")] * 8)
    assert went == pytest.approx([0, 0, 0, 1, 2, 3, 4, 5])
    assert POST_PER_CHANNEL == Limit(burst=3, interval=1.0)


def test_posts_to_different_people_do_not_wait_for_each_other_but_keep_the_workspace_limit():
    clock, pacer = simulated()
    went = times_of(pacer, clock, [("chat.postMessage", f"U{n:04d}") for n in range(400)])
    assert went[:POST_PER_WORKSPACE.burst] == [0.0] * POST_PER_WORKSPACE.burst  # no one's DM waits for another's
    assert most_in_a_minute(went) <= 300
    assert went[-1] == pytest.approx((400 - POST_PER_WORKSPACE.burst) * POST_PER_WORKSPACE.interval)


def test_a_dm_by_user_id_counts_in_that_persons_conversation():
    clock, pacer = simulated()
    went = times_of(pacer, clock, [("chat.postMessage", "UMARIA"), ("chat.postMessage", "UIVAN")] * 4)
    # María's fourth DM waits for her conversation's second; Iván's are counted apart and go alongside.
    assert went == pytest.approx([0, 0, 0, 0, 0, 0, 1, 1])


def test_workspaces_keep_buckets_of_their_own():
    clock, pacer = simulated()
    with working_for("T1"):
        assert times_of(pacer, clock, [("users.list", None)] * TIER_2.burst) == [0.0] * TIER_2.burst
    with working_for("T2"):
        assert pacer.wait("users.list") == 0  # T1's burst is spent, T2's is whole
    assert pacer.wait("users.list") == 0  # outside any workspace's work: the "default" bucket
    with working_for("T1"):
        assert pacer.wait("users.list") == pytest.approx(TIER_2.interval)


def test_methods_keep_buckets_of_their_own_and_an_unknown_method_counts_as_tier_3():
    clock, pacer = simulated()
    times_of(pacer, clock, [("users.info", None)] * TIER_4.burst)
    assert pacer.wait("views.publish") == 0
    went = times_of(pacer, clock, [("admin.something.new", None)] * (TIER_3.burst + 2))
    assert went[-1] - went[TIER_3.burst - 1] == pytest.approx(2 * TIER_3.interval)


def test_every_method_alinea_calls_has_its_documented_tier():
    assert {name for name, limit in LIMITS.items() if limit == TIER_2} == {"users.list"}
    assert LIMITS["chat.update"] == LIMITS["conversations.open"] == LIMITS["conversations.history"] == TIER_3
    assert LIMITS["chat.postEphemeral"] == LIMITS["views.open"] == LIMITS["files.getUploadURLExternal"] == TIER_4
    assert LIMITS["functions.completeSuccess"] == TIER_3
    assert pacing.PER_CHANNEL == {"chat.postMessage": POST_PER_CHANNEL}  # ephemeral messages are Tier 4 only


def test_buckets_full_again_are_forgotten_and_those_still_counting_kept(monkeypatch):
    monkeypatch.setattr(pacing, "SWEEP_AT", 50)
    clock, pacer = simulated()
    kept = []
    for n in range(1000):  # a DM to each of 1,000 people: a bucket each, counting for a few seconds
        pacer.wait("chat.postMessage", f"U{n:04d}")
        kept.append(len(pacer._due))
    # Never much more than twice those still counting (at most the workspace's burst of 60 at once, and the workspace).
    assert max(kept) <= 2 * (POST_PER_WORKSPACE.burst + 1) + 1 and kept[-1] < 100
    clock.sleep(600)  # every bucket is full again
    again = clock.now()
    assert times_of(pacer, clock, [("chat.postMessage", "U0000")] * POST_PER_CHANNEL.burst) == [again] * 3
    times_of(pacer, clock, [("chat.postMessage", "UHOT")] * POST_PER_CHANNEL.burst)
    for n in range(50):  # at once (within the workspace's burst): a sweep comes while UHOT's bucket still counts
        assert pacer.wait("chat.postMessage", f"UOTHER{n}") == 0
    assert pacer.wait("chat.postMessage", "UHOT") == pytest.approx(POST_PER_CHANNEL.interval)


def test_threads_take_distinct_places_in_order():
    """Places are taken under a lock: many threads reserving at the same instant get every place once."""
    frozen = 100.0
    pacer = Pacer(now=lambda: frozen, sleep=lambda _seconds: None, limits={"m": Limit(burst=5, interval=0.5)})
    with ThreadPoolExecutor(8) as pool:
        delays = list(pool.map(lambda _n: pacer.reserve("m"), range(200)))
    assert sorted(delays) == pytest.approx([0.0] * 5 + [0.5 * k for k in range(1, 196)])


def test_a_thread_waiting_its_turn_does_not_hold_up_other_calls():
    """The sleep happens outside the lock: a post waiting a second for its conversation doesn't delay a post to
    another one (on the real clock, briefly)."""
    pacer = Pacer(limits={"chat.postMessage": Limit(burst=100, interval=0.01)},
                  per_channel={"chat.postMessage": Limit(burst=1, interval=0.8)})
    pacer.wait("chat.postMessage", "CBUSY")
    waiting = threading.Thread(target=pacer.wait, args=("chat.postMessage", "CBUSY"))
    began = time.monotonic()
    waiting.start()
    time.sleep(0.05)  # the first thread is asleep in its wait by now
    assert pacer.wait("chat.postMessage", "CQUIET") == 0
    assert time.monotonic() - began < 0.4
    waiting.join()
    assert time.monotonic() - began >= 0.7


# -- the client ---------------------------------------------------------------------------------------------


def test_the_client_waits_on_the_pacer_before_every_call(workspace):
    clock, pacer = simulated()
    asked: list[tuple[str, str | None]] = []
    real_wait = pacer.wait

    def wait(method: str, channel: str | None = None) -> float:
        asked.append((method, channel))
        return real_wait(method, channel)

    pacer.wait = wait  # type: ignore[method-assign]
    client = PacedWebClient(token="xoxb-test", base_url=workspace.slack.api_url, pacer=pacer)
    workspace.add_person("maria")
    for _ in range(5):
        client.chat_postMessage(channel="CGENERAL", text="hello")
    client.conversations_history(channel="CGENERAL")  # a GET: its arguments travel in the query
    client.users_info(user="UMARIA")
    assert asked == [("chat.postMessage", "CGENERAL")] * 5 + [("conversations.history", "CGENERAL"),
                                                               ("users.info", None)]
    assert clock.now() == pytest.approx(2.0)  # the 4th and 5th posts waited a second each


def test_the_deps_client_is_paced_by_the_process_pacer_for_slack_and_in_simulated_time_for_a_fake(workspace):
    assert isinstance(workspace.deps.client, PacedWebClient)
    assert workspace.deps.client.pacer is not pacing.PACER  # the fake Slack is on loopback
    assert pacer_for("https://slack.com/api/") is pacing.PACER
    assert pacer_for("https://proxy.internal.example/api/") is pacing.PACER
    for fake in ("http://127.0.0.1:8123/api/", "http://localhost:8123/api/", "http://[::1]:8123/api/"):
        assert pacer_for(fake) is not pacing.PACER


def test_a_fake_slack_on_loopback_costs_no_real_time_however_much_is_sent(workspace):
    began = time.monotonic()
    for _ in range(12):  # four times the burst, in one conversation
        workspace.deps.client.chat_postMessage(channel="CGENERAL", text="hello")
    assert time.monotonic() - began < 5  # the simulated pacer worked out nine seconds of waits without waiting


# -- the issue: a fan-out of 500 DMs paced without a 429 ----------------------------------------------------


def seat_members(workspace, now: datetime, how_many: int) -> list[str]:
    """`how_many` members on a side, written straight to the store (500 slash commands would prove nothing more),
    each a Slack user the fake knows."""
    users = [f"UFAN{index:05d}" for index in range(how_many)]
    for index, user_id in enumerate(users):
        workspace.slack.add_user(user_id, user_id.lower(), tz="UTC", locale="es-LA" if index % 3 == 0 else "en-US")
    with workspace.deps.db.transaction() as session:
        ws = team_repo.workspace_id(session, TEAM, now)
        session.add_all(Member(workspace_id=ws, user_id=user_id, side="it" if index % 2 else "marketing",
                               role="member", joined_at=now, updated_at=now) for index, user_id in enumerate(users))
    return users


@pytest.fixture
def slack_time(workspace, monkeypatch):
    """The clock Slack's limits are counted on: the fake Slack reads it, the pacer sleeps on it, and so do the
    client's retry handlers (a 429's Retry-After), so nothing here waits for real."""
    from slack_sdk.http_retry import builtin_handlers, handler

    clock = SimulatedTime()
    monkeypatch.setattr(builtin_handlers, "time", SimpleNamespace(sleep=clock.sleep))
    monkeypatch.setattr(handler, "time", SimpleNamespace(sleep=clock.sleep))
    workspace.slack.enforce_rate_limits(now=clock.now, per_channel_per_second=1, burst=SLACK_BURST_PER_CHANNEL,
                                        per_workspace_per_minute=SLACK_PER_MINUTE)
    return clock


def deps_paced_by(workspace, clock, pacer: Pacer) -> Deps:
    return build_deps(workspace.deps.settings, clock=clock, db=workspace.deps.db, inline=True, pacer=pacer)


def dms_taken(workspace) -> Counter[str]:
    return Counter(call.args["channel"] for call in workspace.slack.calls_to("chat.postMessage") if call.error is None)


def refused(workspace) -> Counter[str]:
    return Counter(call.method for call in workspace.slack.calls if call.error == "http_429")


def fan_out_dms(deps: Deps, users: list[str], now: datetime) -> int:
    """One DM to each of `users` through the real sending path: claimed, posted with its delivery's metadata."""
    msg = Message(text="The team's week, in one message.")
    return each(deps, users, lambda user_id: post_once(deps, "fan-out", user_id, "week-1", now, msg), "the fan-out",
                team=lambda _user_id: TEAM)


def test_a_fan_out_of_500_dms_is_paced_without_a_429(workspace, clock, slack_time):
    users = seat_members(workspace, clock.now(), 500)
    deps = deps_paced_by(workspace, clock, Pacer(now=slack_time.now, sleep=slack_time.sleep))

    assert fan_out_dms(deps, users, clock.now()) == 500

    assert dms_taken(workspace) == Counter(users)  # each one DM, exactly once
    assert refused(workspace) == Counter()
    took = slack_time.now()
    # Slack's workspace limit (300 in any minute) allows it in no less than a minute; the pacer's burst of 60 then
    # 241 a minute take 110 s: paced, not serialised at one a second (500 s) nor unpaced (0 s).
    expected = (500 - POST_PER_WORKSPACE.burst) * POST_PER_WORKSPACE.interval
    print(f"500 DMs: {took:.1f} s of Slack time, {len(workspace.slack.calls)} calls, no 429")
    assert 60 <= took == pytest.approx(expected, rel=0.01)


def test_a_pulse_round_to_500_members_is_paced_without_a_429(workspace, clock, slack_time):
    """The real feature's fan-out: each member's language is looked up (`users.info`, Tier 4), then they are asked.
    The lookups set the pace: 100 a minute is all Slack promises for them."""
    users = seat_members(workspace, clock.now(), 500)
    deps = deps_paced_by(workspace, clock, Pacer(now=slack_time.now, sleep=slack_time.sleep))

    info = pulse_posts.run_round(deps, TEAM, None, clock.now())

    assert sorted(info.members) == users
    assert dms_taken(workspace) == Counter(users)
    assert refused(workspace) == Counter()
    assert len(workspace.slack.calls_to("users.info")) == 500
    took = slack_time.now()
    expected = (500 - TIER_4.burst) * TIER_4.interval  # 20 at once, then 81 a minute: 356 s
    print(f"pulse round to 500: {took:.1f} s of Slack time, no 429")
    assert 4 * 60 <= took == pytest.approx(expected, rel=0.01)  # Slack's 100 a minute allows no less than 4 minutes


def test_without_the_pacer_the_same_fan_out_meets_429s(workspace, clock, slack_time):
    """The control: a pacer that works out the waits but never sleeps them sends everything at once, and the fake
    Slack refuses what Slack would: the 301st post of the minute. The client waits the Retry-After (on the shared
    clock) and gets the rest through."""
    users = seat_members(workspace, clock.now(), 500)
    deps = deps_paced_by(workspace, clock, Pacer(now=slack_time.now, sleep=lambda _seconds: None))

    assert fan_out_dms(deps, users, clock.now()) == 500

    posts = workspace.slack.calls_to("chat.postMessage")
    assert [call.error for call in posts[:300]] == [None] * 300
    assert posts[300].error == "http_429"
    assert refused(workspace) == Counter({"chat.postMessage": 1})
    assert dms_taken(workspace) == Counter(users)
    assert slack_time.now() >= 60


def test_without_the_pacer_posts_in_one_conversation_meet_429s(workspace, slack_time):
    client = PacedWebClient(token="xoxb-test", base_url=workspace.slack.api_url,
                            retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=3)],
                            pacer=Pacer(now=slack_time.now, sleep=lambda _seconds: None))
    for _ in range(SLACK_BURST_PER_CHANNEL + 2):
        client.chat_postMessage(channel="CGENERAL", text="hello")
    # The burst goes; each post after it is refused, then taken after the Retry-After of a second.
    assert [call.error for call in workspace.slack.calls_to("chat.postMessage")] == \
        [None] * SLACK_BURST_PER_CHANNEL + ["http_429", None] * 2
