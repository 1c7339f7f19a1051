"""Who comes to a meeting: invitations, expressions of interest, back-ups, papers sent, attendance, double-bookings.

One Attendance row per person and meeting. A row with invited false only records interest; attendance can be
recorded only for people who were invited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from partnerdesk.i18n import _
from partnerdesk.records import tables
from partnerdesk.records import vocab as v
from partnerdesk.records.base import utc_now
from partnerdesk.records.meetings import Attendance, Meeting
from partnerdesk.records.people import Person
from partnerdesk.rules.dates import today_uk
from partnerdesk.rules.meetings import days_before, format_met, is_late, uk_date
from partnerdesk.services.common.errors import Problems, check_row_version
from partnerdesk.services.common.text import text_problem
from partnerdesk.services.meetings.meetings import get_meeting, meeting_periods
from partnerdesk.services.people.consent import withdrew

#: Attendance that can only be known once the meeting has happened (apologies and views can come before).
_ON_THE_DAY = ("attended", "absent")


def seat_holders(session: Session, committee_id: str, day: date, backups: bool | None = False) -> list[str]:
    """Ids of people with a seat on the committee on that date (not in the Bin), by name.

    backups: False for full members only, True for back-up representatives only, None for both.
    """
    m, p = tables.memberships, tables.people
    conditions = [
        m.c.committee_id == committee_id,
        m.c.term_start <= day,
        or_(m.c.term_end.is_(None), m.c.term_end >= day),
        m.c.deleted_at.is_(None),
        p.c.deleted_at.is_(None),
    ]
    if backups is not None:
        conditions.append(m.c.is_backup.is_(backups))
    stmt = (
        select(p.c.id)
        .select_from(m.join(p, p.c.id == m.c.person_id))
        .where(and_(*conditions))
        .group_by(p.c.id, p.c.full_name)
        .order_by(func.lower(p.c.full_name), p.c.id)
    )
    return list(session.scalars(stmt))


def _row(session: Session, meeting_id: str, person_id: str) -> Attendance | None:
    stmt = select(Attendance).where(Attendance.meeting_id == meeting_id, Attendance.person_id == person_id)
    return session.scalars(stmt).one_or_none()


def _name(session: Session, person_id: str) -> str:
    person = session.get(Person, person_id)
    return person.full_name if person is not None else _("This person")


def invite(
    session: Session,
    meeting_id: str,
    person_ids: list[str] | None = None,
    *,
    as_backup: bool = False,
    include_backups: bool = False,
) -> list[Attendance]:
    """Invite people to a meeting; returns their rows. Inviting someone already invited changes nothing.

    With no person_ids, everyone with a full seat on the meeting's committee on the meeting date is invited (and
    the back-up representatives too if include_backups). as_backup marks the people given as back-ups; people
    invited through a back-up seat are marked as back-ups either way.
    """
    meeting = get_meeting(session, meeting_id)
    day = uk_date(meeting.starts_at)
    problems = Problems()
    if person_ids is None:
        if meeting.committee_id is None:
            problems.add("person_ids", _("This meeting has no committee, so please pick who to invite."))
            problems.raise_if_any()
        assert meeting.committee_id is not None  # refused above
        person_ids = seat_holders(session, meeting.committee_id, day, None if include_backups else False)
        said_no = withdrew(session, person_ids)  # withdrew consent to be contacted: left out of the invitations
        person_ids = [person_id for person_id in person_ids if person_id not in said_no]
    backup_seats = set(seat_holders(session, meeting.committee_id, day, True)) if meeting.committee_id else set()
    for person_id in person_ids:
        person = session.get(Person, person_id) if person_id else None
        if person is None or person.deleted_at is not None:
            problems.add("person_ids", _("Someone picked could not be found. Please pick people from the list."))
    if withdrew(session, [person_id for person_id in person_ids if person_id]):
        problems.add("person_ids", _("Someone picked has withdrawn their consent to be contacted, so they cannot be "
                                     "invited. Take them off the list, or record their consent again first."))
    problems.raise_if_any()
    rows = []
    for person_id in dict.fromkeys(person_ids):
        row = _row(session, meeting_id, person_id)
        if row is None:
            row = Attendance(meeting_id=meeting_id, person_id=person_id, invited=True, interested=False)
            row.is_backup = as_backup or person_id in backup_seats
            session.add(row)
        elif not row.invited:
            row.invited, row.updated_at = True, utc_now()
            row.is_backup = row.is_backup or as_backup or person_id in backup_seats
        rows.append(row)
    session.flush()
    return rows


def uninvite(session: Session, meeting_id: str, person_id: str) -> None:
    """Take back an invitation. A person who expressed interest keeps that (as interest only)."""
    row = _row(session, meeting_id, person_id)
    if row is None:
        return
    if row.interested:
        row.invited, row.attendance, row.updated_at = False, None, utc_now()
    else:
        session.delete(row)
    session.flush()


def set_interest(session: Session, meeting_id: str, person_id: str, interested: bool = True) -> Attendance | None:
    """Record that a person has (or no longer has) expressed interest in a meeting; returns their row, if any."""
    get_meeting(session, meeting_id)
    problems = Problems()
    person = session.get(Person, person_id) if person_id else None
    if person is None or person.deleted_at is not None:
        problems.add("person_id", _("Please pick a person from the list."))
    problems.raise_if_any()
    row = _row(session, meeting_id, person_id)
    if row is None and not interested:
        return None
    if row is None:
        row = Attendance(meeting_id=meeting_id, person_id=person_id, invited=False, interested=True, is_backup=False)
        session.add(row)
    elif not interested and not row.invited:
        session.delete(row)
        session.flush()
        return None
    else:
        row.interested, row.updated_at = interested, utc_now()
    session.flush()
    return row


def set_backup(session: Session, meeting_id: str, person_id: str, is_backup: bool) -> Attendance:
    """Mark an invited (or interested) person as a back-up representative for this meeting, or not."""
    row = _row(session, meeting_id, person_id)
    problems = Problems()
    if row is None:
        problems.add("is_backup", _("{name} is not on this meeting's list. Invite them first.").format(
            name=_name(session, person_id),
        ))
    problems.raise_if_any()
    assert row is not None  # refused above
    row.is_backup, row.updated_at = is_backup, utc_now()
    session.flush()
    return row


def _attendance_problem(
    session: Session, meeting: Meeting, person_id: str, code: str | None, today: date
) -> tuple[Attendance | None, str | None]:
    row = _row(session, meeting.id, person_id)
    if row is None or not row.invited:
        name = _name(session, person_id)
        return None, _(
            "{name} was not invited to this meeting. Invite them first, then record their attendance."
        ).format(
            name=name,
        )
    if code is not None and code not in v.ATTENDANCE:
        return None, _("Please pick one of the choices in the list.")
    if code in _ON_THE_DAY and uk_date(meeting.starts_at) > today:
        return None, _("This meeting hasn't happened yet: record who attended on or after the day.")
    return row, None


def record_attendance(
    session: Session, meeting_id: str, person_id: str, attendance: str | None, today: date | None = None,
    version: int | None = None,
) -> Attendance:
    """Record whether an invited person attended, sent apologies, was absent or sent views (None clears it).

    Refused (ValidationError on "attendance") for someone not invited, and for "attended"/"absent" before the
    meeting's day. After apologies, suggest_backups lists who could stand in. A list passes the version it read the
    person's row at: EditConflict if someone recorded something different since.
    """
    meeting = get_meeting(session, meeting_id)
    row, message = _attendance_problem(session, meeting, person_id, attendance, today or today_uk())
    problems = Problems()
    if message:
        problems.add("attendance", message)
    problems.raise_if_any()
    assert row is not None  # refused above
    check_row_version(row, version, {"attendance": attendance})
    row.attendance, row.updated_at = attendance, utc_now()
    session.flush()
    return row


def record_attendances(
    session: Session, meeting_id: str, marks: dict[str, str | None], today: date | None = None
) -> list[Attendance]:
    """Record attendance for several people at once (person id → code). All or nothing: any problem raises
    ValidationError keyed by person id and nothing is changed."""
    meeting = get_meeting(session, meeting_id)
    problems, rows = Problems(), list[tuple[Attendance, str | None]]()
    for person_id, code in marks.items():
        row, message = _attendance_problem(session, meeting, person_id, code, today or today_uk())
        if message or row is None:
            problems.add(person_id, message or "")
        else:
            rows.append((row, code))
    problems.raise_if_any()
    for row, code in rows:
        row.attendance, row.updated_at = code, utc_now()
    session.flush()
    return [row for row, _unused in rows]


def record_papers_sent(
    session: Session,
    meeting_id: str,
    person_id: str,
    sent_on: date | None,
    papers_format: str | None,
    reason: str | None = None,
    version: int | None = None,
) -> Attendance:
    """Record when and in which format (vocab.PAPER_FORMATS) papers went to an invited person, and why if they were
    late or not in the format asked for. sent_on None clears it. A list passes the version it read the person's row
    at: EditConflict if someone recorded something different since."""
    meeting = get_meeting(session, meeting_id)
    row = _row(session, meeting_id, person_id)
    reason = (reason or "").strip() or None
    problems = Problems()
    if why := text_problem("papers_reason", reason):
        problems.add("papers_reason", why)
    if row is None or not row.invited:
        problems.add(
            "papers_sent_on", _("{name} was not invited to this meeting.").format(name=_name(session, person_id))
        )
    elif sent_on is not None:
        if not isinstance(sent_on, date):
            problems.add("papers_sent_on", _("Please type a date as day/month/year, for example 23/11/2026."))
        elif sent_on > uk_date(meeting.starts_at):
            problems.add("papers_sent_on", _("Papers can't be sent after the meeting."))
        if papers_format not in v.PAPER_FORMATS:
            problems.add("papers_format", _("Please say which format the papers were sent in."))
    if reason is not None and len(reason) > 500:
        problems.add("papers_reason", _("This is too long: please keep it to 500 characters."))
    problems.raise_if_any()
    assert row is not None  # refused above
    if sent_on is None:
        papers_format = reason = None
    check_row_version(row, version,
                      {"papers_sent_on": sent_on, "papers_format": papers_format, "papers_reason": reason})
    row.papers_sent_on, row.papers_format, row.papers_reason = sent_on, papers_format, reason
    row.updated_at = utc_now()
    session.flush()
    return row


@dataclass(frozen=True)
class Invitation:
    """One person on a meeting's list, with their papers compliance worked out."""

    person_id: str
    person_name: str
    invited: bool
    interested: bool
    is_backup: bool
    attendance: str | None
    papers_sent_on: date | None
    papers_format: str | None
    papers_reason: str | None
    wanted_format: str | None  # what the person asked for (Person.papers_format)
    papers_days: int | None  # days between sending papers and the meeting
    papers_late: bool | None
    format_met: bool | None
    wanted_details: str | None = None  # what the person wrote when they asked for "Other" (or a file type)
    version: int = 1  # of the attendance row, for saving against (services.common.errors.check_version)


