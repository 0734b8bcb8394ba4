"""Each kind of change has one after-change function (`bot/<feature>/posts.py`), so every entry point for the same
change — a command, a button, a modal, the shortcut, App Home, a shadowing idea, a sync outcome — makes the same Slack
calls. Each entry point runs on a fresh store with the same people and clock, and the calls that follow the change
are compared; only the actor's own private answer is left out (it comes as a reply to the command, an ephemeral
message where the modal was opened, or a DM, as Slack allows)."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.clock import FixedClock
from bot.recurrence import period_key
from bot.simulator import payloads
from bot.simulator.fake_slack import TEAM_ID, Call
from bot.simulator.workspace import Exchange, SimulatedWorkspace
from bot.syncs import service as syncs
from schedules import jobs, runtime
from tests.conftest import NOW, empty_store
from tests.helpers import seat, simulated_workspace

COLLAB = "CCOLLAB99"  # ALINEA_CHANNEL: every entry point posts new asks there
DUE = date(2026, 11, 27)  # a Friday after NOW
# What a person reads privately about their own change, and lookups that are not effects of the change.
NOT_EFFECTS = {"response_url", "views.open", "chat.postEphemeral", "users.info", "chat.getPermalink"}


@contextmanager
def fresh_workspace(template: str, folder: Path) -> Iterator[SimulatedWorkspace]:
    """A workspace on an empty store of its own, with the cast every scenario uses on their sides."""
    url = empty_store(template, folder / f"store-{len(list(folder.glob('store-*.db')))}.db")
    for workspace in simulated_workspace(url, FixedClock(NOW), alinea_timezone="America/Mexico_City",
                                         alinea_channel=COLLAB):
        people = {"owner": workspace.add_person("olga", tz="America/Mexico_City", is_owner=True)}
        cast = {name: {"tz": "America/Mexico_City"} for name in ("maria", "sam", "ivan", "tom", "carla", "ivo")}
        seat(workspace, people, {"carla": "marketing leader", "ivo": "it leader", "maria": "marketing",
                                 "sam": "marketing", "ivan": "it", "tom": "it"}, **cast)
        runtime.install(workspace.deps)
        yield workspace


def _id(name: str) -> str:
    return "U" + name.upper()


def effects(calls: list[Call], actor: str) -> list[tuple[str, dict[str, Any]]]:
    """The calls that follow a change, comparable across entry points: the actor's private answer and lookups left
    out, message timestamps named by their order of appearance."""
    found: list[tuple[str, dict[str, Any]]] = []
    stamps: dict[str, str] = {}
    for call in calls:
        if call.method in NOT_EFFECTS or (call.method == "chat.postMessage" and call.args.get("channel") == actor):
            continue
        args = {key: value for key, value in copy.deepcopy(call.args).items() if not key.startswith("_")}
        for key in ("ts", "thread_ts"):
            if key in args:
                args[key] = stamps.setdefault(args[key], f"ts#{len(stamps) + 1}")
        found.append((call.method, args))
    return found


def shape(found: list[tuple[str, dict[str, Any]]]) -> list[tuple[str, str | None]]:
    """Which method reached whom, in order: for changes that differ only in their content (a link, a title)."""
    return [(method, args.get("channel") or args.get("user_id")) for method, args in found]


def run(template: str, folder: Path, setup: Callable[[SimulatedWorkspace], object],
        change: Callable[[SimulatedWorkspace], Exchange | list[Call]], actor: str) -> list[tuple[str, dict[str, Any]]]:
    with fresh_workspace(template, folder) as workspace:
        setup(workspace)
        mark = workspace.slack.mark()
        change(workspace)
        return effects(workspace.slack.since(mark), _id(actor))


@pytest.fixture
def same(migrated_template: str, tmp_path: Path) -> Callable[..., list[list[tuple[str, dict[str, Any]]]]]:
    """Run each entry point of one change on its own fresh store; the effects of each, in the order given."""

    def compare(setup: Callable[[SimulatedWorkspace], object], actor: str,
                *entry_points: Callable[[SimulatedWorkspace], object]) -> list[list[tuple[str, dict[str, Any]]]]:
        return [run(migrated_template, tmp_path, setup, entry, actor) for entry in entry_points]

    return compare


def nothing(workspace: SimulatedWorkspace) -> None:
    return None


def an_ask(*options: str) -> Callable[[SimulatedWorkspace], object]:
    def setup(workspace: SimulatedWorkspace) -> None:
        workspace.command(_id("maria"), " ".join(["/ask Landing page for the spring launch", *options]))
    return setup


# --- asks -----------------------------------------------------------------------------------------------------


def test_a_new_ask_has_the_same_effects_from_the_command_the_modal_and_app_home(same):
    def command(ws: SimulatedWorkspace) -> None:
        ws.command(_id("maria"), "/ask Landing page for the spring launch")

    def modal(ws: SimulatedWorkspace) -> None:
        ws.command(_id("maria"), "/ask")
        ws.submit(_id("maria"), title="Landing page for the spring launch")

    def home(ws: SimulatedWorkspace) -> None:
        ws.dispatch(payloads.event({"type": "app_home_opened", "user": _id("maria"), "tab": "home"}), payloads.JSON)
        ws.click(_id("maria"), "New ask")
        ws.submit(_id("maria"), title="Landing page for the spring launch")

    by_command, by_modal, from_home = same(nothing, "maria", command, modal, home)
    assert by_command == by_modal == from_home[1:]  # App Home first shows the Home it was opened on
    assert shape(by_command) == [("chat.postMessage", COLLAB), ("views.publish", _id("maria"))]


def test_the_shortcut_and_a_shadowing_idea_make_a_new_ask_the_same_way(same):
    def command(ws: SimulatedWorkspace) -> None:
        ws.command(_id("maria"), "/ask Landing page for the spring launch")

    def shortcut(ws: SimulatedWorkspace) -> None:
        message = {"type": "message", "ts": "1700000123.000400", "user": _id("sam"),
                   "text": "Landing page for the spring launch"}
        ws.dispatch(payloads.message_shortcut("log_ask", _id("maria"), message, ws.slack.response_url()),
                    payloads.FORM)
        ws.submit(_id("maria"))

    def setup_pair(ws: SimulatedWorkspace) -> None:
        ws.command(_id("maria"), "/shadow join visitor")
        ws.command(_id("ivan"), "/shadow join host")
        ws.command(_id("ivo"), "/shadow run")

    def shadowing_idea(ws: SimulatedWorkspace) -> None:
        [pair_dm] = [c for c in ws.slack.calls_to("chat.postMessage") if "shadows" in c.args.get("text", "")]
        ws.click(_id("maria"), "Done — share learnings", channel=pair_dm.args["channel"])
        ws.submit(_id("maria"), surprise="How releases are planned", idea="Landing page for the spring launch",
                  make_ask="yes")

    by_command, by_shortcut = same(nothing, "maria", command, shortcut)
    assert shape(by_command) == shape(by_shortcut) == [("chat.postMessage", COLLAB), ("views.publish", _id("maria"))]
    [from_idea] = same(setup_pair, "maria", shadowing_idea)
    # the pair's message shown closed where Done was pressed, the learnings in the pair's group DM, then the ask
    closed, learnings, *as_an_ask = from_idea
    assert closed[0] == "chat.update" and "shared the learnings" in closed[1]["text"]
    assert "learned" in learnings[1]["text"] and shape(as_an_ask) == shape(by_command)
    assert "A-1" in as_an_ask[0][1]["text"]


@pytest.mark.parametrize("due_on_the_ask", [True, False], ids=["ask-has-a-due-date", "accept-sets-it"])
def test_accepting_has_the_same_effects_from_the_command_and_the_button(same, due_on_the_ask):
    setup = an_ask(f"due:{DUE.isoformat()}") if due_on_the_ask else an_ask()

    def command(ws: SimulatedWorkspace) -> None:
        ws.command(_id("ivan"), "/ask accept A-1" if due_on_the_ask else f"/ask accept A-1 due:{DUE.isoformat()}")

    def button(ws: SimulatedWorkspace) -> None:
        ws.click(_id("ivan"), "Accept", channel=COLLAB)
        if not due_on_the_ask:  # the button asks for the date in a modal
            ws.submit(_id("ivan"), due=DUE.isoformat())

    by_command, by_button = same(setup, "ivan", command, button)
    assert by_command == by_button
    assert shape(by_command) == [("chat.update", COLLAB), ("chat.postMessage", COLLAB),
                                 ("views.publish", _id("maria")), ("views.publish", _id("ivan")),
                                 ("chat.postMessage", _id("maria"))]  # the requester is told


def test_declining_has_the_same_effects_from_the_command_and_the_modal(same):
    def command(ws: SimulatedWorkspace) -> None:
        ws.command(_id("ivan"), "/ask decline A-1 We have no budget this quarter")

    def modal(ws: SimulatedWorkspace) -> None:
        ws.click(_id("ivan"), "Decline", channel=COLLAB)
        ws.submit(_id("ivan"), reason="We have no budget this quarter")

    by_command, by_modal = same(an_ask(), "ivan", command, modal)
    assert by_command == by_modal
    assert shape(by_command) == [("chat.update", COLLAB), ("chat.postMessage", COLLAB),
                                 ("views.publish", _id("maria")), ("views.publish", _id("ivan")),
                                 ("chat.postMessage", _id("maria"))]  # the requester is told, with the reason


def test_done_has_the_same_effects_from_the_command_and_the_button(same):
    def setup(ws: SimulatedWorkspace) -> None:
        an_ask(f"due:{DUE.isoformat()}")(ws)
        ws.command(_id("ivan"), "/ask accept A-1")

    def command(ws: SimulatedWorkspace) -> None:
        ws.command(_id("ivan"), "/ask done A-1")

    def button(ws: SimulatedWorkspace) -> None:
        ws.click(_id("ivan"), "Done", channel=COLLAB)

    by_command, by_button = same(setup, "ivan", command, button)
    assert by_command == by_button
    assert shape(by_command) == [("chat.update", COLLAB), ("chat.postMessage", COLLAB),
                                 ("views.publish", _id("maria")), ("views.publish", _id("ivan")),
                                 ("chat.postMessage", _id("maria"))]  # the requester is asked to rate it


# --- commitments ----------------------------------------------------------------------------------------------


def test_a_commitment_done_has_the_same_effects_from_the_command_and_the_button(same):
    def setup(ws: SimulatedWorkspace) -> None:
        ws.command(_id("tom"), f"/commit Ship the tracking plan due:{DUE.isoformat()}")
        ws.command(_id("tom"), "/commit list")

    def command(ws: SimulatedWorkspace) -> None:
        ws.command(_id("tom"), "/commit done C-1")

    def button(ws: SimulatedWorkspace) -> None:
        ws.click(_id("tom"), "Done")

    by_command, by_button = same(setup, "tom", command, button)
    assert by_command == by_button == [("views.publish", by_command[0][1])]
    assert by_command[0][1]["user_id"] == _id("tom")


def test_commitments_from_a_sync_outcome_reach_their_owners_homes_as_commit_does(same, clock):
    def by_commit(ws: SimulatedWorkspace) -> None:
        ws.command(_id("tom"), f"/commit Wire CRM events into scoring due:{DUE.isoformat()}")

    def a_meeting_held(ws: SimulatedWorkspace) -> None:
        ws.command(_id("carla"), '/sync schedule "CMO–CIO sync" thu 10:00 with @ivo')
        sync = syncs.get(ws.deps.db, TEAM_ID, 1, ws.deps.clock.now())
        meeting = sync.next_meeting(ws.deps.clock.now())
        ws.deps.clock.set(meeting)  # type: ignore[attr-defined]
        jobs.sync_meeting(sync.id, period_key(meeting))

    def by_outcome(ws: SimulatedWorkspace) -> None:
        ws.click(_id("carla"), "Record outcome")
        ws.submit(_id("carla"), decisions="One scoring model", c1_owner="@tom",
                  c1_text="Wire CRM events into scoring", c1_due=(DUE + timedelta(days=14)).isoformat())

    [from_commit] = same(nothing, "tom", by_commit)
    [from_outcome] = same(a_meeting_held, "carla", by_outcome)
    homes = [args["user_id"] for method, args in from_outcome if method == "views.publish"]
    assert shape(from_commit) == [("views.publish", _id("tom"))]
    assert homes == [_id("carla"), _id("tom")]  # whoever recorded it, and the new commitment's owner


# --- KPIs -----------------------------------------------------------------------------------------------------


def test_a_logged_kpi_value_has_the_same_effects_from_the_command_and_app_home(same):
    def setup(ws: SimulatedWorkspace) -> None:
        ws.command(_id("carla"), '/kpi define mql "Marketing-qualified leads" target:300 owner:marketing')

    def command(ws: SimulatedWorkspace) -> None:
        ws.command(_id("sam"), "/kpi log mql 280")

    def home(ws: SimulatedWorkspace) -> None:
        ws.dispatch(payloads.event({"type": "app_home_opened", "user": _id("sam"), "tab": "home"}), payloads.JSON)
        ws.click(_id("sam"), "Log KPI")
        ws.submit(_id("sam"), kpi="mql", value="280")

    by_command, from_home = same(setup, "sam", command, home)
    assert by_command == from_home[1:]  # App Home first shows the Home it was opened on
    assert shape(by_command) == [("views.publish", _id("sam"))]


# --- what replans the scheduler -------------------------------------------------------------------------------


@pytest.mark.parametrize("lines", [
    ['/sync schedule "CMO–CIO sync" thu 10:00 with @ivo'],
    ["/sync schedule", "submit"],
    ["/sync cancel S-1"],
    ["/shadow config every:2w on:mon at:10:00"],
    ["/alinea pulse config every:4w on:fri at:16:00"],
    ["/digest subscribe"],
    ["/digest config mon 09:00"],
], ids=["sync-command", "sync-modal", "sync-cancel", "shadow-config", "pulse-config", "digest-subscribe",
        "digest-config"])
def test_every_change_to_what_is_scheduled_replans_once(workspace, lines):
    owner = workspace.add_person("olga", tz="America/Mexico_City", is_owner=True)
    workspace.add_person("ivo")
    workspace.command(owner, "/alinea team add @ivo it leader")
    if lines == ["/sync cancel S-1"]:
        workspace.command(owner, '/sync schedule "CMO–CIO sync" thu 10:00 with @ivo')
    replans: list[str] = []
    workspace.deps.on_replan(lambda: replans.append("replan"))
    for line in lines:
        if line == "submit":
            workspace.submit(owner, name="CMO–CIO sync", weekday="3", at="10:00", participants="@ivo")
        else:
            workspace.command(owner, line)
    assert replans == ["replan"]


# --- App Home -------------------------------------------------------------------------------------------------


def test_a_refreshed_home_is_the_home_its_owner_opens(workspace):
    maria = workspace.add_person("maria", tz="America/Mexico_City")
    workspace.command(maria, "/alinea join marketing")
    refreshed = [c for c in workspace.command(maria, "/ask Landing page").calls if c.method == "views.publish"]
    opened = workspace.dispatch(payloads.event({"type": "app_home_opened", "user": maria, "tab": "home"}),
                                payloads.JSON).to("views.publish")
    assert [c.args for c in refreshed] == [c.args for c in opened] and len(opened) == 1
