"""Commitments and the daily reminder."""

CATALOG: dict[str, str] = {
    "commitment.for_ask": "for {ref}",
    "commitment.overdue": "overdue",
    "commitment.created": "Committed *{ref}*, due {due}:",
    "commitment.kept": ":white_check_mark: *{ref}* done on time: kept.",
    "commitment.late": ":ballot_box_with_check: *{ref}* done, after its due date: late.",
    "commitment.cancelled": "*{ref}* is cancelled.",
    "commitment.list.mine": "Your open commitments ({count})",
    "commitment.list.overdue": "Overdue commitments ({count})",
    "commitment.list.side": "Your side's open commitments ({count})",
    "commitment.list.empty": "Nothing open here.",
    "reminder.title": "Your commitments: {counts}",
    "reminder.overdue.one": "1 overdue",
    "reminder.overdue.other": "{count} overdue",
    "reminder.due_today.one": "1 due today",
    "reminder.due_today.other": "{count} due today",
    "reminder.due_tomorrow.one": "1 due tomorrow",
    "reminder.due_tomorrow.other": "{count} due tomorrow",
    "reminder.row.due_today": "*due today*",
    "reminder.row.due_tomorrow": "due tomorrow",
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
    # undo and reopen
    "commitment.undo": "Undo",
    "commitment.undo_hint": "By mistake? Undo within 10 minutes; after that, `/commit reopen {ref}`.",
    "commitment.reopened": "*{ref}* is open again, due {due}.",
    "commitment.mark.kept": "done on time: kept",
    "commitment.mark.late": "done, late",
    "error.commitment_not_closed": "{ref} is open: there is nothing to reopen.",
    "error.commitment_undo_too_late": "Too late to undo: {ref} was closed more than 10 minutes ago. Reopen it with "
    "`/commit reopen {ref}`.",
    "error.commitment_changed_since": "{ref} has changed since this message: see `/commit list`.",
    "error.commitment_ask_closed": "{ref} is for {ask}, which is closed: reopen the ask with `/ask reopen {ask}` "
    "and its commitment comes back with it.",
    # DMs about commitments
    "commitment.dm.from_sync": "<@{user}> recorded what you committed to in *{sync}*:",
    "commitment.dm.from_sync_hint": "Press Done when it's done. `/commit list` shows all of yours.",
    "commitment.dm.cancel_owner": "<@{user}> cancelled your commitment *{ref}* · {text}.",
    "commitment.dm.cancel_recorded": "<@{user}> cancelled *{ref}* · {text} (<@{owner}>'s), which you recorded in a "
    "sync's outcome.",
    "commitment.dm.reopen_owner": "<@{user}> reopened your commitment *{ref}* · {text}: it is due {due}.",
    "commitment.dm.reopen_recorded": "<@{user}> reopened *{ref}* · {text} (<@{owner}>'s), which you recorded in a "
    "sync's outcome: it is due {due}.",
}
