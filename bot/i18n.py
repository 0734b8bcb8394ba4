"""The one translation function. Catalogs live in bot/locales/, one per language, with the same keys."""

from __future__ import annotations

import logging
from typing import Any

from bot.locales import en, es
from bot.models import Language

CATALOGS: dict[str, dict[str, str]] = {"en": en.CATALOG, "es": es.CATALOG}
LANGUAGES: tuple[Language, ...] = ("en", "es")

log = logging.getLogger(__name__)


def t(lang: Language, key: str, **params: Any) -> str:
    """The text for `key` in `lang`, with `{params}` filled in. Falls back to English, then to the key."""
    template = CATALOGS.get(lang, en.CATALOG).get(key) or en.CATALOG.get(key)
    if template is None:
        log.error("missing translation key %s", key)
        return key
    return template.format(**params) if params else template


def language_for_locale(locale: str | None, default: Language) -> Language:
    """Slack locales look like `es-LA` or `en-US`; anything we don't speak gets the default."""
    prefix = (locale or "").split("-")[0].lower()
    return prefix if prefix in CATALOGS else default  # type: ignore[return-value]
