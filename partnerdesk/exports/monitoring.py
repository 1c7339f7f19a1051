"""The commissioners' monitoring return as a spreadsheet: Summary, Equality, Meetings, Expenses and Definitions.

Anonymised by default: figures only, counts about people protected by the organisation's disclosure rule, meetings
without titles or typed reasons (free text can name someone). A named appendix ("Named people") is added only when
the worker confirms it (`--named`, or the confirmation on the Reports page); the Summary says which was chosen, and
the app log records it with counts only. Every figure is a value, not a formula, written as a number, percentage or
amount of money. `partnerdesk export monitoring` and the Reports page call export_monitoring.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerdesk.exports.audited import audited
from partnerdesk.exports.meetings import _counts as protected_counts
from partnerdesk.exports.sheet_layout import fitted_sheet
from partnerdesk.exports.xlsx import Column, ExportCancelled, Kind, SheetWriter, xlsx_file
from partnerdesk.i18n import N_, _, ngettext
from partnerdesk.records import tables
from partnerdesk.records import vocab as v
from partnerdesk.rules import roles
from partnerdesk.rules.dates import format_uk
from partnerdesk.rules.disclosure import HIDDEN, protect_parts
from partnerdesk.rules.expenses import financial_year_label
from partnerdesk.rules.meetings import uk_times
from partnerdesk.services.common.access import require
from partnerdesk.services.expenses.listing import ClaimFilter
from partnerdesk.services.expenses.totals import totals_by_heading
from partnerdesk.services.reports.engaged import REPRESENTATIVE_ROLES, engaged_ids
from partnerdesk.services.reports.lines import Period
from partnerdesk.services.reports.monitoring import MonitoringReturn, monitoring_return
from partnerdesk.services.reports.sections import period_meetings

log = logging.getLogger(__name__)

CHUNK = 500
SUMMARY_COLUMNS = (
    Column(N_("Area"), 14), Column(N_("Measure"), 40), Column(N_("Count"), 10, Kind.FIGURE),
    Column(N_("Out of"), 10, Kind.FIGURE), Column(N_("Percentage"), 11, Kind.PERCENT_FIGURE),
    Column(N_("Amount"), 14, Kind.MONEY_FIGURE),
)  # fmt: skip
EQUALITY_COLUMNS = (
    Column(N_("Question"), 30), Column(N_("Answer"), 40), Column(N_("People"), 10, Kind.FIGURE),
    Column(N_("Percentage"), 11, Kind.PERCENT_FIGURE),
)  # fmt: skip
MEETING_COLUMNS = (
    Column(N_("Date"), 12, Kind.DATE), Column(N_("Start"), 7, Kind.TIME), Column(N_("Committee"), 28),
    Column(N_("Organisation"), 24), Column(N_("Kind"), 18), Column(N_("Mode"), 12), Column(N_("Cancelled"), 10),
    Column(N_("Notice days"), 11, Kind.NUMBER), Column(N_("Notice late"), 11),
    Column(N_("Papers late"), 11, Kind.FIGURE), Column(N_("Invited"), 9, Kind.FIGURE),
    Column(N_("Attended"), 9, Kind.FIGURE), Column(N_("Apologies"), 10, Kind.FIGURE),
    Column(N_("Absent"), 8, Kind.FIGURE), Column(N_("Sent views"), 10, Kind.FIGURE),
    Column(N_("Quorum needed"), 11, Kind.NUMBER), Column(N_("Quorate"), 9),
)  # fmt: skip
EXPENSE_COLUMNS = (
    Column(N_("Grouped by"), 22), Column(N_("Name"), 30), Column(N_("Lines or claims"), 10, Kind.FIGURE),
    Column(N_("Allocation"), 14, Kind.MONEY_FIGURE), Column(N_("Amount"), 14, Kind.MONEY_FIGURE),
)  # fmt: skip
DEFINITION_COLUMNS = (Column(N_("Measure"), 40), Column(N_("What it means"), 60))
NAMED_COLUMNS = (Column(N_("Name"), 30), Column(N_("Status"), 12), Column(N_("Representative"), 14))
SHEETS = (N_("Summary"), N_("Equality"), N_("Meetings"), N_("Expenses"), N_("Definitions"))
NAMED_SHEET = N_("Named people")

#: The lines at the top of the Summary that say what the file covers (and a blank line after them).
ABOUT_ROWS = 5

Progress = Callable[[int, int], bool | None]


def _sheet(workbook: Any, title: str, columns: tuple[Column, ...], sample: list[list[Any]]) -> SheetWriter:
    """A sheet with its title and headings in the chosen language, widths fitted to the sample rows."""
    shown = tuple(replace(column, heading=_(column.heading)) for column in columns)
    return fitted_sheet(workbook, _(title), shown, sample)


def _whole(
    workbook: Any, title: str, columns: tuple[Column, ...], rows: list[list[Any]], sample: list[list[Any]] | None = None
) -> SheetWriter:
    sheet = _sheet(workbook, title, columns, rows if sample is None else sample)
    for row in rows:
        sheet.append(row)
    sheet.finish()
    return sheet


def _yes_no(flag: bool | None) -> str:
    return "" if flag is None else (_("Yes") if flag else _("No"))


def summary_rows(report: MonitoringReturn, named: bool) -> list[list[Any]]:
    """The Summary sheet's rows: what the return covers, then every section's figures."""
    period = report.period
    choice = (_("Yes: the worker confirmed adding a sheet that names the people engaged") if named
              else _("No: this file names nobody"))  # fmt: skip
    rows: list[list[Any]] = [
        [_("Period"), f"{format_uk(period.date_from)} – {format_uk(period.date_to)}", None, None, None, None],
        [_("Made on"), format_uk(period.today), None, None, None, None],
        [_("Small numbers"), period.policy.note(), None, None, None, None],
        [_("Names included"), choice, None, None, None, None],
        [None, None, None, None, None, None],
    ]
    for section in report.sections:
        for line in section.lines:
            rows.append([section.title, line.measure, line.count, line.base, line.percent, line.pence])
    return rows


def equality_rows(report: MonitoringReturn) -> list[list[Any]]:
    """The Equality sheet's rows: each question's answers, then the people engaged they add up to."""
    rows: list[list[Any]] = []
    for table in report.equality:
        for answer in table.answers:
            rows.append([table.heading, answer.label, answer.people, answer.percent])
        rows.append([table.heading, _("All people engaged"), table.total, None])
        rows.append([None, None, None, None])
    return rows


def _meeting_rows(session: Session, period: Period, progress: Progress | None):
    """The Meetings sheet's rows a chunk at a time: no titles, no names, counts of people protected."""
    meetings, checks = period_meetings(session, period)
    for start in range(0, len(meetings), CHUNK):
        rows = []
        for meeting in meetings[start : start + CHUNK]:
            check = checks[meeting.id]
            invited, attended, apologies, absent, sent_views, papers_late, _format = protected_counts(
                check, period.policy
            )
            _day, time_of_day, _end = uk_times(meeting.starts_at, meeting.ends_at)
            rows.append([
                check.day, time_of_day, meeting.committee, meeting.organisation,
                v.label(v.MEETING_KINDS, meeting.kind), v.label(v.MEETING_MODES, meeting.mode),
                _("Yes") if meeting.cancelled else "", check.notice_days, _yes_no(check.notice_late), papers_late,
                invited, attended, apologies, absent, sent_views, check.quorum_needed, _yes_no(check.quorate),
            ])  # fmt: skip
        yield rows
        if progress is not None and progress(start + len(rows), len(meetings)) is False:
            raise ExportCancelled


