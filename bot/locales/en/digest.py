"""The leaders' weekly digest."""

CATALOG: dict[str, str] = {
    "digest.title": "{marketing} × {it}, week of {day}",
    "digest.period": "Weekly digest · {first} – {last}",
    "digest.preview_note": "Preview: only you can see this. Subscribers get the digest by DM once a week.",
    # numbers
    "digest.minutes": "{n} min",
    "digest.hours": "{n} h",
    "digest.days.one": "1 day",
    "digest.days.other": "{count} days",
    # asks
    "digest.asks.heading": ":inbox_tray: Asks",
    "digest.asks.empty": "No asks this week.",
    "digest.asks.opened": "Opened *{count}*",
    "digest.asks.closed": "closed *{count}* ({done} done)",
    "digest.asks.open": "open now *{count}*",
    "digest.asks.overdue": "overdue *{count}*",
    "digest.asks.medians": "Median time to accept *{accept}* · to close *{close}*",
    "digest.asks.oldest": "Oldest open asks",
    "digest.asks.none_open": "Nothing open is waiting.",
    "digest.asks.waiting": "open since {day} ({days} d)",
    # ratings of done asks
    "digest.ratings.heading": "Ratings of done asks",
    "digest.ratings.total.one": "Rated *{rating}*/5 over 1 rating",
    "digest.ratings.total.other": "Rated *{rating}*/5 over {count} ratings",
    "digest.ratings.direction.one": "{sides}: *{rating}*/5 over 1 rating",
    "digest.ratings.direction.other": "{sides}: *{rating}*/5 over {count} ratings",
    "digest.ratings.too_few": "Too few ratings to show: ratings appear only as a total over at least {minimum}, "
    "never who gave them.",
    "digest.ratings.last_week": "Ratings given {first} – {last}, the last full week: a week's ratings show once it "
    "is over.",
    # commitments
    "digest.commitments.heading": ":handshake: Commitments",
    "digest.commitments.empty": "No commitments were due this week, and none are overdue.",
    "digest.commitments.kept": "Due this week: *{due}* · kept on time: *{kept}* ({rate})",
    "digest.commitments.none_due": "No commitments were due this week.",
    "digest.commitments.overdue": "Overdue: {count}",
    "digest.commitments.none_overdue": "None are overdue.",
    # KPIs
    "digest.kpis.heading": ":chart_with_upwards_trend: KPIs",
    "digest.kpis.empty": "No shared KPIs yet. Leaders define them with `/kpi define`.",
    "digest.kpis.count": "KPIs: {count}",
    # syncs
    "digest.syncs.heading": ":spiral_calendar_pad: Syncs",
    "digest.syncs.empty": "No syncs were held this week.",
    "digest.syncs.summary": "Held: *{syncs}* · decisions: *{decisions}*",
    "digest.syncs.no_decisions": "No decisions recorded.",
    # shadowing
    "digest.shadow.heading": ":eyes: Shadowing",
    "digest.shadow.empty": "No shadowing this week.",
    "digest.shadow.summary": "Pairs made: *{pairs}* · pairs that shared learnings: *{done}*",
    "digest.shadow.who": "<@{visitor}> spent time with <@{host}> ({side})",
    "digest.shadow.idea": "Idea: {idea}",
    # the alignment pulse
    "digest.pulse.heading": ":bar_chart: Alignment pulse",
    "digest.pulse.none.one": "No pulse round has closed yet. A round's results show once it has closed: when the "
    "next round starts, or 1 day after it opened.",
    "digest.pulse.none.other": "No pulse round has closed yet. A round's results show once it has closed: when the "
    "next round starts, or {count} days after it opened.",
    "digest.pulse.round": "Round {round} (closed) · answers: {answers}",
    "digest.pulse.side.one": "{side}: *{average}*/5 (1 answer)",
    "digest.pulse.side.other": "{side}: *{average}*/5 ({count} answers)",
    "digest.pulse.gap": "Gap between the sides: *{gap}*",
    "digest.pulse.too_few.one": "Too few answers to show: results need at least 1 answer on each side.",
    "digest.pulse.too_few.other": "Too few answers to show: results need at least {count} answers on each side.",
    "digest.pulse.comments": "What people added ({count}), without names, in no particular order",
    # what moved since four weeks (or rounds) ago
    "digest.trend.heading": ":left_right_arrow: Compared with {weeks} weeks ago",
    "digest.trend.note": "The digest's week against the week {weeks} weeks before it; the pulse's newest round with "
    "enough answers against the one {weeks} rounds earlier.",
    "digest.trend.gap.narrowed.one": "The pulse gap between the sides narrowed from *{was}* to *{now}* over 1 round",
    "digest.trend.gap.narrowed.other": "The pulse gap between the sides narrowed from *{was}* to *{now}* over "
    "{count} rounds",
    "digest.trend.gap.widened.one": "The pulse gap between the sides widened from *{was}* to *{now}* over 1 round",
    "digest.trend.gap.widened.other": "The pulse gap between the sides widened from *{was}* to *{now}* over "
    "{count} rounds",
    "digest.trend.gap.unchanged.one": "The pulse gap between the sides held at *{now}* over 1 round",
    "digest.trend.gap.unchanged.other": "The pulse gap between the sides held at *{now}* over {count} rounds",
    "digest.trend.gap.too_few.one": "The pulse gap can’t be compared yet: too few rounds had at least 1 answer on "
    "each side.",
    "digest.trend.gap.too_few.other": "The pulse gap can’t be compared yet: too few rounds had at least {count} "
    "answers on each side.",
    "digest.trend.accept.changed": "{helper} now accepts {asker}’s asks in *{now}*, was {was}",
    "digest.trend.accept.unchanged": "{helper} still accepts {asker}’s asks in *{now}*, as {weeks} weeks ago",
    "digest.trend.close.changed": "{helper} now gets {asker}’s asks done in *{now}*, was {was}",
    "digest.trend.close.unchanged": "{helper} still gets {asker}’s asks done in *{now}*, as {weeks} weeks ago",
    "digest.trend.kept.rose": "Commitments kept on time rose from {was} to *{now}* in {weeks} weeks",
    "digest.trend.kept.fell": "Commitments kept on time fell from {was} to *{now}* in {weeks} weeks",
    "digest.trend.kept.unchanged": "Commitments kept on time held at *{now}*, as {weeks} weeks ago",
    "digest.trend.kpis": "Shared KPIs on track: *{on_track} of {total}*, was {was_on_track} of {was_total}",
    "digest.trend.shadow.one": "1 shadowing pair shared learnings in the last {weeks} weeks, {before} in the "
    "{weeks} weeks before",
    "digest.trend.shadow.other": "{count} shadowing pairs shared learnings in the last {weeks} weeks, {before} in "
    "the {weeks} weeks before",
    "digest.trend.empty": "Nothing to compare yet: the lines need asks, commitments or shared KPIs in the digest’s "
    "week and in the week {weeks} weeks before it, or two closed pulse rounds.",
    "digest.trend.picture_sent": "The picture is in your DM with Alinea.",
    "digest.trend.picture_unavailable": "The picture could not be drawn or sent this time.",
    # the trend's picture (digest DMs to leaders, and `/digest trend`)
    "digest.picture.title": "Marketing and IT over the last {weeks} weeks",
    "digest.picture.comment": "The trend in one picture: each side’s pulse and the gap between them by round, then "
    "week by week the time to accept asks, commitments kept on time and shared KPIs on track.",
    # the notification text
    "digest.fallback.asks": "asks: {opened} opened, {closed} closed, {overdue} overdue",
    "digest.fallback.kept": "commitments kept on time: {rate}",
    "digest.fallback.kpis": "KPIs: {count}",
    "digest.fallback.syncs": "syncs held: {count}",
    "digest_cmd.subscribed": "You’ll get the weekly digest by DM. `/digest preview` shows it now.",
    "digest_cmd.unsubscribed": "You won’t get the weekly digest any more.",
    "digest_cmd.configured": "The digest goes out weekly; next {next}, by DM to subscribers and {where}.",
    "digest_cmd.dm_only": "to no channel",
    "error.digest_leaders_only": "Only leaders and admins can subscribe to the digest, preview it or see its trend.",
}
