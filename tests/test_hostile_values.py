"""Values that would break things for good, and forged modal metadata (issue 14): dates out of range are refused
with the range, NUL and lone surrogates never reach a store, an ask's owner is a person on the target side, and a
modal's private_metadata is trusted only when Alinea sealed it. On SQLite, and on PostgreSQL with DATABASE_URL."""

from __future__ import annotations

import json

import pytest

from bot.ids import View
from bot.simulator import payloads
from storage.models import Ask, Commitment, Kpi, KpiValue, ShadowParticipant
from tests.helpers import counts, rows, sealed, seat

TRACKED = (Ask, Commitment, Kpi, KpiValue)


@pytest.fixture
def team(workspace, people):
    """Olga leads IT (and owns the workspace), Adam leads marketing, Sam is on marketing, Ivan on IT, María (who
    reads Spanish) on marketing; Sam has asked for A-1."""
    seat(workspace, people, {"olga": "it leader", "adam": "marketing leader", "sam": "marketing", "ivan": "it",
                             "maria": "mkt"})
    workspace.command(people["sam"], "/ask Landing page")
    workspace.command(people["owner"], '/kpi define leads "Qualified leads" target:100 owner:shared')
    return people


def modal_errors(exchange) -> dict[str, str]:
    body = json.loads(exchange.body) if exchange.body.strip() else {}
    assert body.get("response_action") == "errors", exchange.body
    return body["errors"]


# --- forged metadata ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("who", ["ivan", "maria"])
def test_forged_metadata_gets_a_clean_modal_error_and_changes_nothing(workspace, team, who):
    workspace.command(team["sam"], "/ask Second one")
    before = counts(workspace.deps.db, TRACKED)
    reason = {"reason": {"value": {"type": "plain_text_input", "value": "Not ours"}}}
    good_for_accept = sealed(workspace, View.ASK_ACCEPT.value, "1")
    raw, _, mac = good_for_accept.rpartition(".")
    forged = [
        "1",  # unsealed, as a forger would write it
        f"2.{mac}",  # another ask under A-1's seal
        good_for_accept,  # sealed for another kind of modal
        sealed(workspace, View.ASK_DECLINE.value, "1") + "x",  # cut or garbled
        "", "null", "[]", "{}", "." * 50, "1." + "A" * 43,
    ]
    expected = ("Alinea can't read this form any more" if who == "ivan"
                else "Alinea ya no puede leer este formulario")
    for metadata in forged:
        body = payloads.view_submission(View.ASK_DECLINE.value, team[who], reason, private_metadata=metadata)
        exchange = workspace.dispatch(body, payloads.FORM)
        assert exchange.status == 200
        assert expected in modal_errors(exchange)["reason"], metadata
        assert exchange.calls == [], metadata
    assert counts(workspace.deps.db, TRACKED) == before
    # the same submission sealed by Alinea goes through
    body = payloads.view_submission(View.ASK_DECLINE.value, team["ivan"], reason,
                                    private_metadata=sealed(workspace, View.ASK_DECLINE.value, "2"))
    assert workspace.dispatch(body, payloads.FORM).body.strip() in ("", "{}")
    assert [a.status for a in rows(workspace.deps.db, Ask, order_by=Ask.number)] == ["open", "declined"]


def test_a_forged_new_ask_cannot_post_to_another_channel_or_carry_a_link(workspace, team):
    title = {"title": {"value": {"type": "plain_text_input", "value": "Planted"}}}
    metadata = json.dumps({"channel": "CEVIL", "source": "shortcut", "link": "https://evil.example|<!channel>"})
    exchange = workspace.dispatch(payloads.view_submission(View.ASK_NEW.value, team["sam"], title,
                                                           private_metadata=metadata), payloads.FORM)
    assert "can't read this form" in modal_errors(exchange)["title"]
    assert [a.title for a in rows(workspace.deps.db, Ask)] == ["Landing page"]
    assert not any(c.args.get("channel") == "CEVIL" for c in workspace.slack.calls)


def test_modals_alinea_opens_carry_sealed_metadata_that_round_trips(workspace, team):
    workspace.click(team["ivan"], "Decline")
    view = workspace.open_view()
    assert view["private_metadata"].startswith("1.") and len(view["private_metadata"]) > 40
    workspace.submit(team["ivan"], reason="Not ours")
    assert rows(workspace.deps.db, Ask)[0].status == "declined"


