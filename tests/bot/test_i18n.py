"""The message catalogs (every message in English and Spanish) and the translation function."""

from __future__ import annotations

import ast
import io
import logging
import re
import tokenize
from pathlib import Path

import pytest

from bot.i18n import CATALOGS, LANGUAGES, PLURAL_FORMS, PLURALS, language_for_locale, plural_form, t
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

    missing = {key: where for key, where in referenced.items() if key not in en.CATALOG and key not in PLURALS}
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


# --- plurals ----------------------------------------------------------------------------------------------
# A text that counts something is a family of CLDR forms, `x.one` and `x.other`, and `t(lang, "x", count=n)` picks
# one. That a family is never asked for without `count` is checked here on the code (every `t(…)` call naming a
# family, directly, in an f-string or in a conditional, passes `count=`); `t` also logs such a call at run time.


def _families(catalog: dict[str, str]) -> dict[str, set[str]]:
    """The plural families of a catalog, each with the forms it has."""
    found: dict[str, set[str]] = {}
    for key in catalog:
        family, _, form = key.rpartition(".")
        if form in PLURAL_FORMS:
            found.setdefault(family, set()).add(form)
    return found


def test_both_languages_have_the_same_plural_families_each_with_one_and_other() -> None:
    english, spanish = _families(en.CATALOG), _families(es.CATALOG)
    assert english.keys() == spanish.keys() == PLURALS
    assert {"sync.every_weeks", "shadow.round.pairs", "reminder.overdue", "digest.days"} <= PLURALS
    incomplete = {(lang, family): forms for lang, families in (("en", english), ("es", spanish))
                  for family, forms in families.items() if forms != set(PLURAL_FORMS)}
    assert not incomplete, f"plural families without both forms: {incomplete}"


def test_a_plural_family_is_not_also_a_plain_key() -> None:
    """`t(lang, "x", count=n)` would be ambiguous if "x" were a text of its own too."""
    assert not PLURALS & (set(en.CATALOG) | set(es.CATALOG))


def test_the_forms_of_a_family_differ_only_in_how_they_say_the_count() -> None:
    """Both forms take the same placeholders, but for `{count}`, which "other" always shows ("1 day" may spell
    the one, "every week" leave it out); each form has the same placeholders in both languages (checked above for
    every key)."""
    for lang, catalog in CATALOGS.items():
        for family in PLURALS:
            one, other = (placeholders(catalog[f"{family}.{form}"]) for form in ("one", "other"))
            assert "count" in other, (lang, family)
            assert one - {"count"} == other - {"count"}, (lang, family, one, other)


# Plural endings in parentheses or after a slash: "pair(s)", "vence(n)", "mes(es)", "inscrito/a", "todos/as".
_PLURAL_SHORTCUT = re.compile(r"\w\((?:s|es|n|as|os|a|o)\)|\w(?:o/a|a/o|os/as|as/os|e/a)\b", re.IGNORECASE)


def test_no_text_leaves_the_plural_or_the_gender_to_the_reader() -> None:
    found = {(lang, key): _PLURAL_SHORTCUT.findall(text) for lang, catalog in CATALOGS.items()
             for key, text in catalog.items() if _PLURAL_SHORTCUT.search(text)}
    assert not found, f"write plural forms (key.one / key.other) or neutral words instead: {found}"
    assert _PLURAL_SHORTCUT.search("1 pair(s)") and _PLURAL_SHORTCUT.search("vencido(s)")
    assert _PLURAL_SHORTCUT.search("inscrito/a") and not _PLURAL_SHORTCUT.search("`/ask list [open|mine]` (admins)")


# Words that give the reader a gender; Spanish texts say "Te damos la bienvenida" (the noun is fine), "para recibir
# visitas", "quienes se suscribieron"…
NOT_NEUTRAL = [r"bienvenidos?", r"(?<!\bla )bienvenidas?", "anfitri(?:ón|ona|ones|onas)", "inscrit[oa]s?",
               "suscrit[oa]s?", "listos?", "segur[oa]s?", "junt[oa]s"]


