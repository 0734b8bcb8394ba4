"""/commit and the Done buttons, through the real App."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from storage.models import Commitment
from tests.helpers import rows, seat


@pytest.fixture
def team(workspace, people):
    return seat(workspace, people, {"sam": "marketing", "ivan": "it", "tom": "it", "lea": "it leader"})


def commitments(workspace) -> list[Commitment]:
    return rows(workspace.deps.db, Commitment, order_by=Commitment.number)


def test_a_commitment_needs_text_and_a_due_date(workspace, team):
    exchange = workspace.command(team["ivan"], "/commit Ship the tracking plan")
    assert "A commitment needs a due date" in exchange.reply_text and commitments(workspace) == []
    assert "/commit <text> due:DATE" in exchange.reply_text
    exchange = workspace.command(team["ivan"], "/commit Ship the tracking plan due:fri")
    [row] = commitments(workspace)
    assert (row.number, row.owner_id, row.side, row.text, row.due_date, row.status) == (
        1, team["ivan"], "it", "Ship the tracking plan", date(2026, 11, 27), "open")
    assert "Committed *C-1*, due Fri, Nov 27" in exchange.reply_text


def test_for_links_an_ask_that_must_exist(workspace, team):
    assert "There is no ask A-3" in workspace.command(team["ivan"], "/commit Draft due:fri for:A-3").reply_text
    workspace.command(team["sam"], "/ask Data for the campaign")
    workspace.command(team["ivan"], "/commit Draft the export due:fri for:A-1")
    assert commitments(workspace)[0].ask_id is not None
    assert "for A-1" in workspace.command(team["ivan"], "/commit list").reply_text


def test_people_on_no_side_cannot_commit(workspace, team):
    assert "Join a side first" in workspace.command(team["admin"], "/commit X due:fri").reply_text


def test_kept_and_late(workspace, team, clock):
    workspace.command(team["ivan"], "/commit On time due:tomorrow")
    workspace.command(team["ivan"], "/commit Late one due:tomorrow")
    assert "done on time: kept" in workspace.command(team["ivan"], "/commit done C-1").reply_text
    clock.advance(timedelta(days=2))
    assert "after its due date: late" in workspace.command(team["ivan"], "/commit done C-2").reply_text
    assert [(r.status, r.kept) for r in commitments(workspace)] == [("done", True), ("done", False)]
    assert "C-1 is already done" in workspace.command(team["ivan"], "/commit done C-1").reply_text


def test_lists_mine_overdue_and_side_overdue_first(workspace, team, clock):
    workspace.command(team["ivan"], "/commit Later due:+2w")
    workspace.command(team["ivan"], "/commit Sooner due:tomorrow")
    workspace.command(team["tom"], "/commit Toms due:+3d")
    workspace.command(team["sam"], "/commit Sams due:+1d")
    clock.advance(timedelta(days=2))
    mine = workspace.command(team["ivan"], "/commit list").reply_text
    assert "Your open commitments (2)" in mine and mine.index("Sooner") < mine.index("Later")
    assert "overdue" in mine
    assert "Overdue commitments (2)" in workspace.command(team["ivan"], "/commit list overdue").reply_text
    side = workspace.command(team["ivan"], "/commit list side").reply_text
    assert "(3)" in side and "Toms" in side and "Sams" not in side


def test_who_may_close_a_commitment(workspace, team):
    workspace.command(team["ivan"], "/commit Ship it due:fri")
    workspace.command(team["ivan"], "/commit Ship more due:fri")
    refused = workspace.command(team["tom"], "/commit cancel C-1")
    assert f"Only its owner (<@{team['ivan']}>), leaders or admins can change C-1" in refused.reply_text
    assert "C-1* is cancelled" in workspace.command(team["lea"], "/commit cancel C-1").reply_text
    assert "kept" in workspace.command(team["owner"], "/commit done C-2").reply_text
    assert [r.status for r in commitments(workspace)] == ["cancelled", "done"]


def test_done_button_in_a_list(workspace, team):
    workspace.command(team["ivan"], "/commit Ship it due:fri")
    workspace.command(team["ivan"], "/commit list")
    assert "kept" in workspace.click(team["ivan"], "Done").reply_text
    assert commitments(workspace)[0].status == "done"


def test_malformed_commit_commands(workspace, team):
    for line, problem in [("/commit done", "needs a commitment ID"), ("/commit list everything", "is not a list filter"),
                          ("/commit due:fri", "Say what you commit to"), ("/commit x due:2001-01-01", "in the past")]:
        assert problem in workspace.command(team["ivan"], line).reply_text
    assert commitments(workspace) == []
    assert "How to use /commit" in workspace.command(team["ivan"], "/commit help").reply_text
