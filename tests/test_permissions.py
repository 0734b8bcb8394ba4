"""Who may change what, as a matrix of roles × every changing command and button, through the real App. A refusal
says who may, and leaves the store exactly as it was."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select

from bot.clock import FixedClock
from bot.ids import View
from bot.simulator import payloads
from bot.simulator.workspace import Exchange, SimulatedWorkspace
from storage.models import Ask, Base, PulseAnswer, ShadowPairing, Workspace
from tests.helpers import sealed, simulated_workspace

ROLES = ["outsider", "mkt_member", "it_member", "mkt_leader", "it_leader", "alinea_admin", "slack_owner"]
LEADERS = {"mkt_leader", "it_leader"}
ADMINS = {"alinea_admin", "slack_owner"}
IT_SIDE = {"it_member", "it_leader"}
# Bookkeeping, not any workspace's data: scheduled sends, and the requests taken and the changes made for them.
SKIP_TABLES = {"apscheduler_jobs", "deliveries", "intake", "effects"}


@pytest.fixture
def ws(database_url: str, clock: FixedClock) -> Iterator[SimulatedWorkspace]:
    yield from simulated_workspace(database_url, clock, alinea_timezone="UTC", alinea_admins="UZED")


@pytest.fixture
def who(ws: SimulatedWorkspace) -> dict[str, str]:
    """Seven roles; Sam (marketing) asked IT for A-1 and owns C-1; KPI `leads` belongs to IT; S-1 is scheduled."""
    ids = {
        "outsider": ws.add_person("otto"),
        "mkt_member": ws.add_person("sam"),
        "it_member": ws.add_person("ivan"),
        "mkt_leader": ws.add_person("lena"),
        "it_leader": ws.add_person("lea"),
        "alinea_admin": ws.add_person("zed"),
        "slack_owner": ws.add_person("olga", is_owner=True),
    }
    ws.add_person("newbie")
    for line in ["/alinea team add @lena marketing leader", "/alinea team add @lea it leader"]:
        assert "now on the" in ws.command(ids["slack_owner"], line).reply_text
    ws.command(ids["mkt_member"], "/alinea join marketing")
    ws.command(ids["it_member"], "/alinea join it")
    assert "A-1" in ws.command(ids["mkt_member"], "/ask Landing page due:2026-12-20").reply_text
    assert "C-1" in ws.command(ids["mkt_member"], "/commit Draft the brief due:2026-12-10").reply_text
    ws.command(ids["slack_owner"], '/kpi define leads "Qualified leads" target:100 owner:it')
    assert "S-1" in ws.command(ids["slack_owner"], '/sync schedule "CIO-CMO" thu 10:00 with @lena @lea').reply_text
    return ids


def dump(ws: SimulatedWorkspace) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (jobs and delivery marks aside)."""
    with ws.deps.db.transaction() as session:
        return {table.name: sorted((tuple(map(repr, row)) for row in session.execute(select(table))), key=repr)
                for table in Base.metadata.sorted_tables if table.name not in SKIP_TABLES}


def said_who_may(exchange: Exchange) -> bool:
    dms = " ".join(str(call.args.get("text", "")) for call in exchange.to("chat.postMessage"))
    text = exchange.reply_text + exchange.body + dms  # a modal's refusal comes in the person's DM
    return any(word in text for word in ("Only ", "Join a side first"))


