"""The message catalogs (every message in English and Spanish) and the translation function."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import pytest

from bot.i18n import CATALOGS, LANGUAGES, language_for_locale, t
from bot.locales import en, es
from tests.helpers import placeholders

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIRS = [ROOT / "bot", ROOT / "handlers"]


# --- the catalogs -----------------------------------------------------------------------------------------


def test_catalogs_cover_every_language() -> None:
    assert set(LANGUAGES) == set(CATALOGS) == {"en", "es"}
    assert set(CATALOGS["en"]) == set(en.CATALOG)
    assert set(CATALOGS["es"]) == set(es.CATALOG)


def test_literal_angle_brackets_are_sent_escaped_and_slack_tokens_are_kept() -> None:
    assert "/ask &lt;title&gt; [to:marketing|it]" in t("en", "usage.ask")
    assert "<" not in t("en", "usage.ask") and "<" not in t("es", "usage.commit")
    assert t("en", "ask.line.withdraw", user="U1", ref="A-1") == "<@U1> withdrew A-1."
    assert t("en", "ask.from_message", link="https://x.slack.com/p1") == "From <https://x.slack.com/p1|this message>"
    assert t("es", "ask.posted_in", channel="C1") == "Publicada en <#C1>"


def test_catalogs_have_the_same_keys() -> None:
    all_keys = set().union(*CATALOGS.values())
    missing = {lang: sorted(all_keys - set(catalog)) for lang, catalog in CATALOGS.items()}
    missing = {lang: keys for lang, keys in missing.items() if keys}
    assert not missing, "keys missing per language: " + "; ".join(f"{lang}: {keys}" for lang, keys in missing.items())


def test_every_entry_uses_the_same_placeholders_in_both_languages() -> None:
    mismatched = {
        key: {lang: sorted(placeholders(catalog[key])) for lang, catalog in CATALOGS.items()}
        for key in set(en.CATALOG) & set(es.CATALOG)
        if placeholders(en.CATALOG[key]) != placeholders(es.CATALOG[key])
    }
    assert not mismatched, f"placeholders differ: {mismatched}"


def test_placeholders_are_plain_names() -> None:
    """Positional (`{}`/`{0}`) or attribute fields would not be filled by `t(lang, key, **params)`."""
    bad = {
        (lang, key): sorted(fields)
        for lang, catalog in CATALOGS.items()
        for key, value in catalog.items()
        if (fields := placeholders(value)) and not all(f.isidentifier() for f in fields)
    }
    assert not bad, f"placeholders that are not keyword names: {bad}"


def test_no_value_is_empty() -> None:
    empty = [(lang, key) for lang, catalog in CATALOGS.items() for key, value in catalog.items() if not value.strip()]
    assert not empty, f"empty texts: {empty}"


def test_spanish_is_actually_translated() -> None:
    """A catalog that copies English would pass the key checks; most texts with words must differ."""
    wordy = [key for key, value in en.CATALOG.items() if len(re.findall(r"[A-Za-z]{4,}", value)) >= 3]
    same = [key for key in wordy if es.CATALOG.get(key) == en.CATALOG[key]]
    assert len(same) <= len(wordy) // 10, f"untranslated: {same}"


# --- t() --------------------------------------------------------------------------------------------------


def test_t_fills_params_in_each_language() -> None:
    english = t("en", "team.added", user="U0123ABCD", side="IT", role="leader")
    spanish = t("es", "team.added", user="U0123ABCD", side="TI", role="líder")

    assert "<@U0123ABCD>" in english and "IT" in english and "leader" in english
    assert "<@U0123ABCD>" in spanish and "TI" in spanish and "líder" in spanish
    assert english != spanish
    assert "{" not in english and "{" not in spanish


def test_t_param_values_are_not_reinterpreted() -> None:
    text = t("en", "error.unknown_subcommand", word="{role} {0} %s")
    assert "{role} {0} %s" in text


@pytest.mark.parametrize("lang", ["es", "en"])
def test_t_without_params_returns_the_catalog_text(lang: str) -> None:
    assert t(lang, "team.title") == CATALOGS[lang]["team.title"]


@pytest.mark.parametrize("lang", ["fr", "de", "", "EN"])
def test_t_falls_back_to_english_for_an_unknown_language(lang: str) -> None:
    assert t(lang, "team.title") == en.CATALOG["team.title"]  # type: ignore[arg-type]
    assert t(lang, "team.removed", user="U1") == t("en", "team.removed", user="U1")  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_t_returns_the_key_for_an_unknown_key(lang: str) -> None:
    assert t(lang, "no.such.key") == "no.such.key"
    assert t(lang, "no.such.key", word="x") == "no.such.key"


def test_every_entry_can_be_formatted_with_its_placeholders() -> None:
    for lang, catalog in CATALOGS.items():
        for key, template in catalog.items():
            params = {name: f"<{name}>" for name in placeholders(template)}
            text = t(lang, key, **params)
            for name, value in params.items():
                assert value in text, (lang, key, name)


# --- language_for_locale ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("es-LA", "es"), ("es-ES", "es"), ("en-US", "en"), ("en-GB", "en")],
)
@pytest.mark.parametrize("default", ["en", "es"])
def test_language_for_known_locales(locale: str, expected: str, default: str) -> None:
    assert language_for_locale(locale, default) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("locale", ["fr-FR", None, "", "pt-BR", "ja-JP"])
@pytest.mark.parametrize("default", ["en", "es"])
def test_language_for_unknown_locale_is_the_default(locale: str | None, default: str) -> None:
    assert language_for_locale(locale, default) == default  # type: ignore[arg-type]


# --- keys used by the code exist --------------------------------------------------------------------------

PREFIXES = sorted({key.split(".", 1)[0] for key in en.CATALOG})
_KEY = re.compile(
    r"(?P<prefix>[rRuUfF]{0,2})(?P<quote>['\"])(?P<key>(?:" + "|".join(map(re.escape, PREFIXES)) + r")\.[\w.]*)(?P=quote)"
)


def _string_literals(path: Path) -> list[tuple[int, str]]:
    """The string literals of a source file (comments and code excluded), with their line numbers."""
    source = path.read_text(encoding="utf-8")
    return [
        (token.start[0], token.string)
        for token in tokenize.generate_tokens(io.StringIO(source).readline)
        if token.type == tokenize.STRING
    ]


def _referenced_keys() -> dict[str, list[str]]:
    """Every catalog-looking key in a string literal of bot/ and handlers/, and where it is used."""
    keys: dict[str, list[str]] = {}
    for directory in SOURCE_DIRS:
        for path in sorted(directory.rglob("*.py")):
            if "locales" in path.parts or path.name == "ids.py":
                continue  # ids.py holds identifiers (audit actions, action_ids), not texts
            for line, literal in _string_literals(path):
                match = _KEY.fullmatch(literal)
                if match is None or match["key"].endswith("."):
                    continue  # not a whole key, or an f-string fragment such as "side." + value
                keys.setdefault(match["key"], []).append(f"{path.relative_to(ROOT)}:{line}")
    return keys


def test_catalog_prefixes_are_the_known_families() -> None:
    assert {"error", "usage", "team", "help", "side", "role"} <= set(PREFIXES)


def test_every_key_used_in_the_code_exists_in_the_catalog() -> None:
    referenced = _referenced_keys()
    # the scan does find the keys of the parser, so an empty result is not silently a pass
    assert {"error.unclosed_quote", "usage.alinea.team_add"} <= set(referenced)

    missing = {key: where for key, where in referenced.items() if key not in en.CATALOG}
    assert not missing, f"keys used in code but missing from the English catalog: {missing}"


def test_dynamic_key_prefixes_in_the_code_match_catalog_keys() -> None:
    """f"side.{...}", f"role.{...}" and f"usage.{command}" must have entries for every value they can take."""
    from bot.people import Side
    from bot.teams.models import Role

    for side in Side:
        assert f"side.{side.value}" in en.CATALOG
    for role in Role:
        assert f"role.{role.value}" in en.CATALOG
    for command in ("ask", "commit", "kpi", "sync", "shadow", "digest", "alinea"):  # every slash command
        assert f"usage.{command}" in en.CATALOG


def test_no_key_is_defined_in_two_feature_modules():
    from bot.locales import en, es

    for catalog in (en, es):
        keys = [key for module in catalog.MODULES for key in module.CATALOG]
        repeated = sorted({key for key in keys if keys.count(key) > 1})
        assert repeated == [], f"{catalog.__name__}: {repeated}"


def test_every_audit_action_of_asks_reads_in_both_languages() -> None:
    from bot.ids import Audit

    for action in Audit:
        if action.value.startswith("ask."):
            assert f"history.{action.value}" in en.CATALOG and f"history.{action.value}" in es.CATALOG
