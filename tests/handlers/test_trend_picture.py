"""The trend's picture and lines wherever leaders look, through the real App and the fake Slack:
- after each leader's weekly digest DM, the picture, once per leader per week (a rerun, a second process or a lost
  answer never share it twice), in the leader's language with alt text; never in the channel; a picture that
  can't be drawn leaves the digest whole;
- `/digest trend` on demand (leaders and admins): the lines privately, the picture in their DM;
- the same lines in `/digest preview`, in `/sync agenda` and at the top of a leader's App Home (not a member's)."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from matplotlib.image import imread

from bot.deps import build_deps
from bot.digest import charts
from bot.digest import posts as digest_posts
from bot.digest.charts import HEIGHT_PX, WIDTH_PX, trend_alt
from bot.digest.trend import trend, trend_for
from bot.errors import NotAllowed
from bot.i18n import t
from bot.simulator.fake_slack import view_errors
from storage.models import Delivery
from tests.handlers.test_trend_lines import NARROWED_EN, NARROWED_ES, TEAM, two_rounds  # noqa: F401 - a fixture
from tests.helpers import rows

HEADING_EN = t("en", "digest.trend.heading", weeks=4)


def shared(workspace) -> list[dict]:  # type: ignore[no-untyped-def]
    """Each file shared, in order: where, its name, title, alt text and bytes."""
    asked = {c.result["file_id"]: c.args for c in workspace.slack.calls_to("files.getUploadURLExternal")
             if c.error is None}
    return [{"channel": c.args["channel_id"], "name": asked[f["id"]]["filename"], "title": f["title"],
             "alt": asked[f["id"]].get("alt_txt"), "png": workspace.slack.uploads[f["id"]]}
            for c in workspace.slack.calls_to("files.completeUploadExternal") if c.error is None for f in c.args["files"]]


def dm_of(workspace, user_id: str) -> str:  # type: ignore[no-untyped-def]
    return workspace.deps.client.conversations_open(users=user_id)["channel"]["id"]


@pytest.fixture
def leaders(workspace, team):  # type: ignore[no-untyped-def]
    """Lea (IT, English) and María (marketing, Spanish) subscribe; the digest also goes to #leaders."""
    workspace.command(team["owner"], "/alinea team add @maria marketing leader")
    for leader in ("lea", "maria"):
        workspace.command(team[leader], "/digest subscribe")
    workspace.command(team["owner"], "/digest config mon 09:00 tz:UTC in:<#CLEADERS|leaders>")
    return team


def test_each_leader_gets_the_picture_after_the_digest_once_a_week(workspace, leaders, clock, two_rounds):  # noqa: F811
    now = clock.now()
    assert digest_posts.send_week(workspace.deps, TEAM, now, now) == 3
    assert digest_posts.send_week(workspace.deps, TEAM, now, now) == 0  # a rerun
    other = build_deps(workspace.deps.settings, clock=clock)  # a restarted or second process
    try:
        assert digest_posts.send_week(other, TEAM, now, now) == 0
    finally:
        other.db.dispose()
    files = shared(workspace)
    assert [f["channel"] for f in files] == [dm_of(workspace, leaders["lea"]), dm_of(workspace, leaders["maria"])]
    moved = trend(workspace.deps.db, TEAM, now, "UTC")
    for found, lang in zip(files, ("en", "es"), strict=True):
        assert found["name"] == f"alinea-trend-{now.date().isoformat()}.png"
        assert imread(io.BytesIO(found["png"]), format="png").shape[:2] == (HEIGHT_PX, WIDTH_PX)
        assert found["title"] == t(lang, "digest.picture.title", weeks=12)
        assert found["alt"] == trend_alt(moved, lang)  # the latest values and the direction, in the reader's words
    assert "narrowed" in files[0]["alt"] and "se redujo" in files[1]["alt"]
    # the DM first, then its picture; the channel's copy has none
    calls = [(c.method, c.args.get("channel") or c.args.get("channel_id")) for c in workspace.slack.calls
             if c.method in ("chat.postMessage", "files.completeUploadExternal") and c.error is None]
    lea_dm = dm_of(workspace, leaders["lea"])
    assert calls.index(("chat.postMessage", leaders["lea"])) < calls.index(("files.completeUploadExternal", lea_dm))
    assert ("files.completeUploadExternal", "CLEADERS") not in calls
    next_week = now + timedelta(weeks=1)
    assert digest_posts.send_week(workspace.deps, TEAM, next_week, next_week) == 3
    assert [f["name"] for f in shared(workspace)][2:] == [f"alinea-trend-{next_week.date().isoformat()}.png"] * 2


