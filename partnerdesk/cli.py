"""The `partnerdesk` command: with no subcommand it opens the window; subcommands do headless work.

Exit codes: 0 success, 1 a problem the person can fix (message on stderr, nothing changed), 2 a usage error.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import logging
import sys
from datetime import datetime
from pathlib import Path

from partnerdesk import __version__
from partnerdesk.cli_access import refuse_shared_location_of, target_of
from partnerdesk.cli_exchange import export_audited, import_rows
from partnerdesk.i18n import _, set_language

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


def _demo(args: argparse.Namespace) -> int:
    from partnerdesk.cli_access import open_database
    from partnerdesk.demo.build import fill_demo

    if not 1 <= args.people <= 1_000_000:
        print(_("Please ask for between 1 and 1,000,000 people."), file=sys.stderr)
        return 1
    refuse_shared_location_of(target_of(args))
    store = open_database(target_of(args), creating=True, choose_password=True)
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


def _check(args: argparse.Namespace) -> int:
    from partnerdesk.cli_access import database_key
    from partnerdesk.store.check import check_database

    key = database_key(target_of(args))
    report = check_database(target_of(args), key)
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
    store = open_store(target_of(args), read_only=True, upgrade=False, key=key)
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
    from partnerdesk.store.connections import database_url, sqlite_path
    from partnerdesk.store.engine import StoreError, inspect_sqlite_file
    from partnerdesk.store.leftovers import sweep_partials

    source = sqlite_path(database_url(target_of(args)))
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


def _encrypt(args: argparse.Namespace) -> int:
    """encrypt: protect an existing plain database with a password (backup first, verify, replace)."""
    from partnerdesk.cli_access import protect_database

    refuse_shared_location_of(target_of(args))
    protect_database(target_of(args))
    return 0


COMMANDS = {
    "demo": _demo, "check": _check, "backup": _backup, "export": export_audited, "import": import_rows,
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

            return launch_gui(target_of(args), demo=args.demo and not args.db)
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
    from partnerdesk.store.connections import database_url, sqlite_path
    from partnerdesk.store.messages import plain_message

    try:
        database = sqlite_path(database_url(target_of(args)))
    except Exception:  # noqa: BLE001 -- the message matters more than knowing the file
        database = None
    return plain_message(exc, database)
