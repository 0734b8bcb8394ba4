"""Benchmark (not a test): how fast `alinea run` acks `/ask`, and how fast it does the work, against bare Bolt apps.

Seeds a fresh SQLite store with a large workspace (bench/digest.py's seeding: 100,000 asks by default) and 20
members, starts a fake Slack Web API in a process of its own (so its work and its garbage collections don't pause
this process's clock), then starts four subprocesses on loopback, each served the same way (waitress, 8 threads,
`slack_bolt.adapter.wsgi.SlackRequestHandler`):

* `alinea run --no-scheduler` (every listener registered, the store above, the durable intake);
* a bare `slack_bolt.App` with one `/ask` listener that only calls `ack()`, as Bolt comes: the listener runs on
  Bolt's pool and the answer leaves when a 10 ms poll sees the ack ("bare");
* the same bare app with `process_before_response=True`, answering when its listener returns, as Alinea does
  ("bare2");
* the "floor": that app again, whose listener, after its ack, makes the Web API calls Alinea's work makes for an
  `/ask` (the card with chat.postMessage, the requester's Home with views.publish, the answer to the response_url)
  on a pool of 4 threads, with no store and no logic: the least that work can cost on this machine.

It prints each one's startup time (process start until it answers HTTP) and idle RSS, then, at each concurrency
level, sends the same number of signed `/ask <title>` requests to each stack (a fresh signature and a distinct title
each, the members in turn, one connection per request, as Slack does) and prints p50/p99 latency of the HTTP answer
(the ack) and throughput. Alinea records each request before its ack and keeps working after it (it files the ask,
posts its card, answers the response_url and refreshes the Home); that work competes with the next acks, which is
the point of the comparison. Each stack's turn at a level starts once the previous one has done all its work, so
each is measured alone. The work rate (requests fully worked per second, from the first request to the last answer
or Home published) is printed for Alinea and the floor, with their ratio, and the three targets are checked.

    .venv/bin/python bench/ack_latency.py [--asks 100000] [--requests 400] [--concurrency 1,8,32]
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from multiprocessing import get_context
from multiprocessing.connection import Connection
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from digest import seed  # noqa: E402  (bench/digest.py)
from sqlalchemy import func, insert, select  # noqa: E402

from bot.simulator import payloads  # noqa: E402
from bot.simulator.fake_slack import TEAM_ID, FakeSlack  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.models import Ask, Member, Workspace  # noqa: E402

SECRET = "bench-signing-secret"
TOKEN = "xoxb-bench-token"
USERS = [f"UBENCH{n:03d}" for n in range(20)]  # the requesters, in turn (each one's Home follows their asks)
REQUEST_TIMEOUT = 10.0  # seconds, per request
STARTUP_TIMEOUT = 60.0
DRAIN_TIMEOUT = 120.0  # how long to wait for the after-ack work once all acks are in
ISOLATED = 20  # lone requests per stack
POLL = 0.02  # seconds between two looks at what the fake Slack saw
QUIET = 0.3  # seconds without a Home published after which a stack's work is done

# How the apps below are served: the same server stack as bot/web.py, with /healthz (without a store).
SERVED = r"""
slack = SlackRequestHandler(app, path="/slack/events")

def application(environ, start_response):
    if environ.get("PATH_INFO") == "/healthz":
        start_response("200 OK", [("Content-Type", "application/json")])
        return [b'{"status": "ok"}']
    return slack(environ, start_response)

serve(application, host="127.0.0.1", port=int(sys.argv[1]), threads=8, ident=IDENT)
"""

# The bare app: one listener that only acks.
BARE_APP = r"""
import os, sys
from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient
from waitress import serve

app = App(client=WebClient(token=os.environ["SLACK_BOT_TOKEN"], base_url=os.environ["SLACK_API_URL"]),
          signing_secret=os.environ["SLACK_SIGNING_SECRET"], token_verification_enabled=False,
          process_before_response=sys.argv[2] == "on-return")

