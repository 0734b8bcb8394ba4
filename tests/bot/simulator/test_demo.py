"""`alinea demo`: the scripted month runs through the real handlers and tells the story a CIO and a CMO know: on the
days it says, with one shadowing round, people and channels by name, short enough to read, and ending with the
leaders' digest, which opens with what moved since the quiet pilot before the month."""

from __future__ import annotations

import io
import re
import time
from contextlib import redirect_stdout
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import NamedTuple
from unittest.mock import patch

import pytest

from bot import format as fmt
from bot.cli import main
from bot.digest.models import Trend
from bot.digest.trend import trend
from bot.digest.views import TREND_BACK, duration, trend_lines
from bot.i18n import t
from bot.people import Side
from bot.simulator.demo import (
    CONSOLE_POINTER,
    FIFTH_WEEK_ASKS,
    LEADERS,
    MEMBERS,
    OWNER,
    PILOT,
    PILOT_PULSE,
    START,
    TIMEZONE,
    ZONE,
    Demo,
    local,
)
from bot.simulator.fake_slack import TEAM_ID
from bot.simulator.payloads import DEFAULT_CHANNEL

# What a Slack ID looks like: a user (U…, W…), a DM (D…), a group DM (G…) or a channel (C…), in capitals.
SLACK_ID = re.compile(r"\b[UCDGW][A-Z0-9]{3,}\b")
DIGEST_TITLE = re.compile(r"MARKETING × IT, WEEK OF (\w{3}), (\w{3}) (\d{1,2})")
PEOPLE = list(dict.fromkeys([OWNER[0]] + [name for name, *_ in LEADERS + MEMBERS + PILOT]))
DIGEST_SENT = local(START.astimezone(ZONE).date() + timedelta(weeks=5), 9)  # Monday 7 December, 09:00


class Run(NamedTuple):
    out: str  # what `alinea demo` printed
    seconds: float  # how long it took
    moved: Trend  # the trend over the demo's store, as the digest computed it


@pytest.fixture(scope="module")
def run() -> Run:
    """`alinea demo`, run once through the CLI: what it printed, how long it took, and the trend over its store when
    the month is over (read before the store is thrown away)."""
    printed = io.StringIO()
    seen: list[Trend] = []
    play = Demo.play

    def playing(demo: Demo) -> None:
        play(demo)
        seen.append(trend(demo.workspace.deps.db, TEAM_ID, DIGEST_SENT, TIMEZONE))

    started = time.monotonic()
    with patch.object(Demo, "play", playing), redirect_stdout(printed):
        assert main(["demo"]) == 0
    return Run(printed.getvalue(), time.monotonic() - started, seen[0])


@pytest.fixture
def out(run: Run) -> str:
    return run.out


@pytest.fixture
def moved(run: Run) -> Trend:
    return run.moved


@pytest.fixture
def digest(out: str) -> str:
    """Carmen's digest: from its title to the end."""
    title = DIGEST_TITLE.search(out)
    assert title is not None, "the demo prints no digest"
    return out[title.start():]


def test_the_demo_is_short_quick_and_ends_with_the_digest_and_the_console(run: Run, digest: str) -> None:
    out, seconds = run.out, run.seconds
    assert len(out.splitlines()) < 500
    assert seconds < 90
    assert CONSOLE_POINTER == "Try it yourself with `make console`."
    assert out.rstrip().endswith(CONSOLE_POINTER)
    # After the digest only its own lines (and the picture that goes with it, if any), the note of who else got it,
    # and the pointer: nothing else happens.
    assert not [line for line in digest.splitlines()
                if line.startswith(("» ", "== ", "→ "))
                and not line.startswith(("→ also by DM", "→ file uploaded to DM with"))]
    assert re.search(r"^console:", (Path(__file__).parents[3] / "Makefile").read_text(), re.MULTILINE)
    assert "Slack refused" not in out


def test_the_digest_comes_on_the_monday_it_says(out: str, digest: str) -> None:
    weekday, month, day = DIGEST_TITLE.search(digest).groups()  # type: ignore[union-attr]
    assert weekday == "MON"
    week_of = datetime.strptime(f"{month} {day} {START.year}", "%b %d %Y").date()
    assert week_of.weekday() == 0
    sent = re.findall(r"» (\w{3}) (\d{2}) (\w{3}) 09:00: the scheduler runs the weekly digest", out)
    assert len(sent) == 1 and sent[0][0] == "Mon"
    sent_on = datetime.strptime(f"{sent[0][1]} {sent[0][2]} {START.year}", "%d %b %Y").date()
    assert (sent_on - week_of).days == 7  # the week before the Monday it is sent


