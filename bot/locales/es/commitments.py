"""Compromisos y el recordatorio diario."""

CATALOG: dict[str, str] = {
    "commitment.for_ask": "para {ref}",
    "commitment.overdue": "vencido",
    "commitment.created": "Compromiso *{ref}*, vence {due}:",
    "commitment.kept": ":white_check_mark: *{ref}* hecho a tiempo: cumplido.",
    "commitment.late": ":ballot_box_with_check: *{ref}* hecho después de su fecha: tarde.",
    "commitment.cancelled": "*{ref}* quedó cancelado.",
    "commitment.list.mine": "Tus compromisos abiertos ({count})",
    "commitment.list.overdue": "Compromisos vencidos ({count})",
    "commitment.list.side": "Compromisos abiertos de tu lado ({count})",
    "commitment.list.empty": "No hay nada abierto aquí.",
    "reminder.title": "Tus compromisos: {counts}",
    "reminder.overdue.one": "1 vencido",
    "reminder.overdue.other": "{count} vencidos",
    "reminder.due_today.one": "1 vence hoy",
    "reminder.due_today.other": "{count} vencen hoy",
    "reminder.due_tomorrow.one": "1 vence mañana",
    "reminder.due_tomorrow.other": "{count} vencen mañana",
    "reminder.row.due_today": "*vence hoy*",
    "reminder.row.due_tomorrow": "vence mañana",
    "reminder.footer": "Presiona Hecho cuando termines. `/commit list` muestra todos los tuyos.",
    "error.commit_needs_due": "Un compromiso necesita fecha de vencimiento: agrega `vence:` con una fecha, como "
    "`vence:vie`, `vence:31/12` o `vence:próximo lunes`.",
    "error.commitment_needs_text": "Di a qué te comprometes, como `/commit Publicar el plan de medición due:vie`.",
    "error.commitment_too_long": "El compromiso tiene {length} caracteres; el máximo es {limit}.",
    "error.needs_commitment_id": "`{word}` necesita el ID de un compromiso, como `C-7`. Para registrar un "
    "compromiso cuyo texto empieza con “{word}”, pon todo el texto entre comillas: "
    "`/commit \"{word} …\" due:FECHA`.",
    "error.commit_list_word": "`{word}` no es un filtro de la lista. Usa mine, overdue o side (o míos, vencidos, "
    "lado). Para registrar un compromiso cuyo texto empieza con “{subcommand}”, pon todo el texto entre comillas.",
    "error.commitment_not_found": "No hay ningún compromiso {ref} en este espacio de trabajo.",
    "error.commitment_change_who": "Solo su responsable (<@{owner}>), líderes o administradores pueden cambiar {ref}.",
    "error.commitment_already_done": "{ref} ya está hecho.",
    "error.commitment_already_cancelled": "{ref} fue cancelado.",
    # deshacer y reabrir
    "commitment.undo": "Deshacer",
    "commitment.undo_hint": "¿Fue un error? Deshazlo en los próximos 10 minutos; después, `/commit reopen {ref}`.",
    "commitment.reopened": "*{ref}* está abierto de nuevo, vence {due}.",
    "commitment.mark.kept": "hecho a tiempo: cumplido",
    "commitment.mark.late": "hecho, tarde",
    "error.commitment_not_closed": "{ref} está abierto: no hay nada que reabrir.",
    "error.commitment_undo_too_late": "Ya es tarde para deshacer: {ref} se cerró hace más de 10 minutos. Reábrelo con "
    "`/commit reopen {ref}`.",
    "error.commitment_changed_since": "{ref} cambió desde este mensaje: mira `/commit list`.",
    "error.commitment_ask_closed": "{ref} es para {ask}, que está cerrada: reabre la solicitud con "
    "`/ask reopen {ask}` y su compromiso vuelve con ella.",
    # mensajes directos sobre compromisos
    "commitment.dm.from_sync": "<@{user}> registró a qué te comprometiste en *{sync}*:",
    "commitment.dm.from_sync_hint": "Presiona Hecho cuando termines. `/commit list` muestra todos los tuyos.",
    "commitment.dm.cancel_owner": "<@{user}> canceló tu compromiso *{ref}* · {text}.",
    "commitment.dm.cancel_recorded": "<@{user}> canceló *{ref}* · {text} (de <@{owner}>), que registraste en el "
    "resultado de una reunión de sync.",
    "commitment.dm.reopen_owner": "<@{user}> reabrió tu compromiso *{ref}* · {text}: vence {due}.",
    "commitment.dm.reopen_recorded": "<@{user}> reabrió *{ref}* · {text} (de <@{owner}>), que registraste en el "
    "resultado de una reunión de sync: vence {due}.",
}
