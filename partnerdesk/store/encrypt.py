"""Protecting an existing plain database with a password: converting it, once, into an encrypted one.

A backup is taken first; the data is copied into a new encrypted file with SQLCipher's sqlcipher_export; the copy
must pass its integrity check and hold the same number of rows in every table; only then does it replace the
plain file, whose -wal and -shm go with it. Anything that fails leaves the plain database exactly as it was.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from partnerdesk.i18n import _
from partnerdesk.store.backup import automatic_backup_path, backup_sqlite
from partnerdesk.store.engine import StoreError, key_pragma
from partnerdesk.store.leftovers import partial_path, remove_partial


def _row_counts(connection) -> dict[str, int]:
    names = [row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


def encrypt_database(path: Path, key: bytes, before_replacing=None) -> None:
    """Turn the plain database at path into one encrypted with key.

    The plain backup taken first is removed once the encrypted file has replaced the plain one: kept, it would be
    a readable copy of everything the password now protects.

    before_replacing(), if given, runs once the encrypted copy is proven and before it replaces the plain file:
    the key file must be written then, so that the encrypted database is never without one.
    """
    backup = backup_sqlite(path, automatic_backup_path(path, "before-encrypting"))
    partial = partial_path(path)  # owner-only before SQLCipher writes to it
    try:
        plain = sqlite3.connect(path, isolation_level=None)
        try:
            plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            expected = _row_counts(plain)
        finally:
            plain.close()
        import sqlcipher3

        converter = sqlcipher3.connect(str(path), isolation_level=None)
        try:
            # The plain file is the main database (no key); the new file is attached with the database key.
            quoted = str(partial).replace("'", "''")
            converter.execute(f"ATTACH DATABASE '{quoted}' AS encrypted KEY \"x'{key.hex()}'\"")
            converter.execute("SELECT sqlcipher_export('encrypted')")
            version = converter.execute("PRAGMA user_version").fetchone()[0]
            converter.execute(f"PRAGMA encrypted.user_version = {int(version)}")
            converter.execute("DETACH DATABASE encrypted")
        finally:
            converter.close()
        _prove(partial, key, expected)
        if before_replacing is not None:
            before_replacing()
        os.replace(partial, path)
        for leftover in (*(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")), backup):
            with contextlib.suppress(FileNotFoundError):
                os.remove(leftover)
    finally:
        remove_partial(partial)


def _prove(copy: Path, key: bytes, expected: dict[str, int]) -> None:
    import sqlcipher3

    check = sqlcipher3.connect(str(copy))
    try:
        check.execute(key_pragma(key))
        verdict = check.execute("PRAGMA integrity_check").fetchone()[0]
        counts = _row_counts(check)
        check.execute("PRAGMA journal_mode = WAL")
    finally:
        check.close()
    if verdict != "ok" or counts != expected:
        raise StoreError(_("The protected copy did not match the database, so nothing was changed and the database "
                           "is still unprotected. Please run `partnerdesk check`, then try again."))
