"""One action for many meetings: invite a committee to every meeting of a series still to come, and record the
same notice or papers date for several meetings at once.

Each function is one piece of the caller's transaction: every meeting changes, or none. A meeting saved by
someone else since the worker picked it is skipped and counted, never silently overwritten; so is a date that is
already recorded differently (change that one in the meeting itself).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerdesk.i18n import _, ngettext, short_date
from partnerdesk.records import vocab as v
from partnerdesk.records.base import utc_now
from partnerdesk.records.meetings import Attendance, Meeting
from partnerdesk.records.people import Person
from partnerdesk.rules.meetings import days_before, is_late, uk_date
from partnerdesk.services.common.errors import Problems
from partnerdesk.services.common.settings import get_setting
from partnerdesk.services.meetings.committee_invites import (
    InviteCount,
    count_plan,
    invite_members,
    members_to_invite,
)
from partnerdesk.services.meetings.series import get_series, series_meetings


def series_of(session: Session, meeting_id: str) -> str | None:
    """The id of the series a meeting belongs to, or None for a meeting on its own."""
    meeting = session.get(Meeting, meeting_id) if meeting_id else None
    return meeting.series_id if meeting is not None else None


def plan_series_invitations(session: Session, series_id: str, today: date | None = None) -> InviteCount:
    """What invite_series would do, without doing it (for the question asked first)."""
    get_series(session, series_id)
    return count_plan(members_to_invite(session, series_meetings(session, series_id), today))


def invite_series(session: Session, series_id: str, today: date | None = None) -> InviteCount:
    """Invite the committee's members to every meeting of the series still to come (not cancelled), each as seated
    on that meeting's date; people already invited are left as they were."""
    get_series(session, series_id)
    return invite_members(session, series_meetings(session, series_id), today)


def describe_invitations(count: InviteCount) -> str:
    """What inviting did, in words: "Invited 8 people to 12 meetings (3 were already invited)."."""
    if count.meetings == 0:
        return _("This series has no committee meetings still to come, so nobody was invited.")
    if count.invitations == 0:
        return ngettext(
            "Everyone on the committee was already invited to the {n} meeting still to come.",
            "Everyone on the committee was already invited to the {n} meetings still to come.", count.meetings,
        ).format(n=count.meetings)
    people = ngettext("{n} person", "{n} people", count.people).format(n=count.people)
    meetings = ngettext("{n} meeting", "{n} meetings", count.meetings).format(n=count.meetings)
    text = _("Invited {people} to {meetings}.").format(people=people, meetings=meetings)
    if count.already:
        text = text[:-1] + " " + ngettext(
            "({n} was already invited).", "({n} were already invited).", count.already
        ).format(n=count.already)
    return text


@dataclass(frozen=True)
class DateCount:
    """What recording one date for several meetings did."""

    updated: int  # meetings given the date
    unchanged: int  # meetings that had this date already
    different: int  # meetings with another date already recorded: left alone
    changed_elsewhere: int  # meetings saved by someone else since they were picked (or moved to the Bin): skipped


def _picked(session: Session, versions: dict[str, int | None]) -> tuple[list[Meeting], int]:
    """The picked meetings still as they were when picked, and how many were changed or binned since."""
    current, stale = [], 0
    for meeting_id, version in versions.items():
        meeting = session.get(Meeting, meeting_id)
        if meeting is None or meeting.deleted_at is not None or (version is not None and meeting.version != version):
            stale += 1
        else:
            current.append(meeting)
    return current, stale


def _check_date(problems: Problems, field: str, meetings: list[Meeting], sent_on: date | None, what: str) -> None:
    if sent_on is None:
        problems.add(field, _("Please give the date, for example 23/11/2026."))
    elif not isinstance(sent_on, date):
        problems.add(field, _("Please type a date as day/month/year, for example 23/11/2026."))
    else:
        before = [m for m in meetings if uk_date(m.starts_at) < sent_on]
        if before:
            last = max(uk_date(m.starts_at) for m in before)
            problems.add(field, ngettext(
                "{n} of the meetings picked is before that date, and {what} can't be sent after a meeting (the "
                "latest is on {day}). Pick an earlier date, or fewer meetings.",
                "{n} of the meetings picked are before that date, and {what} can't be sent after a meeting (the "
                "latest is on {day}). Pick an earlier date, or fewer meetings.", len(before),
            ).format(n=len(before), what=what, day=short_date(last)))


