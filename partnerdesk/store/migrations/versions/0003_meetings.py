"""Meetings: series, meetings, attendance, actions, organisation settings, and each committee's quorum rule.

The indexes are there for the Today page and the meetings list (about 6,000 meetings and 60,000 attendance rows):
meetings by start, by committee and start, by series and by the meeting a pre-meeting or debrief serves;
attendance by person (by meeting is served by the unique meeting/person pair); actions by meeting and due date.

Revision ID: 0003_meetings
Revises: 0002_people_list
Create Date: 2026-11-23 12:09:27.937212
"""

from alembic import op
import sqlalchemy as sa


revision = '0003_meetings'
down_revision = '0002_people_list'
branch_labels = None
depends_on = None

_QUORUM_COLUMNS = ('quorum_number', 'quorum_numerator', 'quorum_denominator')


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
    op.create_table('settings',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.JSON(), nullable=False),
    *_shared_columns(),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_settings')),
    sa.UniqueConstraint('key', name=op.f('uq_settings_key'))
    )
    op.create_table('meeting_series',
    sa.Column('committee_id', sa.String(length=36), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('rule', sa.String(length=20), nullable=False),
    sa.Column('interval', sa.Integer(), nullable=False),
    sa.Column('weekday', sa.Integer(), nullable=True),
    sa.Column('week_of_month', sa.Integer(), nullable=True),
    sa.Column('day_of_month', sa.Integer(), nullable=True),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=False),
    sa.Column('end_time', sa.Time(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=True),
    sa.Column('until', sa.Date(), nullable=True),
    *_shared_columns(),
    sa.ForeignKeyConstraint(['committee_id'], ['committees.id'], name=op.f('fk_meeting_series_committee_id_committees')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_series'))
    )
    with op.batch_alter_table('meeting_series', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_series_committee_id'), ['committee_id'], unique=False)

    op.create_table('meetings',
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('committee_id', sa.String(length=36), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=False),
    sa.Column('mode', sa.String(length=20), nullable=False),
    sa.Column('venue', sa.String(length=300), nullable=True),
    sa.Column('access_notes', sa.Text(), nullable=True),
    sa.Column('joining_details', sa.Text(), nullable=True),
    sa.Column('contact_person_id', sa.String(length=36), nullable=True),
    sa.Column('contact_name', sa.String(length=200), nullable=True),
    sa.Column('contact_phone', sa.String(length=40), nullable=True),
    sa.Column('contact_email', sa.String(length=254), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('serves_meeting_id', sa.String(length=36), nullable=True),
    sa.Column('series_id', sa.String(length=36), nullable=True),
    sa.Column('moved_from', sa.DateTime(), nullable=True),
    sa.Column('cancelled', sa.Boolean(), nullable=False),
    sa.Column('cancel_reason', sa.String(length=500), nullable=True),
    sa.Column('notice_sent_on', sa.Date(), nullable=True),
    sa.Column('notice_reason', sa.String(length=500), nullable=True),
    sa.Column('papers_received_on', sa.Date(), nullable=True),
    sa.Column('papers_reason', sa.String(length=500), nullable=True),
    sa.Column('reminders_sent_on', sa.Date(), nullable=True),
    sa.Column('minutes_sent_on', sa.Date(), nullable=True),
    *_shared_columns(),
    sa.ForeignKeyConstraint(['committee_id'], ['committees.id'], name=op.f('fk_meetings_committee_id_committees')),
    sa.ForeignKeyConstraint(['contact_person_id'], ['people.id'], name=op.f('fk_meetings_contact_person_id_people')),
    sa.ForeignKeyConstraint(['series_id'], ['meeting_series.id'], name=op.f('fk_meetings_series_id_meeting_series'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['serves_meeting_id'], ['meetings.id'], name=op.f('fk_meetings_serves_meeting_id_meetings'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meetings'))
    )
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.create_index('ix_meetings_committee_starts', ['committee_id', 'starts_at'], unique=False)
        batch_op.create_index('ix_meetings_series_id', ['series_id'], unique=False)
        batch_op.create_index('ix_meetings_serves_meeting_id', ['serves_meeting_id'], unique=False)
        batch_op.create_index('ix_meetings_starts_at', ['starts_at'], unique=False)

    op.create_table('attendance',
    sa.Column('meeting_id', sa.String(length=36), nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('invited', sa.Boolean(), nullable=False),
    sa.Column('interested', sa.Boolean(), nullable=False),
    sa.Column('is_backup', sa.Boolean(), nullable=False),
    sa.Column('attendance', sa.String(length=20), nullable=True),
    sa.Column('papers_sent_on', sa.Date(), nullable=True),
    sa.Column('papers_format', sa.String(length=20), nullable=True),
    sa.Column('papers_reason', sa.String(length=500), nullable=True),
    *_shared_columns(),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_attendance_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_attendance_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attendance')),
    sa.UniqueConstraint('meeting_id', 'person_id', name=op.f('uq_attendance_meeting_id'))
    )
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_person_id'), ['person_id'], unique=False)

    op.create_table('meeting_actions',
    sa.Column('meeting_id', sa.String(length=36), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('owner_person_id', sa.String(length=36), nullable=True),
    sa.Column('owner_name', sa.String(length=200), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('done_on', sa.Date(), nullable=True),
    *_shared_columns(),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_actions_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['owner_person_id'], ['people.id'], name=op.f('fk_meeting_actions_owner_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_actions'))
    )
    with op.batch_alter_table('meeting_actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_actions_due_on'), ['due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_actions_meeting_id'), ['meeting_id'], unique=False)

    # Adding nullable columns needs no table rebuild, so committees (which seats point at) is altered in place.
    with op.batch_alter_table('committees', schema=None) as batch_op:
        for name in _QUORUM_COLUMNS:
            batch_op.add_column(sa.Column(name, sa.Integer(), nullable=True))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # A batch rebuild would drop and re-create committees, which the seats' foreign keys forbid mid-migration;
        # SQLite (3.35 and later) can drop a plain column in place.
        for name in reversed(_QUORUM_COLUMNS):
            op.execute(f"ALTER TABLE committees DROP COLUMN {name}")
    else:
        for name in reversed(_QUORUM_COLUMNS):
            op.drop_column('committees', name)

    with op.batch_alter_table('meeting_actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_actions_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_actions_due_on'))

    op.drop_table('meeting_actions')
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendance_person_id'))

    op.drop_table('attendance')
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_index('ix_meetings_starts_at')
        batch_op.drop_index('ix_meetings_serves_meeting_id')
        batch_op.drop_index('ix_meetings_series_id')
        batch_op.drop_index('ix_meetings_committee_starts')

    op.drop_table('meetings')
    with op.batch_alter_table('meeting_series', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_series_committee_id'))

    op.drop_table('meeting_series')
    op.drop_table('settings')