def expense_rows(session: Session, report: MonitoringReturn) -> list[list[Any]]:
    """The Expenses sheet's rows: by kind of line (as the Summary), then by budget heading, money hidden with its
    count where the count is hidden."""
    period = report.period
    by_kind = _("Kind of line")
    rows: list[list[Any]] = []
    expenses = next(s for s in report.sections if any(line.key == "expenses_total" for line in s.lines))
    for line in expenses.lines:
        rows.append([by_kind, line.measure, line.count, None, line.pence])
    totals = totals_by_heading(session, ClaimFilter(date_from=period.date_from, date_to=period.date_to),
                               every_heading=True)  # fmt: skip
    shown, _all = protect_parts([t.count for t in totals], period.policy) if totals else ((), 0)
    for total, figure in zip(totals, shown, strict=True):
        year = financial_year_label(total.financial_year) if total.financial_year else ""
        grouping = _("Budget heading {year}").format(year=year).strip()
        pence = HIDDEN if figure == HIDDEN else total.total_pence
        rows.append([grouping, total.name, figure, total.allocation_pence, pence])
    return rows


def definition_rows(report: MonitoringReturn) -> list[list[Any]]:
    """What each figure means, in plain words, once per measure."""
    rows = [[_("Count"), _("How many; a hidden figure is shown as {hidden}.").format(hidden=HIDDEN)],
            [_("Small numbers"), report.period.policy.note()],
            [_("Equality"), _("Answers of the people engaged in the period (see People engaged). Every question "
                              "is optional; \"Not asked yet\" counts people with no answer recorded.")],
            [_("Meetings sheet"), _("Every meeting dated in the period, cancelled ones marked, without titles, "
                                    "names or typed reasons.")]]  # fmt: skip
    previous = None
    for section in report.sections:
        for line in section.lines:
            # A run of figures that mean the same thing (one per kind of expense) is explained once.
            rows.append([line.measure, _("As above.") if line.definition == previous else line.definition])
            previous = line.definition
    return rows


