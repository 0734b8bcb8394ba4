"""Hypothesis settings and strategies shared by the property tests of the command grammars: texts made of a
grammar's own words mixed with hostile ones, the days a command may be typed on, and due words."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st


def property_settings(max_examples: int = 300) -> settings:
    return settings(max_examples=max_examples, deadline=None, suppress_health_check=[HealthCheck.too_slow])


PROPERTY_SETTINGS = property_settings()

# Words no grammar takes that every parser must survive: quotes of every kind, format fields, control and odd
# characters, one long word. A grammar's vocabulary puts a quoted phrase of its own between the two lists.
QUOTES = ['"', "“", "”", "„", "«", "»", "'", "’", '""']
ODD_WORDS = [
    "{", "}", "{word}", "{0}", "%s", "`",
    "\x00", "\x1b[31m", "\u200b", "\r\n", "\t", "\x1f", "\x1c", "\x85", "\ufeff", "é", "İ", "🙂", "x" * 300,
]
separators = st.sampled_from([" ", "  ", "\t", "\n", "", "\u00a0", "\u3000"])
huge_texts = st.text(min_size=5_000, max_size=20_000)
# The days a command may be typed on, in this century and the next.
todays = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


def cases(word: str) -> st.SearchStrategy[str]:
    return st.sampled_from([word, word.lower(), word.upper(), word.capitalize()])


def words(vocabulary: list[str]) -> st.SearchStrategy[str]:
    """A word of the vocabulary, or any short text."""
    return st.sampled_from(vocabulary) | st.text(max_size=12)


def word_texts(vocabulary: list[str], max_words: int = 12, head: str = "") -> st.SearchStrategy[str]:
    """Up to `max_words` words, each followed by a separator (or none), after `head`."""
    return st.lists(st.tuples(words(vocabulary), separators), max_size=max_words).map(
        lambda pairs: head + "".join(word + sep for word, sep in pairs)
    )


def long_texts(vocabulary: list[str], heads: list[str] | None = None) -> st.SearchStrategy[str]:
    """One word of the vocabulary over and over and a short tail, at most 20,000 characters; after one of
    `heads` and a blank, when given."""
    repeated = st.builds(
        lambda word, n, tail: (word + " ") * n + tail,
        st.sampled_from(vocabulary),
        st.integers(min_value=1, max_value=10_000),
        st.text(max_size=20),
    )
    if heads is None:
        return repeated.map(lambda text: text[:20_000])
    return st.builds(lambda head, text: (head + " " + text)[:20_000], st.sampled_from(heads), repeated)


def control_texts(vocabulary: list[str]) -> st.SearchStrategy[str]:
    """Control characters mixed with words of the vocabulary."""
    return st.lists(st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=3) | words(vocabulary),
                    max_size=20).map("".join)


def any_text(vocabulary: list[str], control: bool = False) -> st.SearchStrategy[str]:
    """Any text, texts of the vocabulary's words, very long texts (and texts with control characters, if
    `control`)."""
    mixed = [control_texts(vocabulary)] if control else []
    return st.one_of(st.text(), word_texts(vocabulary), long_texts(vocabulary), *mixed, huge_texts)


@st.composite
def due_words(draw: st.DrawFn, today: date) -> tuple[str, date]:
    """A due word, written any way the grammar allows, and the date it means (at most five years ahead)."""
    form = draw(st.sampled_from(["iso", "days", "weeks", "weekday", "named"]))
    if form == "iso":
        day = today + timedelta(days=draw(st.integers(0, 5 * 365)))
        return day.isoformat(), day
    if form == "days":
        count = draw(st.integers(0, 5 * 365))
        return draw(cases(f"+{count}d")), today + timedelta(days=count)
    if form == "weeks":
        count = draw(st.integers(0, 5 * 52))
        return draw(cases(f"+{count}w")), today + timedelta(weeks=count)
    if form == "weekday":
        names = [("mon", "lunes"), ("tue", "martes"), ("wed", "miércoles"), ("thu", "jueves"), ("fri", "viernes"),
                 ("sat", "sábado"), ("sun", "domingo")]
        weekday = draw(st.integers(0, 6))
        word = draw(st.sampled_from(names[weekday]))
        return draw(cases(word)), today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
    word, days = draw(st.sampled_from([("today", 0), ("hoy", 0), ("tomorrow", 1), ("mañana", 1), ("manana", 1)]))
    return draw(cases(word)), today + timedelta(days=days)
