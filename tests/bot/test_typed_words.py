"""What people type, in English and Spanish: every option key of every command and its Spanish twin, every category
and its Spanish name, a `word:value` no command knows, and dates the reader's way (day and month in their order,
month names, `next friday`, `fin de mes`), over several words of a command. Pure and total on any text."""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

import bot
from bot.asks.models import SPANISH_CATEGORIES, Category, NewAsk, Priority
from bot.asks.parsing import parse_ask
from bot.commitments.parsing import parse_commit
from bot.dates import date_examples, latest_due, parse_date, read_due
from bot.digest.parsing import parse_digest
from bot.errors import ParseError
from bot.i18n import t
from bot.kpis.parsing import log_date_examples, parse_kpi, parse_past_date
from bot.lexer import OPTION_KEYS, Phrase, Word, command_words, folded, option_in, take_options, words
from bot.reading import Reading
from bot.shadowing.parsing import parse_shadow
from bot.syncs.parsing import parse_sync
from bot.teams.parsing import parse_alinea
from tests.helpers import assert_parse_error, assert_showable
from tests.strategies import ODD_WORDS, PROPERTY_SETTINGS, QUOTES, any_text, todays

TODAY = date(2026, 11, 25)  # a Wednesday
FRIDAY = date(2026, 11, 27)
SPANISH = Reading(today=TODAY, language="es", locale="es-ES")
LATIN = Reading(today=TODAY, language="es", locale="es-LA")
US = Reading(today=TODAY, language="en", locale="en-US")
UK = Reading(today=TODAY, language="en", locale="en-GB")
READERS = [SPANISH, LATIN, US, UK, Reading(today=TODAY)]


# --- every option key and its Spanish twin ----------------------------------------------------------------------


def _reader_dicts() -> dict[tuple[str, str], object]:
    """(module, key) for every option key a grammar's readers read, found in the grammars themselves: every dict of
    readers (callables by keys, some ending with a colon) in `bot.*.parsing` and `bot.recurrence`."""
    names = ["bot.recurrence", *(f"bot.{info.name}.parsing" for info in pkgutil.iter_modules(bot.__path__)
                                 if info.ispkg and importlib.util.find_spec(f"bot.{info.name}.parsing"))]
    found: dict[tuple[str, str], object] = {}
    for name in names:
        for value in vars(importlib.import_module(name)).values():
            if (isinstance(value, dict) and value and all(isinstance(key, str) for key in value)
                    and any(key.endswith(":") for key in value) and all(callable(v) for v in value.values())):
                found |= {(name, key): reader for key, reader in value.items() if key.endswith(":")}
    return found


def ask(text: str) -> object:
    return parse_ask(text, SPANISH)


def commit(text: str) -> object:
    return parse_commit(text, SPANISH)


def kpi(text: str) -> object:
    return parse_kpi(text, SPANISH)


def shadow(text: str) -> object:
    return parse_shadow(text, SPANISH)