def _named_rows(session: Session, period: Period) -> list[list[Any]]:
    """The named appendix: who was engaged, with their status and whether they are a representative."""
    p, r = tables.people, tables.person_roles
    reps = select(r.c.person_id).where(r.c.role.in_(REPRESENTATIVE_ROLES))
    ids = engaged_ids(period).subquery()
    stmt = (
        select(p.c.full_name, p.c.status, p.c.id.in_(reps))
        .where(p.c.id.in_(select(ids.c.id)))
        .order_by(p.c.full_name)
    )
    return [[name, v.label(v.STATUSES, status), _yes_no(bool(rep))] for name, status, rep in session.execute(stmt)]


@audited("monitoring_return", named="named")
def export_monitoring(
    session: Session, path: Path, period: Period, *, named: bool = False, progress: Progress | None = None
) -> MonitoringReturn:
    """Write the monitoring return for the period to an xlsx file at path and return what it says.

    named adds the "Named people" sheet (only when the worker has confirmed it). progress, if given, is called as
    progress(done, total) now and then; returning False stops the export (ExportCancelled, no file written).
    """
    require(roles.REPORTS_VIEW, *([roles.EXPORT_NAMED] if named else []))
    if progress is not None and progress(0, 0) is False:
        raise ExportCancelled
    report = monitoring_return(session, period)
    meetings = 0
    named_count = 0
    with xlsx_file(path) as workbook:
        summary = summary_rows(report, named)
        # The widths follow the figures: the long notes at the top run on into the empty cells beside them, rather
        # than widening the Measure column and pushing the figures off a printed page.
        _whole(workbook, SHEETS[0], SUMMARY_COLUMNS, summary, sample=summary[ABOUT_ROWS:])
        _whole(workbook, SHEETS[1], EQUALITY_COLUMNS, equality_rows(report))
        sheet = None
        for rows in _meeting_rows(session, period, progress):
            sheet = sheet or _sheet(workbook, SHEETS[2], MEETING_COLUMNS, rows)
            for row in rows:
                sheet.append(row)
        meetings = (sheet or _sheet(workbook, SHEETS[2], MEETING_COLUMNS, [])).finish()
        _whole(workbook, SHEETS[3], EXPENSE_COLUMNS, expense_rows(session, report))
        _whole(workbook, SHEETS[4], DEFINITION_COLUMNS, definition_rows(report))
        if named:
            named_rows = _named_rows(session, period)
            named_count = len(named_rows)
            _whole(workbook, NAMED_SHEET, NAMED_COLUMNS, named_rows)
    # Counts and the choice only: never a name or an answer.
    log.info(
        "monitoring return written: %d meetings, named appendix %s (%d people)",
        meetings, "confirmed" if named else "not included", named_count,
    )  # fmt: skip
    return report


def written_message(report: MonitoringReturn, path: Path, named: bool) -> str:
    """What the CLI and the Reports page say once the file is written."""
    period = report.period
    words = ngettext(
        "Wrote the monitoring return for {start} to {end} ({n} sheet) to {path}",
        "Wrote the monitoring return for {start} to {end} ({n} sheets) to {path}",
        len(SHEETS) + named,
    )
    return words.format(
        start=format_uk(period.date_from), end=format_uk(period.date_to), n=len(SHEETS) + named, path=path
    )
