"""Meetings, series of meetings, who is invited and comes, and actions (tables: records.tables).

Times are stored as UTC moments; people see and type them in Europe/London time (see rules.meetings.uk_moment).
Codes (kind, mode, attendance, rule) come from records.vocab.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy.orm import Mapped, relationship

from partnerdesk.records import tables
from partnerdesk.records.orm import Record
from partnerdesk.records.people import Committee, Person


class MeetingSeries(Record):
    """A repeating pattern (e.g. monthly on the second Tuesday, 10:00–12:00, 12 times) that made some meetings.

    The meetings it made are ordinary meetings with series_id set: moving or cancelling one leaves the rest alone.
    """

    __table__ = tables.meeting_series

    committee_id: Mapped[str | None]
    kind: Mapped[str]
    title: Mapped[str]
    rule: Mapped[str]
    interval: Mapped[int]
    weekday: Mapped[int | None]
    week_of_month: Mapped[int | None]
    day_of_month: Mapped[int | None]
    starts_on: Mapped[date]
    start_time: Mapped[time]
    end_time: Mapped[time]
    count: Mapped[int | None]
    until: Mapped[date | None]

    committee: Mapped[Committee | None] = relationship(lazy="joined")


class Meeting(Record):
    """One meeting: a committee meeting, local group, pre-meeting, debrief, workshop, buddy meeting…"""

    __table__ = tables.meetings

    kind: Mapped[str]
    committee_id: Mapped[str | None]
    title: Mapped[str]
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    mode: Mapped[str]
    venue: Mapped[str | None]
    access_notes: Mapped[str | None]
    joining_details: Mapped[str | None]
    contact_person_id: Mapped[str | None]
    contact_name: Mapped[str | None]
    contact_phone: Mapped[str | None]
    contact_email: Mapped[str | None]
    notes: Mapped[str | None]
    serves_meeting_id: Mapped[str | None]
    series_id: Mapped[str | None]
    moved_from: Mapped[datetime | None]
    cancelled: Mapped[bool]
    cancel_reason: Mapped[str | None]
    notice_sent_on: Mapped[date | None]
    notice_reason: Mapped[str | None]
    papers_received_on: Mapped[date | None]
    papers_reason: Mapped[str | None]
    reminders_sent_on: Mapped[date | None]
    minutes_sent_on: Mapped[date | None]
    import_batch: Mapped[str | None]

    committee: Mapped[Committee | None] = relationship(lazy="joined")
    contact_person: Mapped[Person | None] = relationship()
    series: Mapped[MeetingSeries | None] = relationship()
    serves: Mapped[Meeting | None] = relationship(remote_side=tables.meetings.c.id)
    invitations: Mapped[list[Attendance]] = relationship(back_populates="meeting", cascade="all, delete-orphan")
    actions: Mapped[list[MeetingAction]] = relationship(back_populates="meeting", cascade="all, delete-orphan")


class Attendance(Record):
    """One person and one meeting: invited or not, interest shown, back-up or not, papers sent, and whether they came.

    A row can exist for someone who has only expressed interest (invited false); attendance is recorded only for
    people who were invited.
    """

    __table__ = tables.attendance

    meeting_id: Mapped[str]
    person_id: Mapped[str]
    invited: Mapped[bool]
    interested: Mapped[bool]
    is_backup: Mapped[bool]
    attendance: Mapped[str | None]
    papers_sent_on: Mapped[date | None]
    papers_format: Mapped[str | None]
    papers_reason: Mapped[str | None]

    meeting: Mapped[Meeting] = relationship(back_populates="invitations")
    person: Mapped[Person] = relationship(lazy="joined")


class MeetingAction(Record):
    """Something agreed at a meeting: what, who (a person in PartnerDesk or a name), by when, and when done."""

    __table__ = tables.meeting_actions

    meeting_id: Mapped[str]
    description: Mapped[str]
    owner_person_id: Mapped[str | None]
    owner_name: Mapped[str | None]
    due_on: Mapped[date | None]
    done_on: Mapped[date | None]

    meeting: Mapped[Meeting] = relationship(back_populates="actions")
    owner: Mapped[Person | None] = relationship(lazy="joined")
