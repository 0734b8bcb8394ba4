"""Block Kit for the leaders' weekly digest, most important first: asks, commitments, KPIs,
syncs, shadowing and the alignment pulse. Whatever the data's size, the message stays within Slack's limits:
long lists are packed into a few sections and end with "…and N more". It shows what `bot.digest.service` kept, and
no more: ratings and the pulse only above their thresholds; the pulse's comments only to leaders (the subscribers'
DMs and the preview), never in the channel copy."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot import format as fmt
from bot.asks.models import AskInfo
from bot.blocks import MESSAGE_BLOCK_LIMIT, SECTION_TEXT_LIMIT, Block, Message, context, cut, header, message, section
from bot.commitments.models import CommitmentInfo
from bot.digest.models import MIN_RATINGS, AskFlow, Digest, PulseResult, Ratings, SyncHeld, Trend, TrendFlow, TrendWeek
from bot.i18n import Language, t
from bot.kpis import views as kpi_views
from bot.kpis.models import KpiInfo
from bot.kpis.status import Status
from bot.people import Side
from bot.pulse.service import MIN_ANSWERS_PER_SIDE, ROUND_OPEN_DAYS
from bot.shadowing.models import Learning

# Block budget (the digest stays at or under 41 blocks, leaving room for a preview note and Slack's 50): title 2 +
# trend 3 (`trend_block`) + six headers 6 + asks 8 (four directions, "…and N more", ratings, oldest) + commitments 2 +
# KPIs 1 + 10 + syncs 5 + shadowing 1 + pulse 1 + its comments 2.
DIRECTIONS_SHOWN = 4
KPI_SECTIONS = 10
SYNC_SECTIONS = 5
OLDEST_SHOWN = 5
OVERDUE_SHOWN = 10
LEARNINGS_SHOWN = 2
DECISIONS_PER_SYNC = 5

TITLE_CUT = 200  # an ask's title, a commitment's text, a KPI's or a sync's name within a line
ROW_CUT = 400  # an oldest ask or an overdue commitment: five or ten of them always fit their sections
LINE_CUT = 700  # a KPI's line
DECISION_CUT = 300
SYNC_ENTRY_CUT = 2000
LEARNING_CUT = 500
COMMENT_CUT = 280  # a pulse comment: ten of them fit in two sections
COMMENT_SECTIONS = 2

KPI_ORDER = {Status.OFF_TRACK: 0, Status.AT_RISK: 1, Status.STALE: 2, Status.ON_TRACK: 3}


def render(lang: Language, digest: Digest, zone: str, with_comments: bool = True,
           trend: Trend | None = None) -> Message:
    """The weekly digest for leaders, in `lang`, with times in the workspace's `zone`; the pulse's comments unless
    `with_comments` is False (the channel's copy, which people other than leaders may read); with `trend`, what moved
    since four weeks ago (`trend_block`) under the title."""
    last_day = digest.week_end - timedelta(days=1)
    title = t(lang, "digest.title", marketing=fmt.side(lang, Side.MARKETING), it=fmt.side(lang, Side.IT),
              day=fmt.day(lang, digest.week_start))
    blocks: list[Block] = [
        header(title),
        context(t(lang, "digest.period", first=fmt.day(lang, digest.week_start, last_day),
                  last=fmt.day(lang, last_day, last_day))),
    ]
    if trend is not None:
        blocks += trend_block(lang, trend)
    blocks += _asks(lang, digest, zone, last_day)
    blocks += _commitments(lang, digest, last_day)
    blocks += _kpis(lang, digest.kpis, last_day)
    blocks += _syncs(lang, digest.syncs, zone)
    blocks += _shadowing(lang, digest)
    blocks += _pulse(lang, digest.pulse, with_comments)
    return message(_fallback(lang, title, digest), blocks)


def preview(lang: Language, digest: Digest, zone: str, trend: Trend | None = None) -> Message:
    """`/digest preview` (leaders and admins): the digest as a subscriber gets it (with `trend`'s lines), and a line
    saying only the caller sees it."""
    shown = render(lang, digest, zone, trend=trend)
    return message(shown.text, [*shown.blocks[:MESSAGE_BLOCK_LIMIT - 1], context(preview_note(lang))])


def preview_note(lang: Language) -> str:
    """The context line under `/digest preview`: only the caller sees it, subscribers get it weekly."""
    return t(lang, "digest.preview_note")


def said(lang: Language, key: str, **params: object) -> Message:
    """A one-line answer to `/digest subscribe`, `unsubscribe` or `config`."""
    text = t(lang, key, **params)
    return message(text, [section(text)])


def configured(lang: Language, next_at: datetime, zone: str, channel_id: str | None) -> Message:
    """The answer to `/digest config`: when the next digest goes out, and where besides subscribers' DMs."""
    where = f"<#{channel_id}>" if channel_id else t(lang, "digest_cmd.dm_only")
    return said(lang, "digest_cmd.configured", next=fmt.moment(next_at, zone), where=where)


# --- numbers ----------------------------------------------------------------------------------------------------


def duration(lang: Language, hours: float | None) -> str:
    """A median time: `25 min`, `2.5 h`, `1 day`, `3 days`; `—` when nothing was measured."""
    if hours is None:
        return "—"
    if hours < 1:
        return t(lang, "digest.minutes", n=max(round(hours * 60), 0))
    if hours < 24:
        return t(lang, "digest.hours", n=fmt.number(lang, hours))
    days = round(hours / 24, 1)  # the count as shown: 1.04 days reads "1 day"
    return t(lang, "digest.days", count=int(days) if days.is_integer() else days)


# --- packing long lists -----------------------------------------------------------------------------------------


def _pack(lang: Language, lines: list[str], max_blocks: int) -> list[Block]:
    """`lines` (each already short) as at most `max_blocks` sections of at most 3000 characters; what does not fit
    becomes a final "…and N more"."""
    chunks: list[list[str]] = [[]]
    for line in lines:
        size = sum(len(item) + 1 for item in chunks[-1]) + len(line)
        if chunks[-1] and size > SECTION_TEXT_LIMIT:
            chunks.append([])
        chunks[-1].append(line)
    if len(chunks) > max_blocks:
        chunks = chunks[:max_blocks]
        shown = sum(len(chunk) for chunk in chunks)
        while True:
            more = t(lang, "list.more", count=len(lines) - shown)
            if sum(len(item) + 1 for item in chunks[-1]) + len(more) <= SECTION_TEXT_LIMIT:
                break
            chunks[-1].pop()
            shown -= 1
        chunks[-1].append(more)
    return [section("\n".join(chunk)) for chunk in chunks if chunk]


def _bullets(lang: Language, items: list[str], total: int) -> list[str]:
    lines = [f"• {item}" for item in items]
    if total > len(items):
        lines.append(t(lang, "list.more", count=total - len(items)))
    return lines


def _empty(text: str) -> Block:
    return section(f"_{text}_")


# --- the sections -----------------------------------------------------------------------------------------------


def _asks(lang: Language, digest: Digest, zone: str, last_day: date) -> list[Block]:
    blocks: list[Block] = [header(t(lang, "digest.asks.heading"))]
    if not any(_is_active(d) for d in digest.directions):
        blocks.append(_empty(t(lang, "digest.asks.empty")))
    else:
        blocks += [section(_direction(lang, d)) for d in digest.directions[:DIRECTIONS_SHOWN]]
        if len(digest.directions) > DIRECTIONS_SHOWN:
            blocks.append(context(t(lang, "list.more", count=len(digest.directions) - DIRECTIONS_SHOWN)))
    blocks.append(section(_ratings(lang, digest.ratings, digest)))
    heading = f"*{t(lang, 'digest.asks.oldest')}*"
    if digest.oldest_open:
        rows = [_oldest_row(lang, ask, zone, digest.week_end, last_day) for ask in digest.oldest_open[:OLDEST_SHOWN]]
        blocks += _pack(lang, [heading, *_bullets(lang, rows, len(digest.oldest_open))], 1)
    else:
        blocks.append(section(f"{heading}\n_{t(lang, 'digest.asks.none_open')}_"))
    return blocks


def _is_active(d: AskFlow) -> bool:
    return bool(d.opened or d.closed or d.done or d.open_now or d.overdue_now)


def _direction(lang: Language, d: AskFlow) -> str:
    overdue = t(lang, "digest.asks.overdue", count=d.overdue_now)
    counts = " · ".join([
        t(lang, "digest.asks.opened", count=d.opened),
        t(lang, "digest.asks.closed", count=d.closed, done=d.done),
        t(lang, "digest.asks.open", count=d.open_now),
        f":warning: {overdue}" if d.overdue_now else overdue,
    ])
    medians = t(lang, "digest.asks.medians", accept=duration(lang, d.median_hours_to_accept),
                close=duration(lang, d.median_hours_to_close))
    return f"*{fmt.side(lang, d.from_side)} → {fmt.side(lang, d.to_side)}*\n{counts}\n{medians}"


def _ratings(lang: Language, ratings: Ratings, digest: Digest) -> str:
    """The week's ratings: a total over enough of them, each direction's when it may be shown, else only that there
    are too few (never how few, nor their score)."""
    lines = [f":star: *{t(lang, 'digest.ratings.heading')}*"]
    if ratings.count is None or ratings.average is None:
        lines.append(f"_{t(lang, 'digest.ratings.too_few', minimum=MIN_RATINGS)}_")
    else:
        lines.append(t(lang, "digest.ratings.total", rating=fmt.number(lang, ratings.average), count=ratings.count))
        lines += [t(lang, "digest.ratings.direction", rating=fmt.number(lang, r.average), count=r.count,
                    sides=f"{fmt.side(lang, r.from_side)} → {fmt.side(lang, r.to_side)}") for r in ratings.directions]
    if (ratings.week_start, ratings.week_end) != (digest.week_start, digest.week_end):
        last_day = ratings.week_end - timedelta(days=1)
        week = t(lang, "digest.ratings.last_week", first=fmt.day(lang, ratings.week_start, last_day),
                 last=fmt.day(lang, last_day, last_day))
        lines.append(f"_{week}_")
    return "\n".join(lines)


def _local_day(value: datetime, zone: str) -> date:
    return value.astimezone(ZoneInfo(zone)).date()


def _oldest_row(lang: Language, ask: AskInfo, zone: str, week_end: date, last_day: date) -> str:
    since = _local_day(ask.created_at, zone)
    bits = [f"*{ask.ref}* {cut(ask.title, TITLE_CUT)}",
            f"{fmt.side(lang, ask.from_side)} → {fmt.side(lang, ask.to_side)}",
            t(lang, "digest.asks.waiting", day=fmt.day(lang, since, last_day), days=max((week_end - since).days, 0))]
    if ask.owner_id:
        bits.append(fmt.person(ask.owner_id))
    if ask.is_overdue(week_end):
        bits.append(f"*{t(lang, 'ask.overdue')}*")
    return cut(" · ".join(bits), ROW_CUT)


def _commitments(lang: Language, digest: Digest, last_day: date) -> list[Block]:
    blocks: list[Block] = [header(t(lang, "digest.commitments.heading"))]
    total_overdue = max(digest.overdue_commitments_total, len(digest.overdue_commitments))
    if digest.commitments_due == 0 and total_overdue == 0:
        blocks.append(_empty(t(lang, "digest.commitments.empty")))
        return blocks
    if digest.commitments_due:
        rate = digest.kept_rate if digest.kept_rate is not None else digest.commitments_kept / digest.commitments_due
        summary = t(lang, "digest.commitments.kept", due=digest.commitments_due, kept=digest.commitments_kept,
                    rate=fmt.percent(lang, rate))
    else:
        summary = t(lang, "digest.commitments.none_due")
    lines = [summary]
    if total_overdue:
        lines.append(f":warning: *{t(lang, 'digest.commitments.overdue', count=total_overdue)}*")
        rows = [_overdue_row(lang, c, last_day) for c in digest.overdue_commitments[:OVERDUE_SHOWN]]
        lines += _bullets(lang, rows, total_overdue)
    else:
        lines.append(t(lang, "digest.commitments.none_overdue"))
    return blocks + _pack(lang, lines, 2)


def _overdue_row(lang: Language, commitment: CommitmentInfo, last_day: date) -> str:
    return cut(f"*{commitment.ref}* {cut(commitment.text, TITLE_CUT)} · {fmt.person(commitment.owner_id)} · "
               + t(lang, "ask.due_on", day=fmt.day(lang, commitment.due_date, last_day)), ROW_CUT)


def _kpis(lang: Language, kpis: list[KpiInfo], today: date) -> list[Block]:
    blocks: list[Block] = [header(t(lang, "digest.kpis.heading"))]
    if not kpis:
        blocks.append(_empty(t(lang, "digest.kpis.empty")))
        return blocks
    statuses = [kpi.status(today) for kpi in kpis]
    counts = Counter(statuses)
    tally = [t(lang, "digest.kpis.count", count=len(kpis))]
    tally += [f"{kpi_views.STATUS_ICONS[s]} {t(lang, f'kpi.status.{s.value}')}: {counts[s]}"
              for s in sorted(counts, key=KPI_ORDER.__getitem__)]
    blocks.append(context(" · ".join(tally)))
    ordered = sorted(zip(statuses, kpis, strict=True), key=lambda pair: KPI_ORDER[pair[0]])
    lines = [_kpi_line(lang, kpi, today) for _, kpi in ordered]
    return blocks + _pack(lang, lines, KPI_SECTIONS)


def _kpi_line(lang: Language, kpi: KpiInfo, today: date) -> str:
    return cut(f"*{cut(kpi.name, TITLE_CUT)}* · {kpi_views.status_text(lang, kpi, today)} · "
               f"{kpi_views.summary_line(lang, kpi, today)}", LINE_CUT)


def _syncs(lang: Language, syncs: list[SyncHeld], zone: str) -> list[Block]:
    blocks: list[Block] = [header(t(lang, "digest.syncs.heading"))]
    if not syncs:
        blocks.append(_empty(t(lang, "digest.syncs.empty")))
        return blocks
    decided = sum(len(s.decisions) for s in syncs)
    entries = [t(lang, "digest.syncs.summary", syncs=len(syncs), decisions=decided)]
    entries += [_sync_entry(lang, sync, zone) for sync in syncs]
    return blocks + _pack(lang, entries, SYNC_SECTIONS)


def _sync_entry(lang: Language, sync: SyncHeld, zone: str) -> str:
    lines = [f"*{sync.ref} · {cut(sync.name, TITLE_CUT)}* · {fmt.moment(sync.occurs_at, zone)}"]
    if sync.decisions:
        shown = [cut(d, DECISION_CUT) for d in sync.decisions[:DECISIONS_PER_SYNC]]
        lines += ["    " + line for line in _bullets(lang, shown, len(sync.decisions))]
    else:
        lines.append(f"    _{t(lang, 'digest.syncs.no_decisions')}_")
    return cut("\n".join(lines), SYNC_ENTRY_CUT)


def _shadowing(lang: Language, digest: Digest) -> list[Block]:
    blocks: list[Block] = [header(t(lang, "digest.shadow.heading"))]
    if not (digest.shadow_pairs or digest.shadow_done or digest.learnings):
        blocks.append(_empty(t(lang, "digest.shadow.empty")))
        return blocks
    lines = [t(lang, "digest.shadow.summary", pairs=digest.shadow_pairs, done=digest.shadow_done)]
    lines += [_learning(lang, item) for item in digest.learnings[:LEARNINGS_SHOWN]]
    return blocks + _pack(lang, lines, 1)


def _learning(lang: Language, item: Learning) -> str:
    who = t(lang, "digest.shadow.who", visitor=item.visitor_id, host=item.host_id, side=fmt.side(lang, item.host_side))
    text = f":bulb: {who}"
    if item.surprise:
        text += f"\n> {cut(item.surprise, LEARNING_CUT)}"
    if item.idea:
        text += "\n> _" + t(lang, "digest.shadow.idea", idea=cut(item.idea, LEARNING_CUT)) + "_"
    return cut(text, 2 * LEARNING_CUT + 300)


def _pulse(lang: Language, pulse: PulseResult | None, with_comments: bool) -> list[Block]:
    blocks: list[Block] = [header(t(lang, "digest.pulse.heading"))]
    if pulse is None:
        blocks.append(_empty(t(lang, "digest.pulse.none", count=ROUND_OPEN_DAYS)))
        return blocks
    answers = " · ".join(f"{fmt.side(lang, s)} {pulse.answers.get(s, 0)}" for s in Side)
    lines = [t(lang, "digest.pulse.round", round=pulse.round_number, answers=answers)]
    if pulse.average is not None:  # None unless each side has MIN_ANSWERS_PER_SIDE answers
        for s in Side:
            average = pulse.average.get(s)
            lines.append(t(lang, "digest.pulse.side", side=fmt.side(lang, s),
                           average=fmt.number(lang, average) if average is not None else "—", count=pulse.answers.get(s, 0)))
        if pulse.gap is not None:
            lines.append(t(lang, "digest.pulse.gap", gap=fmt.number(lang, abs(pulse.gap))))
    else:
        lines.append(f"_{t(lang, 'digest.pulse.too_few', count=MIN_ANSWERS_PER_SIDE)}_")
    blocks.append(section("\n".join(lines)))
    if with_comments and pulse.average is not None and pulse.comments:
        blocks += _comments(lang, pulse)
    return blocks


def _comments(lang: Language, pulse: PulseResult) -> list[Block]:
    """The round's comments as typed (stored escaped), one line each, without the side or the score beside them: a
    comment next to "IT" or "1/5" could point at the one person on that side who gave that score."""
    heading = f"*{t(lang, 'digest.pulse.comments', count=len(pulse.comments))}*"
    rows = [f"“{cut(' '.join(comment.split()), COMMENT_CUT)}”" for comment in pulse.comments]
    return _pack(lang, [heading, *_bullets(lang, rows, max(pulse.comments_total, len(rows)))], COMMENT_SECTIONS)


def _fallback(lang: Language, title: str, digest: Digest) -> str:
    d = digest.directions
    asks = t(lang, "digest.fallback.asks", opened=sum(x.opened for x in d), closed=sum(x.closed for x in d),
             overdue=sum(x.overdue_now for x in d))
    bits = [asks]
    if digest.commitments_due:
        rate = digest.kept_rate if digest.kept_rate is not None else digest.commitments_kept / digest.commitments_due
        bits.append(t(lang, "digest.fallback.kept", rate=fmt.percent(lang, rate)))
    bits.append(t(lang, "digest.fallback.kpis", count=len(digest.kpis)))
    bits.append(t(lang, "digest.fallback.syncs", count=len(digest.syncs)))
    return f"{title}: " + " · ".join(bits)


# --- what moved: the trend in words -----------------------------------------------------------------------------

TREND_BACK = 4  # weeks, or pulse rounds, a trend line looks back
TREND_LINE_CUT = 300


def trend_lines(lang: Language, trend: Trend) -> list[str]:
    """One line per measure saying how it moved since `TREND_BACK` weeks (or pulse rounds) ago, in `lang`: the pulse
    gap, the median times to accept and to close in each direction, the commitments kept on time, the shared KPIs on
    track, the shadowing pairs that shared learnings. A week's measure with no data in the newest week or in the one
    `TREND_BACK` weeks before it is left out, never guessed."""
    lines = _gap_line(lang, trend)
    if len(trend.weeks) > TREND_BACK:
        now, then = trend.weeks[-1], trend.weeks[-1 - TREND_BACK]
        for kind in ("accept", "close"):
            for flow in now.directions:
                lines += _time_line(lang, kind, flow, _same_flow(then, flow))
        lines += _kept_line(lang, now, then)
        lines += _kpis_trend_line(lang, now, then)
    lines += _shadow_line(lang, trend)
    return [cut(line, TREND_LINE_CUT) for line in lines]


def trend_block(lang: Language, trend: Trend) -> list[Block]:
    """`trend_lines` as Block Kit for the digest, App Home and a sync's agenda: a header, the lines and a note on
    what is compared with what (three blocks); nothing when there is no line."""
    lines = trend_lines(lang, trend)
    if not lines:
        return []
    return [header(t(lang, "digest.trend.heading", weeks=TREND_BACK)),
            section("\n".join(f"• {line}" for line in lines)),
            context(t(lang, "digest.trend.note", weeks=TREND_BACK))]


def trend_reply(lang: Language, trend: Trend, picture_sent: bool | None) -> Message:
    """`/digest trend` (leaders and admins): the trend's lines, or why there are none yet, and where the picture is
    (`picture_sent`: None when there was nothing to draw yet)."""
    lines = trend_lines(lang, trend)
    text = "\n".join(lines) if lines else t(lang, "digest.trend.empty", weeks=TREND_BACK)
    note = ([] if picture_sent is None
            else [context(t(lang, "digest.trend.picture_sent" if picture_sent else "digest.trend.picture_unavailable"))])
    return message(text, [*(trend_block(lang, trend) or [section(text)]), *note])


def _gap_line(lang: Language, trend: Trend) -> list[str]:
    """The newest round with a gap against the round `TREND_BACK` rounds before it; when that one fell below the
    threshold, the newest older one that did not (else the oldest that did). "Over N rounds" counts the closed rounds
    between them, those below the threshold included. With fewer than two rounds closed, nothing."""
    rounds = trend.rounds
    if len(rounds) < 2:
        return []
    shown = [i for i, r in enumerate(rounds) if r.gap is not None]
    if len(shown) < 2:
        return [t(lang, "digest.trend.gap.too_few", count=MIN_ANSWERS_PER_SIDE)]
    newest = shown[-1]
    older = [i for i in shown if i < newest]
    earlier = next((i for i in reversed(older) if i <= newest - TREND_BACK), older[0])
    now, was = rounds[newest].gap, rounds[earlier].gap
    assert now is not None and was is not None
    now_text, was_text = fmt.number(lang, now), fmt.number(lang, was)
    moved = "unchanged" if now_text == was_text else "narrowed" if now < was else "widened"
    return [t(lang, f"digest.trend.gap.{moved}", count=newest - earlier, now=now_text, was=was_text)]


def _same_flow(week: TrendWeek, flow: TrendFlow) -> TrendFlow | None:
    return next((f for f in week.directions if (f.from_side, f.to_side) == (flow.from_side, flow.to_side)), None)


_TIME_KEYS = {("accept", False): "digest.trend.accept.changed", ("accept", True): "digest.trend.accept.unchanged",
              ("close", False): "digest.trend.close.changed", ("close", True): "digest.trend.close.unchanged"}


def _time_line(lang: Language, kind: str, now: TrendFlow, then: TrendFlow | None) -> list[str]:
    """"IT now accepts Marketing's asks in 9 h, was 20 h": `kind` is "accept" or "close"."""
    hours_now = now.median_hours_to_accept if kind == "accept" else now.median_hours_to_close
    hours_then = None if then is None else then.median_hours_to_accept if kind == "accept" else then.median_hours_to_close
    if hours_now is None or hours_then is None:
        return []
    now_text, was_text = duration(lang, hours_now), duration(lang, hours_then)
    return [t(lang, _TIME_KEYS[kind, now_text == was_text], helper=fmt.side(lang, now.to_side),
              asker=fmt.side(lang, now.from_side), now=now_text, was=was_text, weeks=TREND_BACK)]


def _kept_line(lang: Language, now: TrendWeek, then: TrendWeek) -> list[str]:
    if now.kept_rate is None or then.kept_rate is None:
        return []
    now_text, was_text = fmt.percent(lang, now.kept_rate), fmt.percent(lang, then.kept_rate)
    moved = "unchanged" if now_text == was_text else "rose" if now.kept_rate > then.kept_rate else "fell"
    return [t(lang, f"digest.trend.kept.{moved}", now=now_text, was=was_text, weeks=TREND_BACK)]


def _kpis_trend_line(lang: Language, now: TrendWeek, then: TrendWeek) -> list[str]:
    if not now.shared_kpis or not then.shared_kpis:
        return []
    return [t(lang, "digest.trend.kpis", on_track=now.shared_kpis_on_track, total=now.shared_kpis,
              was_on_track=then.shared_kpis_on_track, was_total=then.shared_kpis)]


def _shadow_line(lang: Language, trend: Trend) -> list[str]:
    """Pairs that shared learnings in the last `TREND_BACK` weeks against the `TREND_BACK` weeks before; nothing when
    the trend is shorter, or when neither stretch had one."""
    if len(trend.weeks) < 2 * TREND_BACK:
        return []
    recent = sum(w.shadow_done for w in trend.weeks[-TREND_BACK:])
    before = sum(w.shadow_done for w in trend.weeks[-2 * TREND_BACK:-TREND_BACK])
    if not recent and not before:
        return []
    return [t(lang, "digest.trend.shadow", count=recent, before=before, weeks=TREND_BACK)]
