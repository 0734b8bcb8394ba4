"""What follows a change to the pulse's rhythm, and the pulse's DMs: each member with a side is asked once per
round, in their own language."""

from __future__ import annotations

from datetime import datetime

from bot.deliveries import each, finish_round, post_once
from bot.deps import Deps
from bot.people import Actor
from bot.pulse import service as pulse
from bot.pulse import views as pulse_views
from bot.pulse.service import PulseRoundInfo
from bot.teams import service as teams


def pulse_job_id(team_id: str) -> str:
    return f"pulse:{team_id}"


def rhythm_changed(deps: Deps) -> None:
    """The pulse's rhythm changed: the scheduler plans the next round."""
    deps.replan()


def run_round(deps: Deps, team_id: str, period: str | None, now: datetime, actor: Actor | None = None,
              key: str | None = None) -> PulseRoundInfo:
    """Open the round (once; once per request `key`) and ask every member who has not been asked in it yet.
    `period` None is a round started by hand, which on the day of a scheduled round is that round
    (`pulse.start_round`)."""
    info = pulse.start_round(deps.db, team_id, period, now, actor, key=key)

    def ask(user_id: str) -> bool:
        msg = pulse_views.question(deps.directory.language(user_id), info.number, info.id)
        return post_once(deps, pulse_job_id(team_id), user_id, f"round-{info.number}", now, msg)

    each(info.members, ask, "the pulse question")
    done = info.period or period  # (a result stored before rounds kept their period may name none)
    if done:
        finish_round(deps.db, pulse_job_id(team_id), done, now)
    return info


def ballot_key(deps: Deps) -> bytes:
    """The server's key for ballots: stable across restarts and replicas, never stored in the database (the same
    key as before `Settings.key_for` existed, so ballots of a round still open match)."""
    return deps.settings.key_for("pulse")


def run_pulse_now(deps: Deps, now: datetime) -> int:
    """A pulse round now in every workspace (the console's `:run pulse`), as `/alinea pulse run` starts it; returns
    how many were asked."""
    return sum(len(run_round(deps, team, None, now).members) for team in teams.team_ids(deps.db))
