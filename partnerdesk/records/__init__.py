"""SQLAlchemy records, one module per area. Importing this package registers every table."""

from partnerdesk.records.base import Base, RecordMixin
from partnerdesk.records.drafts import FormDraft
from partnerdesk.records.meetings import Attendance, Meeting, MeetingAction, MeetingSeries
from partnerdesk.records.people import Committee, Membership, Organisation, Person, PersonRole
from partnerdesk.records.settings import Setting
from partnerdesk.records.supervision import (
    SupervisionAction,
    SupervisionAttendee,
    SupervisionPair,
    SupervisionSession,
    TrainingCourse,
    TrainingRecord,
)
from partnerdesk.records.wellbeing import WellbeingCheck

__all__ = [
    "Attendance",
    "Base",
    "Committee",
    "FormDraft",
    "Meeting",
    "MeetingAction",
    "MeetingSeries",
    "Membership",
    "Organisation",
    "Person",
    "PersonRole",
    "RecordMixin",
    "Setting",
    "SupervisionAction",
    "SupervisionAttendee",
    "SupervisionPair",
    "SupervisionSession",
    "TrainingCourse",
    "TrainingRecord",
    "WellbeingCheck",
]
