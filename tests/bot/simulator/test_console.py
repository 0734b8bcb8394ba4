"""The console (`alinea console`): commands typed as different people, buttons, forms and jobs, and typed lines
read until :quit."""

from __future__ import annotations

import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from bot.settings import load_settings
from bot.simulator.console import Console
from tests.helpers import ALINEA, child_environment


def test_console_runs_commands_as_different_people(tmp_path):
    shown: list[str] = []
    console = Console(load_settings(database_url=f"sqlite:///{tmp_path / 'c.db'}"), "boss", out=shown.append)
    try:
        assert console.handle(":person maria")
        assert console.handle("/alinea team add @maria mkt leader")
        assert console.handle(":as maria")
        assert console.handle("/alinea join it")
        assert console.handle("hello")
        assert console.handle(":quit") is False
    finally:
        console.workspace.close()
    text = "\n".join(shown)
    assert "@maria is now on the *Marketing* side as a leader." in text
    assert "You are now @maria" in text
    assert "You moved from *Marketing* to *IT*" in text
    assert "Slash commands start with /" in text


def test_console_clicks_buttons_submits_forms_and_runs_jobs(tmp_path):
    shown: list[str] = []
    console = Console(load_settings(database_url=f"sqlite:///{tmp_path / 'c.db'}"), "ana", out=shown.append)
    try:
        for line in ["/alinea join mkt", "/ask Landing page due:today", ":as bo", "/alinea join it",
                     ":click Accept", ":run reminders", ":click Nope", "/ask", ':submit title="From the form"',
                     ":as ana", '/sync schedule "Weekly" fri 10:00 with @bo', ":run syncs",
                     "/shadow join", ":as bo", "/shadow join", ":run rotation"]:
            console.handle(line)
    finally:
        console.workspace.close()
    text = "\n".join(shown)
    assert "You accepted *A-1*" in text
    assert "→ DM @bo" in text and "Your commitments: 1 due today" in text
    assert "No button labelled 'Nope' is where @bo can see it." in text
    assert "Logged *A-2* for Marketing: From the form" in text
    assert "WEEKLY" in text and "Record outcome" in text  # :run syncs held the next meeting now
    assert "shadows" in text and "Done — share learnings" in text  # :run rotation paired ana and bo


def test_console_reads_typed_lines_until_quit(tmp_path):
    typed = "/alinea join ti\n/alinea team\n:as ivan\n/alinea help\n:quit\n"
    result = subprocess.run(ALINEA + ["console", "--as", "ana"], input=typed, capture_output=True, text=True,
                            timeout=60, cwd=tmp_path,
                            env=child_environment(DATABASE_URL=f"sqlite:///{tmp_path / 'c.db'}"))
    assert result.returncode == 0, result.stderr
    assert "You are now on the *IT* side" in result.stdout
    assert "THE TEAM" in result.stdout
    assert "You are not on a side yet" in result.stdout  # ivan's help


def test_a_second_console_on_the_same_store_is_answered(tmp_path):
    """Each run's request IDs are its own: a run again on the same store (and its record of requests taken) is not
    mistaken for Slack retrying the first run's requests."""
    env = child_environment(DATABASE_URL=f"sqlite:///{tmp_path / 'c.db'}")
    outputs = [subprocess.run(ALINEA + ["console", "--as", "ana"], input=f"/alinea join {side}\n:quit\n",
                              capture_output=True, text=True, timeout=60, cwd=tmp_path, env=env)
               for side in ("it", "mkt")]
    assert all(result.returncode == 0 for result in outputs), [r.stderr for r in outputs]
    assert "You are now on the *IT* side" in outputs[0].stdout
    assert "You moved from *IT* to *Marketing*" in outputs[1].stdout


# -- scripted sessions on a clock of their own ------------------------------------------------------------------------

START = datetime(2026, 11, 30, 14, 0, tzinfo=UTC)  # Monday 08:00 in Mexico City
MEXICO = "America/Mexico_City"