def invitations(session: Session, meeting_id: str) -> list[Invitation]:
    """Everyone on a meeting's list (invited or interested), by name, with papers days, lateness and format met."""
    meeting = get_meeting(session, meeting_id)
    day, period = uk_date(meeting.starts_at), meeting_periods(session, meeting_id).papers_days
    a, p = tables.attendance, tables.people
    stmt = (
        select(a, p.c.full_name, p.c.papers_format.label("wanted"), p.c.papers_format_details.label("details"))
        .select_from(a.join(p, p.c.id == a.c.person_id))
        .where(a.c.meeting_id == meeting_id)
        .order_by(func.lower(p.c.full_name), p.c.id)
    )
    rows = []
    for r in session.execute(stmt):
        days = days_before(day, r.papers_sent_on)
        rows.append(
            Invitation(
                r.person_id, r.full_name, r.invited, r.interested, r.is_backup, r.attendance, r.papers_sent_on,
                r.papers_format, r.papers_reason, r.wanted, days, is_late(days, period),
                format_met(r.papers_format, r.wanted), r.details, r.version,
            )
        )  # fmt: skip
    return rows


@dataclass(frozen=True)
class Clash:
    """Another meeting a person is invited to that overlaps in time."""

    person_id: str
    meeting_id: str
    title: str
    starts_at: datetime
    ends_at: datetime


