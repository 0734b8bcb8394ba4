"""The one translation function. Catalogs live in bot/locales/, one per language, with the same keys."""

from __future__ import annotations

import logging
import re
from typing import Any, Literal

from bot.locales import en, es

Language = Literal["en", "es"]

# Slack reads `<…>` as a link or mention, so placeholders in usage texts such as `<title>` are written as they
# must be sent, `&lt;title&gt;`; mentions (`<@{user}>`), channels, dates and links (`<{link}|…>`) are kept.
_LITERAL_ANGLES = re.compile(r"<(?![@#!{]|https?:)([^<>]*)>")


def _slack_escaped(catalog: dict[str, str]) -> dict[str, str]:
    return {key: _LITERAL_ANGLES.sub(r"&lt;\1&gt;", text) for key, text in catalog.items()}


CATALOGS: dict[str, dict[str, str]] = {"en": _slack_escaped(en.CATALOG), "es": _slack_escaped(es.CATALOG)}
LANGUAGES: tuple[Language, ...] = ("en", "es")

log = logging.getLogger(__name__)


def t(lang: Language, key: str, **params: Any) -> str:
    """The text for `key` in `lang`, with `{params}` filled in. Falls back to English, then to the key."""
    template = CATALOGS.get(lang, CATALOGS["en"]).get(key) or CATALOGS["en"].get(key)
    if template is None:
        log.error("missing translation key %s", key)
        return key
    return template.format(**params) if params else template


def language_for_locale(locale: str | None, default: Language) -> Language:
    """Slack locales look like `es-LA` or `en-US`; anything we don't speak gets the default."""
    prefix = (locale or "").split("-")[0].lower()
    return prefix if prefix in CATALOGS else default  # type: ignore[return-value]
