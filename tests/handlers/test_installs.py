"""Installing to many workspaces and whole orgs through OAuth: the install flow end to end against the fake Slack,
each workspace's requests and scheduled sends with its own token, token rotation, uninstalling, an org-wide install
whose members come from two workspaces, and `alinea workspaces`."""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import unquote
from wsgiref.util import setup_testing_defaults

import pytest
from slack_bolt import App

from bot.app import create_app
from bot.cli import main
from bot.clock import FixedClock
from bot.deps import Deps, build_deps
from bot.digest import posts as digest_posts
from bot.installs import listing
from bot.settings import load_settings
from bot.simulator import payloads
from bot.simulator.fake_slack import TEAM_ID, Call, FakeSlack, Installation
from bot.simulator.workspace import SimulatedWorkspace
from bot.web import wsgi_app
from bot.workspace import service as workspace_settings
from bot.workspace.models import SettingsChange, WorkspaceSettings
from schedules import jobs, runtime
from storage.models import Ask, Member, ShadowPairing, Workspace
from tests.helpers import rows

SECRET = "signing-secret-for-installs"
MONDAY_9 = datetime(2026, 11, 30, 9, 0, 30, tzinfo=UTC)  # the Monday after the tests' clock, as digests go out


@dataclass
class Installs:
    slack: FakeSlack
    deps: Deps
    app: App
    clock: FixedClock

    def web(self, path: str, query: str = "", cookie: str | None = None) -> tuple[str, dict[str, str], str]:
        """A browser's GET through the real WSGI application."""
        environ: dict[str, Any] = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query,
                                   "wsgi.input": io.BytesIO(b"")}
        if cookie:
            environ["HTTP_COOKIE"] = cookie
        setup_testing_defaults(environ)
        answer: dict[str, Any] = {}

        def start_response(status: str, headers: list[tuple[str, str]], *_: Any) -> None:
            answer.update(status=status, headers={k.lower(): v for k, v in headers})

        body = b"".join(wsgi_app(self.app, self.deps)(environ, start_response)).decode()
        return answer["status"], answer["headers"], body

    def install(self, code: str, installation: Installation) -> str:
        """An admin opens the install page, follows its link, approves, and Slack sends them back with `code`."""
        self.slack.installable(code, installation)
        status, headers, page = self.web("/slack/install")
        assert status.startswith("200")
        state = re.search(r"state=([^&\"]+)", page)[1]  # type: ignore[index]
        assert f"slack-app-oauth-state={state}" in headers["set-cookie"]
        status, _headers, _page = self.web("/slack/oauth_redirect", f"code={code}&state={state}",
                                           cookie=f"slack-app-oauth-state={state}")
        return status

    def person(self, user_id: str, team_id: str, **profile: Any) -> str:
        self.slack.add_user(user_id, user_id.lower(), **profile)
        self.slack.users[user_id]["team_id"] = team_id
        return user_id

    def command(self, user_id: str, line: str, team_id: str, org: str | None = None) -> list[Call]:
        command, _, text = line.partition(" ")
        mark = self.slack.mark()
        body = payloads.slash_command(command, text, user_id, self.slack.response_url(), team_id=team_id, org=org)
        response = self.app.dispatch(payloads.signed_request(SECRET, body, payloads.FORM))
        assert response.status == 200, response.body
        return self.slack.since(mark)

    def event(self, inner: dict[str, Any], team_id: str, org: str | None = None) -> None:
        response = self.app.dispatch(payloads.signed_request(SECRET, payloads.event(inner, team_id=team_id, org=org),
                                                             "application/json"))
        assert response.status == 200, response.body


def tokens(calls: list[Call]) -> set[str | None]:
    """The tokens the Web API calls among `calls` carried (posts to a response_url carry none)."""
    return {call.token for call in calls if call.method != "response_url"}


def replies(calls: list[Call]) -> str:
    return " ".join(str(call.args.get("text", "")) for call in calls if call.method == "response_url")


@pytest.fixture
def installs(database_url: str, clock: FixedClock) -> Iterator[Installs]:
    slack = FakeSlack()
    settings = load_settings(slack_client_id="111.222", slack_client_secret="client-secret",
                             slack_state_secret="state-secret", slack_signing_secret=SECRET,
                             slack_api_url=slack.api_url, database_url=database_url)
    deps = build_deps(settings, clock=clock, inline=True)
    deps.db.prepare()
    yield Installs(slack, deps, create_app(deps), clock)
    slack.close()
    deps.db.dispose()


