"""Supervision (pairs, 1:1 and group sessions, agreed actions) and training (courses and who completed them)
(tables: records.tables).

Codes (session kind, topics) come from rules.supervision. A session's notes are confidential: only
services.wellbeing.confidential hands them out.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Mapped, relationship

from partnerdesk.records import tables
from partnerdesk.records.orm import Base, Record


class SupervisionPair(Record):
    """A named supervisor for a supervisee, from a date until (optionally) another."""

    __table__ = tables.supervision_pairs

    supervisor_id: Mapped[str]
    supervisee_id: Mapped[str]
    starts_on: Mapped[date]
    ends_on: Mapped[date | None]


class SupervisionSession(Record):
    """One supervision session: 1:1 (one supervisee) or group (several), with topics, notes and the next due date."""

    __table__ = tables.supervision_sessions

    held_on: Mapped[date]
    kind: Mapped[str]
    supervisor_id: Mapped[str]
    topics: Mapped[list[str]]
    topics_other: Mapped[str | None]
    notes: Mapped[str | None]
    next_due_on: Mapped[date | None]

    attendees: Mapped[list[SupervisionAttendee]] = relationship(
        back_populates="session", cascade="all, delete-orphan", lazy="selectin"
    )
    actions: Mapped[list[SupervisionAction]] = relationship(back_populates="session", cascade="all, delete-orphan")


class SupervisionAttendee(Base):
    """A supervisee at a session (one for 1:1, several for a group). A link row replaced with the session."""

    __table__ = tables.supervision_attendees

    session_id: Mapped[str]
    person_id: Mapped[str]

    session: Mapped[SupervisionSession] = relationship(back_populates="attendees")


class SupervisionAction(Record):
    """Something agreed in supervision: what, who (a person in PartnerDesk or a name), by when, and when done."""

    __table__ = tables.supervision_actions

    session_id: Mapped[str]
    description: Mapped[str]
    owner_person_id: Mapped[str | None]
    owner_name: Mapped[str | None]
    due_on: Mapped[date | None]
    done_on: Mapped[date | None]

    session: Mapped[SupervisionSession] = relationship(back_populates="actions")


class TrainingCourse(Record):
    """A training course and how often it must be renewed (None: never)."""

    __table__ = tables.training_courses

    name: Mapped[str]
    renewal_months: Mapped[int | None]


class TrainingRecord(Record):
    """A person completing a course on a day; expires_on is worked out from the course's renewal period on save."""

    __table__ = tables.training_records

    person_id: Mapped[str]
    course_id: Mapped[str]
    completed_on: Mapped[date]
    expires_on: Mapped[date | None]

    course: Mapped[TrainingCourse] = relationship(lazy="joined")
