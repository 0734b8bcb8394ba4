"""The App Home tab."""

from __future__ import annotations

from typing import Any

from bot import format as fmt
from bot.blocks import VIEW_BLOCK_LIMIT, Block, actions, button, context, divider, header, section
from bot.commitments import views as commitment_views
from bot.home.service import HomeData
from bot.i18n import Language, t
from bot.ids import Action
from bot.kpis import views as kpi_views
from bot.people import Side


def _list(lang: Language, title_key: str, lines: list[str], empty_key: str) -> list[Block]:
    body = "\n".join(lines) if lines else f"_{t(lang, empty_key)}_"
    return [section(f"*{t(lang, title_key)}*\n{body}")]


def welcome(lang: Language, data: HomeData) -> dict[str, Any]:
    """A first visit (or anyone on no side yet): what Alinea is for, and Join Marketing / Join IT."""
    blocks: list[Block] = [
        header(t(lang, "home.title")),
        section(t(lang, "home.welcome")),
        actions(*[button(t(lang, f"home.button.join_{side.value}"), Action.HOME_JOIN, side.value, "primary")
                  for side in Side]),
        context(t(lang, "home.welcome_hint")),
        divider(),
    ]
    blocks += _list(lang, "home.kpis", [f"*{k.name}* · {kpi_views.status_text(lang, k, data.today)} · "
                                        f"{kpi_views.summary_line(lang, k, data.today)}" for k in data.kpis[:20]],
                    "home.no_kpis")
    return {"type": "home", "blocks": blocks[:VIEW_BLOCK_LIMIT]}


def render(lang: Language, data: HomeData, zone: str) -> dict[str, Any]:
    """The person's asks, asks waiting for their side, their commitments (overdue first), the KPI summary, their
    next sync and their shadowing assignment, with New ask and Log KPI buttons; the welcome for someone on no side."""
    if data.member is None:
        return welcome(lang, data)
    today = data.today
    standing = (t(lang, "help.your_side", side=fmt.side(lang, data.member.side), role=t(lang, f"role.{data.member.role}"))
                if data.member else t(lang, "help.not_on_a_side"))
    blocks: list[Block] = [
        header(t(lang, "home.title")),
        context(standing),
        actions(button(t(lang, "home.button.new_ask"), Action.HOME_NEW_ASK, "new", "primary"),
                button(t(lang, "home.button.log_kpi"), Action.HOME_LOG_KPI, "log")),
        divider(),
    ]
    mine = [f"*{a.ref}* {a.title} · {t(lang, f'ask.status.{a.status.value}')}" for a in data.my_asks]
    waiting = [f"*{a.ref}* {a.title} · {fmt.person(a.requester_id)}" for a in data.waiting_for_my_side]
    owed = [commitment_views.line(lang, c, today) for c in data.my_commitments]
    blocks += _list(lang, "home.my_asks", mine, "home.none")
    blocks += _list(lang, "home.waiting", waiting, "home.none")
    blocks += _list(lang, "home.commitments", owed, "home.none")
    blocks += _list(lang, "home.kpis", [f"*{k.name}* · {kpi_views.status_text(lang, k, today)} · "
                                        f"{kpi_views.summary_line(lang, k, today)}" for k in data.kpis[:20]],
                    "home.no_kpis")
    if data.next_sync:
        sync, at = data.next_sync
        next_line = [f"*{sync.ref} · {sync.name}* · {fmt.moment(at, zone)}"]
    else:
        next_line = []
    blocks += _list(lang, "home.next_sync", next_line, "home.no_sync")
    pair = data.shadowing
    shadow_line = [t(lang, "shadow.status.current", round=pair.round_number, host=pair.host_id, visitor=pair.visitor_id,
                     status=t(lang, f"shadow.pair_status.{pair.status}"))] if pair else []
    blocks += _list(lang, "home.shadowing", shadow_line, "home.no_shadowing")
    return {"type": "home", "blocks": blocks[:VIEW_BLOCK_LIMIT]}
