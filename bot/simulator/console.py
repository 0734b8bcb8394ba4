"""`alinea console`: type slash commands as pretend people and see what Slack would show, no Slack needed.

The console is a `SimulatedWorkspace` (the real App, a fake Slack) on a clock of its own: time stands still until
`:advance` or `:at` moves it, and then everything the scheduler would have done in between happens, in order
(`bot.simulator.clockwork`). What the app shows goes through a `Screen` (`bot.simulator.screen`), which numbers the
buttons and knows who can see what. The pretend people, the named channels and the clock are kept beside the store
(`bot.simulator.roster`), so a console started again on the same database goes on where the last one stopped."""

from __future__ import annotations

import os
import re
import shlex
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.clock import FixedClock
from bot.commitments.posts import send_reminders
from bot.digest.posts import send_digest_now
from bot.directory import Directory
from bot.i18n import t
from bot.pulse.posts import run_pulse_now
from bot.settings import Settings, SettingsError
from bot.shadowing.posts import run_rounds_now
from bot.simulator import payloads
from bot.simulator.clockwork import Clockwork
from bot.simulator.fake_slack import TEAM_ID
from bot.simulator.roster import Person, Roster
from bot.simulator.screen import NotPressable, Screen, Surface
from bot.simulator.workspace import Exchange, FieldError, SimulatedWorkspace, UnknownName, folded
from bot.syncs.posts import post_next_agendas
from bot.teams import service as teams
from handlers.intake import resume

# What `:run NAME` fires now, whatever the time, and what it means when it sends nothing.
JOBS: dict[str, tuple[Callable[..., object], str]] = {
    "reminders": (partial(send_reminders, whatever_the_hour=True),
                  "nobody has an open commitment due by tomorrow, or they were reminded today"),
    "syncs": (post_next_agendas, "no sync is scheduled (/sync schedule)"),
    "rotation": (run_rounds_now, "nobody is in the shadowing rotation (/shadow join), or too few to make a pair"),
    "pulse": (run_pulse_now, "nobody is on a side yet, or everyone was asked already"),
    "digest": (send_digest_now, "nobody subscribes to the digest (/digest subscribe) and it goes to no channel"),
}
LONGEST_ADVANCE = timedelta(days=92)
DMS_SHOWN = 10
_NAME = re.compile(r"\w(?:[\w.-]*\w)?")
_CHANNEL_NAME = re.compile(r"\w(?:[\w-]*\w)?")
_SPAN = re.compile(r"(\d+)([wdhm])")
_SPAN_UNITS = {"w": timedelta(weeks=1), "d": timedelta(days=1), "h": timedelta(hours=1), "m": timedelta(minutes=1)}
_LOCALE = re.compile(r"([a-z]{2})[-_]([A-Za-z]{2})")
_NEWLINE = "\ue000"  # stands for a typed `\n` while the line is split into words
_SETTINGS_PASSED = ("alinea_channel", "alinea_timezone", "alinea_language", "alinea_admins", "alinea_reminder_time",
                    "alinea_misfire_grace")

GREETING = """Alinea console: a pretend Slack workspace on {store}. You are @{user}{role}.
It is {now}; time moves only when you say (:advance 1d, :at 2026-12-07 09:00).
Type a slash command (/alinea help), :help for the console's own commands, :quit to leave."""

CONSOLE_HELP = """/command …                anything a member can type in Slack: /alinea join it, /ask Landing page due:fri
People and places
  :as NAME                 act as NAME (someone new is made on first use, not an admin)
  :person NAME [es|en] [tz:Europe/Madrid] [admin|no-admin]
                           make a pretend person, or change their language, time zone or admin rights
  :people                  everyone, with language, zone, side and role; @name in commands means one of them
  :channel NAME            make a channel, to name as #NAME (in:#NAME); :channels lists them
  :in #NAME                type your commands in that channel (#collab at first)
What you see
  :home                    open your App Home tab (its buttons work)
  :dm [N]                  your last N DMs and group DMs with the app, newest last (10 unless said)
  :shortcut "text"         use the message shortcut Log as ask on a message of yours saying "text"
  :msg TEXT                write TEXT to the app in your DM with it
Buttons and forms
  :click 3                 press button [3] (or :click Accept: the newest Accept you can see)
  :submit name=value …     submit your open form; names and values as the form shows them after ←,
                           quotes for spaces, \\n for a new line: :submit title="Landing page" due=2026-12-01
  :close                   close your open form without submitting it
Time
  :now                     what time it is, for the workspace and for you
  :advance 3d              move the clock on (w, d, h, m: 1w, 2h, 1d12h); what the scheduler would have sent
                           in between is sent, in order: reminders, syncs, rounds, follow-ups, pulse, digest
  :at 2026-12-07 09:00     move the clock to that moment (the workspace's zone, or tz:ZONE after it)
  :run JOB                 fire a scheduled job now, whatever the time: reminders, syncs (every sync's next
                           meeting), rotation (a shadowing round), pulse, digest
:help                      this list
:quit                      leave (Ctrl-D too)"""

