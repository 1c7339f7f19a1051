"""Supervision (pairs, 1:1 and group sessions, agreed actions) and training (courses and who completed them).

Codes (session kind, topics) come from rules.supervision. A session's notes are confidential: only
services.wellbeing.confidential hands them out.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from partnerdesk.records.base import Base, RecordMixin


class SupervisionPair(RecordMixin, Base):
    """A named supervisor for a supervisee, from a date until (optionally) another."""

    __tablename__ = "supervision_pairs"

    supervisor_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    supervisee_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)


class SupervisionSession(RecordMixin, Base):
    """One supervision session: 1:1 (one supervisee) or group (several), with topics, notes and the next due date."""

    __tablename__ = "supervision_sessions"

    held_on: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(20))  # rules.supervision.SESSION_TYPES
    supervisor_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)  # rules.supervision.SUPERVISION_TOPICS
    topics_other: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)  # confidential
    next_due_on: Mapped[date | None] = mapped_column(Date)

    attendees: Mapped[list[SupervisionAttendee]] = relationship(
        back_populates="session", cascade="all, delete-orphan", lazy="selectin"
    )
    actions: Mapped[list[SupervisionAction]] = relationship(back_populates="session", cascade="all, delete-orphan")


class SupervisionAttendee(Base):
    """A supervisee at a session (one for 1:1, several for a group). A link row replaced with the session."""

    __tablename__ = "supervision_attendees"

    session_id: Mapped[str] = mapped_column(ForeignKey("supervision_sessions.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), primary_key=True, index=True)

    session: Mapped[SupervisionSession] = relationship(back_populates="attendees")


class SupervisionAction(RecordMixin, Base):
    """Something agreed in supervision: what, who (a person in PartnerDesk or a name), by when, and when done."""

    __tablename__ = "supervision_actions"

    session_id: Mapped[str] = mapped_column(ForeignKey("supervision_sessions.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(Text)
    owner_person_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"))
    owner_name: Mapped[str | None] = mapped_column(String(200))
    due_on: Mapped[date | None] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)

    session: Mapped[SupervisionSession] = relationship(back_populates="actions")


class TrainingCourse(RecordMixin, Base):
    """A training course and how often it must be renewed (None: never). Seeded with rules.supervision
    DEFAULT_COURSES by migration 0005."""

    __tablename__ = "training_courses"

    name: Mapped[str] = mapped_column(String(200))
    renewal_months: Mapped[int | None] = mapped_column(Integer)


class TrainingRecord(RecordMixin, Base):
    """A person completing a course on a day; expires_on is worked out from the course's renewal period on save."""

    __tablename__ = "training_records"

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"))
    course_id: Mapped[str] = mapped_column(ForeignKey("training_courses.id"))
    completed_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date, index=True)

    course: Mapped[TrainingCourse] = relationship(lazy="joined")

    __table_args__ = (Index("ix_training_records_person_course", "person_id", "course_id"),)
