"""Consistent copies of an SQLite database, taken with SQLite's online backup API (safe while in use).

A copy of an encrypted database is encrypted with the same key (the backup runs between two keyed connections),
and its key file goes beside it, so the copy opens with the same passwords and holds no plaintext.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from partnerdesk.i18n import _
from partnerdesk.private_files import FILE_MODE, FOLDER_MODE, tighten
from partnerdesk.store.connections import file_stamp, reading_uri
from partnerdesk.store.engine import NEEDS_PASSWORD_MESSAGE, NeedsPassword, StoreError, connect_file, is_encrypted
from partnerdesk.store.keys import key_file_path
from partnerdesk.store.leftovers import partial_path, remove_partial


def backup_sqlite(source: Path, destination: Path, key: bytes | None = None) -> Path:
    """Copy the database at source to destination and prove the copy is sound.

    An encrypted source needs its key: the copy is encrypted with it and the key file is copied beside it.

    The source is only read (nothing is created beside it). The copy is written to a partial file beside the
    destination (owner-only), removed if anything fails, so a failed backup never leaves a half-written file
    under the name the person asked for, nor a stray copy of personal data.
    """
    if key is None and is_encrypted(source):
        raise NeedsPassword(_(NEEDS_PASSWORD_MESSAGE).format(path=source))
    destination.parent.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    for _attempt in range(3):
        partial = partial_path(destination)
        try:
            before, uri = file_stamp(source), reading_uri(source)
            verdict = _copy(uri, partial, key) if is_encrypted(source) else _copy(uri, partial)
            if file_stamp(source) != before and uri.endswith("immutable=1"):
                continue  # someone wrote to it while it was read as unchanging: copy again
            if verdict != "ok":
                raise StoreError(
                    _(
                        "The backup copy failed its check ({verdict}), so the database itself may be damaged. "
                        "Nothing was saved. Run `partnerdesk check` to see what is wrong."
                    ).format(
                        verdict=verdict,
                    )
                )
            if key is not None and is_encrypted(source):
                _copy_key_file(source, destination)
            partial.replace(destination)
            return destination
        finally:
            remove_partial(partial)  # after a successful rename only its working files remain to go
    raise StoreError(_("The database kept changing while it was copied. Nothing was saved; please try again."))


def _copy_key_file(source: Path, destination: Path) -> None:
    keys = key_file_path(destination)
    partial = keys.with_name(keys.name + ".partial")
    partial.touch(mode=FILE_MODE)
    shutil.copyfile(key_file_path(source), partial)
    tighten(partial)
    partial.replace(keys)


def _copy(source_uri: str, partial: Path, key: bytes | None = None) -> str:
    src = connect_file(source_uri, key, uri=True)
    try:
        dst = connect_file(partial, key)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal beside it
            return dst.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            dst.close()
    finally:
        src.close()


def automatic_backup_path(database: Path, reason: str) -> Path:
    """Where an automatic copy goes: a 'backups' folder beside the database, named by time and reason."""
    stamp = datetime.now().strftime("%Y-%m-%d_%H%M%S")
    return database.parent / "backups" / f"{database.stem}-{stamp}-{reason}.sqlite3"
