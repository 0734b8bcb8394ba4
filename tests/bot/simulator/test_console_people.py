"""The console's pretend people and channels: Slack-like IDs from any name, names typed in commands, and what is kept
beside the store for the next console."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.simulator.render import render_call
from bot.simulator.roster import Person, Roster
from bot.simulator.workspace import SimulatedWorkspace, UnknownName, new_id


def test_ids_come_from_names_in_any_script():
    assert new_id("U", "sofía", {}) == "USOFIA"
    assert new_id("U", "Sofía", {"USOFIA": "sofía"}) == "USOFIA"  # the same person
    assert new_id("U", "sofia", {"USOFIA": "sofía"}) == "USOFIA2"  # someone else
    assert new_id("U", "sofía.m", {}) == "USOFIAM"
    assert new_id("U", "王芳", {}) == "UX" and new_id("U", "李", {"UX": "王芳"}) == "UX2"
    assert new_id("C", "leadership", {}) == "CLEADERSHIP"


def test_the_roster_is_kept_beside_a_sqlite_store(tmp_path):
    assert Roster.beside(f"sqlite:///{tmp_path / 'alinea.db'}").path == tmp_path / "alinea.console.json"
    assert Roster.beside("sqlite:///alinea.db").path == Path("alinea.console.json")
    assert Roster.beside("sqlite://").path is None and Roster.beside("sqlite:///:memory:").path is None
    assert Roster.beside("postgresql://alinea:secret@db/alinea").path == Path("alinea.console.json")
    roster = Roster.beside(f"sqlite:///{tmp_path / 'alinea.db'}")
    roster.channels["leadership"] = "CLEADERSHIP"
    roster.clock = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    roster.keep(Person("USOFIA", "sofía", "es-ES", "Europe/Madrid"))
    again = Roster.beside(f"sqlite:///{tmp_path / 'alinea.db'}")
    assert again.people == {"USOFIA": Person("USOFIA", "sofía", "es-ES", "Europe/Madrid")}
    assert again.channels == {"leadership": "CLEADERSHIP"} and again.clock == roster.clock
    assert "sofía" in (tmp_path / "alinea.console.json").read_text(encoding="utf-8")


def test_a_roster_that_cannot_be_read_starts_empty(tmp_path):
    (tmp_path / "alinea.console.json").write_text("{not json", encoding="utf-8")
    roster = Roster.beside(f"sqlite:///{tmp_path / 'alinea.db'}")
    assert roster.people == {} and roster.clock is None


@pytest.fixture
def workspace(tmp_path):
    found = SimulatedWorkspace(f"sqlite:///{tmp_path / 'w.db'}")
    yield found
    found.close()


def test_typed_names_become_mentions_of_known_people_and_channels(workspace):
    sofia = workspace.add_person("sofía")
    workspace.add_channel("leadership")
    assert workspace.escape_mentions("with @Sofía in:#leadership #analytics, thanks @sofía.") == (
        f"with <@{sofia}|sofía> in:<#CLEADERSHIP|leadership> #analytics, thanks <@{sofia}|sofía>.")
    assert workspace.person_named("sofia") == sofia  # only she fits
    workspace.strict_names = True
    with pytest.raises(UnknownName, match=r"There is no person @pablo here. Known: @sofía."):
        workspace.escape_mentions("/alinea team add @pablo it")
    with pytest.raises(UnknownName, match=r"There is no channel #nowhere here. Known: #collab, #leadership."):
        workspace.escape_mentions("in:#nowhere")
    assert workspace.escape_mentions("#retention") == "#retention"  # a category, not a channel


def test_an_unstrict_workspace_still_makes_whoever_is_named(workspace):
    text = workspace.escape_mentions("/alinea team add @nuevo it")
    assert text == "/alinea team add <@UNUEVO|nuevo> it" and workspace.person_named("nuevo") == "UNUEVO"


def test_the_console_s_annotations_show_numbers_fields_and_names():
    button = {"type": "button", "text": {"type": "plain_text", "text": "Accept"}, "action_id": "a", "style": "primary",
              "_number": 3}
    plain = {"type": "button", "text": {"type": "plain_text", "text": "Later"}, "action_id": "b", "_number": 4}
    message = {"channel": "UBO", "_where": "DM @bo", "blocks": [{"type": "actions", "elements": [button, plain]}]}
    assert render_call("chat.postMessage", message) == "→ DM @bo\n  [3] *Accept* [4] Later"
    field = {"type": "input", "block_id": "due", "label": {"type": "plain_text", "text": "Due"},
             "element": {"type": "datepicker", "action_id": "d"}, "_field": "due=YYYY-MM-DD"}
    view = {"type": "modal", "title": {"type": "plain_text", "text": "New ask"}, "blocks": [field]}
    assert "│ Due: [📅]   ← due=YYYY-MM-DD" in render_call("views.open", {"view": view})
    assert render_call("views.publish", {"user_id": "UBO", "_user": "@bo", "view": {"type": "home", "blocks": []}}) \
        .startswith("→ Home tab of @bo")
