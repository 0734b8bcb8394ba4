"""Numbers the reader's way, through the real App: Spanish readers (es-ES, es-LA) type and read `3,2 %` and
`1.234,50`, English readers (en-US, en-GB) `3.2%` and `1,234.50`; a value that reads as two numbers (`$1.234`) is
asked about with a button for each reading, never logged silently; and the KPI modals refuse it under the input."""

from __future__ import annotations

import json
from datetime import date

import pytest

from bot.ids import Action
from bot.kpis import forms as kpi_forms
from bot.kpis import posts as kpi_posts
from bot.kpis import views as kpi_views
from bot.kpis.models import KpiEntry
from bot.kpis.values import Quantity, choice_params
from bot.simulator import payloads
from storage.models import AuditEntry, Kpi, KpiValue
from tests.helpers import rows, seat

NBSP = "\u00a0"
READERS = {  # Slack name → (time zone, locale)
    "lucia": ("Europe/Madrid", "es-ES"),
    "mateo": ("America/Mexico_City", "es-LA"),
    "emma": ("America/New_York", "en-US"),
    "oliver": ("Europe/London", "en-GB"),
}
SPANISH, ENGLISH = ["lucia", "mateo"], ["emma", "oliver"]


@pytest.fixture
def team(workspace, people):
    """Carla leads marketing; the four readers are in marketing."""
    profiles = {name: {"tz": tz, "locale": locale} for name, (tz, locale) in READERS.items()}
    team = seat(workspace, people, {"carla": "marketing leader", **{name: "marketing" for name in READERS}},
                **profiles)
    workspace.command(team["carla"], '/kpi define cac "Customer acquisition cost" target:$1500 direction:down '
                                     "owner:marketing")
    workspace.command(team["carla"], '/kpi define lcr "Lead conversion" target:3.5% owner:marketing')
    workspace.command(team["carla"], '/kpi define mql "MQLs" target:1200 owner:marketing')
    return team


def logged(workspace, slug: str | None = None) -> list[float]:
    """The values stored (of one KPI), oldest first."""
    ids = {k.id for k in rows(workspace.deps.db, Kpi) if slug is None or k.slug == slug}
    return [v.value for v in rows(workspace.deps.db, KpiValue, order_by=KpiValue.id) if v.kpi_id in ids]


def targets(workspace) -> dict[str, tuple[float, str | None]]:
    return {k.slug: (k.target, k.unit) for k in rows(workspace.deps.db, Kpi)}


def log_audits(workspace) -> int:
    return len(rows(workspace.deps.db, AuditEntry, AuditEntry.action == "kpi.log"))


def buttons(exchange) -> dict[str, dict]:
    return {element["text"]["text"]: element for reply in exchange.replies for block in reply.get("blocks", [])
            if block["type"] == "actions" for element in block["elements"]}


# --- the question -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", SPANISH)
def test_a_spanish_readers_dollar_1_234_is_asked_about_and_the_thousands_button_logs_1234_once(workspace, team, who):
    asked = workspace.command(team[who], "/kpi log cac $1.234")
    assert logged(workspace) == []  # nothing before the choice
    assert "¿Quisiste decir *$1.234* o *$1,234* para `cac`?" in asked.reply_text
    assert "escribe $1234 o $1,2340" in asked.reply_text
    assert list(buttons(asked)) == ["$1.234", "$1,234"]
    assert all(len(b["value"]) <= 2000 and b["action_id"].startswith(Action.KPI_VALUE_CHOICE.value)
               for b in buttons(asked).values())
    chosen = workspace.click(team[who], "$1.234")
    assert logged(workspace) == [1234.0]
    [replaced] = chosen.replies
    assert replaced["replace_original"] is True and "Registré $1.234 para *Customer acquisition cost*" in \
        chosen.reply_text
    again = workspace.click(team[who], "$1.234")  # the same question, pressed again
    other = workspace.click(team[who], "$1,234")  # or its other button
    assert logged(workspace) == [1234.0] and log_audits(workspace) == 1
    assert "Registré $1.234" in again.reply_text and "Registré $1.234" in other.reply_text


