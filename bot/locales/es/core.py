"""Textos comunes a todas las funciones: lados, ayuda, equipo, errores generales."""

CATALOG: dict[str, str] = {
    # lados y roles
    "side.marketing": "Mercadotecnia",
    "side.it": "TI",
    "role.member": "integrante",
    "role.leader": "líder",
    # ayuda y uso
    "help.title": "Alinea: mercadotecnia y TI, un solo equipo",
    "help.intro": "Registra solicitudes entre los dos lados, cumple compromisos, comparte KPIs, reúnanse con "
    "ritmo y acompañen el trabajo del otro. Escribe `help` después de cualquier comando para ver sus detalles.",
    "help.not_on_a_side": "Todavía no estás en ningún lado. Empieza con `/alinea join marketing` o "
    "`/alinea join it`.",
    "help.your_side": "Estás en el lado de *{side}* como {role}.",
    "usage.title": "Cómo usar {command}",
    "help.alinea_heading": "*Subcomandos de `/alinea`*",
    "usage.alinea": "`/alinea help` muestra todos los comandos; `/alinea join|team|pulse|avisos|ajustes help` "
    "explica uno\n"
    "`/alinea join marketing|it` te pone en un lado (alias: mkt, mercadotecnia, ti, tech)\n"
    "`/alinea team` muestra los dos lados\n"
    "`/alinea team add @persona marketing|it [leader]` (administradores)\n"
    "`/alinea team remove @persona` (administradores)\n"
    "`/alinea pulse config cada:Nw en:<día> hora:HH:MM`, `/alinea pulse run` (administradores)\n"
    "`/alinea avisos` muestra los mensajes directos que recibes; `/alinea avisos off "
    "solicitudes|asignadas|reuniones|equipo|todo` apaga algunos, `on` los vuelve a encender\n"
    "`/alinea ajustes` (o `/alinea settings`) muestra y cambia el canal, la zona horaria, el idioma, la hora de los "
    "recordatorios, el día y la hora del resumen y del pulso, y los avisos por defecto del espacio de trabajo "
    "(administradores)",
    "help.about.join": "Te pone en el lado de mercadotecnia o en el de TI, para que puedas registrar solicitudes, "
    "cumplir compromisos y registrar KPIs. Si un administrador te quitó de tu lado, solo un administrador puede "
    "volver a agregarte.",
    "help.about.team": "Muestra los dos lados, primero los líderes. Los administradores ponen a las personas en un "
    "lado como integrantes o líderes, y las quitan; quien fue quitado no puede volver por su cuenta hasta que un "
    "administrador lo agregue de nuevo.",
    "help.about.pulse": "El pulso de alineación pregunta por mensaje directo a cada integrante con lado qué tan "
    "colaborativa y productiva es la relación entre mercadotecnia y TI (de 1 a 5, con un comentario opcional). Las "
    "respuestas son anónimas; los promedios por lado se muestran cuando cada lado tiene al menos 3 respuestas. Los "
    "administradores fijan su ritmo y pueden iniciar una ronda ahora.",
    "help.about.notify": "Qué mensajes directos sobre cambios recibes. Todos los tipos están activados hasta que los "
    "apagues (salvo que un administrador haya apagado alguno para quien no eligió, en `/alinea ajustes`); nunca "
    "recibes un aviso de lo que hiciste tú.",
    "usage.alinea.join": "`/alinea join marketing|it`",
    "usage.alinea.team": "`/alinea team`, `/alinea team add @persona marketing|it [leader]`, "
    "`/alinea team remove @persona`",
    "usage.alinea.team_add": "`/alinea team add @persona marketing|it [leader]`",
    "usage.alinea.team_remove": "`/alinea team remove @persona`",
    "usage.alinea.notify": "`/alinea avisos` (o `/alinea notify`) muestra los tipos de mensajes directos que "
    "recibes; `/alinea avisos off solicitudes|asignadas|reuniones|todo` los apaga, `/alinea avisos on …` los "
    "vuelve a encender; `equipo` es el aviso de cuando un administrador te pone en un lado",
    "usage.ask": "`/ask` abre el formulario de nueva solicitud\n"
    "`/ask <título> [para:marketing|ti] [@responsable] [vence:FECHA] [!prioridad] [#categoría]` registra una "
    "solicitud al otro lado\n"
    "`/ask list [open|mine|overdue|all] [para:LADO]`\n"
    "`/ask show A-12`, `/ask accept A-12 [vence:FECHA]`, `/ask decline A-12 <motivo>`, "
    "`/ask done A-12 [nota]`, `/ask cancel A-12` (o `/ask withdraw A-12`: quien la pidió la retira)\n"
    "`/ask reopen A-12 [motivo]` reabre una solicitud cerrada por error\n"
    "FECHA: `31/12`, `5 dic`, `vie`, `próximo viernes`, `fin de mes`, `en 3 días`, `+3d` o `2026-12-31`. "
    "Las opciones valen también en inglés (`to:`, `due:`); para dejar `clave:valor` en el título, escríbelo "
    "entre comillas.",
    "usage.commit": "`/commit <texto> vence:FECHA [solicitud:A-12]` registra un compromiso (o en inglés: `due:`, "
    "`for:`)\n"
    "`/commit list [mine|overdue|side]`, `/commit done C-7`, `/commit cancel C-7`, `/commit reopen C-7`",
    "usage.kpi": "`/kpi` o `/kpi list` muestra todos los KPIs compartidos\n"
    '`/kpi define <clave> "<nombre>" objetivo:NÚMERO [unidad:UNIDAD] [dirección:sube|baja] '
    "[dueño:marketing|ti|compartido] [frecuencia:semanal|mensual]` (líderes)\n"
    "`/kpi log <clave> <valor> [fecha:FECHA] [nota]`, `/kpi show <clave>`, `/kpi archive <clave>`\n"
    "Las opciones valen también en inglés (`target:`, `unit:`, `direction:`, `owner:`, `cadence:`, `date:`)",
    "usage.sync": '`/sync schedule "<nombre>" <día> <HH:MM> [cada:Nw] [zona:IANA] con @a @b [canal:#canal] '
    "[recordar:Nh]` (líderes; en inglés: `every:`, `tz:`, `with`, `in:`, `remind:`)\n"
    "`/sync list`, `/sync cancel S-3`, `/sync topic [S-3] <texto>`, `/sync agenda [S-3]`, "
    "`/sync history [S-3]`",
    "usage.shadow": "`/shadow join [host|visitor|both]`, `/shadow leave`, `/shadow pause hasta:FECHA`, "
    "`/shadow status`\n"
    "Líderes: `/shadow config cada:Nw en:<día> hora:HH:MM [seguimiento:Nd]`, `/shadow run`, `/shadow stats`\n"
    "Las opciones valen también en inglés (`until:`, `every:`, `on:`, `at:`, `followup:`)",
    "usage.digest": "`/digest preview`, `/digest trend` (o `tendencia`), `/digest subscribe`, `/digest unsubscribe` (líderes)\n"
    "`/digest config <día> <HH:MM> [zona:IANA] [canal:#canal]` (administradores; en inglés: `tz:`, `in:`)",
    "help.commands": "*Comandos*\n"
    "`/ask`: solicitudes entre mercadotecnia y TI\n"
    "`/commit`: compromisos con fecha\n"
    "`/kpi`: KPIs compartidos, sus valores y tendencias\n"
    "`/sync`: reuniones periódicas CIO–CMO con agenda\n"
    "`/shadow`: rotación para acompañar el trabajo del otro lado\n"
    "`/digest`: el resumen semanal para líderes\n"
    "`/alinea`: lados y equipo, el pulso de alineación y tus avisos (abajo)",
    # equipo
    "team.joined": "Ahora estás en el lado de *{side}*. ¡Te damos la bienvenida!",
    "team.already": "Ya estás en el lado de *{side}*.",
    "team.moved": "Pasaste de *{old}* a *{side}*.",
    "team.added": "<@{user}> ahora está en el lado de *{side}* como {role}.",
    "team.removed": "<@{user}> ya no está en ningún lado. No puede volver por su cuenta: para que vuelva, un "
    "administrador usa `/alinea team add`.",
    "team.dm.added": "<@{user}> te puso en el lado de *{side}* como {role}. ¡Te damos la bienvenida a Alinea!",
    "team.dm.changed": "<@{user}> cambió tu lugar en Alinea: ahora estás en el lado de *{side}* como {role}.",
    "team.dm.now": "Lo que puedes hacer ahora: registrar una solicitud al otro lado con `/ask`, y abrir la pestaña "
    "*Inicio* de Alinea para ver lo que te espera a ti y a tu lado.",
    "team.dm.leader": "Como líder también puedes definir KPIs compartidos (`/kpi define`), programar reuniones "
    "(`/sync schedule`), organizar la rotación para acompañar al otro lado (`/shadow config`) y recibir el resumen "
    "semanal (`/digest subscribe`).",
    "team.dm.help": "`/alinea help` muestra todos los comandos.",
    "team.title": "El equipo",
    "team.side_heading": "*{side}* ({count})",
    "team.side_empty": "Nadie todavía.",
    "team.leader_tag": "líder",
    "team.since": "desde {date}",
    "list.more": "…y {count} más",
    # avisos
    "notify.title": "Tus avisos",
    "notify.kind.asks": "solicitudes",
    "notify.kind.owned": "asignadas",
    "notify.kind.sync": "reuniones",
    "notify.about.asks": "Las solicitudes que pediste: aceptadas (quién se encarga y para cuándo), rechazadas "
    "(por qué), hechas, reabiertas.",
    "notify.about.owned": "Solicitudes y compromisos a tu cargo: cuando te nombran responsable, cuando otra persona "
    "la toma, cuando se cancelan o se reabren.",
    "notify.about.sync": "Compromisos del resultado de una reunión de sync: los que te asignan, o los que "
    "registraste y luego se cancelan.",
    "notify.kind.team": "equipo",
    "notify.about.team": "Tu lugar en un lado: un administrador te puso en uno, te cambió de lado o te cambió el rol.",
    "notify.kind.kpis": "kpis",
    "notify.about.kpis": "Para líderes: los KPI de tu lado cuyo valor toca registrar y falta.",
    "notify.kinds": "`solicitudes`, `asignadas`, `reuniones`, `equipo`, `kpis` o `todo`",
    "notify.on": "activados",
    "notify.off": "apagados",
    "notify.how": "Apaga un tipo con `/alinea avisos off solicitudes` (o `asignadas`, `reuniones`, `equipo`, `kpis`, `todo`); "
    "vuelve a encenderlo con `/alinea avisos on solicitudes`. Nunca recibes un aviso de lo que hiciste tú.",
    "notify.changed_off": "Apagados: {kinds}.",
    "notify.changed_on": "Activados: {kinds}.",
    "notify.footer": "¿No quieres estos avisos? `/alinea avisos off {kind}`",
    "error.notify_on_or_off": "`{word}` no es `on` ni `off`. Escribe `/alinea avisos off solicitudes` o "
    "`/alinea avisos on solicitudes`.",
    "error.notify_needs_kind": "Di qué tipo: {kinds}.",
    "error.notify_unknown_kind": "`{word}` no es un tipo de aviso. Usa uno de estos: {kinds}.",
    # errores
    "error.title": "Eso no funcionó",
    "error.right_form": "La forma correcta: {usage}",
    "error.unclosed_quote": "Quedó una comilla abierta. Ciérrala con otra `\"`.",
    "error.unknown_subcommand": "No conozco `{word}` aquí.",
    "error.join_needs_side": "Di a qué lado te unes: marketing o it.",
    "error.unknown_side": "`{word}` no es un lado. Usa marketing (mkt, mercadotecnia) o it (ti, tech).",
    "error.needs_one_mention": "Menciona exactamente a una persona, como @maria.",
    "error.team_add_form": "Indica una persona, un lado y, si quieres, `leader`.",
    "error.not_a_mention": "`{word}` no es la mención de una persona. Escribe @ y elige a alguien.",
    "error.unexpected_word": "No esperaba `{word}` ahí.",
    "error.admins_only": "Solo los administradores pueden hacer eso: los de Alinea y los administradores y "
    "propietarios del espacio de trabajo. Pídeselo a un administrador del espacio de trabajo.",
    "error.removed_by_admin": "Un administrador te quitó de tu lado; pídele a un administrador del espacio de "
    "trabajo que te vuelva a agregar.",
    "error.not_a_member": "<@{user}> no está en ningún lado.",
    "error.bot_user": "<@{user}> es un bot o una app, no una persona.",
    "error.unexpected": "Algo falló de nuestro lado y no se cambió nada. Inténtalo de nuevo en un momento.",
    "error.after_change": "*{subject}* quedó guardado, pero algo que debía seguirle falló. Alinea lo terminará en "
    "un momento: no hace falta repetirlo.",
    "error.after_change_unnamed": "Tu cambio quedó guardado, pero algo que debía seguirle falló. Alinea lo "
    "terminará en un momento: no hace falta repetirlo.",
    "error.bad_date": "No puedo leer `{word}` como fecha. Prueba con alguna de estas: {examples} "
    "(también hoy, mañana o vie; como máximo +3650d o +520w hacia adelante).",
    "error.date_in_past": "`{word}` ya pasó. Elige hoy o una fecha posterior.",
    "error.date_too_far": "`{word}` está demasiado lejos: las fechas van de hoy al {latest} (cinco años).",
    "error.form_unreadable": "Alinea ya no puede leer este formulario. Ciérralo y vuelve a abrirlo.",
    "error.empty_option": "`{option}` necesita un valor justo después de los dos puntos, sin espacio, "
    "como `{example}`.",
    "error.repeated_option": "`{option}` solo se puede indicar una vez.",
    "error.bad_weekday": "`{word}` no es un día de la semana.",
    "error.rhythm_bad_every": "`{word}` no es un número de semanas de 1 a 12, como every:2w.",
    "error.rhythm_needs": "Falta `{option}`.",
    "error.bad_time": "No puedo leer `{word}` como hora. Usa el formato de 24 horas HH:MM, como `09:30` o "
    "`16:00`, o bien `9:30am` y `4pm`.",
    "error.bad_timezone": "No conozco la zona horaria `{word}`. Usa un nombre IANA, como "
    "`zona:America/Mexico_City`, `zona:Europe/Madrid` o `zona:UTC`, o no pongas `zona:` para usar la tuya.",
    # una primera palabra que parece un subcomando mal escrito (bot/lexer.py)
    "error.did_you_mean": "No conozco `{word}` aquí. ¿Quisiste decir `{suggestion}`?",
    "error.ask_mistyped": "¿Quisiste decir `{suggestion}`? Para registrar una solicitud titulada “{title}”, "
    "escribe `{form}`.",
    "error.ask_quote_title": "Para registrar una solicitud titulada “{title}”, escribe `{form}`; `/ask ayuda` "
    "muestra lo que hace /ask.",
    "error.commit_mistyped": "¿Quisiste decir `{suggestion}`? Para registrar un compromiso que diga “{text}”, "
    "escribe `{form}`.",
    "error.commit_quote_text": "Para registrar un compromiso que diga “{text}”, escribe `{form}`; `/commit ayuda` "
    "muestra lo que hace /commit.",
}
