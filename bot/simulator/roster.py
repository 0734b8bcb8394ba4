"""The console's pretend people and named channels, where its clock stands and the last messages in its channels and
DMs, kept in a small JSON file beside the store (`alinea.db` → `alinea.console.json`; for a store that is no SQLite
file, `alinea.console.json` in the current folder), so that a console started again on the same database knows its
people and can still press the buttons of those messages."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

SUFFIX = ".console.json"


@dataclass
class Person:
    id: str
    name: str
    locale: str
    tz: str
    is_admin: bool = False
    is_owner: bool = False


@dataclass
class Roster:
    """What the console keeps between runs. `path` None: nothing is kept (an in-memory store)."""

    path: Path | None
    people: dict[str, Person]  # by ID, in the order they came
    channels: dict[str, str]  # name → ID
    clock: datetime | None = None  # where the last console left the clock
    messages: list[dict[str, Any]] = field(default_factory=list)  # the newest ones, as `Screen.kept` gives them

    @classmethod
    def beside(cls, database_url: str) -> Roster:
        """The roster kept beside the store at `database_url`, as the last console left it (empty the first time)."""
        roster = cls(_path_beside(database_url), {}, {})
        if roster.path is None or not roster.path.exists():
            return roster
        try:
            kept = json.loads(roster.path.read_text(encoding="utf-8"))
            roster.people = {p["id"]: Person(**p) for p in kept.get("people", [])}
            roster.channels = dict(kept.get("channels", {}))
            roster.clock = datetime.fromisoformat(kept["clock"]) if kept.get("clock") else None
            roster.messages = list(kept.get("messages", []))
        except (OSError, ValueError, TypeError, KeyError) as exc:
            log.warning("could not read %s (%s); starting with nobody", roster.path, exc)
        return roster

    def keep(self, person: Person) -> None:
        self.people[person.id] = person
        self.save()

    def save(self) -> None:
        if self.path is None:
            return
        kept: dict[str, Any] = {"people": [asdict(p) for p in self.people.values()], "channels": self.channels,
                                "clock": self.clock.isoformat() if self.clock else None, "messages": self.messages}
        try:
            self.path.write_text(json.dumps(kept, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        except OSError as exc:
            log.warning("could not keep the console's people in %s: %s", self.path, exc)


def _path_beside(database_url: str) -> Path | None:
    scheme, _, rest = database_url.partition("://")
    if not scheme.startswith("sqlite"):
        return Path("alinea" + SUFFIX)
    path = rest.removeprefix("/").split("?")[0]  # sqlite:///relative.db, sqlite:////absolute.db
    if not path or path == ":memory:" or path.startswith("file:"):
        return None
    return Path(path).with_suffix(SUFFIX)
