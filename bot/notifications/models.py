"""The kinds of DMs about changes a person can turn off, and the words `/alinea notify` reads for them."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel


class NoticeKind(StrEnum):
    """What a DM about a change is about, for the person it goes to. Every kind is on until they turn it off."""

    ASKS = "asks"  # the asks they requested: accepted, declined, done, reopened
    OWNED = "owned"  # asks and commitments they own: named owner, taken over, cancelled, reopened
    SYNC = "sync"  # commitments from a sync's outcome: given to them, or recorded by them and cancelled
    TEAM = "team"  # their place on a side: an admin put them on one, or changed their side or role
    KPIS = "kpis"  # for leaders: the KPIs of their side whose value is due and missing


# The words for each kind, in English and Spanish (read case-insensitively).
KIND_WORDS: dict[str, NoticeKind] = {
    "asks": NoticeKind.ASKS,
    "ask": NoticeKind.ASKS,
    "solicitudes": NoticeKind.ASKS,
    "solicitud": NoticeKind.ASKS,
    "owned": NoticeKind.OWNED,
    "own": NoticeKind.OWNED,
    "asignadas": NoticeKind.OWNED,
    "asignados": NoticeKind.OWNED,
    "asignada": NoticeKind.OWNED,
    "asignado": NoticeKind.OWNED,
    "sync": NoticeKind.SYNC,
    "syncs": NoticeKind.SYNC,
    "reuniones": NoticeKind.SYNC,
    "reunion": NoticeKind.SYNC,
    "reunión": NoticeKind.SYNC,
    "team": NoticeKind.TEAM,
    "equipo": NoticeKind.TEAM,
    "kpis": NoticeKind.KPIS,
    "kpi": NoticeKind.KPIS,
}
ALL_WORDS = frozenset({"all", "todo", "todos", "todas"})
ON_WORDS = frozenset({"on", "activar", "activa", "si", "sí", "encender"})
OFF_WORDS = frozenset({"off", "desactivar", "desactiva", "no", "apagar"})


class NoticeChoices(BaseModel):
    """Each kind, on or off, for one person."""

    on: dict[NoticeKind, bool]

    def wants(self, kind: NoticeKind) -> bool:
        return self.on.get(kind, True)