Parser = Callable[[str], object]
# For each grammar and English key, commands that give it (`{key}` is where the key goes).
KEY_EXAMPLES: dict[tuple[str, str], list[tuple[Parser, str]]] = {
    ("bot.asks.parsing", "to:"): [(ask, "Página de aterrizaje {key}ti !alta"), (ask, "list {key}mkt")],
    ("bot.asks.parsing", "due:"): [(ask, "Página de aterrizaje {key}viernes"), (ask, "accept A-3 {key}31/12"),
                                   (ask, "Informe {key}próximo viernes #kpi")],
    ("bot.commitments.parsing", "due:"): [(commit, "Enviar el informe {key}fin de mes")],
    ("bot.commitments.parsing", "for:"): [(commit, "Enviar el informe due:vie {key}A-12")],
    ("bot.kpis.parsing", "target:"): [(kpi, 'define mql "MQLs" {key}300')],
    ("bot.kpis.parsing", "unit:"): [(kpi, 'define mql "MQLs" target:300 {key}leads')],
    ("bot.kpis.parsing", "direction:"): [(kpi, 'define mql "MQLs" target:300 {key}baja')],
    ("bot.kpis.parsing", "owner:"): [(kpi, 'define mql "MQLs" target:300 {key}compartido')],
    ("bot.kpis.parsing", "cadence:"): [(kpi, 'define mql "MQLs" target:300 {key}mensual')],
    ("bot.kpis.parsing", "date:"): [(kpi, "log mql 5 {key}ayer nota"), (kpi, "log mql 5 {key}20/11"),
                                    (kpi, "log mql 5 {key}5 de noviembre")],
    ("bot.shadowing.parsing", "until:"): [(shadow, "pause {key}5 dic")],
    ("bot.shadowing.parsing", "followup:"): [(shadow, "config every:2w on:lun at:10:00 {key}5d")],
    ("bot.recurrence", "every:"): [(shadow, "config {key}2w on:lun at:10:00"),
                                   (parse_alinea, "pulse config {key}2w on:mar at:11:00")],
    ("bot.recurrence", "on:"): [(shadow, "config every:2w {key}lun at:10:00"),
                                (parse_alinea, "pulse config every:2w {key}mar at:11:00")],
    ("bot.recurrence", "at:"): [(shadow, "config every:2w on:lun {key}10:00"),
                                (parse_alinea, "pulse config every:2w on:mar {key}11:00")],
    ("bot.syncs.parsing", "every:"): [(parse_sync, 'schedule "Sync" lun 10:00 {key}2w with <@U1>')],
    ("bot.syncs.parsing", "tz:"): [(parse_sync, 'schedule "Sync" lun 10:00 {key}America/Bogota with <@U1>')],
    ("bot.syncs.parsing", "in:"): [(parse_sync, 'schedule "Sync" lun 10:00 with <@U1> {key}<#C1|direccion>'),
                                   (parse_sync, 'schedule "Sync" lun 10:00 with <@U1> {key} <#C1|direccion>')],
    ("bot.syncs.parsing", "remind:"): [(parse_sync, 'schedule "Sync" lun 10:00 with <@U1> {key}2h')],
    ("bot.digest.parsing", "tz:"): [(parse_digest, "config vie 09:00 {key}UTC")],
    ("bot.digest.parsing", "in:"): [(parse_digest, "config vie 09:00 {key}<#C1|direccion>")],
}


def test_every_option_key_of_every_grammar_has_a_spanish_twin_and_an_example_here() -> None:
    """A key added to a grammar fails here until it has a Spanish twin in `OPTION_KEYS` and an example above."""
    found = _reader_dicts()
    assert set(found) == set(KEY_EXAMPLES)
    assert {key for _, key in found} == set(OPTION_KEYS)
    assert all(OPTION_KEYS[key] for key in OPTION_KEYS)


def test_spanish_twins_name_no_other_key() -> None:
    typed = [folded(word) for key, twins in OPTION_KEYS.items() for word in (key, *twins)]
    assert len(typed) == len(set(typed))


def _twins(key: str) -> list[str]:
    """Each Spanish twin as the texts show it, without accents, in capitals and capitalised."""
    return sorted({form for twin in OPTION_KEYS[key] for form in (twin, folded(twin), twin.upper(), twin.capitalize())})


@pytest.mark.parametrize(
    ("parser", "template", "key"),
    [(parser, template, key) for (_, key), examples in KEY_EXAMPLES.items() for parser, template in examples],
)
def test_a_spanish_key_gives_the_same_command_as_the_english_one(parser: Parser, template: str, key: str) -> None:
    english = parser(template.format(key=key))
    assert not isinstance(english, ParseError), english.params if isinstance(english, ParseError) else english
    for twin in _twins(key):
        assert parser(template.format(key=twin)) == english, twin


@pytest.mark.parametrize(("typed", "english"), [("Dueño:", "owner:"), ("DUENO:", "owner:"), ("dirección:", "direction:"),
                                                ("direccion:", "direction:"), ("Vence:", "due:"), ("HORA:", "at:"),
                                                ("Due:", "due:")])
