"""The health check behind `partnerdesk check`: is the file sound, and is its schema current?"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import text

from partnerdesk.store.engine import (
    StoreError,
    current_revision,
    database_url,
    inspect_sqlite_file,
    make_engine,
    sqlite_path,
)
from partnerdesk.store.revisions import HEAD_REVISION, KNOWN_REVISIONS


@dataclass
class HealthReport:
    """What `check` found, as lines a person can read."""

    healthy: bool = True
    lines: list[str] = field(default_factory=list)

    def problem(self, line: str) -> None:
        self.healthy = False
        self.lines.append(line)


def check_database(target: str | Path) -> HealthReport:
    """Look at a database without changing it: integrity, foreign keys and schema version."""
    report = HealthReport()
    url = database_url(target)
    path = sqlite_path(url)
    if path is not None and not path.exists():
        raise StoreError(f"There is no database at {path}.")
    revision = inspect_sqlite_file(path) if path is not None else None
    engine = make_engine(url)
    try:
        if path is None:
            revision = current_revision(engine)
        report.lines.append(f"Database: {path or url}")
        if revision is None:
            report.problem("Schema: empty; PartnerDesk will set it up when it first opens it.")
        elif revision == HEAD_REVISION:
            report.lines.append(f"Schema: up to date (version {revision}).")
        elif revision in KNOWN_REVISIONS:
            report.problem(f"Schema: version {revision}; it will be upgraded to {HEAD_REVISION} when next opened.")
        else:
            report.problem(f"Schema: version {revision} was made by a newer PartnerDesk; please update PartnerDesk.")
        if engine.dialect.name == "sqlite":
            with engine.connect() as con:
                verdicts = [row[0] for row in con.execute(text("PRAGMA integrity_check"))]
                broken_links = con.execute(text("PRAGMA foreign_key_check")).fetchall()
            if verdicts == ["ok"]:
                report.lines.append("Integrity: ok.")
            else:
                report.problem("Integrity: damaged — " + "; ".join(verdicts[:5]))
            if broken_links:
                report.problem(f"Links between records: {len(broken_links)} point to records that do not exist.")
            else:
                report.lines.append("Links between records: ok.")
    finally:
        engine.dispose()
    return report
