"""Wellbeing checks, supervision (pairs, sessions, attendees, actions) and training (courses, records).

Indexes serve the Today page and each person's history: checks by person and time, by time (exports), by follow-up
due date and by meeting (debriefs); sessions by date and supervisor; attendees by person; training by expiry and by
person and course. The six default training courses (rules.supervision.DEFAULT_COURSES) are put in here, with fixed
ids so every database names them the same way.

Revision ID: 0005_wellbeing
Revises: 0003_meetings
Create Date: 2026-11-23 13:29:11.621540
"""

import uuid
from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa


revision = '0005_wellbeing'
# 0004 is being written in parallel; re-chain this after it when the two branches are merged.
down_revision = '0004_expenses'
branch_labels = None
depends_on = None

# The defaults as they were at this revision (a migration must not change when rules/ does).
_COURSES = (
    ('edi', 'Equality, Diversity and Inclusion', 36),
    ('safeguarding_adults', 'Safeguarding Adults', 36),
    ('safeguarding_children', 'Safeguarding Children', 36),
    ('gdpr', 'GDPR', 12),
    ('mental_health_awareness', 'Mental Health Awareness', 36),
    ('peer_support', 'Peer Support training', None),
)
_COURSE_NAMESPACE = uuid.UUID('6f1c1a52-5d0e-4c1e-9a55-0b8f3e2d7c11')


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


def course_id(code: str) -> str:
    """The fixed id of a default course."""
    return str(uuid.uuid5(_COURSE_NAMESPACE, code))


