"""Meetings and expense claims brought in from a spreadsheet carry the id of that import, as people do since
0012_import_batches, so "Undo this import" puts exactly those meetings or claims in the Bin.

The column is empty for every meeting and claim already in the database; a small index finds one import's records.

Revision ID: 0014_import_batches_more
Revises: 0013_programmes
"""

import sqlalchemy as sa
from alembic import op

revision = "0014_import_batches_more"
down_revision = "0013_programmes"
branch_labels = None
depends_on = None

_TABLES = ("meetings", "claims")


def upgrade() -> None:
    for table in _TABLES:
        op.add_column(table, sa.Column("import_batch", sa.String(36), nullable=True))
        op.create_index(f"ix_{table}_import_batch", table, ["import_batch"])


def downgrade() -> None:
    for table in _TABLES:
        op.drop_index(f"ix_{table}_import_batch", table_name=table)
        # A plain DROP COLUMN (SQLite 3.35+), not a batch copy of the table, which would lose its search triggers.
        op.execute(f"ALTER TABLE {table} DROP COLUMN import_batch")
