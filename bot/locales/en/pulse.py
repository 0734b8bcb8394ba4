"""The alignment pulse."""

CATALOG: dict[str, str] = {
    "pulse.question": "How collaborative and productive is the marketing–IT relationship right now?",
    "pulse.scale": "1 = not at all · 5 = very much. Pulse round {round}; one answer per person, and you can change it "
    "until the round closes.",
    "pulse.thanks": "Thanks! You answered {score}. Press another number to change it.",
    "pulse.button.comment": "Add a comment",
    "pulse.anonymous": "Answers are kept without your name: only your side, the number and your comment. Leaders "
    "see a round only after it has closed, and only when each side has at least 3 answers: averages by side, and "
    "the comments without names.",
    "pulse.modal.heading": "Pulse comment",
    "pulse.modal.submit": "Save",
    "pulse.modal.comment": "Anything behind your answer? (kept without your name)",
    "pulse.comment_saved": "Your comment is saved, without your name.",
    "pulse.closed": "Pulse round {round} has closed, so this answer was not recorded. The next round will ask you "
    "again.",
    "pulse.configured.one": "The pulse goes out every week; next {next}.",
    "pulse.configured.other": "The pulse goes out every {count} weeks; next {next}.",
    "pulse.started.one": "Pulse round {round} is out: 1 person asked.",
    "pulse.started.other": "Pulse round {round} is out: {count} people asked.",
    "pulse.already.one": "Pulse round {round} was already out to 1 person.",
    "pulse.already.other": "Pulse round {round} was already out to {count} people.",
    "usage.alinea.pulse": "`/alinea pulse config every:Nw on:<weekday> at:HH:MM`, `/alinea pulse run` (admins)",
    "error.pulse_form": "Say what to do with the pulse: `config` or `run`.",
    "error.pulse_round_gone": "That pulse round is not in this workspace.",
    "error.pulse_answer_first": "Press a number first; then add your comment.",
    "error.pulse_round_closed": "Pulse round {round} has closed: it takes no more answers or comments.",
}