COMMANDS = (":as", ":person", ":people", ":channel", ":channels", ":in", ":home", ":dm", ":shortcut", ":msg",
            ":click", ":submit", ":close", ":now", ":advance", ":at", ":run", ":help", ":quit")


class Refused(Exception):
    """A typed line the console can't do, and why (its message is what is shown)."""


class Console:
    """`start`: where the clock starts (by default, now), unless the last console on this store left it later."""

    def __init__(self, settings: Settings, user: str, out: Callable[[str], None] = print,
                 start: datetime | None = None) -> None:
        self.out = out
        self.roster = Roster.beside(settings.database_url)
        start = start or datetime.now(UTC).replace(second=0, microsecond=0)
        self.clock = FixedClock(max(start, self.roster.clock) if self.roster.clock else start)
        self.workspace = SimulatedWorkspace(settings.database_url, clock=self.clock,
                                            **{name: getattr(settings, name) for name in _SETTINGS_PASSED})
        self.workspace.strict_names = True
        self.workspace.channels.update(self.roster.channels)
        for person in self.roster.people.values():
            self.workspace.slack.add_user(person.id, person.name, tz=person.tz, locale=person.locale,
                                          is_admin=person.is_admin, is_owner=person.is_owner)
        resume(self.workspace.deps)  # what a console stopped half-way had taken on
        self.clockwork = Clockwork(self.workspace.deps, self.clock)
        self.screen = Screen(self.workspace)
        self.screen.restore(self.roster.messages)
        self.channel_id = payloads.DEFAULT_CHANNEL
        self.store = settings.database_url.rpartition("/")[2] or settings.database_url
        try:
            self.user_id = self._start_as(user)
        except Refused as exc:  # `alinea console --as "two words"`: said in one line, as a bad setting is
            self.workspace.close()
            raise SettingsError(f"--as {user}: {exc}") from None

    # -- people ----------------------------------------------------------------------------------

    def _start_as(self, name: str) -> str:
        found = self._known(name)
        if found is not None:
            return found
        owned = any(user.get("is_owner") for user in self.workspace.slack.users.values())
        return self._new_person(name, owner=not owned)

    def _known(self, name: str) -> str | None:
        name = name.lstrip("@")
        return self.workspace.person_named(name) or (name.upper() if name.upper() in self.workspace.slack.users
                                                     else None)

    def _new_person(self, name: str, owner: bool = False, locale: str | None = None, tz: str | None = None,
                    admin: bool = False) -> str:
        name = name.lstrip("@").lower()  # Slack's names are in lower case
        if not _NAME.fullmatch(name):
            raise Refused(f"{name!r} can't be a name: letters, digits, and . - _ inside, like @ana or @sofía.m")
        settings = self.workspace.deps.workspace(TEAM_ID)
        zone = tz or settings.timezone
        user_id = self.workspace.add_person(name, tz=zone, locale=locale or _locale(settings.language, zone),
                                            is_owner=owner, is_admin=admin)
        self._keep(user_id)
        return user_id

    def _keep(self, user_id: str) -> None:
        user = self.workspace.slack.users[user_id]
        self.roster.keep(Person(user_id, user["name"], user["locale"], user["tz"], user["is_admin"], user["is_owner"]))
        # What Slack says of people changed: the app reads it again (its directory caches users.info).
        deps = self.workspace.deps
        deps.directory = Directory(deps.client, deps.settings, deps.clock)
        deps.directory.follow(deps.workspace)

    def _name(self, user_id: str) -> str:
        return str(self.workspace.slack.users[user_id]["name"])

    def _describe(self, user_id: str) -> str:
        user = self.workspace.slack.users[user_id]
        language = {"es": "Spanish", "en": "English"}.get(user["locale"][:2], user["locale"])
        rights = ", an owner" if user["is_owner"] else ", an admin" if user["is_admin"] else ""
        return f"@{user['name']} ({user_id}): {language} ({user['locale']}), {user['tz']}{rights}"

    # -- typed lines -----------------------------------------------------------------------------

    def handle(self, line: str) -> bool:
        """Run one typed line; False when the console should end."""
        line = line.strip()
        if not line:
            return True
        try:
            if line.startswith(":"):
                return self._meta(line)
            if not line.startswith("/"):
                self.out("Slash commands start with /, e.g. /alinea help. :help lists the console's own commands.")
                return True
            self.show(self.workspace.command(self.user_id, line, channel_id=self.channel_id))
        except UnknownName as exc:
            self.out(f"{exc} " + ("(:person NAME makes someone new.)" if exc.kind == "person"
                                  else "(:channel NAME makes a channel.)"))
        except (Refused, NotPressable, FieldError) as exc:  # a word that can't be read, a button that can't be pressed
            self.out(str(exc))
        return True

    def _meta(self, line: str) -> bool:
        command, _, rest = line[1:].strip().partition(" ")
        rest = rest.strip()
        words = _words(rest)
        match command.lower(), words:
            case ("quit" | "q" | "exit"), _:
                return False
            case "as", [name]:
                self._as(name)
            case "person", [name, *options]:
                self._person(name, options)
            case "people", []:
                self._people()
            case "channel", [name]:
                if not _CHANNEL_NAME.fullmatch(name.lstrip("#")):
                    raise Refused(f"{name!r} can't be a channel's name: letters, digits and - inside, like #leadership")
                channel = self.workspace.add_channel(name.lstrip("#"))
                self._keep_channels()
                self.out(f"#{folded(name)} ({channel}) is a channel: name it as #{folded(name)} in commands "
                         f"(in:#{folded(name)}), or type there with :in #{folded(name)}.")
            case ("channel" | "channels"), []:
                here = self.workspace.channel_name(self.channel_id)
                self.out("Channels: " + ", ".join(f"#{name}" + (" (you type here)" if name == here else "")
                                                  for name in sorted(self.workspace.channels)))
            case "in", [name]:
                self._in(name)
            case "home", []:
                self.show(self.workspace.home(self.user_id), on_home=True)
            case "dm", [] | [_]:
                self._dms(words[0] if words else None)
            case ("shortcut" | "msg"), _ if rest:
                text = _unquoted(rest)
                if command.lower() == "shortcut":
                    self.show(self.workspace.shortcut(self.user_id, text, self.channel_id))
                else:
                    self.show(self.workspace.message(self.user_id, text))
            case "click", [number] if number.isdigit():
                self._press(*self.screen.numbered(int(number), self.user_id))
            case "click", [*label] if label:
                self._press(*self.screen.labelled(" ".join(label), self.user_id))
            case "submit", pairs if all("=" in pair for pair in pairs):
                self._submit(dict(pair.split("=", 1) for pair in pairs))
            case "close", []:
                if self.screen.modal(self.user_id) is None:
                    self.out("No form is open.")
                else:
                    more = self.screen.close_modal(self.user_id)
                    self.out("Closed." + (" The form under it is open again." if more else ""))
            case "now", []:
                self.out(self._now())
            case "advance", [span]:
                self._advance(span)
            case "at", [*moment] if moment:
                self._at(moment)
            case "run", [job] if job in JOBS:
                self._run(job)
            case "help", _:
                self.out(CONSOLE_HELP)
            case _:
                self.out(_usage(command.lower()))
        return True

    def _as(self, name: str) -> None:
        found = self._known(name)
        if found is None:
            found = self._new_person(name)
            self.out(f"New here: {self._describe(found)} (:person {self._name(found)} es tz:ZONE changes that).")
        self.user_id = found
        self.out(f"You are now @{self._name(found)} ({found}).")

    def _person(self, name: str, options: list[str]) -> None:
        changes: dict[str, Any] = {}
        for option in options:
            word = option.lower()
            if word in {"es", "en"} or _LOCALE.fullmatch(option):
                changes["locale"] = option if _LOCALE.fullmatch(option) else word
            elif word.startswith("tz:"):
                changes["tz"] = _zone_named(option[3:])
            elif word in {"admin", "no-admin"}:
                changes["is_admin"] = word == "admin"
            else:
                raise Refused(f"{option!r}? :person NAME [es|en] [tz:Europe/Madrid] [admin|no-admin]")
        user_id = next((uid for uid, user in self.workspace.slack.users.items()
                        if folded(user["name"]) == folded(name)), None)
        if user_id is None:
            tz = changes.get("tz")
            locale = changes.get("locale")
            zone = tz or self.workspace.deps.workspace(TEAM_ID).timezone
            user_id = self._new_person(name, locale=_locale(locale, zone) if locale else None, tz=tz,
                                       admin=bool(changes.get("is_admin")))
            self.out(f"New here: {self._describe(user_id)}.")
            return
        user = dict(self.workspace.slack.users[user_id])
        if "locale" in changes:
            user["locale"] = _locale(changes["locale"], changes.get("tz", user["tz"]))
        user.update({key: value for key, value in changes.items() if key != "locale"})
        self.workspace.slack.add_user(user_id, user["name"], tz=user["tz"], locale=user["locale"],
                                      is_admin=user["is_admin"], is_owner=user["is_owner"])
        self._keep(user_id)
        self.out(f"{self._describe(user_id)}.")

    def _people(self) -> None:
        now = self.clock.now()
        rows = []
        for user_id, user in sorted(self.workspace.slack.users.items(), key=lambda item: folded(item[1]["name"])):
            if user.get("is_bot"):
                continue
            member = teams.member(self.workspace.deps.db, TEAM_ID, user_id, now)
            side = f"{t('en', 'side.' + member.side.value)} {member.role.value}" if member else "on no side"
            rights = "owner" if user["is_owner"] else "admin" if user["is_admin"] else ""
            you = "*" if user_id == self.user_id else " "
            rows.append((f"{you} @{user['name']}", user_id, user["locale"], user["tz"], rights, side))
        if not rows:
            self.out("Nobody yet: :person NAME makes someone.")
            return
        widths = [max(len(row[i]) for row in rows) for i in range(5)]
        for row in rows:
            self.out("  ".join(cell.ljust(width) for cell, width in zip(row[:5], widths, strict=True)) + "  " + row[5])
        self.out("(* is you. :person NAME [es|en] [tz:ZONE] makes someone or changes them.)")

    def _keep_channels(self) -> None:
        self.roster.channels = {name: cid for name, cid in self.workspace.channels.items() if name != "collab"}
        self.roster.save()

    def _in(self, name: str) -> None:
        channel = self.workspace.channels.get(folded(name))
        if channel is None:
            raise UnknownName("channel", name.lstrip("#"), self.workspace.channels)
        self.channel_id = channel
        self.out(f"You type in #{folded(name)} now.")

    def _dms(self, count: str | None) -> None:
        if count is not None and not count.isdigit():
            raise Refused(":dm shows your last 10 DMs; :dm 30 the last 30.")
        found = self.screen.dms(self.user_id)[-(int(count) if count else DMS_SHOWN):]
        if not found:
            self.out(f"@{self._name(self.user_id)} has no DMs from the app yet.")
            return
        self.out(f"@{self._name(self.user_id)}'s DMs and group DMs, newest last:")
        for surface in found:
            self.out(self.screen.again(surface))

    # -- buttons and forms -------------------------------------------------------------------------

    def _press(self, surface: Surface, element: dict[str, Any], block_id: str) -> None:
        response_url = self.workspace.slack.response_url()
        self.screen.pressing(response_url, surface)
        exchange = self.workspace.press(self.user_id, element, block_id,
                                        {"channel": surface.channel, "message": surface.message, "view": surface.view},
                                        response_url=response_url)
        self.show(exchange, on_home=surface.kind == "home")

    def _submit(self, typed: dict[str, str]) -> None:
        modal = self.screen.modal(self.user_id)
        if modal is None or modal.view is None:
            raise Refused(f"@{self._name(self.user_id)} has no form open: a command or a button opens one.")
        try:
            ready = self.workspace.checked(modal.view, typed, self._today())
        except FieldError as exc:
            self.out(f"Not submitted: {exc}")
            return
        body = self.workspace.submission_of(modal.view, self.user_id, ready)
        self.show(self.workspace.dispatch(body, payloads.FORM), submitted=modal.key[1])

    def show(self, exchange: Exchange, on_home: bool = False, submitted: str | None = None) -> None:
        for line in self.screen.lines(exchange, self.user_id, self.channel_id, on_home=on_home, submitted=submitted):
            self.out(line)

    # -- time ------------------------------------------------------------------------------------

    def _zone(self) -> ZoneInfo:
        return ZoneInfo(self.workspace.deps.workspace(TEAM_ID).timezone)

    def _today(self) -> date:
        return self.clock.now().astimezone(ZoneInfo(self.workspace.slack.users[self.user_id]["tz"])).date()

    def _when(self, at: datetime, zone: ZoneInfo | None = None) -> str:
        zone = zone or self._zone()
        local = at.astimezone(zone)
        return f"{local:%a} {local.day} {local:%b %Y %H:%M} ({zone.key})"

    def _now(self) -> str:
        now, own = self.clock.now(), ZoneInfo(self.workspace.slack.users[self.user_id]["tz"])
        said = f"It is {self._when(now)}"
        if own.key != self._zone().key:
            local = now.astimezone(own)
            said += f"; for @{self._name(self.user_id)}, {local:%a} {local.day} {local:%b %H:%M} ({own.key})"
        return said + "."

    def _advance(self, span: str) -> None:
        parts = _SPAN.findall(span.lower())
        if not parts or "".join(n + u for n, u in parts) != span.lower():
            raise Refused(f"{span!r}? :advance takes a span such as 3d, 2h, 30m, 1w or 1d12h.")
        delta = sum((int(n) * _SPAN_UNITS[u] for n, u in parts), timedelta())
        self._move_to(self.clock.now() + delta)

    def _at(self, words: list[str]) -> None:
        zone = self._zone()
        day, at = None, time(0, 0)
        for word in words:
            if word.lower().startswith("tz:"):
                zone = ZoneInfo(_zone_named(word[3:]))
            elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", word):
                try:
                    day = date.fromisoformat(word)
                except ValueError:
                    raise Refused(f"{word!r} is no date.") from None
            elif word.lower() in {"today", "tomorrow"}:
                day = self.clock.now().astimezone(zone).date() + timedelta(days=word.lower() == "tomorrow")
            elif re.fullmatch(r"([01]?\d|2[0-3]):[0-5]\d", word):
                hours, minutes = map(int, word.split(":"))
                at = time(hours, minutes)
            else:
                raise Refused(f"{word!r}? :at 2026-12-07 09:00 [tz:Europe/Madrid] (or :at tomorrow 09:00)")
        day = day or self.clock.now().astimezone(zone).date()
        target = datetime.combine(day, at, tzinfo=zone)
        if target < self.clock.now():
            raise Refused(f"The clock only moves forward: it is {self._when(self.clock.now())}.")
        self._move_to(target)

    def _move_to(self, until: datetime) -> None:
        if until - self.clock.now() > LONGEST_ADVANCE:
            raise Refused(f"At most {LONGEST_ADVANCE.days} days at a time, please.")
        slack = self.workspace.slack
        mark, sent = slack.mark(), False

        def at_each(at: datetime) -> None:
            nonlocal mark, sent
            calls = slack.since(mark)
            mark += len(calls)
            shown = self.screen.lines(Exchange(None, calls), None)
            if shown:
                sent = True
                self.out(f"── {self._when(at)} ──")
                for line in shown:
                    self.out(line)

        self.clockwork.run_until(until, at_each)
        self._save()
        self.out(f"It is now {self._when(self.clock.now())}." + ("" if sent else " Nothing was sent meanwhile."))

    def _run(self, job: str) -> None:
        run, why_not = JOBS[job]
        mark = self.workspace.slack.mark()
        run(self.workspace.deps, self.clock.now())
        shown = self.screen.lines(Exchange(None, self.workspace.slack.since(mark)), None)
        for line in shown:
            self.out(line)
        if not shown:
            self.out(f"Nothing to send: {why_not}.")

    # -- the terminal ----------------------------------------------------------------------------

    def loop(self) -> None:
        user = self.workspace.slack.users[self.user_id]
        role = ", an owner of it" if user["is_owner"] else ", an admin of it" if user["is_admin"] else ""
        self.out(GREETING.format(store=self.store, user=user["name"], role=role, now=self._when(self.clock.now())))
        history = self._line_editing() if sys.stdin.isatty() else None
        try:
            while True:
                try:
                    line = input(f"{self._name(self.user_id)}> ")
                except EOFError:
                    break
                except KeyboardInterrupt:  # Ctrl-C drops the line being typed
                    self.out("")
                    continue
                try:
                    if not self.handle(line):
                        break
                except KeyboardInterrupt:  # Ctrl-C stops a long :advance where it got to
                    self.out(f"(stopped; it is {self._when(self.clock.now())})")
        finally:
            if history is not None:
                history()
            self.close()

    def close(self) -> None:
        """Keep what the next console on this store needs, and stop the pretend Slack."""
        self._save()
        self.workspace.close()

    def _save(self) -> None:
        self.roster.clock = self.clock.now()
        self.roster.messages = self.screen.kept()
        self.roster.save()

    def _line_editing(self) -> Callable[[], None] | None:
        """Line editing, history (kept in ~/.alinea_console_history) and Tab completion of the console's commands,
        people and channels, where the terminal has readline; returns what saves the history."""
        try:
            import readline
        except ImportError:
            return None
        path = Path(os.path.expanduser("~/.alinea_console_history"))
        try:
            readline.read_history_file(path)
        except OSError:
            pass

        def complete(text: str, state: int) -> str | None:
            if text.startswith(":"):
                options = list(COMMANDS)
            elif text.startswith("@"):
                options = ["@" + name for name in self.workspace.people_names()]
            elif text.startswith("#"):
                options = ["#" + name for name in self.workspace.channels]
            else:
                options = []
            found = [option for option in options if option.startswith(text)]
            return found[state] if state < len(found) else None

        readline.set_completer_delims(" \t\n\"'=")
        readline.set_completer(complete)
        readline.parse_and_bind("tab: complete")

        def save() -> None:
            try:
                readline.set_history_length(1000)
                readline.write_history_file(path)
            except OSError:
                pass

        return save


