"""Inviting a committee's members to several meetings at once (a series, or meetings just added to one).

Seats are read for each meeting's own date; people already invited are counted and left as they were.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerdesk.records.meetings import Attendance, Meeting
from partnerdesk.rules.dates import today_uk
from partnerdesk.rules.meetings import uk_date
from partnerdesk.services.meetings.attendance import invite, seat_holders


@dataclass(frozen=True)
class InviteCount:
    """What inviting a committee to several meetings did (or would do)."""

    people: int  # different people given at least one new invitation
    meetings: int  # meetings looked at: on or after today, not cancelled, with a committee
    invitations: int  # new invitations (one per person and meeting)
    already: int  # invitations that were there already and were left as they were


def members_to_invite(
    session: Session, meetings: list[Meeting], today: date | None = None
) -> list[tuple[Meeting, list[str], int]]:
    """For each meeting still to come (not cancelled, not in the Bin, with a committee): the full members seated on
    the meeting's date who are not invited yet, and how many of its members are invited already. Changes nothing.

    Seats are read for each meeting's own date, so someone whose term ends in March is not asked to May's meeting.
    """
    today = today or today_uk()
    plan = []
    for meeting in meetings:
        day = uk_date(meeting.starts_at)
        if meeting.committee_id is None or meeting.cancelled or meeting.deleted_at is not None or day < today:
            continue
        members = seat_holders(session, meeting.committee_id, day, backups=False)
        invited = set(session.scalars(
            select(Attendance.person_id).where(Attendance.meeting_id == meeting.id, Attendance.invited.is_(True))
        ))
        plan.append((meeting, [p for p in members if p not in invited], sum(1 for p in members if p in invited)))
    return plan


def count_plan(plan: list[tuple[Meeting, list[str], int]]) -> InviteCount:
    """Add up a members_to_invite plan."""
    people = {person_id for _, new, _ in plan for person_id in new}
    return InviteCount(len(people), len(plan), sum(len(new) for _, new, _ in plan), sum(n for *_, n in plan))


def invite_members(session: Session, meetings: list[Meeting], today: date | None = None) -> InviteCount:
    """Invite each meeting's committee members (as members_to_invite finds them) to every meeting still to come.

    People already invited are left as they were; back-up representatives are not invited (suggest_backups offers
    them when someone sends apologies). Part of the caller's transaction: all the meetings or none.
    """
    plan = members_to_invite(session, meetings, today)
    for meeting, new, _ in plan:
        if new:
            invite(session, meeting.id, new)
    return count_plan(plan)
