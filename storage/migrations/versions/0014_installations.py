"""Install to many workspaces and whole orgs: slack_sdk's installation and OAuth state tables, and how each
workspace came to be served (installed, org-wide, uninstalled)

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

from storage.models import UTCDateTime

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def _installation_columns(*, bot_only: bool) -> list[sa.Column]:  # type: ignore[type-arg]
    installer = [] if bot_only else [
        sa.Column("user_id", sa.String(32), nullable=False),
        sa.Column("user_token", sa.String(200)),
        sa.Column("user_scopes", sa.String(1000)),
        sa.Column("user_refresh_token", sa.String(200)),
        sa.Column("user_token_expires_at", sa.DateTime()),
        sa.Column("incoming_webhook_url", sa.String(200)),
        sa.Column("incoming_webhook_channel", sa.String(200)),
        sa.Column("incoming_webhook_channel_id", sa.String(200)),
        sa.Column("incoming_webhook_configuration_url", sa.String(200)),
    ]
    org = [sa.Column("enterprise_id", sa.String(32)), sa.Column("enterprise_name", sa.String(200))]
    if not bot_only:
        org.append(sa.Column("enterprise_url", sa.String(200)))
    return [
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("client_id", sa.String(32), nullable=False),
        sa.Column("app_id", sa.String(32), nullable=False),
        *org,
        sa.Column("team_id", sa.String(32)),
        sa.Column("team_name", sa.String(200)),
        sa.Column("bot_token", sa.String(200)),
        sa.Column("bot_id", sa.String(32)),
        sa.Column("bot_user_id", sa.String(32)),
        sa.Column("bot_scopes", sa.String(1000)),
        sa.Column("bot_refresh_token", sa.String(200)),
        sa.Column("bot_token_expires_at", sa.DateTime()),
        *installer,
        sa.Column("is_enterprise_install", sa.Boolean(), nullable=False),
        *([] if bot_only else [sa.Column("token_type", sa.String(32))]),
        sa.Column("installed_at", sa.DateTime(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table("slack_installations", *_installation_columns(bot_only=False))
    op.create_index("slack_installations_idx", "slack_installations",
                    ["client_id", "enterprise_id", "team_id", "user_id", "installed_at"])
    op.create_table("slack_bots", *_installation_columns(bot_only=True))
    op.create_index("slack_bots_idx", "slack_bots", ["client_id", "enterprise_id", "team_id", "installed_at"])
    op.create_table(
        "slack_oauth_states",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("state", sa.String(200), nullable=False),
        sa.Column("expire_at", sa.DateTime(), nullable=False),
    )
    with op.batch_alter_table("workspaces") as batch:
        batch.add_column(sa.Column("enterprise_id", sa.String(32), nullable=True))
        batch.add_column(sa.Column("org_wide", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("installed_at", UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("uninstalled_at", UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("workspaces") as batch:
        batch.drop_column("uninstalled_at")
        batch.drop_column("installed_at")
        batch.drop_column("org_wide")
        batch.drop_column("enterprise_id")
    op.drop_table("slack_oauth_states")
    op.drop_index("slack_bots_idx", table_name="slack_bots")
    op.drop_table("slack_bots")
    op.drop_index("slack_installations_idx", table_name="slack_installations")
    op.drop_table("slack_installations")
