"""The Web API client every listener, job and delivery uses (`Deps.client`, built by `bot.deps.web_client`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient
from slack_sdk.web import SlackResponse

from bot.pacing import Pacer
from bot.workspaces import current


class PacedWebClient(WebClient):
    """A `WebClient` whose every Web API method (they all go through `api_call`) first waits its turn with its
    `pacer`, so fan-outs stay within Slack's rate limits (`bot.pacing`). Uploads to a file's upload URL and posts to
    a response_url are not Web API methods and are not paced."""

    def __init__(self, *args: Any, pacer: Pacer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pacer = pacer
        # With OAuth: the bot token of a workspace (`bot.installs.Installs.token`). A call made as work about a
        # workspace (`bot.workspaces.current()`) carries that workspace's token, unless it names its own (a workflow
        # step's token) or authenticates otherwise (`oauth.v2.access`). None: the client's one token, for everything.
        self.tokens: Callable[[str], str] | None = None

    def api_call(self, api_method: str, *, http_verb: str = "POST", files: dict | None = None,
                 data: dict | None = None, params: dict | None = None, json: dict | None = None,
                 headers: dict | None = None, auth: dict | None = None) -> SlackResponse:
        workspace = current()
        if self.tokens is not None and workspace is not None and auth is None and not _names_token(json, data, params):
            params = {**(params or {}), "token": self.tokens(workspace)}  # sent as the Authorization header
        self.pacer.wait(api_method, channel=_channel(json, data, params))
        return super().api_call(api_method, http_verb=http_verb, files=files, data=data, params=params, json=json,
                                headers=headers, auth=auth)


def _names_token(*arguments: dict | None) -> bool:
    return any(given and given.get("token") for given in arguments)


def _channel(*arguments: dict | None) -> str | None:
    """The conversation a call names (`channel`), wherever its arguments travel: JSON body, form or query."""
    for given in arguments:
        if given and given.get("channel"):
            return str(given["channel"])
    return None
