"""Turning any failure into plain English with what to do next: the CLI's error boundary uses it, and so can the
window's (`plain_message(exc, database)`).

Messages never quote a database error's own text beyond SQLite's short reason, and never a statement or its
values: those can carry names and notes.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
from pathlib import Path

from partnerdesk.i18n import N_, _
from partnerdesk.store.engine import READ_ONLY_MESSAGE, StoreError

DISK_FULL = N_("There is not enough free space on the disk. Nothing was saved. Free some space, then try again.")
BUSY = (
    N_("Another program (perhaps another PartnerDesk) kept the database busy for too long. Nothing was saved. "
    "Wait a minute, then try again.")
)
_DAMAGE_WORDS = ("malformed", N_("not a database"), "corrupt", N_("file is encrypted"))
#: Less free space than this beside the database, after a write failed, means the disk is full.
_NEARLY_FULL = 1024 * 1024
_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}
_READ_ONLY_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM}


def backups_of(database: Path) -> list[Path]:
    """Copies of a database in the backups folder beside it, newest first."""
    folder = database.parent / "backups"
    try:
        copies = [p for p in folder.glob(f"{database.stem}-*.sqlite3") if p.is_file()]
    except OSError:
        return []
    return sorted(copies, key=lambda p: p.stat().st_mtime, reverse=True)


def passes_quick_check(path: Path, key: bytes | None = None, opened=None) -> bool:
    """Whether SQLite's quick check finds the file sound, reading it without changing it (an encrypted file is
    read with key; without it, it cannot be checked and does not pass). opened(connection), if given, is called
    before the check starts, so another thread can interrupt it."""
    from partnerdesk.store.connections import reading_uri
    from partnerdesk.store.engine import connect_file, database_errors, is_encrypted

    key = key if is_encrypted(path) else None
    try:
        con = connect_file(reading_uri(path), key, uri=True, check_same_thread=False)
        if opened is not None:
            opened(con)
        try:
            return bool(con.execute("PRAGMA quick_check").fetchone()[0] == "ok")
        finally:
            con.close()
    except database_errors(key):
        return False


def newest_good_backup(database: Path, look_at: int = 3) -> Path | None:
    """The newest backup beside database that passes SQLite's quick check (the newest few are tried)."""
    return next((copy for copy in backups_of(database)[:look_at] if passes_quick_check(copy)), None)


def restore_advice(database: Path | None) -> str:
    """What to do about a damaged database: where its newest good backup is, if there is one."""
    if database is None:
        return _("Restore it from a backup.")
    copy = newest_good_backup(database)
    if copy is None:
        return _("No sound backup was found beside it; if you keep backups elsewhere, restore the newest of them.")
    return _("To restore it, replace the file with the newest sound backup: {copy}").format(
        copy=copy,
    )


def damaged_message(database: Path | None) -> str:
    """The database file itself is damaged."""
    where = _("The database {database}").format(database=database) if database else _("The database")
    return (
        _(
            "{where} is damaged, so PartnerDesk cannot use it safely. Nothing more was changed. Run "
            "`partnerdesk check` to see what is wrong. {restore_advice}"
        ).format(
            where=where,
            restore_advice=restore_advice(database),
        )
    )


def _underlying(exc: BaseException) -> BaseException:
    """The SQLite or operating-system error behind a wrapped one (SQLAlchemy's, openpyxl's), else exc itself."""
    seen: BaseException | None = exc
    for _unused in range(6):
        if seen is None:
            break
        if isinstance(seen, sqlite3.Error | OSError):
            return seen
        seen = getattr(seen, "orig", None) or seen.__cause__ or seen.__context__
    return exc


def _nearly_full(database: Path | None) -> bool:
    if database is None:
        return False
    try:
        return shutil.disk_usage(database.parent).free < _NEARLY_FULL
    except OSError:
        return False


def plain_message(exc: BaseException, database: Path | None = None) -> str:
    """One plain-English message, with what to do next, for any failure while using a database or its files.

    database is the SQLite file in use, if known: damage messages then point to its newest sound backup.
    """
    from partnerdesk.store.keys import KeyRefused

    if isinstance(exc, StoreError | KeyRefused):
        return str(exc)
    cause = _underlying(exc)
    # sqlcipher3 (encrypted databases) has its own copies of sqlite3's error classes, with the same messages.
    if isinstance(cause, sqlite3.Error) or type(cause).__module__.startswith("sqlcipher3"):
        reason = str(cause).lower()
        if "full" in reason or ("i/o error" in reason and _nearly_full(database)):
            return _(DISK_FULL)
        if "readonly" in reason or "read-only" in reason or "read only" in reason:
            return _(READ_ONLY_MESSAGE)
        if "locked" in reason or "busy" in reason:
            return _(BUSY)
        if any(word in reason for word in _DAMAGE_WORDS):
            return damaged_message(database)
        if "i/o error" in reason:
            return (
                _("The disk reported an error while PartnerDesk was reading or writing the database. Nothing was "
                "saved. Check the disk has free space and is still connected, then run `partnerdesk check`.")
            )
        if "unable to open" in reason:
            return (
                _("PartnerDesk could not open the database file. Check that it and its folder still exist and that "
                "you are allowed to use them, then try again. Nothing was changed.")
            )
        return (
            _(
                "The database reported a problem ({reason}). Nothing was saved. Run `partnerdesk check`; "
                "if it keeps happening, make a backup and ask for help."
            ).format(
                reason=reason,
            )
        )
    if isinstance(cause, OSError):
        exc = cause
        name = f" ({exc.filename})" if exc.filename else ""
        if exc.errno in _FULL_ERRNOS:
            return _(DISK_FULL)
        if exc.errno in _READ_ONLY_ERRNOS or isinstance(exc, PermissionError):
            return (
                _(
                    "PartnerDesk is not allowed to write there{name}: the file or its folder is read-only or "
                    "in use. Nothing was saved. Choose another place, or close the program using it, and try "
                    "again."
                ).format(
                    name=name,
                )
            )
        if isinstance(exc, FileNotFoundError):
            return _(
                "A file or folder PartnerDesk needed was not found{name}. Nothing was saved; please check "
                "it."
            ).format(
                name=name,
            )
        return (
            _(
                "PartnerDesk could not read or write a file{name}: {strerror}. Nothing was saved; please "
                "try again."
            ).format(
                name=name,
                strerror=exc.strerror or type(exc).__name__,
            )
        )
    if isinstance(exc, MemoryError):
        return _("This computer ran out of memory. Nothing was saved. Close other programs and try again.")
    return (
        _(
            "Something unexpected went wrong ({name}), so nothing was saved. Please make a backup with "
            "`partnerdesk backup` and ask for help, quoting that name."
        ).format(
            name=type(exc).__name__,
        )
    )
