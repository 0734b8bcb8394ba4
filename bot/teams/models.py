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


class AddResult(BaseModel):
    """An admin's `/alinea team add`: the person as they now are, where they were before (None: on no side), and
    when the change was made (it names the DM that tells them)."""

    member: MemberInfo
    previous_side: Side | None
    previous_role: Role | None
    at: datetime

    @property
    def changed(self) -> bool:
        """Whether the person's side or role is new (adding someone as they already are changes nothing)."""
        return self.previous_side is not self.member.side or self.previous_role is not self.member.role
