"""Half-written files (backups, exports) under one recognisable name, so a crash never leaves personal data about.

A file being written goes to a hidden name beside its target: `.{target}.{pid}-{random}.partnerdesk.part`. It is
created readable by its owner only, removed when the work fails and renamed over the target when it succeeds. If
the program is killed part way, the next start sweeps the folder (sweep_partials) and removes what a dead process
left behind, together with any SQLite working files (-journal, -wal, -shm) beside it.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import sys
import time
from pathlib import Path

MARK = ".partnerdesk.part"
_NAME = re.compile(r"^\..+\.(?P<pid>\d+)-[0-9a-f]+" + re.escape(MARK) + r"(-journal|-wal|-shm)?$")
#: Where a process cannot be asked whether it is still running (Windows), only files this old are swept.
_STALE_SECONDS = 24 * 3600


def partial_path(target: Path) -> Path:
    """A new, empty, owner-only file beside target for writing target's contents to before it takes the name."""
    partial = target.with_name(f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}{MARK}")
    os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    return partial


def remove_partial(partial: Path) -> None:
    """Remove a partial file and any SQLite working files beside it; never fails."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            partial.with_name(partial.name + suffix).unlink(missing_ok=True)


def _still_running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform.startswith("win"):
        return True  # no safe way to ask without a handle; the age test decides instead
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def sweep_partials(*folders: Path) -> int:
    """Remove partial files left in these folders by processes that died part way; returns how many went.

    A file whose writer is still running is left alone (two PartnerDesks may work in one folder), and nothing
    here ever raises: a folder that cannot be read or changed is simply skipped.
    """
    removed = 0
    now = time.time()
    for folder in folders:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            match = _NAME.match(entry.name)
            if match is None:
                continue
            with contextlib.suppress(OSError):
                if _still_running(int(match["pid"])) and now - entry.stat().st_mtime < _STALE_SECONDS:
                    continue
                os.unlink(entry.path)
                removed += 1
    return removed


def partials_in(folder: Path) -> list[Path]:
    """Every partial file in a folder (for tests and reports)."""
    try:
        return sorted(p for p in folder.iterdir() if _NAME.match(p.name))
    except OSError:
        return []
