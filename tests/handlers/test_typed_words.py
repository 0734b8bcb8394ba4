"""What people type, through the real App: Spanish option keys and categories, an unknown `word:value` refused in
private, and dates read the reader's way (day or month first by their Slack locale), an ambiguous one confirmed in
words in the reply."""

from __future__ import annotations

from datetime import date

import pytest

from storage.models import Ask, Commitment
from tests.helpers import rows, seat


@pytest.fixture
def team(workspace, people):
    """María (es-LA), Lucía (es-ES), Bob (en-US) and Gemma (en-GB) in marketing; Iván in IT."""
    profiles = {"lucia": {"tz": "Europe/Madrid", "locale": "es-ES"},
                "bob": {"tz": "America/New_York", "locale": "en-US"},
                "gemma": {"tz": "Europe/London", "locale": "en-GB"}}
    return seat(workspace, people, {"maria": "mkt", "lucia": "mkt", "bob": "marketing", "gemma": "marketing",
                                    "ivan": "it"}, **profiles)


def asks(workspace) -> list[Ask]:
    return rows(workspace.deps.db, Ask, order_by=Ask.number)


def commitments(workspace) -> list[Commitment]:
    return rows(workspace.deps.db, Commitment, order_by=Commitment.number)


def test_a_spanish_ask_with_spanish_keys_gets_its_title_and_due_date(workspace, team):
    exchange = workspace.command(team["maria"], "/ask Página de aterrizaje vence:viernes !alta #móvil")
    [ask] = asks(workspace)
    assert (ask.title, ask.due_date, ask.priority, ask.category, ask.to_side) == (
        "Página de aterrizaje", date(2026, 11, 27), "high", "mobile", "it")  # the Friday after Wednesday 25
    [post] = exchange.to("chat.postMessage")
    assert "vence:" not in str(post.args["blocks"])
    assert "*A-1*" in exchange.reply_text


def test_para_names_the_side(workspace, team):
    workspace.command(team["maria"], "/ask Tablero de campaña para:ti vence:próximo viernes")
    workspace.command(team["ivan"], "/ask Textos para la app PARA:mkt")
    assert [(ask.title, ask.to_side, ask.due_date) for ask in asks(workspace)] == [
        ("Tablero de campaña", "it", date(2026, 11, 27)), ("Textos para la app", "marketing", None)]


def test_an_unknown_key_value_is_refused_in_private_and_nothing_is_posted(workspace, team):
    exchange = workspace.command(team["maria"], "/ask Página de aterrizaje clave:valor vence:vie")
    assert asks(workspace) == [] and exchange.to("chat.postMessage") == []
    assert exchange.replies and all(reply["response_type"] == "ephemeral" for reply in exchange.replies)
    assert "`clave:valor` no es una opción" in exchange.reply_text
    assert "`vence:` (`due:`)" in exchange.reply_text and '"clave:valor"' in exchange.reply_text
    workspace.command(team["maria"], '/ask Página de aterrizaje "clave:valor" vence:vie')
    assert [ask.title for ask in asks(workspace)] == ["Página de aterrizaje clave:valor"]


@pytest.mark.parametrize(("who", "line"), [("lucia", "/ask Cierre vence:31/12"), ("bob", "/ask Close due:12/31"),
                                           ("gemma", "/ask Close due:31/12"), ("bob", "/ask Close due:dec 31"),
                                           ("lucia", "/ask Cierre vence:31 de diciembre")])
def test_the_last_day_of_the_year_the_way_each_reader_writes_it(workspace, team, who, line):
    workspace.command(team[who], line)
    assert [ask.due_date for ask in asks(workspace)] == [date(2026, 12, 31)]


@pytest.mark.parametrize(("who", "line", "due", "words"), [
    ("bob", "/commit Plan the launch due:3/4", date(2027, 3, 4), "Mar 4"),
    ("gemma", "/commit Plan the launch due:3/4", date(2027, 4, 3), "Apr 3"),
    ("lucia", "/commit Planear el lanzamiento vence:3/4", date(2027, 4, 3), "3 abr"),
])
def test_an_ambiguous_date_follows_the_reader_and_the_reply_says_it_in_words(workspace, team, who, line, due, words):
    exchange = workspace.command(team[who], line)
    assert [commitment.due_date for commitment in commitments(workspace)] == [due]
    assert words in exchange.reply_text


@pytest.mark.parametrize(("who", "line", "words"), [
    ("bob", "/ask Plan the launch due:3/4", "due Thu, Mar 4 2027"),
    ("lucia", "/ask Planear el lanzamiento vence:3/4", "vence sáb 3 abr 2027"),
])
def test_a_new_asks_confirmation_says_its_due_date_in_words(workspace, team, who, line, words):
    assert words in workspace.command(team[who], line).reply_text


def test_accepting_with_an_ambiguous_date_says_it_in_words(workspace, team):
    workspace.command(team["bob"], "/ask Landing page")
    exchange = workspace.command(team["ivan"], "/ask accept A-1 due:3/4")
    assert [commitment.due_date for commitment in commitments(workspace)] == [date(2027, 3, 4)]  # Iván: no locale
    assert "Mar 4" in exchange.reply_text


def test_a_bad_date_hint_is_in_the_readers_language_from_their_today(workspace, team):
    spanish = workspace.command(team["lucia"], "/commit Cierre vence:algún día").reply_text
    assert "2026-12-02, mañana, vie, 31/12, 5 dic, próximo viernes, +3d" in spanish
    english = workspace.command(team["bob"], "/commit Close due:someday").reply_text
    assert "2026-12-02, tomorrow, fri, 12/31, dec 5, next friday, +3d" in english
    assert commitments(workspace) == []


@pytest.mark.parametrize(("line", "key"), [
    ('/sync schedule "Sync" lun 09:00 con @bob clave:x', "`zona:` (`tz:`)"),
    ("/digest config lun 09:00 clave:x", "`canal:` (`in:`)"),
    ("/alinea pulse config cada:2s en:lun hora:10:00 clave:x", "`cada:` (`every:`)"),
])
def test_every_commands_unknown_option_is_named_in_the_readers_keys(workspace, team, line, key):
    """Issue 16: /sync, /digest and /alinea pulse list their options as a Spanish reader types them too."""
    assert key in workspace.command(team["lucia"], line).reply_text
