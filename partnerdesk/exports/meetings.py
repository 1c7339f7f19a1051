"""The meetings export: one row per meeting with its compliance figures, for commissioners and the worker's records.

The figures (notice and papers days, format met, attendance counts, quorum) come from
services.meetings.checks.compliance_for_meetings, the same code the meeting form and lists use, so a spreadsheet
never disagrees with the screen. No one's name is written unless the worker asks for a named list; then a second
sheet, "Attendance", has one row per invited person per meeting.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from partnerdesk.exports.xlsx import Column, ExportCancelled, ExportError, Kind, SheetWriter, xlsx_file
from partnerdesk.records import tables
from partnerdesk.records import vocab as v
from partnerdesk.rules.meetings import days_before, uk_times
from partnerdesk.services.meetings.attendance import invitations
from partnerdesk.services.meetings.checks import MeetingCompliance, compliance_for_meetings
from partnerdesk.services.meetings.listing import MeetingFilter, count_meetings, meetings_page

#: The meetings sheet's columns, in order.
COLUMNS = (
    Column("Date", 12, Kind.DATE),
    Column("Start", 7),
    Column("End", 7),
    Column("Committee", 28),
    Column("Organisation", 24),
    Column("Kind", 18),
    Column("Title", 32),
    Column("Mode", 12),
    Column("Cancelled", 10),
    Column("Notice sent on", 14, Kind.DATE),
    Column("Notice days", 11, Kind.NUMBER),
    Column("Notice late", 11),
    Column("Papers days (shortest)", 13, Kind.NUMBER),
    Column("Papers late", 11, Kind.NUMBER),
    Column("Format not met", 11, Kind.NUMBER),
    Column("Invited", 9, Kind.NUMBER),
    Column("Attended", 9, Kind.NUMBER),
    Column("Apologies", 10, Kind.NUMBER),
    Column("Absent", 8, Kind.NUMBER),
    Column("Sent views", 10, Kind.NUMBER),
    Column("Quorum needed", 11, Kind.NUMBER),
    Column("Quorate", 9),
    Column("Minutes sent on", 14, Kind.DATE),
    Column("Reasons recorded", 50),
)

#: The named sheet's columns (only with named=True).
ATTENDANCE_COLUMNS = (
    Column("Date", 12, Kind.DATE),
    Column("Start", 7),
    Column("Committee", 28),
    Column("Title", 32),
    Column("Name", 28),
    Column("Back-up", 9),
    Column("Attendance", 26),
    Column("Papers sent on", 14, Kind.DATE),
    Column("Papers days", 11, Kind.NUMBER),
    Column("Papers late", 11),
    Column("Format sent", 14),
    Column("Format asked for", 16),
    Column("Format met", 11),
    Column("Reason recorded", 40),
)

SHEET_TITLE = "Meetings"
ATTENDANCE_TITLE = "Attendance"

#: Meetings read at a time; also the size of the IN (...) lists for their details.
CHUNK = 500

Progress = Callable[[int, int], bool | None]

_m, _a = tables.meetings, tables.attendance


def _yes_no(flag: bool | None) -> str:
    """Yes, No, or blank when it is not known yet."""
    return "" if flag is None else ("Yes" if flag else "No")


def _hhmm(at) -> str:
    return f"{at:%H:%M}"


def _details(session: Session, ids: Sequence[str]) -> dict[str, Any]:
    """The tracking dates and reasons meetings_page does not carry, by meeting id."""
    stmt = select(
        _m.c.id, _m.c.notice_sent_on, _m.c.minutes_sent_on, _m.c.notice_reason, _m.c.papers_reason, _m.c.cancel_reason
    ).where(_m.c.id.in_(ids))
    return {row.id: row for row in session.execute(stmt)}


def _latest_papers(session: Session, ids: Sequence[str]) -> dict[str, date]:
    """The last day papers went to an invited person, per meeting: the shortest papers period anyone had."""
    stmt = (
        select(_a.c.meeting_id, func.max(_a.c.papers_sent_on))
        .where(_a.c.meeting_id.in_(ids), _a.c.invited.is_(True), _a.c.papers_sent_on.is_not(None))
        .group_by(_a.c.meeting_id)
    )
    return {meeting_id: latest for meeting_id, latest in session.execute(stmt)}


def _reasons(details: Any) -> str:
    parts = (
        ("Notice", details.notice_reason),
        ("Papers", details.papers_reason),
        ("Cancelled", details.cancel_reason),
    )
    return "; ".join(f"{what}: {why}" for what, why in parts if why)


def _row(meeting: Any, details: Any, check: MeetingCompliance, latest_papers: date | None) -> list[Any]:
    day, start, end = uk_times(meeting.starts_at, meeting.ends_at)
    return [
        day,
        _hhmm(start),
        _hhmm(end),
        meeting.committee,
        meeting.organisation,
        v.label(v.MEETING_KINDS, meeting.kind),
        meeting.title,
        v.label(v.MEETING_MODES, meeting.mode),
        "Yes" if meeting.cancelled else "",
        details.notice_sent_on,
        check.notice_days,
        _yes_no(check.notice_late),
        days_before(check.day, latest_papers),
        check.papers_late,
        check.format_missed,
        check.invited,
        check.attended,
        check.apologies,
        check.absent,
        check.sent_views,
        check.quorum_needed,
        _yes_no(check.quorate),
        details.minutes_sent_on,
        _reasons(details),
    ]


def _attendance_rows(session: Session, meeting: Any) -> list[list[Any]]:
    day, start, _ = uk_times(meeting.starts_at, meeting.ends_at)
    rows = []
    for person in invitations(session, meeting.id):
        if not person.invited:  # interest alone is not an invitation
            continue
        rows.append(
            [
                day,
                _hhmm(start),
                meeting.committee,
                meeting.title,
                person.person_name,
                "Yes" if person.is_backup else "",
                v.label(v.ATTENDANCE, person.attendance),
                person.papers_sent_on,
                person.papers_days,
                _yes_no(person.papers_late),
                v.label(v.PAPER_FORMATS, person.papers_format),
                v.label(v.PAPER_FORMATS, person.wanted_format),
                _yes_no(person.format_met),
                person.papers_reason,
            ]
        )
    return rows


def export_meetings(
    session: Session,
    path: Path,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    named: bool = False,
    progress: Progress | None = None,
) -> int:
    """Write every meeting not in the Bin (cancelled ones included, marked) to an xlsx file at path, in date order.

    date_from and date_to are London dates, both included; either may be None for no limit. named adds the
    "Attendance" sheet with people's names; without it the file holds no one's name. Returns how many meetings
    were written. progress, if given, is called as progress(done, total); if it returns False the export stops,
    ExportCancelled is raised and no file is written. Raises ExportError when date_from is after date_to.
    """
    if date_from is not None and date_to is not None and date_from > date_to:
        raise ExportError("The 'from' date is after the 'to' date. Please swap them or choose other dates.")
    flt = MeetingFilter(date_from=date_from, date_to=date_to, include_cancelled=True, in_bin=False)
    total = count_meetings(session, flt)
    with xlsx_file(path) as workbook:
        sheet = SheetWriter(workbook, SHEET_TITLE, COLUMNS)
        people = SheetWriter(workbook, ATTENDANCE_TITLE, ATTENDANCE_COLUMNS) if named else None
        if progress is not None and progress(0, total) is False:
            raise ExportCancelled
        offset = 0
        while True:
            # meetings_page sorts by start then id, so paging by offset gives every meeting exactly once.
            chunk = meetings_page(session, flt, offset=offset, limit=CHUNK)
            if not chunk:
                break
            offset += len(chunk)
            ids = [meeting.id for meeting in chunk]
            checks = compliance_for_meetings(session, ids)
            details = _details(session, ids)
            latest = _latest_papers(session, ids)
            for meeting in chunk:
                sheet.append(_row(meeting, details[meeting.id], checks[meeting.id], latest.get(meeting.id)))
                if people is not None:
                    for row in _attendance_rows(session, meeting):
                        people.append(row)
            if progress is not None and progress(sheet.rows_written, max(total, sheet.rows_written)) is False:
                raise ExportCancelled
            if len(chunk) < CHUNK:
                break
        if people is not None:
            people.finish()
        return sheet.finish()
