"""Every string Alinea stores fits its column: each limit the app enforces is at most its column's length, and every
input driven at its limit through the real App is stored whole. SQLite does not enforce lengths, so the second half
proves it only in the PostgreSQL pass (.ci/run), where a longer value would fail the request."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs
from zoneinfo import available_timezones

import pytest
from sqlalchemy import String

from bot.asks.models import COMMENT_LIMIT, LINK_LIMIT, TITLE_LIMIT
from bot.commitments.models import TEXT_LIMIT
from bot.ids import Action
from bot.kpis.models import NAME_LIMIT as KPI_NAME_LIMIT
from bot.kpis.models import NOTE_LIMIT, SLUG_LIMIT, UNIT_LIMIT
from bot.pulse import service as pulse
from bot.recurrence import manual_period, period_key
from bot.simulator import payloads
from bot.syncs import service as syncs
from bot.syncs.models import DECISION_LIMIT, TOPIC_LIMIT
from bot.syncs.models import NAME_LIMIT as SYNC_NAME_LIMIT
from bot.workspace.models import CHANNEL_LIMIT, ZONE_LIMIT
from schedules import jobs, runtime
from storage.models import (
    Ask,
    Commitment,
    Delivery,
    Kpi,
    KpiValue,
    PulseAnswer,
    PulseRound,
    ShadowRound,
    Sync,
    SyncDecision,
    SyncTopic,
    WorkspaceSettings,
)
from tests.helpers import rows, seat


def length(column: object) -> int:
    kind = column.type  # type: ignore[attr-defined]
    assert isinstance(kind, String) and kind.length, column
    return kind.length


@pytest.mark.parametrize(("limit", "column"), [
    (TITLE_LIMIT, Ask.title), (COMMENT_LIMIT, Ask.decline_reason), (COMMENT_LIMIT, Ask.done_note),
    (LINK_LIMIT, Ask.source_link), (TEXT_LIMIT, Commitment.text), (KPI_NAME_LIMIT, Kpi.name),
    (SLUG_LIMIT, Kpi.slug), (UNIT_LIMIT, Kpi.unit), (NOTE_LIMIT, KpiValue.note), (SYNC_NAME_LIMIT, Sync.name),
    (TOPIC_LIMIT, SyncTopic.text), (DECISION_LIMIT, SyncDecision.text), (pulse.COMMENT_LIMIT, PulseAnswer.comment),
    (CHANNEL_LIMIT, WorkspaceSettings.channel_id), (ZONE_LIMIT, WorkspaceSettings.timezone),
    (CHANNEL_LIMIT, WorkspaceSettings.marketing_channel_id), (CHANNEL_LIMIT, WorkspaceSettings.it_channel_id),
], ids=lambda value: getattr(value, "key", str(value)))
def test_each_limit_fits_its_column(limit, column):
    assert limit <= length(column)


def test_every_period_fits_the_columns_that_keep_it():
    latest = datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)
    periods = [manual_period(latest), period_key(latest), f"round-{10 ** 9}", latest.date().isoformat()]
    for column in (Delivery.period, ShadowRound.period, PulseRound.period):
        assert max(map(len, periods)) <= length(column), column


@pytest.fixture
def team(workspace, people):
    runtime.install(workspace.deps)
    return seat(workspace, people, {"carla": "marketing leader", "ivo": "it leader", "sam": "marketing",
                                    "ivan": "it"})


def test_inputs_at_their_limits_are_stored_whole(workspace, team, clock):
    db = workspace.deps.db
    title = "T" * TITLE_LIMIT
    assert "Logged *A-1*" in workspace.command(team["sam"], f"/ask {title} due:fri").reply_text
    assert "Logged *A-2*" in workspace.command(team["sam"], f"/ask {'U' * TITLE_LIMIT}").reply_text
    workspace.command(team["ivan"], "/ask accept A-1")
    workspace.command(team["ivan"], f"/ask done A-1 {'n' * COMMENT_LIMIT}")
    workspace.command(team["ivan"], f"/ask decline A-2 {'r' * COMMENT_LIMIT}")
    first, second = rows(db, Ask, order_by=Ask.number)
    assert (first.title, first.done_note, second.decline_reason) == (title, "n" * COMMENT_LIMIT, "r" * COMMENT_LIMIT)

    workspace.command(team["sam"], f"/commit {'c' * TEXT_LIMIT} due:fri")
    assert rows(db, Commitment)[-1].text == "c" * TEXT_LIMIT

    slug, name, unit = "k" * SLUG_LIMIT, "N" * KPI_NAME_LIMIT, "u" * UNIT_LIMIT
    assert "Defined" in workspace.command(team["carla"], f'/kpi define {slug} "{name}" target:5 unit:{unit}').reply_text
    workspace.command(team["sam"], f"/kpi log {slug} 4 {'o' * NOTE_LIMIT}")
    assert (rows(db, Kpi)[0].name, rows(db, Kpi)[0].unit, rows(db, KpiValue)[0].note) == (name, unit, "o" * NOTE_LIMIT)

    sync_name = "S" * SYNC_NAME_LIMIT
    workspace.command(team["carla"], f'/sync schedule "{sync_name}" thu 10:00 with @ivo')
    workspace.command(team["carla"], f"/sync topic {'p' * TOPIC_LIMIT}")
    assert (rows(db, Sync)[0].name, rows(db, SyncTopic)[0].text) == (sync_name, "p" * TOPIC_LIMIT)
    sync = syncs.get(db, "T0ALINEA", 1, clock.now())
    meeting = sync.next_meeting(clock.now())
    clock.set(meeting)
    jobs.sync_meeting(sync.id, period_key(meeting))
    workspace.click(team["carla"], "Record outcome")
    saved = workspace.submit(team["carla"], decisions="d" * DECISION_LIMIT, c1_owner="@ivan",
                             c1_text="w" * TEXT_LIMIT, c1_due=(meeting + timedelta(days=7)).date().isoformat())
    assert saved.status == 200 and rows(db, SyncDecision)[0].text == "d" * DECISION_LIMIT
    assert rows(db, Commitment)[-1].text == "w" * TEXT_LIMIT


def test_a_pulse_round_started_by_hand_is_stored_and_answered(workspace, team, clock):
    """Its period (`manual:<the moment>`) is longer than the deliveries' period column once was."""
    clock.advance(timedelta(microseconds=123456))  # as a real clock's moments are
    started = workspace.command(team["owner"], "/alinea pulse run")
    assert "Something went wrong" not in started.reply_text and "Pulse round 1 is out" in started.reply_text
    assert max(len(pulse_round.period) for pulse_round in rows(workspace.deps.db, PulseRound)) > 32


