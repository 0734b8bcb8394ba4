"""/shadow, rounds over many simulated weeks, the pair DMs, learnings and follow-ups, through the real App."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest

from bot.recurrence import period_key
from bot.shadowing import posts as shadow_posts
from schedules import jobs, runtime, scheduler
from storage.models import Ask, ShadowPairing, ShadowParticipant, ShadowRound
from tests.helpers import rows, utc

MARKETING = ["mia", "mateo", "marta", "mike"]
IT = ["ines", "ivo", "ian"]


@pytest.fixture
def rotation(workspace, people):
    """Four marketers and three IT people in the rotation; Lea leads IT."""
    people["lea"] = workspace.add_person("lea")
    workspace.command(people["owner"], "/alinea team add @lea it leader")
    for name in MARKETING + IT:
        people[name] = workspace.add_person(name, locale="es-LA" if name == "ivo" else "en-US")
        workspace.command(people[name], f"/alinea join {'mkt' if name in MARKETING else 'it'}")
        workspace.command(people[name], "/shadow join")
    runtime.install(workspace.deps)
    return people


def asks_posted(workspace) -> list[str | None]:
    return [a.channel_id for a in rows(workspace.deps.db, Ask)]


def test_joining_needs_a_side_and_takes_a_preference(workspace, people):
    assert "Join a side first" in workspace.command(people["sam"], "/shadow join").reply_text
    workspace.command(people["sam"], "/alinea join it")
    assert "as a host" in workspace.command(people["sam"], "/shadow join host").reply_text
    assert "`boss` is not a role" in workspace.command(people["sam"], "/shadow join boss").reply_text
    [who] = rows(workspace.deps.db, ShadowParticipant)
    assert (who.user_id, who.preference, who.active) == (people["sam"], "host", True)
    assert "You've left" in workspace.command(people["sam"], "/shadow leave").reply_text
    assert rows(workspace.deps.db, ShadowParticipant)[0].active is False


def test_pause_and_status(workspace, rotation, clock):
    assert "Say until when" in workspace.command(rotation["mia"], "/shadow pause").reply_text
    assert "Pick a date after today" in workspace.command(rotation["mia"], "/shadow pause until:today").reply_text
    assert "paired again from" in workspace.command(rotation["mia"], "/shadow pause until:+2w").reply_text
    text = workspace.command(rotation["mia"], "/shadow status").reply_text
    assert "hosted 0 times and visited 0 times" in text and "Paused until" in text


def test_only_leaders_configure_run_and_see_stats(workspace, rotation):
    for line in ["/shadow config every:2w on:mon at:10:00", "/shadow run", "/shadow stats"]:
        assert "Only leaders and admins" in workspace.command(rotation["mia"], line).reply_text
    assert rows(workspace.deps.db, ShadowRound) == []


def test_a_round_pairs_the_sides_and_dms_each_pair(workspace, rotation):
    exchange = workspace.command(rotation["lea"], "/shadow run")
    assert "Round 1: 3 pairs, 1 person left out" in exchange.reply_text
    pairs = rows(workspace.deps.db, ShadowPairing)
    assert len(pairs) == 3
    for pair in pairs:
        sides = {pair.host_id in [rotation[n] for n in MARKETING], pair.visitor_id in [rotation[n] for n in MARKETING]}
        assert sides == {True, False}  # one marketer, one IT person
    opened = exchange.to("conversations.open")
    assert len(opened) == 3 and all(len(c.args["users"].split(",")) == 2 for c in opened)
    dms = [c for c in exchange.to("chat.postMessage") if c.args["channel"].startswith("G")]
    assert len(dms) == 3
    assert all("Done — share learnings" in str(c.args["blocks"]) and "Skip this round" in str(c.args["blocks"])
               for c in dms)
    [left] = rows(workspace.deps.db, ShadowRound)[0].left_out
    [note] = [c for c in exchange.to("chat.postMessage") if c.args["channel"] == left]
    assert "first in line next round" in note.args["text"]
    again = workspace.command(rotation["lea"], "/shadow run")  # the same moment: the same round
    assert "was already made" in again.reply_text and len(rows(workspace.deps.db, ShadowPairing)) == 3


def test_weeks_of_rounds_never_repeat_a_pair_early_and_everyone_hosts_and_visits(workspace, rotation, clock):
    possible = len(MARKETING) * len(IT)
    for week in range(12):
        workspace.command(rotation["lea"], "/shadow run")
        clock.advance(timedelta(weeks=1))
        left_out = rows(workspace.deps.db, ShadowRound)[-1].left_out
        if week > 0:
            previous = rows(workspace.deps.db, ShadowRound)[-2].left_out
            assert not set(previous) & set(left_out), "someone left out twice in a row"
    pairs = rows(workspace.deps.db, ShadowPairing)
    keys = [frozenset((p.host_id, p.visitor_id)) for p in pairs]
    assert len(set(keys[:possible])) == min(possible, len(keys[:possible]))  # no repeat before all were used
    hosted = Counter(p.host_id for p in pairs)
    visited = Counter(p.visitor_id for p in pairs)
    for name in MARKETING + IT:
        assert hosted[rotation[name]] >= 1 and visited[rotation[name]] >= 1, name


def test_paused_and_departed_people_are_skipped(workspace, rotation, clock):
    workspace.command(rotation["mia"], "/shadow pause until:+2w")
    workspace.command(rotation["owner"], "/alinea team remove @ian")
    workspace.command(rotation["lea"], "/shadow run")
    everyone = {p.host_id for p in rows(workspace.deps.db, ShadowPairing)} | {p.visitor_id for p in rows(workspace.deps.db, ShadowPairing)}
    assert rotation["mia"] not in everyone and rotation["ian"] not in everyone
    assert len(rows(workspace.deps.db, ShadowPairing)) == 2


def test_sharing_learnings_can_turn_the_idea_into_an_ask(workspace, rotation, clock):
    workspace.command(rotation["lea"], "/shadow run")
    pair = rows(workspace.deps.db, ShadowPairing)[0]
    workspace.click(pair.visitor_id, "Done — share learnings", channel=pair.channel_id)
    empty = workspace.submit(pair.visitor_id, surprise="  ", make_ask="yes")
    assert '"surprise"' in empty.response.body
    no_idea = workspace.submit(pair.visitor_id, surprise="How many tools", make_ask="yes")
    assert '"idea"' in no_idea.response.body
    done = workspace.submit(pair.visitor_id, surprise="How many tools they juggle",
                            idea="One intake form for campaign requests", make_ask="yes")
    pair = rows(workspace.deps.db, ShadowPairing)[0]
    [ask] = rows(workspace.deps.db, Ask)
    assert (pair.status, pair.surprise, pair.ask_id) == ("done", "How many tools they juggle", ask.id)
    assert (ask.source, ask.title, ask.requester_id) == ("shadowing", "One intake form for campaign requests",
                                                         pair.visitor_id)
    shared = [c for c in done.to("chat.postMessage") if c.args["channel"] == pair.channel_id]
    assert shared and "The idea is now ask *A-1*." in str(shared[0].args["blocks"])
    cards = [c for c in done.to("chat.postMessage") if "*A-1 · One intake form for campaign requests*" in str(c.args)]
    assert len(cards) == 1 and asks_posted(workspace) == [pair.channel_id]  # no ALINEA_CHANNEL: the pair's DM
    again = workspace.click(pair.host_id, "Skip this round", channel=pair.channel_id)
    assert "already shared this pair's learnings" in again.reply_text


def test_only_the_pair_shares_or_skips(workspace, rotation):
    workspace.command(rotation["lea"], "/shadow run")
    pair = rows(workspace.deps.db, ShadowPairing)[0]
    stranger = next(rotation[n] for n in MARKETING + IT if rotation[n] not in (pair.host_id, pair.visitor_id))
    refused = workspace.click(stranger, "Skip this round", channel=pair.channel_id)
    assert "Only the two people in this pair" in refused.reply_text
    assert rows(workspace.deps.db, ShadowPairing)[0].status == "assigned"
    skipped = workspace.click(pair.host_id, "Skip this round", channel=pair.channel_id)
    [shown] = skipped.replies  # said where the pair sees it: their group DM, the message itself, in place
    assert shown["replace_original"] is True and "skipped this round" in shown["text"]
    assert "Skip this round" not in str(shown["blocks"]) and skipped.to("chat.update") == []
    assert rows(workspace.deps.db, ShadowPairing)[0].status == "skipped"


def test_pairs_without_news_get_one_follow_up(workspace, rotation, clock):
    workspace.command(rotation["lea"], "/shadow run")
    first = rows(workspace.deps.db, ShadowPairing)[0]
    workspace.click(first.host_id, "Skip this round", channel=first.channel_id)
    clock.advance(timedelta(days=6))
    assert shadow_posts.send_followups(workspace.deps, clock.now()) == 0
    clock.advance(timedelta(days=1))
    assert shadow_posts.send_followups(workspace.deps, clock.now()) == 2  # the skipped pair is not reminded
    assert shadow_posts.send_followups(workspace.deps, clock.now()) == 0
    reminders = [c for c in workspace.slack.calls_to("chat.postMessage") if "How did the shadowing go" in c.args["text"]]
    assert len(reminders) == 2


def test_config_schedules_rounds_that_the_job_runs_once(workspace, rotation, clock):
    text = workspace.command(rotation["lea"], "/shadow config every:2w on:mon at:10:00 followup:5d").reply_text
    assert "Rounds every 2 weeks" in text and "after 5 days" in text
    from bot.shadowing import service as shadowing

    [settings] = shadowing.settings_of(workspace.deps.db)
    at = settings.series.anchor
    from bot.recurrence import occurrence_on

    moment = occurrence_on(settings.series, at)
    clock.set(moment)
    jobs.rotation_round("T0ALINEA", period_key(moment))
    jobs.rotation_round("T0ALINEA", period_key(moment))
    assert len(rows(workspace.deps.db, ShadowRound)) == 1
    pair = rows(workspace.deps.db, ShadowPairing)[0]
    assert pair.followup_at == moment + timedelta(days=5)


def test_learnings_appear_in_the_next_sync_agenda(workspace, rotation):
    workspace.command(rotation["lea"], '/sync schedule "CMO–CIO" mon 09:00 with @mia')
    workspace.command(rotation["lea"], "/shadow run")
    pair = rows(workspace.deps.db, ShadowPairing)[0]
    workspace.click(pair.visitor_id, "Done — share learnings", channel=pair.channel_id)
    workspace.submit(pair.visitor_id, surprise="Release checklists are long", idea="Shared launch calendar")
    agenda = workspace.command(rotation["lea"], "/sync agenda").reply_text
    assert "Shadowing learnings since the last sync" in agenda
    assert "Release checklists are long" in agenda and "Shared launch calendar" in agenda


def test_stats(workspace, rotation):
    workspace.command(rotation["lea"], "/shadow run")
    pair = rows(workspace.deps.db, ShadowPairing)[0]
    workspace.click(pair.host_id, "Skip this round", channel=pair.channel_id)
    text = workspace.command(rotation["lea"], "/shadow stats").reply_text
    assert "Marketing 4 · IT 3" in text and "*Rounds*\n1" in text and "*Skipped*\n1" in text


def test_help(workspace, people):
    assert "How to use /shadow" in workspace.command(people["sam"], "/shadow help").reply_text


# --- issue 15: one round per scheduled day, and buttons that say they are done ------------------------------


def pair_dms(workspace) -> list:
    return [c for c in workspace.slack.calls_to("chat.postMessage")
            if c.args["channel"].startswith("G") and "Done — share learnings" in str(c.args["blocks"])]


WEDNESDAY_EVENING = utc(2026, 11, 25, 18, 0)  # the clock starts at 15:00 UTC that Wednesday; Lea lives in UTC


def test_a_run_by_hand_on_the_day_of_a_scheduled_round_is_that_round(workspace, rotation, clock):
    config = workspace.command(rotation["lea"], "/shadow config every:1w on:wed at:18:00").reply_text
    assert "A round is due today" in config and "`/shadow run` before then makes that round early" in config
    run = workspace.command(rotation["lea"], "/shadow run")  # the morning (15:00), before the scheduled 18:00
    assert "Round 1: 3 pairs, 1 person left out" in run.reply_text
    assert "This is the round the rotation schedules for <!date^1795629600^" in run.reply_text
    [left] = rows(workspace.deps.db, ShadowRound)[0].left_out
    assert len(pair_dms(workspace)) == 3
    assert [p for p in scheduler.plan_all(workspace.deps, clock.now()) if p.id == "rotation:T0ALINEA"][0].run_at \
        == WEDNESDAY_EVENING  # still planned: the job will find its round made

    clock.set(WEDNESDAY_EVENING)  # the scheduled job, at its time (and again: a retry, another scheduler)
    jobs.rotation_round("T0ALINEA", period_key(WEDNESDAY_EVENING))
    jobs.rotation_round("T0ALINEA", period_key(WEDNESDAY_EVENING))
    assert len(rows(workspace.deps.db, ShadowRound)) == 1 and len(pair_dms(workspace)) == 3
    assert len([c for c in workspace.slack.calls_to("chat.postMessage") if c.args["channel"] == left]) == 1
    [planned] = [p for p in scheduler.plan_all(workspace.deps, clock.now()) if p.id == "rotation:T0ALINEA"]
    assert planned.run_at == WEDNESDAY_EVENING + timedelta(weeks=1)

    clock.advance(timedelta(hours=2))  # by hand again that evening: the same round
    again = workspace.command(rotation["lea"], "/shadow run").reply_text
    assert "Round 1 was already made: 3 pairs" in again and len(pair_dms(workspace)) == 3

    clock.set(WEDNESDAY_EVENING + timedelta(days=7))
    assert shadow_posts.send_followups(workspace.deps, clock.now()) == 3  # one follow-up per pair, once
    assert shadow_posts.send_followups(workspace.deps, clock.now()) == 0


def test_a_run_by_hand_after_the_scheduled_round_finds_it_and_another_day_makes_its_own(workspace, rotation, clock):
    workspace.command(rotation["lea"], "/shadow config every:1w on:wed at:18:00")
    clock.set(WEDNESDAY_EVENING)
    jobs.rotation_round("T0ALINEA", period_key(WEDNESDAY_EVENING))
    clock.advance(timedelta(hours=3))  # 21:00, the same day in Lea's zone
    text = workspace.command(rotation["lea"], "/shadow run").reply_text
    assert "Round 1 was already made" in text and "This is the round the rotation schedules for" in text
    assert len(rows(workspace.deps.db, ShadowRound)) == 1 and len(pair_dms(workspace)) == 3
    clock.advance(timedelta(days=1))  # Thursday: no round is scheduled, so a round of its own
    text = workspace.command(rotation["lea"], "/shadow run").reply_text
    assert "Round 2: 3 pairs" in text and "schedules" not in text
    assert len(pair_dms(workspace)) == 6


def test_config_tells_what_a_round_due_today_means(workspace, rotation, clock):
    workspace.command(rotation["lea"], "/shadow run")  # before any rhythm: a round of its own
    text = workspace.command(rotation["lea"], "/shadow config every:1w on:wed at:18:00").reply_text
    assert "Round 1 was already made today, so the round due <!date^1795629600^" in text
    assert "will pair everyone again" in text
    assert "Round 2: 3 pairs" in workspace.command(rotation["lea"], "/shadow run").reply_text  # 18:00's, early
    text = workspace.command(rotation["lea"], "/shadow config every:1w on:wed at:18:00").reply_text
    assert "Today's round, due <!date^1795629600^" in text and "was already made early" in text  # round 2
    text = workspace.command(rotation["lea"], "/shadow config every:1w on:thu at:18:00").reply_text
    assert "today" not in text  # nothing due today: no warning
    workspace.command(rotation["owner"], "/alinea team add @ivo it leader")
    text = workspace.command(rotation["ivo"], "/shadow config every:1w on:wed at:20:00").reply_text
    assert "Hoy toca una ronda" not in text and "La ronda 2 ya se hizo hoy" in text  # Ivo reads Spanish


def test_a_round_due_today_in_spanish(workspace, rotation):
    workspace.command(rotation["owner"], "/alinea team add @ivo it leader")
    text = workspace.command(rotation["ivo"], "/shadow config every:1w on:wed at:18:00").reply_text
    assert "Hoy toca una ronda" in text and "adelanta esa ronda; no agrega otra" in text
    text = workspace.command(rotation["ivo"], "/shadow run").reply_text
    assert "Es la ronda que la rotación programa para" in text


def test_done_buttons_are_gone_once_the_learnings_are_shared(workspace, rotation):
    workspace.command(rotation["lea"], "/shadow run")
    pair = rows(workspace.deps.db, ShadowPairing)[0]
    [posted] = [c for c in pair_dms(workspace) if c.args["channel"] == pair.channel_id]
    assert workspace.click(pair.visitor_id, "Done — share learnings", channel=pair.channel_id).to("views.open")
    shared = workspace.submit(pair.visitor_id, surprise="How many tools they juggle")
    [shown] = shared.to("chat.update")  # the pair's message, in place
    assert (shown.args["channel"], shown.args["ts"]) == (pair.channel_id, posted.result["ts"])
    blocks = str(shown.args["blocks"])
    assert "Done — share learnings" not in blocks and "Skip this round" not in blocks
    assert f"<@{pair.visitor_id}> shared the learnings of this round." in blocks
    assert f"<@{pair.visitor_id}> shadows <@{pair.host_id}>" in blocks

    # A button on a screen that was not refreshed: no form, an answer, and the message shown closed there too.
    again = workspace.click(pair.host_id, "Done — share learnings", channel=pair.channel_id)
    assert again.to("views.open") == []
    assert f"<@{pair.visitor_id}> already shared this pair's learnings." in again.reply_text
    assert "shared the learnings of this round" in again.to("chat.update")[0].args["text"]
    skip = workspace.click(pair.host_id, "Skip this round", channel=pair.channel_id)
    assert "already shared this pair's learnings" in skip.reply_text
    assert rows(workspace.deps.db, ShadowPairing)[0].status == "done"


def test_skip_on_the_follow_up_shows_it_there_and_old_buttons_answer_in_the_pressers_language(workspace, rotation,
                                                                                             clock):
    workspace.command(rotation["lea"], "/shadow run")
    pair = next(p for p in rows(workspace.deps.db, ShadowPairing) if rotation["ivo"] in (p.host_id, p.visitor_id))
    other = pair.host_id if pair.visitor_id == rotation["ivo"] else pair.visitor_id
    clock.advance(timedelta(days=7))
    shadow_posts.send_followups(workspace.deps, clock.now())
    [followup] = [c for c in workspace.slack.calls_to("chat.postMessage")
                  if c.args["channel"] == pair.channel_id and "How did the shadowing go" in c.args["text"]]
    skipped = workspace.click(other, "Skip this round", channel=pair.channel_id)  # the newest: the follow-up's
    [shown] = skipped.replies  # the follow-up replaced in place (its response_url is the follow-up's)
    assert shown["replace_original"] is True and f"<@{other}> skipped this round." in shown["text"]
    assert "Skip this round" not in str(shown["blocks"])
    # pressed again on a screen that was not refreshed: answered in the presser's language, shown closed there
    old = workspace.click(rotation["ivo"], "Done — share learnings", channel=pair.channel_id)
    assert old.to("views.open") == [] and f"<@{other}> ya omitió esta ronda para la pareja." in old.reply_text
    assert old.to("chat.update")[0].args["ts"] == followup.result["ts"]
