"""The anonymised wellbeing and supervision exports: figures only, for commissioners and managers.

No names, no notes, nothing typed about a person: every value is a count, percentage or average, protected by the
organisation's disclosure rule (rules.disclosure): counts that belong together (checks by kind and their total,
a part and the rest of a whole) are protected as one table, so no hidden count can be worked out from the others.
Wherever SWEMWBS scores appear the copyright line is printed with them.
`partnerdesk export wellbeing|supervision` call these.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy.orm import Session

from partnerdesk.exports.audited import audited
from partnerdesk.exports.sheet_layout import fitted_sheet
from partnerdesk.exports.xlsx import Column, ExportError, Kind, xlsx_file
from partnerdesk.i18n import N_, _
from partnerdesk.rules.dates import format_uk, today_uk
from partnerdesk.rules.disclosure import Policy, average, count, protect_parts, share
from partnerdesk.rules.supervision import SESSION_TYPES
from partnerdesk.rules.wellbeing import CHECK_CONTEXTS, SWEMWBS_COPYRIGHT
from partnerdesk.services.common.settings import disclosure_policy
from partnerdesk.services.wellbeing.figures import supervision_figures, wellbeing_figures

FIGURE_COLUMNS = (Column(N_("Measure"), 62), Column(N_("Figure"), 18, Kind.FIGURE))
TRAINING_COLUMNS = (
    Column(N_("Course"), 40), Column(N_("People expected"), 16, Kind.FIGURE), Column(N_("In date"), 12, Kind.FIGURE),
    Column(N_("Compliance"), 12, Kind.FIGURE),
)  # fmt: skip
Row = tuple[str, Decimal | int | str | date]


def _period(date_from: date | None, date_to: date | None) -> str:
    if date_from and date_to:
        return _("{date_from} to {date_to}").format(
            date_from=format_uk(date_from),
            date_to=format_uk(date_to),
        )
    if date_from:
        return _("from {date_from}").format(date_from=format_uk(date_from))
    if date_to:
        return _("up to {date_to}").format(date_to=format_uk(date_to))
    return _("all records")


def _about(date_from: date | None, date_to: date | None, today: date, policy: Policy) -> list[Row]:
    return [
        (_("Period"), _period(date_from, date_to)),
        (_("Made on"), today),
        (_("Small numbers"), policy.note()),
        ("", ""),
    ]


def _write(workbook, title: str, rows: Sequence[Row]) -> int:
    sheet = fitted_sheet(workbook, title, FIGURE_COLUMNS, rows)
    for measure, figure in rows:
        # Numbers go in as numbers; words ("fewer than 5", "83%") as text, in the same column.
        sheet.append([measure, figure])
    return sheet.finish()


def _check_period(date_from: date | None, date_to: date | None) -> None:
    if date_from is not None and date_to is not None and date_from > date_to:
        raise ExportError(_("The 'from' date is after the 'to' date. Please swap them or choose other dates."))


def wellbeing_rows(
    session: Session, date_from: date | None, date_to: date | None, today: date, policy: Policy | None = None
) -> list[Row]:
    """The wellbeing export's rows (measure, figure), already protected by the disclosure rule."""
    policy = policy or disclosure_policy(session)
    figures = wellbeing_figures(session, date_from, date_to, today)
    # The checks by kind add up to the checks done: protected together, so no kind is the difference of the rest.
    by_kind, checks = protect_parts([figures.checks_by_context[code] for code in CHECK_CONTEXTS], policy)
    rows: list[Row] = [(_("Wellbeing checks done"), checks)]
    rows += [
        (_("Checks: {label}").format(label=_(label)), shown)
        for label, shown in zip(CHECK_CONTEXTS.values(), by_kind, strict=True)
    ]
    _unused, due, on_time = share(figures.follow_ups_on_time, figures.follow_ups_due, policy)
    rows += [
        (_("Checks where engagement triggered distress"), count(figures.distress, policy)),
        (_("Follow-ups due in the period"), due),
        (_("Follow-ups completed on time"), on_time),
        (_("People with two or more SWEMWBS scores"), count(figures.people_with_two_scores, policy)),
        (_("Average SWEMWBS change, first to latest (metric score)"),
         average(figures.swemwbs_change_total, figures.people_with_two_scores, policy)),
        (
            _("People whose SWEMWBS score rose meaningfully (3 points or more)"),
            count(figures.meaningful_better, policy),
        ),
        (_("People whose SWEMWBS score fell meaningfully (3 points or more)"), count(figures.meaningful_worse, policy)),
        ("", ""),
        (_("Copyright"), _(SWEMWBS_COPYRIGHT)),
    ]  # fmt: skip
    return rows


@audited("wellbeing_figures", named=False)
def export_wellbeing(
    session: Session, path: Path, *, date_from: date | None = None, date_to: date | None = None,
    today: date | None = None,
) -> int:  # fmt: skip
    """Write the anonymised wellbeing figures for checks in the period to an xlsx file; returns the rows written."""
    _check_period(date_from, date_to)
    today = today or today_uk()
    policy = disclosure_policy(session)
    rows = _about(date_from, date_to, today, policy) + wellbeing_rows(session, date_from, date_to, today, policy)
    with xlsx_file(path) as workbook:
        return _write(workbook, _("Wellbeing"), rows)


def supervision_rows(
    session: Session, date_from: date | None, date_to: date | None, today: date, policy: Policy | None = None
):
    """The supervision export's rows (measure, figure) and training rows (course, expected, in date, %)."""
    policy = policy or disclosure_policy(session)
    figures = supervision_figures(session, date_from, date_to, today)
    rows: list[Row] = [
        (_("{label} supervision sessions held").format(label=_(label)), count(figures.sessions_by_kind[code], policy))
        for code, label in SESSION_TYPES.items()
    ]
    _unused, with_earlier, on_time = share(figures.one_to_ones_on_time, figures.one_to_ones_with_earlier, policy)
    # "15 agreed, 11 done" says 4 were not done: done and agreed are protected as a part and its whole.
    done, agreed, _unused = share(figures.actions_done, figures.actions_agreed, policy)
    rows += [
        (_("1:1 sessions after an earlier one"), with_earlier),
        (_("1:1 supervision on time (by the next due date)"), on_time),
        (_("Supervisor–supervisee pairs running today"), count(figures.running_pairs, policy)),
        (_("Supervision overdue today"), count(figures.overdue_now, policy)),
        (_("Actions agreed in supervision"), agreed),
        (_("Actions done"), done),
    ]  # fmt: skip
    training = []
    for name, expected, in_date in figures.training:
        shown_in_date, shown_expected, percent = share(in_date, expected, policy)
        training.append((name, shown_expected, shown_in_date, percent))
    return rows, training


@audited("supervision_figures", named=False)
def export_supervision(
    session: Session, path: Path, *, date_from: date | None = None, date_to: date | None = None,
    today: date | None = None,
) -> int:  # fmt: skip
    """Write the anonymised supervision figures (sessions in the period) and today's training compliance per course
    to an xlsx file; returns the rows written."""
    _check_period(date_from, date_to)
    today = today or today_uk()
    policy = disclosure_policy(session)
    rows, training = supervision_rows(session, date_from, date_to, today, policy)
    with xlsx_file(path) as workbook:
        written = _write(workbook, _("Supervision"), _about(date_from, date_to, today, policy) + rows)
        sheet = fitted_sheet(workbook, _("Training"), TRAINING_COLUMNS, training)
        for row in training:
            sheet.append(list(row))
        return written + sheet.finish()