# (action, line typed, who may)
COMMANDS = [
    ("team add", "/alinea team add @newbie it", ADMINS),
    ("team remove", "/alinea team remove @ivan", ADMINS),
    ("ask accept", "/ask accept A-1", IT_SIDE),
    ("ask decline", "/ask decline A-1 no capacity this quarter", IT_SIDE),
    ("ask done", "/ask done A-1", {"mkt_member"} | LEADERS | ADMINS),
    ("ask cancel", "/ask cancel A-1", {"mkt_member"} | ADMINS),
    ("commit done", "/commit done C-1", {"mkt_member"} | LEADERS | ADMINS),
    ("commit cancel", "/commit cancel C-1", {"mkt_member"} | LEADERS | ADMINS),
    ("kpi define", '/kpi define nps "Net promoter" target:40', LEADERS | ADMINS),
    # Members of the owning side(s) may log; the code also lets admins log (bot/kpis/service.py
    # _require_owner_side), read here as admins configuring everything.
    ("kpi log", "/kpi log leads 42", IT_SIDE | ADMINS),
    ("kpi archive", "/kpi archive leads", LEADERS | ADMINS),
    ("sync schedule", '/sync schedule "Roadmap" mon 09:00 with @lena @lea', LEADERS | ADMINS),
    ("sync cancel", "/sync cancel S-1", LEADERS | ADMINS),
    ("shadow config", "/shadow config every:2w on:mon at:10:00", LEADERS | ADMINS),
    ("shadow run", "/shadow run", LEADERS | ADMINS),
    ("shadow stats", "/shadow stats", LEADERS | ADMINS),
    ("digest subscribe", "/digest subscribe", LEADERS | ADMINS),
    ("digest config", "/digest config mon 09:00", ADMINS),
    ("pulse config", "/alinea pulse config every:2w on:mon at:10:00", ADMINS),
    ("pulse run", "/alinea pulse run", ADMINS),
]
READ_ONLY = {"shadow stats"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("action", "line", "allowed"), COMMANDS, ids=[c[0] for c in COMMANDS])
def test_command_matrix(ws, who, role, action, line, allowed):
    before = dump(ws)
    exchange = ws.command(who[role], line)
    assert exchange.status == 200
    assert all(reply.get("response_type") == "ephemeral" for reply in exchange.replies)
    if role in allowed:
        assert not said_who_may(exchange), (action, role, exchange.reply_text)
        if action not in READ_ONLY:
            assert dump(ws) != before, (action, role, exchange.reply_text)
    else:
        assert said_who_may(exchange), (action, role, exchange.reply_text)
        assert dump(ws) == before, (action, role)


BUTTONS = [("Accept", IT_SIDE), ("Done", {"mkt_member"} | LEADERS | ADMINS)]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("label", "allowed"), BUTTONS, ids=[b[0] for b in BUTTONS])
def test_ask_button_matrix(ws, who, role, label, allowed):
    before = dump(ws)
    exchange = ws.click(who[role], label, channel=payloads.DEFAULT_CHANNEL)
    assert exchange.status == 200
    if role in allowed:
        assert not said_who_may(exchange), (label, role, exchange.reply_text)
        assert dump(ws) != before
    else:
        assert said_who_may(exchange), (label, role, exchange.reply_text)
        assert dump(ws) == before


def test_decline_button_refuses_the_wrong_side_before_or_at_submit(ws, who):
    before = dump(ws)
    for role in ROLES:
        if role in IT_SIDE:
            continue
        exchange = ws.click(who[role], "Decline", channel=payloads.DEFAULT_CHANNEL)
        if exchange.to("views.open"):
            exchange = ws.submit(who[role], reason="Not for us")
        assert said_who_may(exchange), (role, exchange.reply_text, exchange.body)
    assert dump(ws) == before


@pytest.mark.parametrize("role", ROLES)
def test_only_the_requester_rates_a_done_ask(ws, who, role):
    ws.command(who["slack_owner"], "/ask done A-1")
    before = dump(ws)
    body = payloads.block_action("ask_rate_4", who[role], ws.slack.response_url(), value="1:4")
    exchange = ws.dispatch(body, payloads.FORM)
    assert exchange.status == 200
    with ws.deps.db.transaction() as session:
        rating = session.scalar(select(Ask.rating))
    if role == "mkt_member":
        assert rating == 4
    else:
        assert said_who_may(exchange), (role, exchange.reply_text)
        assert rating is None
        assert dump(ws) == before


