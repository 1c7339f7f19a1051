"""Wellbeing checks: how a person is, the optional ONS4 and SWEMWBS answers, distress and the follow-up after it.

Raw answers only: the scores (SWEMWBS metric, ONS4 bands) are worked out by rules.wellbeing whenever they are
shown, so a correction to a published table never leaves stale scores behind. Codes (context) come from
rules.wellbeing.CHECK_CONTEXTS. concerns, follow_up_action and confidential_notes are confidential: only
services.wellbeing.confidential hands them out (see CONFIDENTIAL_FIELDS there).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from partnerdesk.records.base import Base, RecordMixin, UTCDateTime
from partnerdesk.records.people import Person

#: The database columns holding the seven SWEMWBS answers, in the order the items are asked.
SWEMWBS_COLUMNS = tuple(f"swemwbs_{number}" for number in range(1, 8))
#: The database columns holding the four ONS4 answers, by question code (rules.wellbeing.ONS4_QUESTIONS).
ONS4_COLUMNS = {
    "life_satisfaction": "ons4_life_satisfaction",
    "worthwhile": "ons4_worthwhile",
    "happiness": "ons4_happiness",
    "anxiety": "ons4_anxiety",
}


class WellbeingCheck(RecordMixin, Base):
    """One wellbeing check of one person by a worker, with any follow-up it needs."""

    __tablename__ = "wellbeing_checks"

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"))
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The worker: someone in PartnerDesk, or a name typed in (workers are not always on the contact list).
    worker_person_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"))
    worker_name: Mapped[str | None] = mapped_column(String(200))
    context: Mapped[str] = mapped_column(String(20))  # rules.wellbeing.CHECK_CONTEXTS
    # The meeting the check is about (a debrief after it, or a pre-meeting before it).
    meeting_id: Mapped[str | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"))

    quick_score: Mapped[int | None] = mapped_column(Integer)  # 1–5, rules.wellbeing.QUICK_ANSWERS
    ons4_life_satisfaction: Mapped[int | None] = mapped_column(Integer)
    ons4_worthwhile: Mapped[int | None] = mapped_column(Integer)
    ons4_happiness: Mapped[int | None] = mapped_column(Integer)
    ons4_anxiety: Mapped[int | None] = mapped_column(Integer)
    swemwbs_1: Mapped[int | None] = mapped_column(Integer)
    swemwbs_2: Mapped[int | None] = mapped_column(Integer)
    swemwbs_3: Mapped[int | None] = mapped_column(Integer)
    swemwbs_4: Mapped[int | None] = mapped_column(Integer)
    swemwbs_5: Mapped[int | None] = mapped_column(Integer)
    swemwbs_6: Mapped[int | None] = mapped_column(Integer)
    swemwbs_7: Mapped[int | None] = mapped_column(Integer)

    distress: Mapped[bool] = mapped_column(Boolean, default=False)
    concerns: Mapped[str | None] = mapped_column(Text)  # confidential
    follow_up_needed: Mapped[bool] = mapped_column(Boolean, default=False)
    follow_up_by: Mapped[str | None] = mapped_column(String(200))
    follow_up_due_on: Mapped[date | None] = mapped_column(Date)
    follow_up_done_on: Mapped[date | None] = mapped_column(Date)
    follow_up_action: Mapped[str | None] = mapped_column(Text)  # what was done; confidential
    signposted_to: Mapped[str | None] = mapped_column(String(500))
    confidential_notes: Mapped[str | None] = mapped_column(Text)  # confidential

    person: Mapped[Person] = relationship(foreign_keys=[person_id])

    __table_args__ = (
        Index("ix_wellbeing_checks_person_checked", "person_id", "checked_at"),
        Index("ix_wellbeing_checks_checked_at", "checked_at"),
        Index("ix_wellbeing_checks_follow_up", "follow_up_due_on"),
        Index("ix_wellbeing_checks_meeting_id", "meeting_id"),
    )
