"""Parsing of `/sync`: every form, every error, and properties: total on any text, every error showable in both
languages, generated schedules round-trip."""

from __future__ import annotations

import string
from datetime import time
from zoneinfo import ZoneInfo, available_timezones

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.dates import WEEKDAYS, parse_time_of_day, parse_timezone, parse_weekday
from bot.errors import ParseError
from bot.ids import parse_sync_number
from bot.syncs.models import NAME_LIMIT, PARTICIPANT_LIMIT, TOPIC_LIMIT, ScheduleSync
from bot.syncs.parsing import (
    SYNC_SUBCOMMANDS,
    AddSyncTopic,
    CancelSync,
    ListSyncs,
    ScheduleSyncModal,
    ShowAgenda,
    ShowSyncHistory,
    SyncHelp,
    parse_sync,
)
from tests.helpers import assert_parse_error, assert_showable
from tests.strategies import (
    ODD_WORDS,
    PROPERTY_SETTINGS,
    QUOTES,
    cases,
    control_texts,
    huge_texts,
    long_texts,
    word_texts,
    words,
)

COMMANDS = (
    SyncHelp, ScheduleSyncModal, ScheduleSync, ListSyncs, CancelSync, AddSyncTopic, ShowAgenda, ShowSyncHistory
)
ANA, LUIS = "<@U01ANA|ana>", "<@U02LUIS>"
USAGE = "usage.sync"


def schedule(**fields: object) -> ScheduleSync:
    """A ScheduleSync with the fields of the usual example unless given."""
    values: dict[str, object] = {"name": "CIO–CMO sync", "weekday": 0, "at": time(9, 30), "participants": ["U01ANA"]}
    return ScheduleSync(**{**values, **fields})


def scheduled(text: str) -> ScheduleSync:
    result = parse_sync(text)
    assert isinstance(result, ScheduleSync), (text, result)
    return result


# --- help, modal, list ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["", "   ", "\n\t", "\u00a0", "help", "HELP", " Help ", "ayuda", "AYUDA", '""', "“ ”"]
)
def test_help(text: str) -> None:
    assert parse_sync(text) == SyncHelp()


@pytest.mark.parametrize(
    "text", ["schedule", "SCHEDULE", " Schedule ", "programar", 'schedule ""', "schedule “  ”"]
)
def test_schedule_alone_opens_the_modal(text: str) -> None:
    assert parse_sync(text) == ScheduleSyncModal()


@pytest.mark.parametrize("text", ["list", "LIST", "lista", "listar", " List "])
def test_list(text: str) -> None:
    assert parse_sync(text) == ListSyncs()


@pytest.mark.parametrize(("text", "word"), [("list all", "all"), ("help schedule", "schedule"), ("ayuda x", "x")])
def test_list_and_help_take_no_more_words(text: str, word: str) -> None:
    assert_parse_error(parse_sync(text), "error.unexpected_word", USAGE, word=word)


# --- schedule ---------------------------------------------------------------------------------------------


def test_schedule_with_every_option() -> None:
    text = (
        f'schedule "CIO–CMO sync" tue 16:00 every:2w tz:America/Mexico_City with {ANA} {LUIS} '
        "in:<#C0LEAD|leadership> remind:2h"
    )
    assert parse_sync(text) == ScheduleSync(
        name="CIO–CMO sync", weekday=1, at=time(16, 0), every_weeks=2, timezone="America/Mexico_City",
        participants=["U01ANA", "U02LUIS"], channel_id="C0LEAD", remind_hours=2,
    )


def test_schedule_with_the_defaults() -> None:
    result = scheduled(f'schedule "CIO–CMO sync" mon 9:30 with {ANA}')
    assert result == schedule()
    assert (result.every_weeks, result.timezone, result.channel_id, result.remind_hours) == (1, None, None, 24)


def test_schedule_in_spanish() -> None:
    assert parse_sync(f'programar "Reunión CIO–CMO" miércoles 17:00 every:2 con {ANA} {LUIS}') == schedule(
        name="Reunión CIO–CMO", weekday=2, at=time(17, 0), every_weeks=2, participants=["U01ANA", "U02LUIS"]
    )


