"""`alinea demo`: a scripted month at a sample company, through the real handlers, on a fresh local store.

Time moves only on the demo's `FixedClock`; what the scheduler would do runs as its jobs (`schedules.jobs`), at the
moments the scheduler plans them (`schedules.scheduler.plan_all`) or, for the sends at each reader's own local time,
at that minute. What Slack would show is printed as a person reads it: people and conversations by name, and a
Home tab in full only twice (at the start and at the end), a one-line note whenever one is refreshed in between.

Before the month, the clock starts in late July: a pilot between a few people of each side runs quietly through the
same handlers and jobs (asks typed, accepted and done; pulse rounds sent by the scheduler's job and answered with
their buttons), so that the digest at the end has weeks and rounds to compare with. Only a line a month of it is
printed, and a few asks are made as quietly in the month's first and fifth weeks, the two weeks the digest's trend
compares. Its trend lines are printed in full only in the digest."""

from __future__ import annotations

import re
import statistics
import tempfile
from collections.abc import Callable, Collection
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot import format as fmt
from bot.clock import FixedClock
from bot.digest.views import duration
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
PULSE_ANSWERS = [("marta", 4), ("diego", 5), ("sofia", 3), ("lucia", 4), ("noah", 4), ("ivan", 3), ("tomas", 2),
                 ("priya", 3), ("kenji", 2)]
# Two of them add a comment, which leaders read in the digest without names once the round has closed.
PULSE_COMMENTS = [("diego", "Asks no longer get lost in email threads"),
                  ("tomas", "We still hear about campaigns a week too late")]
START = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)  # Monday 2 November 2026, 09:00 in Mexico City

# Before the month, quietly: since August a pilot between marketing ops and the IT service desk, without the leaders,
# so that the month's digest has weeks and pulse rounds to compare with. Lucía and Noah are in it only; the other
# four are in the month's cast too.
PILOT = [("diego", "marketing"), ("lucia", "marketing"), ("noah", "marketing"), ("tomas", "it"), ("priya", "it"),
         ("kenji", "it")]
PILOT_START = datetime(2026, 7, 28, 15, 0, tzinfo=UTC)  # Tuesday 28 July 2026, 09:00 in Mexico City
PILOT_WEEKS = 13  # from Monday 3 August to Sunday 1 November
# Each pilot week each of marketing ops asks the service desk one thing (in the order of PILOT): (days after the
# Monday, hour, hours to accept it beyond the week's pace, hours from accepted to done). The pace is
# `PILOT_PACE[0]` hours to accept in the first week, `PILOT_PACE[1]` fewer each week after: about three days in
# August, a day and a half in October.
PILOT_ASKED = [(0, 10, 4, 50), (1, 11, -6, 60), (2, 15, 0, 70)]
PILOT_PACE = (70, 3)
PILOT_DUE_DAYS = 5  # from the asking to its due date
PILOT_TITLES = ["UTM tags on the newsletter links", "Analytics access for the new agency", "Fix the contact form on "
                "the blog", "Product feed for the shopping ads", "Export of last quarter's leads", "Tracking pixel "
                "for the autumn campaign", "A staging copy of the store for the photo shoot", "Page speed report for "
                "the landing pages", "SSO for the design tools", "A/B test on the checkout banner", "Redirects for "
                "the old campaign URLs", "Webinar sign-ups into the CRM", "Cookie audit of the microsites"]
# The pilot's pulse rounds, every four weeks from Monday 3 August: each answer, in the order of PILOT. The gap
# between the sides narrows as the two crews get used to each other.
PILOT_PULSE = [(4, 5, 4, 2, 2, 2), (4, 5, 4, 3, 2, 2), (5, 4, 4, 2, 3, 2), (4, 4, 4, 3, 2, 2)]
# Asks made quietly in the month, each (days after the first Monday, hour, minute, who asks, who in IT takes it on,
# hours to accept, hours to done, both from when it was asked, days from the asking to its due date). In the first
# week at the pilot's pace; in the fifth, the week of the digest, within hours: what the digest's trend compares.
FIRST_WEEK_ASKS = [(0, 10, 0, "diego", "tomas", 28, 102, 3), (0, 11, 0, "lucia", "priya", 48, 97, 4),
                   (0, 15, 0, "noah", "kenji", 26, 74, 3)]
