"""The cast of the digest and pulse tests. Test modules with a cast of their own define their own `team`."""

from __future__ import annotations

import pytest

from schedules import runtime
from tests.helpers import seat


@pytest.fixture
def team(workspace, people):
    """Adam (an admin) leads marketing; Lea leads IT; three members a side besides."""
    seat(workspace, people, {"adam": "marketing leader", "lea": "it leader", "m1": "marketing", "m2": "marketing",
                             "m3": "marketing", "i1": "it", "i2": "it", "i3": "it"})
    runtime.install(workspace.deps)
    return people