class Typist:
    """Types lines into a console and gives back what each printed."""

    def __init__(self, tmp_path: Path, user: str = "elena", **settings: object) -> None:
        self.shown: list[str] = []
        self.console = Console(load_settings(database_url=f"sqlite:///{tmp_path / 'c.db'}", **settings), user,
                               out=self.shown.append, start=START)

    def type(self, *lines: str) -> str:
        mark = len(self.shown)
        for line in lines:
            self.console.handle(line)
        return "\n".join(self.shown[mark:])

    def close(self) -> None:
        self.console.close()

    def __enter__(self) -> Typist:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def number(shown: str, label: str) -> str:
    """The number the console gave the (last) button labelled `label` in `shown`."""
    found = re.findall(r"\[(\d+)\] [*!]?" + re.escape(label), shown)
    assert found, f"no button {label!r} in:\n{shown}"
    return found[-1]


def sections(shown: str) -> list[tuple[str, str]]:
    """(heading, what was shown under it) for each moment an :advance printed."""
    parts = re.split(r"^── (.+) ──$", shown, flags=re.MULTILINE)
    return list(zip(parts[1::2], parts[2::2], strict=True))


def test_a_two_week_session_moves_time_and_everything_scheduled_happens_once(tmp_path):
    with Typist(tmp_path, alinea_timezone=MEXICO) as typist:
        typist.type(":person carmen", ":person ivan", ":person tomas",
                    "/alinea team add @carmen mkt leader", "/alinea team add @ivan it leader",
                    "/alinea team add @tomas it",
                    ":as carmen", "/commit Write the launch brief due:thu",
                    '/sync schedule "Leaders sync" thu 10:00 with @ivan', "/digest subscribe", "/shadow join",
                    ":as tomas", "/shadow join",
                    ":as ivan", "/shadow config every:2w on:mon at:10:00 followup:7d")
        first = typist.type(":advance 4d")
        outcome = typist.type(":click Record outcome",
                              ':submit decisions="One lead-scoring model\\nLaunch lead time reviewed monthly"')
        rest = typist.type(":advance 10d")
        now = typist.type(":now")
    moments = sections(first) + sections(rest)
    assert [heading for heading, _ in moments] == sorted(  # in order, each moment once
        {heading for heading, _ in moments}, key=lambda h: datetime.strptime(h.split(" (")[0], "%a %d %b %Y %H:%M"))
    # The daily reminder: at 09:00 Mexico City, once a day, from the day before it is due.
    reminders = [heading for heading, shown in moments for _ in re.findall(r":alarm_clock: \*Your commitments", shown)]
    assert reminders[0] == "Wed 2 Dec 2026 09:00 (America/Mexico_City)" and len(reminders) == len(set(reminders)) == 12
    assert first.count("Your commitments: 1 due tomorrow") == 1 and first.count("Your commitments: 1 due today") == 1
    # The sync: asked for topics the day before, its agenda at 10:00, and the next one shows last time's decisions.
    assert "Leaders sync* meets Thu, Dec 3, 10:00" in first and first.count("S-1 · LEADERS SYNC") == 1
    assert "@ivan recorded the outcome of S-1." in outcome and "• One lead-scoring model" in outcome
    assert rest.count("S-1 · LEADERS SYNC") == 1
    agenda = dict(moments)["Thu 10 Dec 2026 10:00 (America/Mexico_City)"]
    last_time = agenda[agenda.index("*Decisions last time*"):]
    assert "One lead-scoring model" in last_time and "Launch lead time reviewed monthly" in last_time
    # Shadowing: the round on Monday 10:00 paired Carmen and Tomás; the follow-up came once, a week later.
    assert "shadows" in dict(moments)["Mon 30 Nov 2026 10:00 (America/Mexico_City)"]
    followups = [heading for heading, shown in moments if "How did the shadowing go" in shown]
    assert followups == ["Mon 7 Dec 2026 10:00 (America/Mexico_City)"]
    assert (first + rest).count("How did the shadowing go") == 1
    # The Monday digest, once each Monday at 09:00, for the week before.
    digests = [heading for heading, shown in moments for _ in re.findall("Weekly digest ·", shown)]
    assert digests == ["Mon 30 Nov 2026 09:00 (America/Mexico_City)", "Mon 7 Dec 2026 09:00 (America/Mexico_City)"]
    assert (first + rest).count("WEEK OF MON, NOV 30") == 1
    assert now == "It is Mon 14 Dec 2026 08:00 (America/Mexico_City)."


def test_run_says_when_there_was_nothing_to_send(tmp_path):
    with Typist(tmp_path) as typist:
        shown = typist.type(":run digest", ":run reminders", ":advance 2h")
    assert "Nothing to send: nobody subscribes to the digest" in shown
    assert "Nothing to send: nobody has an open commitment due by tomorrow" in shown
    assert "It is now Mon 30 Nov 2026 16:00 (UTC). Nothing was sent meanwhile." in shown