def test_schedule_name_from_the_words_before_the_weekday() -> None:
    assert scheduled(f"schedule Weekly   marketing IT sync fri 10:00 with {ANA}").name == "Weekly marketing IT sync"
    # a weekday word in the name is fine: the day is the weekday word followed by a time
    assert scheduled(f"schedule Friday wrap-up with IT fri 16:00 with {ANA}") == schedule(
        name="Friday wrap-up with IT", weekday=4, at=time(16, 0)
    )
    assert scheduled(f"schedule Mar planning tue 9:00 with {ANA}").name == "Mar planning"


def test_schedule_quoted_name_and_curly_quotes() -> None:
    assert scheduled(f"schedule “mon 9:00 with @x” mon 9:30 with {ANA}").name == "mon 9:00 with @x"
    assert scheduled(f'schedule "  Spaced\n  name " mon 9:30 with {ANA}').name == "Spaced name"
    assert scheduled(f'schedule "Part one" and two mon 9:30 with {ANA}').name == "Part one and two"


def test_schedule_quoted_name_after_the_time() -> None:
    assert parse_sync(f'schedule mon 9:30 "CIO–CMO sync" with {ANA}') == schedule()
    assert parse_sync(f'schedule mon 9:30 with {ANA} "CIO–CMO sync"') == schedule()


def test_schedule_options_anywhere_and_in_any_case() -> None:
    expected = schedule(every_weeks=3, timezone="Europe/Madrid", channel_id="C1", remind_hours=0)
    texts = [
        f'schedule "CIO–CMO sync" mon 9:30 remind:0 with {ANA} EVERY:3w in:<#C1> Tz:europe/madrid',
        f'schedule every:3 "CIO–CMO sync" in:<#C1|x> mon 9:30 tz:Europe/Madrid remind:0h with {ANA}',
    ]
    for text in texts:
        assert parse_sync(text) == expected


def test_schedule_name_limit() -> None:
    assert scheduled(f'schedule "{"n" * NAME_LIMIT}" mon 9:30 with {ANA}').name == "n" * NAME_LIMIT
    assert_parse_error(parse_sync(f'schedule "{"n" * 81}" mon 9:30 with {ANA}'), "error.sync_name_too_long", USAGE,
                       limit=80, length=81)


@pytest.mark.parametrize(("word", "weekday"), sorted(WEEKDAYS.items()))
def test_schedule_weekday_words(word: str, weekday: int) -> None:
    for typed in {word, word.upper(), word.capitalize()}:
        assert parse_weekday(typed) == weekday
        assert scheduled(f"schedule Sync {typed} 9:00 with {ANA}").weekday == weekday


@pytest.mark.parametrize(
    ("word", "weekday"),
    [("Monday", 0), ("lunes", 0), ("TUESDAY", 1), ("martes", 1), ("Mié", 2), ("MIERCOLES", 2), ("miércoles", 2),
     ("mie\u0301rcoles", 2), ("jueves", 3), ("thurs", 3), ("Viernes", 4), ("sábado", 5), ("SABADO", 5), ("sab", 5),
     ("domingo", 6), ("sun", 6)],
)
def test_weekday_words_in_both_languages(word: str, weekday: int) -> None:
    assert parse_weekday(word) == weekday


@pytest.mark.parametrize("word", ["", "mo", "mondays", "weekday", "today", "hoy", "mañana", "2026-12-01", "1"])
def test_not_weekdays(word: str) -> None:
    assert parse_weekday(word) is None


@pytest.mark.parametrize(
    ("word", "at"),
    [("9:00", time(9)), ("09:00", time(9)), ("0:00", time(0)), ("00:00", time(0)), ("23:59", time(23, 59)),
     ("17:05", time(17, 5)), ("9am", time(9)), ("9AM", time(9)), ("9a.m.", time(9)), ("12pm", time(12)),
     ("12am", time(0)), ("12:30am", time(0, 30)), ("5:30pm", time(17, 30)), ("5:30PM", time(17, 30)),
     ("1pm", time(13)), ("11:59pm", time(23, 59))],
)
def test_times(word: str, at: time) -> None:
    assert parse_time_of_day(word) == at
    assert scheduled(f"schedule Sync mon {word} with {ANA}").at == at


@pytest.mark.parametrize(
    "word", ["25:00", "24:00", "9:60", "9:5", "9", "0am", "13pm", "12:60pm", "930", "9.30", "9:00:00", "9h", "am", ""]
)
def test_not_times(word: str) -> None:
    assert parse_time_of_day(word) is None


