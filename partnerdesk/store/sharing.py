"""Where the database lives and who else has it open: a lock file beside it, and refusing network and cloud folders.

SQLite's own documentation warns that its file locking is unreliable on network file systems, and cloud-sync
programs copy a database file while it is being written: either can corrupt the file. So a database on a network
share, a mapped drive or in a cloud-synced folder is refused with the safe alternative. A USB stick or another
local drive is fine. No Qt here: the window shows the messages (ui/app.py).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import socket
import subprocess
import sys
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path, PurePath

from partnerdesk.i18n import N_, _
from partnerdesk.private_files import create_private_file
from partnerdesk.store.engine import StoreError

#: File system types that live on another computer (as Linux's /proc/mounts and macOS's mount name them).
NETWORK_FILE_SYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "fuse.sshfs", "sshfs", "9p", "afs", "ncpfs", "davfs",
    "fuse.davfs2", "fuse.rclone", "fuse.s3fs", "ceph", "glusterfs", "fuse.glusterfs", "webdav", "afpfs",
})  # fmt: skip
#: Folder names that cloud-sync programs keep in step with the internet (compared without case).
CLOUD_FOLDERS = (
    "onedrive",
    "dropbox",
    N_("google drive"),
    "googledrive",
    N_("my drive"),
    N_("icloud drive"),
    "iclouddrive",
    N_("mobile documents"),
    "cloudstorage",
)
#: A lock from another PC that has not been refreshed for this long is left over from a crash.
OTHER_HOST_STALE_AFTER = timedelta(minutes=15)
#: How often a running PartnerDesk refreshes its lock (well inside OTHER_HOST_STALE_AFTER).
REFRESH_EVERY = timedelta(minutes=5)

SAFE_ALTERNATIVE = (
    N_("Please keep the database on this computer (for example in PartnerDesk's own data folder, or on a USB stick) "
    "and use PartnerDesk's backup to put copies on the shared or cloud folder instead.")
)


def this_machine() -> str:
    """This computer's network name, as drafts and the lock file record it."""
    return socket.gethostname() or "unknown"


# --------------------------------------------------------------------------------- network and cloud folders
def _is_cloud_folder(path: PurePath) -> bool:
    for part in path.parts:
        name = part.lower()
        # "OneDrive - Charity Name" (work accounts) and "OneDrive-Personal" (macOS CloudStorage) count as OneDrive.
        if any(
            name == cloud or name.startswith(cloud + " -") or name.startswith(cloud + "-") for cloud in CLOUD_FOLDERS
        ):
            return True
    return False


def _linux_mounts(mounts_file: Path) -> list[tuple[str, str]]:
    """(mount point, file system type) for each line of /proc/mounts."""
    try:
        lines = mounts_file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    return [(f[1].replace("\\040", " "), f[2]) for f in (line.split() for line in lines) if len(f) >= 3]


_MAC_MOUNT = re.compile(r"^.* on (.+) \(([^,)]+)")


def _mac_mounts(text: str | None = None) -> list[tuple[str, str]]:
    """(mount point, file system type) from macOS's `mount` ("//me@server/share on /Volumes/share (smbfs, ...)")."""
    if text is None:
        try:
            text = subprocess.run(["/sbin/mount"], capture_output=True, text=True, timeout=5, check=False).stdout
        except (OSError, subprocess.SubprocessError):
            return []
    return [(m.group(1), m.group(2)) for m in map(_MAC_MOUNT.match, text.splitlines()) if m]


def _file_system(path: Path, mounts: list[tuple[str, str]]) -> str | None:
    """The type of the file system holding path, from the mount point that is its longest prefix."""
    best, kind = "", None
    for point, fs_type in mounts:
        inside = str(path) == point or str(path).startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, fs_type
    return kind


def _windows_drive_is_remote(path: Path) -> bool:
    if sys.platform != "win32":  # also tells the type checker that windll exists below
        return False
    import ctypes

    drive = path.drive
    if not drive:
        return False
    drive_remote = 4  # GetDriveTypeW's DRIVE_REMOTE: a mapped network drive
    return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == drive_remote


