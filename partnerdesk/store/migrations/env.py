"""Alembic environment: always handed an open connection by partnerdesk.store.migrate."""

from alembic import context

from partnerdesk.records.tables import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode rebuilds the table safely
    transaction_per_migration=True,
)
with context.begin_transaction():
    context.run_migrations()