def test_keys_read_without_case_or_accents(typed: str, english: str) -> None:
    assert option_in(f"{typed}x") == (english, "x")
    decomposed = typed.replace("ñ", "n\u0303").replace("ó", "o\u0301")
    assert option_in(f"{decomposed}x") == (english, "x")


@pytest.mark.parametrize(
    ("spanish", "english"),
    [("direction:sube", "direction:up"), ("dirección:baja", "direction:down"), ("dueño:ti", "owner:it"),
     ("dueño:mercadotecnia", "owner:marketing"), ("dueño:compartido", "owner:shared"),
     ("frecuencia:semanal", "cadence:weekly"), ("frecuencia:mensual", "cadence:monthly")],
)
def test_option_values_in_spanish(spanish: str, english: str) -> None:
    assert kpi(f'define mql "MQLs" target:300 {spanish}') == kpi(f'define mql "MQLs" target:300 {english}')


def test_spanish_keys_work_for_an_english_reader_and_english_keys_for_a_spanish_one() -> None:
    assert parse_ask("Landing vence:fri", US) == parse_ask("Landing due:fri", SPANISH) == NewAsk(title="Landing",
                                                                                                  due=FRIDAY)


# --- categories ----------------------------------------------------------------------------------------------


def test_every_category_has_a_spanish_name() -> None:
    assert set(SPANISH_CATEGORIES) == set(Category)


@pytest.mark.parametrize("category", list(Category))
def test_a_spanish_category_gives_the_same_ask_as_the_english_one(category: Category) -> None:
    english = ask(f"Landing #{category.value}")
    assert english == NewAsk(title="Landing", category=category)
    name = SPANISH_CATEGORIES[category]
    for typed in {name, folded(name), name.upper(), name.capitalize()}:
        assert ask(f"Landing #{typed}") == english, typed
        assert ask(f"Landing <#C0123|{typed}>") == english, typed


def test_an_unknown_category_lists_them_in_the_readers_language() -> None:
    spanish = parse_ask("Landing #ventas", SPANISH)
    assert isinstance(spanish, ParseError) and "#móvil" in spanish.params["categories"]
    english = parse_ask("Landing #ventas", US)
    assert isinstance(english, ParseError) and "#mobile" in english.params["categories"]
    assert_showable(spanish, "usage.ask")


# --- a `word:value` no command knows --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("parser", "text", "word"),
    [(ask, "Página clave:valor", "clave:valor"), (ask, "Fix for:A-12", "for:A-12"),
     (commit, "Enviar informe vence:vie pra:A-1", "pra:A-1"), (kpi, 'define mql "MQLs" target:3 objetivoo:4', "objetivoo:4"),
     (kpi, "log mql 5 fehca:ayer", "fehca:ayer"), (shadow, "pause hasta:vie nota:x", "nota:x"),
     (shadow, "config every:2w on:lun at:10:00 cada2:x", None), (ask, "list para:ti clave:x", "clave:x"),
     (ask, "accept A-1 clave:x", "clave:x")],
)
def test_an_unknown_option_is_refused_with_the_keys_the_command_knows(parser: Parser, text: str,
                                                                      word: str | None) -> None:
    result = parser(text)
    assert isinstance(result, ParseError)
    if word is None:  # not a key of letters: just a word this command does not take
        assert result.key == "error.unexpected_word"
        return
    assert result.key == "error.unknown_option" and result.params["word"] == word
    assert_showable(result)


def test_the_hint_names_the_keys_in_the_readers_language_and_says_how_to_keep_the_word() -> None:
    spanish = parse_ask("Página clave:valor", SPANISH)
    assert_parse_error(spanish, "error.unknown_option", "usage.ask", word="clave:valor",
                       options="`para:` (`to:`), `vence:` (`due:`)")
    english = parse_ask("Page key:value", US)
    assert_parse_error(english, "error.unknown_option", "usage.ask", word="key:value", options="`to:`, `due:`")
    assert '"key:value"' in t("en", english.key, **{k: v for k, v in english.params.items() if k != "usage"})
    assert "comillas" in t("es", spanish.key, **{k: v for k, v in spanish.params.items() if k != "usage"})


