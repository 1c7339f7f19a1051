"""The health check behind `partnerdesk check`: is the file sound, and is its schema current?

Looking never writes: an SQLite file is opened read-only (see engine.reading_uri), its journal mode is left alone
and no file is created beside it, whatever the file turns out to be.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from partnerdesk.i18n import _
from partnerdesk.store.connections import database_url, file_stamp, make_engine, reading_uri, sqlite_path
from partnerdesk.store.engine import (
    DamagedDatabase,
    StoreError,
    connect_file,
    current_revision,
    database_errors,
    inspect_sqlite_file,
    is_encrypted,
)
from partnerdesk.store.revisions import HEAD_REVISION, KNOWN_REVISIONS

#: integrity_check stops after this many problems; enough to say what is wrong without pages of detail.
MOST_PROBLEMS = 20


@dataclass
class HealthReport:
    """What `check` found, as lines a person can read."""

    healthy: bool = True
    lines: list[str] = field(default_factory=list)

    def problem(self, line: str) -> None:
        self.healthy = False
        self.lines.append(line)


def check_database(target: str | Path, key: bytes | None = None) -> HealthReport:
    """Look at a database without changing it: integrity, foreign keys and schema version (an encrypted one with
    its key)."""
    report = HealthReport()
    url = database_url(target)
    path = sqlite_path(url)
    if path is None:
        return _check_server(url, report)
    if not path.exists():
        raise StoreError(_("There is no database at {path}.").format(path=path))
    report.lines.append(_("Database: {path}").format(path=path))
    try:
        revision = inspect_sqlite_file(path, key)
    except DamagedDatabase as exc:
        report.problem(_("Integrity: damaged. {exc}").format(exc=exc))
        _advise_restore(report, path)
        return report
    _report_schema(report, revision)
    for _attempt in range(3):
        before, uri = file_stamp(path), reading_uri(path)
        findings = _look_inside(uri, key if is_encrypted(path) else None)
        if not uri.endswith("immutable=1") or file_stamp(path) == before:
            break  # else someone wrote to it while it was read as unchanging: look again
    damage, damaged_tables, broken_links = findings
    if not damage:
        report.lines.append(_("Integrity: ok."))
    else:
        report.problem(_("Integrity: damaged. SQLite found: {damage}").format(damage="; ".join(damage[:5])))
        if damaged_tables:
            report.problem(_("Damaged tables: {tables}.").format(tables=", ".join(damaged_tables)))
    if broken_links:
        report.problem(_("Links between records: {broken_links} point to records that do not exist.").format(
            broken_links=broken_links,
        ))
    elif not damage:
        report.lines.append(_("Links between records: ok."))
    if damage:
        _advise_restore(report, path)
    return report


def _report_schema(report: HealthReport, revision: str | None) -> None:
    if revision is None:
        report.problem(_("Schema: empty; PartnerDesk will set it up when it first opens it."))
    elif revision == HEAD_REVISION:
        report.lines.append(_("Schema: up to date (version {revision}).").format(revision=revision))
    elif revision in KNOWN_REVISIONS:
        report.problem(_("Schema: version {revision}; it will be upgraded to {HEAD_REVISION} when next opened.").format(
            revision=revision,
            HEAD_REVISION=HEAD_REVISION,
        ))
    else:
        report.problem(
            _("Schema: version {revision} was made by a newer PartnerDesk; please update PartnerDesk.").format(
                revision=revision,
            )
        )


def _look_inside(uri: str, key: bytes | None) -> tuple[list[str], list[str], int]:
    """SQLite's integrity findings, the tables they touch and how many links are broken, read-only."""
    errors = database_errors(key)
    try:
        con = connect_file(uri, key, uri=True)
    except errors as exc:
        return [_("the file could not be opened ({exc})").format(exc=exc)], [], 0
    try:
        con.execute("PRAGMA query_only = 1")
        try:
            damage = [row[0] for row in con.execute(f"PRAGMA integrity_check({MOST_PROBLEMS})")]
        except errors as exc:
            damage = [_("part of the file cannot be read ({exc})").format(exc=exc)]
        if damage == ["ok"]:
            try:
                return [], [], len(con.execute("PRAGMA foreign_key_check").fetchall())
            except errors as exc:
                return [_("part of the file cannot be read ({exc})").format(exc=exc)], [], 0
        return damage, _damaged_tables(con, errors), 0
    finally:
        con.close()


def _damaged_tables(con: sqlite3.Connection, errors: tuple[type[BaseException], ...]) -> list[str]:
    """Which tables (with their indexes) fail their own integrity check; empty if the list itself is unreadable."""
    try:
        tables = [row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    except errors:
        return [_("the list of tables itself")]
    damaged = []
    for name in tables:
        quoted = name.replace("'", "''")
        try:
            verdict = con.execute(f"PRAGMA integrity_check('{quoted}')").fetchone()[0]
        except errors:
            verdict = "unreadable"
        if verdict != "ok":
            damaged.append(name)
    return damaged


def _advise_restore(report: HealthReport, path: Path) -> None:
    from partnerdesk.store.messages import restore_advice

    report.lines.append(_("What to do: stop using this file. {restore_advice}").format(
        restore_advice=restore_advice(path),
    ))


def _check_server(url: str, report: HealthReport) -> HealthReport:
    """A database server (PostgreSQL): only the schema version can be checked from here."""
    engine = make_engine(url)
    try:
        report.lines.append(_("Database: {url}").format(url=url))
        _report_schema(report, current_revision(engine))
    finally:
        engine.dispose()
    return report
