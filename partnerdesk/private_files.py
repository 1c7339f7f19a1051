"""Files only this account can read: every file PartnerDesk writes is owner-only (0600), every folder it makes 0700.

The database, its -wal/-shm/-journal, backups, exports, logs, the lock file and the settings hold (or point at)
personal data, so on a shared Linux or macOS PC no other account may read them. Two layers:

* keep_new_files_private() sets the process's umask to 077 when PartnerDesk starts (partnerdesk.cli.main), so
  whatever any library creates (SQLite's working files, Qt's settings file, a rotated log) is owner-only.
* The places that create files (the database, backups, the lock, the log) also create them owner-only themselves
  and tighten what an older PartnerDesk left wider (tighten, tighten_tree), so the rule holds when PartnerDesk is
  used as a library too, and for files made before this version.

SQLite creates -wal, -shm and -journal with the main database file's permissions, so the database file is made
owner-only before SQLite first opens it.

On Windows there is nothing to change: permissions are not Unix modes, and PartnerDesk's data lives in the user's
own profile (AppData), which other ordinary accounts cannot read. Every function here does nothing there.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700
#: Anything a group or other accounts could do.
_OTHERS = 0o077
_POSIX = os.name == "posix"


def keep_new_files_private() -> None:
    """From now on, every file and folder this process creates is for its owner only (umask 077)."""
    if _POSIX:
        os.umask(_OTHERS)


def tighten(path: Path) -> None:
    """Take away any access a group or other accounts have to path (a file or a folder); never fails.

    Symbolic links are left alone, so a link planted in the data folder cannot make PartnerDesk change another
    file's permissions.
    """
    if not _POSIX:
        return
    with contextlib.suppress(OSError):
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode) or not info.st_mode & _OTHERS:
            return
        wanted = FOLDER_MODE if stat.S_ISDIR(info.st_mode) else FILE_MODE
        os.chmod(path, stat.S_IMODE(info.st_mode) & wanted)


def tighten_tree(folder: Path) -> None:
    """Tighten a folder and everything in it (see tighten); never fails."""
    tighten(folder)
    for root, folders, files in os.walk(folder):
        for name in (*folders, *files):
            tighten(Path(root) / name)


def private_folder(folder: Path) -> Path:
    """Make folder (and any missing parents) if needed, owner-only, and tighten it if it was made wider."""
    folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    tighten(folder)
    return folder


def create_private_file(path: Path) -> Path:
    """Make path as an empty owner-only file if it does not exist; an existing one is tightened, not emptied."""
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, FILE_MODE))
    tighten(path)
    return path


def tighten_database(path: Path) -> None:
    """Tighten an SQLite database file and the working files SQLite keeps beside it."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        tighten(path.with_name(path.name + suffix))
