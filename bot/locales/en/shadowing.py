"""Job-shadowing rotation."""

CATALOG: dict[str, str] = {
    "shadow.preference.host": "as a host",
    "shadow.preference.visitor": "as a visitor",
    "shadow.preference.both": "as a host or a visitor",
    "shadow.joined": "You're in the shadowing rotation, {preference}. You'll get a DM with your partner each round.",
    "shadow.left": "You've left the shadowing rotation. `/shadow join` brings you back.",
    "shadow.paused": "Paused: you'll be paired again from {day}.",
    "shadow.status.out": "You're not in the rotation. Join with `/shadow join [host|visitor|both]`.",
    "shadow.status.in": "You're in the rotation {preference}; so far you hosted {hosted} and visited {visited} times.",
    "shadow.status.paused": "Paused until {day}.",
    "shadow.status.current": "Round {round}: <@{visitor}> shadows <@{host}> ({status}).",
    "shadow.pair_status.assigned": "not done yet",
    "shadow.pair_status.done": "done",
    "shadow.pair_status.skipped": "skipped",
    "shadow.configured": "Rounds every {every} week(s); the next one {next}. Pairs with no news after {days} days "
    "get a reminder.",
    "shadow.round.run": "Round {round}: {pairs} pair(s), {left} left out (they come first next time).",
    "shadow.round.already": "Round {round} was already made: {pairs} pair(s), {left} left out.",
    "shadow.round.pair": "• <@{visitor}> shadows <@{host}> ({side})",
    "shadow.stats.title": "Shadowing so far",
    "shadow.stats.participants": "In the rotation",
    "shadow.stats.paused": "Paused or off a side",
    "shadow.stats.rounds": "Rounds",
    "shadow.stats.pairs": "Pairs",
    "shadow.stats.done": "Done, with learnings",
    "shadow.stats.skipped": "Skipped",
    "shadow.stats.asks": "Ideas turned into asks",
    "shadow.button.done": "Done — share learnings",
    "shadow.button.skip": "Skip this round",
    "shadow.dm": "Round {round}: <@{visitor}> shadows <@{host}> on the {side} side. Find two hours this week "
    "to sit in on real work.",
    "shadow.activities_title": "Ideas for a visit to {side}",
    "shadow.activities.marketing": "• Sit in on a campaign stand-up or a creative review\n"
    "• Watch how leads flow from a form into the CRM and to sales\n"
    "• Go through last month's campaign dashboard together\n"
    "• Join a customer call or read through recent feedback",
    "shadow.activities.it": "• Join an incident review or a sprint planning\n"
    "• Watch a release go from pull request to production\n"
    "• Walk through the data pipeline behind a marketing dashboard\n"
    "• Sit with the help desk for an hour",
    "shadow.dm_footer": "When you're done, share what surprised you and one idea to work better together.",
    "shadow.followup": "How did the shadowing go, <@{visitor}> and <@{host}>? Share your learnings or skip this round.",
    "shadow.left_out": "No partner for you in round {round}: the sides were uneven. You'll be first in line next round.",
    "shadow.modal.heading": "Shadowing learnings",
    "shadow.modal.submit": "Share",
    "shadow.modal.surprise": "What surprised you?",
    "shadow.modal.idea": "One idea to work better together",
    "shadow.modal.make_ask_label": "Make it happen",
    "shadow.modal.make_ask": "Turn my idea into an ask for {side}",
    "shadow.shared": "<@{user}> shared what they learned:",
    "shadow.idea_ask": "The idea is now ask *{ref}*.",
    "shadow.skipped": "<@{user}> skipped this round. See you next time!",
    "shadow.closed.done": "<@{user}> shared the learnings of this round.",
    "shadow.round.scheduled": "This is the round the rotation schedules for {when}: it won't be made again then.",
    "shadow.due_today": "A round is due today, {when}. `/shadow run` before then makes that round early; it "
    "doesn't add another.",
    "shadow.due_today.made_early": "Today's round, due {when}, was already made early with `/shadow run` (round "
    "{round}); it won't be made again.",
    "shadow.due_today.again": "Round {round} was already made today, so the round due {when} will pair everyone "
    "again. To avoid it, choose another day with `on:`.",
    "sync.agenda.learnings": "Shadowing learnings since the last sync",
    "error.shadow_preference": "`{word}` is not a role: use host, visitor or both.",
    "error.shadow_pause_needs_until": "Say until when, like `/shadow pause until:2026-12-15`.",
    "error.shadow_bad_followup": "`{word}` is not a number of days from 1 to 60, like followup:7d.",
    "error.shadow_pause_past": "Pick a date after today.",
    "error.shadow_leaders_only": "Only leaders and admins can configure or run rounds and see the stats.",
    "error.shadow_not_in_rotation": "You're not in the rotation. Join with `/shadow join`.",
    "error.shadow_pairing_not_found": "That pairing is not in this workspace.",
    "error.shadow_pair_only": "Only the two people in this pair can do that.",
    "error.shadow_already_done": "<@{user}> already shared this pair's learnings.",
    "error.shadow_already_skipped": "<@{user}> already skipped this round for the pair.",
    "error.shadow_idea_needed": "Write the idea to turn it into an ask.",
}
