"""`/alinea` through the real App: signed slash commands in, ephemeral replies and store rows out."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.clock import FixedClock
from bot.simulator.workspace import SimulatedWorkspace
from storage.db import Database
from storage.models import AuditEntry, Member, TeamRemoval, Workspace
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


def test_members_may_not_manage_the_team_and_are_told_to_ask_a_workspace_admin(workspace, people):
    workspace.command(people["sam"], "/alinea join it")
    workspace.command(people["maria"], "/alinea join mkt")
    before = (count(workspace.deps.db, Member), count(workspace.deps.db, AuditEntry))
    for line in ["/alinea team add @ivan it leader", "/alinea team remove @sam"]:
        exchange = workspace.command(people["sam"], line)
        assert "Only admins can do that" in exchange.reply_text and "Ask a workspace admin." in exchange.reply_text
        assert "ALINEA_" not in exchange.reply_text
        spanish = workspace.command(people["maria"], line)
        assert "Pídeselo a un administrador del espacio de trabajo." in spanish.reply_text
        assert "ALINEA_" not in spanish.reply_text
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


# --- a removal sticks -------------------------------------------------------------------------------------------


def removals(workspace: SimulatedWorkspace) -> dict[str, str]:
    """Who an admin took off their side, and which admin."""
    with workspace.deps.db.transaction() as session:
        return {r.user_id: r.removed_by for r in session.scalars(select(TeamRemoval))}


def test_someone_an_admin_removed_cannot_rejoin_by_themselves(workspace, people):
    workspace.command(people["sam"], "/alinea join it")
    workspace.command(people["owner"], "/alinea team remove @sam")
    assert removals(workspace) == {people["sam"]: people["owner"]}
    audit = count(workspace.deps.db, AuditEntry)
    for side in ("it", "marketing"):
        exchange = workspace.command(people["sam"], f"/alinea join {side}")
        assert "An admin took you off your side; ask a workspace admin to add you back." in exchange.reply_text
        assert exchange.replies[0]["response_type"] == "ephemeral"
    assert people["sam"] not in sides(workspace) and count(workspace.deps.db, AuditEntry) == audit


def test_the_refusal_reads_in_spanish(workspace, people):
    workspace.command(people["maria"], "/alinea join mkt")
    workspace.command(people["admin"], "/alinea team remove @maria")
    exchange = workspace.command(people["maria"], "/alinea join mkt")
    assert ("Un administrador te quitó de tu lado; pídele a un administrador del espacio de trabajo que te vuelva a "
            "agregar.") in exchange.reply_text
    assert people["maria"] not in sides(workspace)


@pytest.mark.parametrize(("who", "button", "refusal"), [
    ("sam", "Join IT", "An admin took you off your side; ask a workspace admin to add you back."),
    ("maria", "Unirme a TI", "Un administrador te quitó de tu lado"),
])
def test_app_homes_join_buttons_refuse_too(workspace, people, who, button, refusal):
    workspace.command(people[who], "/alinea join it")
    removed = workspace.command(people["owner"], f"/alinea team remove @{who}")
    [home] = removed.to("views.publish")  # their Home shows the welcome again
    assert home.args["user_id"] == people[who] and button in str(home.args["view"]["blocks"])
    pressed = workspace.click(people[who], button)
    assert any(refusal in str(call.args) for call in pressed.calls)  # told, where the Home's answers go
    assert people[who] not in sides(workspace)


def test_only_an_admin_adding_them_back_lets_them_move_by_themselves_again(workspace, people):
    workspace.command(people["sam"], "/alinea join it")
    workspace.command(people["owner"], "/alinea team remove @sam")
    exchange = workspace.command(people["admin"], "/alinea team add @sam marketing")
    assert f"<@{people['sam']}> is now on the *Marketing* side as a member." in exchange.reply_text
    assert removals(workspace) == {}
    assert "You moved from *Marketing* to *IT*" in workspace.command(people["sam"], "/alinea join it").reply_text
    assert sides(workspace)[people["sam"]] == ("it", "member")


def test_removed_again_the_latest_removal_is_kept(workspace, people, clock):
    workspace.command(people["owner"], "/alinea team add @sam it")
    workspace.command(people["owner"], "/alinea team remove @sam")
    workspace.command(people["admin"], "/alinea team add @sam it")
    workspace.command(people["admin"], "/alinea team remove @sam")
    assert removals(workspace) == {people["sam"]: people["admin"]}
    assert "An admin took you off" in workspace.command(people["sam"], "/alinea join it").reply_text


def test_an_admin_taken_off_may_put_themselves_back(workspace, people):
    workspace.command(people["admin"], "/alinea join it")
    workspace.command(people["owner"], "/alinea team remove @adam")
    assert "You are now on the *IT* side" in workspace.command(people["admin"], "/alinea join it").reply_text
    assert removals(workspace) == {}


def test_removing_someone_on_no_side_remembers_nothing(workspace, people):
    workspace.command(people["owner"], "/alinea team remove @sam")
    assert removals(workspace) == {}
    assert "You are now on the *IT* side" in workspace.command(people["sam"], "/alinea join it").reply_text


def test_removals_are_kept_per_workspace(database_url, clock):
    """The same person taken off in one workspace may still join in another (an org's workspaces share a store)."""
    from bot.people import Actor, Side
    from bot.teams import service as teams

    workspace = SimulatedWorkspace(database_url, clock=clock)
    try:
        db, now = workspace.deps.db, clock.now()
        admin = Actor(team_id="T1", user_id="UADMIN", language="en", timezone="UTC", is_admin=True)
        sam = {team: Actor(team_id=team, user_id="USAM", language="en", timezone="UTC", is_admin=False)
               for team in ("T1", "T2")}
        teams.join(db, sam["T1"], Side.IT, now)
        teams.remove(db, admin, "USAM", now)
        assert teams.join(db, sam["T2"], Side.IT, now).member.side is Side.IT
    finally:
        workspace.close()


# --- help -------------------------------------------------------------------------------------------------------


ALINEA_SUBCOMMANDS = ["/alinea help", "/alinea join", "/alinea team", "/alinea team add", "/alinea team remove",
                      "/alinea pulse config", "/alinea pulse run", "/alinea notify", "/alinea join|team|pulse|"]


def test_help_lists_every_alinea_subcommand_too(workspace, people):
    text = workspace.command(people["sam"], "/alinea help").reply_text
    assert "*`/alinea` subcommands*" in text
    for subcommand in ALINEA_SUBCOMMANDS:
        assert f"`{subcommand}" in text, subcommand
    spanish = workspace.command(people["maria"], "/alinea ayuda").reply_text
    assert "*Subcomandos de `/alinea`*" in spanish and "`/alinea avisos`" in spanish
    for subcommand in ALINEA_SUBCOMMANDS[:-2]:
        assert f"`{subcommand}" in spanish, subcommand


@pytest.mark.parametrize(("who", "line", "expected"), [
    ("sam", "/alinea pulse help", ["How to use /alinea pulse", "`/alinea pulse config every:Nw on:<weekday> at:HH:MM`",
                                   "`/alinea pulse run`", "at least 3 answers"]),
    ("sam", "/alinea PULSE Help", ["How to use /alinea pulse"]),
    ("maria", "/alinea pulso ayuda", ["Cómo usar /alinea pulse", "`/alinea pulse config cada:Nw en:<día> hora:HH:MM`",
                                      "al menos 3 respuestas"]),
    ("maria", "/alinea pulse help", ["Cómo usar /alinea pulse"]),
    ("sam", "/alinea team help", ["How to use /alinea team", "`/alinea team remove @user`", "until an admin adds"]),
    ("maria", "/alinea equipo ayuda", ["Cómo usar /alinea team", "`/alinea team remove @persona`"]),
    ("sam", "/alinea join help", ["How to use /alinea join", "`/alinea join marketing|it`"]),
    ("sam", "/alinea notify help", ["How to use /alinea notify", "`/alinea notify off asks|owned|sync|all`"]),
    ("maria", "/alinea avisos ayuda", ["Cómo usar /alinea notify", "`/alinea avisos`"]),
])
def test_each_subcommand_shows_its_usage_in_both_languages(workspace, people, who, line, expected):
    exchange = workspace.command(people[who], line)
    assert exchange.replies[0]["response_type"] == "ephemeral"
    for text in expected:
        assert text in exchange.reply_text, text
    assert count(workspace.deps.db, Member) == 0


# --- who is told ------------------------------------------------------------------------------------------------


def dms_to(exchange, user_id: str) -> list[str]:
    """The texts (and blocks) of the DMs the app posted to this person."""
    return [str(call.args.get("text")) + str(call.args.get("blocks")) for call in exchange.to("chat.postMessage")
            if call.args.get("channel") == user_id and call.error is None]


def homes(exchange) -> list[str]:
    return [call.args["user_id"] for call in exchange.to("views.publish")]


def test_someone_an_admin_adds_as_a_leader_is_told_their_side_role_and_what_they_can_do(workspace, people):
    exchange = workspace.command(people["owner"], "/alinea team add @ivan it leader")
    [dm] = dms_to(exchange, people["ivan"])
    assert f"<@{people['owner']}> put you on the *IT* side as a leader. Welcome to Alinea!" in dm
    assert "`/ask`" in dm and "*Home* tab" in dm and "`/kpi define`" in dm and "`/alinea help`" in dm
    assert "/alinea notify off team" in dm  # how to stop these
    assert homes(exchange) == [people["ivan"]]


def test_a_member_added_reads_it_in_their_language_without_the_leaders_part(workspace, people):
    exchange = workspace.command(people["owner"], "/alinea team add @maria mkt")
    [dm] = dms_to(exchange, people["maria"])
    assert f"<@{people['owner']}> te puso en el lado de *Mercadotecnia* como integrante." in dm
    assert "¡Te damos la bienvenida a Alinea!" in dm and "pestaña *Inicio*" in dm and "`/ask`" in dm
    assert "Como líder" not in dm and "/alinea avisos off equipo" in dm


def test_a_move_or_a_new_role_is_told_and_adding_someone_as_they_are_is_not(workspace, people):
    workspace.command(people["owner"], "/alinea team add @ivan it")
    promoted = workspace.command(people["admin"], "/alinea team add @ivan it leader")
    [dm] = dms_to(promoted, people["ivan"])
    assert f"<@{people['admin']}> changed your place in Alinea: you are now on the *IT* side as a leader." in dm
    assert dms_to(workspace.command(people["admin"], "/alinea team add @ivan ti leader"), people["ivan"]) == []
    moved = workspace.command(people["owner"], "/alinea team add @ivan mkt")
    assert "now on the *Marketing* side as a member" in dms_to(moved, people["ivan"])[0]


def test_someone_who_joined_by_themselves_and_is_then_added_is_told(workspace, people):
    workspace.command(people["sam"], "/alinea join it")
    exchange = workspace.command(people["owner"], "/alinea team add @sam it leader")
    assert "changed your place in Alinea" in dms_to(exchange, people["sam"])[0]


def test_an_admin_adding_themselves_is_not_told(workspace, people):
    exchange = workspace.command(people["owner"], "/alinea team add @olga marketing leader")
    assert dms_to(exchange, people["owner"]) == []
    assert sides(workspace)[people["owner"]] == ("marketing", "leader")
    assert homes(exchange) == [people["owner"]]


def test_people_who_turned_team_off_are_not_told(workspace, people):
    assert "Turned off: `team`" in workspace.command(people["ivan"], "/alinea notify off team").reply_text
    exchange = workspace.command(people["owner"], "/alinea team add @ivan it leader")
    assert dms_to(exchange, people["ivan"]) == [] and sides(workspace)[people["ivan"]] == ("it", "leader")
    assert "Apagados: `equipo`" in workspace.command(people["maria"], "/alinea avisos off equipo").reply_text


def test_a_dm_not_sent_because_of_a_failure_is_sent_once_when_the_work_is_resumed(workspace, people, clock):
    from sqlalchemy import event
    from sqlalchemy.exc import OperationalError

    from bot.simulator.workspace import Exchange
    from handlers.intake import RETRY_AFTER, resume

    engine = workspace.deps.db.engine

    def fail_once(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if "FROM notification_preferences" in statement:
            event.remove(engine, "before_cursor_execute", fail_once)
            raise OperationalError(statement, parameters, ConnectionError("server closed the connection"))

    event.listen(engine, "before_cursor_execute", fail_once)
    exchange = workspace.command(people["owner"], "/alinea team add @ivan it leader")
    assert "Your change is saved, but something that should follow it went wrong" in exchange.reply_text
    assert dms_to(exchange, people["ivan"]) == []
    clock.advance(RETRY_AFTER[0])
    mark = workspace.slack.mark()
    assert resume(workspace.deps, clock.now()) == 1
    later = Exchange(None, workspace.slack.since(mark))
    assert len(dms_to(later, people["ivan"])) == 1
    assert count(workspace.deps.db, AuditEntry) == 1  # the change was made once


def test_joining_and_being_removed_refresh_the_persons_home(workspace, people):
    assert homes(workspace.command(people["sam"], "/alinea join it")) == [people["sam"]]
    assert homes(workspace.command(people["sam"], "/alinea join it")) == []  # nothing changed
    assert homes(workspace.command(people["sam"], "/alinea join mkt")) == [people["sam"]]
    removed = workspace.command(people["owner"], "/alinea team remove @sam")
    assert homes(removed) == [people["sam"]] and dms_to(removed, people["sam"]) == []
