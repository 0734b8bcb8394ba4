"""The one translation function. Catalogs live in bot/locales/, one per language, with the same keys.

A text that counts something is a plural family: one catalog entry per CLDR plural form, `x.one` and `x.other`
(English and Spanish have these two; 0 is "other" in both), and `t(lang, "x", count=n)` picks the form for `n`.
A family is never asked for without `count` (tests/bot/test_i18n.py checks the code; `t` logs it too)."""

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

# CLDR's plural forms of English and Spanish. Spanish also has "many", but only for "1 millón de …" spelled with
# words; a count written in digits is "other".
PLURAL_FORMS = ("one", "other")
# The plural families of every catalog: "x" for `x.one` and `x.other`.
PLURALS: frozenset[str] = frozenset(
    key.rsplit(".", 1)[0] for catalog in CATALOGS.values() for key in catalog if key.rsplit(".", 1)[-1] in PLURAL_FORMS
)


class _Unfilled(dict[str, Any]):
    def __missing__(self, name: str) -> str:
        return "{" + name + "}"


def plural_form(lang: Language, count: float) -> str:
    """CLDR's plural form of `count` in `lang`: "one" for exactly 1 in English and Spanish, "other" for the rest
    (0, 2, 1.5…), by its absolute value as CLDR does. Counts are shown as given, so 1 reads "1" (English's "1.0"
    would be "other"; we never show it)."""
    return "one" if abs(count) == 1 else "other"


def _plural_template(lang: Language, family: str, count: Any) -> str | None:
    """The form of `family` that `count` takes in `lang`. A missing form is logged like a missing key, and the
    "other" form of the reader's language stands in for it (then English's form, then English's "other")."""
    if isinstance(count, bool) or not isinstance(count, int | float):
        log.error("plural key %s needs a number as count, not %r", family, count)
        form = "other"
    else:
        form = plural_form(lang, count)
    wanted = f"{family}.{form}"
    for catalog in (CATALOGS.get(lang, CATALOGS["en"]), CATALOGS["en"]):
        if wanted in catalog:
            return catalog[wanted]
        log.error("missing translation key %s", wanted)
        if f"{family}.other" in catalog:
            return catalog[f"{family}.other"]
    return None


def t(lang: Language, key: str, **params: Any) -> str:
    """The text for `key` in `lang`, with `{params}` filled in. Falls back to English, then to the key.

    For a plural family, `count` picks the form (`key.one` for 1, `key.other` otherwise) and fills `{count}`."""
    if key in PLURALS:
        count = params.get("count")
        found = _plural_template(lang, key, count)
        if isinstance(count, float):  # 1.5 days: the decimal mark is the reader's (`1,5 días`)
            params = {**params, "count": f"{count:g}".replace(".", "," if lang == "es" else ".")}
        # without count, "{count}" stays as written rather than failing
        return key if found is None else found.format_map(_Unfilled(params))
    template = CATALOGS.get(lang, CATALOGS["en"]).get(key) or CATALOGS["en"].get(key)
    if template is None:
        log.error("missing translation key %s", key)
        return key
    return template.format(**params) if params else template


def language_for_locale(locale: str | None, default: Language) -> Language:
    """Slack locales look like `es-LA` or `en-US`; anything we don't speak gets the default."""
    prefix = (locale or "").split("-")[0].lower()
    return prefix if prefix in CATALOGS else default  # type: ignore[return-value]
