"""Pure, total parsing of `/sync` text (SPEC.md "/sync — recurring CIO–CMO syncs"): every string gives a parsed
command or a `ParseError`, never an exception. Whether the caller may schedule, and which sync an omitted ID
means, are for the service to decide, as only it knows the team and the syncs."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, time
from functools import cache
from typing import Literal
from zoneinfo import available_timezones

from pydantic import BaseModel

from bot.dates import WEEKDAYS
from bot.lexer import ParseError, _command_words, _option_in, _Reader, _subcommand, _Word, is_help, parse_mention

USAGE = "usage.sync"
NAME_LIMIT = 80
TOPIC_LIMIT = 500
PARTICIPANT_LIMIT = 30  # what the service's SyncDraft accepts
MAX_EVERY_WEEKS = 52
MAX_REMIND_HOURS = 168  # a week
DEFAULT_REMIND_HOURS = 24

_SYNC_ID = re.compile(r"[Ss]-?([0-9]{1,9})")
# Leading zeros are dropped before the digit count, so no huge number ever reaches int().
_EVERY = re.compile(r"0*([0-9]{1,3})(w|wk|wks|week|weeks|s|sem|semana|semanas)?")
_REMIND = re.compile(r"0*([0-9]{1,3})(h|hr|hrs|hour|hours|hora|horas)?")
_TIME_24 = re.compile(r"([0-9]{1,2}):([0-9]{2})")
_TIME_12 = re.compile(r"([0-9]{1,2})(?::([0-9]{2}))?([ap])\.?m\.?")
# A word meant as a time that is not one (`25:00`, `9`, `9:60`, `13pm`) gets a time error, not a missing one.
_TIME_LIKE = re.compile(r"[0-9][0-9:.]*(?:[ap]\.?m\.?)?")
_LINKED_CHANNEL = re.compile(r"<#([CG][A-Z0-9]+)(?:\|[^>]*)?>")
_WITH_WORDS = {"with", "con"}
# Between participants: `with @ana, @luis and @sam` reads like `with @ana @luis @sam`.
_JOINERS = {"and", "y", "&"}
_NO_DATE = date.min  # the `_Reader` signature carries a date; no /sync option reads one


class SyncHelp(BaseModel):
    kind: Literal["help"] = "help"


class ScheduleSyncModal(BaseModel):
    kind: Literal["schedule_modal"] = "schedule_modal"


class ScheduleSync(BaseModel):
    kind: Literal["schedule"] = "schedule"
    name: str
    weekday: int  # 0 = Monday
    at: time  # wall-clock time in `timezone`
    every_weeks: int = 1
    timezone: str | None = None  # None: the caller's (or the workspace's) zone, for the service to choose
    participants: list[str]  # user IDs, in the order mentioned, without repeats
    channel_id: str | None = None  # None: a group DM of the participants
    remind_hours: int = DEFAULT_REMIND_HOURS


class ListSyncs(BaseModel):
    kind: Literal["list"] = "list"


class CancelSync(BaseModel):
    kind: Literal["cancel"] = "cancel"
    number: int


class AddSyncTopic(BaseModel):
    kind: Literal["topic"] = "topic"
    number: int | None = None  # None: the caller's only sync, for the service to find
    text: str


class ShowAgenda(BaseModel):
    kind: Literal["agenda"] = "agenda"
    number: int | None = None


class ShowSyncHistory(BaseModel):
    kind: Literal["history"] = "history"
    number: int | None = None


SyncCommand = (
    SyncHelp | ScheduleSyncModal | ScheduleSync | ListSyncs | CancelSync | AddSyncTopic | ShowAgenda | ShowSyncHistory
)

SYNC_SUBCOMMANDS: dict[str, str] = {
    "help": "help",
    "ayuda": "help",
    "schedule": "schedule",
    "programar": "schedule",
    "list": "list",
    "lista": "list",
    "listar": "list",
    "cancel": "cancel",
    "cancelar": "cancel",
    "topic": "topic",
    "tema": "topic",
    "agenda": "agenda",
    "history": "history",
    "historial": "history",
}


def parse_sync_number(word: str) -> int | None:
    """3 for `S-3`, `s-3` or `S3`; None for anything else (`S-0` names nothing)."""
    match = _SYNC_ID.fullmatch(word.strip())
    return (int(match[1]) or None) if match else None


def parse_weekday(word: str) -> int | None:
    """0 (Monday) … 6 (Sunday) for a weekday word of bot.dates, English or Spanish, short or long, any case,
    accents optional; None for anything else."""
    return WEEKDAYS.get(unicodedata.normalize("NFC", word.strip()).lower())


def parse_time_of_day(word: str) -> time | None:
    """The wall-clock time in `9:30`, `09:30`, `17:05` (24-hour) or `9am`, `5:30pm`, `12am` (midnight), `12pm`
    (noon), `9 a.m.` written together; None for anything else, `25:00` and `9:60` included."""
    word = word.strip().lower()
    if (match := _TIME_24.fullmatch(word)) is not None:
        hour, minute = int(match[1]), int(match[2])
        return time(hour, minute) if hour <= 23 and minute <= 59 else None
    if (match := _TIME_12.fullmatch(word)) is not None:
        hour, minute = int(match[1]), int(match[2] or 0)
        if not 1 <= hour <= 12 or minute > 59:
            return None
        return time(hour % 12 + (12 if match[3] == "p" else 0), minute)
    return None


@cache
def _zones() -> dict[str, str]:
    """Every IANA zone name the system knows, by its lower-cased form."""
    return {name.lower(): name for name in available_timezones()}


def parse_timezone(word: str) -> str | None:
    """The IANA zone `word` names, spelled as the database does (`america/bogota` → `America/Bogota`), or None."""
    return _zones().get(word.strip().lower())


def parse_sync(text: str) -> SyncCommand | ParseError:
    """Parse the text of `/sync`."""
    if not text.strip() or is_help(text):
        return SyncHelp()
    subcommand = _subcommand(text, SYNC_SUBCOMMANDS)
    if subcommand is not None and subcommand[0] == "topic":  # a lone `"` or an apostrophe in a topic is no error
        return _parse_topic(text, subcommand[1])
    words = _command_words(text)
    if words is None:
        return ParseError("error.unclosed_quote", usage=USAGE)
    if not words:  # only blank quoted phrases
        return SyncHelp()
    if subcommand is None:
        return ParseError("error.unknown_subcommand", usage=USAGE, word=words[0].text)
    name, head = subcommand
    rest = words[1:]
    if name == "schedule":
        return _parse_schedule(rest) if rest else ScheduleSyncModal()
    if name in {"help", "list"}:
        if rest:
            return ParseError("error.unexpected_word", usage=USAGE, word=rest[0].text)
        return SyncHelp() if name == "help" else ListSyncs()
    if len(rest) > 1:
        return ParseError("error.unexpected_word", usage=USAGE, word=rest[1].text)
    number = parse_sync_number(rest[0].text) if rest else None
    if rest and number is None:
        return ParseError("error.bad_sync_id", usage=USAGE, word=rest[0].text)
    if name == "cancel":
        if number is None:
            return ParseError("error.needs_sync_id", usage=USAGE, word=head)
        return CancelSync(number=number)
    return ShowAgenda(number=number) if name == "agenda" else ShowSyncHistory(number=number)


def _parse_topic(text: str, head: str) -> AddSyncTopic | ParseError:
    """`topic [S-3] <text…>`: the topic is the rest of the text as typed, quotes and all."""
    after_head = text.split(None, 1)
    rest = after_head[1] if len(after_head) > 1 else ""
    parts = rest.split(None, 1)
    number = parse_sync_number(parts[0]) if parts else None
    topic = (parts[1] if len(parts) > 1 else "") if number is not None else rest
    topic = topic.strip()
    if not topic:
        return ParseError("error.sync_topic_needs_text", usage=USAGE, word=head)
    if len(topic) > TOPIC_LIMIT:
        return ParseError("error.sync_topic_too_long", usage=USAGE, limit=TOPIC_LIMIT, length=len(topic))
    return AddSyncTopic(number=number, text=topic)


# --- schedule ---------------------------------------------------------------------------------------------


def _empty(option: str, example: str) -> ParseError:
    return ParseError("error.empty_option", usage=USAGE, option=option, example=example)


def _read_every(value: str, today: date, usage: str) -> int | ParseError:
    if not value:
        return _empty("every:", "every:2w")
    match = _EVERY.fullmatch(value.lower())
    if match is None or not 1 <= int(match[1]) <= MAX_EVERY_WEEKS:
        return ParseError("error.sync_bad_every", usage=usage, word=value)
    return int(match[1])


def _read_timezone(value: str, today: date, usage: str) -> str | ParseError:
    if not value:
        return _empty("tz:", "tz:America/Mexico_City")
    zone = parse_timezone(value)
    return zone if zone is not None else ParseError("error.sync_bad_timezone", usage=usage, word=value)


def _read_channel(value: str, today: date, usage: str) -> str | ParseError:
    if not value:
        return _empty("in:", "in:#leadership")
    match = _LINKED_CHANNEL.fullmatch(value)
    return match[1] if match else ParseError("error.sync_channel_not_linked", usage=usage, word=value)


def _read_remind(value: str, today: date, usage: str) -> int | ParseError:
    if not value:
        return _empty("remind:", "remind:24h")
    match = _REMIND.fullmatch(value.lower())
    if match is None or int(match[1]) > MAX_REMIND_HOURS:
        return ParseError("error.sync_bad_remind", usage=usage, word=value)
    return int(match[1])


_SCHEDULE_OPTIONS: dict[str, _Reader] = {
    "every:": _read_every,
    "tz:": _read_timezone,
    "in:": _read_channel,
    "remind:": _read_remind,
}


def _joined_channels(words: list[_Word]) -> list[_Word]:
    """`in: <#C1|x>` (Slack may put a blank after the colon when the channel is picked) as `in:<#C1|x>`."""
    joined: list[_Word] = []
    for word in words:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and not previous.quoted
            and previous.text.lower() == "in:"
            and not word.quoted
            and word.text.startswith(("#", "<#"))
        ):
            joined[-1] = _Word(previous.text + word.text, False)
        else:
            joined.append(word)
    return joined


def _find_day_and_time(words: list[_Word]) -> tuple[int, int, time] | ParseError:
    """(position, weekday, time) of the first weekday word followed by a time, so a name may hold a weekday word
    (`Friday wrap-up fri 16:00`); else the error that says what is missing or wrong."""
    day_positions: list[int] = []
    for index, word in enumerate(words):
        weekday = None if word.quoted else parse_weekday(word.text)
        if weekday is None:
            continue
        following = words[index + 1] if index + 1 < len(words) else None
        if following is not None and not following.quoted and (at := parse_time_of_day(following.text)) is not None:
            return index, weekday, at
        day_positions.append(index)
    if not day_positions:
        return ParseError("error.sync_needs_weekday", usage=USAGE)
    for index in day_positions:
        following = words[index + 1] if index + 1 < len(words) else None
        if following is not None and not following.quoted and _TIME_LIKE.fullmatch(following.text.lower()):
            return ParseError("error.sync_bad_time", usage=USAGE, word=following.text)
    return ParseError("error.sync_needs_time", usage=USAGE, word=words[day_positions[-1]].text)


def _parse_schedule(args: list[_Word]) -> ScheduleSync | ParseError:
    """`schedule "<name>" <weekday> <HH:MM> [every:Nw] [tz:IANA] with @a @b… [in:#channel] [remind:Nh]`: the
    options anywhere, each once; the name from the words before the weekday (or one quoted phrase after the
    time); the participants are the mentions after `with`."""
    words = _joined_channels(args)
    found = _find_day_and_time(words)
    if isinstance(found, ParseError):
        return found
    day_index, weekday, at = found
    options: dict[str, object] = {}
    name_words: list[str] = []
    quoted_name: str | None = None
    participants: list[str] = []
    seen_with = False
    for index, word in enumerate(words):
        if index in (day_index, day_index + 1):
            continue
        after_time = index > day_index + 1
        option = None if word.quoted else _option_in(word.text)
        if option is not None and option[0] in _SCHEDULE_OPTIONS:
            key, raw = option
            if key in options:
                return ParseError("error.repeated_option", usage=USAGE, option=key)
            value = _SCHEDULE_OPTIONS[key](raw, _NO_DATE, USAGE)
            if isinstance(value, ParseError):
                return value
            options[key] = value
            continue
        user_id = None if word.quoted else parse_mention(word.text)
        if user_id is not None:
            if not seen_with:
                return ParseError("error.sync_mention_before_with", usage=USAGE, user=user_id)
            participants.append(user_id)
            continue
        if not after_time:
            name_words.append(word.text)
            continue
        if word.quoted and not name_words and quoted_name is None:
            quoted_name = word.text
            continue
        if not word.quoted and word.text.lower() in _WITH_WORDS:
            if seen_with:
                return ParseError("error.repeated_option", usage=USAGE, option=word.text.lower())
            seen_with = True
            continue
        if not seen_with:
            return ParseError("error.unexpected_word", usage=USAGE, word=word.text)
        between = "" if word.quoted else word.text.strip(",;")
        if not word.quoted and (not between or between.lower() in _JOINERS):
            continue
        if (user_id := parse_mention(between)) is not None:  # `<@U1>,` or `,<@U2>`
            participants.append(user_id)
            continue
        return ParseError("error.not_a_mention", usage=USAGE, word=word.text)
    name = " ".join(" ".join(name_words if name_words else [quoted_name or ""]).split())
    if not name:
        return ParseError("error.sync_needs_name", usage=USAGE)
    if len(name) > NAME_LIMIT:
        return ParseError("error.sync_name_too_long", usage=USAGE, limit=NAME_LIMIT, length=len(name))
    participants = list(dict.fromkeys(participants))
    if not participants:
        return ParseError("error.sync_needs_with", usage=USAGE)
    if len(participants) > PARTICIPANT_LIMIT:
        return ParseError(
            "error.sync_too_many_participants", usage=USAGE, limit=PARTICIPANT_LIMIT, count=len(participants)
        )
    return ScheduleSync(
        name=name,
        weekday=weekday,
        at=at,
        every_weeks=options.get("every:", 1),
        timezone=options.get("tz:"),
        participants=participants,
        channel_id=options.get("in:"),
        remind_hours=options.get("remind:", DEFAULT_REMIND_HOURS),
    )
