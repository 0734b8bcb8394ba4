"""/kpi through the real App: define, log, list, show (with the chart upload) and archive."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from matplotlib.image import imread

from storage.models import Kpi, KpiValue
from tests.helpers import PNG_SIGNATURE, rows, seat


@pytest.fixture
def team(workspace, people):
    """Carla leads marketing; Sam is in marketing; Iván in IT."""
    return seat(workspace, people, {"carla": "marketing leader", "sam": "marketing", "ivan": "it"})


def kpis(workspace) -> list[Kpi]:
    return rows(workspace.deps.db, Kpi, order_by=Kpi.slug)


def values(workspace) -> list[tuple[date, float, str, str | None]]:
    return [(v.measured_on, v.value, v.logged_by, v.note)
            for v in rows(workspace.deps.db, KpiValue, order_by=KpiValue.measured_on)]


def define_lcr(workspace, team):
    workspace.command(team["carla"], '/kpi define lcr "Lead conversion rate" target:3.5% owner:marketing')


def test_leaders_define_kpis_with_their_unit_from_the_target(workspace, team):
    exchange = workspace.command(team["carla"], '/kpi define lcr "Lead conversion rate" target:3.5% owner:mkt')
    [kpi] = kpis(workspace)
    assert (kpi.slug, kpi.name, kpi.target, kpi.unit, kpi.direction, kpi.owner, kpi.cadence) == (
        "lcr", "Lead conversion rate", 3.5, "%", "up", "marketing", "weekly")
    assert "Defined *Lead conversion rate* (`lcr`): target ≥ 3.5%, owned by Marketing" in exchange.reply_text


def test_redefining_updates_the_kpi(workspace, team):
    define_lcr(workspace, team)
    exchange = workspace.command(team["carla"], '/kpi define lcr "Lead conversion" target:4% cadence:monthly')
    [kpi] = kpis(workspace)
    assert (kpi.name, kpi.target, kpi.cadence) == ("Lead conversion", 4.0, "monthly")
    assert "Updated *Lead conversion*" in exchange.reply_text


@pytest.mark.parametrize("who", ["sam", "ivan"])
def test_members_cannot_define_or_archive(workspace, team, who):
    refused = workspace.command(team[who], '/kpi define up "Uptime" target:99.9%')
    assert "Only leaders and admins can define or archive KPIs" in refused.reply_text
    define_lcr(workspace, team)
    assert "Only leaders and admins" in workspace.command(team[who], "/kpi archive lcr").reply_text
    assert [k.archived_at for k in kpis(workspace)] == [None]


def test_the_owning_side_logs_values_one_per_day(workspace, team, clock):
    define_lcr(workspace, team)
    first = workspace.command(team["sam"], "/kpi log lcr 3.1% campaign week")
    assert "Logged 3.1% for *Lead conversion rate* on Wed, Nov 25." in first.reply_text
    second = workspace.command(team["sam"], "/kpi log lcr 3.3")
    assert "It replaces the 3.1% logged earlier for that day." in second.reply_text
    workspace.command(team["sam"], "/kpi log lcr 2.9% date:2026-11-18")
    assert values(workspace) == [(date(2026, 11, 18), 2.9, team["sam"], None),
                                 (date(2026, 11, 25), 3.3, team["sam"], None)]


def test_the_other_side_cannot_log_a_kpi_it_does_not_own(workspace, team):
    define_lcr(workspace, team)
    exchange = workspace.command(team["ivan"], "/kpi log lcr 3.2%")
    assert "Only members of the side that owns `lcr` (Marketing) can log it." in exchange.reply_text
    assert values(workspace) == []


def test_shared_kpis_are_logged_by_both_sides_and_admins(workspace, team):
    workspace.command(team["carla"], '/kpi define nps "Customer NPS" target:40')
    for who, value in [("sam", "41"), ("ivan", "42"), ("admin", "43")]:
        workspace.command(team[who], f"/kpi log nps {value} date:2026-11-{20 + int(value) - 40}")
    assert [v[1] for v in values(workspace)] == [41.0, 42.0, 43.0]


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("/kpi log lcr $40k", "measured in %"),
        ("/kpi log lcr lots", "lots"),
        ("/kpi log nope 3", "There is no KPI `nope`"),
        ("/kpi log lcr 3% date:2026-12-25", "2026-12-25"),
        ("/kpi define", None),  # opens the modal instead
        ("/kpi frobnicate", "frobnicate"),
    ],
)
def test_bad_values_are_refused_and_nothing_is_written(workspace, team, line, problem):
    define_lcr(workspace, team)
    exchange = workspace.command(team["sam"], line)
    if problem is None:
        assert exchange.to("views.open")
    else:
        assert problem in exchange.reply_text
        assert "/kpi log <slug> <value>" in exchange.reply_text or "There is no KPI" in exchange.reply_text
    assert values(workspace) == []


def test_money_values_with_suffixes(workspace, team):
    workspace.command(team["carla"], '/kpi define pipeline "Pipeline" target:$250k owner:marketing')
    workspace.command(team["sam"], "/kpi log pipeline $212.5k")
    workspace.command(team["sam"], "/kpi log pipeline 1,234,567 date:2026-11-20")
    assert sorted(v[1] for v in values(workspace)) == [212500.0, 1234567.0]
    assert "$212,500" in workspace.command(team["sam"], "/kpi").reply_text


def status_of(workspace, who) -> str:
    text = workspace.command(who, "/kpi list").reply_text
    for status in ["On track", "At risk", "Off track", "Stale"]:
        if status in text:
            return status
    raise AssertionError(text)


@pytest.mark.parametrize(
    ("direction", "value", "status"),
    [("up", "100", "On track"), ("up", "90", "At risk"), ("up", "89.9", "Off track"), ("up", "120", "On track"),
     ("down", "100", "On track"), ("down", "110", "At risk"), ("down", "110.1", "Off track"), ("down", "5", "On track")],
)
def test_status_at_the_boundaries(workspace, team, direction, value, status):
    workspace.command(team["carla"], f'/kpi define k "K" target:100 direction:{direction}')
    workspace.command(team["sam"], f"/kpi log k {value}")
    assert status_of(workspace, team["sam"]) == status


def test_stale_after_its_cadence(workspace, team, clock):
    workspace.command(team["carla"], '/kpi define k "K" target:100')
    workspace.command(team["sam"], "/kpi log k 100")
    clock.advance(timedelta(days=7))
    assert status_of(workspace, team["sam"]) == "On track"
    clock.advance(timedelta(days=1))
    assert status_of(workspace, team["sam"]) == "Stale"


def test_list_shows_every_active_kpi_with_a_sparkline(workspace, team, clock):
    define_lcr(workspace, team)
    workspace.command(team["carla"], '/kpi define uptime "Site uptime" target:99.9% owner:it')
    for week, value in enumerate(["2.8", "3.0", "3.4", "3.6"]):
        workspace.command(team["sam"], f"/kpi log lcr {value}% date:{date(2026, 11, 4) + timedelta(weeks=week)}")
    text = workspace.command(team["ivan"], "/kpi").reply_text
    assert "Shared KPIs (2)" in text
    assert "*3.6%* · target ≥ 3.5% · `▁▃▆█`" in text
    assert "*Site uptime* `uptime` · :white_circle: No data yet\ntarget ≥ 99.9%" in text


def test_show_has_history_change_and_a_chart_in_the_dm(workspace, team):
    define_lcr(workspace, team)
    for day, value in [("2026-11-11", "3.0"), ("2026-11-18", "3.3")]:
        workspace.command(team["sam"], f"/kpi log lcr {value}% date:{day}")
    exchange = workspace.command(team["ivan"], "/kpi show lcr")
    text = exchange.reply_text
    assert "+0.3% (+10%) :arrow_up_small: better" in text
    assert text.index("Wed, Nov 18") < text.index("Wed, Nov 11")  # newest first
    assert "The chart is in your DM with Alinea." in text
    [opened] = exchange.to("conversations.open")
    assert opened.args["users"] == team["ivan"]
    [url] = exchange.to("files.getUploadURLExternal")
    [done] = exchange.to("files.completeUploadExternal")
    file_id = done.args["files"][0]["id"]
    png = workspace.slack.uploads[file_id]
    assert png.startswith(PNG_SIGNATURE) and int(url.args["length"]) == len(png)
    assert imread(io.BytesIO(png), format="png").shape[:2] == (500, 1000)
    assert done.args["channel_id"] == opened.result["channel"]["id"]
    # Issue 17: alt text, in the reader's language, for whoever can't see the chart
    assert url.args["alt_txt"] == ("Line chart of Lead conversion rate from Wed, Nov 11 to Wed, Nov 18: the latest "
                                   "value is 3.3%; target ≥ 3.5%.")


def test_the_charts_alt_text_is_in_the_readers_language(workspace, team, people):
    define_lcr(workspace, team)
    workspace.command(team["sam"], "/kpi log lcr 3.25% date:2026-11-18")
    workspace.command(people["maria"], "/alinea join mkt")
    exchange = workspace.command(people["maria"], "/kpi show lcr")
    [url] = exchange.to("files.getUploadURLExternal")
    assert url.args["alt_txt"] == ("Gráfica de línea de Lead conversion rate del mié 18 nov al mié 18 nov: el último "
                                   "valor es 3,25\u00a0%; meta ≥ 3,5\u00a0%.")


def test_show_still_answers_when_the_chart_cannot_be_drawn(workspace, team, monkeypatch):
    define_lcr(workspace, team)
    workspace.command(team["sam"], "/kpi log lcr 3%")

    def broken(*args, **kwargs):
        raise RuntimeError("no fonts today")

    monkeypatch.setattr("bot.kpis.posts.kpi_chart", broken)
    exchange = workspace.command(team["sam"], "/kpi show lcr")
    assert "The chart could not be drawn this time." in exchange.reply_text
    assert "Lead conversion rate" in exchange.reply_text
    assert exchange.to("files.completeUploadExternal") == []


def test_the_show_button_in_the_list(workspace, team):
    define_lcr(workspace, team)
    workspace.command(team["sam"], "/kpi list")
    assert "Change since the previous value" in workspace.click(team["sam"], "Show").reply_text


def test_archive_hides_the_kpi_and_define_brings_it_back(workspace, team):
    define_lcr(workspace, team)
    workspace.command(team["sam"], "/kpi log lcr 3%")
    assert "Archived *Lead conversion rate*" in workspace.command(team["carla"], "/kpi archive lcr").reply_text
    assert "Shared KPIs (0)" in workspace.command(team["sam"], "/kpi").reply_text
    assert "is archived" in workspace.command(team["sam"], "/kpi log lcr 3.1%").reply_text
    define_lcr(workspace, team)
    assert "Shared KPIs (1)" in workspace.command(team["sam"], "/kpi").reply_text
    assert len(values(workspace)) == 1


def test_the_define_modal(workspace, team):
    workspace.command(team["carla"], "/kpi define")
    bad = workspace.submit(team["carla"], name="Uptime", slug="Site Uptime!", target="99.9%")
    assert '"slug"' in bad.response.body and kpis(workspace) == []
    bad = workspace.submit(team["carla"], name="Uptime", slug="uptime", target="lots")
    assert '"target"' in bad.response.body and kpis(workspace) == []
    done = workspace.submit(team["carla"], name="Site uptime", slug="uptime", target="99.9%", owner="it",
                            direction="up")
    [kpi] = kpis(workspace)
    assert (kpi.slug, kpi.target, kpi.unit, kpi.owner) == ("uptime", 99.9, "%", "it")
    assert "Defined *Site uptime*" in done.to("chat.postMessage")[0].args["text"]
    workspace.command(team["sam"], "/kpi define")
    refused = workspace.submit(team["sam"], name="X", slug="x", target="1")
    assert "Only leaders" in refused.response.body and len(kpis(workspace)) == 1


# --- issue 15: confirmations that say what was logged, statuses that stay informative ---------------------


@pytest.fixture
def both(workspace, people):
    """Carla leads marketing (English), María is in marketing (Spanish), Iván in IT."""
    return seat(workspace, people, {"carla": "marketing leader", "maria": "marketing", "ivan": "it"})


@pytest.mark.parametrize(("who", "logged", "still", "thousand"), [
    ("carla", "Logged 900 for *MQLs* on Tue, Nov 24.", "The latest value is still 1,000 (Wed, Nov 25).", "1,000"),
    ("maria", "Registré 900 para *MQLs* el mar 24 nov.", "El último valor sigue siendo 1.000 (mié 25 nov).", "1.000"),
])
def test_logging_an_earlier_day_echoes_that_value_and_day_and_the_latest_that_stands(workspace, both, who, logged,
                                                                                     still, thousand):
    workspace.command(both["carla"], '/kpi define mql "MQLs" target:1200 owner:marketing')
    workspace.command(both["carla"], "/kpi log mql 1000")  # Wednesday, Nov 25 in Mexico City
    text = workspace.command(both[who], "/kpi log mql 900 date:yesterday").reply_text
    assert f"{logged} {still}" in text
    assert thousand not in text.split(still)[0]  # the value logged is never the latest echoed back
    today = workspace.command(both[who], "/kpi log mql 1100").reply_text  # today's value: the latest, nothing more
    assert ("Logged 1,100 for *MQLs* on Wed, Nov 25." if who == "carla" else
            "Registré 1.100 para *MQLs* el mié 25 nov.") in today
    assert still not in today and f"{thousand} (" not in today


@pytest.mark.parametrize(("who", "fresh", "stale"), [
    ("carla", ":white_circle: No data yet", ":white_circle: Stale · last value off track"),
    ("maria", ":white_circle: Aún sin datos", ":white_circle: Sin datos recientes · último valor fuera de meta"),
])
def test_a_kpi_reads_no_data_yet_and_a_stale_one_tells_its_last_value(workspace, both, clock, who, fresh, stale):
    workspace.command(both["carla"], '/kpi define mql "MQLs" target:1200 owner:marketing')
    listed = workspace.command(both[who], "/kpi").reply_text
    assert f"*MQLs* `mql` · {fresh}" in listed and "Stale" not in listed and "recientes" not in listed
    workspace.command(both["carla"], "/kpi log mql 500")
    clock.advance(timedelta(days=8))
    assert f"*MQLs* `mql` · {stale}" in workspace.command(both[who], "/kpi").reply_text
    assert stale in workspace.command(both[who], "/kpi show mql").reply_text


@pytest.mark.parametrize(("value", "last"), [("1200", "on track"), ("1100", "at risk"), ("500", "off track")])
def test_a_stale_kpi_keeps_what_its_last_value_said(workspace, both, clock, value, last):
    workspace.command(both["carla"], '/kpi define mql "MQLs" target:1200 owner:marketing')
    workspace.command(both["carla"], f"/kpi log mql {value}")
    clock.advance(timedelta(days=8))
    assert f"Stale · last value {last}" in workspace.command(both["ivan"], "/kpi").reply_text