@pytest.mark.parametrize(("word", "weeks"), [("1", 1), ("1w", 1), ("2w", 2), ("2W", 2), ("02", 2), ("52w", 52),
                                             ("3weeks", 3), ("4semanas", 4), ("000007", 7)])
def test_every(word: str, weeks: int) -> None:
    assert scheduled(f"schedule Sync mon 9:00 every:{word} with {ANA}").every_weeks == weeks


@pytest.mark.parametrize(("word", "hours"), [("0", 0), ("0h", 0), ("2", 2), ("24h", 24), ("168h", 168),
                                             ("48H", 48), ("3horas", 3), ("0012", 12)])
def test_remind(word: str, hours: int) -> None:
    assert scheduled(f"schedule Sync mon 9:00 remind:{word} with {ANA}").remind_hours == hours


@pytest.mark.parametrize(
    ("word", "zone"),
    [("UTC", "UTC"), ("utc", "UTC"), ("America/Mexico_City", "America/Mexico_City"),
     ("america/argentina/buenos_aires", "America/Argentina/Buenos_Aires"), ("Europe/Madrid", "Europe/Madrid"),
     ("ASIA/KOLKATA", "Asia/Kolkata")],
)
def test_timezones(word: str, zone: str) -> None:
    assert parse_timezone(word) == zone
    assert scheduled(f"schedule Sync mon 9:00 tz:{word} with {ANA}").timezone == zone


def test_every_known_zone_is_read_as_itself() -> None:
    for zone in available_timezones():
        assert parse_timezone(zone) == zone
        assert ZoneInfo(zone)


@pytest.mark.parametrize(("word", "channel"), [("<#C0LEAD|leadership>", "C0LEAD"), ("<#C0LEAD>", "C0LEAD"),
                                               ("<#G0PRIV|private>", "G0PRIV"), ("<#C1|>", "C1")])
def test_channels(word: str, channel: str) -> None:
    assert scheduled(f"schedule Sync mon 9:00 with {ANA} in:{word}").channel_id == channel
    assert scheduled(f"schedule Sync mon 9:00 with {ANA} in: {word}").channel_id == channel  # a blank after in:


def test_participants_deduplicated_in_order_and_anywhere_after_with() -> None:
    result = scheduled(f"schedule Sync mon 9:00 with {LUIS} every:2w {ANA} <@U02LUIS|luis> remind:1h <@W03SAM>")
    assert result.participants == ["U02LUIS", "U01ANA", "W03SAM"]


def test_participants_joined_by_commas_and_words() -> None:
    result = scheduled(f"schedule Sync mon 9:00 con {ANA}, {LUIS} y <@U3> and <@U4> & <@U5>,<@U6>")
    assert result.participants == ["U01ANA", "U02LUIS", "U3", "U4", "U5", "U6"]


def test_participant_limit() -> None:
    mentions = " ".join(f"<@U{n}>" for n in range(PARTICIPANT_LIMIT))
    assert len(scheduled(f"schedule Sync mon 9:00 with {mentions}").participants) == PARTICIPANT_LIMIT
    assert_parse_error(parse_sync(f"schedule Sync mon 9:00 with {mentions} <@U99>"),
                       "error.sync_too_many_participants", USAGE, limit=30, count=31)


def test_mention_names_may_hold_blanks() -> None:
    assert scheduled("schedule Sync mon 9:00 with <@U1|ana maría> <@U2|luis>").participants == ["U1", "U2"]


