"""Which workspace a request or a job is about, and so whose token its Web API calls carry.

Alinea keeps each workspace's records under one key (`workspaces.team_id` in the store): the team ID for an app
installed in one workspace, the org's enterprise ID for an org-wide install on Enterprise Grid (members of every
workspace of the org then share the two sides, the asks and the KPIs). A request's key is read from its payload;
while a listener's work or a job's send runs, `working_for(key)` makes it the current workspace, and the Web API
client uses that workspace's token."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from slack_bolt.request.internals import extract_enterprise_id, extract_is_enterprise_install, extract_team_id

_current: ContextVar[str | None] = ContextVar("alinea_workspace", default=None)


def key_of(payload: dict[str, Any]) -> str:
    """The store key of the workspace a request from Slack is about (`store_key`)."""
    return store_key(extract_enterprise_id(payload), extract_team_id(payload),
                     bool(extract_is_enterprise_install(payload))) or ""


def store_key(enterprise_id: str | None, team_id: str | None, org_wide: bool) -> str | None:
    """The key Alinea keeps a workspace's records under: the org for an org-wide install, else the team."""
    return (enterprise_id if org_wide and enterprise_id else team_id) or None


def current() -> str | None:
    """The workspace the running work is about (None outside of any)."""
    return _current.get()


@contextmanager
def working_for(key: str) -> Iterator[None]:
    """Run the block as work about workspace `key` (its Web API calls carry that workspace's token)."""
    token = _current.set(key)
    try:
        yield
    finally:
        _current.reset(token)
