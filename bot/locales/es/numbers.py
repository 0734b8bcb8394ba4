"""Spanish texts: numbers as people type and read them."""

CATALOG: dict[str, str] = {
    "error.kpi_number_unreadable": "No puedo leer `{word}` como número. Prueba con formas como: {examples}.",
    "error.kpi_number_form": "Escribe un número, como 3,5 %, 1.200, 12,5k o $40k.",
    "error.kpi_ambiguous_number": "¿Quisiste decir {thousands} o {decimals}? Ese separador puede marcar miles o "
    "decimales: escribe {thousands_typed} o {decimals_typed} para aclararlo.",
    "error.kpi_choice_unreadable": "Alinea ya no puede leer esta elección. Registra el valor de nuevo con "
    "`/kpi log`.",
    "kpi.value_choice.question": "¿Quisiste decir *{thousands}* o *{decimals}* para `{slug}`? Lo que escribiste se "
    "lee como miles en unos países y como decimales en otros, así que no registro nada hasta que elijas.",
    "kpi.value_choice.hint": "Para registrar sin esta pregunta, escribe {thousands_typed} o {decimals_typed}.",
    "kpi.chart_day": "{day} {month}",
}