@pytest.mark.parametrize(
    ("text", "key", "params"),
    [
        (f"schedule mon 9:00 with {ANA}", "error.sync_needs_name", {}),
        (f'schedule "" mon 9:00 with {ANA}', "error.sync_needs_name", {}),
        (f"schedule every:2w mon 9:00 with {ANA}", "error.sync_needs_name", {}),
        (f"schedule Sync 9:00 with {ANA}", "error.sync_needs_weekday", {}),
        (f"schedule Sync someday 9:00 with {ANA}", "error.sync_needs_weekday", {}),
        (f'schedule Sync "mon" 9:00 with {ANA}', "error.sync_needs_weekday", {}),
        (f"schedule Sync mon with {ANA}", "error.sync_needs_time", {"word": "mon"}),
        ("schedule Sync lunes", "error.sync_needs_time", {"word": "lunes"}),
        (f'schedule Sync mon "9:00" with {ANA}', "error.sync_needs_time", {"word": "mon"}),
        (f"schedule Sync mon 25:00 with {ANA}", "error.bad_time", {"word": "25:00"}),
        (f"schedule Sync mon 9:60 with {ANA}", "error.bad_time", {"word": "9:60"}),
        (f"schedule Sync mon 13pm with {ANA}", "error.bad_time", {"word": "13pm"}),
        (f"schedule Sync mon 9 with {ANA}", "error.bad_time", {"word": "9"}),
        (f"schedule Mar review tue 24:00 with {ANA}", "error.bad_time", {"word": "24:00"}),
        ("schedule Sync mon 9:00", "error.sync_needs_with", {}),
        ("schedule Sync mon 9:00 with", "error.sync_needs_with", {}),
        ("schedule Sync mon 9:00 con , y", "error.sync_needs_with", {}),
        (f"schedule Sync mon 9:00 {ANA}", "error.sync_mention_before_with", {"user": "U01ANA"}),
        (f"schedule Sync mon 9:00 {ANA} with {LUIS}", "error.sync_mention_before_with", {"user": "U01ANA"}),
        (f"schedule Sync with {ANA} mon 9:00", "error.sync_mention_before_with", {"user": "U01ANA"}),
        (f"schedule Sync mon 9:00 with {ANA} bob", "error.not_a_mention", {"word": "bob"}),
        (f"schedule Sync mon 9:00 with @bob {ANA}", "error.not_a_mention", {"word": "@bob"}),
        (f"schedule Sync mon 9:00 with {ANA} #general", "error.not_a_mention", {"word": "#general"}),
        (f'schedule Sync mon 9:00 with {ANA} "more"', "error.not_a_mention", {"word": "more"}),
        (f"schedule Sync mon 9:00 with {ANA} to:it", "error.unknown_option",
         {"word": "to:it", "options": "`every:`, `tz:`, `in:`, `remind:`"}),
        (f"schedule Sync mon 9:00 weekly with {ANA}", "error.unexpected_word", {"word": "weekly"}),
        (f'schedule Sync mon 9:00 "Other" with {ANA}', "error.unexpected_word", {"word": "Other"}),
        (f"schedule mon 9:00 with {ANA} with {LUIS}", "error.repeated_option", {"option": "with"}),
        (f"schedule Sync mon 9:00 with {ANA} con {LUIS}", "error.repeated_option", {"option": "con"}),
        (f"schedule Sync mon 9:00 with {ANA} every:2w every:2w", "error.repeated_option", {"option": "every:"}),
        (f"schedule Sync tz:UTC mon 9:00 with {ANA} TZ:UTC", "error.repeated_option", {"option": "tz:"}),
        (f"schedule Sync mon 9:00 with {ANA} in:<#C1> in:<#C2>", "error.repeated_option", {"option": "in:"}),
        (f"schedule Sync mon 9:00 with {ANA} remind:1 remind:2", "error.repeated_option", {"option": "remind:"}),
        (f"schedule Sync mon 9:00 with {ANA} every:", "error.empty_option",
         {"option": "every:", "example": "every:2w"}),
        (f"schedule Sync mon 9:00 with {ANA} tz:", "error.empty_option",
         {"option": "tz:", "example": "tz:America/Mexico_City"}),
        (f"schedule Sync mon 9:00 with {ANA} in:", "error.empty_option",
         {"option": "in:", "example": "in:#leadership"}),
        (f"schedule Sync mon 9:00 with {ANA} remind:", "error.empty_option",
         {"option": "remind:", "example": "remind:24h"}),
        (f"schedule Sync mon 9:00 with {ANA} every:0", "error.sync_bad_every", {"word": "0"}),
        (f"schedule Sync mon 9:00 with {ANA} every:53w", "error.sync_bad_every", {"word": "53w"}),
        (f"schedule Sync mon 9:00 with {ANA} every:2d", "error.sync_bad_every", {"word": "2d"}),
        (f"schedule Sync mon 9:00 with {ANA} every:biweekly", "error.sync_bad_every", {"word": "biweekly"}),
        (f"schedule Sync mon 9:00 with {ANA} every:-1w", "error.sync_bad_every", {"word": "-1w"}),
        (f"schedule Sync mon 9:00 with {ANA} every:99999999999999999999", "error.sync_bad_every",
         {"word": "99999999999999999999"}),
        (f"schedule Sync mon 9:00 with {ANA} tz:Mars/Olympus", "error.bad_timezone", {"word": "Mars/Olympus"}),
        (f"schedule Sync mon 9:00 with {ANA} tz:GMT+5", "error.bad_timezone", {"word": "GMT+5"}),
        (f"schedule Sync mon 9:00 with {ANA} tz:America", "error.bad_timezone", {"word": "America"}),
        (f"schedule Sync mon 9:00 with {ANA} tz:../../etc/passwd", "error.bad_timezone",
         {"word": "../../etc/passwd"}),
        (f"schedule Sync mon 9:00 with {ANA} tz:/usr/share/zoneinfo/UTC", "error.bad_timezone",
         {"word": "/usr/share/zoneinfo/UTC"}),
        (f"schedule Sync mon 9:00 with {ANA} in:#leadership", "error.sync_channel_not_linked",
         {"word": "#leadership"}),
        (f"schedule Sync mon 9:00 with {ANA} in: #leadership", "error.sync_channel_not_linked",
         {"word": "#leadership"}),
        (f"schedule Sync mon 9:00 with {ANA} in:leadership", "error.sync_channel_not_linked", {"word": "leadership"}),
        (f"schedule Sync mon 9:00 with {ANA} in:{LUIS}", "error.sync_channel_not_linked", {"word": LUIS}),
        (f"schedule Sync mon 9:00 with {ANA} remind:169", "error.sync_bad_remind", {"word": "169"}),
        (f"schedule Sync mon 9:00 with {ANA} remind:1d", "error.sync_bad_remind", {"word": "1d"}),
        (f"schedule Sync mon 9:00 with {ANA} remind:-1h", "error.sync_bad_remind", {"word": "-1h"}),
        (f"schedule Sync mon 9:00 with {ANA} remind:soon", "error.sync_bad_remind", {"word": "soon"}),
        (f'schedule "Sync mon 9:00 with {ANA}', "error.unclosed_quote", {}),
    ],
)
def test_schedule_errors(text: str, key: str, params: dict[str, object]) -> None:
    assert_parse_error(parse_sync(text), key, USAGE, **params)


