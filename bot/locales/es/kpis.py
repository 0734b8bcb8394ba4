"""KPIs compartidos."""

CATALOG: dict[str, str] = {
    "kpi.status.on_track": "En curso",
    "kpi.status.at_risk": "En riesgo",
    "kpi.status.off_track": "Fuera de meta",
    "kpi.status.stale": "Sin datos recientes",
    "kpi.target.up": "meta ≥ {target}",
    "kpi.target.down": "meta ≤ {target}",
    "kpi.owner.marketing": "Mercadotecnia",
    "kpi.owner.it": "TI",
    "kpi.owner.shared": "ambos lados",
    "kpi.cadence.weekly": "cada semana",
    "kpi.cadence.monthly": "cada mes",
    "kpi.direction.up": "Más alto es mejor",
    "kpi.direction.down": "Más bajo es mejor",
    "kpi.no_values": "aún sin valores",
    "kpi.list.title": "KPIs compartidos ({count})",
    "kpi.list.empty": "Todavía no hay KPIs. Los líderes los definen con `/kpi define`.",
    "kpi.field.latest": "Último valor",
    "kpi.field.target": "Meta",
    "kpi.field.status": "Estado",
    "kpi.field.change": "Cambio respecto al valor anterior",
    "kpi.field.owner": "Responsable",
    "kpi.field.cadence": "Se mide",
    "kpi.change.better": ":arrow_up_small: mejor",
    "kpi.change.worse": ":arrow_down_small: peor",
    "kpi.archived_note": "archivado",
    "kpi.chart_sent": "La gráfica está en tu mensaje directo con Alinea.",
    "kpi.chart_unavailable": "Esta vez no se pudo dibujar la gráfica.",
    "kpi.chart_comment": "{name}, {target}",
    "kpi.chart_target": "meta {target}",
    "kpi.defined": "Definí *{name}* (`{slug}`): {target}, a cargo de {owner}, se mide {cadence}.",
    "kpi.redefined": "Actualicé *{name}* (`{slug}`): {target}, a cargo de {owner}, se mide {cadence}.",
    "kpi.defined_hint": "Registra valores con `/kpi log {slug} <valor>`; míralos con `/kpi show {slug}`.",
    "kpi.logged": "Registré {value} para *{name}* el {day}.",
    "kpi.replaced": "Reemplaza el {value} registrado antes para ese día.",
    "kpi.archived": "Archivé *{name}* (`{slug}`). Sus valores se conservan; defínelo de nuevo para recuperarlo.",
    "kpi.modal.heading": "Definir un KPI",
    "kpi.modal.submit": "Definir",
    "kpi.modal.name": "Nombre",
    "kpi.modal.name_hint": "p. ej. Tasa de conversión de leads",
    "kpi.modal.slug": "Nombre corto para comandos",
    "kpi.modal.target": "Meta",
    "kpi.modal.unit": "Unidad",
    "kpi.modal.direction": "Qué dirección es buena",
    "kpi.modal.owner": "Quién lo registra",
    "kpi.modal.cadence": "Cada cuánto se mide",
    "error.kpi_not_found": "No hay ningún KPI `{slug}`. `/kpi list` los muestra todos.",
    "error.kpi_leaders_only": "Solo líderes y administradores pueden definir o archivar KPIs.",
    "error.kpi_log_who": "Solo integrantes del lado responsable de `{slug}` ({owner}) pueden registrarlo.",
    "error.kpi_archived": "`{slug}` está archivado. Un líder puede definirlo de nuevo para recuperarlo.",
    "error.kpi_unit_mismatch": "`{slug}` se mide en {unit}, así que un valor en {given} no corresponde.",
    "error.kpi_future_date": "Esa fecha aún no llega: registra valores de hoy o anteriores.",
    "error.kpi_slug_form": "Usa minúsculas, dígitos y guiones, hasta 40, como `conversion-leads`.",
    "error.kpi_target_form": "Escribe un número, como 3.5%, 1,200, 12.5k o $40k.",
    "error.kpi_target_unit": "El símbolo de la meta no coincide con la unidad {unit}.",
    "error.kpi_needs_slug": "`{word}` necesita la clave de un KPI, como `/kpi {word} mql`. `/kpi list` muestra "
    "todos los KPIs con su clave.",
    "error.kpi_bad_slug": "`{word}` no es una clave de KPI válida. Una clave tiene hasta 40 letras minúsculas, "
    "dígitos y guiones, y empieza con una letra o un dígito, como `mql-a-sql`.",
    "error.kpi_needs_name": "Ponle un nombre al KPI después de su clave, entre comillas, como "
    "`/kpi define {slug} \"Leads calificados por marketing\" target:300`.",
    "error.kpi_name_too_long": "El nombre tiene {length} caracteres; el máximo es {limit}.",
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
    "error.kpi_log_needs_value": "Indica el valor que quieres registrar después de la clave, como "
    "`/kpi log {slug} 3.2%` o `/kpi log {slug} 1,234`.",
    "error.kpi_date_range": "`{word}` está fuera de rango: los valores se registran para un día entre el {earliest} "
    "y hoy ({today}), como `date:ayer` (un día de la semana como `vie` se refiere al próximo).",
}
