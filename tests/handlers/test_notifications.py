"""Who is told of a change to an ask or a commitment, by DM, in their language, never the person who acted; and
`/alinea notify`, which turns kinds of these DMs off and on. Through the real App against the fake Slack."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from bot.notifications.models import NoticeKind
from bot.notifications.parsing import ChooseNotices, ShowNotices
from bot.recurrence import period_key
from bot.simulator import payloads
from bot.simulator.workspace import Exchange, SimulatedWorkspace
from bot.syncs import service as syncs
from bot.teams.parsing import parse_alinea
from schedules import jobs, runtime
from storage.models import Ask, Commitment, NotificationPreference
from tests.helpers import assert_parse_error, rows, seat


@pytest.fixture
def team(workspace: SimulatedWorkspace, people: dict[str, str]) -> dict[str, str]:
    """María (Spanish) and Sam in marketing, Carla leads it; Iván and Tom in IT, Ivo leads it."""
    seat(workspace, people, {"carla": "marketing leader", "ivo": "it leader", "maria": "mkt", "sam": "marketing",
                             "ivan": "it", "tom": "ti"})
    runtime.install(workspace.deps)
    return people


def dms(exchange: Exchange | SimulatedWorkspace, user_id: str) -> list[dict]:
    """The DMs the app posted to this person (a DM is posted to the user's ID)."""
    calls = exchange.to("chat.postMessage") if isinstance(exchange, Exchange) else \
        exchange.slack.calls_to("chat.postMessage")
    return [call.args for call in calls if call.args.get("channel") == user_id and call.error is None]


def dm_text(exchange: Exchange, user_id: str) -> str:
    return "\n".join(str(args.get("text", "")) + str(args.get("blocks", "")) for args in dms(exchange, user_id))


def people_told(exchange: Exchange, team: dict[str, str]) -> set[str]:
    """Who got a DM in this exchange, by name."""
    names = {user_id: name for name, user_id in team.items()}
    return {names[call.args["channel"]] for call in exchange.to("chat.postMessage")
            if call.args.get("channel") in names and call.error is None}


def buttons(args: dict) -> list[str]:
    found = []
    for block in args.get("blocks") or []:
        if block.get("type") == "actions":
            found += [e["text"]["text"] for e in block["elements"]]
        if block.get("accessory", {}).get("type") == "button":
            found.append(block["accessory"]["text"]["text"])
    return found


# --- asks --------------------------------------------------------------------------------------------------------


def test_a_named_owner_is_told_in_their_language_and_the_requester_is_not(workspace, team):
    exchange = workspace.command(team["sam"], "/ask Landing page due:fri @tom")
    assert people_told(exchange, team) == {"tom"}
    [dm] = dms(exchange, team["tom"])
    assert f"<@{team['sam']}> asked IT for *A-1 · Landing page* and named you its owner, due Fri, Nov 27" in dm["text"]
    assert "/alinea notify off owned" in str(dm["blocks"])  # how to stop these
    spanish = workspace.command(team["ivan"], "/ask Copy for the status page due:fri @maria")
    [dm] = dms(spanish, team["maria"])
    assert "y te nombró responsable" in dm["text"] and "/alinea avisos off asignadas" in str(dm["blocks"])


def test_no_owner_named_no_dm(workspace, team):
    assert people_told(workspace.command(team["sam"], "/ask Landing page"), team) == set()


def test_the_requester_is_told_who_accepted_and_by_when(workspace, team):
    workspace.command(team["sam"], "/ask Landing page due:2026-12-04")
    exchange = workspace.click(team["ivan"], "Accept")
    assert people_told(exchange, team) == {"sam"}  # not Iván, who acted
    [dm] = dms(exchange, team["sam"])
    assert f"<@{team['ivan']}> accepted your ask *A-1 · Landing page* and owns it now: due Fri, Dec 4." in dm["text"]
    assert buttons(dm) == [] and "Its card is in <#" in str(dm["blocks"])


def test_a_moved_due_date_is_told_with_the_old_one_in_the_dm_and_the_thread(workspace, team):
    workspace.command(team["maria"], "/ask Landing page due:2026-12-04")
    exchange = workspace.command(team["ivan"], "/ask accept A-1 due:2026-12-11")
    [dm] = dms(exchange, team["maria"])
    assert "vence vie 11 dic, no vie 4 dic como pediste" in dm["text"]  # María reads Spanish
    [line] = [c for c in exchange.to("chat.postMessage") if c.args.get("thread_ts")]
    assert "due Fri, Dec 11 (asked for Fri, Dec 4)" in line.args["text"]
    assert f"from <@{team['maria']}>" in line.args["text"]


def test_a_named_owner_is_told_when_someone_else_accepts(workspace, team):
    workspace.command(team["sam"], "/ask Landing page due:fri @tom")
    exchange = workspace.command(team["ivan"], "/ask accept A-1")
    assert people_told(exchange, team) == {"sam", "tom"}
    [dm] = dms(exchange, team["tom"])
    assert "which named you as its owner" in dm["text"] and f"<@{team['ivan']}> owns it now" in dm["text"]
    assert rows(workspace.deps.db, Ask)[0].owner_id == team["ivan"]


def test_the_named_owner_accepting_is_not_told_about_themselves(workspace, team):
    workspace.command(team["sam"], "/ask Landing page due:fri @tom")
    assert people_told(workspace.command(team["tom"], "/ask accept A-1"), team) == {"sam"}


def test_the_requester_reads_the_reason_of_a_decline(workspace, team):
    workspace.command(team["maria"], "/ask Landing page due:fri")
    exchange = workspace.command(team["tom"], "/ask decline A-1 We retired that CMS")
    assert people_told(exchange, team) == {"maria"}
    [dm] = dms(exchange, team["maria"])
    assert f"<@{team['tom']}> rechazó tu solicitud *A-1 · Landing page*: We retired that CMS" in dm["text"]


def test_done_asks_the_requester_to_rate_with_the_note_and_tells_nobody_else(workspace, team):
    workspace.command(team["sam"], "/ask Landing page due:fri")
    workspace.command(team["ivan"], "/ask accept A-1")
    exchange = workspace.command(team["ivan"], "/ask done A-1 live at /spring")
    assert people_told(exchange, team) == {"sam"}
    [dm] = dms(exchange, team["sam"])
    assert "Did it meet your need?" in dm["text"] and buttons(dm) == ["1", "2", "3", "4", "5"]
    assert "Their note: live at /spring" in str(dm["blocks"])


def test_the_owner_is_told_of_a_cancel_and_of_a_withdrawal(workspace, team):
    workspace.command(team["sam"], "/ask Landing page due:fri")
    workspace.command(team["ivan"], "/ask accept A-1")
    exchange = workspace.command(team["sam"], "/ask withdraw A-1")
    assert people_told(exchange, team) == {"ivan"}
    assert "cancelled *A-1 · Landing page*, which you owned" in dm_text(exchange, team["ivan"])
    workspace.command(team["maria"], "/ask Second due:fri @tom")
    exchange = workspace.command(team["admin"], "/ask cancel A-2")  # an admin cancels: requester not told, owner is
    assert people_told(exchange, team) == {"tom"}
    assert "canceló" not in dm_text(exchange, team["tom"])  # Tom reads English


def test_an_open_ask_nobody_owns_cancelled_tells_nobody(workspace, team):
    workspace.command(team["sam"], "/ask Landing page due:fri")
    assert people_told(workspace.command(team["sam"], "/ask cancel A-1"), team) == set()


def test_a_reopened_ask_is_told_to_the_requester_and_the_owner(workspace, team):
    workspace.command(team["sam"], "/ask Landing page due:fri")
    workspace.command(team["ivan"], "/ask accept A-1")
    workspace.command(team["ivan"], "/ask done A-1")
    exchange = workspace.command(team["ivo"], "/ask reopen A-1 the form still fails")  # a leader
    assert people_told(exchange, team) == {"sam", "ivan"}
    assert "reopened your ask *A-1 · Landing page* (the form still fails): it is accepted again" in dm_text(
        exchange, team["sam"])
    assert "which you own (the form still fails): it is accepted again" in dm_text(exchange, team["ivan"])
    again = workspace.command(team["ivan"], "/ask done A-1")
    assert people_told(again, team) == {"sam"} and "Did it meet your need?" in dm_text(again, team["sam"])


def test_a_dm_sent_before_a_failure_is_not_sent_again_when_the_work_is_resumed(workspace, team, clock):
    """Accepting tells the requester, then fails (the store is lost) before telling the named owner: the retry finds
    the requester's DM and sends only the owner's."""
    from handlers.intake import RETRY_AFTER, resume

    workspace.command(team["sam"], "/ask Landing page due:fri @tom")
    engine = workspace.deps.db.engine
    seen = []

    def fail_the_second_look(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if "FROM notification_preferences" in statement:
            seen.append(statement)
            if len(seen) == 2:
                event.remove(engine, "before_cursor_execute", fail_the_second_look)
                raise OperationalError(statement, parameters, ConnectionError("server closed the connection"))

    event.listen(engine, "before_cursor_execute", fail_the_second_look)
    exchange = workspace.command(team["ivan"], "/ask accept A-1")
    assert "*A-1* is saved, but something that should follow it went wrong" in exchange.reply_text
    assert people_told(exchange, team) == {"sam"}
    clock.advance(RETRY_AFTER[0])
    mark = workspace.slack.mark()
    assert resume(workspace.deps, clock.now()) == 1
    later = Exchange(None, workspace.slack.since(mark))
    assert people_told(later, team) == {"tom"}
    assert len(dms(workspace, team["sam"])) == 1 and len(dms(workspace, team["tom"])) == 2  # named, then taken


# --- commitments from a sync's outcome -------------------------------------------------------------------------


def hold_a_meeting(workspace: SimulatedWorkspace, team: dict[str, str], clock) -> None:  # type: ignore[no-untyped-def]
    workspace.command(team["carla"], '/sync schedule "CMO–CIO sync" thu 10:00 with @ivo')
    sync = syncs.get(workspace.deps.db, payloads.TEAM_ID, 1, clock.now())
    meeting = sync.next_meeting(clock.now())
    clock.set(meeting)
    jobs.sync_meeting(sync.id, period_key(meeting))


def record_outcome(workspace: SimulatedWorkspace, team: dict[str, str], clock) -> Exchange:  # type: ignore[no-untyped-def]
    hold_a_meeting(workspace, team, clock)
    workspace.click(team["carla"], "Record outcome")
    due = (clock.now() + timedelta(days=14)).date().isoformat()
    return workspace.submit(team["carla"], decisions="One scoring model",
                            c1_owner="@tom", c1_text="Wire CRM events into scoring", c1_due=due,
                            c2_owner="@maria", c2_text="Rewrite the scoring brief", c2_due=due,
                            c3_owner="@tom", c3_text="Expose the events API", c3_due=due,
                            c4_owner="@carla", c4_text="Book the review", c4_due=due)


def test_each_owner_of_an_outcome_commitment_gets_one_dm_with_done_buttons(workspace, team, clock):
    exchange = record_outcome(workspace, team, clock)
    assert people_told(exchange, team) - {"carla"} == {"tom", "maria"}  # Carla's own commitment: no DM
    assert not [args for args in dms(exchange, team["carla"]) if "recorded what you committed" in args["text"]]
    [to_tom] = dms(exchange, team["tom"])
    assert f"<@{team['carla']}> recorded what you committed to in *S-1 · CMO–CIO sync*" in to_tom["text"]
    assert "C-1" in str(to_tom["blocks"]) and "C-3" in str(to_tom["blocks"]) and buttons(to_tom) == ["Done", "Done"]
    [to_maria] = dms(exchange, team["maria"])
    assert "registró a qué te comprometiste" in to_maria["text"] and buttons(to_maria) == ["Hecho"]


def test_done_in_the_outcome_dm_marks_it_done_in_place(workspace, team, clock):
    record_outcome(workspace, team, clock)
    pressed = workspace.click(team["tom"], "Done", channel=team["tom"])
    [replaced] = pressed.replies
    assert replaced["replace_original"] is True and buttons(replaced) == ["Done"]  # C-3's is left
    assert "*C-1* · Wire CRM events into scoring" in str(replaced["blocks"]) and "done on time: kept" in str(
        replaced["blocks"])
    assert [c.status for c in rows(workspace.deps.db, Commitment, order_by=Commitment.number)][:3] == [
        "done", "open", "open"]


def test_whoever_recorded_it_is_told_when_an_outcome_commitment_is_cancelled(workspace, team, clock):
    record_outcome(workspace, team, clock)
    exchange = workspace.command(team["tom"], "/commit cancel C-1")
    assert people_told(exchange, team) == {"carla"}
    assert f"<@{team['tom']}> cancelled *C-1* · Wire CRM events into scoring (<@{team['tom']}>'s), which you " \
           "recorded" in dm_text(exchange, team["carla"])
    by_recorder = workspace.command(team["carla"], "/commit cancel C-2")  # a leader cancels María's
    assert people_told(by_recorder, team) == {"maria"}
    assert "canceló tu compromiso *C-2*" in dm_text(by_recorder, team["maria"])
    own = workspace.command(team["carla"], "/commit cancel C-4")  # hers, recorded by herself
    assert people_told(own, team) == set()


def test_a_commitment_of_ones_own_tells_nobody(workspace, team):
    assert people_told(workspace.command(team["tom"], "/commit Ship it due:fri"), team) == set()
    assert people_told(workspace.command(team["tom"], "/commit cancel C-1"), team) == set()
    workspace.command(team["tom"], "/commit Ship more due:fri")
    exchange = workspace.command(team["ivo"], "/commit cancel C-2")  # a leader cancels Tom's
    assert people_told(exchange, team) == {"tom"}


# --- /alinea notify ----------------------------------------------------------------------------------------------


def test_notify_lists_every_kind_on_by_default_in_both_languages(workspace, team):
    english = workspace.command(team["sam"], "/alinea notify").reply_text
    assert "Your notifications" in english
    for kind in ("`asks` · *on*", "`owned` · *on*", "`sync` · *on*"):
        assert kind in english
    spanish = workspace.command(team["maria"], "/alinea avisos").reply_text
    assert "Tus avisos" in spanish and "`solicitudes` · *activados*" in spanish and "`reuniones`" in spanish


def test_turning_a_kind_off_stops_those_dms_only_and_on_brings_them_back(workspace, team):
    reply = workspace.command(team["sam"], "/alinea notify off asks").reply_text
    assert "Turned off: `asks`" in reply and "`asks` · *off*" in reply and "`owned` · *on*" in reply
    workspace.command(team["sam"], "/ask Landing page due:fri")
    workspace.command(team["sam"], "/ask Brief due:fri")
    assert people_told(workspace.command(team["ivan"], "/ask accept A-1"), team) == set()
    assert people_told(workspace.command(team["ivan"], "/ask decline A-2 no"), team) == set()
    done = workspace.command(team["ivan"], "/ask done A-1")
    assert "Did it meet your need?" in dm_text(done, team["sam"])  # the rating question is not a notice: it still comes
    workspace.command(team["sam"], "/alinea notify on asks")
    workspace.command(team["sam"], "/ask Third due:fri")
    assert people_told(workspace.command(team["ivan"], "/ask accept A-3"), team) == {"sam"}


def test_owned_and_sync_turned_off_in_spanish(workspace, team, clock):
    reply = workspace.command(team["maria"], "/alinea avisos off asignadas reuniones").reply_text
    assert "Apagados: `asignadas`, `reuniones`" in reply
    workspace.command(team["ivan"], "/ask Copy for the status page due:fri @maria")
    exchange = record_outcome(workspace, team, clock)
    assert "maria" not in people_told(exchange, team) and "tom" in people_told(exchange, team)
    assert [(p.kind, p.enabled) for p in rows(workspace.deps.db, NotificationPreference)] == [
        ("owned", False), ("sync", False)]


def test_all_turns_every_kind_off_and_choices_are_per_person(workspace, team):
    workspace.command(team["tom"], "/alinea notify off all")
    assert "`sync` · *off*" in workspace.command(team["tom"], "/alinea notify").reply_text
    assert "`sync` · *on*" in workspace.command(team["ivan"], "/alinea notify").reply_text
    assert people_told(workspace.command(team["sam"], "/ask Landing page @tom"), team) == set()


@pytest.mark.parametrize(("line", "problem"), [
    ("/alinea notify off", "Say which kind: `asks`, `owned`, `sync`, `team`, `kpis` or `all`"),
    ("/alinea notify off everything", "`everything` is not a kind of notification"),
    ("/alinea notify maybe asks", "`maybe` is neither `on` nor `off`"),
])
def test_malformed_notify_commands_say_what_is_wrong(workspace, team, line, problem):
    reply = workspace.command(team["sam"], line).reply_text
    assert problem in reply and "/alinea notify off asks|owned|sync|all" in reply
    assert rows(workspace.deps.db, NotificationPreference) == []


def test_the_usage_of_alinea_names_notify(workspace, team):
    assert "`/alinea notify` lists the DMs you get" in workspace.command(team["sam"], "/alinea what").reply_text
    assert "`/alinea avisos` muestra" in workspace.command(team["maria"], "/alinea qué").reply_text


@pytest.mark.parametrize(("text", "expected"), [
    ("notify", ShowNotices()),
    ("avisos", ShowNotices()),
    ("notify off asks", ChooseNotices(on=False, kinds=[NoticeKind.ASKS])),
    ("NOTIFY ON Owned SYNC", ChooseNotices(on=True, kinds=[NoticeKind.OWNED, NoticeKind.SYNC])),
    ("avisos desactivar solicitudes reuniones", ChooseNotices(on=False, kinds=[NoticeKind.ASKS, NoticeKind.SYNC])),
    ("notificaciones on todo", ChooseNotices(on=True, kinds=list(NoticeKind))),
    ("notify off all asks", ChooseNotices(on=False, kinds=list(NoticeKind))),
])
def test_the_notify_grammar(text, expected):
    assert parse_alinea(text) == expected


@pytest.mark.parametrize(("text", "key", "params"), [
    ("notify off", "error.notify_needs_kind", {"kinds": "notify.kinds"}),
    ("notify off moon", "error.notify_unknown_kind", {"word": "moon", "kinds": "notify.kinds"}),
    ("notify asks", "error.notify_on_or_off", {"word": "asks"}),
])
def test_notify_errors_show_in_both_languages(text, key, params):
    assert_parse_error(parse_alinea(text), key, "usage.alinea.notify", **params)