def test_quoted_words_are_never_options_or_keywords() -> None:
    assert_parse_error(parse_sync(f'schedule Sync mon 9:00 "with" {ANA}'), "error.unexpected_word", USAGE, word="with")
    assert scheduled(f'schedule "tz:UTC every:2w" mon 9:00 with {ANA}').name == "tz:UTC every:2w"


# --- cancel, topic, agenda, history -----------------------------------------------------------------------


@pytest.mark.parametrize(("word", "number"), [("S-3", 3), ("s-3", 3), ("S3", 3), ("s12", 12), (" S-007 ", 7),
                                              ("S-999999999", 999_999_999)])
def test_sync_numbers(word: str, number: int) -> None:
    assert parse_sync_number(word) == number


@pytest.mark.parametrize("word", ["S-0", "S", "S-", "3", "A-3", "S-3a", "S--3", "S-1234567890", "S-３", ""])
def test_not_sync_numbers(word: str) -> None:
    assert parse_sync_number(word) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("cancel S-3", CancelSync(number=3)), ("CANCEL s-3", CancelSync(number=3)), ("cancelar S3", CancelSync(number=3)),
     ("agenda", ShowAgenda()), ("agenda S-3", ShowAgenda(number=3)), ("AGENDA s3", ShowAgenda(number=3)),
     ("history", ShowSyncHistory()), ("history S-3", ShowSyncHistory(number=3)),
     ("historial s-4", ShowSyncHistory(number=4))],
)
def test_numbered_subcommands(text: str, expected: object) -> None:
    assert parse_sync(text) == expected


