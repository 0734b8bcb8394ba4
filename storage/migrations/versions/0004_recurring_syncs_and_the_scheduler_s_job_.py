"""Recurring syncs and the scheduler"s job table

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

from storage.models import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "apscheduler_jobs",
        sa.Column("id", sa.Unicode(length=191), nullable=False),
        sa.Column("next_run_time", sa.Float(precision=25), nullable=True),
        sa.Column("job_state", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_apscheduler_jobs")),
    )
    with op.batch_alter_table("apscheduler_jobs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_apscheduler_jobs_next_run_time"), ["next_run_time"], unique=False)

    op.create_table(
        "syncs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("anchor", sa.Date(), nullable=False),
        sa.Column("at_minute", sa.Integer(), nullable=False),
        sa.Column("every_weeks", sa.Integer(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("participants", sa.JSON(), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=True),
        sa.Column("remind_hours", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(length=32), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("cancelled_at", UTCDateTime(), nullable=True),
        sa.Column("cancelled_by", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["workspace_id"], ["workspaces.id"], name=op.f("fk_syncs_workspace_id_workspaces"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_syncs")),
        sa.UniqueConstraint("workspace_id", "number", name=op.f("uq_syncs_workspace_id")),
    )
    op.create_table(
        "sync_meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sync_id", sa.Integer(), nullable=False),
        sa.Column("occurs_at", UTCDateTime(), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=True),
        sa.Column("message_ts", sa.String(length=32), nullable=True),
        sa.Column("posted_at", UTCDateTime(), nullable=False),
        sa.Column("outcome_by", sa.String(length=32), nullable=True),
        sa.Column("outcome_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["sync_id"], ["syncs.id"], name=op.f("fk_sync_meetings_sync_id_syncs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_meetings")),
        sa.UniqueConstraint("sync_id", "occurs_at", name=op.f("uq_sync_meetings_sync_id")),
    )
    op.create_table(
        "sync_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.Column("recorded_by", sa.String(length=32), nullable=False),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["sync_meetings.id"],
            name=op.f("fk_sync_decisions_meeting_id_sync_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_decisions")),
    )
    with op.batch_alter_table("sync_decisions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_decisions_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "sync_topics",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sync_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.Column("added_by", sa.String(length=32), nullable=False),
        sa.Column("added_at", UTCDateTime(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["sync_meetings.id"],
            name=op.f("fk_sync_topics_meeting_id_sync_meetings"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["sync_id"], ["syncs.id"], name=op.f("fk_sync_topics_sync_id_syncs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_topics")),
    )
    with op.batch_alter_table("sync_topics", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_topics_sync_id"), ["sync_id"], unique=False)

    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.create_foreign_key(
            batch_op.f("fk_commitments_sync_id_syncs"), "syncs", ["sync_id"], ["id"], ondelete="SET NULL"
        )

    with op.batch_alter_table("workspaces", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sync_seq", sa.Integer(), server_default="0", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("workspaces", schema=None) as batch_op:
        batch_op.drop_column("sync_seq")

    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_commitments_sync_id_syncs"), type_="foreignkey")

    with op.batch_alter_table("sync_topics", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_topics_sync_id"))

    op.drop_table("sync_topics")
    with op.batch_alter_table("sync_decisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_decisions_meeting_id"))

    op.drop_table("sync_decisions")
    op.drop_table("sync_meetings")
    op.drop_table("syncs")
    with op.batch_alter_table("apscheduler_jobs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_apscheduler_jobs_next_run_time"))

    op.drop_table("apscheduler_jobs")
