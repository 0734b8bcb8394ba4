"""Block Kit for shared KPIs: the list with sparklines, one KPI's detail, confirmations and the define modal."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot import format as fmt
from bot.blocks import (
    Block,
    Message,
    actions,
    button,
    context,
    defuse,
    fields,
    header,
    input_block,
    message,
    modal,
    option,
    section,
)
from bot.i18n import Language, t
from bot.ids import Action, View
from bot.kpis.models import NAME_LIMIT, NOTE_LIMIT, SLUG_LIMIT, UNIT_LIMIT, DefineResult, KpiInfo, LogResult, Point
from bot.kpis.status import Status
from bot.kpis.values import format_value

STATUS_ICONS = {Status.ON_TRACK: ":large_green_circle:", Status.AT_RISK: ":large_yellow_circle:",
                Status.OFF_TRACK: ":red_circle:", Status.STALE: ":white_circle:"}
LIST_LIMIT = 45  # KPIs in one list message, within Slack's 50 blocks
HISTORY_LINES = 12


def status_text(lang: Language, kpi: KpiInfo, today: date) -> str:
    """`:red_circle: Off track`; a KPI without a value reads "No data yet", and a stale one still tells what its
    last value said: `:white_circle: Stale · last value off track`."""
    value = kpi.status(today)
    if value is Status.STALE:
        last = kpi.last_value_status()
        if last is None:
            return f"{STATUS_ICONS[value]} {t(lang, 'kpi.status.no_data')}"
        return f"{STATUS_ICONS[value]} {t(lang, 'kpi.status.stale_last', status=t(lang, f'kpi.last.{last.value}'))}"
    return f"{STATUS_ICONS[value]} {t(lang, f'kpi.status.{value.value}')}"


def value_text(lang: Language, kpi: KpiInfo, number: float) -> str:
    """A value of this KPI the reader's way: `3.2%`, `$40,000`, `12 days`; in Spanish `3,2 %`, `$40.000`."""
    return format_value(number, kpi.unit, lang)


def target_text(lang: Language, kpi: KpiInfo) -> str:
    return t(lang, f"kpi.target.{kpi.direction}", target=value_text(lang, kpi, kpi.target))


def owner_text(lang: Language, kpi: KpiInfo) -> str:
    return t(lang, f"kpi.owner.{kpi.owner}")


def summary_line(lang: Language, kpi: KpiInfo, today: date) -> str:
    """`3.2% · target ≥ 3.5% · ▁▂▃▅▆ · Marketing · weekly`, as the list and the digest show it (without a value
    when there is none: the status says "No data yet")."""
    bits = [f"*{value_text(lang, kpi, kpi.latest.value)}*"] if kpi.latest else []
    bits.append(target_text(lang, kpi))
    if kpi.sparkline():
        bits.append(f"`{kpi.sparkline()}`")
    bits += [owner_text(lang, kpi), t(lang, f"kpi.cadence.{kpi.cadence}")]
    return " · ".join(bits)


def listing(lang: Language, kpis: list[KpiInfo], today: date) -> Message:
    title = t(lang, "kpi.list.title", count=len(kpis))
    blocks: list[Block] = [header(title)]
    if not kpis:
        blocks.append(section(t(lang, "kpi.list.empty")))
    for kpi in kpis[:LIST_LIMIT]:
        row = section(f"*{kpi.name}* `{kpi.slug}` · {status_text(lang, kpi, today)}\n{summary_line(lang, kpi, today)}")
        row["accessory"] = button(t(lang, "ask.button.show"), Action.KPI_SHOW, kpi.slug)
        blocks.append(row)
    if len(kpis) > LIST_LIMIT:
        blocks.append(context(t(lang, "list.more", count=len(kpis) - LIST_LIMIT)))
    return message(title, blocks)


def detail(lang: Language, kpi: KpiInfo, today: date, chart_note_key: str | None) -> Message:
    """`/kpi show`: the numbers, the change against the previous value, and the history."""
    latest = kpi.latest
    latest_text = (f"{value_text(lang, kpi, latest.value)} · {fmt.day(lang, latest.measured_on, today)}" if latest
                   else t(lang, "kpi.no_values"))
    blocks: list[Block] = [
        header(kpi.name),
        fields(
            (t(lang, "kpi.field.latest"), latest_text),
            (t(lang, "kpi.field.target"), target_text(lang, kpi)),
            (t(lang, "kpi.field.status"), status_text(lang, kpi, today)),
            (t(lang, "kpi.field.change"), change_text(lang, kpi)),
            (t(lang, "kpi.field.owner"), owner_text(lang, kpi)),
            (t(lang, "kpi.field.cadence"), t(lang, f"kpi.cadence.{kpi.cadence}")),
        ),
    ]
    if kpi.points:
        lines = [_history_line(lang, kpi, point, today) for point in reversed(kpi.points[-HISTORY_LINES:])]
        blocks.append(section("\n".join(lines)))
    notes = [f"`{kpi.slug}`"]
    if kpi.archived:
        notes.append(t(lang, "kpi.archived_note"))
    if chart_note_key:
        notes.append(t(lang, chart_note_key))
    blocks.append(context(" · ".join(notes)))
    return message(kpi.name, blocks)