def _reason(problems: Problems, field: str, reason: str | None) -> str | None:
    reason = (reason or "").strip() or None
    if reason is not None and len(reason) > 500:
        problems.add(field, _("This is too long: please keep it to 500 characters."))
    return reason


def record_notice(
    session: Session, versions: dict[str, int | None], sent_on: date | None, reason: str | None = None
) -> DateCount:
    """Record that notice of several meetings went out on one date. versions: each meeting's id and the version
    the worker picked it at (None: no check). The reason, if given, is kept with the meetings for which the notice
    is late (under the organisation's notice period) and have no reason yet.

    Raises ValidationError (on "notice_sent_on" or "notice_reason") and changes nothing if the date is missing or
    after any of the meetings.
    """
    meetings, stale = _picked(session, versions)
    problems = Problems()
    _check_date(problems, "notice_sent_on", meetings, sent_on, _("notice"))
    reason = _reason(problems, "notice_reason", reason)
    problems.raise_if_any()
    period = get_setting(session, "notice_days")
    updated = unchanged = different = 0
    for meeting in meetings:
        if meeting.notice_sent_on == sent_on:
            unchanged += 1
            continue
        if meeting.notice_sent_on is not None:
            different += 1
            continue
        meeting.notice_sent_on = sent_on
        if reason and not meeting.notice_reason and is_late(days_before(uk_date(meeting.starts_at), sent_on), period):
            meeting.notice_reason = reason
        meeting.updated_at = utc_now()
        updated += 1
    session.flush()
    return DateCount(updated, unchanged, different, stale)


@dataclass(frozen=True)
class PapersCount:
    """What recording one papers date for several meetings did."""

    meetings: int  # meetings where at least one person's papers were recorded
    people: int  # invitations given the date
    already: int  # invitations with a papers date already: left alone
    changed_elsewhere: int  # meetings saved by someone else since they were picked: skipped


def record_papers(
    session: Session,
    versions: dict[str, int | None],
    sent_on: date | None,
    usual_format: str | None = "email",
    reason: str | None = None,
) -> PapersCount:
    """Record that papers went to everyone invited to several meetings on one date, each in the format they asked
    for (usual_format, one of vocab.PAPER_FORMATS, for people who did not say). People whose papers are recorded
    already are left as they were. The reason, if given, is kept where the papers are late (under the
    organisation's papers period).

    Raises ValidationError and changes nothing if the date is missing or after any of the meetings.
    """
    meetings, stale = _picked(session, versions)
    problems = Problems()
    _check_date(problems, "papers_sent_on", meetings, sent_on, _("papers"))
    if usual_format not in v.PAPER_FORMATS:
        problems.add("papers_format", _("Please say which format the papers were sent in."))
    reason = _reason(problems, "papers_reason", reason)
    problems.raise_if_any()
    period = get_setting(session, "papers_days")
    touched, people, already = set(), 0, 0
    for meeting in meetings:
        late = is_late(days_before(uk_date(meeting.starts_at), sent_on), period)
        stmt = (
            select(Attendance, Person.papers_format)
            .join(Person, Person.id == Attendance.person_id)
            .where(Attendance.meeting_id == meeting.id, Attendance.invited.is_(True))
        )
        for row, wanted in session.execute(stmt):
            if row.papers_sent_on is not None:
                already += 1
                continue
            row.papers_sent_on, row.papers_format = sent_on, wanted or usual_format
            row.papers_reason = reason if late else None
            row.updated_at = utc_now()
            touched.add(meeting.id)
            people += 1
    session.flush()
    return PapersCount(len(touched), people, already, stale)


def meeting_versions(session: Session, meeting_ids: list[str]) -> dict[str, int]:
    """Each meeting's version now, read when the worker picks them, so a later save can tell if one changed."""
    if not meeting_ids:
        return {}
    stmt = select(Meeting.id, Meeting.version).where(Meeting.id.in_(meeting_ids))
    return {meeting_id: version for meeting_id, version in session.execute(stmt)}

