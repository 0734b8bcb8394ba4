"""Errores al leer el texto de /kpi y los valores de los KPIs."""

CATALOG: dict[str, str] = {
    # claves y nombres
    "error.kpi_needs_slug": "`{word}` necesita la clave de un KPI, como `/kpi {word} mql`. `/kpi list` muestra "
    "todos los KPIs con su clave.",
    "error.kpi_bad_slug": "`{word}` no es una clave de KPI válida. Una clave tiene hasta 40 letras minúsculas, "
    "dígitos y guiones, y empieza con una letra o un dígito, como `mql-a-sql`.",
    "error.kpi_needs_name": "Ponle un nombre al KPI después de su clave, entre comillas, como "
    "`/kpi define {slug} \"Leads calificados por marketing\" target:300`.",
    "error.kpi_name_too_long": "El nombre tiene {length} caracteres; el máximo es {limit}.",
    # opciones de define
    "error.kpi_needs_target": "Un KPI necesita una meta: agrega `target:` con un número, como "
    "`/kpi define {slug} \"…\" target:300` o `target:3.2%`.",
    "error.kpi_bad_number": "No puedo leer `{word}` como número. Prueba con formas como: {examples}. "
    "Usa punto para los decimales y comas solo para separar los miles.",
    "error.kpi_unit_too_long": "La unidad tiene {length} caracteres; el máximo es {limit}, como `unit:días` o "
    "`unit:%`.",
    "error.kpi_target_unit_conflict": "La meta está en `{symbol}`, pero `unit:` dice `{unit}`. "
    "Quita uno de los dos o haz que coincidan.",
    "error.kpi_bad_direction": "`{word}` no es una dirección. Usa `direction:up` (o subir) cuando más es mejor, "
    "o `direction:down` (o bajar) cuando menos es mejor.",
    "error.kpi_bad_owner": "`{word}` no es un responsable válido. Usa marketing (mkt, mercadotecnia), it (ti, tech) "
    "o shared (compartido).",
    "error.kpi_bad_cadence": "`{word}` no es una frecuencia. Usa `cadence:weekly` (semanal) o "
    "`cadence:monthly` (mensual).",
    # registro de valores
    "error.kpi_log_needs_value": "Indica el valor que quieres registrar después de la clave, como "
    "`/kpi log {slug} 3.2%` o `/kpi log {slug} 1,234`.",
    "error.kpi_date_in_future": "`{word}` es posterior a hoy. Los valores se registran para hoy o una fecha "
    "anterior, como `date:{example}` o `date:ayer` (un día de la semana como `vie` se refiere al próximo).",
}
