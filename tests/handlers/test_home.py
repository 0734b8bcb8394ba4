"""App Home: published on app_home_opened, refreshed when asks or commitments change, and its two buttons."""

from __future__ import annotations

from slack_bolt.request import BoltRequest
from sqlalchemy import select

from bot.simulator import payloads
from storage.models import Ask, KpiValue, Member
from tests.helpers import rows, seat


def open_home(workspace, user_id):
    return workspace.dispatch(payloads.event({"type": "app_home_opened", "user": user_id, "tab": "home"}),
                              payloads.JSON)


def home_text(call) -> str:
    return str(call.args["view"]["blocks"])


def setup(workspace, people):
    seat(workspace, people, {"sam": "marketing", "ivan": "it", "adam": "marketing leader"})


def test_opening_home_publishes_every_section(workspace, people, clock):
    setup(workspace, people)
    workspace.command(people["sam"], "/ask Landing page due:fri")
    workspace.command(people["ivan"], "/commit Patch the CMS due:tomorrow")
    workspace.command(people["admin"], '/kpi define lcr "Lead conversion" target:3.5%')
    workspace.command(people["admin"], '/sync schedule "CMO–CIO" mon 09:00 with @ivan')
    exchange = open_home(workspace, people["ivan"])
    assert exchange.status == 200
    [published] = exchange.to("views.publish")
    assert published.args["user_id"] == people["ivan"] and published.args["view"]["type"] == "home"
    text = home_text(published)
    for expected in ["Asks waiting for your side", "*A-1* Landing page", "Your commitments", "Patch the CMS",
                     "Lead conversion", "Your next sync", "S-1 · CMO–CIO", "New ask", "Log KPI"]:
        assert expected in text, expected


def test_home_follows_the_readers_language(workspace, people):
    workspace.command(people["maria"], "/alinea join mkt")
    [published] = open_home(workspace, people["maria"]).to("views.publish")
    assert "Estás en el lado de *Mercadotecnia*" in home_text(published)
    assert "Nada por ahora." in home_text(published)


def test_changes_to_asks_and_commitments_refresh_the_homes_concerned(workspace, people):
    setup(workspace, people)
    created = workspace.command(people["sam"], "/ask Landing page due:fri")
    assert [c.args["user_id"] for c in created.to("views.publish")] == [people["sam"]]
    accepted = workspace.command(people["ivan"], "/ask accept A-1")
    assert sorted(c.args["user_id"] for c in accepted.to("views.publish")) == sorted([people["sam"], people["ivan"]])
    assert "*A-1* Landing page" in home_text(accepted.to("views.publish")[0])
    done = workspace.command(people["ivan"], "/commit done C-1")
    assert [c.args["user_id"] for c in done.to("views.publish")] == [people["ivan"]]


def test_new_ask_and_log_kpi_from_home(workspace, people):
    setup(workspace, people)
    workspace.command(people["admin"], '/kpi define lcr "Lead conversion" target:3.5% owner:marketing')
    open_home(workspace, people["sam"])
    workspace.click(people["sam"], "New ask")
    workspace.submit(people["sam"], title="Data export for the campaign")
    with workspace.deps.db.transaction() as session:
        assert [a.title for a in session.scalars(select(Ask))] == ["Data export for the campaign"]
    open_home(workspace, people["sam"])
    workspace.click(people["sam"], "Log KPI")
    bad = workspace.submit(people["sam"], kpi="lcr", value="lots")
    assert '"value"' in bad.response.body
    done = workspace.submit(people["sam"], kpi="lcr", value="3.1%", note="after the launch")
    with workspace.deps.db.transaction() as session:
        assert [(v.value, v.note) for v in session.scalars(select(KpiValue))] == [(3.1, "after the launch")]
    assert "Logged 3.1%" in done.to("chat.postMessage")[0].args["text"]
    open_home(workspace, people["ivan"])
    offered = workspace.click(people["ivan"], "Log KPI")  # lcr is marketing's: IT is not offered it
    assert "There is no KPI you can log" in str(offered.to("views.open")[0].args["view"])
    body = payloads.view_submission("kpi_log", people["ivan"], {
        "kpi": {"value": {"type": "static_select", "selected_option": {"value": "lcr"}}},
        "value": {"value": {"type": "plain_text_input", "value": "2%"}}})
    assert "Only members of the side that owns" in workspace.dispatch(body, payloads.FORM).response.body


