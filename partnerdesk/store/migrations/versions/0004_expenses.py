"""Expenses: budget headings per financial year, claims, claim lines, receipts (stored in the database) and every
status change of a claim.

The indexes serve the expenses list filters (by date, by status and date, by person and date), the budget view
(heading, status and total together, so spend by heading reads only the index), a meeting's claims, a claim's lines,
a line's receipts and a claim's history.

Revision ID: 0004_expenses
Revises: 0003_meetings
Create Date: 2026-11-23 13:29:10.894657
"""

from alembic import op
import sqlalchemy as sa


revision = '0004_expenses'
down_revision = '0003_meetings'
branch_labels = None
depends_on = None


def _shared_columns():
    """The columns every record has (records/base.py), as they were at this revision."""
    return [
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('created_by', sa.String(length=120), nullable=False),
        sa.Column('updated_by', sa.String(length=120), nullable=False),
        sa.Column('deleted_at', sa.DateTime(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table('budget_headings',
    sa.Column('financial_year', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('allocation_pence', sa.Integer(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    *_shared_columns(),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_budget_headings')),
    sa.UniqueConstraint('financial_year', 'name', name=op.f('uq_budget_headings_financial_year'))
    )
    op.create_table('claims',
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('meeting_id', sa.String(length=36), nullable=True),
    sa.Column('programme', sa.String(length=200), nullable=True),
    sa.Column('claim_date', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('budget_heading_id', sa.String(length=36), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('total_pence', sa.Integer(), nullable=False),
    sa.Column('line_count', sa.Integer(), nullable=False),
    sa.Column('receipts_missing', sa.Integer(), nullable=False),
    sa.Column('category_mask', sa.Integer(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=True),
    sa.Column('approved_by_id', sa.String(length=36), nullable=True),
    sa.Column('approved_at', sa.DateTime(), nullable=True),
    sa.Column('paid_on', sa.Date(), nullable=True),
    sa.Column('payment_method', sa.String(length=20), nullable=True),
    sa.Column('payment_reference', sa.String(length=100), nullable=True),
    sa.Column('rejected_reason', sa.String(length=500), nullable=True),
    sa.Column('void_reason', sa.String(length=500), nullable=True),
    *_shared_columns(),
    sa.ForeignKeyConstraint(['approved_by_id'], ['people.id'], name=op.f('fk_claims_approved_by_id_people')),
    sa.ForeignKeyConstraint(['budget_heading_id'], ['budget_headings.id'], name=op.f('fk_claims_budget_heading_id_budget_headings')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_claims_meeting_id_meetings'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_claims_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claims'))
    )
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.create_index('ix_claims_live_date', ['deleted_at', 'claim_date', 'status', 'total_pence', 'receipts_missing', 'category_mask'], unique=False)
        batch_op.create_index('ix_claims_heading_status', ['budget_heading_id', 'status', 'deleted_at', 'claim_date', 'total_pence'], unique=False)
        batch_op.create_index('ix_claims_total', ['total_pence'], unique=False)
        batch_op.create_index('ix_claims_meeting_id', ['meeting_id'], unique=False)
        batch_op.create_index('ix_claims_person_date', ['person_id', 'claim_date'], unique=False)
        batch_op.create_index('ix_claims_status_date', ['status', 'claim_date'], unique=False)

    op.create_table('claim_lines',
    sa.Column('claim_id', sa.String(length=36), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=30), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('description', sa.String(length=500), nullable=True),
    sa.Column('amount_pence', sa.Integer(), nullable=False),
    sa.Column('miles_tenths', sa.Integer(), nullable=True),
    sa.Column('vehicle', sa.String(length=20), nullable=True),
    sa.Column('passengers', sa.Integer(), nullable=True),
    sa.Column('working', sa.String(length=300), nullable=True),
    sa.Column('time_unit', sa.String(length=10), nullable=True),
    sa.Column('time_count', sa.Integer(), nullable=True),
    *_shared_columns(),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], name=op.f('fk_claim_lines_claim_id_claims'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claim_lines'))
    )
    with op.batch_alter_table('claim_lines', schema=None) as batch_op:
        batch_op.create_index('ix_claim_lines_category', ['category', 'claim_id'], unique=False)
        batch_op.create_index('ix_claim_lines_claim_id', ['claim_id'], unique=False)

    op.create_table('claim_status_changes',
    sa.Column('claim_id', sa.String(length=36), nullable=False),
    sa.Column('from_status', sa.String(length=20), nullable=True),
    sa.Column('to_status', sa.String(length=20), nullable=False),
    sa.Column('changed_by', sa.String(length=120), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.Column('reason', sa.String(length=500), nullable=True),
    *_shared_columns(),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], name=op.f('fk_claim_status_changes_claim_id_claims'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claim_status_changes'))
    )
    with op.batch_alter_table('claim_status_changes', schema=None) as batch_op:
        batch_op.create_index('ix_claim_status_changes_claim_id', ['claim_id'], unique=False)

    op.create_table('receipts',
    sa.Column('line_id', sa.String(length=36), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('content_type', sa.String(length=60), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    *_shared_columns(),
    sa.ForeignKeyConstraint(['line_id'], ['claim_lines.id'], name=op.f('fk_receipts_line_id_claim_lines'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_receipts'))
    )
    with op.batch_alter_table('receipts', schema=None) as batch_op:
        batch_op.create_index('ix_receipts_line_id', ['line_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('receipts', schema=None) as batch_op:
        batch_op.drop_index('ix_receipts_line_id')

    op.drop_table('receipts')
    with op.batch_alter_table('claim_status_changes', schema=None) as batch_op:
        batch_op.drop_index('ix_claim_status_changes_claim_id')

    op.drop_table('claim_status_changes')
    with op.batch_alter_table('claim_lines', schema=None) as batch_op:
        batch_op.drop_index('ix_claim_lines_claim_id')
        batch_op.drop_index('ix_claim_lines_category')

    op.drop_table('claim_lines')
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_index('ix_claims_status_date')
        batch_op.drop_index('ix_claims_person_date')
        batch_op.drop_index('ix_claims_meeting_id')
        batch_op.drop_index('ix_claims_heading_status')
        batch_op.drop_index('ix_claims_total')
        batch_op.drop_index('ix_claims_live_date')

    op.drop_table('claims')
    op.drop_table('budget_headings')
