"""Pure, total parsing of command text: every string gives a parsed command or a `ParseError`,
never an exception. Slack sends mentions escaped (`<@U123|name>`) because the manifest asks it to."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel

from bot.errors import InvalidInput
from bot.models import Side

SIDE_ALIASES: dict[str, Side] = {
    "marketing": Side.MARKETING,
    "mkt": Side.MARKETING,
    "mercadotecnia": Side.MARKETING,
    "it": Side.IT,
    "ti": Side.IT,
    "tech": Side.IT,
}

_MENTION = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$")
# A quoted phrase, a Slack-escaped token (`<@U1|john smith>` may hold blanks), or a bare word.
_TOKEN = re.compile(r'"([^"]*)"|(<[^<>"]*>|[^\s"]+)')
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})


class ParseError(InvalidInput):
    """What was wrong with the text, and which usage to show. Returned, not raised, by parsers."""

    def __init__(self, key: str, usage: str, **params: object) -> None:
        super().__init__(key, usage=usage, **params)
        self.usage = usage


def tokenize(text: str) -> list[str] | None:
    """Split on blanks, keeping "quoted phrases" whole (Slack clients type curly quotes too).
    None when a quote is left open."""
    text = text.translate(_QUOTES)
    if text.count('"') % 2:
        return None
    return [quoted or bare for quoted, bare in _TOKEN.findall(text)]


def parse_side(word: str) -> Side | None:
    return SIDE_ALIASES.get(word.strip().lower())


def parse_mention(word: str) -> str | None:
    """The user ID in an escaped mention, or None."""
    match = _MENTION.match(word.strip())
    return match[1] if match else None


def is_help(text: str) -> bool:
    return text.strip().lower() in {"help", "ayuda"}


class AlineaHelp(BaseModel):
    kind: Literal["help"] = "help"


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


AlineaCommand = AlineaHelp | JoinSide | ListTeam | AddToTeam | RemoveFromTeam

LEADER_WORDS = {"leader", "lider", "líder"}


def parse_alinea(text: str) -> AlineaCommand | ParseError:
    """Parse the text of `/alinea`."""
    words = tokenize(text)
    if words is None:
        return ParseError("error.unclosed_quote", usage="usage.alinea")
    words = [word for word in words if word]
    if not words or is_help(" ".join(words)):
        return AlineaHelp()
    head, rest = words[0].lower(), words[1:]
    if head in {"join", "unirme", "unir"}:
        return _parse_join(rest)
    if head in {"team", "equipo"}:
        return _parse_team(rest)
    return ParseError("error.unknown_subcommand", usage="usage.alinea", word=words[0])


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
        if len(args) != 1 or parse_mention(args[0]) is None:
            return ParseError("error.needs_one_mention", usage="usage.alinea.team_remove")
        return RemoveFromTeam(user_id=parse_mention(args[0]))
    if action in {"list", "lista"} and not args:
        return ListTeam()
    return ParseError("error.unknown_subcommand", usage="usage.alinea.team", word=rest[0])


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
