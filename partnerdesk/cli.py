"""The `partnerdesk` command: with no subcommand it opens the window; subcommands do headless work.

Exit codes: 0 success, 1 a problem the person can fix (message on stderr, nothing changed), 2 a usage error.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import logging
import re
import sys
from datetime import date, datetime
from pathlib import Path

from partnerdesk import __version__
from partnerdesk.i18n import _, ngettext, set_language

EXPORT_KINDS = ("people", "meetings", "expenses", "wellbeing", "supervision", "programmes", "monitoring", "all",
                "person")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="partnerdesk",
        description=_("PartnerDesk keeps track of representatives, committees and the people you support. "
        "With no command it opens the PartnerDesk window."),
    )
    parser.add_argument("--version", action="version", version=_("PartnerDesk {version}").format(version=__version__))
    parser.add_argument(
        "--db",
        metavar="URL_OR_PATH",
        help=_("the database file (or database URL) to use; normally your own PartnerDesk database"),
    )
    parser.add_argument(
        "--demo", action="store_true", help=_("open the window on a separate demo database full of made-up people")
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help=_("fill a database with realistic made-up people for trying PartnerDesk out"))
    demo.add_argument("--people", type=int, default=500, metavar="N", help=_("how many people (default 500)"))
    demo.add_argument("--seed", type=int, default=1, metavar="S", help=_("the same seed always gives the same people"))

    sub.add_parser("check", help=_("check the database is sound and up to date (exit 0 when healthy)"))
    sub.add_parser("encrypt", help=_("protect an existing database with a password (it is encrypted; a new "
                                     "database always is)"))

    backup = sub.add_parser("backup", help=_("make a safe copy of the database"))
    backup.add_argument("--to", metavar="PATH", help=_("where to put the copy (default: the backups folder)"))

    export = sub.add_parser("export", help=_("write a spreadsheet"))
    export.add_argument("kind", choices=EXPORT_KINDS, help=_("what to export"))
    export.add_argument(
        "--out",
        required=True,
        metavar="PATH",
        help=_("the .xlsx file to write (all: .xlsx, or .zip of CSV files); monitoring and programmes also write a "
               "PDF report with charts when the name ends in .pdf"),
    )
    export.add_argument(
        "--from",
        dest="date_from",
        metavar="DATE",
        help=_("meetings, claims, checks or sessions on or after this date (23/11/2026 or 2026-11-23)"),
    )
    export.add_argument(
        "--to", dest="date_to", metavar="DATE", help=_("meetings, claims, checks or sessions on or before this date")
    )
    export.add_argument(
        "--named",
        action="store_true",
        help=_("meetings: add a sheet naming who was invited; monitoring: add a sheet naming the people engaged; "
               "programmes: name the partners in each pair (left out unless asked)"),
    )
    export.add_argument("--id", dest="person_id", metavar="ID",
                        help=_("person: the person's record id (subject access: everything held about them)"))
    export.add_argument("--confidential", action="store_true",
                        help=_("person: include their confidential notes (recorded in the audit log)"))
    export.add_argument(
        "--quarter",
        metavar="YYYY-QN",
        help=_("monitoring: a financial-year quarter instead of --from and --to (2026-Q1 is April to June 2026)"),
    )
    importing = sub.add_parser("import", help=_("bring records in from a spreadsheet (xlsx, ods or csv)"))
    importing.add_argument("kind", choices=("people", "meetings", "claims"), help=_("what the spreadsheet holds"))
    importing.add_argument("path", metavar="PATH", help=_("the .xlsx, .ods or .csv file"))
    importing.add_argument("--sheet", metavar="NAME", help=_("the sheet to read (default: the first)"))
    importing.add_argument(
        "--dry-run", action="store_true", help=_("check every row and print the report, but import nothing")
    )
    return parser


def _target(args: argparse.Namespace) -> str | Path:
    from partnerdesk import paths

    if args.db:
        return args.db
    return paths.demo_database() if args.demo else paths.default_database()


def _demo(args: argparse.Namespace) -> int:
    from partnerdesk.cli_access import open_database
    from partnerdesk.demo.build import fill_demo

    if not 1 <= args.people <= 1_000_000:
        print(_("Please ask for between 1 and 1,000,000 people."), file=sys.stderr)
        return 1
    refuse_shared_location_of(_target(args))
    store = open_database(_target(args), creating=True, choose_password=True)
    try:
        summary = fill_demo(store, people=args.people, seed=args.seed)
    finally:
        store.close()
    print(
        _(
            "Added {people:,} people, {organisations} organisations, {committees} committees, "
            "{memberships:,} committee seats, {meetings:,} meetings, {attendance:,} invitations, "
            "{actions:,} meeting actions, {claims:,} expense claims with {claim_lines:,} lines, "
            "{checks:,} wellbeing checks, {supervision_sessions:,} supervision sessions and "
            "{training_records:,} training records."
        ).format(
            people=summary.people,
            organisations=summary.organisations,
            committees=summary.committees,
            memberships=summary.memberships,
            meetings=summary.meetings,
            attendance=summary.attendance,
            actions=summary.actions,
            claims=summary.claims,
            claim_lines=summary.claim_lines,
            checks=summary.checks,
            supervision_sessions=summary.supervision_sessions,
            training_records=summary.training_records,
        )
    )
    if summary.programmes_made is not None:
        from partnerdesk.demo.programmes import programmes_summary

        print(programmes_summary(summary.programmes_made))
    return 0


def refuse_shared_location_of(target: str | Path) -> None:
    """Commands that change the database refuse one on a network share or in a cloud-synced folder, with the safe
    alternative the window gives (commands that only read, such as check and export, still work)."""
    from partnerdesk.store.engine import database_url, sqlite_path
    from partnerdesk.store.sharing import refuse_shared_location

    path = sqlite_path(database_url(target))
    if path is not None:
        refuse_shared_location(path)


def _check(args: argparse.Namespace) -> int:
    from partnerdesk.cli_access import database_key
    from partnerdesk.store.check import check_database

    key = database_key(_target(args))
    report = check_database(_target(args), key)
    _check_audit_log(args, report, key)
    print("\n".join(report.lines))
    print(_("Healthy.") if report.healthy else _("Not healthy: see above."))
    return 0 if report.healthy else 1


def _check_audit_log(args: argparse.Namespace, report, key: bytes | None) -> None:
    """Walk the audit log's hash chain (a current, sound database only) and add what was found to report."""
    from partnerdesk.services.common.audit import has_log, verify
    from partnerdesk.store import open_store

    if not report.healthy:
        return
    store = open_store(_target(args), read_only=True, upgrade=False, key=key)
    try:
        with store.reader() as session:
            if not has_log(session):
                return
            broken = verify(session)
    finally:
        store.close()
    if broken is None:
        report.lines.append(_("Audit log: every entry is as it was written."))
    else:
        report.problem(broken.sentence())


