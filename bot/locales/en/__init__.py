"""English texts, one module per feature; keys never repeat across modules (a test checks)."""

from bot.locales.en import (
    asks,
    commitments,
    core,
    digest,
    home,
    kpis,
    numbers,
    pulse,
    shadowing,
    syncs,
    trend,
    typed,
    workspace,
)

MODULES = (core, asks, commitments, kpis, syncs, shadowing, pulse, home, digest, trend, typed, numbers, workspace)
CATALOG: dict[str, str] = {key: text for module in MODULES for key, text in module.CATALOG.items()}
