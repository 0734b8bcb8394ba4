"""English texts shared by every feature: sides, help, team, general errors."""

CATALOG: dict[str, str] = {
    # sides and roles
    "side.marketing": "Marketing",
    "side.it": "IT",
    "role.member": "member",
    "role.leader": "leader",
    # help and usage
    "help.title": "Alinea: marketing and IT, one team",
    "help.intro": "Log requests between the sides, keep commitments, share KPIs, meet on a rhythm and "
    "shadow each other's work. Type `help` after any command for its details.",
    "help.not_on_a_side": "You are not on a side yet. Start with `/alinea join marketing` or `/alinea join it`.",
    "help.your_side": "You are on the *{side}* side as a {role}.",
    "usage.title": "How to use {command}",
    "help.alinea_heading": "*`/alinea` subcommands*",
    "usage.alinea": "`/alinea help` lists every command; `/alinea join|team|pulse|notify|settings help` explains one\n"
    "`/alinea join marketing|it` puts you on a side (aliases: mkt, mercadotecnia, ti, tech)\n"
    "`/alinea team` lists both sides\n"
    "`/alinea team add @user marketing|it [leader]` (admins)\n"
    "`/alinea team remove @user` (admins)\n"
    "`/alinea pulse config every:Nw on:<weekday> at:HH:MM`, `/alinea pulse run` (admins)\n"
    "`/alinea notify` lists the DMs you get; `/alinea notify off asks|owned|sync|team|all` turns some off, `on` "
    "back on\n"
    "`/alinea settings` shows and changes the workspace's channel, time zone, language, reminder time, digest and "
    "pulse times and notification defaults (admins)",
    "help.about.join": "Puts you on the marketing or the IT side, so you can log asks, keep commitments and log "
    "KPIs. If an admin took you off your side, only an admin can add you back.",
    "help.about.team": "Lists both sides, leaders first. Admins put people on a side as members or leaders, and take "
    "them off; someone taken off can't rejoin by themselves until an admin adds them back.",
    "help.about.pulse": "The alignment pulse asks every member with a side, by DM, how collaborative and productive "
    "the marketing–IT relationship is (1–5, and an optional comment). Answers are anonymous; averages by side "
    "show once each side has at least 3 answers. Admins set its rhythm and can start a round now.",
    "help.about.notify": "Which DMs about changes you get. Every kind is on until you turn it off (unless an admin "
    "turned it off for everyone who never chose, in `/alinea settings`); you are never told about what you did "
    "yourself.",
    "usage.alinea.join": "`/alinea join marketing|it`",
    "usage.alinea.team": "`/alinea team`, `/alinea team add @user marketing|it [leader]`, `/alinea team remove @user`",
    "usage.alinea.team_add": "`/alinea team add @user marketing|it [leader]`",
    "usage.alinea.team_remove": "`/alinea team remove @user`",
    "usage.alinea.notify": "`/alinea notify` lists the kinds of DMs you get; `/alinea notify off asks|owned|sync|all` "
    "turns them off, `/alinea notify on …` back on; `team` is the DM when an admin puts you on a side",
    "usage.ask": "`/ask` opens the New ask form\n"
    "`/ask <title> [to:marketing|it] [@owner] [due:DATE] [!priority] [#category]` logs a request to the other side\n"
    "`/ask list [open|mine|overdue|all] [to:SIDE]`\n"
    "`/ask show A-12`, `/ask accept A-12 [due:DATE]`, `/ask decline A-12 <reason>`, "
    "`/ask done A-12 [note]`, `/ask cancel A-12` (or `/ask withdraw A-12`, the requester's cancel)\n"
    "`/ask reopen A-12 [reason]` brings back an ask closed by mistake\n"
    "DATE: `12/31`, `dec 5`, `fri`, `next friday`, `end of month`, `in 3 days`, `+3d` or `2026-12-31`. Options "
    "read in Spanish too (`para:`, `vence:`); to keep `key:value` in a title, put it in quotes.",
    "usage.commit": "`/commit <text> due:DATE [for:A-12]` records a commitment\n"
    "`/commit list [mine|overdue|side]`, `/commit done C-7`, `/commit cancel C-7`, `/commit reopen C-7`",
    "usage.kpi": "`/kpi` or `/kpi list` shows every shared KPI\n"
    '`/kpi define <slug> "<name>" target:NUMBER [unit:UNIT] [direction:up|down] '
    "[owner:marketing|it|shared] [cadence:weekly|monthly]` (leaders)\n"
    "`/kpi log <slug> <value> [date:DATE] [note]`, `/kpi show <slug>`, `/kpi archive <slug>`",
    "usage.sync": '`/sync schedule "<name>" <weekday> <HH:MM> [every:Nw] [tz:IANA] with @a @b [in:#channel] '
    "[remind:Nh]` (leaders)\n"
    "`/sync list`, `/sync cancel S-3`, `/sync topic [S-3] <text>`, `/sync agenda [S-3]`, `/sync history [S-3]`",
    "usage.shadow": "`/shadow join [host|visitor|both]`, `/shadow leave`, `/shadow pause until:DATE`, `/shadow status`\n"
    "Leaders: `/shadow config every:Nw on:<weekday> at:HH:MM [followup:Nd]`, `/shadow run`, `/shadow stats`",
    "usage.digest": "`/digest preview`, `/digest trend`, `/digest subscribe`, `/digest unsubscribe` (leaders)\n"
    "`/digest config <weekday> <HH:MM> [tz:IANA] [in:#channel]` (admins)",
    "help.commands": "*Commands*\n"
    "`/ask`: requests between marketing and IT\n"
    "`/commit`: commitments with due dates\n"
    "`/kpi`: shared KPIs, their values and trends\n"
    "`/sync`: recurring CIO–CMO syncs with agendas\n"
    "`/shadow`: job-shadowing rotation\n"
    "`/digest`: the weekly digest for leaders\n"
    "`/alinea`: sides and the team, the alignment pulse and your notifications (below)",
    # team
    "team.joined": "You are now on the *{side}* side. Welcome!",
    "team.already": "You are already on the *{side}* side.",
    "team.moved": "You moved from *{old}* to *{side}*.",
    "team.added": "<@{user}> is now on the *{side}* side as a {role}.",
    "team.removed": "<@{user}> is no longer on a side. They can't rejoin by themselves: an admin adds them back with "
    "`/alinea team add`.",
    "team.dm.added": "<@{user}> put you on the *{side}* side as a {role}. Welcome to Alinea!",
    "team.dm.changed": "<@{user}> changed your place in Alinea: you are now on the *{side}* side as a {role}.",
    "team.dm.now": "What you can do now: log a request to the other side with `/ask`, and open Alinea's *Home* tab to "
    "see what is waiting for you and your side.",
    "team.dm.leader": "As a leader you can also define shared KPIs (`/kpi define`), schedule syncs "
    "(`/sync schedule`), run the shadowing rotation (`/shadow config`) and get the weekly digest "
    "(`/digest subscribe`).",
    "team.dm.help": "`/alinea help` lists every command.",
    "team.title": "The team",
    "team.side_heading": "*{side}* ({count})",
    "team.side_empty": "Nobody yet.",
    "team.leader_tag": "leader",
    "team.since": "since {date}",
    "list.more": "…and {count} more",
    # notifications
    "notify.title": "Your notifications",
    "notify.kind.asks": "asks",
    "notify.kind.owned": "owned",
    "notify.kind.sync": "sync",
    "notify.about.asks": "Asks you requested: accepted (who owns it, and by when), declined (why), done, reopened.",
    "notify.about.owned": "Asks and commitments you own: named as owner, taken over by someone else, cancelled, "
    "reopened.",
    "notify.about.sync": "Commitments from a sync's outcome: given to you, or recorded by you and then cancelled.",
    "notify.kind.team": "team",
    "notify.about.team": "Your place on a side: an admin put you on one, moved you, or changed your role.",
    "notify.kind.kpis": "kpis",
    "notify.about.kpis": "For leaders: your side's KPIs whose value is due and missing.",
    "notify.kinds": "`asks`, `owned`, `sync`, `team`, `kpis` or `all`",
    "notify.on": "on",
    "notify.off": "off",
    "notify.how": "Turn a kind off with `/alinea notify off asks` (or `owned`, `sync`, `team`, `kpis`, `all`); back on with "
    "`/alinea notify on asks`. You never get a DM about what you did yourself.",
    "notify.changed_off": "Turned off: {kinds}.",
    "notify.changed_on": "Turned on: {kinds}.",
    "notify.footer": "Don't want these? `/alinea notify off {kind}`",
    "error.notify_on_or_off": "`{word}` is neither `on` nor `off`. Say `/alinea notify off asks` or "
    "`/alinea notify on asks`.",
    "error.notify_needs_kind": "Say which kind: {kinds}.",
    "error.notify_unknown_kind": "`{word}` is not a kind of notification. Use one of: {kinds}.",
    # errors
    "error.title": "That didn't work",
    "error.right_form": "The right form: {usage}",
    "error.unclosed_quote": "A quote is left open. Close it with another `\"`.",
    "error.unknown_subcommand": "I don't know `{word}` here.",
    "error.join_needs_side": "Say which side you are joining: marketing or IT.",
    "error.unknown_side": "`{word}` is not a side. Use marketing (mkt, mercadotecnia) or it (ti, tech).",
    "error.needs_one_mention": "Mention exactly one person, like @maria.",
    "error.team_add_form": "Name one person, a side, and optionally `leader`.",
    "error.not_a_mention": "`{word}` is not a mention of a person. Type @ and pick someone.",
    "error.unexpected_word": "I didn't expect `{word}` there.",
    "error.admins_only": "Only admins can do that: Alinea's admins and the workspace's admins and owners. Ask a "
    "workspace admin.",
    "error.removed_by_admin": "An admin took you off your side; ask a workspace admin to add you back.",
    "error.not_a_member": "<@{user}> is not on a side.",
    "error.bot_user": "<@{user}> is a bot or an app, not a person.",
    "error.unexpected": "Something went wrong on our side and nothing was changed. Please try again in a moment.",
    "error.after_change": "*{subject}* is saved, but something that should follow it went wrong. Alinea will finish "
    "it in a moment: no need to do it again.",
    "error.after_change_unnamed": "Your change is saved, but something that should follow it went wrong. Alinea "
    "will finish it in a moment: no need to do it again.",
    "error.bad_date": "`{word}` is not a date I can read. Try one of: {examples} (at most +3650d or +520w ahead).",
    "error.date_in_past": "`{word}` is in the past. Pick today or a later date.",
    "error.date_too_far": "`{word}` is too far ahead: dates go from today to {latest} (five years).",
    "error.form_unreadable": "Alinea can't read this form any more. Close it and open it again.",
    "error.empty_option": "`{option}` needs a value right after the colon, with no space, like `{example}`.",
    "error.repeated_option": "`{option}` can be given only once.",
    "error.bad_weekday": "`{word}` is not a weekday.",
    "error.rhythm_bad_every": "`{word}` is not a number of weeks from 1 to 12, like every:2w.",
    "error.rhythm_needs": "`{option}` is missing.",
    "error.bad_time": "`{word}` is not a time I can read. Use 24-hour HH:MM, like `09:30` or `16:00`, or "
    "`9:30am` and `4pm`.",
    "error.bad_timezone": "`{word}` is not a time zone I know. Use an IANA name, like "
    "`tz:America/Mexico_City`, `tz:Europe/Madrid` or `tz:UTC`, or leave `tz:` out to use yours.",
    # a first word that looks like a mistyped subcommand (bot/lexer.py)
    "error.did_you_mean": "I don't know `{word}` here. Did you mean `{suggestion}`?",
    "error.ask_mistyped": "Did you mean `{suggestion}`? To log an ask titled “{title}”, type `{form}`.",
    "error.ask_quote_title": "To log an ask titled “{title}”, type `{form}`; `/ask help` lists what /ask does.",
    "error.commit_mistyped": "Did you mean `{suggestion}`? To record a commitment that says “{text}”, type `{form}`.",
    "error.commit_quote_text": "To record a commitment that says “{text}”, type `{form}`; `/commit help` lists what "
    "/commit does.",
}
