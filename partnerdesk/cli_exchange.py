"""The command line's exports and imports: `partnerdesk export KIND --out FILE` and `partnerdesk import KIND FILE`.

Each export reads the database only and is recorded in its audit log (exports.audited); an import checks every row,
prints the report and adds the valid rows in one go. Messages are plain words, as everywhere on the command line.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path

from partnerdesk.cli_access import target_of
from partnerdesk.i18n import _, ngettext


def _typed_date(text: str | None, which: str) -> date | None:
    """A date given on the command line, UK style (23/11/2026) or ISO (2026-11-23); ValueError in plain words."""
    if text is None:
        return None
    from partnerdesk.rules.dates import parse_uk

    cleaned = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", cleaned, re.ASCII):
        try:
            return date.fromisoformat(cleaned)
        except ValueError:
            raise ValueError(
                _("--{which} {cleaned} is not a real date.").format(which=which, cleaned=cleaned)
            ) from None
    try:
        return parse_uk(cleaned)
    except ValueError as why:
        raise ValueError(f"--{which}: {why}") from None


def _export(args: argparse.Namespace) -> int:
    from partnerdesk.cli_access import open_database
    from partnerdesk.exports.xlsx import ExportError

    out = Path(args.out).expanduser()
    if args.kind == "all":
        return _export_all(args, out)
    if args.kind == "person":
        return _export_person(args, out)
    as_pdf = args.kind in ("monitoring", "programmes") and out.suffix.lower() == ".pdf"
    if out.suffix.lower() != ".xlsx" and not as_pdf:
        if args.kind in ("monitoring", "programmes"):
            print(_("Please give a file name ending in .xlsx (the spreadsheet) or .pdf (a summary with charts)."),
                  file=sys.stderr)  # fmt: skip
            return 1
        print(_("Please give a file name ending in .xlsx."), file=sys.stderr)
        return 1
    if not out.parent.exists():
        print(_("The folder {parent} does not exist.").format(parent=out.parent), file=sys.stderr)
        return 1
    try:
        date_from, date_to = _typed_date(args.date_from, "from"), _typed_date(args.date_to, "to")
    except ValueError as why:
        print(str(why), file=sys.stderr)
        return 1
    if args.kind in ("people", "programmes") and (date_from or date_to):
        print(_("--from and --to choose records by date; the {kind} export has no dates to choose by.").format(
            kind=args.kind), file=sys.stderr)  # fmt: skip
        return 1
    if date_from and date_to and date_from > date_to:
        print(_("The --from date is after the --to date. Please swap them."), file=sys.stderr)
        return 1
    if args.quarter and args.kind != "monitoring":
        print(_("--quarter is for the monitoring return; please give --from and --to instead."), file=sys.stderr)
        return 1
    if args.kind == "monitoring":
        return _export_monitoring(args, out, date_from, date_to)
    store = open_database(target_of(args), read_only=True)  # an export only reads the database
    try:
        with store.reader() as session:
            if args.kind == "expenses":
                from partnerdesk.exports.expenses import export_expenses

                rows = export_expenses(session, out, date_from=date_from, date_to=date_to)
                what = ngettext("claim", "claims", rows)
            elif args.kind in ("wellbeing", "supervision"):
                from partnerdesk.exports import figures

                write = figures.export_wellbeing if args.kind == "wellbeing" else figures.export_supervision
                rows = write(session, out, date_from=date_from, date_to=date_to)
                what = _("rows of anonymised figures")
            elif args.kind == "meetings":
                from partnerdesk.exports.meetings import export_meetings

                rows = export_meetings(session, out, date_from=date_from, date_to=date_to, named=args.named)
                what = ngettext("meeting", "meetings", rows)
            elif args.kind == "programmes" and as_pdf:
                from partnerdesk.exports.programmes_pdf import export_programme_report

                rows = len(export_programme_report(session, out, named=args.named))
                what = ngettext("programme as a PDF report", "programmes as a PDF report", rows)
            elif args.kind == "programmes":
                from partnerdesk.exports.programmes import export_programmes

                rows = export_programmes(session, out, named=args.named)
                what = ngettext("pair", "pairs", rows)
            else:
                from partnerdesk.exports.people import export_people

                rows = export_people(session, out)
                what = ngettext("person", "people", rows)
    except ExportError as why:
        print(str(why), file=sys.stderr)
        return 1
    finally:
        store.close()
    print(_("Wrote {rows:,} {what} to {out}").format(rows=rows, what=what, out=out))
    return 0


def _export_monitoring(args: argparse.Namespace, out: Path, date_from: date | None, date_to: date | None) -> int:
    """`export monitoring`: the commissioners' return for a quarter or for --from and --to."""
    from partnerdesk.cli_access import open_database
    from partnerdesk.exports.monitoring import export_monitoring, written_message
    from partnerdesk.exports.monitoring_pdf import export_monitoring_pdf, written_pdf_message
    from partnerdesk.exports.xlsx import ExportError
    from partnerdesk.rules.quarters import parse_quarter
    from partnerdesk.services.reports.monitoring import return_period

    if args.quarter:
        if date_from or date_to:
            print(_("Please give either --quarter or --from and --to, not both."), file=sys.stderr)
            return 1
        try:
            quarter = parse_quarter(args.quarter)
        except ValueError as why:
            print(str(why), file=sys.stderr)
            return 1
        date_from, date_to = quarter.first_day, quarter.last_day
    as_pdf = out.suffix.lower() == ".pdf"
    if as_pdf and args.named:
        # A board paper is read widely: the PDF summary is figures only, whatever is asked.
        print(_("The PDF summary never names anyone. Leave out --named, or write a .xlsx file for the named sheet."),
              file=sys.stderr)  # fmt: skip
        return 1
    if date_from is None or date_to is None:
        print(
            _("Please say which period the return covers: --quarter 2026-Q3, or both --from and --to "
            "(for example --from 01/04/2026 --to 30/06/2026)."),
            file=sys.stderr,
        )
        return 1
    store = open_database(target_of(args), read_only=True)
    try:
        with store.reader() as session:
            period = return_period(session, date_from, date_to)
            if as_pdf:
                report = export_monitoring_pdf(session, out, period)
            else:
                report = export_monitoring(session, out, period, named=args.named)
    except ExportError as why:
        print(str(why), file=sys.stderr)
        return 1
    finally:
        store.close()
    print(written_pdf_message(report, out) if as_pdf else written_message(report, out, args.named))
    return 0


