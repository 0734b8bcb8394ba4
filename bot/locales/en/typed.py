"""English texts: option keys, categories and dates as people type them."""

CATALOG: dict[str, str] = {
    # Forms of a date the parser reads, for error hints; {iso}, {numeric} and {named} are dates from the reader's today.
    "typed.date_examples": "{iso}, tomorrow, fri, {numeric}, {named}, next friday, +3d",
    "typed.log_date_examples": "{iso}, today, yesterday, {numeric}, {named}, -3d, -2w",
    "typed.named_day": "{month} {day}",
    "error.unknown_option": "`{word}` is not an option here; the options are {options}. To keep `{word}` as text, "
    'put it in quotes: `"{word}"`.',
}
