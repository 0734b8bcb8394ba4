"""The **Log an ask** Workflow Builder step (`function_executed`), through the real App against the fake Slack: the ask
`/ask` would make, its card, and the step ended through the Web API with the function's own token."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from bot.clock import FixedClock
from bot.ids import Function
from bot.simulator import payloads
from bot.simulator.fake_slack import Call
from bot.simulator.workspace import Exchange, SimulatedWorkspace
from storage.models import Ask, AuditEntry
from tests.conftest import NOW, empty_store
from tests.helpers import count, rows, seat, simulated_workspace

COLLAB = "CALIGN01"  # ALINEA_CHANNEL, where a step's ask is posted
TOKEN = "xwfp-step-token"  # the function's bot_access_token in the event


@pytest.fixture
def workspace(database_url: str, clock: FixedClock) -> Iterator[SimulatedWorkspace]:
    """The real App with a fake Slack and a collaboration channel (a step is typed in no channel of its own)."""
    yield from simulated_workspace(database_url, clock, alinea_timezone="America/Mexico_City", alinea_channel=COLLAB)


@pytest.fixture
def team(workspace: SimulatedWorkspace, people: dict[str, str]) -> dict[str, str]:
    """María (who reads Spanish) and Sam in marketing; Iván in IT. Olga, the owner, is on no side."""
    return seat(workspace, people, {"maria": "mkt", "sam": "marketing", "ivan": "it"})


@pytest.fixture
def tokens(workspace: SimulatedWorkspace, monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str | None]]:
    """The token each Web API call was given explicitly (None: the client's own), by method."""
    seen: dict[str, list[str | None]] = {}
    client = workspace.deps.client
    original = client.api_call

    def api_call(api_method: str, **kwargs: Any) -> Any:
        seen.setdefault(api_method, []).append((kwargs.get("params") or {}).get("token"))
        return original(api_method, **kwargs)

    monkeypatch.setattr(client, "api_call", api_call)
    return seen


def step(**inputs: object) -> str:
    """The body of a workflow running the Log an ask step with these inputs."""
    return payloads.function_executed(Function.LOG_ASK, dict(inputs), function_execution_id="FxSTEP1",
                                      bot_access_token=TOKEN)


def run(workspace: SimulatedWorkspace, body: str) -> Exchange:
    return workspace.dispatch(body, payloads.JSON)


def asks(workspace: SimulatedWorkspace) -> list[Ask]:
    return rows(workspace.deps.db, Ask, order_by=Ask.number)


def outputs(call: Call) -> dict[str, Any]:
    return json.loads(call.args["outputs"])


def cards(exchange: Exchange) -> list[Call]:
    return [call for call in exchange.to("chat.postMessage") if call.args.get("channel") == COLLAB]


def test_the_step_logs_the_ask_posts_its_card_and_ends_with_its_id_and_link(workspace, team, tokens):
    exchange = run(workspace, step(requester=team["sam"], title="Landing page for the spring launch",
                                   details="Hero image & <form>", due_date="2026-12-04", priority="high",
                                   category="martech"))
    assert exchange.status == 200
    [ask] = asks(workspace)
    assert (ask.number, ask.requester_id, ask.from_side, ask.to_side, ask.status, ask.source) == (
        1, team["sam"], "marketing", "it", "open", "workflow")
    assert (ask.title, ask.details, str(ask.due_date), ask.priority, ask.category) == (
        "Landing page for the spring launch", "Hero image &amp; &lt;form&gt;", "2026-12-04", "high", "martech")
    [card] = cards(exchange)  # the same card `/ask` posts
    assert "A-1" in card.args["text"] and (ask.channel_id, ask.message_ts) == (COLLAB, card.result["ts"])
    [done] = exchange.to("functions.completeSuccess")
    link = f"https://alinea-sample.slack.com/archives/{COLLAB}/p{card.result['ts'].replace('.', '')}"
    assert outputs(done) == {"reference": "A-1", "link": link}
    assert done.args["function_execution_id"] == "FxSTEP1"
    assert tokens["functions.completeSuccess"] == [TOKEN]  # the function's token, not the bot's
    assert exchange.to("functions.completeError") == [] and exchange.replies == []


def test_the_step_does_what_follows_a_new_ask_as_ask_does(migrated_template, tmp_path):
    """The same card, Homes and messages as `/ask` typed by the requester: only the private answer differs (the
    command's reply, the step's end)."""
    private = {"response_url", "functions.completeSuccess", "users.info", "chat.getPermalink", "auth.test"}

    def effects(number: int, change: Callable[[SimulatedWorkspace, str], object]) -> list[tuple[str, dict[str, Any]]]:
        url = empty_store(migrated_template, tmp_path / f"store-{number}.db")
        with contextmanager(simulated_workspace)(url, FixedClock(NOW), alinea_timezone="America/Mexico_City",
                                                 alinea_channel=COLLAB) as workspace:
            sam = workspace.add_person("sam", tz="America/Mexico_City")
            workspace.command(sam, "/alinea join marketing")
            mark = workspace.slack.mark()
            change(workspace, sam)
            return [(call.method, {k: v for k, v in call.args.items() if k not in {"ts", "thread_ts"}})
                    for call in workspace.slack.since(mark) if call.method not in private]

    typed = effects(1, lambda ws, sam: ws.command(sam, "/ask Landing page due:2026-12-04 !high #martech"))
    stepped = effects(2, lambda ws, sam: run(ws, step(requester=sam, title="Landing page", due_date="2026-12-04",
                                                      priority="high", category="martech")))
    assert stepped == typed and [method for method, _args in typed].count("chat.postMessage") == 1


def test_optional_inputs_may_be_left_out_or_empty(workspace, team):
    run(workspace, step(requester=team["ivan"], title="  Track the   launch  \n  signups "))
    run(workspace, step(requester=team["ivan"], title="Second", details="", due_date="", priority="", category=""))
    first, second = asks(workspace)
    assert (first.title, first.to_side, first.details, first.due_date, first.priority, first.category) == (
        "Track the launch signups", "marketing", None, None, "normal", None)  # a title is one line
    assert (second.details, second.due_date, second.priority, second.category) == (None, None, "normal", None)


def test_priorities_and_categories_read_as_ask_reads_them(workspace, team):
    run(workspace, step(requester=team["maria"], title="App", priority="Alta", category="Móvil"))
    run(workspace, step(requester=team["maria"], title="Web", priority="!urgent", category="#Digital media"))
    assert [(a.priority, a.category) for a in asks(workspace)] == [("high", "mobile"), ("urgent", "digital-media")]


def test_the_same_event_delivered_twice_logs_one_ask_and_ends_the_step_once(workspace, team, tokens):
    body = step(requester=team["sam"], title="Landing page")
    first, again = run(workspace, body), run(workspace, body)
    assert (first.status, again.status) == (200, 200)
    assert len(asks(workspace)) == 1
    assert len(cards(first)) == 1 and again.calls == []
    assert tokens["functions.completeSuccess"] == [TOKEN]


def test_without_a_collaboration_channel_the_ask_has_no_card_and_the_link_is_empty(database_url, clock):
    workspace = SimulatedWorkspace(database_url, clock=clock)
    try:
        it = workspace.add_person("ivan")
        workspace.command(it, "/alinea join it")
        exchange = run(workspace, step(requester=it, title="Brief for the data team"))
        [ask] = asks(workspace)
        assert (ask.channel_id, ask.to_side) == (None, "marketing")
        assert exchange.to("chat.postMessage") == []
        [done] = exchange.to("functions.completeSuccess")
        assert outputs(done) == {"reference": "A-1", "link": ""}
    finally:
        workspace.close()


@pytest.mark.parametrize(
    ("inputs", "problem"),
    [
        ({"requester": "owner"}, "olga is not on a side, marketing or IT, so no ask can come from them."),
        ({"requester": ""}, "The “Requester” input is empty"),
        ({"requester": "someone"}, "The “Requester” input, someone, is not a person in Slack"),
        ({"title": "   "}, "The “Title” input is empty: an ask needs a title."),
        ({"title": "x" * 151}, "The “Title” input has 151 characters; keep it to 150"),
        ({"details": "y" * 3001}, "The “Details” input has 3001 characters; keep it to 3000."),
        ({"priority": "asap"}, "The “Priority” input, asap, is not a priority. Use low, normal, high or urgent"),
        ({"category": "sales"}, "The “Category” input, sales, is not a category. Use one of: acquisition, retention"),
        ({"due_date": "2026-11-01"}, "The “Due date” input, 2026-11-01, is in the past."),
        ({"due_date": "next week"}, "The “Due date” input, next week, is not a date."),
        ({"due_date": "2040-01-01"}, "2040-01-01, is too far ahead: due dates go from today to 2031-11-25."),
    ],
    ids=["no side", "no requester", "not a person", "empty title", "long title", "long details", "priority",
         "category", "past", "not a date", "too far"],
)
def test_bad_input_ends_the_step_with_what_was_wrong_and_logs_nothing(workspace, team, tokens, inputs, problem):
    given = {"requester": team["sam"], "title": "Landing page"} | inputs
    given["requester"] = team.get(given["requester"], given["requester"])
    before = count(workspace.deps.db, AuditEntry)
    exchange = run(workspace, step(**given))
    assert exchange.status == 200
    [failed] = exchange.to("functions.completeError")
    assert failed.args["error"].startswith("Alinea did not log the ask. ") and problem in failed.args["error"]
    assert "`" not in failed.args["error"] and "<@" not in failed.args["error"]  # plain text
    assert (failed.args["function_execution_id"], tokens["functions.completeError"]) == ("FxSTEP1", [TOKEN])
    assert asks(workspace) == [] and count(workspace.deps.db, AuditEntry) == before
    assert exchange.to("functions.completeSuccess") == [] and exchange.to("chat.postMessage") == []


@pytest.mark.parametrize("inputs", [["not", "an", "object"], {"requester": {"id": "USAM"}, "title": ["a"]}, None],
                         ids=["a list", "objects", "none"])
def test_inputs_of_the_wrong_shape_end_the_step_cleanly(workspace, team, inputs):
    body = json.loads(step())
    body["event"]["inputs"] = inputs
    exchange = run(workspace, json.dumps(body))
    assert exchange.status == 200
    [failed] = exchange.to("functions.completeError")
    assert "The “Requester” input is empty" in failed.args["error"] and asks(workspace) == []


def test_a_spanish_requester_is_told_in_spanish(workspace, team):
    exchange = run(workspace, step(requester=team["maria"], title="App", priority="asap"))
    [failed] = exchange.to("functions.completeError")
    assert failed.args["error"] == (
        "Alinea no registró la solicitud. La entrada “Priority” (prioridad), asap, no es una prioridad. Usa low, "
        "normal, high o urgent (o baja, alta, urgente), o déjala vacía para normal.")
    exchange = run(workspace, step(requester=team["maria"], title="App", category="ventas"))
    [failed] = exchange.to("functions.completeError")
    assert "“Category” (categoría), ventas, no es una categoría. Usa una de estas: adquisición, retención" in (
        failed.args["error"])
    assert asks(workspace) == []


def test_an_unexpected_failure_before_the_ask_is_logged_ends_the_step_and_logs_nothing(workspace, team,
                                                                                       monkeypatch, caplog):
    from bot.asks import service

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the store fell over")

    monkeypatch.setattr(service, "create", broken)
    exchange = run(workspace, step(requester=team["sam"], title="Landing page"))
    [failed] = exchange.to("functions.completeError")
    assert "unexpected problem, and nothing was logged" in failed.args["error"]
    assert asks(workspace) == [] and exchange.to("functions.completeSuccess") == []
    assert "could not log its ask" in caplog.text


def test_a_failure_after_the_ask_is_logged_is_finished_later_once(workspace, team, clock, tokens):
    """Ending the step fails once Slack has the card: the requester hears the ask is saved, and the retry (which
    another process could make) ends the step without a second ask or card."""
    from handlers.intake import RETRY_AFTER, resume

    workspace.slack.fail("functions.completeSuccess", error="internal_error")
    exchange = run(workspace, step(requester=team["sam"], title="Landing page"))
    [card] = cards(exchange)
    [told] = [call for call in exchange.to("chat.postMessage") if call.args["channel"] == team["sam"]]
    assert "*A-1* is saved, but something that should follow it went wrong" in told.args["text"]
    clock.advance(RETRY_AFTER[0])
    mark = workspace.slack.mark()
    assert resume(workspace.deps, clock.now()) == 1
    later = Exchange(None, workspace.slack.since(mark))
    [done] = later.to("functions.completeSuccess")
    link = f"https://alinea-sample.slack.com/archives/{COLLAB}/p{card.result['ts'].replace('.', '')}"
    assert outputs(done) == {"reference": "A-1", "link": link}
    assert len(asks(workspace)) == 1 and cards(later) == []  # the card was found, not posted again
    assert tokens["functions.completeSuccess"] == [TOKEN, TOKEN]
    assert resume(workspace.deps, clock.now() + RETRY_AFTER[-1] * 2) == 0


def test_a_step_that_is_over_already_is_left_alone(workspace, team, clock):
    """Slack says the step was completed (by an attempt whose answer was lost) or timed out: nothing to retry."""
    from handlers.intake import RETRY_AFTER, resume

    workspace.slack.fail("functions.completeSuccess", error="execution_not_in_running_state")
    exchange = run(workspace, step(requester=team["sam"], title="Landing page"))
    assert len(asks(workspace)) == 1 and len(exchange.to("functions.completeSuccess")) == 1
    assert [call for call in exchange.to("chat.postMessage") if call.args["channel"] == team["sam"]] == []
    assert resume(workspace.deps, clock.now() + RETRY_AFTER[-1] * 2) == 0
