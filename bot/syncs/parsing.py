"""The `/sync` grammar: pure and total, every text gives a command or a `ParseError`, never an exception. Whether
the caller may schedule, and which sync an omitted ID means, are for the service to decide, as only it knows the
team and the syncs."""

from __future__ import annotations

import re
from datetime import time
from typing import Literal

from pydantic import BaseModel

from bot.dates import parse_time_of_day, parse_weekday, read_timezone
from bot.errors import ParseError
from bot.ids import Command, parse_sync_number
from bot.lexer import (
    Reader,
    Word,
    command_words,
    english_key,
    is_help,
    needs_value,
    parse_mention,
    read_channel,
    subcommand,
    take_option,
    unknown_subcommand,
)
from bot.reading import UNDATED, Reading
from bot.recurrence import MAX_EVERY_WEEKS, parse_every_weeks
from bot.syncs.models import (
    DEFAULT_REMIND_HOURS,
    MAX_REMIND_HOURS,
    NAME_LIMIT,
    PARTICIPANT_LIMIT,
    TOPIC_LIMIT,
    ScheduleSync,
)

USAGE = "usage.sync"

_REMIND = re.compile(r"0*([0-9]{1,3})(h|hr|hrs|hour|hours|hora|horas)?")
_TIME_24 = re.compile(r"([0-9]{1,2}):([0-9]{2})")
_TIME_12 = re.compile(r"([0-9]{1,2})(?::([0-9]{2}))?([ap])\.?m\.?")
# A word meant as a time that is not one (`25:00`, `9`, `9:60`, `13pm`) gets a time error, not a missing one.
_TIME_LIKE = re.compile(r"[0-9][0-9:.]*(?:[ap]\.?m\.?)?")
_WITH_WORDS = {"with", "con"}
# Between participants: `with @ana, @luis and @sam` reads like `with @ana @luis @sam`.
_JOINERS = {"and", "y", "&"}


class SyncHelp(BaseModel):
    kind: Literal["help"] = "help"


class ScheduleSyncModal(BaseModel):
    kind: Literal["schedule_modal"] = "schedule_modal"


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


# What `/sync` does besides opening the Schedule a sync modal; each is answered with a message.
SyncRequest = SyncHelp | ScheduleSync | ListSyncs | CancelSync | AddSyncTopic | ShowAgenda | ShowSyncHistory
SyncCommand = ScheduleSyncModal | SyncRequest

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


def parse_sync(text: str, reading: Reading | None = None) -> SyncCommand | ParseError:
    """Parse the text of `/sync`; `reading` says how its refusals name the options (no /sync option reads a date)."""
    reading = reading or UNDATED
    if not text.strip() or is_help(text):
        return SyncHelp()
    named = subcommand(text, SYNC_SUBCOMMANDS)
    if named is not None and named[0] == "topic":  # a lone `"` or an apostrophe in a topic is no error
        return _parse_topic(text, named[1])
    words = command_words(text)
    if words is None:
        return ParseError("error.unclosed_quote", usage=USAGE)
    if not words:  # only blank quoted phrases
        return SyncHelp()
    if named is None:
        return unknown_subcommand(words[0], SYNC_SUBCOMMANDS, Command.SYNC, USAGE)
    name, head = named
    rest = words[1:]
    if name == "schedule":
        return _parse_schedule(rest, reading) if rest else ScheduleSyncModal()
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


def _read_every(value: str, reading: Reading, usage: str) -> int | ParseError:
    weeks = parse_every_weeks(value, MAX_EVERY_WEEKS)
    return weeks if weeks is not None else ParseError("error.sync_bad_every", usage=usage, word=value)


def _read_remind(value: str, reading: Reading, usage: str) -> int | ParseError:
    match = _REMIND.fullmatch(value.lower())
    if match is None or int(match[1]) > MAX_REMIND_HOURS:
        return ParseError("error.sync_bad_remind", usage=usage, word=value)
    return int(match[1])


_SCHEDULE_OPTIONS: dict[str, Reader] = {
    "every:": needs_value("every:", "every:2w", _read_every),
    "tz:": needs_value("tz:", "tz:America/Mexico_City", read_timezone),
    "in:": needs_value("in:", "in:#leadership", read_channel),
    "remind:": needs_value("remind:", "remind:24h", _read_remind),
}


def _joined_channels(words: list[Word]) -> list[Word]:
    """`in: <#C1|x>` or `canal: <#C1|x>` (Slack may put a blank after the colon when the channel is picked) as
    `in:<#C1|x>`."""
    joined: list[Word] = []
    for word in words:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and not previous.quoted
            and english_key(previous.text) == "in:"
            and not word.quoted
            and word.text.startswith(("#", "<#"))
        ):
            joined[-1] = Word(previous.text + word.text, False)
        else:
            joined.append(word)
    return joined


def _find_day_and_time(words: list[Word]) -> tuple[int, int, time] | ParseError:
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
            return ParseError("error.bad_time", usage=USAGE, word=following.text)
    return ParseError("error.sync_needs_time", usage=USAGE, word=words[day_positions[-1]].text)


def _parse_schedule(args: list[Word], reading: Reading) -> ScheduleSync | ParseError:
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
        taken = take_option(word, _SCHEDULE_OPTIONS, options, reading, USAGE)
        if isinstance(taken, ParseError):
            return taken
        if taken:
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
