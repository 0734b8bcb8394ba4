"""Errors from parsing /kpi text and KPI values."""

CATALOG: dict[str, str] = {
    # slugs and names
    "error.kpi_needs_slug": "`{word}` needs a KPI slug, like `/kpi {word} mql`. `/kpi list` shows every KPI "
    "with its slug.",
    "error.kpi_bad_slug": "`{word}` is not a KPI slug. A slug is up to 40 lowercase letters, digits and dashes, "
    "starting with a letter or digit, like `mql-to-sql`.",
    "error.kpi_needs_name": "Give the KPI a name after its slug, in quotes, like "
    "`/kpi define {slug} \"Marketing-qualified leads\" target:300`.",
    "error.kpi_name_too_long": "The name has {length} characters; keep it to {limit}.",
    # define options
    "error.kpi_needs_target": "A KPI needs a target: add `target:` with a number, like "
    "`/kpi define {slug} \"…\" target:300` or `target:3.2%`.",
    "error.kpi_bad_number": "`{word}` is not a number I can read. Try forms like: {examples}. "
    "Use a dot for decimals and commas only between thousands.",
    "error.kpi_unit_too_long": "The unit has {length} characters; keep it to {limit}, like `unit:days` or `unit:%`.",
    "error.kpi_target_unit_conflict": "The target is in `{symbol}` but `unit:` says `{unit}`. "
    "Drop one of them or make them agree.",
    "error.kpi_bad_direction": "`{word}` is not a direction. Use `direction:up` when higher is better or "
    "`direction:down` when lower is better.",
    "error.kpi_bad_owner": "`{word}` is not an owner. Use marketing (mkt, mercadotecnia), it (ti, tech) or shared.",
    "error.kpi_bad_cadence": "`{word}` is not a cadence. Use `cadence:weekly` or `cadence:monthly`.",
    # log
    "error.kpi_log_needs_value": "Give the value to log after the slug, like `/kpi log {slug} 3.2%` or "
    "`/kpi log {slug} 1,234`.",
    "error.kpi_date_in_future": "`{word}` is after today. Values are logged for today or an earlier date, like "
    "`date:{example}` or `date:yesterday` (a weekday such as `fri` means the next one).",
}