def shared_location_problem(
    path: str | Path,
    *,
    mounts_file: Path = Path("/proc/mounts"),
    platform: str = sys.platform,
    mac_mounts: str | None = None,
) -> str | None:
    """Why a database at path must not be opened here (a network share or cloud folder), or None when it is fine."""
    raw = str(path)
    if raw.startswith(("\\\\", "//")):  # a UNC path such as \\server\share
        return _("The database is on a network share.")
    where = Path(path).expanduser()
    with contextlib.suppress(OSError):
        where = where.resolve()
    if _is_cloud_folder(where):
        return (
            _("The database is inside a folder that a cloud service (such as OneDrive, Dropbox, Google Drive or "
            "iCloud) keeps in step with the internet.")
        )
    if platform == "win32":
        remote = str(where).startswith("\\\\") or _windows_drive_is_remote(where)
        return _("The database is on a network drive.") if remote else None
    mounts = _linux_mounts(mounts_file) if platform.startswith("linux") else _mac_mounts(mac_mounts)
    if _file_system(where, mounts) in NETWORK_FILE_SYSTEMS:
        return _("The database is on a network share.")
    return None


def refuse_shared_location(path: str | Path, **options) -> None:
    """Raise StoreError explaining the risk and the safe alternative when the database is on a share or cloud."""
    problem = shared_location_problem(path, **options)
    if problem:
        raise StoreError(
            _(
                "{problem} Two computers, or the sync program, can then change the file at the same moment "
                "and damage it, so PartnerDesk will not open it there. {SAFE_ALTERNATIVE}"
            ).format(
                problem=problem,
                SAFE_ALTERNATIVE=_(SAFE_ALTERNATIVE),
            )
        )


# --------------------------------------------------------------------------------- the lock file
@dataclass(frozen=True)
class Holder:
    """Who has a database open: computer, user, process and when they last said so (UTC, ISO text)."""

    host: str
    user: str
    pid: int
    time: str

    def describe(self) -> str:
        """Plain words for the warning (a user and computer name, never record values)."""
        return _("{user} on the computer {host}").format(user=self.user, host=self.host)


def lock_path(database: Path) -> Path:
    """The lock file beside a database."""
    return database.with_name(database.name + ".lock")


def _me(user: str, now: datetime) -> Holder:
    return Holder(this_machine(), user, os.getpid(), now.isoformat())


def _read(lock: Path) -> Holder | None:
    try:
        raw = json.loads(lock.read_text(encoding="utf-8"))
        return Holder(str(raw["host"]), str(raw["user"]), int(raw["pid"]), str(raw["time"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None  # missing or half-written: nobody we can name holds it


def _process_alive(pid: int) -> bool:
    if sys.platform == "win32":
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, but another user's process
        return True
    return True


def is_live(holder: Holder, now: datetime) -> bool:
    """Whether the PartnerDesk that wrote a lock is still running (same PC: its process; another PC: recent)."""
    if holder.host == this_machine():
        return holder.pid != os.getpid() and _process_alive(holder.pid)
    try:
        written = datetime.fromisoformat(holder.time)
    except ValueError:
        return False
    return now - written < OTHER_HOST_STALE_AFTER


def take_lock(database: Path, user: str, now: datetime | None = None) -> Holder | None:
    """Claim the database for this PartnerDesk, run by user. Returns the other live holder if there is one
    (the lock is then left as theirs), else writes ours, replacing a stale lock, and returns None."""
    now = now or datetime.now(UTC)
    lock = lock_path(database)
    other = _read(lock)
    if other is not None and is_live(other, now):
        return other
    _write(lock, _me(user, now))
    return None


def _write(lock: Path, holder: Holder) -> None:
    spare = lock.with_name(lock.name + ".new")
    try:
        create_private_file(spare)  # the lock names the worker and the PC: owner-only, like the database
        spare.write_text(json.dumps(asdict(holder)), encoding="utf-8")
        os.replace(spare, lock)  # whole or not at all, so nobody reads half a lock
    except OSError:
        pass  # a read-only folder: the lock is a courtesy, not a reason to refuse the database


def refresh_lock(database: Path, now: datetime | None = None) -> None:
    """Say again that this PartnerDesk is running (only while the lock is ours), so other PCs see it is live."""
    held = _read(lock_path(database))
    if held is not None and (held.host, held.pid) == (this_machine(), os.getpid()):
        _write(lock_path(database), _me(held.user, now or datetime.now(UTC)))


def release_lock(database: Path) -> None:
    """Remove the lock if this PartnerDesk holds it (another window's lock is left alone)."""
    lock = lock_path(database)
    held = _read(lock)
    if held is not None and (held.host, held.pid) == (this_machine(), os.getpid()):
        lock.unlink(missing_ok=True)


def already_open_message(holder: Holder) -> str:
    """The warning shown when another PartnerDesk has the database open."""
    return (
        _(
            "This database is already open in another PartnerDesk ({describe}). If you both change the "
            "same record, PartnerDesk will show you both versions before saving, but it is simpler to "
            "close the other window first. If PartnerDesk is not running anywhere else, it was "
            "probably closed by a crash: carry on."
        ).format(
            describe=holder.describe(),
        )
    )
