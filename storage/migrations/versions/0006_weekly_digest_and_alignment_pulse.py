"""Weekly digest and alignment pulse

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

from storage.models import UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "digest_settings",
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("at_minute", sa.Integer(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=True),
        sa.Column("updated_by", sa.String(length=32), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_digest_settings_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workspace_id", name=op.f("pk_digest_settings")),
    )
    op.create_table(
        "digest_subscribers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("subscribed_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_digest_subscribers_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_digest_subscribers")),
        sa.UniqueConstraint("workspace_id", "user_id", name=op.f("uq_digest_subscribers_workspace_id")),
    )
    op.create_table(
        "pulse_rounds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=64), nullable=False),
        sa.Column("started_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_pulse_rounds_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pulse_rounds")),
        sa.UniqueConstraint("workspace_id", "period", name=op.f("uq_pulse_rounds_workspace_id")),
    )
    op.create_table(
        "pulse_settings",
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("anchor", sa.Date(), nullable=False),
        sa.Column("at_minute", sa.Integer(), nullable=False),
        sa.Column("every_weeks", sa.Integer(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("updated_by", sa.String(length=32), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_pulse_settings_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workspace_id", name=op.f("pk_pulse_settings")),
    )
    op.create_table(
        "pulse_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("ballot", sa.String(length=64), nullable=False),
        sa.Column("side", sa.String(length=16), nullable=False),
        sa.Column("score", sa.SmallInteger(), nullable=False),
        sa.Column("comment", sa.String(length=1000), nullable=True),
        sa.Column("answered_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"], ["pulse_rounds.id"], name=op.f("fk_pulse_answers_round_id_pulse_rounds"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pulse_answers")),
        sa.UniqueConstraint("round_id", "ballot", name=op.f("uq_pulse_answers_round_id")),
    )
    with op.batch_alter_table("pulse_answers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pulse_answers_round_id"), ["round_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("pulse_answers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pulse_answers_round_id"))

    op.drop_table("pulse_answers")
    op.drop_table("pulse_settings")
    op.drop_table("pulse_rounds")
    op.drop_table("digest_subscribers")
    op.drop_table("digest_settings")