@pytest.mark.parametrize(
    ("text", "key", "params"),
    [
        ("cancel", "error.needs_sync_id", {"word": "cancel"}),
        ("Cancelar", "error.needs_sync_id", {"word": "Cancelar"}),
        ("cancel A-3", "error.bad_sync_id", {"word": "A-3"}),
        ("cancel S-0", "error.bad_sync_id", {"word": "S-0"}),
        ("agenda next", "error.bad_sync_id", {"word": "next"}),
        ("history 3", "error.bad_sync_id", {"word": "3"}),
        ("cancel S-3 now", "error.unexpected_word", {"word": "now"}),
        ("agenda S-3 S-4", "error.unexpected_word", {"word": "S-4"}),
        ("history S-3 all", "error.unexpected_word", {"word": "all"}),
        ('cancel "S-3', "error.unclosed_quote", {}),
        ("meet", "error.unknown_subcommand", {"word": "meet"}),
        ("S-3", "error.unknown_subcommand", {"word": "S-3"}),
        ('"schedule" x', "error.unknown_subcommand", {"word": "schedule"}),
        ('"', "error.unclosed_quote", {}),
    ],
)
def test_other_errors(text: str, key: str, params: dict[str, object]) -> None:
    assert_parse_error(parse_sync(text), key, USAGE, **params)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("topic S-3 Budget for the spring launch", AddSyncTopic(number=3, text="Budget for the spring launch")),
        ("topic Budget for the spring launch", AddSyncTopic(text="Budget for the spring launch")),
        ("tema s3 Presupuesto de primavera", AddSyncTopic(number=3, text="Presupuesto de primavera")),
        ("TOPIC   S-3    spaced   out  ", AddSyncTopic(number=3, text="spaced   out")),
        ('topic the 12" banner', AddSyncTopic(text='the 12" banner')),
        ("topic don't forget", AddSyncTopic(text="don't forget")),
        ('topic S-3 "quoted" stays', AddSyncTopic(number=3, text='"quoted" stays')),
        ('topic "S-3 is not an ID here"', AddSyncTopic(text='"S-3 is not an ID here"')),
        ("topic S-0 launch", AddSyncTopic(text="S-0 launch")),
        ("topic A-12 is stuck", AddSyncTopic(text="A-12 is stuck")),
        ("topic S-3 line one\nline two", AddSyncTopic(number=3, text="line one\nline two")),
        ("topic S-3 with <@U1> about in:#x tz:UTC", AddSyncTopic(number=3, text="with <@U1> about in:#x tz:UTC")),
    ],
)
def test_topics(text: str, expected: AddSyncTopic) -> None:
    assert parse_sync(text) == expected


def test_topic_limit() -> None:
    assert parse_sync("topic S-3 " + "t" * TOPIC_LIMIT) == AddSyncTopic(number=3, text="t" * TOPIC_LIMIT)
    assert_parse_error(parse_sync("topic " + "t" * 501), "error.sync_topic_too_long", USAGE, limit=500, length=501)


@pytest.mark.parametrize(("text", "word"), [("topic", "topic"), ("Tema", "Tema"), ("topic S-3", "topic"),
                                            ("topic   s3   ", "topic")])
def test_topic_needs_text(text: str, word: str) -> None:
    assert_parse_error(parse_sync(text), "error.sync_topic_needs_text", USAGE, word=word)


@pytest.mark.parametrize("word", sorted(SYNC_SUBCOMMANDS))
def test_every_subcommand_word_is_recognised(word: str) -> None:
    result = parse_sync(f"{word.upper()} S-3")
    assert not (isinstance(result, ParseError) and result.key == "error.unknown_subcommand")


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("shedule", "schedule"), ('schedul "CMO sync" fri 16:00 with <@U1>', "schedule"), ("progamar", "programar"),
        ("lsit", "list"), ("lsita", "lista"), ("canel S-3", "cancel"), ("cancealr S-3", "cancelar"),
        ("topci S-3 budget", "topic"), ("tmea presupuesto", "tema"), ("agneda", "agenda"), ("histroy S-3", "history"),
        ("historail", "historial"), ("hlep", "help"), ("Shedule", "schedule"),
    ],
)
def test_a_mistyped_subcommand_gets_the_one_it_is_close_to(text: str, suggestion: str) -> None:
    assert_parse_error(parse_sync(text), "error.did_you_mean", USAGE, word=text.split()[0],
                       suggestion=f"/sync {suggestion}")


# --- properties -------------------------------------------------------------------------------------------