def test_a_lost_answer_to_the_share_never_shares_it_twice(workspace, leaders, clock, two_rounds,  # noqa: F811
                                                         caplog):
    workspace.command(leaders["owner"], "/alinea team remove @maria")  # one leader, to count simply
    workspace.slack.drop("files.completeUploadExternal", performed=True)
    now = clock.now()
    assert digest_posts.send_week(workspace.deps, TEAM, now, now) == 2  # Lea and the channel
    assert digest_posts.send_week(workspace.deps, TEAM, now, now) == 0
    lea_dm = dm_of(workspace, leaders["lea"])
    in_dm = [m for m in workspace.slack.history[lea_dm] if m.get("files")]
    assert len(in_dm) == 1  # shared once: a lost answer counts as shared (Slack shares files in the background)
    assert len(workspace.slack.calls_to("files.completeUploadExternal")) == 1
    assert "lost Slack's answer to sharing alinea-trend-" in caplog.text


def test_a_picture_that_cannot_be_drawn_leaves_the_digest_whole(workspace, leaders, clock, two_rounds,  # noqa: F811
                                                                monkeypatch, caplog):
    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("no fonts today")

    monkeypatch.setattr(charts, "trend_figure", broken)
    now = clock.now()
    assert digest_posts.send_week(workspace.deps, TEAM, now, now) == 3
    posted = [c for c in workspace.slack.calls_to("chat.postMessage")
              if c.args["channel"] == leaders["lea"] and "week of" in c.args["text"]]
    assert len(posted) == 1 and NARROWED_EN in str(posted[0].args["blocks"])  # the lines say it in words
    assert shared(workspace) == [] and "could not draw the trend chart" in caplog.text


# --- on demand ----------------------------------------------------------------------------------------------------


def test_digest_trend_shows_the_lines_privately_and_the_picture_in_the_dm(workspace, leaders, clock,
                                                                         two_rounds):  # noqa: F811
    exchange = workspace.command(leaders["lea"], "/digest trend")
    assert exchange.replies[0]["response_type"] == "ephemeral"
    assert HEADING_EN in exchange.reply_text and NARROWED_EN in exchange.reply_text
    assert t("en", "digest.trend.picture_sent") in exchange.reply_text
    [found] = shared(workspace)
    assert found["channel"] == dm_of(workspace, leaders["lea"]) and found["png"].startswith(b"\x89PNG")
    assert found["alt"] == trend_alt(trend(workspace.deps.db, TEAM, clock.now(), "UTC"), "en")
    spanish = workspace.command(leaders["maria"], "/digest tendencia")
    assert NARROWED_ES in spanish.reply_text and t("es", "digest.trend.picture_sent") in spanish.reply_text
    assert shared(workspace)[1]["title"] == t("es", "digest.picture.title", weeks=12)


def test_digest_trend_is_for_leaders_and_admins(workspace, team, clock, two_rounds):  # noqa: F811
    refused = workspace.command(team["m1"], "/digest trend")
    assert ":warning: " + t("en", "error.digest_leaders_only") in refused.reply_text
    assert "narrowed" not in refused.reply_text and shared(workspace) == []
    assert NARROWED_EN in workspace.command(team["owner"], "/digest trend").reply_text  # an admin on no side