FIFTH_WEEK_ASKS = [(28, 10, 30, "marta", "priya", 2, 23.5, 2), (28, 11, 0, "diego", "tomas", 3, 24, 3),
                   (28, 11, 30, "lucia", "kenji", 4, 24, 3)]
FIRST_WEEK_TITLES = ["Landing page tracking for the Buen Fin sale", "Holiday banners on the store",
                     "Newsletter sign-up on the checkout page"]
FIFTH_WEEK_TITLES = ["Gift guide page for the holidays", "Shipping cut-off dates on the store",
                     "Product videos on the home page"]
CONSOLE_POINTER = "Try it yourself with `make console`."

_THREAD = re.compile(r" \(thread (\d+\.\d+)\)")
_UPDATED = re.compile(r"^→ updated message (\d+\.\d+) in ")
_FIRST_WORDS = re.compile(r"[*_`]|:[a-z0-9_+'-]+:")
_TREND_HEADING = re.compile(r"^(\s*(?:│ )?)(:left_right_arrow: .*)$")
_ASK_MADE = re.compile(r"Logged \*(A-\d+)\*")
_COMMITMENT_MADE = re.compile(r"\*(C-\d+)\*")


def run_demo(out: Callable[[str], None]) -> int:
    with tempfile.TemporaryDirectory(prefix="alinea-demo-") as folder:
        store = Path(folder) / "demo.db"
        clock = FixedClock(PILOT_START)
        workspace = SimulatedWorkspace(f"sqlite:///{store}", clock=clock, alinea_timezone=TIMEZONE)
        try:
            runtime.install(workspace.deps)  # the scheduler's jobs, run here by hand at their times
            Demo(workspace, clock, out).play()
        finally:
            workspace.close()
    return 0


def _shortened(words: str, most: int = 48) -> str:
    return words if len(words) <= most else words[: most - 1].rstrip() + "…"


def _folded_trend(shown: str) -> str:
    """`shown` (a message or a Home tab as printed) with its trend lines ("Compared with 4 weeks ago") folded into
    their heading: they are printed in full only in the digest, at the end."""
    lines = shown.split("\n")
    for i, line in enumerate(lines):
        heading = _TREND_HEADING.match(line)
        if heading is None:
            continue
        prefix, end = heading[1], i + 1
        if end < len(lines) and "=" in lines[end] and not lines[end].strip(" │="):
            end += 1  # the heading's underline
        count = 0
        while end < len(lines) and lines[end].startswith(prefix + "• "):
            count, end = count + 1, end + 1
        if end < len(lines) and lines[end].startswith(prefix + "  "):
            end += 1  # the note on what is compared with what
        folded = f"{prefix}{heading[2]} ({count} line{'' if count == 1 else 's'}, in full in the digest at the end)"
        return "\n".join([*lines[:i], folded, *lines[end:]])
    return shown


def local(day: date, hour: int, minute: int = 0) -> datetime:
    """`day` at `hour:minute` in Mexico City, where everyone at the sample company works."""
    return datetime.combine(day, time(hour, minute), tzinfo=ZONE).astimezone(UTC)


