"""Versions on every record, so a form saved from a stale copy never overwrites a newer save; and drafts that know
which PC they were made on, so they are offered only to the worker and the PC that made them.

Every table with the shared columns gets `version` (1 for the rows already there; the ORM adds one on each save).
Drafts already record who saved them (`saved_by`); existing drafts are given the name of the PC that runs this
upgrade as their `machine`: a PartnerDesk database lives on one PC (a network share is refused), so its drafts were
made there.

Revision ID: 0008_versions
Revises: 0007_list_speed
"""

import socket

import sqlalchemy as sa
from alembic import op

revision = "0008_versions"
down_revision = "0007_list_speed"
branch_labels = None
depends_on = None

# Written out rather than read from the records: migrations never import the app.
VERSIONED_TABLES = (
    "people", "organisations", "committees", "memberships", "meeting_series", "meetings", "attendance",
    "meeting_actions", "budget_headings", "claims", "claim_lines", "receipts", "claim_status_changes", "settings",
    "supervision_pairs", "supervision_sessions", "supervision_actions", "training_courses", "training_records",
    "wellbeing_checks",
)  # fmt: skip


def upgrade() -> None:
    # SQLite can add a NOT NULL column with a default in place: no table copy, existing rows read 1.
    for name in VERSIONED_TABLES:
        op.add_column(name, sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    op.add_column("form_drafts", sa.Column("machine", sa.String(255), nullable=False, server_default="unknown"))
    op.execute(sa.text("UPDATE form_drafts SET machine = :host").bindparams(host=socket.gethostname()))


def downgrade() -> None:
    # A plain DROP COLUMN (SQLite 3.35 and later) rather than batch mode: copying the people table would drop the
    # triggers that keep its search index up to date.
    for name in (*VERSIONED_TABLES, "form_drafts"):
        op.execute(f"ALTER TABLE {name} DROP COLUMN {'machine' if name == 'form_drafts' else 'version'}")
