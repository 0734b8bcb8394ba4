"""Replies of `/alinea join` and `/alinea team`, and the DM telling someone an admin put them on a side."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.blocks import Message, context, header, message, section
from bot.i18n import Language, t
from bot.people import Side
from bot.teams.models import AddResult, JoinResult, MemberInfo, Role


def side_name(lang: Language, side: Side) -> str:
    return t(lang, f"side.{side.value}")


def joined(lang: Language, result: JoinResult) -> Message:
    side = side_name(lang, result.member.side)
    if result.previous_side is None:
        text = t(lang, "team.joined", side=side)
    elif result.previous_side is result.member.side:
        text = t(lang, "team.already", side=side)
    else:
        text = t(lang, "team.moved", old=side_name(lang, result.previous_side), side=side)
    return message(text, [section(text)])


def added(lang: Language, member: MemberInfo) -> Message:
    text = t(lang, "team.added", user=member.user_id, side=side_name(lang, member.side), role=t(lang, f"role.{member.role}"))
    return message(text, [section(text)])


def welcome(lang: Language, result: AddResult, actor_id: str) -> Message:
    """The DM to someone an admin put on a side (or moved, or made a leader or a member): their side and role, and
    what they can do now."""
    member = result.member
    params = {"user": actor_id, "side": side_name(lang, member.side), "role": t(lang, f"role.{member.role}")}
    text = t(lang, "team.dm.added" if result.previous_side is None else "team.dm.changed", **params)
    now = t(lang, "team.dm.now")
    if member.role is Role.LEADER:
        now += "\n" + t(lang, "team.dm.leader")
    return message(text, [section(text), section(now), context(t(lang, "team.dm.help"))])


def removed(lang: Language, user_id: str) -> Message:
    text = t(lang, "team.removed", user=user_id)
    return message(text, [section(text)])


# A section's text holds 3,000 characters; about 60 people fit, the rest are counted.
_PEOPLE_PER_SECTION = 60


def roster(lang: Language, tz: str, sides: dict[Side, list[MemberInfo]]) -> Message:
    """Both sides, leaders marked, with the date each person joined in the reader's time zone."""
    blocks = [header(t(lang, "team.title"))]
    for side, people in sides.items():
        blocks.append(section(t(lang, "team.side_heading", side=side_name(lang, side), count=len(people))))
        if not people:
            blocks.append(context(t(lang, "team.side_empty")))
            continue
        lines = [_person_line(lang, tz, person) for person in people[:_PEOPLE_PER_SECTION]]
        if len(people) > _PEOPLE_PER_SECTION:
            lines.append(t(lang, "list.more", count=len(people) - _PEOPLE_PER_SECTION))
        blocks.append(section("\n".join(lines)))
    return message(t(lang, "team.title"), blocks)


def _person_line(lang: Language, tz: str, person: MemberInfo) -> str:
    since = t(lang, "team.since", date=person.joined_at.astimezone(ZoneInfo(tz)).date().isoformat())
    tag = f" · _{t(lang, 'team.leader_tag')}_" if person.is_leader else ""
    return f"• <@{person.user_id}>{tag} · {since}"
