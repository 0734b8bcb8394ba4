"""Errors from parsing command text (dates, asks, commitments)."""

CATALOG: dict[str, str] = {
    # dates and options
    "error.bad_date": "`{word}` is not a date I can read. Try one of: {examples} (at most +3650d or +520w ahead).",
    "error.date_in_past": "`{word}` is in the past. Pick today or a later date.",
    "error.empty_option": "`{option}` needs a value right after the colon, with no space, like `{example}`.",
    "error.repeated_option": "`{option}` can be given only once.",
    "error.unknown_priority": "`{word}` is not a priority. Use !low, !normal, !high or !urgent. "
    "To keep the word in the title, put it in quotes.",
    "error.unknown_category": "`{word}` is not a category. Use one of: {categories}. "
    "To keep the word in the title, put it in quotes.",
    # asks
    "error.ask_needs_title": "An ask needs a title, like `/ask Landing page for the spring campaign to:it due:fri`.",
    "error.title_too_long": "The title has {length} characters; keep it to {limit}. "
    "Type `/ask` alone for a form with room for details.",
    "error.needs_ask_id": "`{word}` needs an ask ID, like `A-12`. To log an ask whose title starts with "
    "“{word}”, put the whole title in quotes: `/ask \"{word} …\"`.",
    "error.bad_ask_id": "`{word}` is not an ask ID. Ask IDs look like `A-12`.",
    "error.ask_list_word": "`{word}` is not a list filter. Use open, mine, overdue or all, and optionally "
    "to:marketing or to:it. To log an ask whose title starts with “{subcommand}”, put the whole title in quotes.",
    "error.decline_needs_reason": "Say why you are declining, after the ID: `/ask decline A-12 <reason>`.",
    "error.comment_too_long": "That reason or note has {length} characters; keep it to {limit}.",
    # commitments
    "error.commit_needs_due": "A commitment needs a due date: add `due:` with a date, like `due:fri`, "
    "`due:+2w` or `due:2026-12-01`.",
    "error.commitment_needs_text": "Say what you commit to, like `/commit Ship the tracking plan due:fri`.",
    "error.commitment_too_long": "The commitment has {length} characters; keep it to {limit}.",
    "error.needs_commitment_id": "`{word}` needs a commitment ID, like `C-7`. To record a commitment whose text "
    "starts with “{word}”, put the whole text in quotes: `/commit \"{word} …\" due:DATE`.",
    "error.commit_list_word": "`{word}` is not a list filter. Use mine, overdue or side. To record a commitment "
    "whose text starts with “{subcommand}”, put the whole text in quotes.",
}
