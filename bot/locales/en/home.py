"""App Home."""

CATALOG: dict[str, str] = {
    "home.title": "Alinea: marketing and IT, one team",
    "home.button.new_ask": "New ask",
    "home.button.log_kpi": "Log KPI",
    "home.welcome": "*Welcome to Alinea.* Marketing and IT work here as one team: ask the other side for what you "
    "need and follow it to done, keep commitments, share KPIs, meet in regular syncs and spend time in each "
    "other's work. Which side are you on?",
    "home.welcome_hint": "You can move to the other side later with `/alinea join`. `/alinea help` lists every "
    "command.",
    "home.button.join_marketing": "Join Marketing",
    "home.button.join_it": "Join IT",
    "home.my_asks": "Your open asks",
    "home.waiting": "Asks waiting for your side",
    "home.commitments": "Your commitments",
    "home.kpis": "Shared KPIs",
    "home.next_sync": "Your next sync",
    "home.shadowing": "Your shadowing assignment",
    "home.none": "Nothing right now.",
    "home.more": "…and {count} more: `{command}` shows them all.",
    "home.no_kpis": "No KPIs yet.",
    "home.no_sync": "No sync scheduled with you.",
    "home.no_shadowing": "No assignment this round. `/shadow join` to take part.",
    "home.modal.heading": "Log a KPI value",
    "home.modal.submit": "Log",
    "home.modal.kpi": "KPI",
    "home.modal.value": "Value",
    "home.modal.date": "Day",
    "home.modal.none": "There is no KPI you can log: members log their side's KPIs and the shared ones, and leaders "
    "define them with `/kpi define`.",
    "error.kpi_day_too_early": "Values are logged for a day from {earliest} to today.",
    "home.modal.note": "Note",
    "home.dm.waiting": "Here is what is waiting for you:",
    "home.dm.nothing": "Nothing is waiting for you right now.",
    "home.dm.newcomer": "You are not on a side yet: `/alinea join marketing` or `/alinea join it`.",
    "home.dm.commands": "Ask the other side with `/ask`, make a commitment with `/commit`, see the KPIs with "
    "`/kpi list`; `/alinea help` lists every command, and the *Home* tab shows all of it.",
}
