"""`alinea demo`: the scripted story runs through the real handlers and tells every feature."""

from __future__ import annotations

from bot.cli import main


def test_demo_runs_through_the_real_handlers_and_exits_0(capsys):
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "is now on the *Marketing* side as a leader" in out
    assert "Ahora estás en el lado de *Mercadotecnia*" in out  # Sofía's Slack is in Spanish
    assert "Only admins can do that" in out
    assert "Aceptaste *A-1* y ahora eres responsable" in out  # a button pressed through the real handlers (Tomás)
    assert "Registré" not in out and "SOLICITUDES ABIERTAS (2)" in out  # Sofía's list, in Spanish
    assert "Your commitments: 1 due tomorrow" in out  # the reminder job
    assert "Thanks! You rated *A-1* 5/5." in out
    assert "SHARED KPIS (4)" in out and ":large_yellow_circle: At risk" in out  # six weeks of four KPIs
    assert "file uploaded to" in out and "The chart is in your DM with Alinea." in out
    assert "`uptime` is measured in %, so a value in $ doesn't fit." in out
    assert "Scheduled *S-1 · CMO–CIO sync*" in out and "What should be on the agenda?" in out
    assert "S-1 · CMO–CIO SYNC" in out and "[*Record outcome*]" in out  # the agenda, at meeting time
    assert "recorded the outcome of S-1" in out and "Wire CRM events into the scoring model" in out
    assert "Round 1: 3 pairs, 1 person left out" in out and "shared what they learned" in out
    assert "The idea is now ask *A-4*." in out
    assert "Ronda 1: @tomas acompaña a @sofia" in out  # a Spanish-speaking pair's group DM, in Spanish
    assert "Round 1: @tomas shadows @sofia on" not in out
    assert "Pulse round 1 is out: 8 people asked." in out
    assert out.rstrip().endswith("Demo finished. Try it yourself with `alinea console`.")
    digest = out[out.index("This is what Carmen reads."):]
    assert "MARKETING × IT, WEEK OF" in digest and "Gap between the sides: *" in digest  # the leaders' digest
    assert "Slack refused" not in out