def test_a_choice_that_fails_after_logging_says_it_is_logged(workspace, team, monkeypatch):
    """What follows the log fails: the reply says the value is saved (looked up by the asking request's key, under
    which it was logged), never that nothing was changed."""
    workspace.command(team["lucia"], "/kpi log cac $1.234")

    def broken(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("the Homes could not be refreshed")

    monkeypatch.setattr(kpi_posts, "logged", broken)
    chosen = workspace.click(team["lucia"], "$1.234")
    assert logged(workspace) == [1234.0]
    assert "quedó guardado, pero algo que debía seguirle falló" in chosen.reply_text
    assert "no se cambió nada" not in chosen.reply_text


@pytest.mark.parametrize("who", ENGLISH)
def test_an_english_readers_dollar_1_234_is_asked_about_too(workspace, team, who):
    asked = workspace.command(team[who], "/kpi log cac $1.234 after the promo")
    assert logged(workspace) == []
    assert "Did you mean *$1,234* or *$1.234* for `cac`?" in asked.reply_text
    assert list(buttons(asked)) == ["$1,234", "$1.234"]
    workspace.click(team[who], "$1.234")
    [value] = rows(workspace.deps.db, KpiValue)
    assert (value.value, value.note) == (1.234, "after the promo")


def test_the_chosen_value_keeps_its_day_and_note(workspace, team):
    workspace.command(team["lucia"], "/kpi log mql 1.500 date:ayer semana de feria")
    workspace.click(team["lucia"], "1.500")
    [value] = rows(workspace.deps.db, KpiValue)
    assert (value.value, value.measured_on.isoformat(), value.note) == (1500.0, "2026-11-24", "semana de feria")


@pytest.mark.parametrize("who", ENGLISH)
def test_an_english_readers_1_234_is_1234_as_always(workspace, team, who):
    reply = workspace.command(team[who], "/kpi log mql 1,234").reply_text
    assert logged(workspace) == [1234.0] and "Logged 1,234 for *MQLs*" in reply
    workspace.command(team[who], "/kpi log cac $1,234.50")
    assert logged(workspace, "cac") == [1234.5]


@pytest.mark.parametrize("who", SPANISH)
def test_a_spanish_readers_1_234_for_a_count_is_asked_about_and_a_percentage_is_not(workspace, team, who):
    asked = workspace.command(team[who], "/kpi log mql 1,234")  # 1,234 MQLs? or 1234?
    assert logged(workspace) == [] and list(buttons(asked)) == ["1.234", "1,234"]
    workspace.command(team[who], "/kpi log lcr 3,250 %")  # a percentage: read the reader's way
    assert logged(workspace, "lcr") == [3.25]


def test_a_forged_or_foreign_choice_logs_nothing(workspace, team):
    asked = workspace.command(team["lucia"], "/kpi log cac $1.234")
    value = buttons(asked)["$1.234"]["value"]
    raw, _, seal = value.rpartition(".")
    forged = json.loads(raw)
    forged["entry"]["quantity"]["number"] = 1.0
    for user, sent in [(team["lucia"], json.dumps(forged) + "." + seal), (team["lucia"], value[:-3]),
                       (team["mateo"], value), (team["lucia"], "garbage")]:
        body = payloads.block_action(f"{Action.KPI_VALUE_CHOICE.value}_1", user, workspace.slack.response_url(),
                                     value=sent)
        exchange = workspace.dispatch(body, payloads.FORM)
        assert "ya no puede leer esta elección" in exchange.reply_text or "can't read this choice" in \
            exchange.reply_text
    assert logged(workspace) == []


# --- unambiguous values, read and shown the reader's way ------------------------------------------------------


@pytest.mark.parametrize("who", SPANISH)
def test_spanish_readers_log_decimal_commas_and_read_them_back(workspace, team, who):
    reply = workspace.command(team[who], "/kpi log lcr 3,2%").reply_text
    assert logged(workspace, "lcr") == [3.2]
    assert f"Registré 3,2{NBSP}% para *Lead conversion*" in reply and f"meta ≥ 3,5{NBSP}%" in reply
    workspace.command(team[who], "/kpi log cac 1.234,50")
    assert logged(workspace, "cac") == [1234.5]
    listed = workspace.command(team[who], "/kpi").reply_text
    assert "*$1.234,50*" in listed and f"*3,2{NBSP}%*" in listed and "$1.500" in listed
    workspace.command(team[who], "/kpi log lcr 99,95 % date:ayer")
    workspace.command(team[who], "/kpi log mql 2,1 M")
    assert logged(workspace, "lcr") == [3.2, 99.95] and logged(workspace, "mql") == [2_100_000.0]


@pytest.mark.parametrize("who", ENGLISH)
def test_english_readers_see_the_english_way(workspace, team, who):
    workspace.command(team[who], "/kpi log cac $38.5")
    workspace.command(team[who], "/kpi log lcr 3.2%")
    listed = workspace.command(team[who], "/kpi").reply_text
    assert "*$38.50*" in listed and "*3.2%*" in listed and "target ≤ $1,500" in listed


def test_the_same_value_reads_each_readers_way_in_list_show_and_home(workspace, team):
    workspace.command(team["emma"], "/kpi log cac $1,234.5")
    assert "*$1,234.50*" in workspace.command(team["oliver"], "/kpi show cac").reply_text
    assert "*$1.234,50*" in workspace.command(team["mateo"], "/kpi show cac").reply_text
    home = workspace.dispatch(payloads.event({"type": "app_home_opened", "user": team["lucia"], "tab": "home"}),
                              payloads.JSON)
    assert "$1.234,50" in str(home.to("views.publish")[0].args["view"]["blocks"])


def test_define_asks_for_an_unambiguous_target(workspace, team):
    refused = workspace.command(team["carla"], '/kpi define leads "Leads" target:1.500')
    assert "Did you mean 1,500 or 1.5?" in refused.reply_text and "type 1500 or 1.5 " in refused.reply_text
    workspace.command(team["owner"], "/alinea team add @mateo marketing leader")
    refused = workspace.command(team["mateo"], '/kpi define leads "Leads" target:1.500')
    assert "¿Quisiste decir 1.500 o 1,5?" in refused.reply_text
    workspace.command(team["mateo"], '/kpi define leads "Leads" target:1500')
    workspace.command(team["mateo"], '/kpi define nps "NPS" target:99,5 %')
    assert targets(workspace)["leads"] == (1500.0, None) and targets(workspace)["nps"] == (99.5, "%")


# --- the modals -------------------------------------------------------------------------------------------


def open_home(workspace, user_id):
    return workspace.dispatch(payloads.event({"type": "app_home_opened", "user": user_id, "tab": "home"}),
                              payloads.JSON)


@pytest.mark.parametrize(("who", "typed", "expected"), [
    ("lucia", "$1.234", "¿Quisiste decir $1.234 o $1,234?"),
    ("emma", "1.234", "Did you mean $1,234 or $1.234?"),
])
def test_the_log_modal_refuses_an_ambiguous_value_under_its_input(workspace, team, who, typed, expected):
    open_home(workspace, team[who])
    workspace.click(team[who], "Log KPI" if who == "emma" else "Registrar KPI")
    refused = workspace.submit(team[who], kpi="cac", value=typed)
    errors = json.loads(refused.response.body)["errors"]
    assert list(errors) == ["value"] and errors["value"].startswith(expected) and len(errors["value"]) <= 150
    assert logged(workspace) == []
    workspace.submit(team[who], kpi="cac", value="1.234,0" if who == "lucia" else "1,234.0")
    assert logged(workspace) == [1234.0]


def test_the_define_modal_refuses_an_ambiguous_target_under_its_input(workspace, team):
    workspace.command(team["carla"], "/kpi define")
    refused = workspace.submit(team["carla"], name="Pipeline", slug="pipeline", target="$250.000")
    errors = json.loads(refused.response.body)["errors"]
    assert list(errors) == ["target"] and "$250,000 or $250" in errors["target"]
    workspace.submit(team["carla"], name="Pipeline", slug="pipeline", target="$250,000")
    assert targets(workspace)["pipeline"] == (250_000.0, "$")


def test_a_choice_too_long_for_a_button_only_says_how_to_type_each():
    entry = KpiEntry(slug="cac", quantity=Quantity(number=1234, symbol="$", other_reading=1.234), note="\x01" * 300)
    assert kpi_forms.choice_values(b"key", "U1", "command:1", entry, (1234.0, 1.234), date(2026, 11, 25)) is None
    shorter = entry.model_copy(update={"note": "é" * 300})
    values = kpi_forms.choice_values(b"key", "U1", "command:1", shorter, (1234.0, 1.234), date(2026, 11, 25))
    assert values is not None and all(len(value) <= 2000 for value in values)
    assert kpi_forms.chosen_entry(b"key", values[1], "U1") == (
        shorter.model_copy(update={"quantity": Quantity(number=1.234, symbol="$"), "on": date(2026, 11, 25)}),
        "command:1")
    readings = choice_params(entry.quantity, "$", "en")
    message = kpi_views.value_choice("en", "cac", readings, None)
    assert [block["type"] for block in message.blocks] == ["section", "context"]
    assert "type $1234 or $1.2340" in str(message.blocks)
