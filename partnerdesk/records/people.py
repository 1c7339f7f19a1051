"""People, organisations, committees and who sits on which committee."""

from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from partnerdesk.records.base import Base, RecordMixin
from partnerdesk.records.vocab import ROLES

_ROLE_ORDER = {code: place for place, code in enumerate(ROLES)}


class Person(RecordMixin, Base):
    __tablename__ = "people"

    full_name: Mapped[str] = mapped_column(String(200))
    preferred_name: Mapped[str | None] = mapped_column(String(120))
    pronouns: Mapped[str | None] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20), default="interested")

    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    address_line1: Mapped[str | None] = mapped_column(String(200))
    address_line2: Mapped[str | None] = mapped_column(String(200))
    town: Mapped[str | None] = mapped_column(String(120))
    postcode: Mapped[str | None] = mapped_column(String(10))
    preferred_contact: Mapped[str | None] = mapped_column(String(20))

    papers_format: Mapped[str | None] = mapped_column(String(20))
    papers_format_details: Mapped[str | None] = mapped_column(String(200))
    access_needs: Mapped[list[str]] = mapped_column(JSON, default=list)
    access_needs_details: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(20), default="english")
    language_other: Mapped[str | None] = mapped_column(String(60))
    # None means nobody has asked yet; payments can affect welfare benefits, so we never assume.
    payment_preference: Mapped[str | None] = mapped_column(String(20))

    consent_given_on: Mapped[date | None] = mapped_column(Date)
    consent_how: Mapped[str | None] = mapped_column(String(20))
    consent_for: Mapped[str | None] = mapped_column(Text)
    consent_review_on: Mapped[date | None] = mapped_column(Date)

    interests: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)

    roles: Mapped[list[PersonRole]] = relationship(
        back_populates="person", cascade="all, delete-orphan", lazy="selectin"
    )
    memberships: Mapped[list[Membership]] = relationship(back_populates="person", lazy="selectin")

    # The name index for the list and the search index are SQLite-specific: see migration 0002.
    __table_args__ = (
        Index("ix_people_status", "status"),
        Index("ix_people_consent_review", "consent_review_on"),
        # Only the people in the Bin (see migration 0007): quick to find, and no help to queries about the rest.
        Index("ix_people_binned", "deleted_at", sqlite_where=text("deleted_at IS NOT NULL"),
              postgresql_where=text("deleted_at IS NOT NULL")),
    )

    @property
    def role_codes(self) -> list[str]:
        """The person's roles as codes, in the order of the vocabulary."""
        return sorted((r.role for r in self.roles), key=lambda code: (_ROLE_ORDER.get(code, len(_ROLE_ORDER)), code))


class PersonRole(Base):
    """One role a person holds. A link row, replaced with the person, so it carries no shared columns."""

    __tablename__ = "person_roles"

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)

    person: Mapped[Person] = relationship(back_populates="roles")


class Organisation(RecordMixin, Base):
    __tablename__ = "organisations"

    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), default="vcs")
    notes: Mapped[str | None] = mapped_column(Text)

    committees: Mapped[list[Committee]] = relationship(back_populates="organisation")


class Committee(RecordMixin, Base):
    """A committee, board or group that an organisation runs and representatives sit on."""

    __tablename__ = "committees"

    organisation_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    # The quorum rule: a number of members, or a fraction of the current members (numerator over denominator, e.g.
    # 1/3 for "a third"); blank when none has been agreed. Whole numbers only: no floats. Added in migration 0003.
    quorum_number: Mapped[int | None] = mapped_column(Integer)
    quorum_numerator: Mapped[int | None] = mapped_column(Integer)
    quorum_denominator: Mapped[int | None] = mapped_column(Integer)

    organisation: Mapped[Organisation] = relationship(back_populates="committees", lazy="joined")
    memberships: Mapped[list[Membership]] = relationship(back_populates="committee")


class Membership(RecordMixin, Base):
    """A person's seat on a committee for a term of office."""

    __tablename__ = "memberships"

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    committee_id: Mapped[str] = mapped_column(ForeignKey("committees.id"), index=True)
    term_start: Mapped[date] = mapped_column(Date)
    term_end: Mapped[date | None] = mapped_column(Date, index=True)
    is_backup: Mapped[bool] = mapped_column(Boolean, default=False)

    person: Mapped[Person] = relationship(back_populates="memberships")
    committee: Mapped[Committee] = relationship(back_populates="memberships", lazy="joined")