@pytest.mark.parametrize(
    "word",
    ["https://example.com/a?b=c", "http://x.io", "mailto:ana@example.com", "tel:+34600000000", "10:30", "9:30am",
     "Re:", "Nota:", ":", ":fire:", "<https://x.io|x>", "1:2", "Q4:x"],
)
def test_links_times_and_words_ending_in_a_colon_stay_in_the_title(word: str) -> None:
    assert ask(f"Revisar {word} hoy") == NewAsk(title=f"Revisar {word} hoy")


def test_a_quoted_phrase_keeps_any_key_value_in_the_title() -> None:
    assert ask('Revisar "clave:valor" "vence:vie" vence:vie') == NewAsk(title="Revisar clave:valor vence:vie",
                                                                       due=FRIDAY)


def test_free_form_texts_that_take_no_options_keep_every_word() -> None:
    """A decline reason, a done or reopen note and a sync topic are the rest of the text as typed: no option is
    read there, so a `word:value` is no mistyped option."""
    assert ask("decline A-1 motivo:presupuesto").reason == "motivo:presupuesto"  # type: ignore[union-attr]
    assert ask("done A-1 ver:https://x").note == "ver:https://x"  # type: ignore[union-attr]
    assert parse_sync("topic S-3 tema:presupuesto").text == "tema:presupuesto"  # type: ignore[union-attr]


# --- dates the reader's way -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "expected"),
    [("31/12", date(2026, 12, 31)), ("31/12/2027", date(2027, 12, 31)), ("31/12/27", date(2027, 12, 31)),
     ("5 dic", date(2026, 12, 5)), ("dec 5", date(2026, 12, 5)), ("5 de diciembre", date(2026, 12, 5)),
     ("December 5", date(2026, 12, 5)), ("december 5th", date(2026, 12, 5)), ("5 diciembre 2027", date(2027, 12, 5)),
     ("5 de diciembre de 2027", date(2027, 12, 5)), ("December 5, 2027", date(2027, 12, 5)),
     ("dic. 5", date(2026, 12, 5)), ("el 5 de diciembre", date(2026, 12, 5)), ("5 ENE", date(2027, 1, 5)),
     ("next friday", FRIDAY), ("próximo viernes", FRIDAY), ("proximo viernes", FRIDAY), ("el viernes", FRIDAY),
     ("this friday", FRIDAY), ("el próximo viernes", FRIDAY), ("Próximo Miércoles", date(2026, 12, 2)),
     ("end of month", date(2026, 11, 30)), ("fin de mes", date(2026, 11, 30)), ("fin del mes", date(2026, 11, 30)),
     ("in 3 days", date(2026, 11, 28)), ("en 3 días", date(2026, 11, 28)), ("en 3 dias", date(2026, 11, 28)),
     ("in 1 day", date(2026, 11, 26)), ("in 2 weeks", date(2026, 12, 9)), ("en 2 semanas", date(2026, 12, 9)),
     ("25/11", TODAY), ("24/11", date(2027, 11, 24)), ("29/2", date(2028, 2, 29)),
     # what was read before stays as it was
     ("2026-12-01", date(2026, 12, 1)), ("today", TODAY), ("hoy", TODAY), ("mañana", date(2026, 11, 26)),
     ("fri", FRIDAY), ("viernes", FRIDAY), ("+3d", date(2026, 11, 28)), ("+2w", date(2026, 12, 9))],
)
def test_dates_people_type(word: str, expected: date) -> None:
    for reading in READERS:
        assert parse_date(word, reading) == expected, reading


