"""English texts: numbers as people type and read them."""

CATALOG: dict[str, str] = {
    "error.kpi_number_unreadable": "`{word}` is not a number I can read. Try forms like: {examples}.",
    "error.kpi_number_form": "Write a number, like 3.5%, 1,200, 12.5k or $40k.",
    "error.kpi_ambiguous_number": "Did you mean {thousands} or {decimals}? That separator can mark thousands or "
    "decimals: type {thousands_typed} or {decimals_typed} to say which.",
    "error.kpi_choice_unreadable": "Alinea can't read this choice any more. Log the value again with `/kpi log`.",
    "kpi.value_choice.question": "Did you mean *{thousands}* or *{decimals}* for `{slug}`? What you typed reads as "
    "thousands in some countries and as decimals in others, so nothing is logged until you choose.",
    "kpi.value_choice.hint": "To log without this question, type {thousands_typed} or {decimals_typed}.",
    "kpi.chart_day": "{month} {day}",
}
