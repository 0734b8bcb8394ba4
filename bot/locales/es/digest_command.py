"""El comando /digest."""

CATALOG: dict[str, str] = {
    "digest_cmd.subscribed": "Recibirás el resumen semanal por mensaje directo. `/digest preview` lo muestra ya.",
    "digest_cmd.unsubscribed": "Ya no recibirás el resumen semanal.",
    "digest_cmd.configured": "El resumen sale cada semana; el próximo {next}, por mensaje directo a los suscritos y {where}.",
    "digest_cmd.dm_only": "a ningún canal",
    "error.digest_leaders_only": "Solo líderes y administradores pueden suscribirse al resumen.",
}
