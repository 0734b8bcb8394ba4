"""Helpers shared by the tests: talking to a real server over loopback, starting `alinea` as a child process,
reading the store, the simulated workspace (people seated on sides through slash commands, pulse answers, digests
delivered), and checking what a parser refused."""

from __future__ import annotations

import os
import socket
import string
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import func, select

from bot.errors import ParseError
from bot.i18n import CATALOGS, t
from bot.inputs import seal
from bot.people import Side
from bot.simulator.workspace import Exchange, SimulatedWorkspace
from storage.db import Database

if TYPE_CHECKING:
    from bot.clock import FixedClock

T = TypeVar("T")

REPO = Path(__file__).resolve().parents[1]
ALINEA = [sys.executable, "-m", "bot.cli"]  # the `alinea` command, run from this checkout
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"  # the first bytes of every PNG file
# Every word a command takes for a side, and the side it means.
SIDE_ALIASES = {
    "marketing": Side.MARKETING,
    "mkt": Side.MARKETING,
    "mercadotecnia": Side.MARKETING,
    "it": Side.IT,
    "ti": Side.IT,
    "tech": Side.IT,
}


def mixed_cases(word: str) -> list[str]:
    """The word in lower, upper, capitalised and alternating case."""
    alternating = "".join(c.upper() if i % 2 else c for i, c in enumerate(word))
    return sorted({word, word.upper(), word.capitalize(), alternating})


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# --- a real server over loopback, and `alinea` as a child process ------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method: str, url: str, body: str | None = None, headers: dict[str, str] | None = None) -> tuple[int, str]:
    """One request; the status and body, also for 4xx/5xx answers."""
    request = urllib.request.Request(url, data=body.encode() if body is not None else None, method=method,
                                     headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def eventually(probe: Callable[[], T | None], timeout: float = 10.0) -> T:
    """Wait for work a server finishes after it answered (Bolt runs listeners after the ack)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = probe()
        if result:
            return result
        time.sleep(0.02)
    raise AssertionError("the expected result did not come in time")


def child_environment(**extra: str) -> dict[str, str]:
    """The environment for an `alinea` child process: this one without the developer's own settings, this
    checkout on the Python path, and `extra`."""
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "ALINEA_", "DATABASE_URL", "PORT"))}
    return keep | {"PYTHONPATH": str(REPO)} | extra


# --- the store ---------------------------------------------------------------------------------------------


def rows(db: Database, model: Any, *where: Any, order_by: Any = None) -> list[Any]:
    """The rows of `model` (those matching `where`, when given), in order of `order_by`, else of their ID."""
    with db.transaction() as session:
        query = select(model).where(*where).order_by(model.id if order_by is None else order_by)
        return list(session.scalars(query))


def count(db: Database, model: Any, *where: Any) -> int:
    """How many rows of `model` there are (matching `where`, when given)."""
    with db.transaction() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where))


def sealed(workspace: SimulatedWorkspace, callback_id: str, metadata: str) -> str:
    """Private metadata as Alinea seals it in the modals it opens (for submissions built by hand)."""
    return seal(workspace.deps.settings.key_for("metadata"), callback_id, metadata)


def counts(db: Database, tables: Iterable[Any]) -> dict[str, int]:
    """How many rows each of `tables` (tables or models) holds, by table name."""
    with db.transaction() as session:
        return {getattr(table, "__table__", table).name: session.scalar(select(func.count()).select_from(table))
                for table in tables}


# --- the simulated workspace: people on sides, pulse answers, digests ------------------------------------


def simulated_workspace(database_url: str, clock: FixedClock, **settings: str) -> Iterator[SimulatedWorkspace]:
    """The real App with a fake Slack and these settings, for a fixture to yield from. When the test is over, every
    message and view it sent must have been valid Block Kit within Slack's limits."""
    simulated = SimulatedWorkspace(database_url, clock=clock, **settings)
    yield simulated
    invalid = simulated.slack.invalid
    simulated.close()
    assert not invalid, f"Slack would have refused: {[(c.method, c.args.get('_errors')) for c in invalid]}"


def seat(workspace: SimulatedWorkspace, people: dict[str, str], sides: dict[str, str],
         **profiles: dict[str, Any]) -> dict[str, str]:
    """Put people on sides with slash commands, in the order of `sides`: a Slack name → a side word (`it`, `mkt`,
    …) is `/alinea join SIDE` typed by that person; → `SIDE leader` is `/alinea team add @name SIDE leader` typed by
    people["owner"]. Newcomers come first: each name of `profiles` (with that Slack profile), then each name of
    `sides` that Slack does not know yet; they join `people` under their name, which is returned."""
    newcomers = {**profiles, **{name: {} for name in sides if name not in profiles and name not in people
                                and workspace.slack.user_by_name(name) is None}}
    for name, profile in newcomers.items():
        people[name] = workspace.add_person(name, **profile)
    for name, side in sides.items():
        if side.endswith(" leader"):
            workspace.command(people["owner"], f"/alinea team add @{name} {side}")
        else:
            workspace.command(people.get(name) or workspace.slack.user_by_name(name), f"/alinea join {side}")
    return people


def answer_pulse(workspace: SimulatedWorkspace, user_id: str, score: int) -> Exchange:
    """Press `score` on the pulse question in the person's DM."""
    return workspace.click(user_id, str(score), channel=user_id)


def digests_delivered(workspace: SimulatedWorkspace) -> Counter[str]:
    """How many digests each conversation got, counting only the posts Slack took."""
    return Counter(call.args["channel"] for call in workspace.slack.calls_to("chat.postMessage")
                   if call.error is None and "week of" in str(call.args.get("text")))


# --- what parsers refuse -----------------------------------------------------------------------------------


def placeholders(template: str) -> set[str]:
    """The names of the `{fields}` a message template fills in."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def assert_showable(error: ParseError, usage: str | None = None) -> None:
    """The key and usage exist in both catalogs, the error carries exactly the params its message uses, and
    the message formats in both languages; and the usage is `usage`, when given."""
    if usage is not None:
        assert error.usage == usage
    params = {name: value for name, value in error.params.items() if name != "usage"}
    for lang, catalog in CATALOGS.items():
        assert error.key in catalog, (lang, error.key)
        assert error.usage in catalog, (lang, error.usage)
        assert placeholders(catalog[error.key]) == set(params), (lang, error.key, params)
        assert t(lang, error.key, **params)
        assert t(lang, error.usage)


def assert_parse_error(result: object, key: str, /, usage: str | None = None, **params: object) -> None:
    """`result` is the ParseError `key` carrying exactly `params` (besides its usage, which is `usage` when
    given), and it can be shown."""
    assert isinstance(result, ParseError), result
    assert result.key == key
    assert {name: value for name, value in result.params.items() if name != "usage"} == params
    assert_showable(result, usage)