def test_log_kpi_from_home_takes_a_day_and_offers_only_what_the_person_may_log(workspace, people, clock):
    setup(workspace, people)
    workspace.command(people["admin"], '/kpi define lcr "Lead conversion" target:3.5% owner:marketing')
    workspace.command(people["admin"], '/kpi define up "Uptime" target:99.9% owner:it')
    workspace.command(people["admin"], '/kpi define lt "Lead time" target:14 unit:days owner:shared')
    open_home(workspace, people["sam"])
    opened = workspace.click(people["sam"], "Log KPI").to("views.open")[0].args["view"]
    offered = [o["value"] for b in opened["blocks"] if b.get("block_id") == "kpi" for o in b["element"]["options"]]
    assert offered == ["lcr", "lt"]
    too_early = workspace.submit(people["sam"], kpi="lcr", value="3%", date="1999-12-31")
    assert "from 2000-01-01 to today" in too_early.response.body
    workspace.submit(people["sam"], kpi="lcr", value="3%", date="2026-11-20")
    workspace.click(people["sam"], "Log KPI")
    workspace.submit(people["sam"], kpi="lt", value="12")  # the day left as it was: today
    with workspace.deps.db.transaction() as session:
        logged = sorted((v.measured_on.isoformat(), v.value) for v in session.scalars(select(KpiValue)))
    assert logged == [("2026-11-20", 3.0), (clock.now().date().isoformat(), 12.0)]


def test_a_first_visit_is_welcomed_and_joins_a_side_from_home(workspace, people):
    [welcome] = open_home(workspace, people["sam"]).to("views.publish")
    text = home_text(welcome)
    assert "Welcome to Alinea" in text and "Join Marketing" in text and "Join IT" in text
    assert "New ask" not in text  # nothing offered that would fail for someone on no side
    joined = workspace.click(people["sam"], "Join IT")
    [published] = joined.to("views.publish")
    assert "You are on the *IT* side" in home_text(published) and "New ask" in home_text(published)
    assert any("You are now on the *IT* side" in str(c.args) for c in joined.calls)  # told, in their DM
    [spanish] = open_home(workspace, people["maria"]).to("views.publish")
    assert "Te damos la bienvenida a Alinea" in home_text(spanish) and "Unirme a Mercadotecnia" in home_text(spanish)
    workspace.click(people["maria"], "Unirme a Mercadotecnia")
    with workspace.deps.db.transaction() as session:
        assert {m.user_id: m.side for m in session.scalars(select(Member))} == {people["sam"]: "it",
                                                                              people["maria"]: "marketing"}


def test_home_stays_within_slacks_limits(workspace, people):
    setup(workspace, people)
    for n in range(30):
        workspace.command(people["sam"], f"/ask {'Long title ' * 12}{n}")
        workspace.command(people["admin"], f'/kpi define k{n} "{"KPI name " * 8}" target:{n + 1}')
    [published] = open_home(workspace, people["ivan"]).to("views.publish")
    assert len(published.args["view"]["blocks"]) <= 100
    assert "…and 10 more: `/kpi list` shows them all." in home_text(published)
    # the fixture checks the view against slack_sdk's models when the test ends


def test_slack_retries_of_an_event_do_no_work_twice(workspace, people):
    body = payloads.event({"type": "app_home_opened", "user": people["sam"], "tab": "home"}, event_id="Ev42")
    first = workspace.dispatch(body, payloads.JSON)
    headers = payloads.signature_headers(workspace.signing_secret, body) | {"content-type": payloads.JSON,
                                                                           "x-slack-retry-num": "1",
                                                                           "x-slack-retry-reason": "http_timeout"}
    mark = workspace.slack.mark()
    retry = workspace.app.dispatch(BoltRequest(body=body, headers={k: [v] for k, v in headers.items()}))
    assert first.status == 200 and len(first.to("views.publish")) == 1
    assert retry.status == 200 and workspace.slack.since(mark) == []


def test_home_lists_say_how_many_more_and_asks_carry_their_buttons(workspace, people):
    setup(workspace, people)
    for n in range(11):
        workspace.command(people["sam"], f"/ask Request number {n}")
    workspace.command(people["ivan"], "/ask accept A-1 due:fri")
    [ivan_home] = open_home(workspace, people["ivan"]).to("views.publish")
    blocks = ivan_home.args["view"]["blocks"]
    text = home_text(ivan_home)
    assert "…and 2 more: `/ask list open to:it` shows them all." in text  # 10 waiting, 8 shown
    waiting_buttons = [e for b in blocks if b["type"] == "actions" for e in b["elements"]
                       if e["action_id"] in ("ask_accept", "ask_decline")]
    assert len(waiting_buttons) == 16
    assert any(e["action_id"] == "ask_done" and e["value"] == "1" for b in blocks if b["type"] == "actions"
               for e in b["elements"])  # Ivan owns A-1 now
    [sam_home] = open_home(workspace, people["sam"]).to("views.publish")
    assert "…and 3 more: `/ask list mine` shows them all." in home_text(sam_home)
    # a button on Home works like the one on the card
    workspace.click(people["ivan"], "Accept")  # A-2 has no due date: the form asks for one, as on the card
    workspace.submit(people["ivan"], due="2026-12-04")
    assert [a.status for a in rows(workspace.deps.db, Ask, order_by=Ask.number)][:2] == ["accepted", "accepted"]
    [spanish] = open_home(workspace, seat(workspace, people, {"maria": "it"})["maria"]).to("views.publish")
    assert "…y 1 más: `/ask list open to:it` muestra la lista completa." in home_text(spanish)
