"""El pulso de alineación."""

CATALOG: dict[str, str] = {
    "pulse.question": "¿Qué tan colaborativa y productiva es hoy la relación entre mercadotecnia y TI?",
    "pulse.scale": "1 = nada · 5 = mucho. Ronda {round} del pulso; una respuesta por persona, y puedes cambiarla "
    "hasta que la ronda se cierre.",
    "pulse.thanks": "¡Gracias! Respondiste {score}. Presiona otro número para cambiarlo.",
    "pulse.button.comment": "Agregar un comentario",
    "pulse.anonymous": "Las respuestas se guardan sin tu nombre: solo tu lado, el número y tu comentario. Los "
    "líderes ven una ronda solo después de que se cierra, y solo cuando cada lado tiene al menos 3 respuestas: "
    "promedios por lado, y los comentarios sin nombres.",
    "pulse.modal.heading": "Comentario del pulso",
    "pulse.modal.submit": "Guardar",
    "pulse.modal.comment": "¿Algo detrás de tu respuesta? (se guarda sin tu nombre)",
    "pulse.comment_saved": "Tu comentario quedó guardado, sin tu nombre.",
    "pulse.closed": "La ronda {round} del pulso ya se cerró, así que esta respuesta no se registró. La próxima "
    "ronda te volverá a preguntar.",
    "pulse.configured.one": "El pulso sale cada semana; el próximo {next}.",
    "pulse.configured.other": "El pulso sale cada {count} semanas; el próximo {next}.",
    "pulse.started.one": "Salió la ronda {round} del pulso: se preguntó a 1 persona.",
    "pulse.started.other": "Salió la ronda {round} del pulso: se preguntó a {count} personas.",
    "pulse.already.one": "La ronda {round} del pulso ya había salido a 1 persona.",
    "pulse.already.other": "La ronda {round} del pulso ya había salido a {count} personas.",
    "usage.alinea.pulse": "`/alinea pulse config cada:Nw en:<día> hora:HH:MM`, `/alinea pulse run` (administradores; "
    "en inglés: `every:`, `on:`, `at:`)",
    "error.pulse_form": "Di qué hacer con el pulso: `config` o `run`.",
    "error.pulse_round_gone": "Esa ronda del pulso no es de este espacio de trabajo.",
    "error.pulse_answer_first": "Primero presiona un número; luego agrega tu comentario.",
    "error.pulse_round_closed": "La ronda {round} del pulso ya se cerró: no recibe más respuestas ni comentarios.",
}
