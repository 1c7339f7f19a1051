"""The meetings export: one row per meeting with its compliance figures, for commissioners and the worker's records.

The figures (notice and papers days, format met, attendance counts, quorum) come from
services.meetings.checks.compliance_for_meetings, the same code the meeting form and lists use, so a spreadsheet
never disagrees with the screen. No one's name is written unless the worker asks for a named list; then a second
sheet, "Attendance", has one row per invited person per meeting.

Without names the file is anonymised and carries no typed text at all: the typed reasons (which can name someone:
"late because … was in hospital") become the kinds of reason recorded, the meeting's title (typed too: "Review with
Ann Bell") is left out, and each meeting's counts of people are protected by the organisation's disclosure rule
(rules.disclosure), so a small meeting does not show who came. A row is still found by its date, time, committee
and kind; the committee and organisation are kept because they name bodies, not people.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from partnerdesk.exports.audited import audited
from partnerdesk.exports.sheet_layout import fitted_sheet
from partnerdesk.exports.xlsx import Column, ExportCancelled, ExportError, Kind, xlsx_file
from partnerdesk.i18n import N_, _
from partnerdesk.records import tables
from partnerdesk.records import vocab as v
from partnerdesk.rules import roles
from partnerdesk.rules.disclosure import Policy, count, protect_parts
from partnerdesk.rules.meetings import days_before, uk_times
from partnerdesk.services.common.access import require
from partnerdesk.services.common.settings import disclosure_policy
from partnerdesk.services.meetings.attendance import invitations
from partnerdesk.services.meetings.checks import MeetingCompliance, compliance_for_meetings
from partnerdesk.services.meetings.listing import MeetingFilter, count_meetings, meetings_page

#: The meetings sheet's columns, in order.
COLUMNS = (
    Column(N_("Date"), 12, Kind.DATE),
    Column(N_("Start"), 7, Kind.TIME),
    Column(N_("End"), 7, Kind.TIME),
    Column(N_("Committee"), 28),
    Column(N_("Organisation"), 24),
    Column(N_("Kind"), 18),
    Column(N_("Title"), 32),
    Column(N_("Mode"), 12),
    Column(N_("Cancelled"), 10),
    Column(N_("Notice sent on"), 14, Kind.DATE),
    Column(N_("Notice days"), 11, Kind.NUMBER),
    Column(N_("Notice late"), 11),
    Column(N_("Papers days (shortest)"), 13, Kind.NUMBER),
    Column(N_("Papers late"), 11, Kind.FIGURE),
    Column(N_("Format not met"), 11, Kind.FIGURE),
    Column(N_("Invited"), 9, Kind.FIGURE),
    Column(N_("Attended"), 9, Kind.FIGURE),
    Column(N_("Apologies"), 10, Kind.FIGURE),
    Column(N_("Absent"), 8, Kind.FIGURE),
    Column(N_("Sent views"), 10, Kind.FIGURE),
    Column(N_("Quorum needed"), 11, Kind.NUMBER),
    Column(N_("Quorate"), 9),
    Column(N_("Minutes sent on"), 14, Kind.DATE),
    Column(N_("Reasons recorded"), 50),
)

#: The meetings sheet's columns in an anonymised file: everything but the typed title.
ANONYMISED_COLUMNS = tuple(column for column in COLUMNS if column.heading != "Title")
_TITLE = [column.heading for column in COLUMNS].index("Title")

#: The named sheet's columns (only with named=True).
ATTENDANCE_COLUMNS = (
    Column(N_("Date"), 12, Kind.DATE),
    Column(N_("Start"), 7, Kind.TIME),
    Column(N_("Committee"), 28),
    Column(N_("Title"), 32),
    Column(N_("Name"), 28),
    Column(N_("Back-up"), 9),
    Column(N_("Attendance"), 26),
    Column(N_("Papers sent on"), 14, Kind.DATE),
    Column(N_("Papers days"), 11, Kind.NUMBER),
    Column(N_("Papers late"), 11),
    Column(N_("Format sent"), 14),
    Column(N_("Format asked for"), 16),
    Column(N_("Format met"), 11),
    Column(N_("Reason recorded"), 40),
)

SHEET_TITLE = N_("Meetings")
ATTENDANCE_TITLE = N_("Attendance")

#: Meetings read at a time; also the size of the IN (...) lists for their details.
CHUNK = 500

Progress = Callable[[int, int], bool | None]

_m, _a = tables.meetings, tables.attendance


def _yes_no(flag: bool | None) -> str:
    """Yes, No, or blank when it is not known yet."""
    return "" if flag is None else (_("Yes") if flag else _("No"))


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


def _reasons(details: Any, named: bool) -> str:
    """The reasons typed for late notice, late papers and cancelling; without names only which of them exist."""
    parts = (
        (_("Notice"), details.notice_reason),
        (_("Papers"), details.papers_reason),
        (_("Cancelled"), details.cancel_reason),
    )
    if not named:
        return ", ".join(what for what, why in parts if why and why.strip())
    # A reason typed with its own full stop would read ".; Papers:" when joined.
    return "; ".join(f"{what}: {why.strip().rstrip('.;,')}" for what, why in parts if why and why.strip())


def _counts(check: MeetingCompliance, policy: Policy | None) -> list[Any]:
    """Invited, attended, apologies, absent, sent views, papers late and format not met, protected when policy is
    given: attendance marks add up to the invited (with those not yet recorded), so they are protected together."""
    marks = [check.attended, check.apologies, check.absent, check.sent_views]
    if policy is None:
        return [check.invited, *marks, check.papers_late, check.format_missed]
    shown, invited = protect_parts([*marks, check.unrecorded], policy)
    return [invited, *shown[:4], count(check.papers_late, policy), count(check.format_missed, policy)]


def _row(
    meeting: Any, details: Any, check: MeetingCompliance, latest_papers: date | None, policy: Policy | None = None
) -> list[Any]:
    """One meeting's row; policy (for an anonymised file) protects its counts and leaves typed text out (the title
    and the reasons), so the row matches ANONYMISED_COLUMNS rather than COLUMNS."""
    day, start, end = uk_times(meeting.starts_at, meeting.ends_at)
    invited, attended, apologies, absent, sent_views, papers_late, format_missed = _counts(check, policy)
    row = [
        day,
        start,
        end,
        meeting.committee,
        meeting.organisation,
        v.label(v.MEETING_KINDS, meeting.kind),
        meeting.title,
        v.label(v.MEETING_MODES, meeting.mode),
        _("Yes") if meeting.cancelled else "",
        details.notice_sent_on,
        check.notice_days,
        _yes_no(check.notice_late),
        days_before(check.day, latest_papers),
        papers_late,
        format_missed,
        invited,
        attended,
        apologies,
        absent,
        sent_views,
        check.quorum_needed,
        _yes_no(check.quorate),
        details.minutes_sent_on,
        _reasons(details, named=policy is None),
    ]
    if policy is not None:
        del row[_TITLE]
    return row


def _attendance_rows(session: Session, meeting: Any) -> list[list[Any]]:
    day, start, _unused = uk_times(meeting.starts_at, meeting.ends_at)
    rows = []
    for person in invitations(session, meeting.id):
        if not person.invited:  # interest alone is not an invitation
            continue
        rows.append(
            [
                day,
                start,
                meeting.committee,
                meeting.title,
                person.person_name,
                _("Yes") if person.is_backup else "",
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


@audited("meetings", named="named")
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
    if named:
        require(roles.EXPORT_NAMED)
    if date_from is not None and date_to is not None and date_from > date_to:
        raise ExportError(_("The 'from' date is after the 'to' date. Please swap them or choose other dates."))
    flt = MeetingFilter(date_from=date_from, date_to=date_to, include_cancelled=True, in_bin=False)
    total = count_meetings(session, flt)
    policy = None if named else disclosure_policy(session)
    with xlsx_file(path) as workbook:
        if progress is not None and progress(0, total) is False:
            raise ExportCancelled
        sheet = people = None
        offset = 0
        while True:
            # meetings_page sorts by start then id, so paging by offset gives every meeting exactly once.
            chunk = meetings_page(session, flt, offset=offset, limit=CHUNK)
            offset += len(chunk)
            ids = [meeting.id for meeting in chunk]
            checks = compliance_for_meetings(session, ids) if ids else {}
            details = _details(session, ids) if ids else {}
            latest = _latest_papers(session, ids) if ids else {}
            rows = [_row(m, details[m.id], checks[m.id], latest.get(m.id), policy) for m in chunk]
            named_rows = [row for m in chunk for row in _attendance_rows(session, m)] if named else []
            if sheet is None:
                # The first chunk is the sample the column widths are fitted to (the sheets start streaming here).
                sheet = fitted_sheet(workbook, SHEET_TITLE, COLUMNS if named else ANONYMISED_COLUMNS, rows)
                if named:
                    people = fitted_sheet(workbook, ATTENDANCE_TITLE, ATTENDANCE_COLUMNS, named_rows)
            for row in rows:
                sheet.append(row)
            for row in named_rows:
                assert people is not None
                people.append(row)
            if progress is not None and progress(sheet.rows_written, max(total, sheet.rows_written)) is False:
                raise ExportCancelled
            if len(chunk) < CHUNK:
                break
        if people is not None:
            people.finish()
        return sheet.finish()
