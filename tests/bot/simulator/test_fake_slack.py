"""The fake Web API behaves like Slack where the tests rely on it: it refuses invalid Block Kit."""

from __future__ import annotations

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient

SECTION = {"type": "section", "text": {"type": "mrkdwn", "text": "hi"}}


def test_valid_messages_are_recorded(slack, client):
    client.chat_postMessage(channel="C1", text="hi", blocks=[SECTION])
    [call] = slack.calls_to("chat.postMessage")
    assert call.args["channel"] == "C1" and call.args["blocks"] == [SECTION] and call.error is None


@pytest.mark.parametrize(
    "blocks",
    [
        [{"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3001}}],  # text over 3,000
        [{"type": "header", "text": {"type": "plain_text", "text": "x" * 151}}],  # header over 150
        [{"type": "no_such_block"}],
        [SECTION] * 51,  # over 50 blocks in a message
        [{"type": "actions", "elements": [{"type": "button", "text": {"type": "plain_text", "text": "x"},
                                           "action_id": "a" * 256}]}],
    ],
)
def test_invalid_blocks_are_refused_as_slack_would(slack, client, blocks):
    with pytest.raises(SlackApiError) as error:
        client.chat_postMessage(channel="C1", text="hi", blocks=blocks)
    assert error.value.response["error"] == "invalid_blocks"
    assert slack.invalid and slack.invalid[0].args["_errors"]


def test_views_are_checked_too(slack, client):
    good = {"type": "modal", "title": {"type": "plain_text", "text": "New ask"}, "blocks": [SECTION]}
    client.views_open(trigger_id="1.1", view=good)
    too_long_title = good | {"title": {"type": "plain_text", "text": "x" * 30}}
    with pytest.raises(SlackApiError):
        client.views_open(trigger_id="1.1", view=too_long_title)
    with pytest.raises(SlackApiError):
        client.views_publish(user_id="U1", view={"type": "home", "blocks": [SECTION] * 101})
    assert len(slack.invalid) == 2


def test_response_urls_are_recorded_and_checked(slack):
    url = slack.response_url()
    assert WebhookClient(url).send(text="ok", blocks=[SECTION]).status_code == 200
    assert WebhookClient(url).send(text="bad", blocks=[{"type": "nope"}]).status_code == 400
    assert [c.error for c in slack.calls_to("response_url")] == [None, "invalid_blocks"]


def test_users_info_answers_for_known_users_only(slack, client):
    slack.add_user("U1", "maria", tz="America/Mexico_City", locale="es-LA", is_admin=True)
    user = client.users_info(user="U1", include_locale=True)["user"]
    assert (user["tz"], user["locale"], user["is_admin"]) == ("America/Mexico_City", "es-LA", True)
    with pytest.raises(SlackApiError) as error:
        client.users_info(user="U404")
    assert error.value.response["error"] == "user_not_found"


def test_failures_can_be_injected(slack, client):
    slack.fail("chat.postMessage", error="channel_not_found")
    with pytest.raises(SlackApiError):
        client.chat_postMessage(channel="C1", text="hi")
    assert client.chat_postMessage(channel="C1", text="hi")["ok"] is True
