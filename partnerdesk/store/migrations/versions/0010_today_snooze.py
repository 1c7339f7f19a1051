"""Today lines put off until a day ("snooze until…"), kept per worker so they stay put off after a restart.

A new table only: nothing already in the database changes.

Revision ID: 0010_today_snooze
Revises: 0009_org_periods
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_today_snooze"
down_revision = "0009_org_periods"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Written out rather than read from the records: migrations never import the app.
    op.create_table(
        "today_snoozes",
        sa.Column("line_kind", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=80), nullable=False),
        sa.Column("worker", sa.String(length=120), nullable=False),
        sa.Column("until", sa.Date(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("updated_by", sa.String(length=120), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_today_snoozes")),
        sa.UniqueConstraint("line_kind", "record_id", "worker", name=op.f("uq_today_snoozes_line_kind")),
    )


def downgrade() -> None:
    op.drop_table("today_snoozes")
