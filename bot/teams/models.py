"""Who is on which side, as services hand it out (never an ORM instance)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from bot.people import Side


class Role(StrEnum):
    MEMBER = "member"
    LEADER = "leader"


class MemberInfo(BaseModel):
    """A person on a side."""

    model_config = ConfigDict(frozen=True, from_attributes=True)

    user_id: str
    side: Side
    role: Role
    joined_at: datetime

    @property
    def is_leader(self) -> bool:
        return self.role is Role.LEADER


class JoinResult(BaseModel):
    member: MemberInfo
    previous_side: Side | None
