"""Broadcasts and disguised links typed anywhere never reach Slack live (issue 14).

Slack sends a typed `@channel` as `<!channel>`, a user group as `<!subteam^S1|@all>`, a link as `<url|label>`. Each
of them goes into every command, modal field and button of the app; the scheduled sends then run with a fixed clock;
every Web API call the bot made, and every answer through a response_url, must carry none of them live: they show
as text (`@channel`, `@all`) and a link shows its address. On SQLite, and on PostgreSQL with DATABASE_URL."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest

from bot.digest import posts as digest_posts
from bot.inputs import escape_mrkdwn
from bot.recurrence import period_key
from bot.simulator import payloads
from bot.simulator.fake_slack import Call
from bot.simulator.workspace import SimulatedWorkspace
from bot.syncs import service as syncs
from schedules import jobs, runtime
from storage.models import ShadowPairing
from tests.helpers import rows, seat

# What is typed (as Slack sends it) → how it must read (as text) → what must never be in a rendered string.
HOSTILE = {
    "<!channel>": ("@channel", "<!channel"),
    "<!here>": ("@here", "<!here"),
    "<!everyone>": ("@everyone", "<!everyone"),
    "<!subteam^S1|@all>": ("@all", "<!subteam"),
    "<https://evil.example|click>": ("<https://evil.example>", "<https://evil.example|"),
}
# Keys whose values Slack never renders as mrkdwn: identifiers, values sent back to the app, typed inputs' text.
NOT_RENDERED = {"private_metadata", "value", "initial_value", "metadata", "action_id", "block_id", "callback_id",
                "channel", "user", "users", "ts", "trigger_id", "view_id", "hash", "external_id", "filename"}


def rendered(node: Any) -> list[str]:
    """Every string of a call that Slack shows as mrkdwn (plain_text objects never notify or link)."""
    if isinstance(node, dict):
        if node.get("type") == "plain_text":
            return []
        return [text for key, value in node.items() if key not in NOT_RENDERED for text in rendered(value)]
    if isinstance(node, list):
        return [text for item in node for text in rendered(item)]
    return [node] if isinstance(node, str) else []


def live(calls: list[Call], marker: str) -> list[str]:
    """The calls (method: text) in which `marker` is live."""
    return [f"{call.method}: {text[:200]}" for call in calls for text in rendered(call.args) if marker in text]


def play(ws: SimulatedWorkspace, people: dict[str, str], clock: Any, typed: str) -> None:
    """`typed` in every text the app takes, through commands, modals and buttons; then every scheduled send."""
    seat(ws, people, {"olga": "it leader", "adam": "marketing leader", "sam": "marketing", "ivan": "it",
                      "maria": "mkt", "ines": "it"})
    runtime.install(ws.deps)
    olga, adam, sam, ivan, maria = (people[n] for n in ("owner", "admin", "sam", "ivan", "maria"))
    home = {"type": "app_home_opened", "tab": "home"}

    # asks: by command, by modal, accepted, declined by button and modal, done, rated
    ws.command(sam, f"/ask Fix the pricing page {typed} due:+3d @ivan")
    ws.command(sam, "/ask")
    ws.submit(sam, title=f"Title {typed}", details=f"Details {typed}")
    ws.command(maria, f"/ask Third {typed}")
    ws.click(ivan, "Decline")  # on A-3's card, the newest
    ws.submit(ivan, reason=f"Out of scope {typed}")
    ws.command(ivan, "/ask accept A-1")
    ws.command(ivan, f"/ask decline A-2 Not now {typed}")
    ws.command(ivan, f"/ask done A-1 Shipped {typed}")
    ws.click(sam, "5")  # the rating DM
    for line in ("/ask list all", "/ask show A-1", "/ask show A-2", "/ask show A-3"):
        ws.command(sam, line)

    # commitments
    ws.command(ivan, f"/commit Ship the tracking plan {typed} due:fri")
    ws.command(ivan, "/commit list")

    # KPIs: by command and modal (the unit too), logged by command and from App Home, listed, charted
    ws.command(olga, f'/kpi define leads "Leads {typed}" target:100')
    ws.command(olga, "/kpi define")
    ws.submit(olga, slug="mql", name=f"MQL {typed}", target="50", unit=typed)
    ws.command(ivan, f"/kpi log leads 42 {typed}")
    ws.dispatch(payloads.event({**home, "user": ivan}), payloads.JSON)
    ws.click(ivan, "Log KPI")
    ws.submit(ivan, kpi="mql", value="7", note=f"Note {typed}")
    for line in ("/kpi list", "/kpi show leads", "/kpi show mql"):
        ws.command(ivan, line)

    # a sync: by command and modal, a topic by command and modal, the reminder, the agenda, the outcome modal
    ws.command(olga, f'/sync schedule "CIO {typed}" thu 10:00 with @olga @adam')
    ws.command(olga, "/sync schedule")
    ws.submit(olga, name=f"Modal sync {typed}", weekday="4", at="11:00", participants="@olga @adam")
    ws.command(adam, f"/sync topic S-1 {typed}")
    ws.command(adam, "/sync topic S-1")
    ws.submit(adam, topic=f"Topic from the modal {typed}")
    ws.command(adam, "/sync agenda S-1")
    sync = syncs.get(ws.deps.db, payloads.TEAM_ID, 1, clock.now())
    at = sync.next_meeting(clock.now())
    clock.set(at - timedelta(hours=24))
    jobs.sync_reminder(sync.id, period_key(at))
    clock.set(at)
    jobs.sync_meeting(sync.id, period_key(at))
    ws.click(olga, "Record outcome")
    ws.submit(olga, decisions=f"Decided {typed}", c1_owner="@ivan", c1_text=f"Follow up {typed}",
              c1_due=(at + timedelta(days=7)).date().isoformat())
    for line in ("/sync list", "/sync history S-1"):
        ws.command(olga, line)
    jobs.commitment_reminders()

    # shadowing: a round, learnings and an idea that becomes an ask, the follow-up
    for person in (sam, ivan, maria):
        ws.command(person, "/shadow join")
    ws.command(olga, "/shadow run")
    pair = rows(ws.deps.db, ShadowPairing)[0]
    ws.click(pair.visitor_id, "Done — share learnings", channel=pair.channel_id)
    ws.submit(pair.visitor_id, surprise=f"Surprised {typed}", idea=f"Idea {typed}", make_ask="yes")
    clock.advance(timedelta(days=8))
    jobs.shadow_followups()

    # the pulse: three answers a side, each with a comment; the round closes before the digest
    ws.command(olga, "/alinea pulse run")
    for person in (olga, adam, sam, ivan, maria, people["ines"]):
        ws.click(person, "4", channel=person)
        ws.click(person, "Agregar un comentario" if person == maria else "Add a comment", channel=person)
        ws.submit(person, comment=f"Comment {typed}")

    # the digest, previewed and sent; everyone's App Home
    ws.command(olga, "/digest subscribe")
    ws.command(olga, "/digest preview")
    ws.command(olga, "/digest config mon 09:00 in:<#CLEADERS|leaders>")
    send = clock.now() + timedelta(days=7)
    clock.set(send)
    digest_posts.send_week(ws.deps, payloads.TEAM_ID, send, send, pause=lambda _seconds: None)
    for person in (olga, adam, sam, ivan, maria):
        ws.dispatch(payloads.event({**home, "user": person}), payloads.JSON)


@pytest.mark.parametrize("typed", list(HOSTILE))
def test_no_broadcast_or_disguised_link_reaches_slack_live(workspace, people, clock, typed):
    play(workspace, people, clock, typed)
    calls = workspace.slack.calls
    shown_as, marker = HOSTILE[typed]

    assert live(calls, marker) == []
    assert not [c for c in calls if c.args.get("link_names") or c.args.get("parse") == "full"]
    # the text is still there, as text: on the ask's card in the channel, and in the digest
    cards = [c for c in calls if c.method == "chat.postMessage" and c.args.get("channel") == payloads.DEFAULT_CHANNEL]
    assert any(f"Fix the pricing page {shown_as}" in json.dumps(c.args, ensure_ascii=False) for c in cards)
    digests = [c for c in calls if c.method == "chat.postMessage" and c.args.get("channel") == people["owner"]
               and "Comment " in json.dumps(c.args)]
    # typed in a modal, what Slack sends unescaped is stored escaped: it reads as typed
    assert digests and f"Comment {escape_mrkdwn(typed)}" in json.dumps(digests[-1].args, ensure_ascii=False)
    # Issue 17: no link previews swamp a card, an agenda or a digest
    posts = [c for c in calls if c.method == "chat.postMessage"]
    assert posts and all(c.args.get("unfurl_links") in (False, "false", "0") and c.args.get("unfurl_media")
                         in (False, "false", "0") for c in posts), {c.args.get("unfurl_links") for c in posts}
    methods = {c.method for c in calls}
    assert {"chat.postMessage", "chat.update", "response_url", "views.open", "views.publish",
            "files.completeUploadExternal"} <= methods  # every kind of surface was reached


def test_the_scanner_sees_a_live_broadcast():
    """The test above would catch a view that forgot: a raw token in a section, a context, a field or the text."""
    leaked = Call("chat.postMessage", {"text": "x", "blocks": [
        {"type": "section", "text": {"type": "mrkdwn", "text": "ping <!channel>"}},
        {"type": "header", "text": {"type": "plain_text", "text": "<!channel> is plain here"}}]})
    assert live([leaked], "<!channel") == ["chat.postMessage: ping <!channel>"]