def _backup(args: argparse.Namespace) -> int:
    from partnerdesk import paths
    from partnerdesk.store.backup import backup_sqlite
    from partnerdesk.store.engine import StoreError, database_url, inspect_sqlite_file, sqlite_path
    from partnerdesk.store.leftovers import sweep_partials

    source = sqlite_path(database_url(_target(args)))
    if source is None:
        raise StoreError(_("Backups here work for PartnerDesk's own database files; use your database's own tools."))
    if not source.exists():
        raise StoreError(_("There is no database at {source}.").format(source=source))
    from partnerdesk.cli_access import database_key

    key = database_key(source)
    inspect_sqlite_file(source, key)  # refuses files that are not ours
    if args.to:
        destination = Path(args.to).expanduser()
    else:
        destination = paths.backups_dir() / f"{source.stem}-{datetime.now():%Y-%m-%d_%H%M%S}.sqlite3"
    if destination.exists():
        raise StoreError(_("{destination} already exists; please choose another name.").format(
            destination=destination,
        ))
    sweep_partials(destination.parent)  # what an earlier, killed backup left there
    backup_sqlite(source, destination, key)  # an encrypted database's copy is encrypted with the same key
    print(_("Backed up to {destination}").format(destination=destination))
    return 0


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
    store = open_database(_target(args), read_only=True)  # an export only reads the database
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
    store = open_database(_target(args), read_only=True)
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
    store = open_database(_target(args), read_only=True)
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
    store = open_database(_target(args), read_only=True)  # an export only reads the database
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


def _import(args: argparse.Namespace) -> int:
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
    store = open_database(_target(args), creating=True)
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


def _export_audited(args: argparse.Namespace) -> int:
    """export, with each file written recorded in the database's audit log (exports.audited)."""
    from partnerdesk.exports.audited import recording_beside_reading

    with recording_beside_reading():
        return _export(args)


def _encrypt(args: argparse.Namespace) -> int:
    """encrypt: protect an existing plain database with a password (backup first, verify, replace)."""
    from partnerdesk.cli_access import protect_database

    refuse_shared_location_of(_target(args))
    protect_database(_target(args))
    return 0


COMMANDS = {
    "demo": _demo, "check": _check, "backup": _backup, "export": _export_audited, "import": _import,
    "encrypt": _encrypt,
}


def main(argv: list[str] | None = None) -> int:
    """Run PartnerDesk with command-line arguments; returns the exit code."""
    args = _parser().parse_args(argv)
    from partnerdesk.private_files import keep_new_files_private

    keep_new_files_private()  # personal data: nothing this run writes is readable by other accounts on the PC
    set_language()  # PARTNERDESK_LANGUAGE, English when unset
    from partnerdesk import logs

    # A data folder that cannot be written to must not stop a command given its own --db.
    with contextlib.suppress(OSError):
        logs.setup_logging()
    logs.install_excepthooks()
    if args.command is None:
        # Opening the window creates a great many objects and no garbage cycles worth collecting: Python's cycle
        # collector running over them all again and again added about 0.15 s to start-up. The window turns it
        # back on once it has appeared (ui.app.run_app).
        gc.disable()
    from partnerdesk.services.common.errors import ValidationError

    try:
        if args.command is None:
            from partnerdesk.launch import launch_gui

            return launch_gui(_target(args), demo=args.demo and not args.db)
        return COMMANDS[args.command](args)
    except ValidationError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(_("Stopped."), file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 -- the one boundary: every failure becomes plain words, never a traceback
        # The log keeps where it happened for whoever fixes it; its formatter never writes the error's message.
        logging.getLogger(__name__).error("command %s failed", args.command, exc_info=True)
        print(_plain(exc, args), file=sys.stderr)
        return 1


def _plain(exc: BaseException, args: argparse.Namespace) -> str:
    """The error boundary's message: plain words and what to do; never a traceback or a record's values."""
    from partnerdesk.store.engine import database_url, sqlite_path
    from partnerdesk.store.messages import plain_message

    try:
        database = sqlite_path(database_url(_target(args)))
    except Exception:  # noqa: BLE001 -- the message matters more than knowing the file
        database = None
    return plain_message(exc, database)
