"""Job functions are module-level and take IDs only (APScheduler stores them by reference in the database);
the dependencies they need are installed here by the process that runs the scheduler."""

from __future__ import annotations

from bot.deps import Deps

_deps: Deps | None = None


def install(deps: Deps) -> None:
    global _deps
    _deps = deps


def current() -> Deps:
    if _deps is None:
        raise RuntimeError("no dependencies installed: schedules.runtime.install(deps) runs before the scheduler")
    return _deps
