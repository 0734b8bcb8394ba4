"""Inicio de la app."""

CATALOG: dict[str, str] = {
    "home.title": "Alinea: mercadotecnia y TI, un solo equipo",
    "home.button.new_ask": "Nueva solicitud",
    "home.button.log_kpi": "Registrar KPI",
    "home.my_asks": "Tus solicitudes abiertas",
    "home.waiting": "Solicitudes que esperan a tu lado",
    "home.commitments": "Tus compromisos",
    "home.kpis": "KPIs compartidos",
    "home.next_sync": "Tu próxima reunión",
    "home.shadowing": "Tu asignación en la rotación",
    "home.none": "Nada por ahora.",
    "home.no_kpis": "Todavía no hay KPIs.",
    "home.no_sync": "No tienes reuniones programadas.",
    "home.no_shadowing": "Sin asignación en esta ronda. `/shadow join` para participar.",
    "home.modal.heading": "Registrar un KPI",
    "home.modal.submit": "Registrar",
    "home.modal.kpi": "KPI",
    "home.modal.value": "Valor de hoy",
    "home.modal.note": "Nota",
}