@pytest.mark.parametrize(
    ("word", "month_first", "day_first"),
    [("3/4", date(2027, 3, 4), date(2027, 4, 3)), ("12/1", date(2026, 12, 1), date(2027, 1, 12)),
     ("4/3/2027", date(2027, 4, 3), date(2027, 3, 4)), ("5/5", date(2027, 5, 5), date(2027, 5, 5)),
     ("12/31", date(2026, 12, 31), date(2026, 12, 31)), ("31/12", date(2026, 12, 31), date(2026, 12, 31))],
)
def test_day_and_month_follow_the_readers_order_when_both_could_be_either(word: str, month_first: date,
                                                                          day_first: date) -> None:
    assert parse_date(word, US) == parse_date(word, Reading(today=TODAY)) == month_first
    for reading in (SPANISH, LATIN, UK):
        assert parse_date(word, reading) == day_first


@pytest.mark.parametrize("word", ["31/2", "13/13", "0/5", "5/0", "32 dic", "dic 32", "29/02/2027", "31/4/2027",
                                  "5 dic 27", "next", "next month", "in 3 months", "fin", "A-12", "S-3", "a-12",
                                  "dec-5", "5", "2027", "pasado mañana", "next 5 dic"])
def test_what_is_no_date(word: str) -> None:
    for reading in READERS:
        assert parse_date(word, reading) is None


def test_a_day_without_its_year_looks_back_for_a_logged_value() -> None:
    assert parse_past_date("20/11", SPANISH) == date(2026, 11, 20)
    assert parse_past_date("5 dic", SPANISH) == date(2025, 12, 5)
    assert parse_past_date("25/11", SPANISH) == TODAY
    assert parse_past_date("ayer", SPANISH) == date(2026, 11, 24)
    assert parse_past_date("fri", SPANISH) == FRIDAY  # a weekday still looks ahead, as the range error says


@pytest.mark.parametrize("reading", READERS)
def test_date_hints_are_in_the_readers_language_and_from_their_today(reading: Reading) -> None:
    error = read_due("someday", reading, "usage.ask")
    assert isinstance(error, ParseError)
    examples = error.params["examples"]
    assert examples == date_examples(reading)
    assert (TODAY + timedelta(days=7)).isoformat() in examples and "2026-12-01" not in examples
    if reading.language == "es":
        assert "mañana" in examples and "próximo viernes" in examples and "31/12" in examples and "5 dic" in examples
        assert "tomorrow" not in examples and "fri," not in examples
    else:
        assert "tomorrow" in examples and "next friday" in examples and "dec 5" in examples
        assert ("12/31" if reading.month_first else "31/12") in examples


@PROPERTY_SETTINGS
@given(todays, st.sampled_from(READERS))
def test_every_date_hint_example_is_a_date_the_command_takes(today: date, reader: Reading) -> None:
    reading = reader.model_copy(update={"today": today})
    for example in date_examples(reading).split(", "):
        due = read_due(example, reading, "usage.ask")
        assert isinstance(due, date) and today <= due <= latest_due(today), example
    for example in log_date_examples(reading).split(", "):
        logged = parse_past_date(example, reading)
        assert logged is not None and logged <= today, example


# --- several words of a command ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "title", "due"),
    [("Fix due:fri login", "Fix login", FRIDAY), ("Fix vence:próximo viernes login", "Fix login", FRIDAY),
     ("Fix due:next friday", "Fix", FRIDAY), ("Fix vence:5 de diciembre de 2027 ya", "Fix ya", date(2027, 12, 5)),
     ("Fix due:dec 5 login page", "Fix login page", date(2026, 12, 5)), ('Fix due:"next friday" now', "Fix now", FRIDAY),
     ("Fix vence:“fin de mes” ya", "Fix ya", date(2026, 11, 30)), ("Fix vence:en 3 días A-12", "Fix A-12", date(2026, 11, 28)),
     ("Fix vence:viernes 12 tickets", "Fix 12 tickets", FRIDAY), ("Fix due:fri !high", "Fix", FRIDAY),
     ('Fix due:fri "next friday"', "Fix next friday", FRIDAY), ("Fix due:31/12 2027 plan", "Fix 2027 plan",
                                                                date(2026, 12, 31))],
)
def test_a_date_option_runs_over_the_words_that_make_it_a_date(text: str, title: str, due: date) -> None:
    assert ask(text) == NewAsk(title=title, due=due, priority=Priority.HIGH if "!high" in text else Priority.NORMAL)


