"""The fake Web API takes file uploads the way slack_sdk's `files_upload_v2` sends them, as Slack does."""

from __future__ import annotations

from datetime import date
from urllib.error import HTTPError
from urllib.request import Request, urlopen

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.kpis.charts import kpi_chart


@pytest.fixture(scope="module")
def png() -> bytes:
    return kpi_chart([(date(2026, 1, 5), 0.3), (date(2026, 1, 12), 0.45)], 0.4, "Lead conversion", "Target 40%")


def upload_url(client: WebClient) -> tuple[str, str]:
    response = client.files_getUploadURLExternal(filename="kpi.png", length=10)
    return response["file_id"], response["upload_url"]


def post(url: str, body: bytes, content_type: str) -> int:
    with urlopen(Request(url, data=body, headers={"Content-Type": content_type}, method="POST")) as response:
        return response.status


def test_files_upload_v2_uploads_the_bytes_and_shares_them(slack, client, png):
    client.files_upload_v2(
        channel="D123", file=png, filename="kpi.png", title="Lead conversion", initial_comment="This week’s KPI"
    )
    [get_url] = slack.calls_to("files.getUploadURLExternal")
    assert get_url.args["filename"] == "kpi.png" and get_url.args["length"] == str(len(png))
    file_id = get_url.result["file_id"]
    [complete] = slack.calls_to("files.completeUploadExternal")
    assert complete.args["channel_id"] == "D123" and complete.args["initial_comment"] == "This week’s KPI"
    assert complete.args["files"] == [{"id": file_id, "title": "Lead conversion"}]
    assert slack.uploads[file_id] == png


def test_a_multipart_upload_keeps_only_the_file(slack, client, png):
    file_id, url = upload_url(client)
    form = (
        b'--XyZ\r\nContent-Disposition: form-data; name="token"\r\n\r\nxoxb-x\r\n'
        b'--XyZ\r\nContent-Disposition: form-data; name="filename"; filename="kpi.png"\r\n'
        b"Content-Type: image/png\r\n\r\n" + png + b"\r\n--XyZ--\r\n"
    )
    assert post(url, form, "multipart/form-data; boundary=XyZ") == 200
    assert slack.uploads[file_id] == png


def test_a_multipart_upload_without_a_file_is_refused(slack, client):
    file_id, url = upload_url(client)
    form = b'--XyZ\r\nContent-Disposition: form-data; name="token"\r\n\r\nxoxb-x\r\n--XyZ--\r\n'
    with pytest.raises(HTTPError) as raised:
        post(url, form, "multipart/form-data; boundary=XyZ")
    assert raised.value.code == 400 and file_id not in slack.uploads


@pytest.mark.parametrize("args", [{"filename": "kpi.png"}, {"length": "10"}, {"filename": "kpi.png", "length": "x"}])
def test_get_upload_url_needs_a_filename_and_a_length(client, args):
    with pytest.raises(SlackApiError) as raised:
        client.api_call("files.getUploadURLExternal", params=args)
    assert raised.value.response["error"] == "invalid_arguments"


def test_a_shared_file_shows_in_the_conversation_s_history_under_its_name(slack, client, png):
    client.files_upload_v2(channel="D123", file=png, filename="trend.png", title="Trend", initial_comment="See")
    [message] = client.conversations_history(channel="D123")["messages"]
    [shared] = message["files"]
    assert message["text"] == "See" and shared["name"] == "trend.png" and shared["title"] == "Trend"


def test_completing_an_upload_whose_bytes_never_came_is_refused(slack, client):
    file_id, _ = upload_url(client)  # no bytes sent to the URL
    with pytest.raises(SlackApiError) as raised:
        client.files_completeUploadExternal(files=[{"id": file_id, "title": "x"}], channel_id="D123")
    assert raised.value.response["error"] == "file_not_found"
    assert client.conversations_history(channel="D123")["messages"] == []


def test_alt_text_over_slack_s_limit_is_refused(client):
    with pytest.raises(SlackApiError) as raised:
        client.files_getUploadURLExternal(filename="kpi.png", length=10, alt_txt="x" * 1001)
    assert raised.value.response["error"] == "alt_txt_too_large"
