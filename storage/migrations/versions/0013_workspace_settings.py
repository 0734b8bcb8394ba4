"""Each workspace's settings (`/alinea settings`): the collaboration channel, time zone, language, reminder time and
the notification defaults; a workspace with no row reads the environment's defaults

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

from storage.models import UTCDateTime

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "workspace_settings",
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=True),
        sa.Column("marketing_channel_id", sa.String(length=32), nullable=True),
        sa.Column("it_channel_id", sa.String(length=32), nullable=True),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("reminder_minute", sa.Integer(), nullable=False),
        sa.Column("notices_off", sa.JSON(), nullable=False),
        sa.Column("updated_by", sa.String(length=32), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_workspace_settings_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workspace_id", name=op.f("pk_workspace_settings")),
    )


def downgrade() -> None:
    op.drop_table("workspace_settings")
