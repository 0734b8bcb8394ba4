"""Only one scheduler runs among all processes sharing a store.

The leader holds a lock that dies with its process (`storage.locks`): on PostgreSQL a standby that keeps trying
takes it over; on SQLite (one machine) a second scheduler is refused.
"""

from __future__ import annotations

from storage.locks import Lock
from storage.locks import lock_for as _lock_for

# pg_try_advisory_lock takes a 64-bit key; this one spells "alinea" in ASCII.
ADVISORY_KEY = 0x616C696E6561


def lock_for(database_url: str) -> Lock:
    return _lock_for(database_url, ADVISORY_KEY, "scheduler")