def test_the_install_page_links_to_slack_and_a_forged_state_installs_nothing(installs: Installs) -> None:
    status, headers, page = installs.web("/slack/install")
    assert status.startswith("200") and "text/html" in headers["content-type"]
    link = html.unescape(re.search(r'<a href="([^"]+)"', page)[1])  # type: ignore[index]
    assert link.startswith("https://slack.com/oauth/v2/authorize?") and "client_id=111.222" in link
    assert "scope=" in link and "commands" in link and "chat:write" in unquote(link)
    installs.slack.installable("code-1", Installation("T1", "xoxb-t1"))
    forged = "0123456789abcdef.0123456789abcdef0123456789abcdef"
    status, _headers, _page = installs.web("/slack/oauth_redirect", f"code=code-1&state={forged}",
                                           cookie=f"slack-app-oauth-state={forged}")
    assert not status.startswith("200")
    assert not installs.slack.calls_to("oauth.v2.access")
    assert rows(installs.deps.db, Workspace) == []


def test_two_workspaces_each_get_their_own_token_in_requests_and_in_the_weekly_digest(installs: Installs) -> None:
    assert installs.install("code-1", Installation("T1", "xoxb-t1")).startswith("200")
    assert installs.install("code-2", Installation("T2", "xoxb-t2")).startswith("200")
    assert {w.team_id for w in listing(installs.deps.db) if w.installed_at} == {"T1", "T2"}
    ana = installs.person("UANA", "T1", is_admin=True)
    ben = installs.person("UBEN", "T2", is_admin=True)
    for user, team in ((ana, "T1"), (ben, "T2")):
        calls = installs.command(user, "/alinea join marketing", team)
        assert "marketing" in replies(calls).lower()
        calls = installs.command(user, "/digest subscribe", team) + installs.command(
            user, "/digest config mon 09:00 tz:UTC", team)
        calls += installs.command(user, "/ask Landing page copy", team)
        assert tokens(calls) == {f"xoxb-{team.lower()}"}  # users.info, the card: all with the workspace's token
    installs.clock.set(MONDAY_9)
    mark = installs.slack.mark()
    assert digest_posts.send_due(installs.deps, installs.clock.now()) == 2
    sent = {call.args["channel"]: call.token for call in installs.slack.since(mark)
            if call.method == "chat.postMessage"}
    assert sent == {ana: "xoxb-t1", ben: "xoxb-t2"}


def test_uninstalling_stops_that_workspace_and_keeps_its_records(installs: Installs) -> None:
    for code, team in (("code-1", "T1"), ("code-2", "T2")):
        installs.install(code, Installation(team, f"xoxb-{team.lower()}"))
        admin = installs.person(f"UADMIN{team}", team, is_admin=True)
        installs.command(admin, "/alinea join it", team)
        installs.command(admin, "/digest subscribe", team)
        installs.command(admin, "/digest config mon 09:00 tz:UTC", team)
    installs.event({"type": "app_uninstalled"}, "T1")
    installs.clock.set(MONDAY_9)
    mark = installs.slack.mark()
    assert digest_posts.send_due(installs.deps, installs.clock.now()) == 1
    assert {c.args["channel"] for c in installs.slack.since(mark) if c.method == "chat.postMessage"} == {"UADMINT2"}
    gone = {w.team_id: w for w in listing(installs.deps.db)}["T1"]
    assert gone.uninstalled_at is not None
    assert installs.deps.installs.store.find_bot(enterprise_id=None, team_id="T1") is None  # type: ignore[union-attr]
    assert len(rows(installs.deps.db, Member)) == 2  # T1's people are still on their side
    installs.event({"type": "app_uninstalled"}, "T1")  # Slack's second delivery changes nothing
    assert installs.install("code-1", Installation("T1", "xoxb-t1-again")).startswith("200")  # installed again
    installs.clock.set(MONDAY_9 + timedelta(weeks=1))
    assert digest_posts.send_due(installs.deps, installs.clock.now()) == 2


