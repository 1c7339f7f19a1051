"""The programmes export: every pair with its hours against commitment and activities logged, backfill totals and
impact poll results.

Without names the file names nobody: a pair is its programme's pair number and each partner is shown by their side
("Board member"), and backfill is one total per programme. Poll results are always in aggregate, with averages
over too few people (the organisation's disclosure rule) not shown. With named=True the partners' names are written and
backfill is listed per participant.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from partnerdesk.exports.audited import audited
from partnerdesk.exports.sheet_layout import fitted_sheet
from partnerdesk.exports.xlsx import Column, Kind, xlsx_file
from partnerdesk.i18n import N_, _
from partnerdesk.records.people import Person
from partnerdesk.rules import roles
from partnerdesk.rules.programmes import PAIR_STATUSES
from partnerdesk.services.common.access import require
from partnerdesk.services.programmes.polls import poll_results
from partnerdesk.services.programmes.report import ProgrammeReport, all_reports

PAIR_COLUMNS = (
    Column(N_("Programme"), 30),
    Column(N_("Pair"), 7, Kind.NUMBER),
    Column(N_("Side A"), 26),
    Column(N_("Side B"), 26),
    Column(N_("Status"), 12),
    Column(N_("Started"), 12, Kind.DATE),
    Column(N_("Ended"), 12, Kind.DATE),
    Column(N_("Replaces pair"), 9, Kind.NUMBER),
    Column(N_("Activities"), 10, Kind.NUMBER),
    Column(N_("Side A hours"), 10, Kind.NUMBER),
    Column(N_("Side A commitment (hours)"), 12, Kind.NUMBER),
    Column(N_("Side B hours"), 10, Kind.NUMBER),
    Column(N_("Side B commitment (hours)"), 12, Kind.NUMBER),
    Column(N_("Falling behind"), 10),
)
NAMED_BACKFILL_COLUMNS = (
    Column(N_("Programme"), 30),
    Column(N_("Participant"), 28),
    Column(N_("Half days logged"), 10, Kind.NUMBER),
    Column(N_("Claimed"), 12, Kind.MONEY_PENCE),
    Column(N_("Still due"), 12, Kind.MONEY_PENCE),
)
BACKFILL_COLUMNS = (
    Column(N_("Programme"), 30),
    Column(N_("Participants"), 10, Kind.NUMBER),
    Column(N_("Half days logged"), 10, Kind.NUMBER),
    Column(N_("Claimed"), 12, Kind.MONEY_PENCE),
    Column(N_("Still due"), 12, Kind.MONEY_PENCE),
)


POLL_COLUMNS = (
    Column(N_("Programme"), 30),
    Column(N_("Question"), 50),
    Column(N_("Answered at start"), 10, Kind.NUMBER),
    Column(N_("Average at start"), 10, Kind.FIGURE),
    Column(N_("Answered in between"), 10, Kind.NUMBER),
    Column(N_("Average in between"), 10, Kind.FIGURE),
    Column(N_("Answered at end"), 10, Kind.NUMBER),
    Column(N_("Average at end"), 10, Kind.FIGURE),
    Column(N_("Change start to end"), 10, Kind.FIGURE),
)
#: Shown instead of an average over too few people to be anonymous.
TOO_FEW = N_("too few to show")


def hours(minutes: int) -> Decimal:
    """Whole minutes as hours to two places, for a number cell (never a float)."""
    return (Decimal(minutes) / 60).quantize(Decimal("0.01"))


def _pair_rows(session: Session, report: ProgrammeReport, named: bool) -> list[list[Any]]:
    programme = report.programme
    numbers = {p.pair.id: n for n, p in enumerate(report.pairs, start=1)}
    rows = []
    for progress in report.pairs:
        pair = progress.pair
        if named:
            side_a, side_b = (_name(session, pair.side_a_person_id), _name(session, pair.side_b_person_id))
        else:
            side_a, side_b = programme.side_a_name, programme.side_b_name
        rows.append([
            programme.name, numbers[pair.id], side_a, side_b, _(PAIR_STATUSES[pair.status]), pair.starts_on,
            pair.ends_on, numbers.get(pair.replaces_id or ""), report.activity_counts.get(pair.id, 0),
            hours(progress.side_a.logged_minutes), hours(programme.side_a_minutes),
            hours(progress.side_b.logged_minutes), hours(programme.side_b_minutes),
            _("Yes") if progress.behind and pair.status in ("active", "paused") else _("No"),
        ])  # fmt: skip
    return rows


def _name(session: Session, person_id: str) -> str:
    person = session.get(Person, person_id)
    return person.full_name if person is not None else ""


@audited("programmes", named="named")
def export_programmes(session: Session, path: Path, *, named: bool = False) -> int:
    """Write every programme's pairs and backfill to an xlsx file at path; returns how many pairs were written."""
    if named:
        require(roles.EXPORT_NAMED)
    reports = all_reports(session)
    pair_rows = [row for report in reports for row in _pair_rows(session, report, named)]
    if named:
        backfill_rows = [[r.programme.name, _name(session, line.person_id), line.half_days_earned, line.claimed_pence,
                          line.due_pence] for r in reports for line in r.backfill]  # fmt: skip
    else:
        backfill_rows = [[r.programme.name, len(r.backfill), sum(x.half_days_earned for x in r.backfill),
                          sum(x.claimed_pence for x in r.backfill), sum(x.due_pence for x in r.backfill)]
                         for r in reports if r.backfill]  # fmt: skip
    poll_rows = [[report.programme.name, r.wording, r.start_count, _shown(r.start_average, r.start_count),
                  r.interval_count, _shown(r.interval_average, r.interval_count), r.end_count,
                  _shown(r.end_average, r.end_count), "" if r.change is None else r.change]
                 for report in reports for r in poll_results(session, report.programme.id)]  # fmt: skip
    with xlsx_file(path) as workbook:
        pairs = fitted_sheet(workbook, _("Pairs"), PAIR_COLUMNS, pair_rows)
        for row in pair_rows:
            pairs.append(row)
        written = pairs.finish()
        backfill = fitted_sheet(workbook, _("Backfill"), NAMED_BACKFILL_COLUMNS if named else BACKFILL_COLUMNS,
                                backfill_rows)  # fmt: skip
        for row in backfill_rows:
            backfill.append(row)
        backfill.finish()
        polls = fitted_sheet(workbook, _("Polls"), POLL_COLUMNS, poll_rows)
        for row in poll_rows:
            polls.append(row)
        polls.finish()
    return written


def _shown(average: Decimal | None, answered: int) -> Decimal | str:
    """An average as written: blank when nobody answered, words when too few did for it to be shown."""
    if average is None:
        return TOO_FEW if answered else ""
    return average
