"""Imports that can be undone: each person added by importing a spreadsheet carries the id of that import, so
"Undo import" can put exactly those people in the Bin (and nobody added by hand since).

The column is empty for everyone already in the database; a small index finds one import's people quickly.

Revision ID: 0012_import_batches
Revises: 0011_equality
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_import_batches"
down_revision = "0011_equality"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("people", sa.Column("import_batch", sa.String(36), nullable=True))
    op.create_index("ix_people_import_batch", "people", ["import_batch"])


def downgrade() -> None:
    op.drop_index("ix_people_import_batch", table_name="people")
    # A plain DROP COLUMN (SQLite 3.35+), not a batch copy of the table, which would lose the search triggers.
    op.execute("ALTER TABLE people DROP COLUMN import_batch")