def test_the_clock_moves_only_forward_and_at_takes_a_zone(tmp_path):
    with Typist(tmp_path) as typist:
        shown = typist.type(":at 2026-11-01 09:00", ":at 2026-12-01 09:00 tz:Europe/Madrid", ":now", ":advance 3x")
    assert "The clock only moves forward: it is Mon 30 Nov 2026 14:00 (UTC)." in shown
    assert "It is Tue 1 Dec 2026 08:00 (UTC)." in shown
    assert "'3x'? :advance takes a span such as 3d" in shown


def test_a_spanish_person_in_another_zone_reads_spanish_at_their_own_hour(tmp_path):
    with Typist(tmp_path, alinea_timezone=MEXICO) as typist:
        made = typist.type(":person sofía es tz:Europe/Madrid")
        joined = typist.type(":as Sofía", "/alinea join mkt", "/commit Revisar el brief vence:mañana")
        now = typist.type(":now")
        later = typist.type(":advance 1d")
    assert "New here: @sofía (USOFIA): Spanish (es-ES), Europe/Madrid." in made
    assert "You are now @sofía (USOFIA)." in joined and "Ahora estás en el lado de *Mercadotecnia*" in joined
    assert "for @sofía, Mon 30 Nov 15:00 (Europe/Madrid)" in now
    reminder = dict(sections(later))["Tue 1 Dec 2026 02:00 (America/Mexico_City)"]  # 09:00 in Madrid
    assert "→ DM @sofía" in reminder and "Tus compromisos: 1 vence hoy" in reminder


def test_the_workspace_language_is_new_peoples_language(tmp_path):
    with Typist(tmp_path, user="ana", alinea_language="es") as typist:
        shown = typist.type("/alinea join it", ":as bo", "/alinea join mkt")
    assert "Ahora estás en el lado de *TI*" in shown and "Ahora estás en el lado de *Mercadotecnia*" in shown
    assert "Spanish (es-ES)" in shown  # bo, made by :as


def test_home_shortcut_numbered_buttons_and_forms(tmp_path):
    with Typist(tmp_path, user="ana") as typist:
        typist.type("/alinea join mkt", ":person bo", ":as bo", "/alinea join it", ":as ana")
        home = typist.type(":home")
        modal = typist.type(f":click {number(home, 'New ask')}")
        refused = typist.type(":submit title=Landing time=10:00", ":submit title=Landing priority=sometimes")
        logged = typist.type(':submit title="Landing page" details="Line one\\nLine two" priority=high to_side=IT',
                             ":submit title=Again")
        shortcut = typist.type(':shortcut "The CRM export keeps failing"')
        card = typist.type(":submit due=+3d")
        accept = number(card, "Accept")
        not_hers = typist.type(f":click {accept}")
        accepted = typist.type(":as bo", f":click {accept}", f":click {accept}")
        shown_again = typist.type("/ask show A-1")
    assert "→ Home tab of @ana" in home and re.search(r"\[\d+\] \*New ask\* \[\d+\] Log KPI", home)
    assert "→ modal opened\n  ┌─ New ask ─" in modal
    assert "← title=text" in modal and "← priority=low|normal|high|urgent" in modal and "← due=YYYY-MM-DD" in modal
    assert "Not submitted: This form has no field time. Its fields: title, details, to_side, owner, due" in refused
    assert "Not submitted: priority can't be 'sometimes': it takes low|normal|high|urgent (a choice's" in refused
    assert "Logged *A-1* for IT: Landing page" in logged
    assert "@ana has no form open" in logged  # the form closed once submitted
    assert "[The CRM export keeps failing]   ← title=text" in shortcut  # prefilled from the message
    assert "From this message (https://alinea-sample.slack.com/archives/CCOLLAB01/p" in shortcut
    assert "→ #collab\n  *A-2 · The CRM export keeps failing*" in card and f"[{accept}] *Accept*" in card
    assert "Only members of the IT side can accept or decline A-2." in not_hers
    assert "→ updated message" in accepted and "You accepted *A-2*" in accepted
    assert f"Button [{accept}] is no longer there: its message changed since." in accepted  # Accept became Done
    assert "Line one\n  Line two" in shown_again  # the \\n typed in :submit


