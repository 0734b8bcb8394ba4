"""Issue 16: messages several people read are in the language they share — a pair's or a sync's group DM, a card's
thread — or in both when they share none; channel posts are in the workspace's language. Through the real App."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from bot.shadowing import posts as shadow_posts
from bot.syncs import posts as sync_posts
from schedules import runtime
from tests.helpers import simulated_workspace

SPANISH_ROUND, ENGLISH_ROUND = "Ronda 1", "Round 1"


def group_posts(workspace) -> list:
    """Messages posted in group DMs (the fake Slack opens them as `G…`)."""
    return [c for c in workspace.slack.calls_to("chat.postMessage") if c.args["channel"].startswith("G")]


def words(call) -> str:
    """Everything a message says: its text and every block's texts."""
    return call.args["text"] + " " + str(call.args.get("blocks"))


def pair_round(workspace, people, first: tuple[str, str, str], second: tuple[str, str, str]) -> list:
    """Two people (name, locale, side word) join the rotation and the owner makes a round: the pair's group DM."""
    for name, locale, side in (first, second):
        people[name] = workspace.add_person(name, locale=locale, tz="Europe/Madrid")
        workspace.command(people[name], f"/alinea join {side}")
        workspace.command(people[name], "/shadow join")
    runtime.install(workspace.deps)
    workspace.command(people["owner"], "/shadow run")
    return group_posts(workspace)


def test_two_spanish_speakers_get_their_pair_dm_in_spanish(workspace, people):
    [dm] = pair_round(workspace, people, ("camila", "es-ES", "mkt"), ("jorge", "es-LA", "ti"))
    assert dm.args["text"].startswith(SPANISH_ROUND) and ENGLISH_ROUND not in words(dm)
    labels = [e["text"]["text"] for b in dm.args["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert labels and not {"Done", "Skip"} & set(labels)  # its buttons speak Spanish too


def test_a_mixed_pair_reads_both_languages_with_the_buttons_once(workspace, people):
    [dm] = pair_round(workspace, people, ("camila", "es-ES", "mkt"), ("bob", "en-US", "it"))
    english, spanish = dm.args["text"].split("\n", 1)
    assert english.startswith(ENGLISH_ROUND) and spanish.startswith(SPANISH_ROUND)
    assert dm.args["blocks"][-1]["type"] == "context" and SPANISH_ROUND in words(dm)
    buttons = [e for b in dm.args["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert len(buttons) == len({e["action_id"] for e in buttons}) == 2  # Done and Skip, once


def test_learnings_and_follow_ups_follow_the_pairs_language(workspace, people, clock):
    pair_round(workspace, people, ("camila", "es-ES", "mkt"), ("jorge", "es-LA", "ti"))
    clock.advance(timedelta(days=8))
    shadow_posts.send_followups(workspace.deps, clock.now())
    followup = group_posts(workspace)[-1]
    assert followup.args["text"].startswith("¿Cómo les fue") and "How did" not in words(followup)


@pytest.fixture
def leaders(workspace, people):
    for name, locale in (("camila", "es-ES"), ("jorge", "es-LA"), ("bob", "en-US")):
        people[name] = workspace.add_person(name, locale=locale, tz="Europe/Madrid")
    workspace.command(people["owner"], "/alinea team add @camila marketing leader")
    workspace.command(people["owner"], "/alinea team add @jorge it leader")
    workspace.command(people["owner"], "/alinea team add @bob it leader")
    runtime.install(workspace.deps)
    return people


def test_a_sync_agenda_in_the_spanish_speakers_group_dm_is_spanish(workspace, leaders, clock):
    workspace.command(leaders["camila"], '/sync schedule "CMO–CIO" mon 09:00 with @jorge')
    sync_posts.post_next_agendas(workspace.deps, clock.now())
    [agenda] = group_posts(workspace)
    assert "Temas" in words(agenda) and "Topics" not in words(agenda)


def test_a_sync_agenda_for_a_mixed_group_reads_both(workspace, leaders, clock):
    workspace.command(leaders["camila"], '/sync schedule "CMO–CIO" mon 09:00 with @bob')
    sync_posts.post_next_agendas(workspace.deps, clock.now())
    [agenda] = group_posts(workspace)
    assert "Topics" in words(agenda) and "Temas" in words(agenda)


def test_a_sync_agenda_in_a_channel_uses_the_workspace_language(workspace, leaders, clock):
    workspace.command(leaders["camila"], '/sync schedule "CMO–CIO" mon 09:00 with @jorge in:<#CSYNC|sync>')
    sync_posts.post_next_agendas(workspace.deps, clock.now())
    [agenda] = [c for c in workspace.slack.calls_to("chat.postMessage") if c.args["channel"] == "CSYNC"]
    assert "Topics" in words(agenda) and "Temas" not in words(agenda)


def card(workspace):
    return [c for c in workspace.slack.calls_to("chat.postMessage") if "A-1" in c.args["text"]][0]


def test_a_card_in_a_channel_uses_the_workspace_language_whoever_asks(workspace, people):
    workspace.command(people["maria"], "/alinea join mkt")
    workspace.command(people["sam"], "/alinea join it")
    workspace.command(people["maria"], "/ask Nueva página de aterrizaje")
    assert "Accept" in words(card(workspace)) and "Aceptar" not in words(card(workspace))


@pytest.fixture
def spanish_workspace(database_url, clock) -> Iterator:
    yield from simulated_workspace(database_url, clock, alinea_timezone="Europe/Madrid", alinea_language="es")


def test_a_spanish_workspace_posts_its_cards_and_their_threads_in_spanish(spanish_workspace):
    workspace = spanish_workspace
    ana = workspace.add_person("ana", locale="en-GB", tz="Europe/Madrid")
    luis = workspace.add_person("luis", locale="es-ES", tz="Europe/Madrid")
    workspace.command(ana, "/alinea join mkt")
    workspace.command(luis, "/alinea join ti")
    assert "A-1" in workspace.command(ana, "/ask Landing page").reply_text  # her own reply in English
    assert "Aceptar" in words(card(workspace))
    workspace.command(luis, "/ask accept A-1 due:+3d")
    [line] = [c for c in workspace.slack.calls_to("chat.postMessage") if c.args.get("thread_ts")]
    assert "acept" in words(line).lower() and "accepted" not in words(line)