def _export_person(args: argparse.Namespace, out: Path) -> int:
    """export person: everything held about one person (subject access), as .pdf or .xlsx; audited."""
    from partnerdesk.cli_access import open_database
    from partnerdesk.exports.subject_access import export_subject_access
    from partnerdesk.exports.xlsx import ExportError
    from partnerdesk.services.common.errors import NotFound

    if not args.person_id:
        print(_("Please give the person's record id with --id."), file=sys.stderr)
        return 1
    if out.suffix.lower() not in (".pdf", ".xlsx"):
        print(_("Please give a file name ending in .pdf (to read) or .xlsx (every field)."), file=sys.stderr)
        return 1
    store = open_database(target_of(args), read_only=True)
    try:
        with store.reader() as session:
            rows = export_subject_access(session, args.person_id, out, include_confidential=args.confidential)
    except (ExportError, NotFound) as why:
        print(str(why), file=sys.stderr)
        return 1
    finally:
        store.close()
    print(ngettext("Wrote {count:,} record to {out}", "Wrote {count:,} records to {out}", rows).format(
        count=rows, out=out))  # fmt: skip
    return 0


def _export_all(args: argparse.Namespace, out: Path) -> int:
    """export all: every record, one sheet (or one CSV file in a zip) per kind of record."""
    from partnerdesk.cli_access import open_database
    from partnerdesk.exports.full import export_all
    from partnerdesk.exports.xlsx import ExportError
    from partnerdesk.i18n import _, ngettext

    if out.suffix.lower() not in (".xlsx", ".zip"):
        print(_("Please give a file name ending in .xlsx (one workbook) or .zip (CSV files)."), file=sys.stderr)
        return 1
    if args.date_from or args.date_to or args.named:
        print(_("export all writes everything: --from, --to and --named do not apply to it."), file=sys.stderr)
        return 1
    if not out.parent.exists():
        print(_("The folder {folder} does not exist.").format(folder=out.parent), file=sys.stderr)
        return 1
    store = open_database(target_of(args), read_only=True)  # an export only reads the database
    try:
        with store.reader() as session:
            written = export_all(session, out)
    except ExportError as why:
        print(str(why), file=sys.stderr)
        return 1
    finally:
        store.close()
    rows, kinds = sum(written.values()), len(written)
    records = ngettext("{count:,} record", "{count:,} records", rows).format(count=rows)
    sheets = ngettext("{count} kind of record", "{count} kinds of record", kinds).format(count=kinds)
    print(_("Wrote {records} ({sheets}) to {path}").format(records=records, sheets=sheets, path=out))
    return 0


def import_rows(args: argparse.Namespace) -> int:
    """import people|meetings|claims: check every row, report, then add the valid rows in one go (not --dry-run)."""
    from partnerdesk.cli_access import open_database
    from partnerdesk.exports.importing.kinds import first_sheet, importer
    from partnerdesk.exports.importing.reading import UnreadableFile, read_grid, sheet_names
    from partnerdesk.i18n import _

    kind = importer(args.kind)
    path = Path(args.path).expanduser()
    try:
        grid = read_grid(path, args.sheet or first_sheet(args.kind, sheet_names(path)))
    except UnreadableFile as why:
        print(str(why), file=sys.stderr)
        return 1
    store = open_database(target_of(args), creating=True)
    try:
        if args.dry_run:
            with store.reader() as session:
                plan = kind.plan(session, grid.rows)
            report, imported = None, plan.going_in
        else:
            with store.transaction() as session:
                plan = kind.plan(session, grid.rows)
                report = kind.commit(session, plan)
            imported = report.added + report.merged
    finally:
        store.close()
    for line in kind.report(plan):
        print(line)
    if report is None:
        print(_("Checked only: {count:,} of {rows:,} rows could be imported; nothing was changed.").format(
            count=imported, rows=len(plan.rows)))
    else:
        print(kind.summary(report))
    if imported == 0:
        print(_("Nothing could be imported. Fix the rows above in the spreadsheet, then try again."), file=sys.stderr)
        return 1
    return 0


def export_audited(args: argparse.Namespace) -> int:
    """export, with each file written recorded in the database's audit log (exports.audited)."""
    from partnerdesk.exports.audited import recording_beside_reading

    with recording_beside_reading():
        return _export(args)
