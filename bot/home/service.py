"""What a person's App Home shows, read in one place from the store."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel
from sqlalchemy import select

from bot.kpis import service as kpis
from bot.shadowing import service as shadowing
from bot.syncs import service as syncs
from bot.asks.service import AskInfo
from bot.commitments.service import CommitmentInfo
from bot.kpis.service import KpiInfo
from bot.people import Actor, MemberInfo
from bot.shadowing.service import PairingInfo
from bot.syncs.service import SyncInfo
from storage import teams as team_repo
from storage.db import Database
from storage.models import Ask, Commitment

HOME_LIST = 8


class HomeData(BaseModel):
    member: MemberInfo | None
    my_asks: list[AskInfo]
    waiting_for_my_side: list[AskInfo]
    my_commitments: list[CommitmentInfo]
    kpis: list[KpiInfo]
    next_sync: tuple[SyncInfo, datetime] | None
    shadowing: PairingInfo | None
    today: date


def home_for(db: Database, actor: Actor, now: datetime) -> HomeData:
    today = actor.today(now)
    with db.transaction() as session:
        workspace = team_repo.workspace_id(session, actor.team_id, now)
        found = team_repo.find_member(session, workspace, actor.user_id)
        member = MemberInfo.model_validate(found) if found else None
        open_ = Ask.status.in_(("open", "accepted"))
        mine = session.scalars(select(Ask).where(Ask.workspace_id == workspace, open_,
                                                 (Ask.requester_id == actor.user_id) | (Ask.owner_id == actor.user_id))
                               .order_by(Ask.created_at.desc()).limit(HOME_LIST))
        waiting = session.scalars(select(Ask).where(Ask.workspace_id == workspace, Ask.status == "open",
                                                    Ask.to_side == (member.side.value if member else ""))
                                  .order_by(Ask.created_at).limit(HOME_LIST)) if member else []
        commitments = session.scalars(select(Commitment).where(
            Commitment.workspace_id == workspace, Commitment.status == "open", Commitment.owner_id == actor.user_id)
            .order_by(Commitment.due_date, Commitment.number).limit(HOME_LIST))
        my_asks = [AskInfo.model_validate(a) for a in mine]
        waiting_asks = [AskInfo.model_validate(a) for a in waiting]
        my_commitments = [CommitmentInfo.model_validate(c) for c in commitments]
    mine_first = sorted(syncs.listing(db, actor.team_id, now), key=lambda s: actor.user_id not in s.participants)
    upcoming = min(((s, s.next_meeting(now)) for s in mine_first if actor.user_id in s.participants),
                   key=lambda pair: pair[1], default=None)
    return HomeData(member=member, my_asks=my_asks, waiting_for_my_side=waiting_asks, my_commitments=my_commitments,
                    kpis=kpis.listing(db, actor.team_id, now), next_sync=upcoming,
                    shadowing=shadowing.status(db, actor, now).current, today=today)
