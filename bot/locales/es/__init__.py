"""Textos en español, un módulo por función; las claves no se repiten entre módulos (una prueba lo verifica)."""

from bot.locales.es import (
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
