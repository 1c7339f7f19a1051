"""SQLAlchemy records, one module per area. Importing this package registers every table."""

from partnerdesk.records.base import Base, RecordMixin
from partnerdesk.records.drafts import FormDraft
from partnerdesk.records.people import Committee, Membership, Organisation, Person, PersonRole

__all__ = ["Base", "Committee", "FormDraft", "Membership", "Organisation", "Person", "PersonRole", "RecordMixin"]