@pytest.mark.parametrize("role", ROLES)
def test_only_the_pair_shares_shadowing_learnings(ws, who, role):
    ws.command(who["mkt_member"], "/shadow join")
    ws.command(who["it_member"], "/shadow join")
    assert "1" in ws.command(who["slack_owner"], "/shadow run").reply_text
    with ws.deps.db.transaction() as session:
        pairing = session.scalars(select(ShadowPairing)).one()
        pairing_id = pairing.id
    before = dump(ws)
    values = {"surprise": {"value": {"type": "plain_text_input", "value": "How many tools they juggle"}},
              "idea": {"value": {"type": "plain_text_input", "value": "Shared launch calendar"}}}
    exchange = ws.dispatch(payloads.view_submission(View.SHADOW_LEARNINGS.value, who[role], values,
                                                    private_metadata=sealed(ws, View.SHADOW_LEARNINGS.value, str(pairing_id))), payloads.FORM)
    assert exchange.status == 200
    if role in {"mkt_member", "it_member"}:
        assert dump(ws) != before
    else:
        assert "Only the two people in this pair" in exchange.body, (role, exchange.body)
        assert dump(ws) == before


def t0_rows(ws: SimulatedWorkspace) -> dict[str, list[tuple[Any, ...]]]:
    """Every row that belongs to T0ALINEA: workspace-scoped rows of its id, and every child table whole (the
    other workspace has no KPIs, syncs, rounds or asks to hang children on)."""
    with ws.deps.db.transaction() as session:
        t0 = session.scalar(select(Workspace.id).where(Workspace.team_id == payloads.TEAM_ID))
        out = {}
        for table in Base.metadata.sorted_tables:
            if table.name in SKIP_TABLES or table.name == "workspaces":
                continue
            query = select(table)
            if "workspace_id" in table.c:
                query = query.where(table.c.workspace_id == t0)
            out[table.name] = sorted((tuple(map(repr, row)) for row in session.execute(query)), key=repr)
        row = session.execute(select(Workspace).where(Workspace.id == t0)).scalar_one()
        out["workspace"] = [(row.ask_seq, row.commitment_seq, row.sync_seq)]
        return out


@pytest.mark.parametrize("role", ["slack_owner", "it_leader", "mkt_member"])
def test_someone_from_another_workspace_changes_nothing_here(ws, who, role):
    before = t0_rows(ws)
    for _, line, _ in COMMANDS:
        command, _, text = line.partition(" ")
        body = payloads.slash_command(command, ws.escape_mentions(text), who[role], ws.slack.response_url(),
                                      team_id="TOTHER")
        assert ws.dispatch(body, payloads.FORM).status == 200
    for action_id, value in [("ask_accept", "1"), ("ask_done", "1"), ("ask_decline", "1"), ("commitment_done", "1"),
                             ("ask_rate_5", "1:5"), ("shadow_skip", "1"), ("pulse_answer_5", "1:5")]:
        body = payloads.block_action(action_id, who[role], ws.slack.response_url(), value=value, team_id="TOTHER")
        assert ws.dispatch(body, payloads.FORM).status == 200
    assert t0_rows(ws) == before


def test_pulse_answers_cannot_be_traced_to_a_person(ws, who):
    assert "Only admins" in ws.command(who["mkt_member"], "/alinea pulse run").reply_text
    ws.command(who["slack_owner"], "/alinea pulse run")
    voters = ["mkt_member", "it_member", "mkt_leader", "it_leader"]
    for score, role in enumerate(voters, start=2):
        exchange = ws.click(who[role], str(score), channel=who[role])
        assert exchange.status == 200
    columns = {c.name for c in PulseAnswer.__table__.columns}
    assert not columns & {"user_id", "user", "member_id", "actor_id", "voter", "voter_id", "owner_id"}
    every_user = set(ws.slack.users)
    with ws.deps.db.transaction() as session:
        rows = list(session.execute(select(PulseAnswer.__table__)))
    assert len(rows) == len(voters)
    for row in rows:
        for value in row:
            text = str(value)
            assert text not in every_user
            assert not any(user in text for user in every_user), (text, every_user)