def test_digest_trend_with_nothing_to_compare_says_so_and_draws_nothing(workspace, team):
    exchange = workspace.command(team["lea"], "/digest trend")
    assert t("en", "digest.trend.empty", weeks=4) in exchange.reply_text
    assert "picture" not in exchange.reply_text and shared(workspace) == []
    workspace.command(team["lea"], "/digest subscribe")
    now = workspace.deps.clock.now()
    assert digest_posts.send_week(workspace.deps, TEAM, now, now) == 1 and shared(workspace) == []
    refused = workspace.command(team["lea"], "/digest trend extra").reply_text
    assert "extra" in refused and "/digest trend" in refused  # the word refused, with the right form


def test_a_picture_that_cannot_be_shared_is_said(workspace, team, clock, two_rounds):  # noqa: F811
    workspace.slack.fail("files.getUploadURLExternal", error="file_uploads_disabled")
    exchange = workspace.command(team["lea"], "/digest trend")
    assert NARROWED_EN in exchange.reply_text and t("en", "digest.trend.picture_unavailable") in exchange.reply_text


# --- the same lines where leaders look ----------------------------------------------------------------------------


def test_the_preview_opens_with_the_lines(workspace, team, clock, two_rounds):  # noqa: F811
    shown = workspace.command(team["lea"], "/digest preview").reply_text
    assert HEADING_EN in shown and NARROWED_EN in shown
    assert shown.index(NARROWED_EN) < shown.index("Alignment pulse")


def test_the_agenda_preview_opens_with_the_lines(workspace, team, clock, two_rounds):  # noqa: F811
    workspace.command(team["lea"], '/sync schedule "CMO–CIO sync" mon 09:00 with @adam')
    shown = workspace.command(team["m1"], "/sync agenda S-1").reply_text  # the agenda its channel will read
    assert HEADING_EN in shown and NARROWED_EN in shown
    assert shown.index(NARROWED_EN) < shown.index(t("en", "sync.agenda.topics"))


def home(workspace, user_id: str) -> dict:  # type: ignore[no-untyped-def]
    """The Home published when `user_id` opens it."""
    [published] = workspace.home(user_id).to("views.publish")
    return published.args["view"]


def test_a_leader_s_home_opens_with_the_lines_and_a_member_s_does_not(workspace, team, clock, two_rounds):  # noqa: F811
    led = home(workspace, team["lea"])
    texts = [str(b) for b in led["blocks"]]
    heading = next(i for i, b in enumerate(texts) if HEADING_EN in b)
    assert NARROWED_EN in texts[heading + 1] and heading < next(i for i, b in enumerate(texts) if t("en", "home.my_asks") in b)
    assert view_errors(led) == []
    assert HEADING_EN not in str(home(workspace, team["m1"])["blocks"])
    workspace.command(team["owner"], "/alinea team add @maria marketing leader")
    spanish = str(home(workspace, team["maria"])["blocks"])
    assert t("es", "digest.trend.heading", weeks=4) in spanish and NARROWED_ES in spanish


# --- which weeks, on demand -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("config", "zone", "newest"), [
    (None, "Europe/Madrid", date(2026, 11, 23)),  # not configured: Mondays, in the workspace's zone
    ("mon 09:00 tz:UTC", "UTC", date(2026, 11, 23)),  # Wednesday 25 November in UTC: Monday's digest
    ("thu 09:00 tz:Asia/Tokyo", "Asia/Tokyo", date(2026, 11, 26)),  # already Thursday 26 in Tokyo: today's
    ("thu 09:00 tz:America/Mexico_City", "America/Mexico_City", date(2026, 11, 19)),  # still Wednesday there
])
def test_on_demand_the_weeks_are_those_the_digests_covered(workspace, team, clock, config, zone, newest):
    if config:
        workspace.command(team["owner"], f"/digest config {config}")
    now = clock.now()
    assert now.isoformat() == "2026-11-25T15:00:00+00:00"
    moved = trend_for(workspace.deps.db, workspace.deps.directory.actor(TEAM, team["lea"]), now, "Europe/Madrid")
    assert moved.zone == zone and len(moved.weeks) == 12
    assert moved.weeks[-1].week_end == newest and moved.weeks[-1].week_start == newest - timedelta(days=7)
    assert moved.weeks[0].week_start == newest - timedelta(weeks=12)
    with pytest.raises(NotAllowed):
        trend_for(workspace.deps.db, workspace.deps.directory.actor(TEAM, team["m1"]), now, "UTC")


