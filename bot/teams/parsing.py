"""The `/alinea` grammar: help (of `/alinea`, and of a subcommand: `/alinea pulse help`), joining a side, the team
(admins), the pulse (`bot.pulse.parsing`), the caller's notifications (`bot.notifications.parsing`) and the
workspace's settings (`bot.workspace.parsing`)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from bot.errors import ParseError
from bot.ids import Command
from bot.lexer import Word, command_words, is_help, parse_mention, parse_side, tokenize, unknown_subcommand
from bot.notifications.parsing import NOTIFY_WORDS, NotifyCommand, parse_notify
from bot.people import Side
from bot.pulse.parsing import PulseCommand, parse_pulse
from bot.reading import Reading
from bot.workspace.parsing import SETTINGS_WORDS, ShowSettings, parse_settings

USAGE = "usage.alinea"
LEADER_WORDS = {"leader", "lider", "líder"}
Subcommand = Literal["join", "team", "pulse", "notify", "settings"]


class AlineaHelp(BaseModel):
    kind: Literal["help"] = "help"


class SubcommandHelp(BaseModel):
    """`/alinea pulse help` and the like: the usage of one subcommand."""

    kind: Literal["subcommand_help"] = "subcommand_help"
    subcommand: Subcommand


class JoinSide(BaseModel):
    kind: Literal["join"] = "join"
    side: Side


class ListTeam(BaseModel):
    kind: Literal["team_list"] = "team_list"


class AddToTeam(BaseModel):
    kind: Literal["team_add"] = "team_add"
    user_id: str
    side: Side
    leader: bool


class RemoveFromTeam(BaseModel):
    kind: Literal["team_remove"] = "team_remove"
    user_id: str


AlineaCommand = (AlineaHelp | SubcommandHelp | JoinSide | ListTeam | AddToTeam | RemoveFromTeam | PulseCommand
                 | NotifyCommand | ShowSettings)


def parse_alinea(text: str, reading: Reading | None = None) -> AlineaCommand | ParseError:
    """Parse the text of `/alinea`; `reading` says how refusals name the options."""
    found = tokenize(text)
    if found is None:
        return ParseError("error.unclosed_quote", usage=USAGE)
    found = [word for word in found if word]
    if not found or is_help(" ".join(found)):
        return AlineaHelp()
    head, rest = found[0].lower(), found[1:]
    if (subcommand := _SUBCOMMANDS.get(head)) is not None and rest and is_help(" ".join(rest)):
        return SubcommandHelp(subcommand=subcommand)
    if head in {"pulse", "pulso"}:
        return parse_pulse((command_words(text) or [])[1:], reading)
    if head in {"join", "unirme", "unir"}:
        return _parse_join(rest)
    if head in {"team", "equipo"}:
        return _parse_team(rest)
    if head in NOTIFY_WORDS:
        return parse_notify(rest)
    if head in SETTINGS_WORDS:
        return parse_settings(rest)
    return unknown_subcommand(Word(found[0], False), [*_SUBCOMMANDS, "help", "ayuda"], Command.ALINEA, USAGE)


# The words of each subcommand whose usage `<word> help` shows.
_SUBCOMMANDS: dict[str, Subcommand] = {
    "join": "join", "unirme": "join", "unir": "join",
    "team": "team", "equipo": "team",
    "pulse": "pulse", "pulso": "pulse",
    **{word: "notify" for word in NOTIFY_WORDS},
    **{word: "settings" for word in SETTINGS_WORDS},
}


def _parse_join(rest: list[str]) -> JoinSide | ParseError:
    if len(rest) != 1:
        return ParseError("error.join_needs_side", usage="usage.alinea.join")
    side = parse_side(rest[0])
    if side is None:
        return ParseError("error.unknown_side", usage="usage.alinea.join", word=rest[0])
    return JoinSide(side=side)


def _parse_team(rest: list[str]) -> AlineaCommand | ParseError:
    if not rest:
        return ListTeam()
    action, args = rest[0].lower(), rest[1:]
    if action in {"add", "agregar"}:
        return _parse_team_add(args)
    if action in {"remove", "quitar"}:
        user_id = parse_mention(args[0]) if len(args) == 1 else None
        if user_id is None:
            return ParseError("error.needs_one_mention", usage="usage.alinea.team_remove")
        return RemoveFromTeam(user_id=user_id)
    if action in {"list", "lista"} and not args:
        return ListTeam()
    return unknown_subcommand(Word(rest[0], False), ["add", "agregar", "remove", "quitar", "list", "lista"],
                              f"{Command.ALINEA} team", "usage.alinea.team")


def _parse_team_add(args: list[str]) -> AddToTeam | ParseError:
    usage = "usage.alinea.team_add"
    if len(args) not in (2, 3):
        return ParseError("error.team_add_form", usage=usage)
    user_id = parse_mention(args[0])
    if user_id is None:
        return ParseError("error.not_a_mention", usage=usage, word=args[0])
    side = parse_side(args[1])
    if side is None:
        return ParseError("error.unknown_side", usage=usage, word=args[1])
    if len(args) == 3 and args[2].lower() not in LEADER_WORDS:
        return ParseError("error.unexpected_word", usage=usage, word=args[2])
    return AddToTeam(user_id=user_id, side=side, leader=len(args) == 3)
