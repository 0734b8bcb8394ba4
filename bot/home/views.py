"""The App Home tab."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot import format as fmt
from bot.asks import views as ask_views
from bot.asks.models import AskInfo, AskStatus
from bot.blocks import VIEW_BLOCK_LIMIT, Block, Message, actions, button, context, divider, header, message, section
from bot.commitments import views as commitment_views
from bot.digest import views as digest_views
from bot.digest.models import Trend
from bot.home.service import HomeData
from bot.i18n import Language, t
from bot.ids import Action
from bot.kpis import views as kpi_views
from bot.people import Side
from bot.workspace import views as settings_views


def _list(lang: Language, title_key: str, lines: list[str], empty_key: str, total: int = 0,
          see_all: str = "") -> list[Block]:
    """A titled list; when `total` is more than it shows, "…and N more" with the command that shows them all."""
    body = "\n".join(lines) if lines else f"_{t(lang, empty_key)}_"
    blocks = [section(f"*{t(lang, title_key)}*\n{body}")]
    return blocks + _more(lang, total - len(lines), see_all)


def _more(lang: Language, hidden: int, see_all: str) -> list[Block]:
    return [context(t(lang, "home.more", count=hidden, command=see_all))] if hidden > 0 else []


def _asks(lang: Language, title_key: str, asks: list[AskInfo], total: int, see_all: str,
          line: Callable[[AskInfo], str], buttons: Callable[[AskInfo], list[Block]]) -> list[Block]:
    """A titled list of asks, each with the buttons the reader may press on it."""
    if not asks:
        return _list(lang, title_key, [], "home.none")
    blocks = [section(f"*{t(lang, title_key)}*")]
    for ask in asks:
        blocks.append(section(line(ask)))
        if shown := buttons(ask):
            blocks.append(actions(*shown))
    return blocks + _more(lang, total - len(asks), see_all)


HOME_KPIS = 20  # KPIs the Home lists; `/kpi list` shows them all


def _kpis(lang: Language, data: HomeData) -> list[Block]:
    lines = [f"*{k.name}* · {kpi_views.status_text(lang, k, data.today)} · "
             f"{kpi_views.summary_line(lang, k, data.today)}" for k in data.kpis[:HOME_KPIS]]
    return _list(lang, "home.kpis", lines, "home.no_kpis", len(data.kpis), "/kpi list")


DM_LIST = 5  # of each list, in the reply to a message typed to the app; the Home tab shows more


def dm_reply(lang: Language, data: HomeData) -> Message:
    """The short reply to a message typed to the app (its Messages tab): what waits for the person — their open
    asks, asks waiting for their side, their commitments — and the commands."""
    if data.member is None:
        text = t(lang, "home.dm.newcomer")
        return message(text, [section(text), context(t(lang, "home.dm.commands"))])
    side = data.member.side.value
    parts = [("home.my_asks", [f"*{a.ref}* {a.title}" for a in data.my_asks], data.my_asks_total, "/ask list mine"),
             ("home.waiting", [f"*{a.ref}* {a.title}" for a in data.waiting_for_my_side], data.waiting_total,
              f"/ask list open to:{side}"),
             ("home.commitments", [commitment_views.line(lang, c, data.today) for c in data.my_commitments],
              data.commitments_total, "/commit list mine")]
    shown = [(key, lines[:DM_LIST], total, see_all) for key, lines, total, see_all in parts if lines]
    text = t(lang, "home.dm.waiting" if shown else "home.dm.nothing")
    blocks: list[Block] = [section(text)]
    for key, lines, total, see_all in shown:
        blocks += [section(f"*{t(lang, key)}*\n" + "\n".join(lines)), *_more(lang, total - len(lines), see_all)]
    return message(text, [*blocks, context(t(lang, "home.dm.commands"))])


def welcome(lang: Language, data: HomeData) -> dict[str, Any]:
    """A first visit (or anyone on no side yet): what Alinea is for, and Join Marketing / Join IT."""
    blocks: list[Block] = [
        header(t(lang, "home.title")),
        section(t(lang, "home.welcome")),
        actions(*[button(t(lang, f"home.button.join_{side.value}"), Action.HOME_JOIN, side.value, "primary")
                  for side in Side]),
        context(t(lang, "home.welcome_hint")),
        *([actions(settings_views.home_button(lang))] if data.is_admin else []),
        divider(),
    ]
    blocks += _kpis(lang, data)
    return {"type": "home", "blocks": blocks[:VIEW_BLOCK_LIMIT]}


def render(lang: Language, data: HomeData, zone: str, trend: Trend | None = None) -> dict[str, Any]:
    """The person's asks, asks waiting for their side, their commitments (overdue first), the KPI summary, their
    next sync and their shadowing assignment, with New ask and Log KPI buttons (and Settings for admins); for a
    leader, first what moved since four weeks ago (`trend`, the digest's lines); the welcome for someone on no
    side."""
    if data.member is None:
        return welcome(lang, data)
    today = data.today
    standing = (t(lang, "help.your_side", side=fmt.side(lang, data.member.side), role=t(lang, f"role.{data.member.role}"))
                if data.member else t(lang, "help.not_on_a_side"))
    blocks: list[Block] = [
        header(t(lang, "home.title")),
        context(standing),
        actions(button(t(lang, "home.button.new_ask"), Action.HOME_NEW_ASK, "new", "primary"),
                button(t(lang, "home.button.log_kpi"), Action.HOME_LOG_KPI, "log"),
                *([settings_views.home_button(lang)] if data.is_admin else [])),
        divider(),
    ]
    if trend is not None and (moved := digest_views.trend_block(lang, trend)):
        blocks += [*moved, divider()]
    me = data.member.user_id
    blocks += _asks(lang, "home.my_asks", data.my_asks, data.my_asks_total, "/ask list mine",
                    lambda a: f"*{a.ref}* {a.title} · {t(lang, f'ask.status.{a.status.value}')}",
                    lambda a: [ask_views.ask_button(lang, "done", a, "primary")]
                    if a.status is AskStatus.ACCEPTED and a.owner_id == me else [])
    blocks += _asks(lang, "home.waiting", data.waiting_for_my_side, data.waiting_total,
                    f"/ask list open to:{data.member.side.value}",
                    lambda a: f"*{a.ref}* {a.title} · {fmt.person(a.requester_id)}",
                    lambda a: [ask_views.ask_button(lang, "accept", a, "primary"),
                               ask_views.ask_button(lang, "decline", a, "danger")])
    owed = [commitment_views.line(lang, c, today) for c in data.my_commitments]
    blocks += _list(lang, "home.commitments", owed, "home.none", data.commitments_total, "/commit list mine")
    blocks += _kpis(lang, data)
    if data.next_sync:
        sync, at = data.next_sync
        next_line = [f"*{sync.ref} · {sync.name}* · {fmt.meeting(lang, at, zone, sync.timezone)}"]
    else:
        next_line = []
    blocks += _list(lang, "home.next_sync", next_line, "home.no_sync")
    pair = data.shadowing
    shadow_line = [t(lang, "shadow.status.current", round=pair.round_number, host=pair.host_id, visitor=pair.visitor_id,
                     status=t(lang, f"shadow.pair_status.{pair.status}"))] if pair else []
    blocks += _list(lang, "home.shadowing", shadow_line, "home.no_shadowing")
    return {"type": "home", "blocks": blocks[:VIEW_BLOCK_LIMIT]}
