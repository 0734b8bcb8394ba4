"""What the digest sends: one DM per subscriber (in their language and time zone), with the trend's picture after it
for leaders, and one channel post per week, each claimed before it is made (the Web API client paces them under
Slack's rate limits, `bot.pacing`); the trend's picture on demand; and what follows a change to its rhythm."""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from datetime import datetime

from bot.deliveries import each, post_once, send_once, share_file, share_once
from bot.deps import Deps
from bot.digest import service as digest
from bot.digest import views as digest_views
from bot.digest.charts import trend_alt, trend_png_or_none
from bot.digest.models import Trend
from bot.digest.trend import trend, trend_or_none
from bot.i18n import Language, t
from bot.local_times import days_due_somewhere, round_due
from bot.teams import service as teams
from bot.workspaces import working_for

log = logging.getLogger(__name__)


def digest_job_id(team_id: str) -> str:
    return f"digest:{team_id}"


def picture_job_id(team_id: str) -> str:
    """The trend's picture after a leader's digest DM: a send of its own, once per (leader, week)."""
    return f"digest-trend:{team_id}"


def rhythm_changed(deps: Deps) -> None:
    """A subscription or the digest's day, time or channel changed: the scheduler plans the next digest."""
    deps.replan()


def send_week(deps: Deps, team_id: str, occurs_at: datetime, now: datetime,
              pause: Callable[[float], None] | None = None, only: Collection[str] | None = None) -> int:
    """Send the digest of the week before `occurs_at` to every subscriber who is still a leader or an admin (with
    the pulse's comments, the trend's lines and then its picture) and to the channel (without them), or to those of
    them in `only`, once each. The client keeps the sends within Slack's rate limits; `pause`, when given, is called
    after each send with the wait the digest adds of its own, none (0 s): where the tests step in between two
    sends.

    The picture is a send of its own (`picture_job_id`), made after the DM and claimed like it: a leader gets it
    once a week, and a leader whose DM went out but not the picture (Slack refused it, or the process died between
    the two) gets it at the next run (`send_due` counts them as waiting). While the trend has nothing to draw, or
    the picture can't be drawn, the week's picture is settled without a send: the DM has gone, and its lines say
    the same in words."""
    settings = deps.workspace(team_id)
    week = digest.week_round(deps.db, team_id, occurs_at, now, settings.timezone)
    job, period = digest_job_id(team_id), week.day.isoformat()
    leaders = set(week.leaders)
    targets = [(user_id, deps.directory.language(user_id), deps.directory.user(user_id).timezone, True)
               for user_id in week.subscribers
               if (only is None or user_id in only)
               and (user_id in leaders or deps.directory.actor(team_id, user_id).is_admin)]
    if week.channel_id and (only is None or week.channel_id in only):
        targets.append((week.channel_id, settings.language, week.zone, False))
    moved = (trend_or_none(lambda: trend(deps.db, team_id, occurs_at, week.zone), f"the digest of {team_id}")
             if any(target[3] for target in targets) else None)
    pictures: dict[Language, bytes | None] = {}  # drawn once per language

    def send(target: tuple[str, str, str, bool]) -> bool:
        recipient, lang, reader_zone, leader = target
        shown = digest_views.render(lang, week.digest, reader_zone, with_comments=leader,
                                    trend=moved if leader else None)
        sent = post_once(deps, job, recipient, period, now, shown)
        if leader and moved is not None:  # a trend that could not be computed is tried again at the next run
            if lang not in pictures:
                pictures[lang] = trend_png_or_none(moved, lang) if moved.drawable else None
            _share_weekly(deps, team_id, recipient, period, now, moved, lang, pictures[lang])
        if sent and pause is not None:
            pause(0.0)
        return sent

    return each(deps, targets, send, "the digest", team=lambda _target: team_id)


def _share_weekly(deps: Deps, team_id: str, user_id: str, period: str, now: datetime, moved: Trend, lang: Language,
                  png: bytes | None) -> None:
    """The week's picture after the leader's DM, once; without one (`png` None), the week's picture is settled with
    nothing sent. A failure to share is logged, and the claim given back for the next run (the DM went out)."""
    try:
        if png is None:
            send_once(deps.db, picture_job_id(team_id), user_id, period, now, lambda: None)
            return
        share_once(deps, picture_job_id(team_id), user_id, period, now, png, f"alinea-trend-{period}.png",
                   *_picture_words(moved, lang))
    except Exception:
        log.exception("could not share the trend's picture with %s", user_id)


def share_picture(deps: Deps, user_id: str, moved: Trend, lang: Language) -> bool | None:
    """The trend's picture in the person's DM now (`/digest trend`); None when it would show nothing yet; False,
    logged, when it could not be drawn or shared (the reply says so)."""
    if not moved.drawable:
        return None
    png = trend_png_or_none(moved, lang)
    if png is None:
        return False
    try:
        share_file(deps, user_id, png, f"alinea-trend-{deps.clock.now():%Y-%m-%d-%H%M}.png",
                   *_picture_words(moved, lang))
        return True
    except Exception:
        log.exception("could not share the trend's picture with %s", user_id)
        return False


def _picture_words(moved: Trend, lang: Language) -> tuple[str, str, str]:
    """The picture's title, alt text and comment, in the reader's language."""
    return (t(lang, "digest.picture.title", weeks=len(moved.weeks)), trend_alt(moved, lang),
            t(lang, "digest.picture.comment"))


def send_due(deps: Deps, now: datetime) -> int:
    """Send the digests whose time has come: the digest's day and time in each subscriber's own Slack time zone,
    and in the digest's zone for its channel; and the pictures that did not follow a DM sent earlier. Returns how
    many digests were sent (the scheduler calls it every minute)."""
    sent = 0
    for rhythm in digest.settings_of(deps.db, now):
        if not deps.installs.active(rhythm.team_id):
            continue
        for occurs_at, day in days_due_somewhere(rhythm.series, now, deps.settings.alinea_misfire_grace):
            with working_for(rhythm.team_id):
                people: list[tuple[str, str | None]] = [
                    (user_id, deps.directory.zone(user_id))
                    for user_id in digest.subscribers(deps.db, rhythm.team_id, now)]
                channel = [(rhythm.channel_id, rhythm.series.timezone)] if rhythm.channel_id else []
                period = day.isoformat()
                # those not sent the digest, and (leaders) those sent it but not yet its picture
                waiting = (round_due(deps, digest_job_id(rhythm.team_id), period, people + channel, day,
                                     rhythm.series.at, now)
                           | round_due(deps, picture_job_id(rhythm.team_id), period, people, day, rhythm.series.at,
                                       now))
                if waiting:
                    sent += send_week(deps, rhythm.team_id, occurs_at, now, only=waiting)
    return sent


def send_digest_now(deps: Deps, now: datetime) -> int:
    """The digest now, in every workspace with subscribers or a channel (the console's `:run digest`)."""
    sent = 0
    for team in teams.team_ids(deps.db):
        with working_for(team):
            sent += send_week(deps, team, now, now)
    return sent
