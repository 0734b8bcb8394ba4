"""One effect per Slack request, and no clash between requests racing for one row. Slack sends the same view twice on
slow answers and double clicks, replays a request it thinks went unanswered, retries events; people press a button
many times at once. Through the real App, from several threads where it matters, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from slack_bolt import BoltRequest
from sqlalchemy import select

from bot.recurrence import period_key
from bot.simulator import payloads
from bot.simulator.workspace import Exchange, SimulatedWorkspace
from bot.syncs import service as syncs
from schedules import jobs, runtime
from storage.models import (
    Ask,
    Commitment,
    DigestSubscriber,
    PulseAnswer,
    ShadowPairing,
    Sync,
    SyncDecision,
    SyncTopic,
)
from tests.helpers import count, rows, seat

TRY_AGAIN = "Something went wrong on our side"
TIMES = 8


@pytest.fixture
def team(workspace, people):
    runtime.install(workspace.deps)
    return seat(workspace, people, {"carla": "marketing leader", "ivo": "it leader", "sam": "marketing",
                                    "maria": "marketing", "ivan": "it"})


def at_once(times: int, send: Callable[[], Exchange]) -> list[Exchange]:
    """`send` from `times` threads at once, as Slack's retries and people's double clicks arrive."""
    with ThreadPoolExecutor(times) as pool:
        return list(pool.map(lambda _n: send(), range(times)))


def twice(workspace: SimulatedWorkspace, body: str, concurrently: bool) -> list[Exchange]:
    if concurrently:
        return at_once(TIMES, lambda: workspace.dispatch(body, payloads.FORM))
    return [workspace.dispatch(body, payloads.FORM) for _ in range(2)]


def answers(exchanges: list[Exchange]) -> str:
    return "\n".join(exchange.reply_text for exchange in exchanges)


# --- the same view submitted more than once -------------------------------------------------------------------


@pytest.mark.parametrize("concurrently", [False, True], ids=["in-sequence", "at-once"])
def test_the_same_new_ask_view_makes_one_ask(workspace, team, concurrently):
    workspace.command(team["sam"], "/ask")
    body = workspace.submission(team["sam"], title="Landing page for the spring launch")
    exchanges = twice(workspace, body, concurrently)
    assert all(exchange.status == 200 for exchange in exchanges)
    assert count(workspace.deps.db, Ask) == 1
    confirmations = workspace.slack.calls_to("chat.postEphemeral")
    assert len(confirmations) == 1 and "A-1" in confirmations[0].args["text"]
    assert len(workspace.slack.history[payloads.DEFAULT_CHANNEL]) == 1  # one card


@pytest.mark.parametrize("concurrently", [False, True], ids=["in-sequence", "at-once"])
def test_the_same_schedule_and_topic_views_make_one_sync_and_one_topic(workspace, team, concurrently):
    workspace.command(team["carla"], "/sync schedule")
    twice(workspace, workspace.submission(team["carla"], name="CMO–CIO", weekday="3", at="10:00",
                                          participants="@ivo"), concurrently)
    assert count(workspace.deps.db, Sync) == 1
    workspace.dispatch(payloads.block_action("sync_add_topic", team["ivo"], workspace.slack.response_url(), value="1"),
                       payloads.FORM)
    twice(workspace, workspace.submission(team["ivo"], topic="Shared lead scoring"), concurrently)
    assert count(workspace.deps.db, SyncTopic) == 1


@pytest.mark.parametrize("concurrently", [False, True], ids=["in-sequence", "at-once"])
def test_the_same_outcome_view_records_its_decisions_and_commitments_once(workspace, team, concurrently):
    workspace.command(team["carla"], '/sync schedule "CMO–CIO" thu 10:00 with @ivo')
    sync = syncs.get(workspace.deps.db, payloads.TEAM_ID, 1, workspace.deps.clock.now())
    meeting = sync.next_meeting(workspace.deps.clock.now())
    workspace.deps.clock.set(meeting)  # type: ignore[attr-defined]
    jobs.sync_meeting(sync.id, period_key(meeting))
    workspace.click(team["carla"], "Record outcome")
    body = workspace.submission(team["carla"], decisions="One scoring model\nMonthly review", c1_owner="@ivan",
                                c1_text="Wire CRM events", c1_due=(meeting + timedelta(days=7)).date().isoformat())
    twice(workspace, body, concurrently)
    assert count(workspace.deps.db, SyncDecision) == 2 and count(workspace.deps.db, Commitment) == 1


@pytest.mark.parametrize("concurrently", [False, True], ids=["in-sequence", "at-once"])
def test_the_same_learnings_view_makes_one_ask_from_one_idea(workspace, team, concurrently):
    workspace.command(team["sam"], "/shadow join visitor")
    workspace.command(team["ivan"], "/shadow join host")
    workspace.command(team["ivo"], "/shadow run")
    [pairing] = rows(workspace.deps.db, ShadowPairing)
    workspace.click(team["sam"], "Done — share learnings", channel=pairing.channel_id)
    body = workspace.submission(team["sam"], surprise="How releases are planned", idea="One intake form",
                                make_ask="yes")
    exchanges = twice(workspace, body, concurrently)
    assert count(workspace.deps.db, Ask) == 1
    assert TRY_AGAIN not in answers(exchanges)


def test_a_refused_view_fixed_and_sent_again_is_taken(workspace, team):
    """Slack keeps a modal's id and hash while its person fixes what was refused: the fixed submission counts."""
    workspace.command(team["sam"], "/ask")
    refused = workspace.submit(team["sam"], title="Landing page", due="2020-01-01")
    assert "errors" in refused.body and count(workspace.deps.db, Ask) == 0
    workspace.submit(team["sam"], title="Landing page")
    assert count(workspace.deps.db, Ask) == 1


