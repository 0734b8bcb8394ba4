"""Durable intake of Slack's requests, the effects made for them, asks whose card is still to be posted, and a
delivery period long enough for a round started by hand

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

from storage.models import UTCDateTime

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "intake",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("work", sa.String(length=64), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("response_url", sa.String(length=500), nullable=True),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.Column("claimed_by", sa.String(length=32), nullable=True),
        sa.Column("claimed_at", UTCDateTime(), nullable=True),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("retry_at", UTCDateTime(), nullable=True),
        sa.Column("answered_at", UTCDateTime(), nullable=True),
        sa.Column("done_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake")),
        sa.UniqueConstraint("key", name=op.f("uq_intake_key")),
    )
    op.create_index("ix_intake_open", "intake", ["done_at", "claimed_by"])
    op.create_table(
        "effects",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("subject", sa.String(length=64), nullable=True),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_effects")),
        sa.UniqueConstraint("key", name=op.f("uq_effects_key")),
    )
    with op.batch_alter_table("asks", schema=None) as batch_op:
        batch_op.add_column(sa.Column("post_to", sa.String(length=32), nullable=True))
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.alter_column("period", existing_type=sa.String(length=32), type_=sa.String(length=64),
                              existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.alter_column("period", existing_type=sa.String(length=64), type_=sa.String(length=32),
                              existing_nullable=False)
    with op.batch_alter_table("asks", schema=None) as batch_op:
        batch_op.drop_column("post_to")
    op.drop_table("effects")
    op.drop_index("ix_intake_open", table_name="intake")
    op.drop_table("intake")
