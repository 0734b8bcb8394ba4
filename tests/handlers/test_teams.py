"""`/alinea` through the real App: signed slash commands in, ephemeral replies and store rows out."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.clock import FixedClock
from bot.simulator.workspace import SimulatedWorkspace
from storage.db import Database
from storage.models import AuditEntry, Member, Workspace
from tests.helpers import count


def sides(workspace: SimulatedWorkspace) -> dict[str, tuple[str, str]]:
    with workspace.deps.db.transaction() as session:
        return {m.user_id: (m.side, m.role) for m in session.scalars(select(Member))}


def test_join_puts_the_caller_on_a_side_with_aliases(workspace, people):
    for alias, side in [("mkt", "marketing"), ("TI", "it"), ("Mercadotecnia", "marketing"), ("tech", "it")]:
        exchange = workspace.command(people["sam"], f"/alinea join {alias}")
        assert exchange.status == 200
        assert sides(workspace)[people["sam"]] == (side, "member")
    assert "You moved from *Marketing* to *IT*" in exchange.reply_text
    reply = exchange.replies[0]
    assert reply["response_type"] == "ephemeral"


def test_join_again_says_so_and_writes_no_audit_line(workspace, people):
    workspace.command(people["sam"], "/alinea join it")
    before = count(workspace.deps.db, AuditEntry)
    exchange = workspace.command(people["sam"], "/alinea join it")
    assert "already on the *IT* side" in exchange.reply_text
    assert count(workspace.deps.db, AuditEntry) == before


def test_replies_follow_the_callers_slack_locale(workspace, people):
    exchange = workspace.command(people["maria"], "/alinea join mercadotecnia")
    assert "Ahora estás en el lado de *Mercadotecnia*" in exchange.reply_text
    exchange = workspace.command(people["maria"], "/alinea join marte")
    assert "`marte` no es un lado" in exchange.reply_text
    assert "La forma correcta" in exchange.reply_text


def test_slack_is_asked_for_the_locale_once_per_person(workspace, people):
    workspace.command(people["sam"], "/alinea join it")
    workspace.command(people["sam"], "/alinea help")
    asked = [c for c in workspace.slack.calls_to("users.info") if c.args["user"] == people["sam"]]
    assert len(asked) == 1
    assert asked[0].args["include_locale"] in (True, "true", "1", "True")


def test_the_locale_is_asked_again_after_the_cache_expires(workspace, people, clock: FixedClock):
    workspace.command(people["sam"], "/alinea help")
    clock.advance(timedelta(hours=1))
    workspace.command(people["sam"], "/alinea help")
    assert len([c for c in workspace.slack.calls_to("users.info") if c.args["user"] == people["sam"]]) == 2


@pytest.mark.parametrize("who", ["owner", "admin"])
def test_slack_admins_and_owners_manage_the_team(workspace, people, who):
    exchange = workspace.command(people[who], "/alinea team add @ivan it leader")
    assert f"<@{people['ivan']}> is now on the *IT* side as a leader." in exchange.reply_text
    assert sides(workspace)[people["ivan"]] == ("it", "leader")
    exchange = workspace.command(people[who], "/alinea team add @ivan mkt")
    assert sides(workspace)[people["ivan"]] == ("marketing", "member")
    exchange = workspace.command(people[who], "/alinea team remove @ivan")
    assert f"<@{people['ivan']}> is no longer on a side." in exchange.reply_text
    assert people["ivan"] not in sides(workspace)


def test_alinea_admins_setting_makes_an_admin(database_url, clock):
    workspace = SimulatedWorkspace(database_url, clock=clock, alinea_admins="USAM,UOTHER")
    try:
        sam = workspace.add_person("sam")
        workspace.add_person("ivan")
        exchange = workspace.command(sam, "/alinea team add @ivan it")
        assert "is now on the *IT* side as a member" in exchange.reply_text
    finally:
        workspace.close()


def test_members_may_not_manage_the_team_and_are_told_who_may(workspace, people):
    workspace.command(people["sam"], "/alinea join it")
    before = (count(workspace.deps.db, Member), count(workspace.deps.db, AuditEntry))
    for line in ["/alinea team add @ivan it leader", "/alinea team remove @sam"]:
        exchange = workspace.command(people["sam"], line)
        assert "Only admins can do that" in exchange.reply_text
        assert "ALINEA_ADMINS" in exchange.reply_text
    assert (count(workspace.deps.db, Member), count(workspace.deps.db, AuditEntry)) == before


def test_every_change_is_in_the_audit_log(workspace, people, clock):
    workspace.command(people["sam"], "/alinea join it")
    workspace.command(people["owner"], "/alinea team add @ivan marketing leader")
    workspace.command(people["owner"], "/alinea team remove @sam")
    with workspace.deps.db.transaction() as session:
        log = [(e.actor_id, e.action, e.subject, e.detail, e.at) for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert log == [
        (people["sam"], "member.join", people["sam"], {"side": "it"}, clock.now()),
        (people["owner"], "member.add", people["ivan"], {"side": "marketing", "role": "leader"}, clock.now()),
        (people["owner"], "member.remove", people["sam"], {}, clock.now()),
    ]


def test_team_lists_both_sides_leaders_first(workspace, people):
    workspace.command(people["sam"], "/alinea join it")
    workspace.command(people["owner"], "/alinea team add @ivan it leader")
    exchange = workspace.command(people["maria"], "/alinea team")
    text = exchange.reply_text
    assert "*Mercadotecnia* (0)" in text and "*TI* (2)" in text
    assert text.index(f"<@{people['ivan']}>") < text.index(f"<@{people['sam']}>")
    assert "Nadie todavía" in text  # María reads Spanish


def test_team_list_shows_dates_in_the_readers_time_zone(workspace, people, clock):
    clock.set(clock.now().replace(hour=23, minute=30))  # 23:30 UTC is already tomorrow in Tokyo
    workspace.command(people["sam"], "/alinea join it")
    assert "since 2026-11-25" in workspace.command(people["sam"], "/alinea team").reply_text
    assert "since 2026-11-26" in workspace.command(people["ivan"], "/alinea team").reply_text


def test_a_big_team_stays_within_slack_limits(workspace, people):
    for n in range(150):
        workspace.add_person(f"p{n}")
        workspace.command(people["owner"], f"/alinea team add @p{n} {'it' if n % 2 else 'mkt'}")
    exchange = workspace.command(people["owner"], "/alinea team")
    assert "…and 15 more" in exchange.reply_text
    # the fixture checks every payload against slack_sdk's models when the test ends


@pytest.mark.parametrize(
    ("line", "problem", "form"),
    [
        ("/alinea join", "Say which side", "/alinea join marketing|it"),
        ("/alinea join sales", "`sales` is not a side", "/alinea join marketing|it"),
        ("/alinea join it mkt", "Say which side", "/alinea join marketing|it"),
        ("/alinea team add ivan it", "`ivan` is not a mention", "/alinea team add @user marketing|it [leader]"),
        ("/alinea team add @ivan", "Name one person, a side", "/alinea team add @user marketing|it [leader]"),
        ("/alinea team add @ivan it boss", "I didn't expect `boss`", "/alinea team add @user marketing|it [leader]"),
        ("/alinea team remove", "Mention exactly one person", "/alinea team remove @user"),
        ("/alinea teem", "I don't know `teem`", "/alinea join marketing|it"),
        ('/alinea join "it', "A quote is left open", "/alinea help"),
    ],
)
def test_malformed_commands_get_the_right_form_and_write_nothing(workspace, people, line, problem, form):
    exchange = workspace.command(people["owner"], line)
    assert exchange.status == 200
    assert problem in exchange.reply_text
    assert form in exchange.reply_text
    assert exchange.replies[0]["response_type"] == "ephemeral"
    assert count(workspace.deps.db, Member) == 0 and count(workspace.deps.db, AuditEntry) == 0


def test_bots_cannot_be_put_on_a_side(workspace, people):
    exchange = workspace.command(people["owner"], "/alinea team add @helperbot it")
    assert "is a bot or an app" in exchange.reply_text
    assert count(workspace.deps.db, Member) == 0


def test_removing_someone_on_no_side_says_so(workspace, people):
    exchange = workspace.command(people["owner"], "/alinea team remove @sam")
    assert f"<@{people['sam']}> is not on a side." in exchange.reply_text


def test_help_lists_every_command_and_where_you_stand(workspace, people):
    text = workspace.command(people["sam"], "/alinea help").reply_text
    for command in ["/ask", "/commit", "/kpi", "/sync", "/shadow", "/digest", "/alinea"]:
        assert f"`{command}`" in text
    assert "You are not on a side yet" in text
    workspace.command(people["sam"], "/alinea join it")
    assert "You are on the *IT* side as a member." in workspace.command(people["sam"], "/alinea help").reply_text


def test_a_store_failure_is_answered_with_try_again_and_logged(workspace, people, caplog):
    workspace.deps.db = Database("sqlite:////nonexistent/dir/alinea.db")  # a store that cannot be opened
    exchange = workspace.command(people["sam"], "/alinea join it")
    assert exchange.status == 200
    assert "Something went wrong on our side and nothing was changed" in exchange.reply_text
    assert "request from USAM failed" in caplog.text


def test_workspaces_are_kept_apart(workspace, people):
    workspace.command(people["sam"], "/alinea join it")
    assert count(workspace.deps.db, Workspace) == 1
