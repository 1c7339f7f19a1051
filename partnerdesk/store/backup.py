"""Consistent copies of an SQLite database, taken with SQLite's online backup API (safe while in use)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path


def backup_sqlite(source: Path, destination: Path) -> Path:
    """Copy the database at source to destination and prove the copy is sound.

    The copy is written to a temporary name first, so a failed backup never leaves a half-written file under
    the name the person asked for.
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(source.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal beside it
            verdict = dst.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            dst.close()
    finally:
        src.close()
    if verdict != "ok":
        partial.unlink(missing_ok=True)
        raise OSError(f"The backup copy failed its check ({verdict}).")
    partial.replace(destination)
    return destination


def automatic_backup_path(database: Path, reason: str) -> Path:
    """Where an automatic copy goes: a 'backups' folder beside the database, named by time and reason."""
    stamp = datetime.now().strftime("%Y-%m-%d_%H%M%S")
    return database.parent / "backups" / f"{database.stem}-{stamp}-{reason}.sqlite3"