# --- the scheduled round: a picture that did not follow its DM comes at the next run --------------------------------


def lea_alone_at_nine(workspace, leaders, clock) -> datetime:  # type: ignore[no-untyped-def]
    """María leaves the team; the clock goes to the next Monday's 09:00 in Lea's own time zone, a minute after."""
    workspace.command(leaders["owner"], "/alinea team remove @maria")
    zone = ZoneInfo(workspace.deps.directory.zone(leaders["lea"]) or "UTC")
    today = clock.now().astimezone(zone).date()
    monday = today + timedelta(days=(7 - today.weekday()) % 7 or 7)
    clock.set(datetime.combine(monday, time(9, 1), tzinfo=zone).astimezone(UTC))
    return clock.now()


def digests_to(workspace, user_id: str) -> int:  # type: ignore[no-untyped-def]
    return sum(1 for c in workspace.slack.calls_to("chat.postMessage")
               if c.error is None and c.args["channel"] == user_id and "week of" in c.args["text"])


def test_a_picture_slack_refused_comes_at_the_next_run_without_a_second_dm(workspace, leaders, clock,
                                                                          two_rounds):  # noqa: F811
    now = lea_alone_at_nine(workspace, leaders, clock)
    workspace.slack.fail("files.getUploadURLExternal", error="internal_error")
    assert digest_posts.send_due(workspace.deps, now) == 2  # Lea and #leaders
    assert digests_to(workspace, leaders["lea"]) == 1 and shared(workspace) == []
    clock.advance(timedelta(minutes=1))
    assert digest_posts.send_due(workspace.deps, clock.now()) == 0  # no digest sent now: the picture only
    assert digests_to(workspace, leaders["lea"]) == 1
    assert [f["channel"] for f in shared(workspace)] == [dm_of(workspace, leaders["lea"])]
    clock.advance(timedelta(minutes=1))
    assert digest_posts.send_due(workspace.deps, clock.now()) == 0
    assert len(shared(workspace)) == 1


def test_a_process_that_died_between_the_dm_and_the_picture_leaves_the_picture_to_the_next(
        workspace, leaders, clock, two_rounds, monkeypatch):  # noqa: F811
    now = lea_alone_at_nine(workspace, leaders, clock)

    def killed(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise SystemExit("killed")  # as if the process died right after the DM was marked sent

    with monkeypatch.context() as patched:
        patched.setattr(digest_posts, "_share_weekly", killed)
        with pytest.raises(SystemExit):
            digest_posts.send_due(workspace.deps, now)
    assert digests_to(workspace, leaders["lea"]) == 1 and shared(workspace) == []
    other = build_deps(workspace.deps.settings, clock=clock)  # the next process
    try:
        assert digest_posts.send_due(other, clock.now()) == 1  # #leaders, which the dead process never reached
    finally:
        other.db.dispose()
    assert digests_to(workspace, leaders["lea"]) == 1 and len(shared(workspace)) == 1


def test_with_nothing_to_draw_the_week_s_picture_is_settled_not_tried_every_minute(workspace, leaders, clock):
    now = lea_alone_at_nine(workspace, leaders, clock)
    assert digest_posts.send_due(workspace.deps, now) == 2  # Lea and #leaders
    assert shared(workspace) == []
    [settled] = rows(workspace.deps.db, Delivery, Delivery.job == digest_posts.picture_job_id(TEAM))
    assert settled.recipient == leaders["lea"] and settled.sent_at is not None
    calls = len(workspace.slack.calls)
    clock.advance(timedelta(minutes=1))
    assert digest_posts.send_due(workspace.deps, clock.now()) == 0
    assert len(workspace.slack.calls) == calls  # nothing waits: no week computed, nothing asked of Slack
