"""`alinea demo`: a scripted month at a sample company, through the real handlers, on a fresh local store.

Time moves only on the demo's `FixedClock`; what the scheduler would do runs as its jobs (`schedules.jobs`), at the
moments the scheduler plans them (`schedules.scheduler.plan_all`) or, for the sends at each reader's own local time,
at that minute. What Slack would show is printed as a person reads it: people and conversations by name, and a
Home tab in full only twice (at the start and at the end), a one-line note whenever one is refreshed in between."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Collection
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.clock import FixedClock
from bot.i18n import t
from bot.shadowing import service as shadowing
from bot.simulator import payloads
from bot.simulator.fake_slack import TEAM_ID, Call
from bot.simulator.workspace import Exchange, SimulatedWorkspace
from schedules import jobs, runtime
from schedules.scheduler import plan_all

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
ZONE = ZoneInfo(TIMEZONE)
LOCALES = {"sofia": "es-LA", "tomas": "es-ES"}  # Sofía and Tomás read Slack in Spanish; everyone else in English
CHANNEL_NAME = "marketing-it"  # the channel where the demo's commands are typed (the fake Slack's default channel)
KPIS = [
    ("carmen", 'lead-conversion "Lead conversion rate" target:3.5% owner:marketing'),
    ("carmen", 'retention "Customer retention" target:85% owner:marketing cadence:monthly'),
    ("ivan", 'uptime "Site uptime" target:99.9% owner:it'),
    ("ivan", 'launch-lead-time "Campaign launch lead time" target:14 unit:days direction:down'),
]
# Six weekly values each, oldest first, logged in week 3 for the weeks before; then one a week, in weeks 4 and 5.
# By the digest lead conversion is at risk, launch lead time off track, uptime and retention on track.
KPI_VALUES = [
    ("lead-conversion", "marta", ["2.6%", "2.9%", "3.0%", "3.2%", "3.3%", "3.4%"], ["3.3%", "3.4%"]),
    ("retention", "diego", ["86%", "85.5%", "86.2%", "87%", "86.8%", "87.1%"], ["87.3%", "87.6%"]),
    ("uptime", "priya", ["99.95%", "99.97%", "99.5%", "99.92%", "99.96%", "99.98%"], ["99.97%", "99.95%"]),
    ("launch-lead-time", "tomas", ["28", "25", "24", "21", "19", "18"], ["19", "17"]),
]
# How each person answers the pulse: marketing feels better about it than IT, as the surveys found.
PULSE_ANSWERS = [("marta", 4), ("diego", 5), ("sofia", 3), ("ivan", 3), ("tomas", 2), ("priya", 3), ("kenji", 2)]
# Two of them add a comment, which leaders read in the digest without names once the round has closed.
PULSE_COMMENTS = [("diego", "Asks no longer get lost in email threads"),
                  ("tomas", "We still hear about campaigns a week too late")]
START = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)  # Monday 2 November 2026, 09:00 in Mexico City
CONSOLE_POINTER = "Try it yourself with `make console`."

_THREAD = re.compile(r" \(thread (\d+\.\d+)\)")
_UPDATED = re.compile(r"^→ updated message (\d+\.\d+) in ")
_FIRST_WORDS = re.compile(r"[*_`]|:[a-z0-9_+'-]+:")


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


def _shortened(words: str, most: int = 48) -> str:
    return words if len(words) <= most else words[: most - 1].rstrip() + "…"


def local(day: date, hour: int, minute: int = 0) -> datetime:
    """`day` at `hour:minute` in Mexico City, where everyone at the sample company works."""
    return datetime.combine(day, time(hour, minute), tzinfo=ZONE).astimezone(UTC)


class Demo:
    def __init__(self, workspace: SimulatedWorkspace, clock: FixedClock, out: Callable[[str], None]) -> None:
        self.workspace, self.clock, self.out = workspace, clock, out
        self.people = {OWNER[0]: workspace.add_person(OWNER[0], tz=TIMEZONE, is_owner=True)}
        for name, *_ in LEADERS + MEMBERS:
            self.people[name] = workspace.add_person(name, tz=TIMEZONE, locale=LOCALES.get(name, "en-US"))
        self.first_day = START.astimezone(ZONE).date()
        self.titles: dict[str, str] = {}  # a posted message's ts → its first words, to name its thread
        self.card_shown = False  # whether an ask's card was printed in full yet

    def play(self) -> None:
        self.out("Alinea demo: Northwind Outfitters, where marketing and IT are about to work as one team.")
        self.out("Carmen is the CMO, Ivan the CIO, Elena the CEO. A month of their Slack, from Monday 2 November "
                 "2026, on a fresh SQLite store and a fake Slack.")
        self.week_1_the_team()
        self.week_2_asks_and_commitments()
        self.week_3_shared_kpis()
        self.week_4_the_pulse_and_the_first_sync()
        self.week_5_shadowing_and_the_second_sync()
        self.the_leaders_digest()
        self.out(f"\n{CONSOLE_POINTER}")

    # -- the script ------------------------------------------------------------------------------

    def week_1_the_team(self) -> None:
        self.section(0, "the team")
        self.note("Carmen opens Alinea's Home tab for the first time: a welcome, and a side to join.")
        self.home("carmen")
        self.note(f"@{OWNER[0]} is {OWNER[1]}; she puts the two leaders on their sides (Ivan's goes the same way).")
        for number, (name, side, _title) in enumerate(LEADERS):
            (self.say if number == 0 else self.quiet)(OWNER[0], f"/alinea team add @{name} {side} leader")
        first = MEMBERS[0][0]
        self.note(f"@{first} joins from the welcome on her Home tab; the others type it, with aliases and in either "
                  "language (Sofía's and Tomás's Slack is in Spanish): Sofía's is shown.")
        self.show(self.open_home(first), quiet=True)
        self.click(first, "Join Marketing")
        for name, side in MEMBERS[1:]:
            (self.say if name == "sofia" else self.quiet)(name, f"/alinea join {side}")

    def week_2_asks_and_commitments(self) -> None:
        self.section(7, "asks and commitments")
        self.note("Carmen asks IT for a landing page, in the channel both sides share: everyone can follow it.")
        self.say("carmen", "/ask Landing page for the spring launch due:fri !high #digital-media")
        self.note("Tomás, on the IT side, presses Accept: he owns it now and owes a commitment.")
        self.click("tomas", "Accept")
        self.note("Diego logs an urgent one (A-2) and Marta asks IT for a custom CRM (A-3); their cards go to "
                  "#marketing-it like A-1's. Priya declines the CRM, saying why.")
        self.quiet("diego", "/ask Consent banner for the EU sites due:+10d !urgent #security")
        self.quiet("marta", "/ask Build us a custom CRM to:it")
        self.say("priya", "/ask decline A-3 Let's extend the CRM we have instead; I'll bring options to the sync.")
        self.note("The CIO makes a commitment of his own, and Sofía reviews the open asks in Spanish.")
        self.say("ivan", "/commit Share the Q1 infrastructure roadmap with marketing due:thu")
        self.say("sofia", "/ask list")
        self.at(9, 9)
        self.job("the commitment reminders (09:00 in each owner's time zone)", jobs.commitment_reminders)
        self.note("Tomás ships the page and marks the ask done; Carmen is asked whether it met the need.")
        self.say("tomas", "/ask done A-1 Live at /spring with the new hero video")
        self.click("carmen", "5")

    def week_3_shared_kpis(self) -> None:
        self.section(14, "shared KPIs")
        self.note("The leaders agree on four KPIs both sides will watch; the first is shown, the others go in the "
                  "same way. Each side then logs the last six weeks of values, quietly.")
        for number, (who, definition) in enumerate(KPIS):
            (self.say if number == 0 else self.quiet)(who, f"/kpi define {definition}")
        for slug, who, series, _later in KPI_VALUES:
            for weeks_ago, value in zip(range(len(series) - 1, -1, -1), series, strict=True):
                day = self.today() - timedelta(weeks=weeks_ago)
                self.quiet(who, f"/kpi log {slug} {value} date:{day.isoformat()}")
        self.note("Carmen looks closer at lead conversion: the figures here, the chart in her DM.")
        self.say("carmen", "/kpi show lead-conversion")
        self.at(16, 11)
        self.note("Elena schedules the alignment pulse: every four weeks, Monday 09:00 in each person's time zone.")
        self.say(OWNER[0], "/alinea pulse config every:4w on:mon at:09:00")

    def week_4_the_pulse_and_the_first_sync(self) -> None:
        self.section(21, "the alignment pulse and the first CMO–CIO sync")
        self.job("the pulse questions (Monday 09:00 for each person)", jobs.pulse_questions,
                 full=("carmen", "sofia"))
        self.note("Everyone answers privately, without their name. Leaders read a round only once it has closed, a "
                  "week later.")
        self.click("carmen", "4", channel=self.people["carmen"])
        for name, score in PULSE_ANSWERS:
            self.show(self.workspace.click(self.people[name], str(score), channel=self.people[name]), quiet=True)
        for name, comment in PULSE_COMMENTS:
            label = t(self.workspace.deps.directory.language(self.people[name]), "pulse.button.comment")
            self.show(self.workspace.click(self.people[name], label, channel=self.people[name]), quiet=True)
            self.show(self.workspace.submit(self.people[name], comment=comment), quiet=True)
        self.note("The CIO puts a weekly sync with the CMO on the calendar; its agenda will write itself. Both "
                  "leaders subscribe to the weekly digest.")
        self.say("ivan", '/sync schedule "CMO–CIO sync" thu 10:00 with @carmen')
        self.say("carmen", "/digest subscribe")
        self.quiet("ivan", "/digest subscribe")
        self.log_week(0, shown="launch-lead-time")
        self.scheduled(f"sync-remind:{TEAM_ID}:S-1", "the sync's call for topics, a day before", full=("carmen",))
        self.say("carmen", "/sync topic Shared lead scoring between the CRM and the web analytics")
        self.scheduled(f"sync:{TEAM_ID}:S-1", "the sync: its agenda goes to the two leaders' group DM")
        self.note("The agenda was built from the store: topics, asks waiting longest, overdue commitments, KPIs off "
                  "track. After the meeting Carmen records what they decided and who committed to what.")
        self.fill("carmen", "Record outcome", decisions="One lead-scoring model owned by both sides\nLaunch lead time reviewed monthly",
                    c1_owner="@tomas", c1_text="Wire CRM events into the scoring model",
                    c1_due=(self.today() + timedelta(days=14)).isoformat())
        self.note("Ivan saw his commitment overdue on the agenda; he keeps it.")
        self.say("ivan", "/commit done C-2")
        self.note("The CIO sets up job shadowing: a round every two weeks, Mondays at 10:00. Four marketers and "
                  "three IT people join; Kenji would rather only host.")
        self.say("ivan", "/shadow config every:2w on:mon at:10:00 followup:7d")
        for name in ["marta", "diego", "sofia", "carmen", "tomas", "priya"]:
            self.quiet(name, "/shadow join")
        self.say("kenji", "/shadow join host")

    def week_5_shadowing_and_the_second_sync(self) -> None:
        self.section(28, "job shadowing and the second sync")
        self.note("The pulse round closed this morning, a week after it went out. At 10:00 the first shadowing "
                  "round: each pair gets a group DM in the language the two share (Tomás and Sofía read theirs in "
                  "Spanish), or in both.")
        self.scheduled(f"rotation:{TEAM_ID}", "the shadowing round", full=("sofia", "diego"))
        self.log_week(1)
        self.at(29, 16)
        self.note("Tuesday: the week's KPI values go in, quietly. In the afternoon a visitor shares what surprised "
                  "them, and turns an idea into an ask in one step.")
        pair = shadowing.status(self.workspace.deps.db, self.actor("marta"), self.clock.now()).current
        if pair is not None:
            visitor = next(name for name, uid in self.people.items() if uid == pair.visitor_id)
            self.fill(visitor, "Done — share learnings", channel=pair.channel_id, surprise="How much of the other side's week goes into work we never see",
                        idea="One shared intake form for campaign data requests", make_ask="yes")
        self.scheduled(f"sync-remind:{TEAM_ID}:S-1", "the call for topics of the second sync", full=("ivan",))
        self.note("Priya said she'd bring options to the sync; Ivan puts them on the agenda.")
        self.say("ivan", "/sync topic Options for extending the CRM we have (Priya's answer to A-3)")
        self.scheduled(f"sync:{TEAM_ID}:S-1", "the second sync: its agenda ends with last time's decisions")
        self.fill("carmen", "Record outcome", full=("carmen",), decisions="Extend the current CRM; no custom build\nA shared intake form, owned by IT",
                    c1_owner="@priya", c1_text="Three options for extending the CRM, with costs",
                    c1_due=(self.today() + timedelta(days=7)).isoformat(),
                    c2_owner="@carmen", c2_text="Share the campaign calendar two weeks before each launch",
                    c2_due=(self.today() + timedelta(days=8)).isoformat())
        self.note("IT asks marketing for something in return.")
        self.say("ivan", "/ask Q1 campaign calendar, with launch dates to:marketing due:dec 11")
        self.at(32, 17)
        self.note("Friday afternoon, Carmen's Home tab has the month in it: what waits for her side, her "
                  "commitments, the shared KPIs, her next sync, her shadowing.")
        self.home("carmen")

    def the_leaders_digest(self) -> None:
        self.section(35, "the leaders' digest")
        self.job("the weekly digest (Monday 09:00 for each leader)", jobs.digests, full=("carmen",))

    # -- time and the scheduler ------------------------------------------------------------------

    def today(self) -> date:
        return self.clock.now().astimezone(ZONE).date()

    def at(self, days: int, hour: int, minute: int = 0) -> None:
        """Move the clock to `days` after the first Monday, at `hour:minute` in Mexico City."""
        self.clock.set(local(self.first_day + timedelta(days=days), hour, minute))

    def job(self, what: str, run: Callable[[], object], full: Collection[str] | None = None) -> None:
        """Run one of the scheduler's jobs now, as the scheduler would at this minute."""
        self.out(f"\n» {self.clock.now().astimezone(ZONE):%a %d %b %H:%M}: the scheduler runs {what}")
        mark = self.workspace.slack.mark()
        run()
        self.show(Exchange(None, self.workspace.slack.since(mark)), full=full)

    def planned(self, job_id: str) -> Callable[[], object]:
        """Move the clock to the moment the scheduler plans the job `job_id` for; what it would run then."""
        job = {job.id: job for job in plan_all(self.workspace.deps, self.clock.now())}[job_id]
        self.clock.set(job.run_at)
        return lambda: job.func(*job.args)

    def scheduled(self, job_id: str, what: str, full: Collection[str] | None = None) -> None:
        """Run the job `job_id` at the moment the scheduler plans it for."""
        self.job(what, self.planned(job_id), full=full)

    def log_week(self, week: int, shown: str | None = None) -> None:
        """Each KPI's value for the week, logged by its owner on the Tuesday; only `shown`'s is printed."""
        self.at(22 + 7 * week, 12)
        if shown:
            self.note("Tuesday: each side logs the week's KPI values, like this.")
        for slug, who, _series, later in KPI_VALUES:
            (self.say if slug == shown else self.quiet)(who, f"/kpi log {slug} {later[week]}")

    # -- acting as someone -------------------------------------------------------------------------

    def actor(self, name: str):  # type: ignore[no-untyped-def]
        return self.workspace.deps.directory.actor(TEAM_ID, self.people[name])

    def quiet(self, who: str, line: str) -> None:
        self.show(self.workspace.command(self.people[who], line), quiet=True)

    def open_home(self, who: str) -> Exchange:
        return self.workspace.dispatch(payloads.event({"type": "app_home_opened", "user": self.people[who],
                                                       "tab": "home"}), payloads.JSON)

    # -- how each step is shown --------------------------------------------------------------------

    def section(self, days: int, title: str) -> None:
        week = days // 7 + 1
        self.at(days, 9)
        self.out(f"\n== Week {week} · {self.clock.now().astimezone(ZONE):%A %d %B}: {title} ==")

    def note(self, text: str) -> None:
        self.out(f"\n{text}")

    def say(self, who: str, line: str) -> None:
        self.out(f"\n» @{who} types: {line}")
        self.show(self.workspace.command(self.people[who], line))

    def click(self, who: str, label: str, channel: str | None = None) -> None:
        self.out(f"\n» @{who} presses [{label}]")
        self.show(self.workspace.click(self.people[who], label, channel))

    def fill(self, who: str, label: str, channel: str | None = None, full: Collection[str] | None = None,
             **typed: str) -> None:
        """Press the button labelled `label`, then fill in and submit the form it opens."""
        shown = ", ".join(f"{k}={v}" for k, v in typed.items()).replace("\n", " / ")
        self.out(f"\n» @{who} presses [{label}] and fills in the form: {shown}")
        self.show(self.workspace.click(self.people[who], label, channel), quiet=True)
        self.show(self.workspace.submit(self.people[who], **typed), full=full)

    def home(self, who: str) -> None:
        self.out(f"\n» @{who} opens Alinea's Home tab")
        self.show(self.open_home(who), homes=True)

    def show(self, exchange: Exchange, quiet: bool = False, full: Collection[str] | None = None,
             homes: bool = False) -> None:
        """Print what people would see of `exchange`. A Home tab published is a one-line note unless `homes`;
        with `full`, only the DMs and group DMs of those people are printed whole, the rest named in one line."""
        refused = [call for call in exchange.calls if call.error]
        if refused:
            raise RuntimeError(f"Slack refused {refused[0].method}: {refused[0].args.get('_errors')}")
        self.remember_titles(exchange.calls)
        if quiet:
            return
        lines = self.workspace.show(Exchange(exchange.response, []))
        refreshed: list[str] = []
        note_at = 0
        elsewhere: list[str] = []
        for call in exchange.calls:
            if call.method == "views.publish" and not homes:
                if not refreshed:
                    lines.append("")  # where the note goes, once the Homes of this exchange are known
                    note_at = len(lines) - 1
                refreshed.append(self.name(call.args.get("user_id", "")))
                continue
            if full is not None and call.method == "chat.postMessage":
                members = self.members(call)
                if members and not set(members) & set(full):
                    elsewhere.append(" & ".join(f"@{m}" for m in members))
                    continue
            lines += self.shown(call)
        if refreshed:
            lines[note_at] = "→ Home of " + ", ".join(f"@{n}" for n in dict.fromkeys(refreshed)) + " refreshed"
        if elsewhere:
            lines.append("→ also by DM (each in their language): " + ", ".join(dict.fromkeys(elsewhere)))
        for line in lines:
            self.out(self.named(line))

    def shown(self, call: Call) -> list[str]:
        """One call as a person reads it; an ask's card in full only the first time (after that its title and
        status), a form as its title (what is typed in it is printed with the submission)."""
        rendered = self.workspace.show(Exchange(None, [call]))
        if not rendered or call.method not in {"chat.postMessage", "chat.update", "views.open"}:
            return rendered
        _heading, *body = rendered[0].split("\n")
        if call.method == "views.open":
            title = body[0].strip(" ┌─") if body else ""
            return [f"→ the form “{title}” opens"] + rendered[1:]
        status = next((body[i + 1].strip() for i, line in enumerate(body[:-1]) if line.strip() == "*Status*"), None)
        if status is None or (call.method == "chat.postMessage" and not self.card_shown):
            self.card_shown = self.card_shown or status is not None
            return rendered
        title = "“" + _shortened(_FIRST_WORDS.sub("", body[0]).strip()) + "”"
        where = f"#{call.args.get('channel', '')}"
        if call.method == "chat.update":
            return [f"→ the card {title} in {where} now reads: {status}"] + rendered[1:]
        return [f"→ the card {title} is posted in {where}: {status}"] + rendered[1:]

    # -- names instead of Slack's IDs ----------------------------------------------------------------

    def name(self, user_id: str) -> str:
        user = self.workspace.slack.users.get(user_id)
        return str(user["name"]) if user else user_id

    def conversations(self) -> dict[str, list[str]]:
        """Each DM or group DM the app opened: its ID → the names of the people in it."""
        found: dict[str, list[str]] = {}
        for call in self.workspace.slack.calls:
            if call.method == "conversations.open" and call.result and call.result.get("ok"):
                users = [u for u in str(call.args.get("users", "")).split(",") if u]
                found[call.result["channel"]["id"]] = [self.name(u) for u in users]
        return found

    def members(self, call: Call) -> list[str] | None:
        """Who reads a message the app sent to a DM or a group DM (None for a channel)."""
        channel = str(call.args.get("channel", ""))
        if channel in self.workspace.slack.users:
            return [self.name(channel)]
        return self.conversations().get(channel)

    def named(self, line: str) -> str:
        """`line` with every conversation read as a person or a channel, every user ID as a name, and a message's
        timestamp as the message it names."""
        names: dict[str, str] = {payloads.DEFAULT_CHANNEL: f"#{CHANNEL_NAME}"}
        for conversation, members in self.conversations().items():
            names[conversation] = (f"DM with @{members[0]}" if len(members) == 1
                                   else "group DM " + ", ".join(f"@{m}" for m in members))
        for user_id in self.workspace.slack.users:
            names[user_id] = f"@{self.name(user_id)}"

        def replace(match: re.Match[str]) -> str:
            shown = names[match[2]]
            return f"DM with {shown}" if match[1] == "DM " and shown.startswith("@") else shown

        ids = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
        line = re.sub(rf"(DM |#|@)?\b({ids})\b", replace, line)
        line = _UPDATED.sub(lambda m: f"→ {self.titles.get(m[1], 'message')} updated in ", line)
        return _THREAD.sub(lambda m: f", in the thread of {self.titles.get(m[1], 'a message')}", line)

    def remember_titles(self, calls: list[Call]) -> None:
        for call in calls:
            ts = (call.result or {}).get("ts")
            if call.method == "chat.postMessage" and ts and ts not in self.titles:
                rendered = self.workspace.show(Exchange(None, [call]))
                body = rendered[0].split("\n")[1:2] if rendered else []
                words = _FIRST_WORDS.sub("", body[0]).strip() if body else ""
                self.titles[ts] = f"“{_shortened(words)}”" if words else "a message"
