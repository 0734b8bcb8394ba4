"""Errors from parsing command text (dates, asks, commitments)."""

CATALOG: dict[str, str] = {
    # fechas y opciones
    "error.bad_date": "No puedo leer `{word}` como fecha. Prueba con alguna de estas: {examples} "
    "(también hoy, mañana o vie; como máximo +3650d o +520w hacia adelante).",
    "error.date_in_past": "`{word}` ya pasó. Elige hoy o una fecha posterior.",
    "error.empty_option": "`{option}` necesita un valor justo después de los dos puntos, sin espacio, "
    "como `{example}`.",
    "error.repeated_option": "`{option}` solo se puede indicar una vez.",
    "error.unknown_priority": "`{word}` no es una prioridad. Usa !low, !normal, !high o !urgent "
    "(o !baja, !alta, !urgente). Para dejar la palabra en el título, ponla entre comillas.",
    "error.unknown_category": "`{word}` no es una categoría. Usa una de estas: {categories}. "
    "Para dejar la palabra en el título, ponla entre comillas.",
    # solicitudes
    "error.ask_needs_title": "La solicitud necesita un título, como "
    "`/ask Landing page para la campaña de primavera to:it due:vie`.",
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
    # compromisos
    "error.commit_needs_due": "Un compromiso necesita fecha de vencimiento: agrega `due:` con una fecha, como "
    "`due:vie`, `due:+2w` o `due:2026-12-01`.",
    "error.commitment_needs_text": "Di a qué te comprometes, como `/commit Publicar el plan de medición due:vie`.",
    "error.commitment_too_long": "El compromiso tiene {length} caracteres; el máximo es {limit}.",
    "error.needs_commitment_id": "`{word}` necesita el ID de un compromiso, como `C-7`. Para registrar un "
    "compromiso cuyo texto empieza con “{word}”, pon todo el texto entre comillas: "
    "`/commit \"{word} …\" due:FECHA`.",
    "error.commit_list_word": "`{word}` no es un filtro de la lista. Usa mine, overdue o side (o míos, vencidos, "
    "lado). Para registrar un compromiso cuyo texto empieza con “{subcommand}”, pon todo el texto entre comillas.",
}
