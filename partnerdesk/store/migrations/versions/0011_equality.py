"""Equality monitoring answers on people: age band, sex, gender identity, ethnic group, long-term condition and how
much it limits day-to-day activities, sexual orientation, religion and unpaid caring (rules.equality).

Every column is optional and starts empty ("not asked yet") for the people already there: nobody is given an answer
they did not give.

Revision ID: 0011_equality
Revises: 0010_today_snooze
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_equality"
down_revision = "0010_today_snooze"
branch_labels = None
depends_on = None

# Written out rather than read from the records: migrations never import the app.
COLUMNS = (
    "age_band", "sex", "gender_identity", "ethnic_group", "long_term_condition", "condition_impact",
    "sexual_orientation", "religion", "carer",
)  # fmt: skip


def upgrade() -> None:
    # Adding a nullable column is done in place by SQLite: no table copy, so the search triggers on people stay.
    for name in COLUMNS:
        op.add_column("people", sa.Column(name, sa.String(40), nullable=True))


def downgrade() -> None:
    # A plain DROP COLUMN (SQLite 3.35 and later) rather than batch mode, which would drop the people triggers.
    for name in COLUMNS:
        op.execute(f"ALTER TABLE people DROP COLUMN {name}")
