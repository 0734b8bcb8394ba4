"""Domain errors. Each carries a translation key and its parameters; one handler turns them into
ephemeral replies (handlers/errors.py)."""

from __future__ import annotations

from typing import Any


class MessageKey(str):
    """An error parameter that is itself a message key, shown translated (e.g. `kpi.owner.shared`)."""


class DomainError(Exception):
    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class InvalidInput(DomainError):
    """The user typed something malformed; the message shows the right form."""


class NotAllowed(DomainError):
    """The user may not do this; the message says who may."""


class NotFound(DomainError):
    """The thing named does not exist in this workspace."""


class Conflict(DomainError):
    """Someone else changed the thing first (two people pressed Accept at once); the message says who."""
