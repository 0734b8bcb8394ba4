"""Textos en español, un módulo por función; las claves no se repiten entre módulos (una prueba lo verifica)."""

from bot.locales.es import (
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
