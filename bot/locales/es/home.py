"""Inicio de la app."""

CATALOG: dict[str, str] = {
    "home.title": "Alinea: mercadotecnia y TI, un solo equipo",
    "home.button.new_ask": "Nueva solicitud",
    "home.button.log_kpi": "Registrar KPI",
    "home.welcome": "*Te damos la bienvenida a Alinea.* Mercadotecnia y TI trabajan aquí como un solo equipo: pide "
    "al otro lado lo que necesitas y síguelo hasta terminarlo, cumple compromisos, comparte KPI, reúnanse en "
    "sincronizaciones periódicas y pasa tiempo en el trabajo del otro lado. ¿En qué lado estás?",
    "home.welcome_hint": "Más adelante puedes pasarte al otro lado con `/alinea join`. `/alinea help` muestra todos "
    "los comandos.",
    "home.button.join_marketing": "Unirme a Mercadotecnia",
    "home.button.join_it": "Unirme a TI",
    "home.my_asks": "Tus solicitudes abiertas",
    "home.waiting": "Solicitudes que esperan a tu lado",
    "home.commitments": "Tus compromisos",
    "home.kpis": "KPIs compartidos",
    "home.next_sync": "Tu próxima reunión",
    "home.shadowing": "Tu asignación en la rotación",
    "home.none": "Nada por ahora.",
    "home.more": "…y {count} más: `{command}` muestra la lista completa.",
    "home.no_kpis": "Todavía no hay KPIs.",
    "home.no_sync": "No tienes reuniones programadas.",
    "home.no_shadowing": "Sin asignación en esta ronda. `/shadow join` para participar.",
    "home.modal.heading": "Registrar un KPI",
    "home.modal.submit": "Registrar",
    "home.modal.kpi": "KPI",
    "home.modal.value": "Valor",
    "home.modal.date": "Día",
    "home.modal.none": "No hay ningún KPI que puedas registrar: cada miembro registra los KPI de su lado y los "
    "compartidos, y los líderes los definen con `/kpi define`.",
    "error.kpi_day_too_early": "Los valores se registran para un día entre el {earliest} y hoy.",
    "home.modal.note": "Nota",
    "home.dm.waiting": "Esto es lo que te espera:",
    "home.dm.nothing": "Por ahora no hay nada esperándote.",
    "home.dm.newcomer": "Todavía no estás en un lado: `/alinea join marketing` o `/alinea join it`.",
    "home.dm.commands": "Pide algo al otro lado con `/ask`, asume un compromiso con `/commit`, mira los KPIs con "
    "`/kpi list`; `/alinea help` lista todos los comandos, y la pestaña *Inicio* lo muestra todo.",
}
