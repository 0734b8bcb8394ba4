"""SQLAlchemy 2 typed models. Times are stored in UTC and always read back timezone-aware."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    TypeDecorator,
    Unicode,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.sql import false, func


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC; SQLite drops the zone, so it is put back on the way out."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; pass a timezone-aware one")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime()}


class Workspace(Base):
    """A Slack workspace (team). Every record belongs to one."""

    __tablename__ = "workspaces"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), unique=True)
    created_at: Mapped[datetime]
    # The last number handed out for asks (A-n) and commitments (C-n) in this workspace.
    ask_seq: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    commitment_seq: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    sync_seq: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Counts the changes to this workspace's KPIs and their values, so a listing read before can be reused.
    kpi_revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # How Alinea came to serve it: installed through OAuth (its tokens are in `slack_bots`), org-wide on Enterprise
    # Grid (`team_id` is then the org's enterprise ID), and when the app was uninstalled or its tokens revoked (no
    # send or job runs for it then; its records stay until `alinea workspaces forget`).
    enterprise_id: Mapped[str | None] = mapped_column(String(32))
    org_wide: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    installed_at: Mapped[datetime | None]
    uninstalled_at: Mapped[datetime | None]


class WorkspaceSettings(Base):
    """What an admin chose for the workspace (`/alinea settings`); a workspace with no row reads the environment's
    defaults (`bot.settings.Settings`)."""

    __tablename__ = "workspace_settings"

    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), primary_key=True)
    channel_id: Mapped[str | None] = mapped_column(String(32))  # the collaboration channel; None: none
    # Each side's own channel, for an org-wide install whose collaboration channel is not shared with every workspace.
    marketing_channel_id: Mapped[str | None] = mapped_column(String(32))
    it_channel_id: Mapped[str | None] = mapped_column(String(32))
    timezone: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(8))
    reminder_minute: Mapped[int]  # the daily reminders' local time, in minutes after midnight
    notices_off: Mapped[list[str]] = mapped_column(JSON)  # kinds of DMs off for people who never chose
    updated_by: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[datetime]


class Member(Base):
    """A person on one of the two sides."""

    __tablename__ = "members"
    __table_args__ = (UniqueConstraint("workspace_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(String(32))
    side: Mapped[str] = mapped_column(String(16))  # "marketing" | "it"
    role: Mapped[str] = mapped_column(String(16))  # "member" | "leader"
    joined_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class TeamRemoval(Base):
    """Someone an admin took off their side: they may not rejoin by themselves until an admin adds them back."""

    __tablename__ = "team_removals"
    __table_args__ = (UniqueConstraint("workspace_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(String(32))
    removed_by: Mapped[str] = mapped_column(String(32))
    removed_at: Mapped[datetime]


class AuditEntry(Base):
    """One change made by someone: who, what, to what, when."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_workspace_at", "workspace_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    actor_id: Mapped[str] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(64))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    at: Mapped[datetime]


class Ask(Base):
    """A request from one side to the other, and everything that happened to it."""

    __tablename__ = "asks"
    __table_args__ = (
        UniqueConstraint("workspace_id", "number"),
        Index("ix_asks_workspace_status", "workspace_id", "status"),
        # App Home, `/ask list mine` and the digest read asks by person and by time.
        Index("ix_asks_workspace_requester", "workspace_id", "requester_id", "status"),
        Index("ix_asks_workspace_owner", "workspace_id", "owner_id", "status"),
        Index("ix_asks_workspace_created", "workspace_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    number: Mapped[int]
    requester_id: Mapped[str] = mapped_column(String(32))
    from_side: Mapped[str] = mapped_column(String(16))
    to_side: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200))
    details: Mapped[str | None] = mapped_column(Text)
    owner_id: Mapped[str | None] = mapped_column(String(32))
    due_date: Mapped[date | None] = mapped_column(Date)
    priority: Mapped[str] = mapped_column(String(16))
    category: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(String(16))  # command | modal | shortcut | shadowing
    source_link: Mapped[str | None] = mapped_column(String(500))
    channel_id: Mapped[str | None] = mapped_column(String(32))
    message_ts: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None]
    accepted_by: Mapped[str | None] = mapped_column(String(32))
    done_at: Mapped[datetime | None]
    done_by: Mapped[str | None] = mapped_column(String(32))
    done_note: Mapped[str | None] = mapped_column(String(500))
    declined_at: Mapped[datetime | None]
    declined_by: Mapped[str | None] = mapped_column(String(32))
    decline_reason: Mapped[str | None] = mapped_column(String(500))
    cancelled_at: Mapped[datetime | None]
    cancelled_by: Mapped[str | None] = mapped_column(String(32))
    rating: Mapped[int | None] = mapped_column(SmallInteger)
    rated_at: Mapped[datetime | None]
    # The channel its card is still to be posted in (set with the ask, cleared once posted or refused for good);
    # a sweep posts the cards Slack was too busy to take.
    post_to: Mapped[str | None] = mapped_column(String(32))


