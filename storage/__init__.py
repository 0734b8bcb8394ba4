"""The store: SQLAlchemy models, the engine and transactions, repositories and Alembic migrations.
Nothing here knows about Slack."""
