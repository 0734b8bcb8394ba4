"""Rotación para acompañar el trabajo del otro lado."""

CATALOG: dict[str, str] = {
    "shadow.preference.host": "para recibir visitas",
    "shadow.preference.visitor": "para visitar",
    "shadow.preference.both": "para recibir visitas o visitar",
    "shadow.joined": "Estás en la rotación {preference}. En cada ronda recibirás un mensaje con tu pareja.",
    "shadow.left": "Saliste de la rotación. `/shadow join` te trae de vuelta.",
    "shadow.paused": "En pausa: volverás a tener pareja a partir del {day}.",
    "shadow.status.out": "No estás en la rotación. Únete con `/shadow join [host|visitor|both]`.",
    "shadow.status.in": "Estás en la rotación {preference}; hasta ahora te tocó recibir visitas {hosted} y visitar "
    "{visited}.",
    "shadow.status.times.one": "una vez",
    "shadow.status.times.other": "{count} veces",
    "shadow.status.paused": "En pausa hasta el {day}.",
    "shadow.status.current": "Ronda {round}: <@{visitor}> acompaña a <@{host}> ({status}).",
    "shadow.pair_status.assigned": "pendiente",
    "shadow.pair_status.done": "hecha",
    "shadow.pair_status.skipped": "omitida",
    "shadow.configured.one": "Rondas cada semana; la próxima {next}.",
    "shadow.configured.other": "Rondas cada {count} semanas; la próxima {next}.",
    "shadow.followup_after.one": "Las parejas sin novedades después de 1 día reciben un recordatorio.",
    "shadow.followup_after.other": "Las parejas sin novedades después de {count} días reciben un recordatorio.",
    "shadow.round.run": "Ronda {round}: {pairs}, {left}.",
    "shadow.round.already": "La ronda {round} ya estaba hecha: {pairs}, {left}.",
    "shadow.round.pairs.one": "1 pareja",
    "shadow.round.pairs.other": "{count} parejas",
    "shadow.round.left_out.one": "1 persona sin pareja (tendrá prioridad la próxima vez)",
    "shadow.round.left_out.other": "{count} personas sin pareja (tendrán prioridad la próxima vez)",
    "shadow.round.nobody_left_out": "nadie quedó sin pareja",
    "shadow.round.pair": "• <@{visitor}> acompaña a <@{host}> ({side})",
    "shadow.stats.title": "La rotación hasta ahora",
    "shadow.stats.participants": "En la rotación",
    "shadow.stats.paused": "En pausa o sin lado",
    "shadow.stats.rounds": "Rondas",
    "shadow.stats.pairs": "Parejas",
    "shadow.stats.done": "Hechas, con aprendizajes",
    "shadow.stats.skipped": "Omitidas",
    "shadow.stats.asks": "Ideas convertidas en solicitudes",
    "shadow.button.done": "Hecho: compartir aprendizajes",
    "shadow.button.skip": "Omitir esta ronda",
    "shadow.dm": "Ronda {round}: <@{visitor}> acompaña a <@{host}> en el lado de {side}. Busquen dos horas esta "
    "semana para ver trabajo real.",
    "shadow.activities_title": "Ideas para visitar {side}",
    "shadow.activities.marketing": "• Asistir a una reunión diaria de campaña o a una revisión creativa\n"
    "• Ver cómo pasa un lead del formulario al CRM y a ventas\n"
    "• Revisar en pareja el tablero de campañas del mes pasado\n"
    "• Escuchar una llamada con clientes o leer comentarios recientes",
    "shadow.activities.it": "• Asistir a una revisión de incidentes o a una planeación de sprint\n"
    "• Ver un cambio ir del pull request a producción\n"
    "• Recorrer el flujo de datos detrás de un tablero de mercadotecnia\n"
    "• Acompañar una hora a la mesa de ayuda",
    "shadow.dm_footer": "Al terminar, compartan qué les sorprendió y una idea para colaborar mejor.",
    "shadow.followup": "¿Cómo les fue, <@{visitor}> y <@{host}>? Compartan sus aprendizajes u omitan esta ronda.",
    "shadow.left_out": "No tuviste pareja en la ronda {round}: los lados eran desiguales. Tendrás prioridad en la "
    "próxima.",
    "shadow.modal.heading": "Aprendizajes",
    "shadow.modal.submit": "Compartir",
    "shadow.modal.surprise": "¿Qué te sorprendió?",
    "shadow.modal.idea": "Una idea para colaborar mejor",
    "shadow.modal.make_ask_label": "Hacerla realidad",
    "shadow.modal.make_ask": "Convertir mi idea en una solicitud para {side}",
    "shadow.shared": "<@{user}> compartió lo que aprendió:",
    "shadow.idea_ask": "La idea ahora es la solicitud *{ref}*.",
    "shadow.skipped": "<@{user}> omitió esta ronda. ¡Hasta la próxima!",
    "shadow.closed.done": "<@{user}> compartió los aprendizajes de esta ronda.",
    "shadow.round.scheduled": "Es la ronda que la rotación programa para {when}: no se hará otra vez a esa hora.",
    "shadow.due_today": "Hoy toca una ronda, {when}. `/shadow run` antes de esa hora adelanta esa ronda; no "
    "agrega otra.",
    "shadow.due_today.made_early": "La ronda de hoy, programada para {when}, ya se adelantó con `/shadow run` "
    "(ronda {round}); no se hará otra vez.",
    "shadow.due_today.again": "La ronda {round} ya se hizo hoy, así que la ronda programada para {when} volverá a "
    "emparejar a todas las personas. Para evitarlo, elige otro día con `en:`.",
    "sync.agenda.learnings": "Aprendizajes de la rotación desde la última reunión",
    "error.shadow_preference": "`{word}` no es un rol: usa host, visitor o both.",
    "error.shadow_pause_needs_until": "Di hasta cuándo, como `/shadow pause until:2026-12-15`.",
    "error.shadow_bad_followup": "`{word}` no es un número de días de 1 a 60, como followup:7d.",
    "error.shadow_pause_past": "Elige una fecha posterior a hoy.",
    "error.shadow_leaders_only": "Solo líderes y administradores pueden configurar o correr rondas y ver las "
    "estadísticas.",
    "error.shadow_not_in_rotation": "No estás en la rotación. Únete con `/shadow join`.",
    "error.shadow_pairing_not_found": "Esa pareja no es de este espacio de trabajo.",
    "error.shadow_pair_only": "Solo las dos personas de esta pareja pueden hacer eso.",
    "error.shadow_already_done": "<@{user}> ya compartió los aprendizajes de esta pareja.",
    "error.shadow_already_skipped": "<@{user}> ya omitió esta ronda para la pareja.",
    "error.shadow_idea_needed": "Escribe la idea para convertirla en solicitud.",
}