class Commitment(Base):
    """Someone's promise to do something by a date, maybe for an ask or a sync."""

    __tablename__ = "commitments"
    __table_args__ = (
        UniqueConstraint("workspace_id", "number"),
        Index("ix_commitments_workspace_status_due", "workspace_id", "status", "due_date"),
        Index("ix_commitments_workspace_owner", "workspace_id", "owner_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    number: Mapped[int]
    owner_id: Mapped[str] = mapped_column(String(32))
    side: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(String(300))
    due_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))  # open | done | cancelled
    kept: Mapped[bool | None]  # set when done: on or before the due date
    ask_id: Mapped[int | None] = mapped_column(ForeignKey("asks.id", ondelete="SET NULL"))
    sync_id: Mapped[int | None] = mapped_column(ForeignKey("syncs.id", ondelete="SET NULL"))  # from a sync's outcome
    created_by: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    done_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]


class NotificationPreference(Base):
    """Whether a person wants one kind of DM (`bot.notifications.models.NoticeKind`) in a workspace; a kind with no
    row is on."""

    __tablename__ = "notification_preferences"
    __table_args__ = (UniqueConstraint("workspace_id", "user_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(16))
    enabled: Mapped[bool]
    updated_at: Mapped[datetime]


class Delivery(Base):
    """A scheduled send, claimed before it is made: one per (job, recipient, period), so restarts, retries
    and a second scheduler never post twice."""

    __tablename__ = "deliveries"
    __table_args__ = (UniqueConstraint("job", "recipient", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job: Mapped[str] = mapped_column(String(64))
    recipient: Mapped[str] = mapped_column(String(64))
    period: Mapped[str] = mapped_column(String(64))
    claimed_at: Mapped[datetime]
    claimed_by: Mapped[str | None] = mapped_column(String(32))  # the claiming process (storage.db.Database.owner)
    sent_at: Mapped[datetime | None]


class Kpi(Base):
    """A metric both sides share: its target, which way is good, who owns it and how often it is measured."""

    __tablename__ = "kpis"
    __table_args__ = (UniqueConstraint("workspace_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    slug: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(80))
    unit: Mapped[str | None] = mapped_column(String(16))
    target: Mapped[float]
    direction: Mapped[str] = mapped_column(String(8))  # up | down
    owner: Mapped[str] = mapped_column(String(16))  # marketing | it | shared
    cadence: Mapped[str] = mapped_column(String(8))  # weekly | monthly
    created_by: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    archived_at: Mapped[datetime | None]


class KpiValue(Base):
    """One measurement of a KPI; one per KPI per day (a second log for the day replaces the first)."""

    __tablename__ = "kpi_values"
    __table_args__ = (UniqueConstraint("kpi_id", "measured_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kpi_id: Mapped[int] = mapped_column(ForeignKey("kpis.id", ondelete="CASCADE"))
    measured_on: Mapped[date] = mapped_column(Date)
    value: Mapped[float]
    logged_by: Mapped[str] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(String(300))
    logged_at: Mapped[datetime]


class Sync(Base):
    """A recurring CIO–CMO sync (S-n): a weekday and wall-clock time in its own time zone, every N weeks."""

    __tablename__ = "syncs"
    __table_args__ = (UniqueConstraint("workspace_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    number: Mapped[int]
    name: Mapped[str] = mapped_column(String(80))
    anchor: Mapped[date] = mapped_column(Date)  # the first meeting's date; its weekday is the series'
    at_minute: Mapped[int]  # minutes after local midnight
    every_weeks: Mapped[int]
    timezone: Mapped[str] = mapped_column(String(64))
    participants: Mapped[list[str]] = mapped_column(JSON)
    channel_id: Mapped[str | None] = mapped_column(String(32))  # else the participants' group DM
    remind_hours: Mapped[int]
    created_by: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime]
    cancelled_at: Mapped[datetime | None]
    cancelled_by: Mapped[str | None] = mapped_column(String(32))


class SyncTopic(Base):
    """An agenda item for a sync's next meeting; `meeting_id` is set when an agenda carried it."""

    __tablename__ = "sync_topics"

    id: Mapped[int] = mapped_column(primary_key=True)
    sync_id: Mapped[int] = mapped_column(ForeignKey("syncs.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(String(500))
    added_by: Mapped[str] = mapped_column(String(32))
    added_at: Mapped[datetime]
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("sync_meetings.id", ondelete="SET NULL"))


class SyncMeeting(Base):
    """One held occurrence of a sync: where its agenda was posted and when its outcome was recorded."""

    __tablename__ = "sync_meetings"
    __table_args__ = (UniqueConstraint("sync_id", "occurs_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sync_id: Mapped[int] = mapped_column(ForeignKey("syncs.id", ondelete="CASCADE"))
    occurs_at: Mapped[datetime]
    channel_id: Mapped[str | None] = mapped_column(String(32))
    message_ts: Mapped[str | None] = mapped_column(String(32))
    posted_at: Mapped[datetime]
    outcome_by: Mapped[str | None] = mapped_column(String(32))
    outcome_at: Mapped[datetime | None]


class SyncDecision(Base):
    """A decision recorded in a meeting's outcome."""

    __tablename__ = "sync_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("sync_meetings.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(String(500))
    recorded_by: Mapped[str] = mapped_column(String(32))
    recorded_at: Mapped[datetime]


# APScheduler's job store table, declared here so the schema has one owner (Alembic) and the models match it.
# The scheduler only reads and writes it.
APSCHEDULER_JOBS = Table(
    "apscheduler_jobs",
    Base.metadata,
    Column("id", Unicode(191), primary_key=True),
    Column("next_run_time", Float(25), index=True),
    Column("job_state", LargeBinary, nullable=False),
)


# The tables of slack_sdk's SQLAlchemy installation and OAuth state stores (`SQLAlchemyInstallationStore`,
# `SQLAlchemyOAuthStateStore`), declared here with the columns those stores read and write, so the schema has one
# owner (Alembic); tests/storage/test_installation_tables.py checks they match the stores' own definitions.
# Their times are naive UTC, as the stores write them.
def _installation_columns(*, bot_only: bool) -> list[Any]:
    installer = [] if bot_only else [
        Column("user_id", String(32), nullable=False),
        Column("user_token", String(200)),
        Column("user_scopes", String(1000)),
        Column("user_refresh_token", String(200)),
        Column("user_token_expires_at", DateTime),
        Column("incoming_webhook_url", String(200)),
        Column("incoming_webhook_channel", String(200)),
        Column("incoming_webhook_channel_id", String(200)),
        Column("incoming_webhook_configuration_url", String(200)),
    ]
    org = [Column("enterprise_id", String(32)), Column("enterprise_name", String(200))]
    if not bot_only:
        org.append(Column("enterprise_url", String(200)))
    return [
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("client_id", String(32), nullable=False),
        Column("app_id", String(32), nullable=False),
        *org,
        Column("team_id", String(32)),
        Column("team_name", String(200)),
        Column("bot_token", String(200)),
        Column("bot_id", String(32)),
        Column("bot_user_id", String(32)),
        Column("bot_scopes", String(1000)),
        Column("bot_refresh_token", String(200)),
        Column("bot_token_expires_at", DateTime),
        *installer,
        Column("is_enterprise_install", Boolean, default=False, nullable=False),
        *([] if bot_only else [Column("token_type", String(32))]),
        Column("installed_at", DateTime, nullable=False, default=func.now()),
    ]


SLACK_INSTALLATIONS = Table(
    "slack_installations", Base.metadata, *_installation_columns(bot_only=False),
    Index("slack_installations_idx", "client_id", "enterprise_id", "team_id", "user_id", "installed_at"),
)
SLACK_BOTS = Table(
    "slack_bots", Base.metadata, *_installation_columns(bot_only=True),
    Index("slack_bots_idx", "client_id", "enterprise_id", "team_id", "installed_at"),
)
SLACK_OAUTH_STATES = Table(
    "slack_oauth_states", Base.metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("state", String(200), nullable=False),
    Column("expire_at", DateTime, nullable=False),
)

class ShadowSettings(Base):
    """A workspace's rotation rhythm: rounds every N weeks on a weekday and time, and when to follow up."""

    __tablename__ = "shadow_settings"

    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), primary_key=True)
    anchor: Mapped[date] = mapped_column(Date)
    at_minute: Mapped[int]
    every_weeks: Mapped[int]
    timezone: Mapped[str] = mapped_column(String(64))
    followup_days: Mapped[int]
    updated_by: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[datetime]


class ShadowParticipant(Base):
    """Someone in the job-shadowing rotation."""

    __tablename__ = "shadow_participants"
    __table_args__ = (UniqueConstraint("workspace_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(String(32))
    preference: Mapped[str] = mapped_column(String(8))  # host | visitor | both
    paused_until: Mapped[date | None] = mapped_column(Date)
    active: Mapped[bool]
    joined_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class ShadowRound(Base):
    """One round of the rotation; `period` names it (a scheduled time, or a manual run)."""

    __tablename__ = "shadow_rounds"
    __table_args__ = (UniqueConstraint("workspace_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    number: Mapped[int]
    period: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[datetime]
    started_by: Mapped[str | None] = mapped_column(String(32))
    left_out: Mapped[list[str]] = mapped_column(JSON)  # eligible people not paired this round


class ShadowPairing(Base):
    """Who shadows whom in a round, and what came of it."""

    __tablename__ = "shadow_pairings"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("shadow_rounds.id", ondelete="CASCADE"), index=True)
    host_id: Mapped[str] = mapped_column(String(32))
    visitor_id: Mapped[str] = mapped_column(String(32))
    host_side: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))  # assigned | done | skipped
    channel_id: Mapped[str | None] = mapped_column(String(32))
    followup_at: Mapped[datetime]
    followup_sent_at: Mapped[datetime | None]
    surprise: Mapped[str | None] = mapped_column(Text)
    idea: Mapped[str | None] = mapped_column(Text)
    ask_id: Mapped[int | None] = mapped_column(ForeignKey("asks.id", ondelete="SET NULL"))
    closed_at: Mapped[datetime | None]
    closed_by: Mapped[str | None] = mapped_column(String(32))


class DigestSettings(Base):
    """When the weekly digest goes out, and to which channel besides the subscribers' DMs."""

    __tablename__ = "digest_settings"

    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), primary_key=True)
    weekday: Mapped[int]
    at_minute: Mapped[int]
    timezone: Mapped[str] = mapped_column(String(64))
    channel_id: Mapped[str | None] = mapped_column(String(32))
    updated_by: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[datetime]


class DigestSubscriber(Base):
    __tablename__ = "digest_subscribers"
    __table_args__ = (UniqueConstraint("workspace_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(String(32))
    subscribed_at: Mapped[datetime]


class PulseSettings(Base):
    """The alignment pulse's rhythm."""

    __tablename__ = "pulse_settings"

    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), primary_key=True)
    anchor: Mapped[date] = mapped_column(Date)
    at_minute: Mapped[int]
    every_weeks: Mapped[int]
    timezone: Mapped[str] = mapped_column(String(64))
    updated_by: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[datetime]


class PulseRound(Base):
    __tablename__ = "pulse_rounds"
    __table_args__ = (UniqueConstraint("workspace_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    number: Mapped[int]
    period: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[datetime]


class PulseAnswer(Base):
    """One answer to a pulse round, stored without the person: only their side, the score and the comment.
    `ballot` is a keyed hash of (round, person) so a second press changes the answer instead of adding one,
    and cannot be turned back into the person without the server's key."""

    __tablename__ = "pulse_answers"
    __table_args__ = (UniqueConstraint("round_id", "ballot"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("pulse_rounds.id", ondelete="CASCADE"), index=True)
    ballot: Mapped[str] = mapped_column(String(64))
    side: Mapped[str] = mapped_column(String(16))
    score: Mapped[int] = mapped_column(SmallInteger)
    comment: Mapped[str | None] = mapped_column(String(1000))
    answered_on: Mapped[date] = mapped_column(Date)  # a day, not a time: finer times could identify people


class Intake(Base):
    """A request from Slack that changes something, recorded before Slack gets its ack and worked from here: by the
    process that claimed it, or, if that process dies, by the next one. `key` is what Slack makes unique about the
    request (a trigger_id, a view's id and hash, an event_id), so a replay or a second delivery is taken once.
    On SQLite this table lives in a file of its own (`storage.intake`), so recording never waits for the work's
    write transactions."""

    __tablename__ = "intake"
    __table_args__ = (UniqueConstraint("key"), Index("ix_intake_open", "done_at", "claimed_by"))

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200))
    work: Mapped[str] = mapped_column(String(64))  # which handler's work (handlers.intake.WORKS)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    payload: Mapped[str] = mapped_column(Text)  # the request as Bolt parsed it, as JSON
    response_url: Mapped[str | None] = mapped_column(String(500))
    received_at: Mapped[datetime]
    claimed_by: Mapped[str | None] = mapped_column(String(32))  # a process (storage.db.Database.owner)
    claimed_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    retry_at: Mapped[datetime | None]  # when a failed attempt may be tried again
    answered_at: Mapped[datetime | None]  # when the person got their answer
    done_at: Mapped[datetime | None]


class Effect(Base):
    """A change made for one Slack request, recorded in the change's own transaction: work resumed after a crash
    finds it and does not make the change twice."""

    __tablename__ = "effects"
    __table_args__ = (UniqueConstraint("key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200))  # the request's intake key
    subject: Mapped[str | None] = mapped_column(String(64))  # what changed, as people name it: `A-12`, `C-7`, `mql`
    result: Mapped[str] = mapped_column(Text)  # what the service returned, as JSON
    at: Mapped[datetime]