def change_text(lang: Language, kpi: KpiInfo) -> str:
    moved = kpi.change()
    if moved is None:
        return "—"
    amount = value_text(lang, kpi, moved.delta)
    sign = "+" if moved.delta > 0 else ""
    text = f"{sign}{amount}"
    if moved.ratio is not None:
        ratio = format_value(moved.ratio * 100, "%", lang, decimals=0)
        text += f" ({ratio if ratio.startswith('-') else '+' + ratio})"
    if moved.improved is not None:
        text += " " + t(lang, "kpi.change.better" if moved.improved else "kpi.change.worse")
    return text


def _history_line(lang: Language, kpi: KpiInfo, point: Point, today: date) -> str:
    line = (f"{fmt.day(lang, point.measured_on, today)} · *{value_text(lang, kpi, point.value)}* · "
            f"{fmt.person(point.logged_by)}")
    return line + (f" · _{point.note}_" if point.note else "")


def defined(lang: Language, result: DefineResult) -> Message:
    kpi = result.kpi
    text = t(lang, "kpi.defined" if result.created else "kpi.redefined", slug=kpi.slug, name=kpi.name,
             target=target_text(lang, kpi), owner=owner_text(lang, kpi),
             cadence=t(lang, f"kpi.cadence.{kpi.cadence}"))
    return message(text, [section(f":dart: {text}"), context(t(lang, "kpi.defined_hint", slug=kpi.slug))])


def logged(lang: Language, result: LogResult, today: date) -> Message:
    """The value and the day logged; when an earlier day was logged, the latest value that still stands."""
    kpi, latest = result.kpi, result.kpi.latest
    point = result.logged or latest
    assert point is not None and latest is not None
    text = t(lang, "kpi.logged", value=value_text(lang, kpi, point.value), name=kpi.name,
             day=fmt.day(lang, point.measured_on, today))
    if latest.measured_on > point.measured_on:
        text += " " + t(lang, "kpi.not_latest", value=value_text(lang, kpi, latest.value),
                        day=fmt.day(lang, latest.measured_on, today))
    lines = [text, f"{status_text(lang, kpi, today)} · {summary_line(lang, kpi, today)}"]
    if result.replaced:
        lines.append(t(lang, "kpi.replaced", value=value_text(lang, kpi, result.replaced.value)))
    return message(text, [section("\n".join(lines))])


def value_choice(lang: Language, slug: str, readings: dict[str, str], values: list[str] | None) -> Message:
    """The private question about an ambiguous value (`bot.kpis.values.choice_params` gives `readings`): both
    readings, a button logging each (`values`, from `bot.kpis.forms.choice_values`; none when they could not be
    made), and how to type each so that nothing is asked."""
    text = t(lang, "kpi.value_choice.question", slug=slug, **readings)
    blocks: list[Block] = [section(f":thinking_face: {text}")]
    if values is not None:
        labels = (readings["thousands"], readings["decimals"])
        blocks.append(actions(*[button(label, f"{Action.KPI_VALUE_CHOICE.value}_{n}", value)
                                for n, (label, value) in enumerate(zip(labels, values, strict=True), start=1)]))
    blocks.append(context(t(lang, "kpi.value_choice.hint", **readings)))
    return message(text, blocks)


REMINDER_LIMIT = 40  # KPIs listed in one reminder, within Slack's 50 blocks


def reminder(lang: Language, kpis: list[KpiInfo], today: date) -> Message:
    """The DM to a leader: their side's KPIs whose value is due and missing, with what each last said, and a
    button that opens the Log KPI modal."""
    title = t(lang, "kpi.reminder.title", count=len(kpis))
    blocks: list[Block] = [section(f":bar_chart: *{title}*")]
    for kpi in kpis[:REMINDER_LIMIT]:
        bits = [target_text(lang, kpi), t(lang, f"kpi.cadence.{kpi.cadence}")]
        if kpi.latest:
            bits.insert(0, t(lang, "kpi.reminder.last", value=value_text(lang, kpi, kpi.latest.value),
                             day=fmt.day(lang, kpi.latest.measured_on, today)))
        blocks.append(section(f"*{kpi.name}* `{kpi.slug}` · {status_text(lang, kpi, today)}\n" + " · ".join(bits)))
    if len(kpis) > REMINDER_LIMIT:
        blocks.append(context(t(lang, "list.more", count=len(kpis) - REMINDER_LIMIT)))
    blocks.append(actions(button(t(lang, "home.button.log_kpi"), Action.HOME_LOG_KPI, "log", "primary")))
    blocks.append(context(t(lang, "kpi.reminder.footer", slug=kpis[0].slug if kpis else "mql")))
    return message(title, blocks)


