"""What a person's App Home shows, read in one snapshot of the store."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel

from bot.asks.models import AskInfo
from bot.commitments import service as commitments
from bot.commitments.models import CommitmentInfo
from bot.kpis import service as kpis
from bot.kpis.models import KpiInfo
from bot.people import Actor
from bot.shadowing import service as shadowing
from bot.shadowing.models import PairingInfo
from bot.syncs import service as syncs
from bot.syncs.models import SyncInfo
from bot.teams.models import MemberInfo, Role
from bot.teams.service import member_in
from storage import asks as ask_repo
from storage import teams as team_repo
from storage.db import Database

HOME_LIST = 8


class HomeData(BaseModel):
    member: MemberInfo | None
    my_asks: list[AskInfo]  # the first HOME_LIST of each list; the totals say how many there are
    my_asks_total: int = 0
    waiting_for_my_side: list[AskInfo]
    waiting_total: int = 0
    my_commitments: list[CommitmentInfo]
    commitments_total: int = 0
    kpis: list[KpiInfo]
    next_sync: tuple[SyncInfo, datetime] | None
    shadowing: PairingInfo | None
    today: date
    is_admin: bool = False  # the Home shows admins a Settings button

    @property
    def leads(self) -> bool:
        """Whether the Home is a leader's (or an admin's), which opens with what moved since four weeks ago."""
        return self.is_admin or (self.member is not None and self.member.role is Role.LEADER)


def kpis_to_log(db: Database, actor: Actor, now: datetime) -> list[KpiInfo]:
    """The active KPIs the person may log, as Home's Log KPI offers them: those of their side and the shared ones
    (every one for an admin)."""
    with db.snapshot() as session:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        member = member_in(session, workspace, actor.user_id)
        active = kpis.listing_in(session, workspace)
    if actor.is_admin:
        return active
    return [k for k in active if member is not None and k.owner in ("shared", member.side.value)]


def home_for(db: Database, actor: Actor, now: datetime) -> HomeData:
    """The person's open asks, asks waiting for their side, their commitments (overdue first), the KPIs, their next
    sync and their current shadowing pairing."""
    with db.snapshot() as session:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        member = member_in(session, workspace, actor.user_id)
        found, mine_total = ask_repo.open_asks_of(session, workspace, actor.user_id, HOME_LIST)
        mine = [AskInfo.model_validate(a) for a in found]
        found, waiting_total = (ask_repo.open_asks_to(session, workspace, member.side.value, HOME_LIST)
                                if member else ([], 0))
        waiting = [AskInfo.model_validate(a) for a in found]
        owed, owed_total = commitments.mine_in(session, workspace, actor.user_id, HOME_LIST)
        active_kpis = kpis.listing_in(session, workspace)
        mine_syncs = [s for s in syncs.listing_in(session, workspace, actor.team_id) if actor.user_id in s.participants]
        pairing = shadowing.current_pairing_in(session, workspace, actor.user_id)
    upcoming = min(((s, s.next_meeting(now)) for s in mine_syncs), key=lambda pair: pair[1], default=None)
    return HomeData(member=member, my_asks=mine, my_asks_total=mine_total,
                    waiting_for_my_side=waiting, waiting_total=waiting_total,
                    my_commitments=owed, commitments_total=owed_total, kpis=active_kpis, next_sync=upcoming,
                    shadowing=pairing, today=actor.today(now), is_admin=actor.is_admin)