VOCABULARY = [
    *SYNC_SUBCOMMANDS, *WEEKDAYS, "MIÉ", "mie\u0301", "with", "con", "WITH", ",", "y", "and", "&",
    "9:00", "09:30", "9am", "12pm", "12am", "5:30pm", "25:00", "9:60", "9", "13pm", "0am", "9" * 40 + ":00",
    "every:", "every:2w", "every:2", "every:0", "every:53", "every:x", "every:9" + "9" * 30,
    "tz:", "tz:UTC", "tz:utc", "tz:America/Mexico_City", "tz:Mars/Base", "tz:../etc", "tz:\x00", "tz:" + "a/" * 50,
    "in:", "in:<#C1|lead>", "in:<#C1>", "in:#lead", "in:lead", "<#C1|lead>", "#lead",
    "remind:", "remind:24h", "remind:2", "remind:169", "remind:9" + "9" * 30,
    "S-3", "s3", "S-0", "S-99999999999", "A-3", "<@U1>", "<@U2|ana>", "<@W3|luis maría>", "<@U1>,", ",<@U2>",
    "<!subteam^S1|@team>", "@bob", "<@>", "<@U1", "U1>", "!high", "to:it", "http://x", ":", "a:b",
    *QUOTES, '"quoted with <@U1> mon 9:00 phrase"', *ODD_WORDS,
]


@st.composite
def noisy_schedules(draw: st.DrawFn) -> str:
    """A valid schedule with words of the grammar dropped in anywhere, so options and mentions meet every place."""
    tokens = ["schedule", "Sync", "mon", "9:00", "with", "<@U1>"]
    for word in draw(st.lists(words(VOCABULARY), max_size=6)):
        tokens.insert(draw(st.integers(1, len(tokens))), word)
    return " ".join(tokens)


any_text = (
    st.text()
    | word_texts(VOCABULARY, max_words=16)
    | word_texts(VOCABULARY, max_words=16, head="schedule ")
    | noisy_schedules()
    | long_texts(VOCABULARY, heads=["schedule", "topic", "cancel", "agenda", ""])
    | control_texts(VOCABULARY)
    | huge_texts
)


@PROPERTY_SETTINGS
@given(any_text)
def test_parse_sync_is_total_and_its_errors_can_be_shown(text: str) -> None:
    result = parse_sync(text)
    assert isinstance(result, (*COMMANDS, ParseError))
    if isinstance(result, ParseError):
        assert_showable(result, USAGE)


@PROPERTY_SETTINGS
@given(any_text)
def test_parsed_commands_respect_the_limits(text: str) -> None:
    result = parse_sync(text)
    if isinstance(result, ScheduleSync):
        assert 0 < len(result.name) <= NAME_LIMIT and result.name == " ".join(result.name.split())
        assert 0 <= result.weekday <= 6
        assert 1 <= result.every_weeks <= 52 and 0 <= result.remind_hours <= 168
        assert 0 < len(result.participants) <= PARTICIPANT_LIMIT
        assert len(set(result.participants)) == len(result.participants)
        assert result.timezone is None or ZoneInfo(result.timezone)
    if isinstance(result, AddSyncTopic):
        assert 0 < len(result.text) <= TOPIC_LIMIT and result.text == result.text.strip()
    if isinstance(result, (CancelSync, AddSyncTopic, ShowAgenda, ShowSyncHistory)):
        assert result.number is None or result.number > 0


# Name words that read as name text when unquoted: no weekday, option, mention, time or quote.
name_alphabet = string.ascii_letters + string.digits + "áéíóúñÑ&()'-–.,/"
name_words = st.text(alphabet=name_alphabet, min_size=1, max_size=12).filter(
    lambda word: parse_weekday(word) is None and ":" not in word
)
# Inside quotes anything goes but quote marks and blanks (blanks between words are normalised to one space).
quoted_name_words = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cc", "Cs", "Zs", "Zl", "Zp"), blacklist_characters='"“”„«»‘’'
    ),
    min_size=1,
    max_size=12,
)
user_ids = st.from_regex(r"[UW][A-Z0-9]{1,10}", fullmatch=True)
channel_ids = st.from_regex(r"[CG][A-Z0-9]{1,10}", fullmatch=True)
zones = st.sampled_from(sorted(available_timezones()))
weekday_words = [[word for word, day in WEEKDAYS.items() if day == weekday] for weekday in range(7)]


def _time_text(draw: st.DrawFn, at: time) -> str:
    forms = [f"{at.hour}:{at.minute:02}", f"{at.hour:02}:{at.minute:02}"]
    hour12 = at.hour % 12 or 12
    suffix = draw(st.sampled_from(["am", "AM", "a.m."] if at.hour < 12 else ["pm", "PM", "p.m."]))
    forms.append(f"{hour12}:{at.minute:02}{suffix}")
    if at.minute == 0:
        forms.append(f"{hour12}{suffix}")
    return draw(st.sampled_from(forms))