def upgrade() -> None:
    op.create_table('training_courses',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('renewal_months', sa.Integer(), nullable=True),
    *_shared_columns(),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_courses'))
    )
    op.create_table('supervision_pairs',
    sa.Column('supervisor_id', sa.String(length=36), nullable=False),
    sa.Column('supervisee_id', sa.String(length=36), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=True),
    *_shared_columns(),
    sa.ForeignKeyConstraint(['supervisee_id'], ['people.id'], name=op.f('fk_supervision_pairs_supervisee_id_people')),
    sa.ForeignKeyConstraint(['supervisor_id'], ['people.id'], name=op.f('fk_supervision_pairs_supervisor_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervision_pairs'))
    )
    with op.batch_alter_table('supervision_pairs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supervision_pairs_supervisee_id'), ['supervisee_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_supervision_pairs_supervisor_id'), ['supervisor_id'], unique=False)

    op.create_table('supervision_sessions',
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('supervisor_id', sa.String(length=36), nullable=False),
    sa.Column('topics', sa.JSON(), nullable=False),
    sa.Column('topics_other', sa.String(length=200), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('next_due_on', sa.Date(), nullable=True),
    *_shared_columns(),
    sa.ForeignKeyConstraint(['supervisor_id'], ['people.id'], name=op.f('fk_supervision_sessions_supervisor_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervision_sessions'))
    )
    with op.batch_alter_table('supervision_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supervision_sessions_held_on'), ['held_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_supervision_sessions_supervisor_id'), ['supervisor_id'], unique=False)

    op.create_table('training_records',
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('course_id', sa.String(length=36), nullable=False),
    sa.Column('completed_on', sa.Date(), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=True),
    *_shared_columns(),
    sa.ForeignKeyConstraint(['course_id'], ['training_courses.id'], name=op.f('fk_training_records_course_id_training_courses')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_training_records_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_records'))
    )
    with op.batch_alter_table('training_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_records_expires_on'), ['expires_on'], unique=False)
        batch_op.create_index('ix_training_records_person_course', ['person_id', 'course_id'], unique=False)

    op.create_table('supervision_actions',
    sa.Column('session_id', sa.String(length=36), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('owner_person_id', sa.String(length=36), nullable=True),
    sa.Column('owner_name', sa.String(length=200), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('done_on', sa.Date(), nullable=True),
    *_shared_columns(),
    sa.ForeignKeyConstraint(['owner_person_id'], ['people.id'], name=op.f('fk_supervision_actions_owner_person_id_people')),
    sa.ForeignKeyConstraint(['session_id'], ['supervision_sessions.id'], name=op.f('fk_supervision_actions_session_id_supervision_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervision_actions'))
    )
    with op.batch_alter_table('supervision_actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supervision_actions_session_id'), ['session_id'], unique=False)

    op.create_table('supervision_attendees',
    sa.Column('session_id', sa.String(length=36), nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_supervision_attendees_person_id_people')),
    sa.ForeignKeyConstraint(['session_id'], ['supervision_sessions.id'], name=op.f('fk_supervision_attendees_session_id_supervision_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('session_id', 'person_id', name=op.f('pk_supervision_attendees'))
    )
    with op.batch_alter_table('supervision_attendees', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supervision_attendees_person_id'), ['person_id'], unique=False)

    op.create_table('wellbeing_checks',
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('checked_at', sa.DateTime(), nullable=False),
    sa.Column('worker_person_id', sa.String(length=36), nullable=True),
    sa.Column('worker_name', sa.String(length=200), nullable=True),
    sa.Column('context', sa.String(length=20), nullable=False),
    sa.Column('meeting_id', sa.String(length=36), nullable=True),
    sa.Column('quick_score', sa.Integer(), nullable=True),
    sa.Column('ons4_life_satisfaction', sa.Integer(), nullable=True),
    sa.Column('ons4_worthwhile', sa.Integer(), nullable=True),
    sa.Column('ons4_happiness', sa.Integer(), nullable=True),
    sa.Column('ons4_anxiety', sa.Integer(), nullable=True),
    sa.Column('swemwbs_1', sa.Integer(), nullable=True),
    sa.Column('swemwbs_2', sa.Integer(), nullable=True),
    sa.Column('swemwbs_3', sa.Integer(), nullable=True),
    sa.Column('swemwbs_4', sa.Integer(), nullable=True),
    sa.Column('swemwbs_5', sa.Integer(), nullable=True),
    sa.Column('swemwbs_6', sa.Integer(), nullable=True),
    sa.Column('swemwbs_7', sa.Integer(), nullable=True),
    sa.Column('distress', sa.Boolean(), nullable=False),
    sa.Column('concerns', sa.Text(), nullable=True),
    sa.Column('follow_up_needed', sa.Boolean(), nullable=False),
    sa.Column('follow_up_by', sa.String(length=200), nullable=True),
    sa.Column('follow_up_due_on', sa.Date(), nullable=True),
    sa.Column('follow_up_done_on', sa.Date(), nullable=True),
    sa.Column('follow_up_action', sa.Text(), nullable=True),
    sa.Column('signposted_to', sa.String(length=500), nullable=True),
    sa.Column('confidential_notes', sa.Text(), nullable=True),
    *_shared_columns(),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_wellbeing_checks_meeting_id_meetings'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_wellbeing_checks_person_id_people')),
    sa.ForeignKeyConstraint(['worker_person_id'], ['people.id'], name=op.f('fk_wellbeing_checks_worker_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wellbeing_checks'))
    )
    with op.batch_alter_table('wellbeing_checks', schema=None) as batch_op:
        batch_op.create_index('ix_wellbeing_checks_checked_at', ['checked_at'], unique=False)
        batch_op.create_index('ix_wellbeing_checks_follow_up', ['follow_up_due_on'], unique=False)
        batch_op.create_index('ix_wellbeing_checks_meeting_id', ['meeting_id'], unique=False)
        batch_op.create_index('ix_wellbeing_checks_person_checked', ['person_id', 'checked_at'], unique=False)


    courses = sa.table('training_courses', sa.column('id', sa.String), sa.column('name', sa.String),
                       sa.column('renewal_months', sa.Integer), sa.column('created_at', sa.DateTime),
                       sa.column('updated_at', sa.DateTime), sa.column('created_by', sa.String),
                       sa.column('updated_by', sa.String))
    now = datetime.now(timezone.utc).replace(tzinfo=None)  # stored as UTC without a zone, as records/base.py does
    op.bulk_insert(courses, [
        {'id': course_id(code), 'name': name, 'renewal_months': months, 'created_at': now, 'updated_at': now,
         'created_by': 'PartnerDesk', 'updated_by': 'PartnerDesk'}
        for code, name, months in _COURSES
    ])


def downgrade() -> None:
    with op.batch_alter_table('wellbeing_checks', schema=None) as batch_op:
        batch_op.drop_index('ix_wellbeing_checks_person_checked')
        batch_op.drop_index('ix_wellbeing_checks_meeting_id')
        batch_op.drop_index('ix_wellbeing_checks_follow_up')
        batch_op.drop_index('ix_wellbeing_checks_checked_at')

    op.drop_table('wellbeing_checks')
    with op.batch_alter_table('supervision_attendees', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supervision_attendees_person_id'))

    op.drop_table('supervision_attendees')
    with op.batch_alter_table('supervision_actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supervision_actions_session_id'))

    op.drop_table('supervision_actions')
    with op.batch_alter_table('training_records', schema=None) as batch_op:
        batch_op.drop_index('ix_training_records_person_course')
        batch_op.drop_index(batch_op.f('ix_training_records_expires_on'))

    op.drop_table('training_records')
    with op.batch_alter_table('supervision_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supervision_sessions_supervisor_id'))
        batch_op.drop_index(batch_op.f('ix_supervision_sessions_held_on'))

    op.drop_table('supervision_sessions')
    with op.batch_alter_table('supervision_pairs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supervision_pairs_supervisor_id'))
        batch_op.drop_index(batch_op.f('ix_supervision_pairs_supervisee_id'))

    op.drop_table('supervision_pairs')
    op.drop_table('training_courses')
