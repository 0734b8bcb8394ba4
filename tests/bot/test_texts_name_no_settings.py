"""What people read never names an environment variable: who may do something, or how to fix a channel, reads as
"ask a workspace admin", in both languages."""

from __future__ import annotations

import re

import pytest

from bot.i18n import CATALOGS

SETTING = re.compile(r"\b(?:ALINEA|SLACK|DATABASE)_[A-Z_]+|\bPORT\b|\.env\b")


@pytest.mark.parametrize("lang", sorted(CATALOGS))
def test_no_text_cites_an_environment_variable(lang: str) -> None:
    cited = {key: text for key, text in CATALOGS[lang].items() if SETTING.search(text)}
    assert cited == {}


@pytest.mark.parametrize(("lang", "ask"), [("en", "Ask a workspace admin"), ("es", "Pídeselo a un administrador")])
def test_the_admins_only_refusal_says_whom_to_ask(lang: str, ask: str) -> None:
    assert ask in CATALOGS[lang]["error.admins_only"]
    assert "workspace admin" in CATALOGS["en"]["error.removed_by_admin"]
