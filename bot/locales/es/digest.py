"""El resumen semanal para líderes."""

CATALOG: dict[str, str] = {
    "digest.title": "{marketing} × {it}, semana del {day}",
    "digest.period": "Resumen semanal · {first} – {last}",
    "digest.preview_note": "Vista previa: solo tú puedes verla. Quienes se suscriben reciben el resumen por mensaje "
    "directo una vez por semana.",
    # números
    "digest.minutes": "{n} min",
    "digest.hours": "{n} h",
    "digest.days.one": "1 día",
    "digest.days.other": "{count} días",
    # solicitudes
    "digest.asks.heading": ":inbox_tray: Solicitudes",
    "digest.asks.empty": "No hubo solicitudes esta semana.",
    "digest.asks.opened": "Nuevas *{count}*",
    "digest.asks.closed": "cerradas *{count}* (hechas: {done})",
    "digest.asks.open": "abiertas ahora *{count}*",
    "digest.asks.overdue": "vencidas *{count}*",
    "digest.asks.medians": "Tiempo mediano para aceptar *{accept}* · para cerrar *{close}*",
    "digest.asks.oldest": "Solicitudes abiertas más antiguas",
    "digest.asks.none_open": "No hay nada abierto esperando.",
    "digest.asks.waiting": "abierta desde el {day} ({days} d)",
    # calificaciones de las solicitudes hechas
    "digest.ratings.heading": "Calificaciones de las solicitudes hechas",
    "digest.ratings.total.one": "Calificación *{rating}*/5 sobre 1 calificación",
    "digest.ratings.total.other": "Calificación *{rating}*/5 sobre {count} calificaciones",
    "digest.ratings.direction.one": "{sides}: *{rating}*/5 sobre 1 calificación",
    "digest.ratings.direction.other": "{sides}: *{rating}*/5 sobre {count} calificaciones",
    "digest.ratings.too_few": "Muy pocas calificaciones para mostrarlas: solo aparecen como total de al menos "
    "{minimum}, nunca quién las dio.",
    "digest.ratings.last_week": "Calificaciones dadas del {first} al {last}, la última semana completa: las de una "
    "semana se muestran cuando termina.",
    # compromisos
    "digest.commitments.heading": ":handshake: Compromisos",
    "digest.commitments.empty": "Ningún compromiso vencía esta semana y no hay vencidos.",
    "digest.commitments.kept": "Vencían esta semana: *{due}* · cumplidos a tiempo: *{kept}* ({rate})",
    "digest.commitments.none_due": "Ningún compromiso vencía esta semana.",
    "digest.commitments.overdue": "Vencidos: {count}",
    "digest.commitments.none_overdue": "No hay compromisos vencidos.",
    # KPIs
    "digest.kpis.heading": ":chart_with_upwards_trend: KPIs",
    "digest.kpis.empty": "Todavía no hay KPIs compartidos. Los líderes los definen con `/kpi define`.",
    "digest.kpis.count": "KPIs: {count}",
    # reuniones
    "digest.syncs.heading": ":spiral_calendar_pad: Reuniones",
    "digest.syncs.empty": "No hubo reuniones esta semana.",
    "digest.syncs.summary": "Realizadas: *{syncs}* · decisiones: *{decisions}*",
    "digest.syncs.no_decisions": "No se registraron decisiones.",
    # acompañamiento
    "digest.shadow.heading": ":eyes: Acompañamiento",
    "digest.shadow.empty": "No hubo acompañamientos esta semana.",
    "digest.shadow.summary": "Parejas formadas: *{pairs}* · parejas que compartieron aprendizajes: *{done}*",
    "digest.shadow.who": "<@{visitor}> acompañó a <@{host}> ({side})",
    "digest.shadow.idea": "Idea: {idea}",
    # el pulso de alineación
    "digest.pulse.heading": ":bar_chart: Pulso de alineación",
    "digest.pulse.none.one": "Todavía no se ha cerrado ninguna ronda del pulso. Los resultados de una ronda se "
    "muestran cuando se cierra: al empezar la siguiente, o 1 día después de abrirse.",
    "digest.pulse.none.other": "Todavía no se ha cerrado ninguna ronda del pulso. Los resultados de una ronda se "
    "muestran cuando se cierra: al empezar la siguiente, o {count} días después de abrirse.",
    "digest.pulse.round": "Ronda {round} (cerrada) · respuestas: {answers}",
    "digest.pulse.side.one": "{side}: *{average}*/5 (1 respuesta)",
    "digest.pulse.side.other": "{side}: *{average}*/5 ({count} respuestas)",
    "digest.pulse.gap": "Brecha entre los lados: *{gap}*",
    "digest.pulse.too_few.one": "Muy pocas respuestas para mostrarlas: los resultados necesitan al menos 1 "
    "respuesta de cada lado.",
    "digest.pulse.too_few.other": "Muy pocas respuestas para mostrarlas: los resultados necesitan al menos {count} "
    "respuestas de cada lado.",
    "digest.pulse.comments": "Lo que se agregó ({count}), sin nombres y sin un orden particular",
    # lo que cambió desde hace cuatro semanas (o rondas)
    "digest.trend.heading": ":left_right_arrow: Comparado con hace {weeks} semanas",
    "digest.trend.note": "La semana del resumen frente a la de {weeks} semanas antes; la ronda más reciente del "
    "pulso con respuestas suficientes frente a la de {weeks} rondas antes.",
    "digest.trend.gap.narrowed.one": "La brecha del pulso entre los lados se redujo de *{was}* a *{now}* en 1 ronda",
    "digest.trend.gap.narrowed.other": "La brecha del pulso entre los lados se redujo de *{was}* a *{now}* en "
    "{count} rondas",
    "digest.trend.gap.widened.one": "La brecha del pulso entre los lados se amplió de *{was}* a *{now}* en 1 ronda",
    "digest.trend.gap.widened.other": "La brecha del pulso entre los lados se amplió de *{was}* a *{now}* en "
    "{count} rondas",
    "digest.trend.gap.unchanged.one": "La brecha del pulso entre los lados se mantuvo en *{now}* durante 1 ronda",
    "digest.trend.gap.unchanged.other": "La brecha del pulso entre los lados se mantuvo en *{now}* durante "
    "{count} rondas",
    "digest.trend.gap.too_few.one": "Todavía no se puede comparar la brecha del pulso: pocas rondas tuvieron al "
    "menos 1 respuesta de cada lado.",
    "digest.trend.gap.too_few.other": "Todavía no se puede comparar la brecha del pulso: pocas rondas tuvieron al "
    "menos {count} respuestas de cada lado.",
    "digest.trend.accept.changed": "{helper} ahora acepta las solicitudes de {asker} en *{now}*; antes, en {was}",
    "digest.trend.accept.unchanged": "{helper} sigue aceptando las solicitudes de {asker} en *{now}*, como hace "
    "{weeks} semanas",
    "digest.trend.close.changed": "{helper} ahora termina las solicitudes de {asker} en *{now}*; antes, en {was}",
    "digest.trend.close.unchanged": "{helper} sigue terminando las solicitudes de {asker} en *{now}*, como hace "
    "{weeks} semanas",
    "digest.trend.kept.rose": "Los compromisos cumplidos a tiempo subieron del {was} al *{now}* en {weeks} semanas",
    "digest.trend.kept.fell": "Los compromisos cumplidos a tiempo bajaron del {was} al *{now}* en {weeks} semanas",
    "digest.trend.kept.unchanged": "Los compromisos cumplidos a tiempo se mantienen en *{now}*, como hace {weeks} "
    "semanas",
    "digest.trend.kpis": "KPIs compartidos en meta: *{on_track} de {total}*; antes, {was_on_track} de {was_total}",
    "digest.trend.shadow.one": "1 pareja de acompañamiento compartió aprendizajes en las últimas {weeks} semanas; "
    "{before} en las {weeks} semanas anteriores",
    "digest.trend.shadow.other": "{count} parejas de acompañamiento compartieron aprendizajes en las últimas "
    "{weeks} semanas; {before} en las {weeks} semanas anteriores",
    "digest.trend.empty": "Todavía no hay nada que comparar: las líneas necesitan solicitudes, compromisos o KPIs "
    "compartidos en la semana del resumen y en la de {weeks} semanas antes, o dos rondas del pulso cerradas.",
    "digest.trend.picture_sent": "La imagen está en tu mensaje directo con Alinea.",
    "digest.trend.picture_unavailable": "Esta vez no se pudo dibujar o enviar la imagen.",
    # la imagen de la tendencia (resúmenes a líderes y `/digest trend`)
    "digest.picture.title": "Mercadotecnia y TI en las últimas {weeks} semanas",
    "digest.picture.comment": "La tendencia en una imagen: el pulso de cada lado y la brecha entre ellos por ronda; "
    "luego, semana a semana, el tiempo para aceptar solicitudes, los compromisos cumplidos a tiempo y los KPIs "
    "compartidos en meta.",
    # el texto de la notificación
    "digest.fallback.asks": "solicitudes nuevas: {opened}, cerradas: {closed}, vencidas: {overdue}",
    "digest.fallback.kept": "compromisos cumplidos a tiempo: {rate}",
    "digest.fallback.kpis": "KPIs: {count}",
    "digest.fallback.syncs": "reuniones realizadas: {count}",
    "digest_cmd.subscribed": "Recibirás el resumen semanal por mensaje directo. `/digest preview` lo muestra ya.",
    "digest_cmd.unsubscribed": "Ya no recibirás el resumen semanal.",
    "digest_cmd.configured": "El resumen sale cada semana; el próximo {next}, por mensaje directo a quienes se "
    "suscribieron y {where}.",
    "digest_cmd.dm_only": "a ningún canal",
    "error.digest_leaders_only": "Solo líderes y administradores pueden suscribirse al resumen, verlo antes o ver su tendencia.",
}
