"""Indexes for reading asks and commitments by person and time

Revision ID: 0007
Revises: 0006
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("asks", schema=None) as batch_op:
        batch_op.create_index("ix_asks_workspace_created", ["workspace_id", "created_at"], unique=False)
        batch_op.create_index("ix_asks_workspace_owner", ["workspace_id", "owner_id", "status"], unique=False)
        batch_op.create_index("ix_asks_workspace_requester", ["workspace_id", "requester_id", "status"], unique=False)

    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.create_index("ix_commitments_workspace_owner", ["workspace_id", "owner_id", "status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.drop_index("ix_commitments_workspace_owner")

    with op.batch_alter_table("asks", schema=None) as batch_op:
        batch_op.drop_index("ix_asks_workspace_requester")
        batch_op.drop_index("ix_asks_workspace_owner")
        batch_op.drop_index("ix_asks_workspace_created")
