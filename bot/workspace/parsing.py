"""The grammar of `/alinea settings` (`ajustes`, `configuración`): the words alone; the changes are made in its
modal."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from bot.errors import ParseError

USAGE = "usage.alinea.settings"
SETTINGS_WORDS = frozenset({"settings", "setting", "ajustes", "ajuste", "configuración", "configuracion"})


class ShowSettings(BaseModel):
    kind: Literal["settings_show"] = "settings_show"


def parse_settings(words: list[str]) -> ShowSettings | ParseError:
    """The words after `settings`: none (the settings, with a button opening the modal that changes them)."""
    if words:
        return ParseError("error.unexpected_word", usage=USAGE, word=words[0])
    return ShowSettings()