def test_one_shadowing_round(out: str, digest: str) -> None:
    assert out.count("the scheduler runs the shadowing round") == 1
    assert "/shadow run" not in out
    pulse = re.compile(r"[Pp]ulse rounds? \d+(?: and \d+)?|Ronda \d+ del pulso|Round \d+ \(closed\)")
    assert not re.search(r"\b(Round|Ronda|round) [2-9]", pulse.sub("", out))
    assert out.count("Ronda 1: @tomas acompaña a @sofia") == 1
    assert out.count("No partner for you in round 1") == 1
    assert "Pairs made: *3*" in digest  # a second round would have made three more


def test_no_slack_ids_in_the_output(out: str) -> None:
    known = {"U" + name.upper() for name in PEOPLE} | {DEFAULT_CHANNEL}
    assert not [word for word in known if word in out]
    lower_case = out.lower()
    # A capitalised word the text also uses in lower case is a heading ("COMMITMENTS", "WEEK"), not an ID.
    ids = {found for found in SLACK_ID.findall(out) if not re.search(rf"\b{found.lower()}\b", lower_case)}
    assert not ids
    assert not re.search(r"(?:\bDM |#)[A-Z][A-Z0-9]{3,}\b", out)
    assert not re.search(r"\d{10}\.\d{6}", out)  # nor a message's timestamp
    assert "DM with @carmen" in out and "group DM @ivan, @carmen" in out and "#marketing-it" in out


def test_home_in_full_at_the_start_and_the_end_and_a_note_in_between(out: str) -> None:
    assert out.count("┌─ Home ─") == 2
    first, last = out.index("┌─ Home ─"), out.rindex("┌─ Home ─")
    assert "Welcome to Alinea." in out[first:out.index("└─", first)]
    assert "*Shared KPIs*" in out[last:] and ":red_circle: Off track" in out[last:out.index("└─", last)]
    notes = re.findall(r"^→ Home of (@\w+(?:, @\w+)*) refreshed$", out, re.MULTILINE)
    assert len(notes) > 5 and all(first < out.index(f"→ Home of {n} refreshed") < last for n in notes)


def test_the_spanish_pair_reads_its_group_dm_in_spanish(out: str) -> None:
    pair = out[out.index("→ group DM @sofia, @tomas"):]
    assert pair.splitlines()[1].strip().startswith(":handshake: Ronda 1: @tomas acompaña a @sofia")
    assert "Ideas para visitar Mercadotecnia" in pair
    assert "Round 1: @tomas shadows @sofia" not in out


def test_the_kpis_are_on_track_at_risk_and_off_track_in_the_digest(digest: str) -> None:
    kpis = digest[digest.index(":chart_with_upwards_trend: KPIS"):digest.index(":spiral_calendar_pad: SYNCS")]
    assert ":large_green_circle: On track" in kpis
    assert ":large_yellow_circle: At risk" in kpis
    assert ":red_circle: Off track" in kpis
    assert "Stale" not in kpis


