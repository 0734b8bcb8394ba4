"""/digest through the real App: who subscribes, the private preview, the weekly send called with a fixed clock
(once per subscriber and channel), its configuration, the pulse results it shows, and malformed commands."""

from __future__ import annotations

from datetime import timedelta

from bot.deps import build_deps
from bot.digest import posts as digest_posts
from schedules import scheduler
from tests.helpers import answer_pulse


def test_the_digest_hides_the_pulse_below_three_answers_a_side(workspace, team):
    workspace.command(team["owner"], "/alinea pulse run")
    for name, score in [("m1", 4), ("m2", 5), ("i1", 2), ("i2", 3)]:
        answer_pulse(workspace, team[name], score)
    hidden = workspace.command(team["lea"], "/digest preview").reply_text
    assert "Results appear once each side has 3 answers" in hidden and "Gap between the sides" not in hidden
    answer_pulse(workspace, team["m3"], 3)
    answer_pulse(workspace, team["i3"], 1)
    shown = workspace.command(team["lea"], "/digest preview").reply_text
    # Marketing answered 4, 5 and 3 (average 4); IT 2, 3 and 1 (average 2): the gap is 2.
    assert "Gap between the sides: *2*" in shown and "Results appear once" not in shown


def test_subscribing_is_for_leaders_and_the_preview_is_private(workspace, team):
    assert "Only leaders and admins" in workspace.command(team["m1"], "/digest subscribe").reply_text
    assert "weekly digest by DM" in workspace.command(team["lea"], "/digest subscribe").reply_text
    preview = workspace.command(team["lea"], "/digest preview")
    assert preview.replies[0]["response_type"] == "ephemeral"
    assert "only you can see this" in preview.reply_text.lower()


def test_the_weekly_send_reaches_each_subscriber_and_the_channel_once(workspace, team, clock):
    workspace.command(team["lea"], "/digest subscribe")
    workspace.command(team["admin"], "/digest subscribe")
    workspace.command(team["owner"], "/digest config mon 09:00 tz:UTC in:<#CLEADERS|leaders>")
    workspace.command(team["m1"], "/ask Landing page due:fri")
    when = clock.now() + timedelta(days=5)
    assert digest_posts.send_week(workspace.deps, "T0ALINEA", when, when, pause=lambda s: None) == 3
    assert digest_posts.send_week(workspace.deps, "T0ALINEA", when, when, pause=lambda s: None) == 0
    other = build_deps(workspace.deps.settings, clock=clock)  # a restarted or second process
    assert digest_posts.send_week(other, "T0ALINEA", when, when, pause=lambda s: None) == 0
    other.db.dispose()
    sent = [c.args["channel"] for c in workspace.slack.calls_to("chat.postMessage") if "week of" in c.args["text"]]
    assert sorted(sent) == sorted([team["lea"], team["admin"], "CLEADERS"])
    next_week = when + timedelta(weeks=1)
    assert digest_posts.send_week(workspace.deps, "T0ALINEA", next_week, next_week, pause=lambda s: None) == 3


def test_config_is_for_admins_and_plans_the_weekly_job(workspace, team, clock):
    assert "Only admins" in workspace.command(team["lea"], "/digest config mon 09:00").reply_text
    text = workspace.command(team["owner"], "/digest config fri 16:30 tz:America/Mexico_City").reply_text
    assert "The digest goes out weekly" in text
    planned = {job.id: job for job in scheduler.plan_all(workspace.deps, clock.now())}
    job = planned["digest:T0ALINEA"]
    assert job.run_at.isoformat() == "2026-11-27T22:30:00+00:00"  # Friday 16:30 in Mexico City


def test_malformed_digest_and_pulse_commands(workspace, team):
    for line, problem in [("/digest config someday 9:00", "is not a weekday"), ("/digest config mon 25:00", "time"),
                          ("/digest everything", "I don't know"), ("/alinea pulse", "config` or `run`"),
                          ("/alinea pulse config every:2w", "is missing")]:
        assert problem in workspace.command(team["owner"], line).reply_text, line
    assert "How to use /digest" in workspace.command(team["m1"], "/digest help").reply_text
