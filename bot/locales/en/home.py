"""App Home."""

CATALOG: dict[str, str] = {
    "home.title": "Alinea: marketing and IT, one team",
    "home.button.new_ask": "New ask",
    "home.button.log_kpi": "Log KPI",
    "home.my_asks": "Your open asks",
    "home.waiting": "Asks waiting for your side",
    "home.commitments": "Your commitments",
    "home.kpis": "Shared KPIs",
    "home.next_sync": "Your next sync",
    "home.shadowing": "Your shadowing assignment",
    "home.none": "Nothing right now.",
    "home.no_kpis": "No KPIs yet.",
    "home.no_sync": "No sync scheduled with you.",
    "home.no_shadowing": "No assignment this round. `/shadow join` to take part.",
    "home.modal.heading": "Log a KPI value",
    "home.modal.submit": "Log",
    "home.modal.kpi": "KPI",
    "home.modal.value": "Today’s value",
    "home.modal.note": "Note",
}