def _clash_query(starts_at: datetime, ends_at: datetime, exclude_meeting_id: str | None):
    a, m = tables.attendance, tables.meetings
    stmt = (
        select(a.c.person_id, m.c.id, m.c.title, m.c.starts_at, m.c.ends_at)
        .select_from(a.join(m, m.c.id == a.c.meeting_id))
        .where(
            a.c.invited.is_(True),
            or_(a.c.attendance.is_(None), a.c.attendance != "apologies"),
            m.c.starts_at < ends_at,
            m.c.ends_at > starts_at,
            m.c.cancelled.is_(False),
            m.c.deleted_at.is_(None),
        )
        .order_by(m.c.starts_at)
    )
    if exclude_meeting_id is not None:
        stmt = stmt.where(m.c.id != exclude_meeting_id)
    return stmt


def clashes_for_person(
    session: Session, person_id: str, starts_at: datetime, ends_at: datetime, exclude_meeting_id: str | None = None
) -> list[Clash]:
    """Meetings the person is invited to (and has not sent apologies for) that overlap the given time."""
    stmt = _clash_query(starts_at, ends_at, exclude_meeting_id).where(tables.attendance.c.person_id == person_id)
    return [Clash(*row) for row in session.execute(stmt)]


def double_bookings(session: Session, meeting_id: str) -> dict[str, list[Clash]]:
    """For each person invited to this meeting who is also invited to an overlapping meeting: those meetings.

    A warning only: nothing is refused. Meetings that merely touch (one ends as the next starts) don't clash.
    """
    meeting = get_meeting(session, meeting_id)
    invited = select(Attendance.person_id).where(Attendance.meeting_id == meeting_id, Attendance.invited.is_(True))
    stmt = _clash_query(meeting.starts_at, meeting.ends_at, meeting_id).where(
        tables.attendance.c.person_id.in_(invited.scalar_subquery())
    )
    found: dict[str, list[Clash]] = {}
    for row in session.execute(stmt):
        found.setdefault(row.person_id, []).append(Clash(*row))
    return found