def test_spanish_texts_address_the_reader_without_a_gender() -> None:
    words = re.compile(r"\b(?:" + "|".join(NOT_NEUTRAL) + r")\b", re.IGNORECASE)
    assert words.search("¡Bienvenida!") and words.search("¡Bienvenido!")
    assert not words.search("Te damos la bienvenida")
    found = {key: words.findall(text) for key, text in es.CATALOG.items() if words.search(text)}
    assert not found, f"gendered words in the Spanish catalog: {found}"
    assert "bienvenida" in es.CATALOG["team.joined"]  # "¡Te damos la bienvenida!", said to anyone


def test_kpi_statuses_read_as_statuses_in_spanish() -> None:
    """"On track" is meeting the target, not "in progress" (issue: "En curso")."""
    assert es.CATALOG["kpi.status.on_track"] == "En meta" and es.CATALOG["kpi.last.on_track"] == "en meta"
    assert [es.CATALOG[f"kpi.status.{s}"] for s in ("at_risk", "off_track", "stale", "no_data")] == [
        "En riesgo", "Fuera de meta", "Sin datos recientes", "Aún sin datos"]
    assert "curso" not in " ".join(text for key, text in es.CATALOG.items() if "kpi" in key)


@pytest.mark.parametrize(("count", "form"), [(0, "other"), (1, "one"), (2, "other"), (21, "other"),
                                             (1.5, "other"), (1.0, "one"), (-1, "one"), (1_000_000, "other")])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_plural_form_follows_cldr(lang: str, count: float, form: str) -> None:
    assert plural_form(lang, count) == form  # type: ignore[arg-type]


@pytest.mark.parametrize(("lang", "count", "text"), [
    ("en", 0, "every 0 weeks"), ("en", 1, "every week"), ("en", 2, "every 2 weeks"),
    ("es", 0, "cada 0 semanas"), ("es", 1, "cada semana"), ("es", 2, "cada 2 semanas"),
])
def test_t_picks_the_form_for_the_count(lang: str, count: int, text: str) -> None:
    assert t(lang, "sync.every_weeks", count=count) == text  # type: ignore[arg-type]


def test_t_fills_the_other_placeholders_of_a_plural_text() -> None:
    assert t("en", "pulse.started", round=3, count=1) == "Pulse round 3 is out: 1 person asked."
    assert t("es", "pulse.started", round=3, count=8) == "Salió la ronda 3 del pulso: se preguntó a 8 personas."
    assert t("fr", "pulse.started", round=3, count=1) == "Pulse round 3 is out: 1 person asked."  # type: ignore


def test_t_without_count_logs_and_says_the_other_form(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="bot.i18n"):
        text = t("en", "shadow.round.pairs")
    assert text == "{count} pairs"
    assert "shadow.round.pairs" in caplog.text and "count" in caplog.text


