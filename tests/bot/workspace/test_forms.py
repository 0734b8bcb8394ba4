"""Reading the settings modal (`bot.workspace.forms`): what Slack sends becomes a `SettingsChange`; anything else a
`FormError` naming its input, showable in both languages; and any state at all gives one or the other."""

from __future__ import annotations

from datetime import time
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.errors import FormError
from bot.i18n import CATALOGS
from bot.notifications.models import NoticeKind
from bot.workspace.forms import settings
from bot.workspace.models import Rhythm, SettingsChange, WorkspaceSettings
from tests.strategies import PROPERTY_SETTINGS

BLOCKS = ["channel", "timezone", "language", "reminder", "digest_day", "digest_at", "pulse_day", "pulse_at",
          "pulse_every", "notices"]


def state(**changes: Any) -> dict[str, Any]:
    """A submission as Slack sends it: every input present, the optional ones empty, with `changes` (None: empty)."""
    given = {"channel": {"type": "conversations_select", "selected_conversation": None},
             "timezone": {"type": "static_select", "selected_option": {"value": "America/Mexico_City"}},
             "language": {"type": "static_select", "selected_option": {"value": "es"}},
             "reminder": {"type": "timepicker", "selected_time": "08:30"},
             "digest_day": {"type": "static_select", "selected_option": None},
             "digest_at": {"type": "timepicker", "selected_time": None},
             "pulse_day": {"type": "static_select", "selected_option": None},
             "pulse_at": {"type": "timepicker", "selected_time": None},
             "pulse_every": {"type": "static_select", "selected_option": {"value": "1"}},
             "notices": {"type": "checkboxes", "selected_options": [{"value": kind.value} for kind in NoticeKind]}}
    for block_id, value in changes.items():
        key = next(k for k in given[block_id] if k != "type")
        given[block_id][key] = value
    return {block_id: {"value": element} for block_id, element in given.items()}


def test_a_plain_submission() -> None:
    assert settings(state()) == SettingsChange(workspace=WorkspaceSettings(
        channel=None, timezone="America/Mexico_City", language="es", reminder_time=time(8, 30)))


def test_every_input_read() -> None:
    found = settings(state(channel="CALIGN01", timezone={"value": "europe/madrid"},
                           digest_day={"value": "4"}, digest_at="16:30", pulse_day={"value": "1"}, pulse_at="11:00",
                           pulse_every={"value": "3"}, notices=[{"value": "asks"}, {"value": "owned"}]))
    assert found == SettingsChange(
        workspace=WorkspaceSettings(channel="CALIGN01", timezone="Europe/Madrid", language="es",
                                    reminder_time=time(8, 30),
                                    notices_off=frozenset({NoticeKind.SYNC, NoticeKind.TEAM, NoticeKind.KPIS})),
        digest=Rhythm(weekday=4, at=time(16, 30)), pulse=Rhythm(weekday=1, at=time(11, 0), every_weeks=3))


@pytest.mark.parametrize(("changes", "key", "field"), [
    ({"timezone": {"value": "Mars/Olympus"}}, "error.settings_timezone", "timezone"),
    ({"timezone": None}, "error.settings_timezone", "timezone"),
    ({"timezone": {"value": "A/" + "b" * 80}}, "error.settings_timezone", "timezone"),
    ({"channel": "DABC123"}, "error.settings_channel", "channel"),
    ({"channel": "C" + "A" * 40}, "error.settings_channel", "channel"),
    ({"channel": 7}, "error.settings_channel", "channel"),
    ({"language": {"value": "fr"}}, "error.settings_language", "language"),
    ({"reminder": None}, "error.settings_time", "reminder"),
    ({"reminder": "9:5"}, "error.settings_time", "reminder"),
    ({"digest_day": {"value": "4"}}, "error.settings_day_and_time", "digest_at"),
    ({"digest_at": "10:00"}, "error.settings_day_and_time", "digest_day"),
    ({"digest_day": {"value": "7"}, "digest_at": "10:00"}, "error.settings_day_and_time", "digest_day"),
    ({"pulse_day": {"value": "2"}, "pulse_at": "24:00"}, "error.settings_time", "pulse_at"),
    ({"pulse_every": {"value": "0"}}, "error.settings_every", "pulse_every"),
    ({"notices": "asks"}, "error.form_unreadable", "notices"),
])
def test_each_problem_names_its_input_and_reads_in_both_languages(changes: dict[str, Any], key: str,
                                                                   field: str) -> None:
    found = settings(state(**changes))
    assert isinstance(found, FormError) and (found.key, found.field) == (key, field)
    assert all(key in catalog for catalog in CATALOGS.values())


def test_how_often_defaults_to_every_week() -> None:
    found = settings(state(pulse_every=None, pulse_day={"value": "0"}, pulse_at="09:00"))
    assert isinstance(found, SettingsChange) and found.pulse == Rhythm(weekday=0, at=time(9, 0))


SCALARS = st.one_of(st.none(), st.integers(), st.text(max_size=20), st.booleans(),
                    st.sampled_from(["UTC", "es", "en", "09:00", "3", "CALIGN01", "asks"]))
ELEMENTS = st.one_of(SCALARS, st.dictionaries(
    st.sampled_from(["selected_option", "selected_time", "selected_conversation", "selected_options", "value"]),
    st.one_of(SCALARS, st.fixed_dictionaries({"value": SCALARS}), st.lists(st.fixed_dictionaries({"value": SCALARS}),
                                                                           max_size=3)), max_size=3))


@PROPERTY_SETTINGS
@given(st.dictionaries(st.sampled_from(BLOCKS), st.one_of(SCALARS, st.dictionaries(st.just("value"), ELEMENTS)),
                       max_size=10))
def test_any_state_gives_a_change_or_a_form_error(values: dict[str, Any]) -> None:
    assert isinstance(settings(values), SettingsChange | FormError)
