"""App Home: published on app_home_opened, refreshed when asks or commitments change, and its two buttons."""

from __future__ import annotations

from slack_bolt.request import BoltRequest
from sqlalchemy import select

from bot.simulator import payloads
from storage.models import Ask, KpiValue
from tests.helpers import seat


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


def test_home_follows_the_readers_language_and_handles_nobody(workspace, people):
    [published] = open_home(workspace, people["maria"]).to("views.publish")
    assert "Todavía no estás en ningún lado" in home_text(published)
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
    workspace.click(people["ivan"], "Log KPI")
    refused = workspace.submit(people["ivan"], kpi="lcr", value="2%")
    assert "Only members of the side that owns" in refused.response.body


def test_home_stays_within_slacks_limits(workspace, people):
    setup(workspace, people)
    for n in range(30):
        workspace.command(people["sam"], f"/ask {'Long title ' * 12}{n}")
        workspace.command(people["admin"], f'/kpi define k{n} "{"KPI name " * 8}" target:{n + 1}')
    [published] = open_home(workspace, people["ivan"]).to("views.publish")
    assert len(published.args["view"]["blocks"]) <= 100
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
