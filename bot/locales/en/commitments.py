"""Commitments and the daily reminder."""

CATALOG: dict[str, str] = {
    "commitment.for_ask": "for {ref}",
    "commitment.created": "Committed *{ref}*, due {due}:",
    "commitment.kept": ":white_check_mark: *{ref}* done on time: kept.",
    "commitment.late": ":ballot_box_with_check: *{ref}* done, after its due date: late.",
    "commitment.cancelled": "*{ref}* is cancelled.",
    "commitment.list.mine": "Your open commitments ({count})",
    "commitment.list.overdue": "Overdue commitments ({count})",
    "commitment.list.side": "Your side's open commitments ({count})",
    "commitment.list.empty": "Nothing open here.",
    "reminder.title": "{count} commitment(s) due by tomorrow, {overdue} overdue",
    "reminder.footer": "Press Done when it's done. `/commit list` shows all of yours.",
    "error.commit_needs_due": "A commitment needs a due date: add `due:` with a date, like `due:fri`, "
    "`due:+2w` or `due:2026-12-01`.",
    "error.commitment_needs_text": "Say what you commit to, like `/commit Ship the tracking plan due:fri`.",
    "error.commitment_too_long": "The commitment has {length} characters; keep it to {limit}.",
    "error.needs_commitment_id": "`{word}` needs a commitment ID, like `C-7`. To record a commitment whose text "
    "starts with “{word}”, put the whole text in quotes: `/commit \"{word} …\" due:DATE`.",
    "error.commit_list_word": "`{word}` is not a list filter. Use mine, overdue or side. To record a commitment "
    "whose text starts with “{subcommand}”, put the whole text in quotes.",
    "error.commitment_not_found": "There is no commitment {ref} in this workspace.",
    "error.commitment_change_who": "Only its owner (<@{owner}>), leaders or admins can change {ref}.",
    "error.commitment_already_done": "{ref} is already done.",
    "error.commitment_already_cancelled": "{ref} was cancelled.",
}
