"""The pair's message once the pairing is closed (issue 15), and the counts of the rotation's replies (a round's
pairs, who was left out, the rhythm, visits hosted and made), in both languages."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from bot.people import Side
from bot.recurrence import Series
from bot.shadowing.models import PairingInfo, ParticipantInfo, RoundResult, SettingsInfo, StatusInfo
from bot.shadowing.views import configured, pair_closed, round_summary, status


def closed(status: str) -> PairingInfo:
    return PairingInfo(id=1, round_number=3, host_id="UHOST", visitor_id="UVISIT", host_side=Side.IT, status=status,
                       channel_id="G1", surprise="Long checklists", idea=None, closed_by="UVISIT")


@pytest.mark.parametrize(("lang", "status", "said"), [
    ("en", "done", "<@UVISIT> shared the learnings of this round."),
    ("en", "skipped", "<@UVISIT> skipped this round."),
    ("es", "done", "<@UVISIT> compartió los aprendizajes de esta ronda."),
    ("es", "skipped", "<@UVISIT> omitió esta ronda."),
])
def test_a_closed_pair_message_says_who_closed_it_and_has_no_buttons(lang, status, said):
    msg = pair_closed(lang, closed(status))
    assert said in msg.text
    assert all(block["type"] != "actions" for block in msg.blocks)
    assert "<@UVISIT>" in msg.blocks[0]["text"]["text"] and "<@UHOST>" in msg.blocks[0]["text"]["text"]


# --- counts that read right for 0, 1 and 2 ----------------------------------------------------------------------

def pairing(n: int) -> PairingInfo:
    return PairingInfo(id=n, round_number=1, host_id=f"UHOST{n}", visitor_id=f"UVISIT{n}", host_side=Side.IT,
                       status="assigned", channel_id=None, surprise=None, idea=None)


@pytest.mark.parametrize(("lang", "pairs", "left", "title"), [
    ("en", 0, 2, "Round 1: 0 pairs, 2 people left out (they come first next time)."),
    ("en", 1, 1, "Round 1: 1 pair, 1 person left out (they come first next time)."),
    ("en", 2, 0, "Round 1: 2 pairs, nobody left out."),
    ("es", 0, 2, "Ronda 1: 0 parejas, 2 personas sin pareja (tendrán prioridad la próxima vez)."),
    ("es", 1, 1, "Ronda 1: 1 pareja, 1 persona sin pareja (tendrá prioridad la próxima vez)."),
    ("es", 2, 0, "Ronda 1: 2 parejas, nadie quedó sin pareja."),
])
def test_a_round_summary_counts_pairs_and_people_left_out(lang, pairs, left, title):
    result = RoundResult(team_id="T1", number=1, pairs=[pairing(n) for n in range(pairs)],
                         left_out=[f"U{n}" for n in range(left)], created=True)
    assert round_summary(lang, result).text == title


@pytest.mark.parametrize(("lang", "title"), [
    ("en", "Round 1 was already made: 1 pair, nobody left out."),
    ("es", "La ronda 1 ya estaba hecha: 1 pareja, nadie quedó sin pareja."),
])
def test_a_round_already_made_says_so_with_the_same_counts(lang, title):
    result = RoundResult(team_id="T1", number=1, pairs=[pairing(1)], left_out=[], created=False)
    assert round_summary(lang, result).text == title


@pytest.mark.parametrize(("lang", "hosted", "visited", "said"), [
    ("en", 0, 1, "so far you hosted 0 times and visited once."),
    ("en", 2, 0, "so far you hosted 2 times and visited 0 times."),
    ("en", 1, 2, "so far you hosted once and visited 2 times."),
    ("es", 0, 1, "hasta ahora te tocó recibir visitas 0 veces y visitar una vez."),
    ("es", 2, 0, "hasta ahora te tocó recibir visitas 2 veces y visitar 0 veces."),
    ("es", 1, 2, "hasta ahora te tocó recibir visitas una vez y visitar 2 veces."),
])
def test_the_status_counts_visits_hosted_and_made(lang, hosted, visited, said):
    who = ParticipantInfo(user_id="UANA", preference="both", paused_until=None, active=True)
    text = status(lang, StatusInfo(participant=who, current=None, hosted=hosted, visited=visited)).text
    assert text.endswith(said)


@pytest.mark.parametrize(("lang", "every", "days", "text"), [
    ("en", 1, 1, "Rounds every week; the next one {next}. Pairs with no news after 1 day get a reminder."),
    ("en", 2, 7, "Rounds every 2 weeks; the next one {next}. Pairs with no news after 7 days get a reminder."),
    ("es", 1, 1, "Rondas cada semana; la próxima {next}. Las parejas sin novedades después de 1 día reciben un "
                 "recordatorio."),
    ("es", 2, 7, "Rondas cada 2 semanas; la próxima {next}. Las parejas sin novedades después de 7 días reciben un "
                 "recordatorio."),
])
def test_the_rhythm_and_the_follow_up_read_right(lang, every, days, text):
    at = datetime(2026, 12, 1, 10, tzinfo=UTC)
    settings = SettingsInfo(team_id="T1", series=Series(anchor=date(2026, 12, 1), at=time(10), every_weeks=every,
                                                        timezone="UTC"), followup_days=days)
    next_at = "<!date^1796119200^{date_short_pretty} {time}|2026-12-01 10:00>"
    assert configured(lang, settings, at, "UTC").text == text.format(next=next_at)
