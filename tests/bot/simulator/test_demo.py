"""`alinea demo`: the scripted month runs through the real handlers and tells the story a CIO and a CMO know: on the
days it says, with one shadowing round, people and channels by name, short enough to read, and ending with the
leaders' digest."""

from __future__ import annotations

import io
import re
import time
from contextlib import redirect_stdout
from datetime import date, datetime
from pathlib import Path

import pytest

from bot.cli import main
from bot.simulator.demo import CONSOLE_POINTER, LEADERS, MEMBERS, OWNER, START
from bot.simulator.payloads import DEFAULT_CHANNEL

# What a Slack ID looks like: a user (U…, W…), a DM (D…), a group DM (G…) or a channel (C…), in capitals.
SLACK_ID = re.compile(r"\b[UCDGW][A-Z0-9]{3,}\b")
DIGEST_TITLE = re.compile(r"MARKETING × IT, WEEK OF (\w{3}), (\w{3}) (\d{1,2})")
PEOPLE = [OWNER[0]] + [name for name, *_ in LEADERS + MEMBERS]


@pytest.fixture(scope="module")
def run() -> tuple[str, float]:
    """`alinea demo`, run once through the CLI: what it printed, and how long it took."""
    printed = io.StringIO()
    started = time.monotonic()
    with redirect_stdout(printed):
        assert main(["demo"]) == 0
    return printed.getvalue(), time.monotonic() - started


@pytest.fixture
def out(run: tuple[str, float]) -> str:
    return run[0]


@pytest.fixture
def digest(out: str) -> str:
    """Carmen's digest: from its title to the end."""
    title = DIGEST_TITLE.search(out)
    assert title is not None, "the demo prints no digest"
    return out[title.start():]


def test_the_demo_is_short_quick_and_ends_with_the_digest_and_the_console(run: tuple[str, float], digest: str) -> None:
    out, seconds = run
    assert len(out.splitlines()) < 500
    assert seconds < 90
    assert CONSOLE_POINTER == "Try it yourself with `make console`."
    assert out.rstrip().endswith(CONSOLE_POINTER)
    # After the digest only its own lines, the note of who else got it, and the pointer: nothing else happens.
    assert not [line for line in digest.splitlines()
                if line.startswith(("» ", "== ", "→ ")) and not line.startswith("→ also by DM")]
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
    assert not re.search(r"\b(Round|Ronda|round) [2-9]", out)
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
    assert "Aceptaste *A-1* y ahora eres responsable" in out  # a button pressed through the real handlers (Tomás)
    assert "SOLICITUDES ABIERTAS (2)" in out  # Sofía's list, in Spanish
    assert "Your commitments: 1 due tomorrow" in out  # the reminder job
    assert "Thanks! You rated *A-1* 5/5." in out
    assert "file uploaded to DM with @carmen: Lead conversion rate" in out and "The chart is in your DM" in out
    assert "Pulse round 1" in out and "Thanks! You answered 4." in out  # the pulse, sent by the scheduler
    assert "Scheduled *S-1 · CMO–CIO sync*" in out and "What should be on the agenda?" in out
    agendas = out.split("S-1 · CMO–CIO SYNC\n")[1:]
    assert len(agendas) == 2  # the sync recurs: two weekly meetings
    last_time = agendas[1][agendas[1].index("*Decisions last time*"):]
    assert "One lead-scoring model owned by both sides" in last_time.split("[*Record outcome*]")[0]
    assert "Wire CRM events into the scoring model" in out  # a commitment made at the sync
    assert "The idea is now ask *A-4*." in out
    assert "IT → Marketing" in digest and "Gap between the sides: *" in digest
    assert "What people added (2)" in digest
    days = re.findall(r"^== Week \d · (\w+) (\d{2}) (\w+):", out, re.MULTILINE)
    assert [d[0] for d in days] == ["Monday"] * len(days)
    assert [date(START.year, datetime.strptime(m, "%B").month, int(d)) for _, d, m in days] == sorted(
        date(START.year, datetime.strptime(m, "%B").month, int(d)) for _, d, m in days)
