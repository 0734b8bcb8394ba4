"""Spanish texts: option keys, categories and dates as people type them."""

CATALOG: dict[str, str] = {
    # Formas de fecha que se leen, para las pistas de error; {iso}, {numeric} y {named} son fechas desde el hoy de
    # quien lee.
    "typed.date_examples": "{iso}, mañana, vie, {numeric}, {named}, próximo viernes, +3d",
    "typed.log_date_examples": "{iso}, hoy, ayer, {numeric}, {named}, -3d, -2w",
    "typed.named_day": "{day} {month}",
    "error.unknown_option": "`{word}` no es una opción aquí; las opciones son {options}. Para dejar `{word}` como "
    'texto, escríbelo entre comillas: `"{word}"`.',
}
