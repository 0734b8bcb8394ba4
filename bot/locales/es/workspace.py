"""Textos de los ajustes del espacio de trabajo (`/alinea settings`, el botón Ajustes de la pestaña Inicio)."""

CATALOG: dict[str, str] = {
    "settings.title": "Ajustes de Alinea",
    "settings.intro": "Los cambios se aplican a todo el espacio de trabajo de inmediato.",
    "settings.submit": "Guardar",
    "settings.button.change": "Cambiar ajustes",
    "settings.button.home": "Ajustes",
    "settings.channel": "Canal de colaboración",
    "settings.channel.hint": "Aquí se publican las tarjetas de las solicitudes nuevas, en el idioma del espacio de "
    "trabajo. Invita a Alinea al canal.",
    "settings.channel.none": "Ninguno: cada tarjeta va donde se hizo la solicitud",
    "settings.side_channel.marketing": "Canal propio de Marketing",
    "settings.side_channel.it": "Canal propio de TI",
    "settings.side_channel.hint": "Instalada en toda la organización: las solicitudes nuevas de un lado van aquí "
                                  "cuando el canal de colaboración no está compartido con el espacio de trabajo "
                                  "desde el que se piden.",
    "settings.side_channel.none": "Ninguno",
    "settings.timezone": "Zona horaria del espacio de trabajo",
    "settings.timezone.hint": "Las fechas de las tarjetas y de las publicaciones en canales, y la zona de quien no "
    "tiene una en su perfil de Slack.",
    "settings.language": "Idioma del espacio de trabajo",
    "settings.language.hint": "Para las publicaciones en canales, y para quien usa Slack en un idioma que Alinea no "
    "habla.",
    "settings.language.en": "English",
    "settings.language.es": "Español",
    "settings.reminder": "Hora de los recordatorios",
    "settings.reminder.hint": "Los recordatorios de compromisos y KPIs llegan a cada persona a esta hora en su propia "
    "zona horaria.",
    "settings.reminder.value": "{at}, en la zona horaria de cada persona",
    "settings.digest": "Resumen semanal",
    "settings.digest.day": "Resumen semanal: día",
    "settings.digest.at": "Resumen semanal: hora",
    "settings.digest.hint": "En la zona horaria del resumen, {zone}; cada suscriptor lo recibe a esa hora en la suya.",
    "settings.digest.hint_new": "En la zona horaria del espacio de trabajo; cada suscriptor lo recibe a esa hora en "
    "la suya.",
    "settings.digest.none": "Sin fijar: los lunes a las 09:00 cuando un líder se suscriba",
    "settings.digest.value": "{weekday} a las {at} ({zone})",
    "settings.pulse": "Pulso de alineación",
    "settings.pulse.day": "Pulso de alineación: día",
    "settings.pulse.at": "Pulso de alineación: hora",
    "settings.pulse.every": "Pulso de alineación: frecuencia",
    "settings.pulse.hint": "En la zona horaria del pulso, {zone}; a cada integrante se le pregunta a esa hora en la "
    "suya.",
    "settings.pulse.hint_new": "En la zona horaria del espacio de trabajo; a cada integrante se le pregunta a esa "
    "hora en la suya. Déjalo vacío para no tener pulso.",
    "settings.pulse.none": "Sin programar",
    "settings.pulse.value.one": "Cada semana, el {weekday} a las {at} ({zone})",
    "settings.pulse.value.other": "Cada {count} semanas, el {weekday} a las {at} ({zone})",
    "settings.every.one": "Cada semana",
    "settings.every.other": "Cada {count} semanas",
    "settings.notices": "Avisos por defecto",
    "settings.notices.hint": "Los mensajes directos que recibe cada persona hasta que elija los suyos con "
    "/alinea avisos.",
    "settings.notices.all_on": "Todos activados",
    "settings.notices.off": "Apagados: {kinds}",
    "settings.notice.asks": "Sus solicitudes: aceptadas, rechazadas, terminadas",
    "settings.notice.owned": "Solicitudes y compromisos a su cargo",
    "settings.notice.sync": "Compromisos del resultado de una reunión",
    "settings.notice.team": "Cuando un administrador le pone en un lado",
    "settings.notice.kpis": "Líderes: KPIs de su lado pendientes de registrar",
    "settings.zone_group.americas": "América",
    "settings.zone_group.europe": "Europa",
    "settings.zone_group.africa": "África y Oriente Medio",
    "settings.zone_group.asia": "Asia y el Pacífico",
    "settings.zone_group.utc": "Tiempo universal coordinado",
    "settings.zone_group.elsewhere": "Otras",
    "settings.weekdays": "lunes,martes,miércoles,jueves,viernes,sábado,domingo",
    "settings.from_environment": "Son los valores por defecto de la configuración de Alinea: ningún administrador "
    "los ha cambiado todavía.",
    "settings.last_changed": "Último cambio: <@{user}>, el {when}.",
    "settings.saved": "Ajustes guardados.",
    "settings.unchanged": "No cambió nada: los ajustes están como estaban.",
    "error.settings_channel": "Elige un canal público o privado.",
    "error.settings_timezone": "`{zone}` no es una zona horaria que Alinea conozca. Elige una de la lista.",
    "error.settings_language": "Elige English o Español.",
    "error.settings_time": "Elige una hora.",
    "error.settings_day_and_time": "Elige un día y una hora, o ninguno de los dos.",
    "error.settings_every": "Elige la frecuencia: de cada semana a cada 12 semanas.",
    "usage.alinea.settings": "`/alinea settings` (o `/alinea ajustes`) muestra los ajustes del espacio de trabajo, "
    "con un botón para cambiarlos (administradores)",
    "help.about.settings": "El canal de colaboración, la zona horaria, el idioma y la hora de los recordatorios del "
    "espacio de trabajo, el día y la hora del resumen y del pulso, y los avisos de quien no eligió los suyos. Los "
    "administradores los cambian en un formulario (también desde el botón Ajustes de su pestaña Inicio); cada cambio "
    "queda en el registro de auditoría y se aplica de inmediato.",
}
