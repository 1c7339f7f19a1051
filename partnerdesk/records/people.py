"""People, organisations, committees and who sits on which committee (tables: records.tables)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Mapped, relationship

from partnerdesk.records import tables
from partnerdesk.records.orm import Base, Record
from partnerdesk.records.vocab import ROLES

_ROLE_ORDER = {code: place for place, code in enumerate(ROLES)}


class Person(Record):
    __table__ = tables.people

    full_name: Mapped[str]
    preferred_name: Mapped[str | None]
    pronouns: Mapped[str | None]
    status: Mapped[str]
    email: Mapped[str | None]
    phone: Mapped[str | None]
    address_line1: Mapped[str | None]
    address_line2: Mapped[str | None]
    town: Mapped[str | None]
    postcode: Mapped[str | None]
    preferred_contact: Mapped[str | None]
    papers_format: Mapped[str | None]
    papers_format_details: Mapped[str | None]
    access_needs: Mapped[list[str]]
    access_needs_details: Mapped[str | None]
    language: Mapped[str]
    language_other: Mapped[str | None]
    payment_preference: Mapped[str | None]
    consent_given_on: Mapped[date | None]
    consent_how: Mapped[str | None]
    consent_for: Mapped[str | None]
    consent_review_on: Mapped[date | None]
    consent_withdrawn_on: Mapped[date | None]
    interests: Mapped[str | None]
    notes: Mapped[str | None]
    # Equality monitoring answers (rules.equality): None until asked.
    age_band: Mapped[str | None]
    sex: Mapped[str | None]
    gender_identity: Mapped[str | None]
    ethnic_group: Mapped[str | None]
    long_term_condition: Mapped[str | None]
    condition_impact: Mapped[str | None]
    sexual_orientation: Mapped[str | None]
    religion: Mapped[str | None]
    carer: Mapped[str | None]
    import_batch: Mapped[str | None]

    roles: Mapped[list[PersonRole]] = relationship(
        back_populates="person", cascade="all, delete-orphan", lazy="selectin"
    )
    memberships: Mapped[list[Membership]] = relationship(back_populates="person", lazy="selectin")

    @property
    def role_codes(self) -> list[str]:
        """The person's roles as codes, in the order of the vocabulary."""
        return sorted((r.role for r in self.roles), key=lambda code: (_ROLE_ORDER.get(code, len(_ROLE_ORDER)), code))


class PersonRole(Base):
    """One role a person holds. A link row, replaced with the person, so it carries no shared columns."""

    __table__ = tables.person_roles

    person_id: Mapped[str]
    role: Mapped[str]

    person: Mapped[Person] = relationship(back_populates="roles")


class Organisation(Record):
    __table__ = tables.organisations

    name: Mapped[str]
    kind: Mapped[str]
    notes: Mapped[str | None]
    notice_days: Mapped[int | None]  # None: the default notice period (settings) applies
    papers_days: Mapped[int | None]

    committees: Mapped[list[Committee]] = relationship(back_populates="organisation")


class Committee(Record):
    """A committee, board or group that an organisation runs and representatives sit on."""

    __table__ = tables.committees

    organisation_id: Mapped[str]
    name: Mapped[str]
    notes: Mapped[str | None]
    quorum_number: Mapped[int | None]
    quorum_numerator: Mapped[int | None]
    quorum_denominator: Mapped[int | None]

    organisation: Mapped[Organisation] = relationship(back_populates="committees", lazy="joined")
    memberships: Mapped[list[Membership]] = relationship(back_populates="committee")


class Membership(Record):
    """A person's seat on a committee for a term of office."""

    __table__ = tables.memberships

    person_id: Mapped[str]
    committee_id: Mapped[str]
    term_start: Mapped[date]
    term_end: Mapped[date | None]
    is_backup: Mapped[bool]

    person: Mapped[Person] = relationship(back_populates="memberships")
    committee: Mapped[Committee] = relationship(back_populates="memberships", lazy="joined")