def test_the_story_goes_through_the_real_handlers(out: str, digest: str) -> None:
    assert "@carmen is now on the *Marketing* side as a leader." in out
    assert "Ahora estás en el lado de *Mercadotecnia*" in out  # Sofía's Slack is in Spanish
    # The month's first ask comes after the pilot's: a button pressed through the real handlers (Tomás).
    accepted = re.search(r"Aceptaste \*A-(\d+)\* y ahora eres responsable", out)
    assert accepted is not None and int(accepted[1]) > 1
    first = int(accepted[1])
    assert f"*A-{first} · Landing page for the spring launch*" in out
    assert "SOLICITUDES ABIERTAS (2)" in out  # Sofía's list, in Spanish
    assert "Your commitments: 1 due tomorrow" in out  # the reminder job
    assert f"Thanks! You rated *A-{first}* 5/5." in out
    assert "file uploaded to DM with @carmen: Lead conversion rate" in out and "The chart is in your DM" in out
    # The pulse, sent by the scheduler: the round after the pilot's.
    assert f"Pulse round {len(PILOT_PULSE) + 1};" in out and "Thanks! You answered 4." in out
    assert "Scheduled *S-1 · CMO–CIO sync*" in out and "What should be on the agenda?" in out
    agendas = out.split("S-1 · CMO–CIO SYNC\n")[1:]
    assert len(agendas) == 2  # the sync recurs: two weekly meetings
    last_time = agendas[1][agendas[1].index("*Decisions last time*"):]
    assert "One lead-scoring model owned by both sides" in last_time.split("[*Record outcome*]")[0]
    assert "Wire CRM events into the scoring model" in out  # a commitment made at the sync
    assert f"The idea is now ask *A-{first + 3 + len(FIFTH_WEEK_ASKS)}*." in out
    assert "IT → Marketing" in digest and "Gap between the sides: *" in digest
    assert "What people added (2)" in digest
    days = re.findall(r"^== Week \d · (\w+) (\d{2}) (\w+):", out, re.MULTILINE)
    assert [d[0] for d in days] == ["Monday"] * len(days)
    assert [date(START.year, datetime.strptime(m, "%B").month, int(d)) for _, d, m in days] == sorted(
        date(START.year, datetime.strptime(m, "%B").month, int(d)) for _, d, m in days)


def test_the_pilot_is_a_few_lines_before_the_month(out: str) -> None:
    before = out[:out.index("== Week 1 ")]
    assert len(before.splitlines()) <= 8
    assert [month for month in ("August", "September", "October") if f"\n  {month}: " in before] == [
        "August", "September", "October"]
    assert "»" not in before and "→" not in before  # none of its messages


def test_the_digest_opens_with_what_moved_since_four_weeks_ago(out: str, digest: str, moved: Trend) -> None:
    heading = t("en", "digest.trend.heading", weeks=TREND_BACK).lower()  # a header: printed in capitals
    assert heading in digest.lower()
    block = digest[digest.lower().index(heading):digest.index(":inbox_tray: ASKS")]
    lines = trend_lines("en", moved)
    assert len(lines) >= 3
    assert [line for line in lines if f"• {line}" not in block] == []
    # In full only in the digest: the agendas and the Home tab before it fold them into their heading.
    assert out.count(lines[0]) == 1

    # The perception gap narrowed over the pilot's rounds and the month's, each answered by enough on each side.
    assert [r.round_number for r in moved.rounds] == list(range(1, len(PILOT_PULSE) + 2))
    gaps = [r.gap for r in moved.rounds]
    assert None not in gaps
    first, last = moved.rounds[0].gap, moved.rounds[-1].gap
    assert first is not None and last is not None and last < first
    assert t("en", "digest.trend.gap.narrowed", count=len(gaps) - 1, was=fmt.number("en", first),
             now=fmt.number("en", last)) in block
    assert "narrowed" in lines[0]

    # IT accepts marketing's asks faster than four weeks ago, and gets them done faster.
    now, then = moved.weeks[-1], moved.weeks[-1 - TREND_BACK]
    assert now.week_start == date(2026, 11, 30) and then.week_start == date(2026, 11, 2)
    flow_now, flow_then = (next(f for f in week.directions if (f.from_side, f.to_side) == (Side.MARKETING, Side.IT))
                           for week in (now, then))
    for kind in ("accept", "close"):
        hours_now, hours_then = (getattr(flow, f"median_hours_to_{kind}") for flow in (flow_now, flow_then))
        assert hours_now is not None and hours_then is not None and hours_now < hours_then
        assert t("en", f"digest.trend.{kind}.changed", helper="IT", asker="Marketing", now=duration("en", hours_now),
                 was=duration("en", hours_then), weeks=TREND_BACK) in block
    assert "IT now accepts Marketing’s asks in" in block

    # More commitments kept on time.
    assert now.kept_rate is not None and then.kept_rate is not None and now.kept_rate > then.kept_rate
    assert "Commitments kept on time rose from" in block

    # And the picture, after each leader's DM.
    title = t("en", "digest.picture.title", weeks=len(moved.weeks))
    assert [f"→ file uploaded to DM with @{name}: {title}" in digest for name in ("carmen", "ivan")] == [True, True]