@app.command("/ask")
def ask(ack):
    ack()

IDENT = "bare-" + sys.argv[2]
""" + SERVED

# The floor: the bare app answering on return, whose listener then makes the Web API calls Alinea's /ask work makes
# (a card of the same shape, a Home of the same shape, the answer), on 4 threads, with no store and no logic.
FLOOR_APP = r"""
import os, sys
from concurrent.futures import ThreadPoolExecutor
from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient
from slack_sdk.webhook import WebhookClient
from waitress import serve

client = WebClient(token=os.environ["SLACK_BOT_TOKEN"], base_url=os.environ["SLACK_API_URL"])
app = App(client=client, signing_secret=os.environ["SLACK_SIGNING_SECRET"], token_verification_enabled=False,
          process_before_response=True)
work = ThreadPoolExecutor(4)

def section(text):
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}

def after(command):
    title, user = command["text"], command["user_id"]
    card = [section(f"*A-1 · {title}*"),
            {"type": "section", "fields": [{"type": "mrkdwn", "text": f"*Field {n}*\nvalue {n}"} for n in range(7)]},
            {"type": "context", "elements": [{"type": "mrkdwn", "text": "Logged just now"}]},
            {"type": "actions", "elements": [{"type": "button", "text": {"type": "plain_text", "text": label},
                                              "action_id": f"b{n}", "value": "1"}
                                             for n, label in enumerate(["Accept", "Decline", "Done"])]}]
    client.chat_postMessage(channel=command["channel_id"], text=title, blocks=card,
                            metadata={"event_type": "alinea_delivery", "event_payload": {"delivery": title}})
    home = [section(f"*Section {n}*\n_Nothing right now._") for n in range(6)]
    client.views_publish(user_id=user, view={"type": "home", "blocks": home})
    WebhookClient(command["response_url"]).send(text=f"Logged A-1: {title}", response_type="ephemeral",
                                                blocks=[section(f"Logged A-1: {title}")])

@app.command("/ask")
def ask(ack, command):
    ack()
    work.submit(after, command)

IDENT = "floor"
""" + SERVED


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port: int, method: str, path: str, body: str = "", headers: dict[str, str] | None = None) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    try:
        connection.request(method, path, body=body.encode() or None, headers=headers or {})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


class Server:
    """A subprocess serving Slack on a port; its output goes to a file, shown if it fails."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str], port: int, folder: Path) -> None:
        self.name, self.port = name, port
        self.log_path = folder / f"{name}.log"
        self._log = self.log_path.open("w")
        began = time.perf_counter()
        self.process = subprocess.Popen(argv, cwd=folder, env=env, stdout=self._log, stderr=subprocess.STDOUT)
        deadline = began + STARTUP_TIMEOUT
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"{name} exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                if request(port, "GET", "/healthz") == 200:
                    break
            except OSError:
                pass
            if time.perf_counter() > deadline:
                raise RuntimeError(f"{name} did not answer /healthz within {STARTUP_TIMEOUT:.0f} s:\n{self.log_tail()}")
            time.sleep(0.01)
        self.startup = time.perf_counter() - began
        time.sleep(0.5)  # let it settle before reading its memory
        self.idle_rss = rss_kib(self.process.pid)

    def log_tail(self, lines: int = 20) -> str:
        self._log.flush()
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._log.close()


def child_env(**extra: str) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "ALINEA_", "DATABASE_URL", "PORT"))}
    return keep | {"PYTHONPATH": str(REPO)} | extra


def serve_fake_slack(connection: Connection) -> None:
    """The fake Web API, in its own process: sends its base URL, then answers questions about what it saw: how many
    answers came to response_urls whose path holds a tag, and (last) the figures of everything."""
    fake = FakeSlack()
    for user in USERS:
        fake.add_user(user, user.lower())
    connection.send(fake.base_url)
    while True:
        question = connection.recv()
        if question[0] == "answered":
            connection.send(sum(1 for call in fake.calls_to("response_url") if question[1] in call.url))
            continue
        if question[0] == "count":
            connection.send(len(fake.calls_to(question[1])))
            continue
        connection.send((len(fake.calls_to("response_url")), sum(1 for call in fake.calls if call.error)))
        fake.close()
        return


