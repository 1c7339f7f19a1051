"""Meetings, series of meetings, who is invited and comes, actions, and each committee's quorum.

Times are stored as UTC moments; people see and type them in Europe/London time (see rules.meetings.uk_moment).
Codes (kind, mode, attendance, rule) come from records.vocab.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, Time, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from partnerdesk.records.base import Base, RecordMixin, UTCDateTime
from partnerdesk.records.people import Committee, Person


class MeetingSeries(RecordMixin, Base):
    """A repeating pattern (e.g. monthly on the second Tuesday, 10:00–12:00, 12 times) that made some meetings.

    The meetings it made are ordinary meetings with series_id set: moving or cancelling one leaves the rest alone.
    """

    __tablename__ = "meeting_series"

    committee_id: Mapped[str | None] = mapped_column(ForeignKey("committees.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    rule: Mapped[str] = mapped_column(String(20))  # vocab.RECURRENCE_RULES
    interval: Mapped[int] = mapped_column(Integer, default=1)  # every N weeks or N months
    weekday: Mapped[int | None] = mapped_column(Integer)  # 0 = Monday
    week_of_month: Mapped[int | None] = mapped_column(Integer)  # 1–4, or -1 for the last
    day_of_month: Mapped[int | None] = mapped_column(Integer)  # 1–28
    starts_on: Mapped[date] = mapped_column(Date)
    start_time: Mapped[time] = mapped_column(Time)  # London time
    end_time: Mapped[time] = mapped_column(Time)
    count: Mapped[int | None] = mapped_column(Integer)
    until: Mapped[date | None] = mapped_column(Date)

    committee: Mapped[Committee | None] = relationship(lazy="joined")


class Meeting(RecordMixin, Base):
    """One meeting: a committee meeting, local group, pre-meeting, debrief, workshop, buddy meeting…"""

    __tablename__ = "meetings"

    kind: Mapped[str] = mapped_column(String(20))  # vocab.MEETING_KINDS
    committee_id: Mapped[str | None] = mapped_column(ForeignKey("committees.id"))
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)

    mode: Mapped[str] = mapped_column(String(20), default="in_person")  # vocab.MEETING_MODES
    venue: Mapped[str | None] = mapped_column(String(300))
    access_notes: Mapped[str | None] = mapped_column(Text)
    joining_details: Mapped[str | None] = mapped_column(Text)

    # The named contact who arranges the meeting: someone in PartnerDesk, or (often the committee's secretary, who
    # is not) a name typed in, with a phone number and email if known.
    contact_person_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"))
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    notes: Mapped[str | None] = mapped_column(Text)

    # A pre-meeting or debrief points at the meeting it serves.
    serves_meeting_id: Mapped[str | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"))
    series_id: Mapped[str | None] = mapped_column(ForeignKey("meeting_series.id", ondelete="SET NULL"))
    # Set when an occurrence of a series is moved: where the series had put it.
    moved_from: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    cancel_reason: Mapped[str | None] = mapped_column(String(500))

    # Compliance dates, with the reason the worker gives when one was late.
    notice_sent_on: Mapped[date | None] = mapped_column(Date)
    notice_reason: Mapped[str | None] = mapped_column(String(500))
    papers_received_on: Mapped[date | None] = mapped_column(Date)  # from the committee
    papers_reason: Mapped[str | None] = mapped_column(String(500))
    reminders_sent_on: Mapped[date | None] = mapped_column(Date)  # time-and-date reminders to representatives
    minutes_sent_on: Mapped[date | None] = mapped_column(Date)

    committee: Mapped[Committee | None] = relationship(lazy="joined")
    contact_person: Mapped[Person | None] = relationship()
    series: Mapped[MeetingSeries | None] = relationship()
    serves: Mapped[Meeting | None] = relationship(remote_side="Meeting.id")
    invitations: Mapped[list[Attendance]] = relationship(back_populates="meeting", cascade="all, delete-orphan")
    actions: Mapped[list[MeetingAction]] = relationship(back_populates="meeting", cascade="all, delete-orphan")

    __table_args__ = (
        Index("ix_meetings_starts_at", "starts_at"),
        Index("ix_meetings_committee_starts", "committee_id", "starts_at"),
        Index("ix_meetings_series_id", "series_id"),
        Index("ix_meetings_serves_meeting_id", "serves_meeting_id"),
        # The list sorted by title reads this in order instead of sorting every meeting (see migration 0007).
        Index("ix_meetings_title", text("lower(title)")),
    )


class Attendance(RecordMixin, Base):
    """One person and one meeting: invited or not, interest shown, back-up or not, papers sent, and whether they came.

    A row can exist for someone who has only expressed interest (invited false); attendance is recorded only for
    people who were invited.
    """

    __tablename__ = "attendance"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    invited: Mapped[bool] = mapped_column(Boolean, default=True)
    interested: Mapped[bool] = mapped_column(Boolean, default=False)
    is_backup: Mapped[bool] = mapped_column(Boolean, default=False)
    attendance: Mapped[str | None] = mapped_column(String(20))  # vocab.ATTENDANCE; None until recorded
    papers_sent_on: Mapped[date | None] = mapped_column(Date)
    papers_format: Mapped[str | None] = mapped_column(String(20))  # vocab.PAPER_FORMATS
    papers_reason: Mapped[str | None] = mapped_column(String(500))

    meeting: Mapped[Meeting] = relationship(back_populates="invitations")
    person: Mapped[Person] = relationship(lazy="joined")

    # The unique pair's own index also serves every "who is invited to this meeting" lookup.
    __table_args__ = (UniqueConstraint("meeting_id", "person_id"),)


class MeetingAction(RecordMixin, Base):
    """Something agreed at a meeting: what, who (a person in PartnerDesk or a name), by when, and when done."""

    __tablename__ = "meeting_actions"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(Text)
    owner_person_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"))
    owner_name: Mapped[str | None] = mapped_column(String(200))
    due_on: Mapped[date | None] = mapped_column(Date, index=True)
    done_on: Mapped[date | None] = mapped_column(Date)

    meeting: Mapped[Meeting] = relationship(back_populates="actions")
    owner: Mapped[Person | None] = relationship(lazy="joined")
