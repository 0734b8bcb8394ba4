"""Every Web API call waits its turn here first, so Alinea stays within Slack's rate limits instead of learning them
from 429s: the one place where pacing is decided (`bot.slack_client.PacedWebClient` asks before each call).

Slack counts calls per method and per workspace, in tiers of calls per minute, and `chat.postMessage` also per
channel, about one a second (https://docs.slack.dev/apis/web-api/rate-limits). Each count here is a token bucket
(kept as its theoretical arrival time, GCRA): up to `burst` calls go at once, then one every `interval` seconds. For
the per-minute tiers the steady rate is set a little under the documented floor so that no 60-second window, bursts
included, ever holds more calls than Slack documents (`per_minute`). A call reserves its place in every bucket it
counts against under a lock, then sleeps outside it, so threads queue up in order without holding each other.
"""

from __future__ import annotations

import ipaddress
import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from bot import workspaces

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limit:
    """Up to `burst` calls at once, then one every `interval` seconds."""

    burst: int
    interval: float

    @property
    def tolerance(self) -> float:
        """How far ahead of the steady rate a call may come: what a full bucket allows beyond the next call."""
        return (self.burst - 1) * self.interval


def per_minute(floor: int, burst: int) -> Limit:
    """Slack's "`floor`+ per minute", with `burst` calls allowed at once: the steady rate is (floor - burst + 1) a
    minute, so that any 60-second window holds at most `floor` calls (what the bucket held when it began, at most
    `burst`, and fewer than floor - burst + 1 refilled in under 60 s)."""
    return Limit(burst, 60.0 / (floor - burst + 1))


# Slack's tiers (https://docs.slack.dev/apis/web-api/rate-limits: "Tier 1 1+ per minute … Tier 4 100+ per minute",
# counted per method per workspace; "a small amount of burst behavior is tolerated" for Tier 1, "occasional bursts"
# for Tier 2, "sporadic bursts are welcome" for Tier 3, "generous burst behavior" for Tier 4).
TIER_1 = per_minute(1, 1)  # one a minute
TIER_2 = per_minute(20, 5)  # 5 at once, then 16 a minute
TIER_3 = per_minute(50, 10)  # 10 at once, then 41 a minute
TIER_4 = per_minute(100, 20)  # 20 at once, then 81 a minute
# chat.postMessage, Slack's special tier: "generally allows posting one message per second per channel, while also
# maintaining a workspace-wide limit" ("Posting messages: 1 per second. Short bursts >1 allowed"); its page puts the
# workspace-wide limit at several hundred messages a minute, taken here as 300.
POST_PER_CHANNEL = Limit(burst=3, interval=1.0)  # 3 at once, then one a second, in each conversation
POST_PER_WORKSPACE = per_minute(300, 60)  # 60 at once, then 241 a minute (about 4 a second)

# The tier of each method Alinea calls, as each method's reference page states it (docs.slack.dev/reference/methods/…,
# "Rate Limits"). A method missing here is counted as Tier 3, a middle guess that is safe for most methods.
LIMITS: dict[str, Limit] = {
    "chat.postMessage": POST_PER_WORKSPACE,  # Special: 1 per second per channel, plus a workspace-wide limit
    "chat.postEphemeral": TIER_4,  # Tier 4 (not the per-channel special tier: ephemeral messages are not posted)
    "chat.update": TIER_3,  # Tier 3
    "chat.getPermalink": TIER_4,  # Special: "allows hundreds of requests per minute" (counted as Tier 4)
    "conversations.open": TIER_3,  # Tier 3
    "conversations.history": TIER_3,  # Tier 3 (1 a minute for new non-Marketplace apps distributed commercially)
    "users.info": TIER_4,  # Tier 4
    "users.list": TIER_2,  # Tier 2
    "views.open": TIER_4,  # Tier 4
    "views.push": TIER_4,  # Tier 4
    "views.update": TIER_4,  # Tier 4
    "views.publish": TIER_4,  # Tier 4
    "files.getUploadURLExternal": TIER_4,  # Tier 4
    "files.completeUploadExternal": TIER_4,  # Tier 4
    "functions.completeSuccess": TIER_3,  # Tier 3
    "functions.completeError": TIER_3,  # Tier 3
    "auth.test": TIER_4,  # Special: "allows hundreds of requests per minute" (counted as Tier 4)
}
UNKNOWN = TIER_3
# Methods also counted per conversation (the channel they post to; a user ID, for a DM, counts as that person's DM).
PER_CHANNEL: dict[str, Limit] = {"chat.postMessage": POST_PER_CHANNEL}

