"""SQLAlchemy records, one module per area. Importing this package registers every table."""

from partnerdesk.records.base import Base, RecordMixin
from partnerdesk.records.drafts import FormDraft
from partnerdesk.records.expenses import BudgetHeading, Claim, ClaimLine, ClaimStatusChange, Receipt
from partnerdesk.records.meetings import Attendance, Meeting, MeetingAction, MeetingSeries
from partnerdesk.records.people import Committee, Membership, Organisation, Person, PersonRole
from partnerdesk.records.settings import Setting

__all__ = [
    "Attendance",
    "Base",
    "BudgetHeading",
    "Claim",
    "ClaimLine",
    "ClaimStatusChange",
    "Committee",
    "FormDraft",
    "Meeting",
    "MeetingAction",
    "MeetingSeries",
    "Membership",
    "Organisation",
    "Person",
    "PersonRole",
    "Receipt",
    "RecordMixin",
    "Setting",
]
