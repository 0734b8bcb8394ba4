"""Help and usage messages."""

from __future__ import annotations

from bot.blocks import Message, context, divider, header, message, section
from bot.i18n import Language, t
from bot.teams.models import MemberInfo


def overview(lang: Language, member: MemberInfo | None) -> Message:
    """`/alinea help`: what Alinea is, every command, every `/alinea` subcommand, and where the caller stands."""
    if member is None:
        standing = t(lang, "help.not_on_a_side")
    else:
        standing = t(lang, "help.your_side", side=t(lang, f"side.{member.side}"), role=t(lang, f"role.{member.role}"))
    blocks = [
        header(t(lang, "help.title")),
        section(t(lang, "help.intro")),
        section(t(lang, "help.commands")),
        section(f"{t(lang, 'help.alinea_heading')}\n{t(lang, 'usage.alinea')}"),
        divider(),
        context(standing),
    ]
    return message(t(lang, "help.title"), blocks)


def usage(lang: Language, command: str) -> Message:
    """The usage of one command, e.g. `/ask help`."""
    title = t(lang, "usage.title", command=command)
    return message(title, [header(title), section(t(lang, f"usage.{command.lstrip('/')}"))])


def subcommand_usage(lang: Language, command: str, subcommand: str) -> Message:
    """The usage of one subcommand and what it is for, e.g. `/alinea pulse help`."""
    title = t(lang, "usage.title", command=f"{command} {subcommand}")
    name = command.lstrip("/")
    return message(title, [header(title), section(t(lang, f"usage.{name}.{subcommand}")),
                           context(t(lang, f"help.about.{subcommand}"))])