# --- a request replayed ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("concurrently", [False, True], ids=["in-sequence", "at-once"])
def test_a_replayed_command_is_answered_once(workspace, team, concurrently):
    url = workspace.slack.response_url()
    body = payloads.slash_command("/ask", "Landing page for the spring launch", team["sam"], url)
    exchanges = twice(workspace, body, concurrently)
    assert all(exchange.status == 200 for exchange in exchanges)
    assert count(workspace.deps.db, Ask) == 1
    assert len(workspace.slack.replies_to(url)) == 1


def test_an_event_retry_is_dropped_when_the_first_delivery_came_and_worked_when_it_did_not(workspace, team):
    def delivery(event_id: str, retry: bool) -> BoltRequest:
        body = payloads.event({"type": "app_home_opened", "user": team["sam"], "tab": "home"}, event_id=event_id)
        headers = payloads.signature_headers(workspace.signing_secret, body) | {"content-type": payloads.JSON}
        if retry:
            headers |= {"x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout"}
        return BoltRequest(body=body, headers={k: [v] for k, v in headers.items()})

    mark = workspace.slack.mark()
    workspace.app.dispatch(delivery("EvCAME", retry=False))
    workspace.app.dispatch(delivery("EvCAME", retry=True))
    assert len([c for c in workspace.slack.since(mark) if c.method == "views.publish"]) == 1
    mark = workspace.slack.mark()
    assert workspace.app.dispatch(delivery("EvLOST", retry=True)).status == 200  # the first never reached us
    assert len([c for c in workspace.slack.since(mark) if c.method == "views.publish"]) == 1


# --- many presses at once --------------------------------------------------------------------------------------


def pressed(workspace: SimulatedWorkspace, times: int, body_for: Callable[[str], str]) -> list[str]:
    """`times` requests at once, each with a response_url of its own; what each was answered, in order."""
    urls = [workspace.slack.response_url() for _ in range(times)]
    with ThreadPoolExecutor(times) as pool:
        list(pool.map(lambda url: workspace.dispatch(body_for(url), payloads.FORM), urls))
    texts = []
    for url in urls:
        replies = workspace.slack.replies_to(url)
        assert len(replies) == 1, (url, replies)  # every press is answered, once
        texts.append(str(replies[0].args.get("text", "")))
    return texts


def test_skip_pressed_many_times_at_once_skips_once(workspace, team):
    workspace.command(team["sam"], "/shadow join visitor")
    workspace.command(team["ivan"], "/shadow join host")
    workspace.command(team["ivo"], "/shadow run")
    [pairing] = rows(workspace.deps.db, ShadowPairing)
    texts = pressed(workspace, TIMES, lambda url: payloads.block_action(
        "shadow_skip", team["sam"], url, value=str(pairing.id), channel_id=pairing.channel_id))
    assert [p.status for p in rows(workspace.deps.db, ShadowPairing)] == ["skipped"]
    assert sum("See you next time" in text for text in texts) == 1
    assert sum("already skipped" in text for text in texts) == TIMES - 1


def test_pulse_presses_at_once_are_each_answered_and_counted_once(workspace, team):
    workspace.command(team["owner"], "/alinea pulse run")
    [question] = [c for c in workspace.slack.calls_to("chat.postMessage") if c.args.get("channel") == team["sam"]]
    round_id = question.args["blocks"][1]["elements"][0]["value"].split(":")[0]
    texts = pressed(workspace, TIMES, lambda url: payloads.block_action(
        "pulse_answer_4", team["sam"], url, value=f"{round_id}:4", channel_id=team["sam"]))
    assert all("Thanks" in text for text in texts), texts
    assert [(a.score, a.side) for a in rows(workspace.deps.db, PulseAnswer)] == [(4, "marketing")]


def test_subscribing_many_times_at_once_subscribes_once(workspace, team):
    texts = pressed(workspace, TIMES, lambda url: payloads.slash_command("/digest", "subscribe", team["carla"], url))
    assert all("You’ll get the weekly digest" in text for text in texts), texts
    with workspace.deps.db.transaction() as session:
        assert list(session.scalars(select(DigestSubscriber.user_id))) == [team["carla"]]


def test_joining_a_side_many_times_at_once_makes_one_member(workspace, people):
    newcomer = workspace.add_person("nora")
    texts = pressed(workspace, TIMES, lambda url: payloads.slash_command("/alinea", "join it", newcomer, url))
    assert all("*IT*" in text for text in texts) and TRY_AGAIN not in "".join(texts)
