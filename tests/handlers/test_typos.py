"""Typos stay private: a first word that looks like a mistyped subcommand is never taken for a new ask or
commitment, and every command answers it in a private reply that names the subcommand meant, in the caller's
language, with the usage shown. Through the real App against the fake Slack."""

from __future__ import annotations

import pytest

from bot.simulator.workspace import Exchange, SimulatedWorkspace
from storage.models import Ask, Commitment
from tests.helpers import count, rows, seat


@pytest.fixture
def team(workspace: SimulatedWorkspace, people: dict[str, str]) -> dict[str, str]:
    """Sam (English) and María (Spanish) in marketing; Iván in IT; Lea leads IT."""
    return seat(workspace, people, {"sam": "marketing", "maria": "mkt", "ivan": "it", "lea": "it leader"})


def asks(workspace: SimulatedWorkspace) -> list[Ask]:
    return rows(workspace.deps.db, Ask, order_by=Ask.number)


def assert_private(exchange: Exchange) -> None:
    """Nothing went to a channel or a DM, and every reply was for the caller's eyes only."""
    assert exchange.to("chat.postMessage") == [] and exchange.to("chat.update") == []
    assert exchange.replies and all(reply["response_type"] == "ephemeral" for reply in exchange.replies)


ASK_TYPOS = [
    # who, line, what the reply says
    ("sam", "/ask lsit", ["Did you mean `/ask list`?", 'To log an ask titled “lsit”, type `/ask "lsit"`',
                          "The right form", "/ask <title> [to:marketing|it]"]),
    ("sam", "/ask undo", ['To log an ask titled “undo”, type `/ask "undo"`; `/ask help` lists what /ask does']),
    ("sam", "/ask reopne A-4", ["Did you mean `/ask reopen`?", '`/ask "reopne A-4"`']),
    ("sam", "/ask lsit mine to:it", ["Did you mean `/ask list`?", '`/ask "lsit mine" …`']),
    ("maria", "/ask lsita", ["¿Quisiste decir `/ask lista`?",
                             'Para registrar una solicitud titulada “lsita”, escribe `/ask "lsita"`',
                             "La forma correcta"]),
    ("maria", "/ask undo", ['Para registrar una solicitud titulada “undo”, escribe `/ask "undo"`; `/ask ayuda`']),
    ("maria", "/ask hecha A-1", ["¿Quisiste decir `/ask hecho`?", '`/ask "hecha A-1"`']),
    ("maria", "/ask reabir A-1 fue un error", ["¿Quisiste decir `/ask reabrir`?"]),
]


@pytest.mark.parametrize(("who", "line", "said"), ASK_TYPOS, ids=[f"{w}:{line}" for w, line, _ in ASK_TYPOS])
def test_an_ask_typo_posts_nothing_and_answers_privately(workspace, team, who, line, said):
    exchange = workspace.command(team[who], line)
    assert_private(exchange)
    for text in said:
        assert text in exchange.reply_text
    assert asks(workspace) == []


def test_a_typo_on_an_existing_ask_leaves_it_and_its_card_alone(workspace, team):
    workspace.command(team["sam"], "/ask Landing page for the spring launch due:fri")
    for who, line in [("ivan", "/ask dnoe A-1"), ("ivan", "/ask acept A-1"), ("maria", "/ask canel A-1"),
                      ("ivan", "/ask undo A-1")]:
        assert_private(workspace.command(team[who], line))
    [ask] = asks(workspace)
    assert (ask.number, ask.status, ask.title) == (1, "open", "Landing page for the spring launch")


@pytest.mark.parametrize(
    ("who", "line", "title"),
    [("sam", '/ask "lsit"', "lsit"), ("maria", '/ask "undo"', "undo"),
     ("sam", "/ask Listing page for partners", "Listing page for partners"),
     ("maria", "/ask Hecha la migración: falta validar to:it", "Hecha la migración: falta validar")],
)
def test_quoted_words_and_real_titles_are_still_posted(workspace, team, who, line, title):
    exchange = workspace.command(team[who], line)
    [ask] = asks(workspace)
    assert ask.title == title
    [post] = exchange.to("chat.postMessage")
    assert post.args["channel"] == ask.channel_id


@pytest.mark.parametrize(
    ("who", "line", "said"),
    [
        ("ivan", "/commit dnoe C-1", ["Did you mean `/commit done`?", '`/commit "dnoe C-1" due:fri`']),
        ("ivan", "/commit lsit overdue", ["Did you mean `/commit list`?"]),
        ("ivan", "/commit undo", ['To record a commitment that says “undo”, type `/commit "undo" due:fri`']),
        ("maria", "/commit hecha C-1", ["¿Quisiste decir `/commit hecho`?",
                                        'Para registrar un compromiso que diga “hecha C-1”']),
    ],
)
def test_a_commit_typo_is_not_a_commitment_needing_a_due_date(workspace, team, who, line, said):
    exchange = workspace.command(team[who], line)
    assert_private(exchange)
    for text in said:
        assert text in exchange.reply_text
    assert "needs a due date" not in exchange.reply_text and "necesita una fecha" not in exchange.reply_text
    assert count(workspace.deps.db, Commitment) == 0


@pytest.mark.parametrize(
    ("who", "line", "said"),
    [
        ("lea", "/kpi lgo mql 3.2", ["I don't know `lgo` here. Did you mean `/kpi log`?", "/kpi log <slug> <value>"]),
        ("maria", "/kpi regsitrar mql 3", ["No conozco `regsitrar` aquí. ¿Quisiste decir `/kpi registrar`?",
                                           "La forma correcta"]),
        ("lea", "/sync shedule", ["Did you mean `/sync schedule`?", "/sync list"]),
        ("maria", "/sync histroy S-1", ["¿Quisiste decir `/sync history`?"]),
        ("sam", "/shadow jion host", ["Did you mean `/shadow join`?", "/shadow pause until:DATE"]),
        ("maria", "/shadow unrime", ["¿Quisiste decir `/shadow unirme`?"]),
        ("lea", "/digest preveiw", ["Did you mean `/digest preview`?", "/digest subscribe"]),
        ("maria", "/digest suscribr", ["¿Quisiste decir `/digest suscribir`?"]),
        ("sam", "/alinea jion it", ["Did you mean `/alinea join`?", "/alinea join marketing|it"]),
        ("maria", "/alinea equpo", ["¿Quisiste decir `/alinea equipo`?"]),
        ("lea", "/alinea notfy off asks", ["Did you mean `/alinea notify`?"]),
        ("lea", "/alinea team ad @sam it", ["Did you mean `/alinea team add`?"]),
    ],
)
def test_other_commands_suggest_the_subcommand_meant(workspace, team, who, line, said):
    exchange = workspace.command(team[who], line)
    assert_private(exchange)
    for text in said:
        assert text in exchange.reply_text
