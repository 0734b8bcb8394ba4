"""The settings modal and summary are Block Kit Slack takes, in both languages, also for an org-wide install (whose
form has each side's own channel)."""

from __future__ import annotations

from datetime import time

import pytest

from bot.simulator.fake_slack import MESSAGE_BLOCK_LIMIT, block_errors, view_errors
from bot.workspace import views
from bot.workspace.models import PlannedRhythm, SettingsShown, WorkspaceSettings

SHOWN = SettingsShown(
    workspace=WorkspaceSettings(channel="CCOLLAB", marketing_channel="CMKT", it_channel=None,
                                timezone="America/Mexico_City", language="es", reminder_time=time(8, 30)),
    digest=PlannedRhythm(weekday=0, at=time(9, 0), timezone="UTC"),
    pulse=PlannedRhythm(weekday=2, at=time(10, 0), every_weeks=4, timezone="Europe/Madrid"),
)


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("org_wide", [False, True])
def test_the_modal_and_the_summary_are_valid_block_kit(lang: str, org_wide: bool) -> None:
    shown = SHOWN.model_copy(update={"org_wide": org_wide})
    modal = views.settings_modal(lang, shown)  # type: ignore[arg-type]
    assert view_errors(modal) == []
    ids = [block.get("block_id") for block in modal["blocks"]]
    assert ("marketing_channel" in ids and "it_channel" in ids) is org_wide
    summary = views.summary(lang, shown).as_kwargs()  # type: ignore[arg-type]
    assert block_errors(summary["blocks"], MESSAGE_BLOCK_LIMIT) == []
    assert ("<#CMKT>" in str(summary["blocks"])) is org_wide
