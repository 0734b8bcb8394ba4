"""Issue 17 (Messages tab): a message typed to the app gets one short reply with what waits for that person and
the commands, in their language; never for the app's own messages, other bots', edits, or a retried event."""

from __future__ import annotations

from bot.simulator import payloads
from tests.helpers import seat


def typed(workspace, user_id: str, text: str = "hola", event_id: str | None = None, **extra):
    inner = {"type": "message", "channel_type": "im", "channel": f"D{user_id}", "user": user_id, "text": text,
             "ts": "1700000001.000100", **extra}
    return workspace.dispatch(payloads.event(inner, event_id=event_id), payloads.JSON)


def replies(workspace, user_id: str) -> list:
    return [c for c in workspace.slack.calls_to("chat.postMessage") if c.args["channel"] == f"D{user_id}"]


def test_a_message_to_the_app_is_answered_once_with_what_waits(workspace, people):
    team = seat(workspace, people, {"sam": "marketing", "ivan": "it"})
    workspace.command(team["sam"], "/ask Landing page to:it")
    workspace.command(team["ivan"], "/commit Ship the tracking pixel due:tomorrow")
    first = typed(workspace, team["ivan"], "hi", event_id="EvDM0001")
    assert first.status == 200
    again = typed(workspace, team["ivan"], "hi", event_id="EvDM0001")  # Slack retrying the same event
    assert again.status == 200
    [reply] = replies(workspace, team["ivan"])
    text = str(reply.args["blocks"])
    assert "Here is what is waiting for you:" in reply.args["text"]
    assert "Asks waiting for your side" in text and "A-1" in text and "Landing page" in text
    assert "Your commitments" in text and "Ship the tracking pixel" in text
    assert "/alinea help" in text


def test_the_reply_is_in_the_persons_language_and_a_newcomer_is_shown_how_to_join(workspace, people):
    typed(workspace, people["maria"], "¿qué tengo pendiente?")  # María's Slack is in Spanish; she has no side
    [reply] = replies(workspace, people["maria"])
    assert reply.args["text"].startswith("Todavía no estás en un lado")


def test_nothing_waiting_says_so(workspace, people):
    team = seat(workspace, people, {"sam": "marketing"})
    typed(workspace, team["sam"])
    [reply] = replies(workspace, team["sam"])
    assert reply.args["text"] == "Nothing is waiting for you right now."


def test_the_apps_own_messages_other_bots_and_edits_get_no_reply(workspace, people):
    team = seat(workspace, people, {"sam": "marketing"})
    typed(workspace, "UALINEABOT")  # the app's own message in a DM (its user in the event's authorizations)
    typed(workspace, team["sam"], bot_id="B0OTHER")  # another bot posting as if for Sam
    typed(workspace, team["sam"], subtype="message_changed")  # an edit
    typed(workspace, team["sam"], channel_type="channel")  # a message in a channel the app is in
    assert workspace.slack.calls_to("chat.postMessage") == []