class FakeSlackProcess:
    def __init__(self) -> None:
        self._connection, theirs = get_context("spawn").Pipe()
        self.process = get_context("spawn").Process(target=serve_fake_slack, args=(theirs,), daemon=True)
        self.process.start()
        self.base_url: str = self._connection.recv()
        self.api_url = self.base_url + "api/"

    def response_url(self, tag: str, index: int) -> str:
        return f"{self.base_url}respond/{tag}-{index}"

    def answered(self, tag: str) -> int:
        """How many response_url answers of requests tagged `tag` came."""
        self._connection.send(("answered", tag))
        return self._connection.recv()

    def count(self, method: str) -> int:
        """How many calls of a Web API method came, from every stack."""
        self._connection.send(("count", method))
        return self._connection.recv()

    def figures(self) -> tuple[int, int]:
        """(response_url replies, calls refused); the process ends after it answers."""
        self._connection.send(("figures",))
        return self._connection.recv()

    def close(self) -> None:
        if self.process.is_alive():
            self.process.terminate()
        self.process.join(10)


def load(server: Server, fake: FakeSlackProcess, count: int, concurrency: int, tag: str) -> tuple[list[float], float]:
    """`count` signed `/ask` requests, `concurrency` at a time: the latencies (s) and the wall time (s)."""

    def one(index: int) -> tuple[int, float]:
        body = payloads.slash_command("/ask", f"Bench {tag} request {index} for the launch page",
                                      USERS[index % len(USERS)],
                                      fake.response_url(f"{server.name}-{tag}", index))
        headers = payloads.signature_headers(SECRET, body) | {"Content-Type": payloads.FORM}
        began = time.perf_counter()
        status = request(server.port, "POST", "/slack/events", body, headers)
        return status, time.perf_counter() - began

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = list(pool.map(one, range(count)))
    wall = time.perf_counter() - began
    bad = [status for status, _ in results if status != 200]
    if bad:
        raise RuntimeError(f"{server.name}: {len(bad)} of {count} answers were not 200 (e.g. {bad[0]}):\n"
                           f"{server.log_tail()}")
    return [latency for _, latency in results], wall