@st.composite
def rendered_schedules(draw: st.DrawFn) -> tuple[str, ScheduleSync]:
    """A valid ScheduleSync and the text of a /sync schedule that says it, options in any order and place."""
    quoted = draw(st.booleans())
    name_parts = draw(st.lists(quoted_name_words if quoted else name_words, min_size=1, max_size=6))
    name = " ".join(name_parts)[:NAME_LIMIT].strip()
    name = " ".join(name.split()) or "x"
    weekday = draw(st.integers(0, 6))
    at = time(draw(st.integers(0, 23)), draw(st.integers(0, 59)))
    participants = draw(st.lists(user_ids, min_size=1, max_size=PARTICIPANT_LIMIT, unique=True))
    expected: dict[str, object] = {"name": name, "weekday": weekday, "at": at, "participants": participants}
    options: list[str] = []
    if (every := draw(st.none() | st.integers(1, 52))) is not None:
        options.append(draw(cases("every:")) + str(every) + draw(st.sampled_from(["", "w", "W"])))
        expected["every_weeks"] = every
    if (zone := draw(st.none() | zones)) is not None:
        options.append(draw(cases("tz:")) + draw(st.sampled_from([zone, zone.lower(), zone.upper()])))
        expected["timezone"] = zone
    if (channel := draw(st.none() | channel_ids)) is not None:
        options.append(draw(cases("in:")) + draw(st.sampled_from([f"<#{channel}>", f"<#{channel}|leadership>"])))
        expected["channel_id"] = channel
    if (remind := draw(st.none() | st.integers(0, 168))) is not None:
        options.append(draw(cases("remind:")) + str(remind) + draw(st.sampled_from(["", "h", "H"])))
        expected["remind_hours"] = remind
    mentions = [
        draw(st.sampled_from([f"<@{user}>", f"<@{user}|ana>", f"<@{user}|luis maría>"])) for user in participants
    ]
    mentions += [f"<@{user}>" for user in draw(st.lists(st.sampled_from(participants), max_size=3))]  # repeats
    options = draw(st.permutations(options))
    split = draw(st.integers(0, len(options)))
    before, after = options[:split], options[split:]
    # after `with`: the remaining options mixed among the mentions, which keep their order
    tail = list(mentions)
    for option in after:
        tail.insert(draw(st.integers(1, len(tail))), option)
    opening, closing = draw(st.sampled_from([('"', '"'), ("“", "”"), ("«", "»")]))
    name_text = f"{opening}{name}{closing}" if quoted else name
    tokens = [
        draw(cases(draw(st.sampled_from(["schedule", "programar"])))),
        name_text,
        draw(cases(draw(st.sampled_from(weekday_words[weekday])))),
        _time_text(draw, at),
        *before,
        draw(st.sampled_from(["with", "With", "con", "CON"])),
        *tail,
    ]
    blanks = st.sampled_from([" ", "  ", "\t", "\n", "\u00a0"])
    gaps = draw(st.lists(blanks, min_size=len(tokens), max_size=len(tokens)))
    text = "".join(gap + token for gap, token in zip(gaps, tokens, strict=True))
    return text, ScheduleSync(**expected)


@PROPERTY_SETTINGS
@given(rendered_schedules())
def test_schedule_round_trip(case: tuple[str, ScheduleSync]) -> None:
    text, expected = case
    assert parse_sync(text) == expected, text


@PROPERTY_SETTINGS
@given(st.sampled_from(["topic", "tema", "TOPIC"]), st.none() | st.integers(1, 999_999_999), st.text(max_size=600))
def test_topic_round_trip(head: str, number: int | None, body: str) -> None:
    text = " ".join([head, *([f"S-{number}"] if number else []), body])
    result = parse_sync(text)
    stripped = body.strip()
    if number is None and stripped.split(None, 1)[:1] and parse_sync_number(stripped.split(None, 1)[0]):
        return  # the body itself opens with an ID
    if not stripped:
        assert isinstance(result, ParseError) and result.key == "error.sync_topic_needs_text"
    elif len(stripped) > TOPIC_LIMIT:
        assert isinstance(result, ParseError) and result.key == "error.sync_topic_too_long"
    else:
        assert result == AddSyncTopic(number=number, text=stripped)
