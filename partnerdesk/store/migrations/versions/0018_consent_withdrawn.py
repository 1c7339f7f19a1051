"""When a person withdrew their consent to be contacted: a new, empty column on people (nobody has withdrawn yet).

Added in place, so the people search index's triggers stay.

Revision ID: 0018_consent_withdrawn
Revises: 0017_audit_log
"""

import sqlalchemy as sa
from alembic import op

revision = "0018_consent_withdrawn"
down_revision = "0017_audit_log"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("people", sa.Column("consent_withdrawn_on", sa.Date(), nullable=True))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE people DROP COLUMN consent_withdrawn_on")
    else:
        op.drop_column("people", "consent_withdrawn_on")
