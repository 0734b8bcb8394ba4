"""`alinea export`: every record of the store, one file per table, in JSON and in CSV."""

from __future__ import annotations

import csv
import json
from datetime import datetime

import pytest

from bot.cli import main
from bot.simulator.workspace import SimulatedWorkspace
from storage.export import tables
from tests.helpers import counts, seat

TITLE = "Signup form, step 2 fails; users can't finish"


@pytest.fixture
def busy(workspace: SimulatedWorkspace, people: dict[str, str]) -> SimulatedWorkspace:
    """A little of everything: sides, an ask accepted into a commitment, a KPI with a value, a sync, a pulse."""
    seat(workspace, people, {"maria": "marketing", "ivan": "it"})
    workspace.command(people["maria"], "/ask Signup form, step 2 fails; users can't finish to:it due:fri")
    workspace.command(people["ivan"], "/ask accept A-1 due:fri")
    workspace.command(people["owner"], '/kpi define mql-rate "Lead to MQL rate" target:25 unit:% cadence:weekly')
    workspace.command(people["maria"], "/kpi log mql-rate 23.5%")
    workspace.command(people["owner"], '/sync schedule "CIO–CMO sync" tue 10:00 every:2w with @maria @ivan')
    workspace.command(people["owner"], "/alinea pulse run")
    return workspace


def test_json_export_writes_every_table_with_every_record(busy, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", busy.deps.settings.database_url)
    expected = counts(busy.deps.db, tables())
    assert [expected[name] for name in ("asks", "commitments", "kpi_values", "syncs", "pulse_rounds")] == [1] * 5
    assert main(["export", "--out", str(tmp_path / "out")]) == 0
    written = {path.stem: json.loads(path.read_text()) for path in (tmp_path / "out").glob("*.json")}
    assert {name: len(rows) for name, rows in written.items()} == expected
    [ask] = written["asks"]
    assert ask["title"] == TITLE and ask["status"] == "accepted"
    assert datetime.fromisoformat(ask["created_at"]).utcoffset().total_seconds() == 0  # stored and shown in UTC
    assert "apscheduler_jobs" not in written
    out = capsys.readouterr().out
    assert f"exported {sum(expected.values())} records from {len(expected)} tables" in out


def test_csv_export_reads_back_the_same_records(busy, tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", busy.deps.settings.database_url)
    assert main(["export", "--format", "csv", "--out", str(tmp_path / "csv")]) == 0
    expected = counts(busy.deps.db, tables())
    read = {}
    for path in (tmp_path / "csv").glob("*.csv"):
        with path.open(newline="", encoding="utf-8") as file:
            read[path.stem] = list(csv.DictReader(file))
    assert {name: len(rows) for name, rows in read.items()} == expected
    [ask] = read["asks"]
    assert ask["title"] == TITLE  # commas and apostrophes survive
    [sync] = read["syncs"]
    participants = json.loads(sync["participants"])  # a list, as JSON text in its cell
    assert {busy.slack.user_by_name("maria"), busy.slack.user_by_name("ivan")} <= set(participants)


def test_pulse_answers_are_exported_without_anyone_s_identity(busy, people, tmp_path, monkeypatch):
    busy.click(people["maria"], "4", channel=people["maria"])
    monkeypatch.setenv("DATABASE_URL", busy.deps.settings.database_url)
    assert main(["export", "--out", str(tmp_path / "out")]) == 0
    [answer] = json.loads((tmp_path / "out" / "pulse_answers.json").read_text())
    assert answer["score"] == 4 and people["maria"] not in json.dumps(answer)


def test_export_refuses_a_store_that_is_not_migrated(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    assert main(["export", "--out", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err == "alinea: the store's schema is not up to date: run `alinea db upgrade` first\n"
    assert not (tmp_path / "out").exists()