@dataclass(frozen=True)
class BackupSuggestion:
    """A back-up representative who could stand in."""

    person_id: str
    person_name: str
    interested: bool  # has expressed interest in this meeting
    clashes: list[Clash]  # other meetings they are invited to at the same time


def suggest_backups(session: Session, meeting_id: str) -> list[BackupSuggestion]:
    """The committee's back-up representatives (seats marked back-up on the meeting date) who are not invited yet,
    those who expressed interest first, each with any clashing meetings. Empty for a meeting with no committee.

    Back-ups already invited are left out: they are either coming or have said they can't.
    """
    meeting = get_meeting(session, meeting_id)
    if meeting.committee_id is None:
        return []
    rows = {r.person_id: r for r in session.scalars(select(Attendance).where(Attendance.meeting_id == meeting_id))}
    suggestions = []
    for person_id in seat_holders(session, meeting.committee_id, uk_date(meeting.starts_at), backups=True):
        row = rows.get(person_id)
        if row is not None and row.invited:
            continue
        clashes = clashes_for_person(session, person_id, meeting.starts_at, meeting.ends_at, meeting_id)
        interested = row is not None and row.interested
        suggestions.append(BackupSuggestion(person_id, _name(session, person_id), interested, clashes))
    return sorted(suggestions, key=lambda s: not s.interested)  # stable: by name within each group
