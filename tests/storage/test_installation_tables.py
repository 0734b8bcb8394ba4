"""Alinea declares (and migrates) the tables of slack_sdk's SQLAlchemy installation and OAuth state stores: they must
stay what those stores read and write."""

from __future__ import annotations

import pytest
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import MetaData, Table, inspect

from storage.db import Database
from storage.models import SLACK_BOTS, SLACK_INSTALLATIONS, SLACK_OAUTH_STATES


def _shape(table: Table) -> list[tuple[str, str, bool, bool]]:
    return [(c.name, repr(c.type), c.nullable or False, c.primary_key) for c in table.columns]


@pytest.mark.parametrize(("ours", "theirs"), [
    (SLACK_INSTALLATIONS, SQLAlchemyInstallationStore.build_installations_table(MetaData(), "slack_installations")),
    (SLACK_BOTS, SQLAlchemyInstallationStore.build_bots_table(MetaData(), "slack_bots")),
    (SLACK_OAUTH_STATES, SQLAlchemyOAuthStateStore.build_oauth_states_table(MetaData(), "slack_oauth_states")),
], ids=["installations", "bots", "states"])
def test_declared_like_the_stores_declare_them(ours: Table, theirs: Table) -> None:
    assert ours.name == theirs.name
    assert _shape(ours) == _shape(theirs)
    assert {i.name for i in ours.indexes} == {i.name for i in theirs.indexes}


def test_the_migrated_store_has_them_with_their_columns(db: Database) -> None:
    found = inspect(db.engine)
    for table in (SLACK_INSTALLATIONS, SLACK_BOTS, SLACK_OAUTH_STATES):
        assert {c["name"] for c in found.get_columns(table.name)} == {c.name for c in table.columns}
