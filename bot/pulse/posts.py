"""What follows a change to the pulse's rhythm, and the pulse's DMs: each member with a side is asked once per
round, in their own language."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from bot.deliveries import each, post_once
from bot.deps import Deps
from bot.local_times import days_due_somewhere, round_due
from bot.people import Actor
from bot.pulse import service as pulse
from bot.pulse import views as pulse_views
from bot.pulse.service import PulseRoundInfo
from bot.recurrence import period_key
from bot.teams import service as teams
from bot.workspaces import working_for


def pulse_job_id(team_id: str) -> str:
    return f"pulse:{team_id}"


def rhythm_changed(deps: Deps) -> None:
    """The pulse's rhythm changed: the scheduler plans the next round."""
    deps.replan()


def run_round(deps: Deps, team_id: str, period: str | None, now: datetime, actor: Actor | None = None,
              key: str | None = None, only: Collection[str] | None = None) -> PulseRoundInfo:
    """Open the round (once; once per request `key`) and ask every member (or those of them in `only`) who has not
    been asked in it yet. `period` None is a round started by hand, which on the day of a scheduled round is that
    round (`pulse.start_round`)."""
    info = pulse.start_round(deps.db, team_id, period, now, actor, key=key)

    def ask(user_id: str) -> bool:
        msg = pulse_views.question(deps.directory.language(user_id), info.number, info.id)
        return post_once(deps, pulse_job_id(team_id), user_id, f"round-{info.number}", now, msg)

    each(deps, [m for m in info.members if only is None or m in only], ask, "the pulse question",
         team=lambda _member: team_id)
    return info


def ask_due(deps: Deps, now: datetime) -> int:
    """Ask the members whose own local time has come for a scheduled round: the pulse's day and time in each
    member's Slack time zone (the round opens when the first of them is asked). Returns how many were asked (the
    scheduler calls it every minute)."""
    asked = 0
    for rhythm in pulse.settings_of(deps.db):
        if not deps.installs.active(rhythm.team_id):
            continue
        for occurs_at, day in days_due_somewhere(rhythm.series, now, deps.settings.alinea_misfire_grace):
            period = period_key(occurs_at)
            number = pulse.round_number(deps.db, rhythm.team_id, period, now)
            with working_for(rhythm.team_id):
                readers = [(m, deps.directory.zone(m)) for m in pulse.member_ids(deps.db, rhythm.team_id, now)]
            waiting = round_due(deps, pulse_job_id(rhythm.team_id), None if number is None else f"round-{number}",
                                readers, day, rhythm.series.at, now)
            if waiting:
                asked += len(waiting)
                run_round(deps, rhythm.team_id, period, now, only=waiting)
    return asked


def ballot_key(deps: Deps) -> bytes:
    """The server's key for ballots: stable across restarts and replicas, never stored in the database (the same
    key as before `Settings.key_for` existed, so ballots of a round still open match)."""
    return deps.settings.key_for("pulse")


def run_pulse_now(deps: Deps, now: datetime) -> int:
    """A pulse round now in every workspace (the console's `:run pulse`), as `/alinea pulse run` starts it; returns
    how many were asked."""
    return sum(len(run_round(deps, team, None, now).members) for team in teams.team_ids(deps.db))
