"""`alinea demo`: a scripted month at a sample company, through the real handlers, on a fresh local store."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.clock import FixedClock
from bot.commitments.posts import send_reminders
from bot.digest.posts import send_week
from bot.i18n import t
from bot.recurrence import period_key
from bot.shadowing import service as shadowing
from bot.simulator import payloads
from bot.simulator.fake_slack import TEAM_ID
from bot.simulator.workspace import Exchange, SimulatedWorkspace
from bot.syncs import service as syncs
from schedules import jobs, runtime

# The sample company: who they are, and which side they take.
OWNER = ("elena", "the CEO, owner of the workspace")
LEADERS = [("carmen", "marketing", "the CMO"), ("ivan", "it", "the CIO")]
MEMBERS = [
    ("marta", "mkt"),
    ("diego", "marketing"),
    ("sofia", "mercadotecnia"),
    ("tomas", "ti"),
    ("priya", "it"),
    ("kenji", "tech"),
]
TIMEZONE = "America/Mexico_City"
LOCALES = {"sofia": "es-LA", "tomas": "es-ES"}  # Sofía and Tomás read Slack in Spanish; everyone else in English
KPIS = [
    ("carmen", 'lead-conversion "Lead conversion rate" target:3.5% owner:marketing'),
    ("carmen", 'retention "Customer retention" target:85% owner:marketing cadence:monthly'),
    ("ivan", 'uptime "Site uptime" target:99.9% owner:it'),
    ("ivan", 'launch-lead-time "Campaign launch lead time" target:14 unit:days direction:down'),
]
# How each person answers the pulse: marketing feels better about it than IT, as the surveys found.
PULSE_ANSWERS = [("carmen", 4), ("marta", 4), ("diego", 5), ("sofia", 3), ("ivan", 3), ("tomas", 2), ("priya", 3),
                 ("kenji", 2)]
# Two of them add a comment, which leaders read in the digest without names once the round has closed.
PULSE_COMMENTS = [("diego", "Asks no longer get lost in email threads"),
                  ("tomas", "We still hear about campaigns a week too late")]
# Six weekly values each, oldest first.
KPI_VALUES = [
    ("lead-conversion", "marta", ["2.6%", "2.9%", "3.0%", "3.2%", "3.3%", "3.4%"]),
    ("retention", "diego", ["86%", "85.5%", "86.2%", "87%", "86.8%", "87.1%"]),
    ("uptime", "priya", ["99.95%", "99.97%", "99.5%", "99.92%", "99.96%", "99.98%"]),
    ("launch-lead-time", "tomas", ["28", "25", "24", "21", "19", "18"]),
]
START = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)  # Monday 09:00 in Mexico City


def run_demo(out: Callable[[str], None]) -> int:
    with tempfile.TemporaryDirectory(prefix="alinea-demo-") as folder:
        store = Path(folder) / "demo.db"
        clock = FixedClock(START)
        workspace = SimulatedWorkspace(f"sqlite:///{store}", clock=clock, alinea_timezone=TIMEZONE)
        try:
            runtime.install(workspace.deps)  # the scheduler's jobs, run here by hand at their times
            Demo(workspace, clock, out).play()
        finally:
            workspace.close()
    return 0


class Demo:
    def __init__(self, workspace: SimulatedWorkspace, clock: FixedClock, out: Callable[[str], None]) -> None:
        self.workspace, self.clock, self.out = workspace, clock, out
        self.people = {OWNER[0]: workspace.add_person(OWNER[0], tz=TIMEZONE, is_owner=True)}
        for name, *_ in LEADERS + MEMBERS:
            self.people[name] = workspace.add_person(name, tz=TIMEZONE, locale=LOCALES.get(name, "en-US"))

    def play(self) -> None:
        self.out("Alinea demo: Northwind Outfitters, where marketing and IT are about to work as one team.")
        self.out(f"The store is a fresh SQLite file; the clock starts on {START:%A %d %B %Y}; no Slack is needed.")
        self.week_1_the_team()
        self.week_2_asks_and_commitments()
        self.week_3_shared_kpis()
        self.week_4_the_alignment_pulse()
        self.week_4_the_cmo_cio_sync()
        self.week_5_shadowing()
        self.the_leaders_digest()
        self.out("\nDemo finished. Try it yourself with `alinea console`.")

    # -- the script ------------------------------------------------------------------------------

    def week_1_the_team(self) -> None:
        self.section("Week 1: the team")
        self.note(f"@{OWNER[0]} is {OWNER[1]}; she puts the two leaders on their sides.")
        for name, side, _title in LEADERS:
            self.say(OWNER[0], f"/alinea team add @{name} {side} leader")
        first = MEMBERS[0][0]
        self.note(f"@{first} opens Alinea's Home tab for the first time: a welcome, and a side to join.")
        self.home(first)
        self.click(first, "Join Marketing")
        self.note("Everyone else joins a side; aliases and either language work (Sofía's and Tomás's Slack is in "
                  "Spanish).")
        for name, side in MEMBERS[1:]:
            self.say(name, f"/alinea join {side}")
        self.say("carmen", "/alinea team")
        self.note("Only admins manage the team:")
        self.say("marta", "/alinea team add @diego it")

    def week_2_asks_and_commitments(self) -> None:
        self.clock.set(START + timedelta(days=7))
        self.section("Week 2: asks and commitments")
        self.note("Carmen asks IT for a landing page. It is posted where everyone can follow it.")
        self.say("carmen", "/ask Landing page for the spring launch due:fri !high #digital-media")
        self.note("Tomás, on the IT side, presses Accept: he owns it now and owes a commitment.")
        self.click("tomas", "Accept")
        self.note("Diego prefers the form: /ask alone opens it.")
        self.say("diego", "/ask")
        self.submit("diego", title="Consent banner for the EU sites", details="Legal wants it before the audit.",
                    due=(self.clock.now() + timedelta(days=10)).date().isoformat(), priority="urgent",
                    category="security")
        self.note("Priya declines an ask IT can't take, saying why.")
        self.say("marta", "/ask Build us a custom CRM to:it")
        self.say("priya", "/ask decline A-3 Let's extend the CRM we have instead; I'll bring options to the sync.")
        self.note("The CIO makes a commitment of his own, and Sofía reviews the open asks in Spanish.")
        self.say("ivan", "/commit Share the Q1 infrastructure roadmap with marketing due:thu")
        self.say("sofia", "/ask list")
        self.clock.advance(timedelta(days=2))
        self.note("Wednesday 09:00: the daily reminders go out, one DM per owner with something due.")
        self.job("reminders", lambda: send_reminders(self.workspace.deps, self.clock.now()))
        self.note("Tomás ships the page and marks the ask done; Carmen is asked whether it met the need.")
        self.say("tomas", "/ask done A-1 Live at /spring with the new hero video")
        self.click("carmen", "5")
        self.say("ivan", "/commit list side")

    def week_3_shared_kpis(self) -> None:
        self.clock.set(START + timedelta(days=14))
        self.section("Week 3: shared KPIs")
        self.note("The leaders agree on four KPIs both sides will watch.")
        for who, definition in KPIS:
            self.say(who, f"/kpi define {definition}")
        self.note("Each side logs the last six weeks of values; here are the first, the rest go in quietly.")
        first = True
        for slug, who, series in KPI_VALUES:
            for weeks_ago, value in zip(range(len(series) - 1, -1, -1), series, strict=True):
                day = (self.clock.now() - timedelta(weeks=weeks_ago)).astimezone(ZoneInfo(TIMEZONE)).date()
                line = f"/kpi log {slug} {value} date:{day.isoformat()}"
                if first:
                    self.say(who, line)
                    first = False
                else:
                    self.show(self.workspace.command(self.people[who], line), quiet=True)
        self.note("Anyone can see where they stand; a value in the wrong unit is refused.")
        self.say("diego", "/kpi")
        self.say("kenji", "/kpi log uptime $12")
        self.note("Carmen looks closer at lead conversion: the numbers here, the chart in her DM.")
        self.say("carmen", "/kpi show lead-conversion")

    def week_4_the_alignment_pulse(self) -> None:
        self.clock.set(START + timedelta(days=21))
        self.section("Week 4: the alignment pulse")
        self.note("Elena sends the alignment pulse; everyone answers privately, without their name. Leaders see a "
                  "round only once it has closed, a week later or when the next round starts.")
        self.say(OWNER[0], "/alinea pulse run")
        for name, score in PULSE_ANSWERS:
            self.workspace.click(self.people[name], str(score), channel=self.people[name])
        for name, comment in PULSE_COMMENTS:
            label = t(self.workspace.deps.directory.language(self.people[name]), "pulse.button.comment")
            self.workspace.click(self.people[name], label, channel=self.people[name])
            self.workspace.submit(self.people[name], comment=comment)

    def week_4_the_cmo_cio_sync(self) -> None:
        self.clock.set(START + timedelta(days=21))
        self.section("Week 4: the CMO–CIO sync")
        self.note("The CIO puts a weekly sync with the CMO on the calendar; its agenda will write itself.")
        self.say("ivan", '/sync schedule "CMO–CIO sync" thu 10:00 with @carmen')
        sync = syncs.get(self.workspace.deps.db, TEAM_ID, 1, self.clock.now())
        meeting = sync.next_meeting(self.clock.now())
        self.clock.set(meeting - timedelta(hours=24))
        self.note("A day before, both are asked for topics; Carmen adds one.")
        self.job("sync reminders", lambda: jobs.sync_reminder(sync.id, period_key(meeting)))
        self.say("carmen", "/sync topic Shared lead scoring between the CRM and the web analytics")
        self.clock.set(meeting)
        self.note("At 10:00 the agenda is posted to their group DM: topics, waiting asks, overdue commitments, "
                  "KPIs off track or stale.")
        self.job("the sync", lambda: jobs.sync_meeting(sync.id, period_key(meeting)))
        self.note("After the meeting Carmen records what they decided and who committed to what.")
        self.click("carmen", "Record outcome")
        self.submit("carmen", decisions="One lead-scoring model owned by both sides\nLaunch lead time reviewed monthly",
                    c1_owner="@tomas", c1_text="Wire CRM events into the scoring model",
                    c1_due=(meeting + timedelta(days=14)).date().isoformat())
        self.say("diego", "/sync history")

    def week_5_shadowing(self) -> None:
        self.clock.set(START + timedelta(days=28))
        self.section("Week 5: job shadowing")
        self.note("Four marketers and three IT people join the rotation; Kenji would rather only host.")
        self.say("marta", "/shadow join")
        for name in ["diego", "sofia", "carmen", "tomas", "priya"]:
            self.quiet(name, "/shadow join")
        self.say("kenji", "/shadow join host")
        self.note("The CIO sets the rhythm and runs the first round now: each pair gets a group DM, in the language "
                  "the two share (Tomás and Sofía read theirs in Spanish), or in both when they share none.")
        self.say("ivan", "/shadow config every:2w on:mon at:10:00 followup:7d")
        self.say("ivan", "/shadow run")
        self.note("A visitor shares what surprised them, and turns an idea into an ask in one step.")
        pair = shadowing.status(self.workspace.deps.db, self.actor("marta"), self.clock.now()).current
        if pair is not None:
            visitor = next(name for name, uid in self.people.items() if uid == pair.visitor_id)
            self.click(visitor, "Done — share learnings", channel=pair.channel_id)
            self.submit(visitor, surprise="How much of the other side's week goes into work we never see",
                        idea="One shared intake form for campaign data requests", make_ask="yes")
        self.say("ivan", "/shadow stats")

    def the_leaders_digest(self) -> None:
        self.clock.set(START + timedelta(days=30))
        self.section("The leaders' digest")
        self.note("The pulse round of week 4 has closed, so the leaders' digest can show it.")
        self.say("carmen", "/digest subscribe")
        self.quiet("ivan", "/digest subscribe")
        self.note("Monday 09:00: the leaders get the weekly digest by DM. This is what Carmen reads.")
        mark = self.workspace.slack.mark()
        send_week(self.workspace.deps, TEAM_ID, self.clock.now(), self.clock.now(), pause=lambda _seconds: None)
        carmen = [c for c in self.workspace.slack.since(mark) if c.args.get("channel") == self.people["carmen"]]
        self.show(Exchange(None, carmen))

    def actor(self, name: str):  # type: ignore[no-untyped-def]
        return self.workspace.deps.directory.actor(TEAM_ID, self.people[name])

    def quiet(self, who: str, line: str) -> None:
        self.show(self.workspace.command(self.people[who], line), quiet=True)

    # -- how each step is shown --------------------------------------------------------------------

    def section(self, title: str) -> None:
        self.out(f"\n== {title} ==")

    def note(self, text: str) -> None:
        self.out(f"\n{text}")

    def say(self, who: str, line: str) -> None:
        self.out(f"\n» @{who} types: {line}")
        self.show(self.workspace.command(self.people[who], line))

    def click(self, who: str, label: str, channel: str | None = None) -> None:
        self.out(f"\n» @{who} presses [{label}]")
        self.show(self.workspace.click(self.people[who], label, channel))

    def submit(self, who: str, **typed: str) -> None:
        self.out(f"\n» @{who} fills in the form: " + ", ".join(f"{k}={v}" for k, v in typed.items()))
        self.show(self.workspace.submit(self.people[who], **typed))

    def home(self, who: str) -> None:
        self.out(f"\n» @{who} opens Alinea's Home tab")
        self.show(self.workspace.dispatch(payloads.event({"type": "app_home_opened", "user": self.people[who],
                                                          "tab": "home"}), payloads.JSON))

    def job(self, name: str, run: Callable[[], object]) -> None:
        self.out(f"\n» the scheduler runs {name}")
        mark = self.workspace.slack.mark()
        run()
        self.show(Exchange(None, self.workspace.slack.since(mark)))

    def show(self, exchange: Exchange, quiet: bool = False) -> None:
        for line in [] if quiet else self.workspace.show(exchange):
            self.out(line)
        refused = [call for call in exchange.calls if call.error]
        if refused:
            raise RuntimeError(f"Slack refused {refused[0].method}: {refused[0].args.get('_errors')}")
