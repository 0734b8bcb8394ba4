"""Errores al leer el texto de /sync."""

CATALOG: dict[str, str] = {
    # IDs
    "error.needs_sync_id": "`{word}` necesita el ID de una reunión, como `/sync {word} S-3`. `/sync list` muestra "
    "todas las reuniones con su ID.",
    "error.bad_sync_id": "`{word}` no es el ID de una reunión. Los IDs de reunión se ven así: `S-3`; "
    "`/sync list` los muestra.",
    # programar
    "error.sync_needs_name": "Ponle un nombre a la reunión antes del día, entre comillas, como "
    '`/sync schedule "Reunión CIO–CMO" lun 09:30 con @ana @luis`.',
    "error.sync_name_too_long": "El nombre tiene {length} caracteres; el máximo es {limit}.",
    "error.sync_needs_weekday": "Indica qué día de la semana es la reunión, seguido de la hora, como `lun 09:30` "
    "o `jueves 16:30`.",
    "error.sync_needs_time": "Indica la hora justo después de `{word}`, como `{word} 09:30` (formato de 24 horas) "
    "o `{word} 9:30am`.",
    "error.sync_bad_time": "No puedo leer `{word}` como hora. Usa el formato de 24 horas HH:MM, como `09:30` o "
    "`16:00`, o bien `9:30am` y `4pm`.",
    "error.sync_bad_every": "`{word}` no es un número de semanas entre 1 y 52. Usa `every:2w` para cada dos "
    "semanas, o no pongas `every:` para que sea cada semana.",
    "error.sync_bad_timezone": "No conozco la zona horaria `{word}`. Usa un nombre IANA, como "
    "`tz:America/Mexico_City`, `tz:America/Bogota` o `tz:UTC`, o no pongas `tz:` para usar la tuya.",
    "error.sync_channel_not_linked": "`{word}` no es un canal enlazado por Slack. Escribe `in:#` y elige el canal "
    "de la lista para que Slack lo convierta en un enlace.",
    "error.sync_bad_remind": "`{word}` no es un número de horas entre 0 y 168. Usa `remind:24h` para pedir temas "
    "un día antes (lo predeterminado) o `remind:2h` para dos horas antes.",
    "error.sync_needs_with": "Indica quiénes se reúnen: agrega `con` (o `with`) después de la hora y "
    "menciona a cada participante, como `con @ana @luis`.",
    "error.sync_mention_before_with": "Mencionaste a <@{user}> demasiado pronto. Menciona a los participantes "
    "después del día y la hora, tras `con` (o `with`), como `lun 09:30 con @ana @luis`.",
    "error.sync_too_many_participants": "Son {count} participantes; una reunión admite como máximo {limit}. "
    "Para un público más amplio, publica la agenda en un canal con `in:#canal`.",
    # temas
    "error.sync_topic_needs_text": "Escribe el tema después de `{word}`, como `/sync {word} S-3 Presupuesto para "
    "el lanzamiento de primavera`. Puedes omitir el ID si participas en una sola reunión.",
    "error.sync_topic_too_long": "El tema tiene {length} caracteres; el máximo es {limit}.",
}
