"""Solicitudes y compromisos."""

CATALOG: dict[str, str] = {
    "priority.low": "baja",
    "priority.normal": "normal",
    "priority.high": "alta",
    "priority.urgent": "urgente",
    "dates.weekdays": "lun,mar,mié,jue,vie,sáb,dom",
    "dates.months": "ene,feb,mar,abr,may,jun,jul,ago,sep,oct,nov,dic",
    "dates.day": "{weekday} {day} {month}",
    "modal.cancel": "Cancelar",
    "list.range": "Mostrando {first}–{last} de {total}",
    "list.previous": "Anterior",
    "list.next": "Siguiente",
    # la tarjeta de la solicitud
    "ask.overdue": "vencida",
    "ask.due_on": "vence {day}",
    "ask.field.direction": "De → a",
    "ask.field.requester": "Pedida por",
    "ask.field.owner": "Responsable",
    "ask.field.due": "Fecha límite",
    "ask.field.priority": "Prioridad",
    "ask.field.category": "Categoría",
    "ask.field.status": "Estado",
    "ask.status.open": "Abierta",
    "ask.status.accepted": "Aceptada",
    "ask.status.done": "Hecha",
    "ask.status.declined": "Rechazada",
    "ask.status.cancelled": "Cancelada",
    "ask.logged_at": "Registrada {at}",
    "ask.from_message": "Desde <{link}|este mensaje>",
    "ask.posted_in": "Publicada en <#{channel}>",
    "ask.posted_text": "{ref} para {side}: {title}",
    "ask.button.accept": "Aceptar",
    "ask.button.decline": "Rechazar",
    "ask.button.done": "Hecho",
    "ask.button.show": "Ver",
    "ask.button.undo": "Deshacer",
    # respuestas a quien actuó
    "ask.created": "Registré *{ref}* para {side}: {title}",
    "ask.created_in": "Publicada en <#{channel}>, donde cualquiera puede seguirla.",
    "ask.created_unposted": "No está publicada en ningún canal; mírala con `/ask show`.",
    "ask.post_pending": "Slack está ocupado ahora: la tarjeta se publicará en <#{channel}> en breve.",
    "ask.not_posted": "*{ref}* quedó registrada, pero no pude publicarla en <#{channel}>. Invítame con "
    "`/invite @Alinea` o pídele a un administrador del espacio de trabajo que elija otro canal para las solicitudes.",
    "ask.accepted_you": "Aceptaste *{ref}* y ahora eres responsable. Tu compromiso *{commitment}* vence {due}.",
    "ask.changed.decline": "Rechazaste *{ref}*. Quien la pidió verá tu motivo en su hilo.",
    "ask.changed.done": "*{ref}* está hecha. Le pregunté a quien la pidió si cubrió su necesidad.",
    "ask.changed.done_unrated": "*{ref}* está hecha.",
    "ask.changed.cancel": "*{ref}* quedó cancelada.",
    "ask.undo_hint": "¿Fue un error? Deshazlo en los próximos 10 minutos; después, `/ask reopen {ref}`.",
    "ask.reopened_you": "*{ref}* está {status} de nuevo.",
    "ask.reopened_commitment": "Su compromiso *{commitment}* está abierto otra vez.",
    # líneas del hilo
    "ask.line.accept": "<@{user}> aceptó {ref} de <@{requester}>, vence {due}{moved} (compromiso {commitment}).",
    "ask.line.moved": " (se pidió para {old})",
    "ask.line.decline": "<@{user}> rechazó {ref} de <@{requester}>: {reason}",
    "ask.line.done": "<@{user}> marcó {ref} de <@{requester}> como hecha{note}",
    "ask.line.cancel": "<@{user}> canceló {ref}, pedida por <@{requester}>.",
    "ask.line.withdraw": "<@{user}> retiró {ref}.",
    "ask.line.reopen": "<@{user}> reabrió {ref} de <@{requester}>: está {status} de nuevo{why}",
    # mensajes directos a quienes les concierne una solicitud
    "ask.dm.named": "<@{user}> le pidió a {side} *{ref} · {title}* y te nombró responsable{due}. Acéptala o "
    "recházala en su tarjeta, o con `/ask accept {ref}`.",
    "ask.dm.named_due": ", para el {day}",
    "ask.dm.accepted": "<@{user}> aceptó tu solicitud *{ref} · {title}* y ahora es responsable: vence {due}.",
    "ask.dm.accepted_moved": "<@{user}> aceptó tu solicitud *{ref} · {title}* y ahora es responsable: vence {due}, "
    "no {old} como pediste.",
    "ask.dm.taken": "<@{user}> aceptó *{ref} · {title}*, que te nombraba responsable: ahora se encarga <@{user}>.",
    "ask.dm.declined": "<@{user}> rechazó tu solicitud *{ref} · {title}*: {reason}",
    "ask.dm.done": "<@{user}> marcó tu solicitud *{ref} · {title}* como hecha{note}",
    "ask.dm.note": "Su nota: {note}",
    "ask.dm.cancelled": "<@{user}> canceló *{ref} · {title}*, que estaba a tu cargo: ya no se debe nada por ella.",
    "ask.dm.reopened_requester": "<@{user}> reabrió tu solicitud *{ref} · {title}*{why}: está {status} de nuevo.",
    "ask.dm.reopened_owner": "<@{user}> reabrió *{ref} · {title}*, que está a tu cargo{why}: está {status} de "
    "nuevo.",
    "ask.dm.where": "Su tarjeta está en <#{channel}>; `/ask show {ref}` la muestra con su historial.",
    "ask.dm.where_show": "`/ask show {ref}` la muestra con su historial.",
    # calificación
    "ask.rate_question": "<@{user}> marcó *{ref} · {title}* como hecha. ¿Cubrió tu necesidad?",
    "ask.rate_scale": "1 = para nada · 5 = por completo. Los líderes solo ven totales semanales, nunca quién calificó.",
    "ask.rate_thanks": "¡Gracias! Calificaste *{ref}* con {rating}/5.",
    "ask.rate_change": "¿Cambiaste de opinión? Presiona otro número en los próximos 10 minutos; después tu "
    "calificación queda fija.",
    # listas e historial
    "ask.list.open": "Solicitudes abiertas ({count})",
    "ask.list.mine": "Tus solicitudes abiertas ({count})",
    "ask.list.overdue": "Solicitudes vencidas ({count})",
    "ask.list.all": "Todas las solicitudes ({count})",
    "ask.list.to": "para {side}",
    "ask.list.empty": "No hay nada aquí. Registra una solicitud con `/ask <título>`.",
    "history.ask.create": "la registró",
    "history.ask.accept": "la aceptó",
    "history.ask.decline": "la rechazó",
    "history.ask.done": "la marcó como hecha",
    "history.ask.cancel": "la canceló",
    "history.ask.rate": "la calificó",
    "history.ask.reopen": "la reabrió",
    # modales
    "ask.modal.heading": "Nueva solicitud",
    "ask.modal.submit": "Registrar",
    "ask.modal.title": "¿Qué necesitas?",
    "ask.modal.title_hint": "p. ej. Landing page para la campaña de primavera",
    "ask.modal.details": "Detalles",
    "ask.modal.to_side": "A qué lado se la pides",
    "ask.modal.owner": "Responsable, si sabes quién",
    "ask.modal.due": "La necesitas para",
    "ask.modal.priority": "Prioridad",
    "ask.modal.category": "Categoría",
    "ask.modal.accept_heading": "Aceptar {ref}",
    "ask.modal.accept_due": "¿Para cuándo la tendrás lista?",
    "ask.modal.decline_heading": "Rechazar {ref}",
    "ask.modal.decline_reason": "¿Por qué? Quien la pidió leerá esto.",
    # errores
    "error.join_a_side_first": "Primero únete a un lado: `/alinea join marketing` o `/alinea join it`.",
    "error.ask_not_found": "No hay ninguna solicitud {ref} en este espacio de trabajo.",
    "error.ask_target_side_only": "Solo integrantes del lado de {side} pueden aceptar o rechazar {ref}.",
    "error.accept_needs_due": "{ref} no tiene fecha límite; di cuándo la tendrás lista, p. ej. "
    "`/ask accept {ref} vence:vie`.",
    "error.ask_done_who": "Solo su responsable, quien la pidió (<@{requester}>), líderes o administradores pueden "
    "marcar {ref} como hecha.",
    "error.ask_cancel_who": "Solo quien la pidió (<@{requester}>) o un administrador puede cancelar {ref}.",
    "error.ask_rate_who": "Solo quien la pidió (<@{requester}>) puede calificar {ref}.",
    "error.ask_not_done": "{ref} no está hecha, así que aún no se puede calificar.",
    "error.rating_range": "La calificación va de 1 a 5.",
    "error.ask_rating_final": "Tu calificación de {ref} ya es definitiva: solo se puede cambiar en los 10 minutos "
    "siguientes a darla.",
    "error.ask_already_accepted": "<@{user}> ya había aceptado {ref}.",
    "error.ask_already_done": "<@{user}> ya había marcado {ref} como hecha.",
    "error.ask_already_declined": "<@{user}> ya había rechazado {ref}.",
    "error.ask_already_cancelled": "<@{user}> ya había cancelado {ref}.",
    "error.ask_not_closed": "{ref} no está cerrada: no hay nada que reabrir.",
    "error.ask_undo_too_late": "Ya es tarde para deshacer: {ref} se cerró hace más de 10 minutos. Reábrela con "
    "`/ask reopen {ref}`.",
    "error.ask_changed_since": "{ref} cambió desde este mensaje: mira `/ask show {ref}`.",
    "error.ask_own_side": "Las solicitudes van al otro lado: estás en {side}, así que pídesela a {other} "
    "(`para:{word}`, o sin `para:`).",
    "error.day_in_past": "Ese día ya pasó. Elige hoy o una fecha posterior.",
    "error.day_too_far": "Ese día está demasiado lejos. Elige una fecha entre hoy y el {latest}.",
    "error.owner_not_on_target": "<@{user}> no está en el lado de {side}: quien se encarga de una petición es una "
    "persona del lado al que va.",
    "error.unknown_choice": "Una de las opciones no es válida para Alinea; vuelve a elegir.",
    "error.text_required": "Escribe algo aquí, por favor.",
    "error.date_required": "Elige una fecha.",
    "error.bad_date_value": "Eso no es una fecha.",
    # el comando /ask
    "error.unknown_priority": "`{word}` no es una prioridad. Usa !low, !normal, !high o !urgent "
    "(o !baja, !alta, !urgente). Para dejar la palabra en el título, ponla entre comillas.",
    "error.unknown_category": "`{word}` no es una categoría. Usa una de estas: {categories}. "
    "Para dejar la palabra en el título, ponla entre comillas.",
    "error.ask_needs_title": "La solicitud necesita un título, como "
    "`/ask Landing page para la campaña de primavera para:ti vence:vie`.",
    "error.title_too_long": "El título tiene {length} caracteres; el máximo es {limit}. "
    "Escribe solo `/ask` para abrir un formulario con espacio para los detalles.",
    "error.needs_ask_id": "`{word}` necesita el ID de una solicitud, como `A-12`. Para registrar una solicitud "
    "cuyo título empieza con “{word}”, pon todo el título entre comillas: `/ask \"{word} …\"`.",
    "error.bad_ask_id": "`{word}` no es el ID de una solicitud. Los IDs de solicitud se ven así: `A-12`.",
    "error.ask_list_word": "`{word}` no es un filtro de la lista. Usa open, mine, overdue o all (o abiertas, "
    "mías, vencidas, todas) y, si quieres, to:marketing o to:it. Para registrar una solicitud cuyo título "
    "empieza con “{subcommand}”, pon todo el título entre comillas.",
    "error.decline_needs_reason": "Di por qué la rechazas, después del ID: `/ask decline A-12 <motivo>`.",
    "error.comment_too_long": "Ese motivo o nota tiene {length} caracteres; el máximo es {limit}.",
    # el paso de flujo de trabajo Log an ask: se ve en Workflow Builder, texto simple, con las entradas del paso por
    # sus títulos (en inglés, como las muestra Workflow Builder)
    "ask.step.failed": "Alinea no registró la solicitud. {problem}",
    "ask.step.unexpected": "Alinea no pudo registrar la solicitud por un problema inesperado y no se guardó nada. "
    "Vuelve a ejecutar el flujo de trabajo en unos minutos; si sigue fallando, avisa a un administrador del espacio "
    "de trabajo.",
    "error.step_needs_requester": "La entrada “Requester” (quién la pide) está vacía: elige a la persona que hace "
    "la solicitud.",
    "error.step_bad_requester": "La entrada “Requester” (quién la pide), {word}, no es una persona de Slack: elige a "
    "la persona que hace la solicitud.",
    "error.step_requester_no_side": "{name} no está en ningún lado, Mercadotecnia o TI, así que no puede hacer "
    "solicitudes. Puede unirse a uno con /alinea join marketing o /alinea join it.",
    "error.step_needs_title": "La entrada “Title” (título) está vacía: la solicitud necesita un título.",
    "error.step_title_too_long": "La entrada “Title” (título) tiene {length} caracteres; el máximo es {limit}. Pon "
    "el resto en “Details” (detalles).",
    "error.step_details_too_long": "La entrada “Details” (detalles) tiene {length} caracteres; el máximo es "
    "{limit}.",
    "error.step_bad_date": "La entrada “Due date” (fecha límite), {word}, no es una fecha. Usa una fecha como "
    "2026-12-01 o déjala vacía.",
    "error.step_date_in_past": "La entrada “Due date” (fecha límite), {word}, ya pasó. Usa hoy o una fecha "
    "posterior, o déjala vacía.",
    "error.step_date_too_far": "La entrada “Due date” (fecha límite), {word}, está demasiado lejos: las fechas "
    "límite van de hoy al {latest}.",
    "error.step_unknown_priority": "La entrada “Priority” (prioridad), {word}, no es una prioridad. Usa low, normal, "
    "high o urgent (o baja, alta, urgente), o déjala vacía para normal.",
    "error.step_unknown_category": "La entrada “Category” (categoría), {word}, no es una categoría. Usa una de "
    "estas: {categories}; o déjala vacía.",
}
