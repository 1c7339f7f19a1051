"""Wellbeing checks: how a person is, the optional ONS4 and SWEMWBS answers, distress and the follow-up after it
(table: records.tables.wellbeing_checks).

Raw answers only: the scores (SWEMWBS metric, ONS4 bands) are worked out by rules.wellbeing whenever they are
shown, so a correction to a published table never leaves stale scores behind. Codes (context) come from
rules.wellbeing.CHECK_CONTEXTS. concerns, follow_up_action and confidential_notes are confidential: only
services.wellbeing.confidential hands them out (see CONFIDENTIAL_FIELDS there).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Mapped, relationship

from partnerdesk.records import tables
from partnerdesk.records.orm import Record
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


class WellbeingCheck(Record):
    """One wellbeing check of one person by a worker, with any follow-up it needs."""

    __table__ = tables.wellbeing_checks

    person_id: Mapped[str]
    checked_at: Mapped[datetime]
    worker_person_id: Mapped[str | None]
    worker_name: Mapped[str | None]
    context: Mapped[str]
    meeting_id: Mapped[str | None]
    quick_score: Mapped[int | None]
    ons4_life_satisfaction: Mapped[int | None]
    ons4_worthwhile: Mapped[int | None]
    ons4_happiness: Mapped[int | None]
    ons4_anxiety: Mapped[int | None]
    swemwbs_1: Mapped[int | None]
    swemwbs_2: Mapped[int | None]
    swemwbs_3: Mapped[int | None]
    swemwbs_4: Mapped[int | None]
    swemwbs_5: Mapped[int | None]
    swemwbs_6: Mapped[int | None]
    swemwbs_7: Mapped[int | None]
    distress: Mapped[bool]
    concerns: Mapped[str | None]
    follow_up_needed: Mapped[bool]
    follow_up_by: Mapped[str | None]
    follow_up_due_on: Mapped[date | None]
    follow_up_done_on: Mapped[date | None]
    follow_up_action: Mapped[str | None]
    signposted_to: Mapped[str | None]
    confidential_notes: Mapped[str | None]

    person: Mapped[Person] = relationship(foreign_keys=[tables.wellbeing_checks.c.person_id])
