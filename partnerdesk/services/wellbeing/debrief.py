"""The debrief after a meeting: everyone who attended, and one wellbeing check each, saved together.

The GUI shows debrief_roster(meeting) as a batch form (one row per representative) and saves it with
record_debrief: every row is checked first, and if any is wrong nothing at all is saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from partnerdesk.i18n import _
from partnerdesk.records import tables
from partnerdesk.records.base import utc_now
from partnerdesk.records.meetings import Meeting
from partnerdesk.records.wellbeing import WellbeingCheck
from partnerdesk.rules.meetings import uk_date
from partnerdesk.services.common.errors import Problems, ValidationError
from partnerdesk.services.meetings.meetings import get_meeting
from partnerdesk.services.wellbeing.checks import apply_check, clean_check

#: What the batch form may send per person (the rest is the same for everyone: context, meeting, moment).
DEBRIEF_FIELDS = (
    "quick_score", "ons4", "swemwbs", "distress", "concerns", "follow_up_needed", "follow_up_by", "follow_up_due_on",
    "follow_up_done_on", "follow_up_action", "signposted_to", "confidential_notes", "worker_person_id", "worker_name",
    "checked_at",
)  # fmt: skip


@dataclass(frozen=True)
class DebriefPerson:
    """A representative who attended, and their debrief check if one is recorded already."""

    person_id: str
    person_name: str
    check_id: str | None


@dataclass(frozen=True)
class DebriefRoster:
    """The meeting the debrief follows and who attended it, by name."""

    meeting_id: str
    title: str
    day: date  # London date of the meeting
    people: list[DebriefPerson]


def attended_meeting(session: Session, meeting_id: str) -> Meeting:
    """The meeting a debrief is about: the meeting itself, or the one a debrief meeting follows."""
    meeting = get_meeting(session, meeting_id)
    if meeting.kind == "debrief" and meeting.serves_meeting_id:
        return get_meeting(session, meeting.serves_meeting_id)
    return meeting


def debrief_roster(session: Session, meeting_id: str) -> DebriefRoster:
    """Everyone recorded as having attended the meeting (or the meeting a debrief meeting follows), by name."""
    meeting = attended_meeting(session, meeting_id)
    a, p, w = tables.attendance, tables.people, tables.wellbeing_checks
    checked = (
        select(w.c.person_id, func.min(w.c.id).label("check_id"))
        .where(w.c.meeting_id == meeting.id, w.c.context == "debrief", w.c.deleted_at.is_(None))
        .group_by(w.c.person_id)
        .subquery()
    )
    stmt = (
        select(p.c.id, p.c.full_name, checked.c.check_id)
        .select_from(a.join(p, p.c.id == a.c.person_id).outerjoin(checked, checked.c.person_id == p.c.id))
        .where(a.c.meeting_id == meeting.id, a.c.attendance == "attended", p.c.deleted_at.is_(None))
        .order_by(func.lower(p.c.full_name), p.c.id)
    )
    people = [DebriefPerson(*row) for row in session.execute(stmt)]
    return DebriefRoster(meeting.id, meeting.title, uk_date(meeting.starts_at), people)


def record_debrief(
    session: Session, meeting_id: str, checks: dict[str, dict[str, Any]], *, checked_at: datetime | None = None
) -> list[WellbeingCheck]:
    """Record one debrief check for each person in checks (person id → DEBRIEF_FIELDS), all or nothing.

    Each must have attended the meeting. checked_at (default: now) is used where a row gives none. Problems come
    back in one ValidationError keyed "<person id>.<field>", each message starting with the person's name.
    """
    roster = debrief_roster(session, meeting_id)
    names = {person.person_id: person.person_name for person in roster.people}
    problems = Problems()
    if not checks:
        problems.add("", _("Please record a check for at least one person."))
    cleaned = []
    for person_id, data in checks.items():
        unknown = set(data) - set(DEBRIEF_FIELDS)
        if unknown:
            raise ValueError(f"Unknown debrief fields: {sorted(unknown)}")  # a programming slip
        if person_id not in names:
            problems.add(f"{person_id}.person_id", _("Someone picked is not recorded as attending this meeting."))
            continue
        full = {"checked_at": checked_at or utc_now(), **data, "person_id": person_id, "context": "debrief",
                "meeting_id": roster.meeting_id}  # fmt: skip
        try:
            cleaned.append(clean_check(session, full))
        except ValidationError as why:
            for field, message in why.messages.items():
                problems.add(f"{person_id}.{field}", f"{names[person_id]}: {message}")
    problems.raise_if_any()
    made = []
    for clean in cleaned:
        check = WellbeingCheck()
        apply_check(check, clean)
        session.add(check)
        made.append(check)
    session.flush()
    return made
