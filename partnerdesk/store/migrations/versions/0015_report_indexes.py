"""A quicker monitoring return for a large organisation: indexes that answer the return's questions about people
and committee seats without reading every person's whole record.

The return looks up tens of thousands of people by id only to ask whether they are in the Bin or have left (the
people expected to train, each representative's seats), and goes through every seat of every committee to count
the members on each meeting's day. A person's record is wide (contact details, notes, equality answers), so each
look-up read a page of the table; these indexes hold just the columns those questions need. With 100,000 people
the return's queries took about half the time (issue 14).

Revision ID: 0015_report_indexes
Revises: 0014_import_batches_more
"""

from alembic import op

revision = "0015_report_indexes"
down_revision = "0014_import_batches_more"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_people_id_live": ("people", ["id", "deleted_at", "status"]),
    "ix_memberships_committee_terms": (
        "memberships", ["committee_id", "term_start", "term_end", "is_backup", "person_id", "deleted_at"],
    ),
    "ix_memberships_person_terms": ("memberships", ["person_id", "deleted_at", "term_start", "term_end"]),
}  # fmt: skip


def upgrade() -> None:
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, (table, _columns) in INDEXES.items():
        op.drop_index(name, table_name=table)