def archived(lang: Language, kpi: KpiInfo) -> Message:
    text = t(lang, "kpi.archived", slug=kpi.slug, name=kpi.name)
    return message(text, [section(text)])


def chart_title(kpi: KpiInfo) -> str:
    """The chart file's title (no block: defused here)."""
    return defuse(kpi.name)


def chart_alt(lang: Language, kpi: KpiInfo, points: list[tuple[date, float]]) -> str:
    """The chart's alternative text, for readers who can't see it: what it shows, in the reader's language."""
    ordered = sorted(points)
    return defuse(t(lang, "kpi.chart_alt", name=kpi.name, first=fmt.day(lang, ordered[0][0]),
                    last=fmt.day(lang, ordered[-1][0]), latest=value_text(lang, kpi, ordered[-1][1]),
                    target=target_text(lang, kpi)))


def chart_comment(lang: Language, kpi: KpiInfo) -> str:
    """The mrkdwn comment under a chart (no block: defused here)."""
    return defuse(t(lang, "kpi.chart_comment", name=kpi.name, target=target_text(lang, kpi)))


def define_modal(lang: Language) -> dict[str, Any]:
    """`/kpi define` alone: the same fields as the quick form."""
    def choice(block_id: str, label: str, values: list[str], prefix: str, initial: str) -> Block:
        options = [option(t(lang, prefix + v), v) for v in values]
        return input_block(block_id, label, {"type": "static_select", "action_id": Action.INPUT, "options": options,
                                             "initial_option": option(t(lang, prefix + initial), initial)})

    def text(block_id: str, label: str, limit: int, hint: str, optional: bool = False) -> Block:
        return input_block(block_id, label, {"type": "plain_text_input", "action_id": Action.INPUT, "max_length": limit,
                                             "placeholder": {"type": "plain_text", "text": hint}}, optional=optional)

    blocks = [
        text("name", t(lang, "kpi.modal.name"), NAME_LIMIT, t(lang, "kpi.modal.name_hint")),
        text("slug", t(lang, "kpi.modal.slug"), SLUG_LIMIT, "lead-conversion"),
        text("target", t(lang, "kpi.modal.target"), 24, format_value(3.5, "%", lang)),
        text("unit", t(lang, "kpi.modal.unit"), UNIT_LIMIT, "%, $, days, ms", optional=True),
        choice("direction", t(lang, "kpi.modal.direction"), ["up", "down"], "kpi.direction.", "up"),
        choice("owner", t(lang, "kpi.modal.owner"), ["shared", "marketing", "it"], "kpi.owner.", "shared"),
        choice("cadence", t(lang, "kpi.modal.cadence"), ["weekly", "monthly"], "kpi.cadence.", "weekly"),
    ]
    return modal(View.KPI_DEFINE, t(lang, "kpi.modal.heading"), t(lang, "kpi.modal.submit"), t(lang, "modal.cancel"),
                 blocks)


def log_modal(lang: Language, kpis: list[KpiInfo], today: date) -> dict[str, Any]:
    """The Log KPI modal App Home opens: which KPI (of those the person may log), its value, the day (today unless
    changed), and a note."""
    options = [option(f"{k.name} ({k.slug})", k.slug) for k in kpis[:100]]
    blocks = [
        input_block("kpi", t(lang, "home.modal.kpi"), {"type": "static_select", "action_id": Action.INPUT,
                                                       "options": options}),
        input_block("value", t(lang, "home.modal.value"), {"type": "plain_text_input", "action_id": Action.INPUT,
                                                           "max_length": 24}),
        input_block("date", t(lang, "home.modal.date"), {"type": "datepicker", "action_id": Action.INPUT,
                                                         "initial_date": today.isoformat()}),
        input_block("note", t(lang, "home.modal.note"), {"type": "plain_text_input", "action_id": Action.INPUT,
                                                         "max_length": NOTE_LIMIT}, optional=True),
    ]
    return modal(View.KPI_LOG, t(lang, "home.modal.heading"), t(lang, "home.modal.submit"), t(lang, "modal.cancel"),
                 blocks)


def no_kpis_modal(lang: Language) -> dict[str, Any]:
    view = modal(View.KPI_LOG, t(lang, "home.modal.heading"), t(lang, "home.modal.submit"), t(lang, "modal.cancel"),
                 [section(t(lang, "home.modal.none"))])
    view.pop("submit")
    return view