def _usage(command: str) -> str:
    """How to type `:command`, from the help; for a command the console does not have, where to find them."""
    lines = CONSOLE_HELP.splitlines()
    first = next((i for i, line in enumerate(lines) if re.match(rf"\s*:{re.escape(command)}\b", line)), None)
    if not command or first is None:
        return f"The console has no :{command} command; :help lists them."
    shown = [lines[first]]
    for line in lines[first + 1:]:
        if not line.startswith(" " * 20):  # what follows is another command
            break
        shown.append(line)
    return "Usage:\n" + "\n".join(shown)


def _words(text: str) -> list[str]:
    """A line's words: quotes group, a typed `\\n` is a new line."""
    text = text.replace("\\n", _NEWLINE)
    try:
        words = shlex.split(text)
    except ValueError:  # an apostrophe in a word, a quote left open
        words = text.split()
    return [word.replace(_NEWLINE, "\n") for word in words]


def _unquoted(text: str) -> str:
    text = text.replace("\\n", "\n")
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    return text


def _zone_named(name: str) -> str:
    try:
        return ZoneInfo(name).key
    except (ZoneInfoNotFoundError, ValueError):
        raise Refused(f"{name!r} is no time zone: an IANA name such as Europe/Madrid or America/Mexico_City"
                         ) from None


def _locale(language: str, zone: str) -> str:
    """A Slack locale: as given (`es-ES`), or for a language, the usual one where the person lives."""
    found = _LOCALE.fullmatch(language)
    if found:
        return f"{found[1].lower()}-{found[2].upper()}"
    if language == "es":
        return "es-LA" if zone.startswith("America/") else "es-ES"
    return "en-US"
