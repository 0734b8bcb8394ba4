"""English texts, one module per feature; keys never repeat across modules (a test checks)."""

from bot.locales.en import (
    asks,
    core,
    digest,
    digest_command,
    grammar,
    home,
    kpi_grammar,
    kpis,
    pulse,
    shadowing,
    sync_grammar,
    syncs,
)

MODULES = (core, asks, grammar, kpis, kpi_grammar, syncs, sync_grammar, shadowing, pulse, home, digest, digest_command)
CATALOG: dict[str, str] = {key: text for module in MODULES for key, text in module.CATALOG.items()}
