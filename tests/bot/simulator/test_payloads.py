"""The payload builders produce what Slack sends: Bolt verifies their signatures and routes each kind
to the right listener with the fields handlers read."""

from __future__ import annotations

import time
from typing import Any

from bot.lexer import tokenize
from bot.simulator import payloads
from bot.simulator.fake_slack import TEAM_ID
from bot.teams.parsing import parse_alinea


def capture(workspace, register) -> list[dict[str, Any]]:
    seen: list[dict[str, Any]] = []
    register(workspace.app, seen)
    return seen


def test_block_actions_reach_action_listeners(workspace):
    def register(app, seen):
        @app.action("probe_button")
        def on_click(ack, body, action):
            ack()
            seen.append({"user": body["user"]["id"], "value": action["value"], "channel": body["channel"]["id"]})

    seen = capture(workspace, register)
    body = payloads.block_action("probe_button", "USAM", workspace.slack.response_url(), value="A-1")
    assert workspace.dispatch(body, payloads.FORM).status == 200
    assert seen == [{"user": "USAM", "value": "A-1", "channel": payloads.DEFAULT_CHANNEL}]


def test_view_submissions_reach_view_listeners_and_can_answer_with_errors(workspace):
    def register(app, seen):
        @app.view("probe_modal")
        def on_submit(ack, view, body):
            seen.append(view["state"]["values"])
            ack(response_action="errors", errors={"title": "Too short"})

    seen = capture(workspace, register)
    values = {"title": {"input": {"type": "plain_text_input", "value": "x"}}}
    exchange = workspace.dispatch(payloads.view_submission("probe_modal", "USAM", values), payloads.FORM)
    assert exchange.status == 200
    assert '"response_action": "errors"' in exchange.response.body
    assert seen == [values]


def test_message_shortcuts_reach_shortcut_listeners(workspace):
    def register(app, seen):
        @app.shortcut("probe_shortcut")
        def on_shortcut(ack, shortcut):
            ack()
            seen.append(shortcut["message"]["text"])

    seen = capture(workspace, register)
    message = {"type": "message", "ts": "1700000000.000200", "text": "Can IT set up the webinar tool?"}
    body = payloads.message_shortcut("probe_shortcut", "USAM", message, workspace.slack.response_url())
    assert workspace.dispatch(body, payloads.FORM).status == 200
    assert seen == ["Can IT set up the webinar tool?"]


def test_events_reach_event_listeners(workspace):
    def register(app, seen):
        @app.event("reaction_added")
        def on_reaction(event, context):
            seen.append((event["user"], context.team_id))

    seen = capture(workspace, register)
    body = payloads.event({"type": "reaction_added", "user": "USAM", "reaction": "tada"})
    assert workspace.dispatch(body, payloads.JSON).status == 200
    assert seen == [("USAM", TEAM_ID)]


def test_a_wrong_secret_or_an_old_timestamp_is_refused_for_every_kind(workspace):
    body = payloads.block_action("probe_button", "USAM", workspace.slack.response_url())
    wrong = payloads.signed_request("not-the-secret", body, payloads.FORM)
    assert workspace.app.dispatch(wrong).status == 401
    assert workspace.dispatch(body, payloads.FORM, timestamp=int(time.time()) - 301).status == 401


def test_mentions_typed_in_the_simulator_are_escaped_like_slack_does(workspace):
    maria = workspace.add_person("maria")
    assert workspace.escape_mentions("add @maria it and @newbie") == f"add <@{maria}|maria> it and <@UNEWBIE|newbie>"
    assert workspace.escape_mentions("already <@U1|x> and mail@example.com") == "already <@U1|x> and mail@example.com"


def test_escaped_mentions_keep_names_with_blanks_whole():
    assert tokenize("team add <@U123|john smith> it") == ["team", "add", "<@U123|john smith>", "it"]
    parsed = parse_alinea("team add <@U123|john smith> it leader")
    assert (parsed.user_id, parsed.side, parsed.leader) == ("U123", "it", True)


def test_empty_quotes_alone_are_help():
    assert parse_alinea('""').kind == "help"