class Demo:
    def __init__(self, workspace: SimulatedWorkspace, clock: FixedClock, out: Callable[[str], None]) -> None:
        self.workspace, self.clock, self.out = workspace, clock, out
        self.people = {OWNER[0]: workspace.add_person(OWNER[0], tz=TIMEZONE, is_owner=True)}
        for name, *_ in LEADERS + MEMBERS + PILOT:
            if name not in self.people:
                self.people[name] = workspace.add_person(name, tz=TIMEZONE, locale=LOCALES.get(name, "en-US"))
        self.first_day = START.astimezone(ZONE).date()
        self.titles: dict[str, str] = {}  # a posted message's ts → its first words, to name its thread
        self.card_shown = False  # whether an ask's card was printed in full yet
        self.trend_shown = False  # whether the trend lines are printed in full (only in the digest)
        self.last_ask = self.last_commitment = 0  # the numbers of the last ask and commitment made quietly
        self.first_ask = self.first_commitment = 1  # the numbers of the month's first ask and commitment typed

    def play(self) -> None:
        self.out("Alinea demo: Northwind Outfitters, where marketing and IT are about to work as one team.")
        self.out("Carmen is the CMO, Ivan the CIO, Elena the CEO. A month of their Slack, from Monday 2 November "
                 "2026, on a fresh SQLite store and a fake Slack.")
        self.the_pilot()
        self.week_1_the_team()
        self.week_2_asks_and_commitments()
        self.week_3_shared_kpis()
        self.week_4_the_pulse_and_the_first_sync()
        self.week_5_shadowing_and_the_second_sync()
        self.the_leaders_digest()
        self.out(f"\n{CONSOLE_POINTER}")

    # -- the script ------------------------------------------------------------------------------

    def the_pilot(self) -> None:
        """August to October, quietly: the pilot's people join their sides, Elena sets the pulse's rhythm, marketing
        ops asks IT three things a week and answers each round with the service desk. One line a month is printed."""
        crew = [name for name, _ in PILOT]
        self.note(f"First, quietly, the three months before: since August a pilot between marketing ops "
                  f"({', '.join(f'@{n}' for n in crew[:3])}) and the IT service desk "
                  f"({', '.join(f'@{n}' for n in crew[3:])}), without the leaders; Elena set an alignment pulse "
                  "every four weeks, Mondays at 09:00.")
        for name, side in PILOT:
            self.quiet(name, f"/alinea join {side}")
        self.quiet(OWNER[0], "/alinea pulse config every:4w on:mon at:09:00")
        first_monday = self.first_day - timedelta(weeks=PILOT_WEEKS)
        marketing, it = crew[:3], crew[3:]
        asks = []
        for week in range(PILOT_WEEKS):
            for place, (day, hour, later, to_done) in enumerate(PILOT_ASKED):
                to_accept = PILOT_PACE[0] - PILOT_PACE[1] * week + later
                asks.append((7 * (week - PILOT_WEEKS) + day, hour, 0, marketing[place], it[(place + week) % len(it)],
                             to_accept, to_accept + to_done, PILOT_DUE_DAYS))
        titles = [PILOT_TITLES[i % len(PILOT_TITLES)] for i in range(len(asks))]
        events = self.asked(asks, titles)
        made = [(local(self.first_day + timedelta(days=days), hour, minute), to_accept)
                for days, hour, minute, _asker, _helper, to_accept, _done, _due in asks]
        rounds: list[tuple[datetime, float]] = []
        for number, answers in enumerate(PILOT_PULSE):
            opens = local(first_monday + timedelta(weeks=4 * number), 9)
            events.append((opens, lambda: self.quietly(jobs.pulse_questions)))
            for place, (name, score) in enumerate(zip(crew, answers, strict=True)):
                events.append((opens + timedelta(hours=1, minutes=20 * place),
                               lambda name=name, score=score: self.answer(name, score)))
            sides = answers[:3], answers[3:]
            rounds.append((opens, abs(statistics.mean(sides[0]) - statistics.mean(sides[1]))))
        self.run_events(events)
        for month in sorted({opens.astimezone(ZONE).month for opens, _ in rounds}):
            asked = [(when, hours) for when, hours in made if when.astimezone(ZONE).month == month]
            gaps = [gap for opens, gap in rounds if opens.astimezone(ZONE).month == month]
            numbers = [i + 1 for i, (opens, _) in enumerate(rounds) if opens.astimezone(ZONE).month == month]
            shown = " and ".join(str(n) for n in numbers)
            self.out(f"  {asked[0][0].astimezone(ZONE):%B}: {len(asked)} asks to IT, accepted in "
                     f"{duration('en', statistics.median(h for _, h in asked))} at the median; pulse round"
                     f"{'s' if len(numbers) > 1 else ''} {shown}, the gap between the sides "
                     + ", then ".join(fmt.number("en", gap) for gap in gaps) + ".")

    def asked(self, asks: list[tuple[int, int, int, str, str, float, float, int]],
              titles: list[str]) -> list[tuple[datetime, Callable[[], object]]]:
        """The events of `asks` made quietly (as in `FIRST_WEEK_ASKS`, titled `titles` in their order): each asked,
        accepted and done by command, by the number Alinea gave it when it was made."""
        events: list[tuple[datetime, Callable[[], object]]] = []
        numbers: dict[int, str] = {}  # an ask's place in `asks` → its reference, once made

        def make(place: int, who: str, line: str) -> None:
            numbers[place] = self.made(_ASK_MADE, self.quiet(who, line))
            self.last_ask = int(numbers[place].removeprefix("A-"))

        def accept(place: int, who: str) -> None:
            commitment = self.made(_COMMITMENT_MADE, self.quiet(who, f"/ask accept {numbers[place]}"))
            self.last_commitment = int(commitment.removeprefix("C-"))

        for place, ((days, hour, minute, asker, helper, to_accept, to_done, due_in), title) in enumerate(
                zip(asks, titles, strict=True)):
            asked_at = local(self.first_day + timedelta(days=days), hour, minute)
            line = f"/ask {title} due:{(asked_at.astimezone(ZONE).date() + timedelta(days=due_in)).isoformat()} to:it"
            events += [
                (asked_at, lambda p=place, who=asker, line=line: make(p, who, line)),
                (asked_at + timedelta(hours=to_accept), lambda p=place, who=helper: accept(p, who)),
                (asked_at + timedelta(hours=to_done),
                 lambda p=place, who=helper: self.quiet(who, f"/ask done {numbers[p]}")),
            ]
        return events

    def made(self, pattern: re.Pattern[str], exchange: Exchange) -> str:
        """What `pattern` finds in the reply of `exchange`: the reference Alinea gave what it made."""
        found = pattern.search("\n".join(self.workspace.show(exchange)))
        if found is None:
            raise RuntimeError(f"the demo expected {pattern.pattern!r} in a reply")
        return found[1]

    def run_events(self, events: list[tuple[datetime, Callable[[], object]]]) -> None:
        """Each of `events` at its moment, in the order of their moments, quietly."""
        for when, act in sorted(events, key=lambda event: event[0]):
            if when < self.clock.now():
                raise ValueError(f"the demo's clock would go back to {when}")
            self.clock.set(when)
            act()

    def quietly(self, run: Callable[[], object]) -> None:
        """Run one of the scheduler's jobs now, printing nothing."""
        mark = self.workspace.slack.mark()
        run()
        self.show(Exchange(None, self.workspace.slack.since(mark)), quiet=True)

    def answer(self, name: str, score: int) -> None:
        """`name` answers the newest pulse question in their DM, printing nothing."""
        self.show(self.workspace.click(self.people[name], str(score), channel=self.people[name]), quiet=True)

    def week_1_the_team(self) -> None:
        self.section(0, "the team")
        self.note("Carmen opens Alinea's Home tab for the first time: a welcome, and a side to join.")
        self.home("carmen")
        self.note(f"@{OWNER[0]} is {OWNER[1]}; she puts the two leaders on their sides (Ivan's goes the same way).")
        for number, (name, side, _title) in enumerate(LEADERS):
            (self.say if number == 0 else self.quiet)(OWNER[0], f"/alinea team add @{name} {side} leader")
        first = MEMBERS[0][0]
        crew = {name for name, _ in PILOT}
        self.note(f"@{first} joins from the welcome on her Home tab; Sofía types it, with an alias and in Spanish "
                  "(hers and Tomás's Slack is in Spanish). The pilot's people are on their sides already.")
        self.show(self.open_home(first), quiet=True)
        self.click(first, "Join Marketing")
        for name, side in MEMBERS[1:]:
            if name not in crew:
                (self.say if name == "sofia" else self.quiet)(name, f"/alinea join {side}")
        self.run_events(self.asked(FIRST_WEEK_ASKS, FIRST_WEEK_TITLES))
        self.first_ask, self.first_commitment = self.last_ask + 1, self.last_commitment + 1

    def week_2_asks_and_commitments(self) -> None:
        self.section(7, "asks and commitments")
        self.note("Last week, quietly, the service desk took on three new asks from marketing ops at the pilot's "
                  "pace, in a day or two. Now Carmen asks IT for a landing page, in the channel both sides share: "
                  "everyone can follow it.")
        self.say("carmen", "/ask Landing page for the spring launch due:fri !high #digital-media")
        self.note("Tomás, on the IT side, presses Accept: he owns it now and owes a commitment.")
        self.click("tomas", "Accept")
        self.note(f"Diego logs an urgent one ({self.ask(2)}) and Marta asks IT for a custom CRM ({self.ask(3)}); "
                  f"their cards go to #marketing-it like {self.ask(1)}'s. Priya declines the CRM, saying why.")
        self.quiet("diego", "/ask Consent banner for the EU sites due:+10d !urgent #security")
        self.quiet("marta", "/ask Build us a custom CRM to:it")
        self.say("priya", f"/ask decline {self.ask(3)} Let's extend the CRM we have instead; I'll bring options to the sync.")
        self.note("The CIO makes a commitment of his own, and Sofía reviews the open asks in Spanish.")
        self.say("ivan", "/commit Share the Q1 infrastructure roadmap with marketing due:thu")
        self.say("sofia", "/ask list")
        self.at(9, 9)
        self.job("the commitment reminders (09:00 in each owner's time zone)", jobs.commitment_reminders)
        self.note("Tomás ships the page and marks the ask done; Carmen is asked whether it met the need.")
        self.say("tomas", f"/ask done {self.ask(1)} Live at /spring with the new hero video")
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
        self.note("Elena keeps the pilot's alignment pulse for everyone now on a side: every four weeks, Monday "
                  "09:00 in each person's time zone.")
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
        self.say("ivan", f"/commit done C-{self.first_commitment + 1}")
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
        self.run_events(self.asked(FIFTH_WEEK_ASKS, FIFTH_WEEK_TITLES))
        self.log_week(1)
        self.at(29, 16)
        self.note("Quietly since Monday, IT took on three new asks from marketing within hours and got them done by "
                  "Tuesday morning, and the week's KPI values went in. In the afternoon a visitor shares what "
                  "surprised them, and turns an idea into an ask in one step.")
        pair = shadowing.status(self.workspace.deps.db, self.actor("marta"), self.clock.now()).current
        if pair is not None:
            visitor = next(name for name, uid in self.people.items() if uid == pair.visitor_id)
            self.fill(visitor, "Done — share learnings", channel=pair.channel_id, surprise="How much of the other side's week goes into work we never see",
                        idea="One shared intake form for campaign data requests", make_ask="yes")
        self.scheduled(f"sync-remind:{TEAM_ID}:S-1", "the call for topics of the second sync", full=("ivan",))
        self.note("Priya said she'd bring options to the sync; Ivan puts them on the agenda.")
        self.say("ivan", f"/sync topic Options for extending the CRM we have (Priya's answer to {self.ask(3)})")
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
        self.trend_shown = True
        self.job("the weekly digest (Monday 09:00 for each leader)", jobs.digests, full=("carmen",))

    # -- time and the scheduler ------------------------------------------------------------------

    def ask(self, nth: int) -> str:
        """The reference of the month's `nth` ask typed in the open (after the pilot's, numbered before them)."""
        return f"A-{self.first_ask + nth - 1}"

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

    def quiet(self, who: str, line: str) -> Exchange:
        exchange = self.workspace.command(self.people[who], line)
        self.show(exchange, quiet=True)
        return exchange

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
            self.out(self.named(line if self.trend_shown else _folded_trend(line)))

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