def test_a_phrase_that_is_no_date_reads_its_first_word_only() -> None:
    assert_parse_error(ask("Fix vence:próximo lunch"), "error.bad_date", "usage.ask", word="próximo",
                       examples=date_examples(SPANISH))


def test_a_quoted_value_right_after_a_key_is_the_keys() -> None:
    assert words('due:"next friday" x') == [Word("due:next friday", False), Word("x", False)]
    assert words('Nota:"algo"') == [Word("Nota:", False), Word("algo", True)]  # no option key: a quoted phrase
    assert words('due: "next friday"') == [Word("due:", False), Word("next friday", True)]


# --- properties ------------------------------------------------------------------------------------------------

VOCABULARY = [
    "vence:", "vence:próximo", "próximo", "viernes", "next", "friday", "due:fri", "due:dec", "5", "dic", "de",
    "diciembre", "2027", "el", "fin", "mes", "en", "3", "días", "in", "days", "31/12", "12/31", "3/4", "29/2",
    "A-12", "+2w", "+3d", "para:ti", "clave:valor", "Dueño:x", "https://x", "10:30", "a:", "hora:10:00", "#móvil",
    "!alta", "<@U1>", "due:", 'due:"next friday"', "end", "of", "month", "this", "/", "-", ",", ".", "dic.",
    *QUOTES, *ODD_WORDS,
]


@PROPERTY_SETTINGS
@given(any_text(VOCABULARY), todays, st.sampled_from(READERS), st.booleans())
def test_parse_date_is_total(text: str, today: date, reader: Reading, looking_back: bool) -> None:
    result = parse_date(text, reader.model_copy(update={"today": today}), looking_back)
    assert result is None or isinstance(result, date)


@PROPERTY_SETTINGS
@given(any_text(VOCABULARY), todays, st.sampled_from(READERS))
def test_the_lexer_and_the_grammars_are_total(text: str, today: date, reader: Reading) -> None:
    reading = reader.model_copy(update={"today": today})
    found = command_words(text)
    if found is not None:
        taken = take_options(found, {"due:": read_due, "to:": lambda value, reading, usage: value}, reading, "usage.ask")
        assert isinstance(taken, (tuple, ParseError))
    for result in (parse_ask(text, reading), parse_commit(text, reading), parse_kpi(f"log k 5 {text}", reading),
                   parse_shadow(f"pause {text}", reading)):
        if isinstance(result, ParseError):
            assert_showable(result)


@PROPERTY_SETTINGS
@given(st.lists(st.sampled_from(VOCABULARY), max_size=6), todays, st.sampled_from(READERS))
def test_an_ask_id_and_a_relative_date_keep_their_meaning(around: list[str], today: date, reader: Reading) -> None:
    reading = reader.model_copy(update={"today": today})
    assert parse_date("A-12", reading) is None and parse_date("a-12", reading) is None
    assert parse_date("+2w", reading) == today + timedelta(weeks=2)
    result = parse_commit(" ".join(["Enviar", *around, "for:A-12", "due:+2w"]), reading)
    if not isinstance(result, ParseError):
        assert (result.ask_number, result.due) == (12, today + timedelta(weeks=2))  # type: ignore[union-attr]


def test_a_phrase_reader_reads_as_its_reader() -> None:
    phrase = Phrase(lambda value, reading, usage: value.upper(), lambda text, reading: True)
    assert phrase("x", SPANISH, "usage.ask") == "X"
    assert isinstance(read_due, Phrase)
