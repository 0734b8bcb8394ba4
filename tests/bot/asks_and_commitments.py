"""What the tests of the /ask and /commit grammars share: the day they are typed on, texts made of the words of
both grammars, and title words that stay title words unquoted."""

from __future__ import annotations

import string
from datetime import date

from hypothesis import strategies as st

from bot.asks.parsing import ASK_SUBCOMMANDS
from bot.commitments.parsing import COMMIT_SUBCOMMANDS
from bot.lexer import english_key
from tests import strategies

TODAY = date(2026, 11, 25)  # a Wednesday
FRIDAY = date(2026, 11, 27)

VOCABULARY = [
    "help", "ayuda", *ASK_SUBCOMMANDS, *COMMIT_SUBCOMMANDS, "open", "mine", "overdue", "all", "side", "todas",
    "A-12", "a-12", "A12", "A-0", "A-1234567890", "C-7", "c7", "C-0",
    "to:", "to:it", "TO:mkt", "to:sales", "due:", "due:fri", "due:mañana", "due:2020-01-01", "due:2026-02-30",
    "due:+3650d", "due:+9999999999999d", "for:", "for:A-1", "for:C-1", "!high", "!", "!x", "!!!", "#kpi", "#",
    "#x", "<#C1|kpi>", "<#C1|general>", "<#C1>", "<@U1>", "<@U123|a b>", "<@W9AB>", "<@u1>", "<@U1", "<!here>",
    "http://x", "10:30", ":", "a:b",
    *strategies.QUOTES, '"quoted to:it phrase"', *strategies.ODD_WORDS,
]
any_text = strategies.any_text(VOCABULARY)

RESERVED_FIRST_WORDS = {*ASK_SUBCOMMANDS, "help", "ayuda"}
PLAIN_ALPHABET = string.ascii_letters + string.digits + ".,-?'/()&:!#@¿¡áéíóúñÁÉÑü"


def _plain_title_word(word: str) -> bool:
    """Words that stay title words unquoted: not a subcommand, not shaped like an option."""
    if word.lower() in RESERVED_FIRST_WORDS or (len(word) > 1 and word[0] in "!#"):
        return False
    key, colon, value = word.partition(":")  # a `key:value` is an option, or refused as an unknown one
    return not (colon and key.isalpha() and (value or english_key(word) in {"to:", "due:", "for:"}))


plain_words = st.text(alphabet=PLAIN_ALPHABET, min_size=1, max_size=12).filter(_plain_title_word)
