"""The anonymised wellbeing and supervision exports: figures only, for commissioners and managers.

No names, no notes, nothing typed about a person: every value is a count, percentage or average, with counts of
1 to 4 (and figures worked out from them) shown as "fewer than 5" (rules.suppression). Wherever SWEMWBS scores
appear the copyright line is printed with them. `partnerdesk export wellbeing|supervision` call these.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy.orm import Session

from partnerdesk.exports.xlsx import Column, ExportError, Kind, SheetWriter, xlsx_file
from partnerdesk.rules.dates import format_uk, today_uk
from partnerdesk.rules.supervision import SESSION_TYPES
from partnerdesk.rules.suppression import SUPPRESSED, average_figure, count_figure, percent_figure
from partnerdesk.rules.wellbeing import CHECK_CONTEXTS, SWEMWBS_COPYRIGHT
from partnerdesk.services.wellbeing.figures import supervision_figures, wellbeing_figures

FIGURE_COLUMNS = (Column("Measure", 62), Column("Figure", 18, Kind.FIGURE))
TRAINING_COLUMNS = (
    Column("Course", 40), Column("People expected", 16, Kind.FIGURE), Column("In date", 12, Kind.FIGURE),
    Column("Compliance", 12, Kind.FIGURE),
)  # fmt: skip
Row = tuple[str, Decimal | int | str]


def _period(date_from: date | None, date_to: date | None) -> str:
    if date_from and date_to:
        return f"{format_uk(date_from)} to {format_uk(date_to)}"
    if date_from:
        return f"from {format_uk(date_from)}"
    if date_to:
        return f"up to {format_uk(date_to)}"
    return "all records"


def _about(date_from: date | None, date_to: date | None, today: date) -> list[Row]:
    return [
        ("Period", _period(date_from, date_to)),
        ("Made on", format_uk(today)),
        ("Small numbers", f'Counts from 1 to 4, and figures worked out from them, are shown as "{SUPPRESSED}".'),
        ("", ""),
    ]


def _write(workbook, title: str, rows: Sequence[Row]) -> int:
    sheet = SheetWriter(workbook, title, FIGURE_COLUMNS)
    for measure, figure in rows:
        # Numbers go in as numbers; words ("fewer than 5", "83%") as text, in the same column.
        sheet.append([measure, figure])
    return sheet.finish()


def _check_period(date_from: date | None, date_to: date | None) -> None:
    if date_from is not None and date_to is not None and date_from > date_to:
        raise ExportError("The 'from' date is after the 'to' date. Please swap them or choose other dates.")


def wellbeing_rows(session: Session, date_from: date | None, date_to: date | None, today: date) -> list[Row]:
    """The wellbeing export's rows (measure, figure), already suppressed."""
    figures = wellbeing_figures(session, date_from, date_to, today)
    rows: list[Row] = [("Wellbeing checks done", count_figure(figures.checks))]
    by_context = figures.checks_by_context
    rows += [(f"Checks: {label}", count_figure(by_context[code])) for code, label in CHECK_CONTEXTS.items()]
    rows += [
        ("Checks where engagement triggered distress", count_figure(figures.distress)),
        ("Follow-ups due in the period", count_figure(figures.follow_ups_due)),
        ("Follow-ups completed on time", percent_figure(figures.follow_ups_on_time, figures.follow_ups_due)),
        ("People with two or more SWEMWBS scores", count_figure(figures.people_with_two_scores)),
        ("Average SWEMWBS change, first to latest (metric score)",
         average_figure(figures.swemwbs_change_total, figures.people_with_two_scores)),
        ("People whose SWEMWBS score rose meaningfully (3 points or more)", count_figure(figures.meaningful_better)),
        ("People whose SWEMWBS score fell meaningfully (3 points or more)", count_figure(figures.meaningful_worse)),
        ("", ""),
        ("Copyright", SWEMWBS_COPYRIGHT),
    ]  # fmt: skip
    return rows


def export_wellbeing(
    session: Session, path: Path, *, date_from: date | None = None, date_to: date | None = None,
    today: date | None = None,
) -> int:  # fmt: skip
    """Write the anonymised wellbeing figures for checks in the period to an xlsx file; returns the rows written."""
    _check_period(date_from, date_to)
    today = today or today_uk()
    rows = _about(date_from, date_to, today) + wellbeing_rows(session, date_from, date_to, today)
    with xlsx_file(path) as workbook:
        return _write(workbook, "Wellbeing", rows)


def supervision_rows(session: Session, date_from: date | None, date_to: date | None, today: date):
    """The supervision export's rows (measure, figure) and training rows (course, expected, in date, %)."""
    figures = supervision_figures(session, date_from, date_to, today)
    rows: list[Row] = [
        (f"{label} supervision sessions held", count_figure(figures.sessions_by_kind[code]))
        for code, label in SESSION_TYPES.items()
    ]
    rows += [
        ("1:1 sessions after an earlier one", count_figure(figures.one_to_ones_with_earlier)),
        ("1:1 supervision on time (by the next due date)",
         percent_figure(figures.one_to_ones_on_time, figures.one_to_ones_with_earlier)),
        ("Supervisor–supervisee pairs running today", count_figure(figures.running_pairs)),
        ("Supervision overdue today", count_figure(figures.overdue_now)),
        ("Actions agreed in supervision", count_figure(figures.actions_agreed)),
        ("Actions done", count_figure(figures.actions_done)),
    ]  # fmt: skip
    training = [
        (name, count_figure(expected), count_figure(in_date), percent_figure(in_date, expected))
        for name, expected, in_date in figures.training
    ]
    return rows, training


def export_supervision(
    session: Session, path: Path, *, date_from: date | None = None, date_to: date | None = None,
    today: date | None = None,
) -> int:  # fmt: skip
    """Write the anonymised supervision figures (sessions in the period) and today's training compliance per course
    to an xlsx file; returns the rows written."""
    _check_period(date_from, date_to)
    today = today or today_uk()
    rows, training = supervision_rows(session, date_from, date_to, today)
    with xlsx_file(path) as workbook:
        written = _write(workbook, "Supervision", _about(date_from, date_to, today) + rows)
        sheet = SheetWriter(workbook, "Training", TRAINING_COLUMNS)
        for row in training:
            sheet.append(list(row))
        return written + sheet.finish()
