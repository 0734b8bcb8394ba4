"""Job-shadowing rotation

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

from storage.models import UTCDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "shadow_participants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("preference", sa.String(length=8), nullable=False),
        sa.Column("paused_until", sa.Date(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("joined_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_shadow_participants_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shadow_participants")),
        sa.UniqueConstraint("workspace_id", "user_id", name=op.f("uq_shadow_participants_workspace_id")),
    )
    op.create_table(
        "shadow_rounds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=64), nullable=False),
        sa.Column("started_at", UTCDateTime(), nullable=False),
        sa.Column("started_by", sa.String(length=32), nullable=True),
        sa.Column("left_out", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_shadow_rounds_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shadow_rounds")),
        sa.UniqueConstraint("workspace_id", "period", name=op.f("uq_shadow_rounds_workspace_id")),
    )
    op.create_table(
        "shadow_settings",
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("anchor", sa.Date(), nullable=False),
        sa.Column("at_minute", sa.Integer(), nullable=False),
        sa.Column("every_weeks", sa.Integer(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("followup_days", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=32), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_shadow_settings_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workspace_id", name=op.f("pk_shadow_settings")),
    )
    op.create_table(
        "shadow_pairings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("host_id", sa.String(length=32), nullable=False),
        sa.Column("visitor_id", sa.String(length=32), nullable=False),
        sa.Column("host_side", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=True),
        sa.Column("followup_at", UTCDateTime(), nullable=False),
        sa.Column("followup_sent_at", UTCDateTime(), nullable=True),
        sa.Column("surprise", sa.Text(), nullable=True),
        sa.Column("idea", sa.Text(), nullable=True),
        sa.Column("ask_id", sa.Integer(), nullable=True),
        sa.Column("closed_at", UTCDateTime(), nullable=True),
        sa.Column("closed_by", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["ask_id"], ["asks.id"], name=op.f("fk_shadow_pairings_ask_id_asks"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["shadow_rounds.id"],
            name=op.f("fk_shadow_pairings_round_id_shadow_rounds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shadow_pairings")),
    )
    with op.batch_alter_table("shadow_pairings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_shadow_pairings_round_id"), ["round_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("shadow_pairings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_shadow_pairings_round_id"))

    op.drop_table("shadow_pairings")
    op.drop_table("shadow_settings")
    op.drop_table("shadow_rounds")
    op.drop_table("shadow_participants")