def test_the_longest_time_zone_and_channel_are_stored_whole(workspace, people):
    """Every IANA zone fits the workspace's time zone column; the longest, and a channel ID as long as Slack's may
    be, chosen in the settings modal, are stored as they are."""
    longest = max(available_timezones(), key=len)
    assert len(longest) <= ZONE_LIMIT
    workspace.command(people["owner"], "/alinea settings")
    workspace.click(people["owner"], "Change settings")
    payload = json.loads(parse_qs(workspace.submission(people["owner"]))["payload"][0])
    values = payload["view"]["state"]["values"]
    channel = "C" + "A" * (CHANNEL_LIMIT - 1)
    values["timezone"] = {Action.INPUT.value: {"type": "static_select", "selected_option": {"value": longest}}}
    for block in ("channel", "marketing_channel", "it_channel"):  # a side's own: the form of an org-wide install
        values[block] = {Action.INPUT.value: {"type": "conversations_select", "selected_conversation": channel}}
    assert workspace.dispatch(payloads.interactive(payload), payloads.FORM).status == 200
    [stored] = rows(workspace.deps.db, WorkspaceSettings, order_by=WorkspaceSettings.workspace_id)
    assert (stored.timezone, stored.channel_id) == (longest, channel)
    assert (stored.marketing_channel_id, stored.it_channel_id) == (channel, channel)