def p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[98]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--asks", type=int, default=100_000, help="asks seeded in the store")
    parser.add_argument("--requests", type=int, default=400, help="requests per stack per concurrency level")
    parser.add_argument("--concurrency", default="1,8,32", help="comma-separated levels")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    levels = [int(level) for level in args.concurrency.split(",")]

    servers: list[Server] = []
    fake: FakeSlackProcess | None = None
    with tempfile.TemporaryDirectory(prefix="alinea-bench-") as name:
        folder = Path(name)
        url = f"sqlite:///{folder / 'ack.db'}"
        try:
            db = Database(url)
            db.upgrade()
            began = time.perf_counter()
            seed(db, TEAM_ID, args.asks, args.asks // 5, 50, random.Random(args.seed))
            now = datetime.now(UTC)
            with db.transaction() as session:
                workspace = session.scalar(select(Workspace.id).where(Workspace.team_id == TEAM_ID))
                session.execute(insert(Member), [{"workspace_id": workspace, "user_id": user, "side": "marketing",
                                                  "role": "member", "joined_at": now, "updated_at": now}
                                                 for user in USERS])
            seeded = time.perf_counter() - began
            print(f"store sqlite; {args.asks} asks, {args.asks // 5} commitments, 50 KPIs (bench/digest.py seeding),"
                  f" {len(USERS)} members; seeding {seeded:.1f} s")

            fake = FakeSlackProcess()
            # Every request comes from 127.0.0.1 here, where Slack's come from many addresses: no per-client cap.
            env = child_env(SLACK_BOT_TOKEN=TOKEN, SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=fake.api_url,
                            DATABASE_URL=url, ALINEA_HTTP_CONNECTIONS_PER_CLIENT="0")
            alinea_port, bare_port, bare2_port, floor_port = free_port(), free_port(), free_port(), free_port()
            alinea = Server("alinea", [sys.executable, "-m", "bot.cli", "run", "--port", str(alinea_port),
                                       "--host", "127.0.0.1", "--no-scheduler"], env, alinea_port, folder)
            servers.append(alinea)
            bare = Server("bare", [sys.executable, "-c", BARE_APP, str(bare_port), "polled"], env, bare_port, folder)
            servers.append(bare)
            # The same bare app answering when its listener returns, as Alinea does (process_before_response).
            bare2 = Server("bare2", [sys.executable, "-c", BARE_APP, str(bare2_port), "on-return"], env, bare2_port,
                           folder)
            servers.append(bare2)
            floor = Server("floor", [sys.executable, "-c", FLOOR_APP, str(floor_port)], env, floor_port, folder)
            servers.append(floor)
            print(f"startup (process start to /healthz 200): alinea {alinea.startup:.2f} s, bare {bare.startup:.2f} s")
            print(f"idle RSS: alinea {alinea.idle_rss / 1024:.1f} MiB, bare {bare.idle_rss / 1024:.1f} MiB,"
                  f" floor {floor.idle_rss / 1024:.1f} MiB (goal: alinea under 100 MiB)")

            # One warm-up request each: first-request costs (imports, auth.test, users.info) are not the ack path.
            for server in (alinea, floor):
                load(server, fake, 1, 1, "warm-up")
                finished(fake, server, "warm-up", 1)
            load(bare, fake, 1, 1, "warm-up")
            load(bare2, fake, 1, 1, "warm-up")
            sent = 1

            # Acks with nothing else in flight: each request waits for the previous one's after-ack work to end.
            isolated = {}
            for server in (alinea, bare, bare2):
                latencies = []
                for index in range(ISOLATED):
                    latencies += load(server, fake, 1, 1, f"isolated-{index}")[0]
                    if server is alinea:
                        finished(fake, server, f"isolated-{index}", 1)
                isolated[server.name] = statistics.median(latencies)
            sent += ISOLATED
            print(f"ack of a lone request (nothing else in flight), p50 of {ISOLATED}: alinea"
                  f" {isolated['alinea'] * 1000:.1f} ms, bare {isolated['bare'] * 1000:.1f} ms, bare2"
                  f" {isolated['bare2'] * 1000:.1f} ms")

            print(f"\n{args.requests} signed /ask requests per stack per level (one connection each), latency of the"
                  " ack; work/s: requests fully worked (filed, card posted, Home published, answered) per second")
            print(f"{'conc':>4}  {'alinea p50':>10} {'p99':>8} {'req/s':>7} {'work/s':>7}   {'bare p50':>8} {'p99':>8}"
                  f" {'req/s':>7}   {'p99 ratio':>9}   {'bare2 p50':>9} {'p99':>7}   {'ratio':>7}"
                  f"   {'floor work/s':>12}   {'work ratio':>10}")
            worst_ratio, worst_p99, worst_work = 0.0, 0.0, float("inf")
            for level in levels:
                tag = f"c{level}"
                # Each stack finishes its work before the next one runs, so each is measured alone.
                began = time.perf_counter()
                latencies, wall = load(alinea, fake, args.requests, level, tag)
                a = (statistics.median(latencies), p99(latencies), args.requests / wall)
                sent += args.requests
                work_rate = args.requests / (finished(fake, alinea, tag, args.requests) - began)
                latencies, wall = load(bare, fake, args.requests, level, tag)
                b = (statistics.median(latencies), p99(latencies), args.requests / wall)
                latencies, _ = load(bare2, fake, args.requests, level, tag)
                b2 = (statistics.median(latencies), p99(latencies))
                began = time.perf_counter()
                load(floor, fake, args.requests, level, tag)
                floor_rate = args.requests / (finished(fake, floor, tag, args.requests) - began)
                ratio = a[1] / b[1]
                worst_ratio, worst_p99 = max(worst_ratio, ratio), max(worst_p99, a[1])
                worst_work = min(worst_work, work_rate / floor_rate)
                print(f"{level:>4}  {a[0] * 1000:>8.1f}ms {a[1] * 1000:>6.1f}ms {a[2]:>7.1f} {work_rate:>7.1f}"
                      f"   {b[0] * 1000:>6.1f}ms {b[1] * 1000:>6.1f}ms {b[2]:>7.1f}   {ratio:>8.2f}x"
                      f"   {b2[0] * 1000:>7.1f}ms {b2[1] * 1000:>5.1f}ms   {a[1] / b2[1]:>6.2f}x"
                      f"   {floor_rate:>12.1f}   {work_rate / floor_rate:>9.2f}x")

            print(f"\nRSS after the load: alinea {rss_kib(alinea.process.pid) / 1024:.1f} MiB,"
                  f" bare {rss_kib(bare.process.pid) / 1024:.1f} MiB, floor {rss_kib(floor.process.pid) / 1024:.1f} MiB")
            filed = count_asks(db, workspace) - args.asks
            replies, failed = fake.figures()
            print(f"alinea's after-ack work: {filed} of {sent} asks filed; {replies} response_url replies from all"
                  f" stacks, {failed} Slack calls refused")
            verdict = "met" if worst_ratio <= 1.5 and worst_p99 < 3.0 else "NOT met"
            print(f"ack target (alinea p99 <= 1.5x bare p99 at every level, far under Slack's 3 s): {verdict}"
                  f" (worst ratio {worst_ratio:.2f}x, worst alinea p99 {worst_p99 * 1000:.1f} ms);"
                  " against bare2 (Bolt answering on return, as Alinea does): see that column")
            verdict = "met" if worst_work >= 0.5 else "NOT met"
            print(f"work target (alinea's work rate >= 0.5x the floor's at every level): {verdict}"
                  f" (worst {worst_work:.2f}x)")
            verdict = "met" if alinea.idle_rss < 100 * 1024 else "NOT met"
            print(f"memory target (alinea idle RSS < 100 MiB): {verdict} ({alinea.idle_rss / 1024:.1f} MiB)")
            db.dispose()
        finally:
            for server in servers:
                server.stop()
            if fake is not None:
                fake.close()


def count_asks(db: Database, workspace: int) -> int:
    with db.transaction() as session:
        return session.scalar(select(func.count()).select_from(Ask).where(Ask.workspace_id == workspace)) or 0


def finished(fake: FakeSlackProcess, server: Server, tag: str, expected: int) -> float:
    """Wait until the work of `expected` requests sent to `server` tagged `tag` is done: each answered on its
    response_url, and the Homes refreshed (Alinea publishes a person's Home after their ask is answered, once for
    asks that come together; done when no views.publish came for QUIET s). The moment (perf_counter) the last of
    these was seen, within POLL s."""
    deadline = time.perf_counter() + DRAIN_TIMEOUT
    while fake.answered(f"{server.name}-{tag}-") < expected:
        if time.perf_counter() > deadline:
            raise RuntimeError(f"{server.name}: {expected} {tag} requests not answered within {DRAIN_TIMEOUT:.0f} s:\n"
                               f"{server.log_tail()}")
        time.sleep(POLL)
    last = time.perf_counter()
    published = fake.count("views.publish")
    while time.perf_counter() - last < QUIET:
        time.sleep(POLL)
        now, seen = time.perf_counter(), fake.count("views.publish")
        if seen != published:
            last, published = now, seen
    return last


if __name__ == "__main__":
    main()
