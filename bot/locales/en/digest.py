"""The leaders' weekly digest."""

CATALOG: dict[str, str] = {
    "digest.title": "{marketing} × {it}, week of {day}",
    "digest.period": "Weekly digest · {first} – {last}",
    "digest.preview_note": "Preview: only you can see this. Subscribers get the digest by DM once a week.",
    # numbers
    "digest.minutes": "{n} min",
    "digest.hours": "{n} h",
    "digest.day_one": "1 day",
    "digest.days": "{n} days",
    # asks
    "digest.asks.heading": ":inbox_tray: Asks",
    "digest.asks.empty": "No asks this week.",
    "digest.asks.opened": "Opened *{count}*",
    "digest.asks.closed": "closed *{count}* ({done} done)",
    "digest.asks.open": "open now *{count}*",
    "digest.asks.overdue": "overdue *{count}*",
    "digest.asks.medians": "Median time to accept *{accept}* · to close *{close}*",
    "digest.asks.rating": "Average rating *{rating}*/5 from {count} ratings",
    "digest.asks.rating_one": "Rated *{rating}*/5 (one rating)",
    "digest.asks.no_ratings": "No ratings this week.",
    "digest.asks.oldest": "Oldest open asks",
    "digest.asks.none_open": "Nothing open is waiting.",
    "digest.asks.waiting": "open since {day} ({days} d)",
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
    "digest.pulse.none": "No pulse has run yet.",
    "digest.pulse.round": "Round {round} · answers: {answers}",
    "digest.pulse.side": "{side}: *{average}*/5 ({count} answers)",
    "digest.pulse.gap": "Gap between the sides: *{gap}*",
    "digest.pulse.waiting": "Results appear once each side has {minimum} answers.",
    # the notification text
    "digest.fallback.asks": "asks: {opened} opened, {closed} closed, {overdue} overdue",
    "digest.fallback.kept": "commitments kept on time: {rate}",
    "digest.fallback.kpis": "KPIs: {count}",
    "digest.fallback.syncs": "syncs held: {count}",
}