NO_WORKSPACE = "default"  # the bucket of calls made outside any workspace's work (`bot.workspaces.current()` None)
SWEEP_AT = 4096  # buckets kept before those that are full again are forgotten (DMs make one per person)


class Pacer:
    """Before each Web API call, `wait` sleeps as long as the call must wait to stay within Slack's limits for its
    workspace (`bot.workspaces.current()`), its method and, for posts, its conversation. Thread-safe. `now` and
    `sleep` are the clock it reads and how it waits (a simulated clock in tests and in the simulator)."""

    def __init__(self, now: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep,
                 limits: Mapping[str, Limit] | None = None, per_channel: Mapping[str, Limit] | None = None) -> None:
        self._now = now
        self._sleep = sleep
        self._limits = LIMITS if limits is None else limits
        self._per_channel = PER_CHANNEL if per_channel is None else per_channel
        self._due: dict[tuple[str, ...], float] = {}  # bucket → its theoretical arrival time (GCRA)
        self._sweep_at = SWEEP_AT
        self._lock = threading.Lock()

    def wait(self, method: str, channel: str | None = None) -> float:
        """Wait until a call to `method` (posting to `channel`, when it says) may go; returns the seconds waited."""
        delay = self.reserve(method, channel)
        if delay > 0:
            log.debug("pacing %s: waiting %.3f s", method, delay)
            self._sleep(delay)
        return delay

    def reserve(self, method: str, channel: str | None = None) -> float:
        """Take the next place for a call to `method` in each of its buckets; returns how long from now it is. The
        caller must not go before then (`wait` sleeps it)."""
        workspace = workspaces.current() or NO_WORKSPACE
        buckets = [((workspace, method), self._limits.get(method, UNKNOWN))]
        channel_limit = self._per_channel.get(method)
        if channel_limit is not None and channel:
            buckets.append(((workspace, method, channel), channel_limit))
        with self._lock:
            now = self._now()
            start = max([now] + [self._due[key] - limit.tolerance for key, limit in buckets if key in self._due])
            for key, limit in buckets:
                self._due[key] = max(self._due.get(key, start), start) + limit.interval
            if len(self._due) > self._sweep_at:
                self._sweep(now)
        return start - now

    def _sweep(self, now: float) -> None:
        """Forget the buckets that are full again (a bucket not kept counts as full); the next sweep comes when as
        many again are kept."""
        for key in [key for key, due in self._due.items() if due <= now]:
            del self._due[key]
        self._sweep_at = max(SWEEP_AT, 2 * len(self._due))


class SimulatedTime:
    """A clock that only moves when slept on: with it, a `Pacer` works out every wait and never waits for real.
    Tests share one with the fake Slack, which then sees time pass as the pacer sleeps."""

    def __init__(self, start: float = 0.0) -> None:
        self._at = start
        self._lock = threading.Lock()

    def now(self) -> float:
        with self._lock:
            return self._at

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self._at += max(seconds, 0.0)


# The process's pacer: every client of this process that calls Slack shares its buckets.
PACER = Pacer()


def pacer_for(api_url: str) -> Pacer:
    """The pacer for a Web API at `api_url`: the process's own for Slack (and any address off this machine); for a
    Web API on this machine's loopback — the fake Slack of the console, the demo and the tests — one that works in
    simulated time, so bursts that Slack would spread over minutes cost nothing there."""
    host = urlsplit(api_url).hostname or ""
    if host == "localhost" or _is_loopback(host):
        clock = SimulatedTime()
        return Pacer(now=clock.now, sleep=clock.sleep)
    return PACER


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