def test_tokens_revoked_for_the_bot_stops_the_workspace_but_not_for_a_person(installs: Installs) -> None:
    installs.install("code-1", Installation("T1", "xoxb-t1"))
    installs.event({"type": "tokens_revoked", "tokens": {"oauth": ["UANA"]}}, "T1")
    assert installs.deps.installs.active("T1")
    installs.event({"type": "tokens_revoked", "tokens": {"bot": ["UALINEABOT"]}}, "T1")
    assert not installs.deps.installs.active("T1")


def test_a_token_about_to_expire_is_rotated_before_it_is_used(installs: Installs) -> None:
    installs.install("code-1", Installation("T1", "xoxb-t1", expires_in=600))  # within Bolt's 2 hours
    ana = installs.person("UANA", "T1")
    calls = installs.command(ana, "/alinea join it", "T1")
    refreshed = [c for c in installs.slack.calls if c.method == "oauth.v2.access"
                 and c.args.get("grant_type") == "refresh_token"]
    assert refreshed
    used = tokens(calls) - {None}
    assert used and all(token.startswith("xoxe.xoxb-") for token in used)  # the rotated token, never the old one
    bot = installs.deps.installs.store.find_bot(enterprise_id=None, team_id="T1")  # type: ignore[union-attr]
    assert bot is not None and bot.bot_token in used


def test_an_org_wide_install_joins_members_of_two_workspaces_on_the_same_sides(installs: Installs) -> None:
    assert installs.install("code-org", Installation(None, "xoxb-org", enterprise_id="E1",
                                                     org_wide=True)).startswith("200")
    maya = installs.person("UMAYA", "T1MKT")  # marketing's workspace
    ivan = installs.person("UIVAN", "T2IT")  # IT's workspace, same org
    installs.command(maya, "/alinea join marketing", "T1MKT", org="E1")
    installs.command(ivan, "/alinea join it", "T2IT", org="E1")
    asked = installs.command(maya, "/ask Tracking pixel on the pricing page", "T1MKT", org="E1")
    assert "A-1" in replies(asked)
    accepted = installs.command(ivan, "/ask accept A-1 due:fri", "T2IT", org="E1")
    assert "A-1" in replies(accepted) and "accepted" in replies(accepted).lower()
    assert tokens(asked + accepted) == {"xoxb-org"}
    (org,) = rows(installs.deps.db, Workspace)
    assert (org.team_id, org.org_wide) == ("E1", True)
    (ask,) = rows(installs.deps.db, Ask)
    assert (ask.requester_id, ask.owner_id, ask.status) == (maya, ivan, "accepted")