# --- dates -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("who", "line", "said"),
    [
        ("sam", "/ask Far away due:9999-12-31", "is too far ahead: dates go from today to 2031-11-25"),
        ("maria", "/ask Muy lejos due:2040-01-01", "está demasiado lejos: las fechas van de hoy al 2031-11-25"),
        ("sam", "/commit Someday due:+3000d", "is too far ahead: dates go from today to 2031-11-25"),
        ("ivan", "/ask accept A-1 due:+300w", "is too far ahead"),
        ("ivan", "/shadow pause until:9999-12-31", "is too far ahead"),
        ("sam", "/kpi log leads 5 date:0001-01-01", "values are logged for a day from 2000-01-01 to today (2026-11-25)"),
        ("sam", "/kpi log leads 5 date:1999-12-31", "from 2000-01-01 to today"),
        ("maria", "/kpi log leads 5 date:0001-01-01", "entre el 2000-01-01 y hoy (2026-11-25)"),
    ],
)
def test_dates_out_of_range_are_refused_with_the_range(workspace, team, who, line, said):
    workspace.command(team[who], "/shadow join")
    before = counts(workspace.deps.db, TRACKED)
    paused = [p.paused_until for p in rows(workspace.deps.db, ShadowParticipant)]
    exchange = workspace.command(team[who], line)
    assert said in exchange.reply_text
    assert counts(workspace.deps.db, TRACKED) == before
    assert [p.paused_until for p in rows(workspace.deps.db, ShadowParticipant)] == paused


def test_a_chart_is_drawn_for_values_at_the_edge_of_the_range(workspace, team):
    workspace.command(team["ivan"], "/kpi log leads 5 date:2000-01-01")
    workspace.command(team["ivan"], "/kpi log leads 7")
    workspace.command(team["ivan"], "/kpi show leads")
    assert workspace.slack.calls_to("files.completeUploadExternal")


@pytest.mark.parametrize(("who", "said"), [("sam", "Pick a date from today to 2031-11-25"),
                                           ("maria", "Elige una fecha entre hoy y el 2031-11-25")])
def test_a_due_date_picked_too_far_ahead_is_refused_under_its_input(workspace, team, who, said):
    workspace.command(team[who], "/ask")
    exchange = workspace.submit(team[who], title="Dashboard", due="2040-01-01")
    assert said in modal_errors(exchange)["due"]
    assert len(rows(workspace.deps.db, Ask)) == 1


# --- NUL and lone surrogates -------------------------------------------------------------------------------

def test_nul_and_lone_surrogates_never_reach_the_store(workspace, team):
    workspace.command(team["sam"], "/ask Fix\x00 the page")
    workspace.command(team["sam"], "/ask")
    workspace.submit(team["sam"], title="Broken \ud800 title", details="Tab\x00le \udfff")
    workspace.command(team["ivan"], "/kpi log leads 5 note\x00 with a NUL")
    titles = [(a.title, a.details) for a in rows(workspace.deps.db, Ask, order_by=Ask.number)]
    assert titles == [("Landing page", None), ("Fix the page", None), ("Broken  title", "Table")]
    assert [v.note for v in rows(workspace.deps.db, KpiValue)] == ["note with a NUL"]
    assert workspace.slack.invalid == []


def test_a_command_whose_text_says_payload_is_taken_as_typed(workspace, team):
    """Bolt alone reads a form containing the word "payload" as an interaction's, and finds nothing in it."""
    assert "Logged *A-2* for IT: Fix the payload check" in workspace.command(team["sam"],
                                                                            "/ask Fix the payload check").reply_text


# --- owners ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("who", "line", "said"),
    [
        ("sam", "/ask Campaign dashboard @helperbot", "is a bot or an app, not a person"),
        ("sam", "/ask Campaign dashboard @adam", "is not on the IT side: an ask's owner is a person on the side"),
        ("maria", "/ask Tablero @adam", "no está en el lado de TI"),
        ("sam", "/ask Campaign dashboard @stranger", "is not on the IT side"),
    ],
)
def test_an_asks_owner_is_a_person_on_the_target_side(workspace, team, who, line, said):
    exchange = workspace.command(team[who], line)
    assert said in exchange.reply_text
    assert len(rows(workspace.deps.db, Ask)) == 1
    assert "A-2" in workspace.command(team["sam"], "/ask Campaign dashboard @ivan").reply_text
    assert rows(workspace.deps.db, Ask, order_by=Ask.number)[-1].owner_id == team["ivan"]


def test_the_modal_refuses_an_owner_off_the_target_side_under_the_owner_input(workspace, team):
    workspace.command(team["sam"], "/ask")
    exchange = workspace.submit(team["sam"], title="Dashboard", owner="@adam")
    # in plain text, as Slack shows a modal's errors: the person by name, no markup
    assert modal_errors(exchange)["owner"].startswith("@adam is not on the IT side")
    assert not any(mark in modal_errors(exchange)["owner"] for mark in ("<@", "`", "*"))
    assert len(rows(workspace.deps.db, Ask)) == 1
