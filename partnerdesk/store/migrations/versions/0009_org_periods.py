"""Each partner organisation's own notice and papers periods (an NHS board may need more notice than the default).

Two nullable whole-number columns on organisations; existing organisations get none, so the organisation's default
periods (the settings) keep applying to them exactly as before.

Revision ID: 0009_org_periods
Revises: 0008_versions
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_org_periods"
down_revision = "0008_versions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable columns are added in place by SQLite: no table copy, so nothing else on the table is disturbed.
    op.add_column("organisations", sa.Column("notice_days", sa.Integer(), nullable=True))
    op.add_column("organisations", sa.Column("papers_days", sa.Integer(), nullable=True))


def downgrade() -> None:
    # A plain DROP COLUMN (SQLite 3.35 and later), as in 0008, rather than batch mode's table copy.
    op.execute("ALTER TABLE organisations DROP COLUMN papers_days")
    op.execute("ALTER TABLE organisations DROP COLUMN notice_days")