def test_only_buttons_the_person_can_see_can_be_pressed(tmp_path):
    with Typist(tmp_path, user="ana") as typist:
        typist.type(":person bo", "/alinea team add @bo it", ":as bo", "/commit Ship the fix due:today")
        reminder = typist.type(":run reminders")
        done = number(reminder, "Done")
        refused = typist.type(":as ana", f":click {done}", ":click Done", ":click 999")
        mine = typist.type(":as bo", ":dm 1")
        pressed = typist.type(f":click {number(mine, 'Done')}")
    assert "→ DM @bo\n  :alarm_clock: *Your commitments: 1 due today*" in reminder
    assert f"Button [{done}] is in DM @bo; @ana can't see it (:as bo to press it as them)." in refused
    assert "No button labelled 'Done' is where @ana can see it." in refused
    assert "There is no button [999]" in refused
    assert "@bo's DMs and group DMs, newest last:\n→ DM @bo\n  :alarm_clock:" in mine
    assert "→ replaced message in DM @bo" in pressed and ":white_check_mark: done" in pressed


def test_unknown_people_and_channels_are_refused_and_unicode_names_work(tmp_path):
    with Typist(tmp_path, user="ana") as typist:
        refused = typist.type("/alinea team add @pablo it", ":people")
        made = typist.type(":person sofía", ":person sofia", "/alinea team add @Sofía mkt", "/alinea team add @sofia it")
        channels = typist.type(":channel leadership", "/alinea team add @ana it leader",
                               '/sync schedule "Leads" thu 10:00 with @sofía in:#leadership',
                               '/sync schedule "Leads" thu 10:00 with @sofía in:#nowhere', ":channels",
                               ":in #leadership", '/ask Dashboards #analytics', ":advance 4d")
    assert "There is no person @pablo here. Known: @ana. (:person NAME makes someone new.)" in refused
    assert "pablo" not in refused.split("(:person NAME makes someone new.)")[1]  # nobody was made
    assert "New here: @sofía (USOFIA)" in made and "New here: @sofia (USOFIA2)" in made
    assert "@sofía is now on the *Marketing* side" in made and "@sofia is now on the *IT* side" in made
    assert "#leadership (CLEADERSHIP) is a channel" in channels
    assert "First meeting Thu, Dec 3, 10:00 UTC, in #leadership" in channels
    assert "There is no channel #nowhere here. Known: #collab, #leadership." in channels
    assert "Channels: #collab (you type here), #leadership" in channels and "You type in #leadership now." in channels
    assert "→ #leadership\n  *A-1 · Dashboards*" in channels and "`#analytics`" in channels  # a category stays one
    assert "── Thu 3 Dec 2026 10:00 (UTC) ──\n→ #leadership\n  S-1 · LEADS" in channels  # the agenda, in time


def test_a_console_started_again_on_the_same_store_knows_its_people(tmp_path, caplog):
    with Typist(tmp_path, user="ana", alinea_timezone=MEXICO) as first:
        first.type(":person sofía es tz:Europe/Madrid", ":channel leadership", "/alinea team add @sofía mkt",
                   ":as sofía", "/commit Revisar el brief vence:hoy")
        reminded = first.type(":run reminders")
        first.type(":advance 2h")
    with Typist(tmp_path, user="ana", alinea_timezone=MEXICO) as again:
        shown = again.type(":people", ":now", ":as sofía", ":channels", ":dm 1")
        team = again.type("/alinea team")
        pressed = again.type(f":click {number(shown, 'Hecho')}")
    assert "→ DM @sofía" in reminded
    assert re.search(r"\* @ana +UANA +en-US +America/Mexico_City +owner +on no side", shown)
    assert re.search(r"  @sofía +USOFIA +es-ES +Europe/Madrid +Marketing member", shown)
    assert "It is Mon 30 Nov 2026 10:00 (America/Mexico_City)" in shown  # where the first console left the clock
    assert "You are now @sofía (USOFIA)." in shown
    assert "*Mercadotecnia*" in team and "@sofía" in team  # read in Spanish, with her name
    assert "@USOFIA" not in team and "users.info failed" not in caplog.text  # Slack knows her too
    assert "Channels: #collab (you type here), #leadership" in shown
    assert "Tus compromisos: 1 vence hoy" in shown  # her DM from the first console, still there
    assert "→ replaced message in DM @sofía" in pressed  # and its button still works