def test_alinea_workspaces_lists_installs_and_forgets_one_after_confirmation(
        installs: Installs, database_url: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    installs.install("code-1", Installation("T1", "xoxb-t1"))
    installs.install("code-2", Installation("T2", "xoxb-t2"))
    installs.command(installs.person("UANA", "T1"), "/alinea join it", "T1")
    installs.event({"type": "app_uninstalled"}, "T1")
    monkeypatch.setenv("DATABASE_URL", database_url)
    assert main(["workspaces"]) == 0
    listed = capsys.readouterr().out
    assert re.search(r"T1\s+workspace\s+uninstalled", listed) and re.search(r"T2\s+workspace\s+installed", listed)
    monkeypatch.setattr("builtins.input", lambda _prompt: "T2?")
    assert main(["workspaces", "forget", "T1"]) == 1  # not confirmed: nothing deleted
    assert len(rows(installs.deps.db, Member)) == 1
    monkeypatch.setattr("builtins.input", lambda _prompt: "T1")
    assert main(["workspaces", "forget", "T1"]) == 0
    assert [w.team_id for w in rows(installs.deps.db, Workspace)] == ["T2"]
    assert rows(installs.deps.db, Member) == []
    assert installs.deps.installs.store.find_bot(enterprise_id=None, team_id="T2") is not None  # type: ignore[union-attr]
    capsys.readouterr()
    assert main(["workspaces", "forget", "T9", "--yes"]) == 1
    assert "no workspace T9" in capsys.readouterr().err


def test_org_wide_cards_go_to_the_org_channel_else_to_each_sides_own(installs: Installs) -> None:
    installs.install("code-org", Installation(None, "xoxb-org", enterprise_id="E1", org_wide=True))
    admin = installs.person("UADMIN", "T1MKT", is_admin=True)
    maya = installs.person("UMAYA", "T1MKT")
    ivan = installs.person("UIVAN", "T2IT")
    installs.command(admin, "/alinea join marketing", "T1MKT", org="E1")
    installs.command(maya, "/alinea join marketing", "T1MKT", org="E1")
    installs.command(ivan, "/alinea join it", "T2IT", org="E1")
    shown = installs.command(admin, "/alinea settings", "T1MKT", org="E1")
    assert "Marketing's own channel" in str([c.args for c in shown if c.method == "response_url"])
    actor = installs.deps.directory.actor("E1", admin)  # the settings as the modal stores them
    workspace_settings.change(installs.deps.db, actor, SettingsChange(workspace=WorkspaceSettings(
        channel="CCOLLAB", marketing_channel="CMKT", it_channel="CIT")), installs.deps.settings, installs.clock.now())
    installs.deps.forget_workspace("E1")
    installs.slack.channels["CCOLLAB"] = {"context_team_id": "T1MKT", "shared_team_ids": ["T1MKT"]}  # T1's only

    def card_channel(calls: list[Call]) -> str:
        (card,) = [c for c in calls if c.method == "chat.postMessage" and str(c.args.get("channel", "")).startswith("C")]
        return str(card.args["channel"])

    assert card_channel(installs.command(maya, "/ask Pricing page copy", "T1MKT", org="E1")) == "CCOLLAB"
    assert card_channel(installs.command(ivan, "/ask Campaign calendar access", "T2IT", org="E1")) == "CIT"
    installs.slack.channels["CCOLLAB"] = {"is_org_shared": True}
    installs.clock.set(installs.clock.now() + timedelta(hours=2))  # what Slack says of a channel is read again
    assert card_channel(installs.command(ivan, "/ask Staging access", "T2IT", org="E1")) == "CCOLLAB"


def test_with_one_bot_token_an_uninstalled_workspace_is_served_again_when_run_with_its_new_token(
        workspace: SimulatedWorkspace) -> None:
    workspace.dispatch(payloads.event({"type": "app_uninstalled"}), "application/json")
    assert not workspace.deps.installs.active(TEAM_ID)
    workspace.deps.installs.serving_the_token(workspace.deps.client.auth_test().data)  # what `alinea run` does
    assert workspace.deps.installs.active(TEAM_ID)


def test_an_org_wide_rotation_pairs_people_of_two_workspaces_with_the_orgs_token(installs: Installs) -> None:
    installs.install("code-org", Installation(None, "xoxb-org", enterprise_id="E1", org_wide=True))
    maya = installs.person("UMAYA", "T1MKT")
    ivan = installs.person("UIVAN", "T2IT", is_admin=True)
    for user, team, side in ((maya, "T1MKT", "marketing"), (ivan, "T2IT", "it")):
        installs.command(user, f"/alinea join {side}", team, org="E1")
        installs.command(user, "/shadow join", team, org="E1")
    runtime.install(installs.deps)
    mark = installs.slack.mark()
    jobs.rotation_round("E1", "2026-11-30T10:00:00+00:00")  # what the scheduler runs at the round's time
    [pairing] = rows(installs.deps.db, ShadowPairing)
    assert {pairing.host_id, pairing.visitor_id} == {maya, ivan}
    calls = installs.slack.since(mark)
    opened = [c for c in calls if c.method == "conversations.open"]
    assert opened and set(str(opened[0].args["users"]).split(",")) == {maya, ivan}  # one group DM across workspaces
    assert tokens(calls) == {"xoxb-org"}
    installs.event({"type": "app_uninstalled"}, "T1MKT", org="E1")  # removed from the org: it is the org that goes
    assert not installs.deps.installs.active("E1")
    assert installs.deps.installs.store.find_bot(enterprise_id="E1", team_id=None,  # type: ignore[union-attr]
                                                 is_enterprise_install=True) is None
    mark = installs.slack.mark()
    jobs.rotation_round("E1", "2026-12-14T10:00:00+00:00")
    assert installs.slack.since(mark) == [] and len(rows(installs.deps.db, ShadowPairing)) == 1