def test_a_missing_form_falls_back_to_the_other_form_of_the_readers_language(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.delitem(CATALOGS["es"], "shadow.round.pairs.one")
    with caplog.at_level(logging.ERROR, logger="bot.i18n"):
        assert t("es", "shadow.round.pairs", count=1) == "1 parejas"
    assert "missing translation key shadow.round.pairs.one" in caplog.text


def test_a_family_missing_from_a_language_falls_back_to_english(monkeypatch: pytest.MonkeyPatch,
                                                                 caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.delitem(CATALOGS["es"], "shadow.round.pairs.one")
    monkeypatch.delitem(CATALOGS["es"], "shadow.round.pairs.other")
    with caplog.at_level(logging.ERROR, logger="bot.i18n"):
        assert t("es", "shadow.round.pairs", count=2) == "2 pairs"
    assert "missing translation key shadow.round.pairs.other" in caplog.text


def _key_patterns(node: ast.expr) -> list[tuple[re.Pattern[str], list[ast.Constant]]]:
    """What a `t(…)` key argument can be: a literal, an f-string (its fields match any key part) or either branch
    of a conditional; with the literal nodes it is made of. A variable gives nothing (not checkable here)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [(re.compile(re.escape(node.value)), [node])]
    if isinstance(node, ast.JoinedStr):
        parts = [re.escape(v.value) if isinstance(v, ast.Constant) else r"[\w.]+" for v in node.values]
        return [(re.compile("".join(parts)), [])]
    if isinstance(node, ast.IfExp):
        return _key_patterns(node.body) + _key_patterns(node.orelse)
    return []


def _plural_uses() -> tuple[set[str], list[str]]:
    """The plural families the code asks `t` for with `count`, and every place that names one otherwise: a `t(…)`
    call without `count`, or a family's name or one of its forms written anywhere but as the key of such a call."""
    used: set[str] = set()
    wrong: list[str] = []
    for directory in [*SOURCE_DIRS, ROOT / "schedules"]:
        for path in sorted(directory.rglob("*.py")):
            if "locales" in path.parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            counted: set[int] = set()  # the literal nodes that are the key of a `t(…, count=…)` call
            for node in ast.walk(tree):
                if not (isinstance(node, ast.Call) and len(node.args) >= 2 and (
                        isinstance(node.func, ast.Name) and node.func.id == "t"
                        or isinstance(node.func, ast.Attribute) and node.func.attr == "t")):
                    continue
                has_count = any(keyword.arg == "count" for keyword in node.keywords)
                for pattern, literals in _key_patterns(node.args[1]):
                    families = {family for family in PLURALS if pattern.fullmatch(family)}
                    if families and not has_count:
                        wrong.append(f"{path.relative_to(ROOT)}:{node.lineno} asks for {sorted(families)} "
                                     "without count")
                    if has_count:
                        used |= families
                        counted |= {id(literal) for literal in literals}
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in counted:
                    family, _, form = node.value.rpartition(".")
                    if node.value in PLURALS or (form in PLURAL_FORMS and family in PLURALS):
                        wrong.append(f"{path.relative_to(ROOT)}:{node.lineno} names {node.value!r} outside "
                                     "t(lang, family, count=…)")
    return used, wrong


def test_a_plural_text_is_always_asked_for_with_its_count() -> None:
    used, wrong = _plural_uses()
    assert not wrong, wrong
    # every family is used, so the scan found the calls (an empty result is not silently a pass)
    assert used == PLURALS, f"plural families no code asks for: {sorted(PLURALS - used)}"


# --- plural texts in messages (features without a tests/bot folder of their own) ---------------------------


@pytest.mark.parametrize(("lang", "every", "text"), [
    ("en", 1, "The pulse goes out every week; next "), ("en", 2, "The pulse goes out every 2 weeks; next "),
    ("es", 1, "El pulso sale cada semana; el próximo "), ("es", 2, "El pulso sale cada 2 semanas; el próximo "),
])
def test_the_pulse_rhythm_reads_right(lang: str, every: int, text: str) -> None:
    from datetime import UTC, datetime

    from bot.pulse import views as pulse_views

    msg = pulse_views.configured(lang, every, datetime(2026, 12, 1, 10, tzinfo=UTC), "UTC")  # type: ignore[arg-type]
    assert msg.text.startswith(text)


@pytest.mark.parametrize(("lang", "asked", "created", "text"), [
    ("en", 0, True, "Pulse round 2 is out: 0 people asked."),
    ("en", 1, True, "Pulse round 2 is out: 1 person asked."),
    ("en", 2, False, "Pulse round 2 was already out to 2 people."),
    ("en", 1, False, "Pulse round 2 was already out to 1 person."),
    ("es", 0, True, "Salió la ronda 2 del pulso: se preguntó a 0 personas."),
    ("es", 1, True, "Salió la ronda 2 del pulso: se preguntó a 1 persona."),
    ("es", 2, False, "La ronda 2 del pulso ya había salido a 2 personas."),
    ("es", 1, False, "La ronda 2 del pulso ya había salido a 1 persona."),
])
def test_a_pulse_round_counts_the_people_asked(lang: str, asked: int, created: bool, text: str) -> None:
    from bot.pulse import views as pulse_views

    assert pulse_views.started(lang, 2, asked, created).text == text  # type: ignore[arg-type]


@pytest.mark.parametrize(("lang", "hidden", "text"), [
    ("en", 1, "…and 1 more: `/ask list mine` shows them all."),
    ("en", 2, "…and 2 more: `/ask list mine` shows them all."),
    ("es", 1, "…y 1 más: `/ask list mine` muestra la lista completa."),
    ("es", 2, "…y 2 más: `/ask list mine` muestra la lista completa."),
])
def test_home_says_how_many_more_there_are(lang: str, hidden: int, text: str) -> None:
    from bot.home import views as home_views

    assert home_views._more(lang, 0, "/ask list mine") == []  # type: ignore[arg-type]  # nothing hidden: no line
    [line] = home_views._more(lang, hidden, "/ask list mine")  # type: ignore[arg-type]
    assert line["elements"][0]["text"] == text
