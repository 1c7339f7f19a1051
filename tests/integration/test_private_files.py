"""Files only this account can read (issue 15 item 9): on Linux and macOS every file PartnerDesk writes is 0600 and
every folder it makes 0700, even when the account's umask (022) would make them readable by everyone, and files an
earlier version left readable are tightened when PartnerDesk next opens them."""

from __future__ import annotations

import os
import pwd
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from partnerdesk import logs
from partnerdesk.store import open_store, sharing
from partnerdesk.store.backup import backup_sqlite

pytestmark = pytest.mark.skipif(os.name != "posix", reason="Windows keeps the files in the user's own profile")

#: Run in a fresh interpreter: the real window (offscreen), closed by itself a moment after it has appeared, having
#: written a setting the way the pages do.
WINDOW = """
import sys
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
import partnerdesk.ui.app as app
from partnerdesk import cli

shown = app.start_window
def start_and_close(*args, **kwargs):
    started = shown(*args, **kwargs)
    QSettings().setValue("test/written", 1)
    QTimer.singleShot(1500, QApplication.quit)
    return started
app.start_window = start_and_close
sys.exit(cli.main(sys.argv[1:]))
"""


@pytest.fixture
def shared_umask() -> Iterator[None]:
    """The usual umask on a Linux PC (022): without PartnerDesk's care, new files would be readable by everyone."""
    before = os.umask(0o022)
    yield
    os.umask(before)


@pytest.fixture
def open_folder() -> Iterator[Path]:
    """A folder other accounts can walk into (pytest's own temporary folders are closed to them), so that a file's
    own permissions are all that stands between it and another account."""
    base = Path(tempfile.mkdtemp(prefix="partnerdesk-private-"))
    base.chmod(0o755)
    yield base
    shutil.rmtree(base, ignore_errors=True)


def _environment(home: Path) -> dict[str, str]:
    return {**os.environ, "PARTNERDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}


def _run(home: Path, *args: str, code: str | None = None) -> None:
    command = [sys.executable, "-c", code, *args] if code else [sys.executable, "-m", "partnerdesk", *args]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, env=_environment(home),
                            preexec_fn=lambda: os.umask(0o022))  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]


def _too_open(folder: Path) -> list[str]:
    """Every file or folder under folder (and folder itself) that a group or another account could use."""
    found = []
    for path in [folder, *folder.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        wanted = 0o700 if path.is_dir() else 0o600
        if mode != wanted:
            found.append(f"{path.relative_to(folder.parent)} {oct(mode)}")
    return found


def _other_account() -> str:
    if os.geteuid() != 0 or shutil.which("su") is None:
        pytest.skip("trying another account needs root (to become it) and su")
    try:
        pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("this computer has no 'nobody' account to try reading as")
    return "nobody"


def _readable_by(account: str, path: Path) -> bool:
    result = subprocess.run(["su", account, "-s", "/bin/sh", "-c", f"cat '{path}' > /dev/null"],
                            capture_output=True, timeout=30)  # fmt: skip
    return result.returncode == 0


def test_everything_the_command_line_and_the_window_write_is_for_this_account_only(open_folder):
    home, documents = open_folder / "PartnerDesk", open_folder / "Documents"
    documents.mkdir(mode=0o755)
    _run(home, "demo", "--people", "30", "--seed", "3")
    _run(home, "backup", "--to", str(home / "by-hand" / "copy.sqlite3"))
    _run(home, "backup")
    _run(home, "export", "people", "--out", str(documents / "people.xlsx"))
    _run(home, "export", "supervision", "--out", str(documents / "supervision.xlsx"))
    _run(home, "check")
    _run(home, code=WINDOW)

    written = {p.relative_to(home).as_posix() for p in home.rglob("*")}
    assert {"partnerdesk.sqlite3", "logs/partnerdesk.log", "by-hand/copy.sqlite3"} <= written
    assert any(name.startswith("backups/") for name in written)
    assert any(name.startswith("settings/") and name.endswith(".ini") for name in written)
    assert _too_open(home) == []
    exports = sorted(documents.iterdir())
    assert [p.name for p in exports] == ["people.xlsx", "supervision.xlsx"]
    assert [oct(stat.S_IMODE(p.stat().st_mode)) for p in exports] == ["0o600", "0o600"]


def test_another_account_on_the_pc_cannot_read_the_database_its_backups_or_logs(open_folder):
    account = _other_account()
    home = open_folder / "PartnerDesk"
    _run(home, "demo", "--people", "5", "--seed", "4")
    _run(home, "backup")
    control = open_folder / "notice.txt"  # what any account can read, to show the attempt itself works
    control.write_text("open to all", encoding="utf-8")
    control.chmod(0o644)
    assert _readable_by(account, control)
    home.chmod(0o755)  # even with the data folder opened up by hand, the files themselves stay closed
    files = [p for p in home.rglob("*") if p.is_file()]
    assert files
    assert [p.name for p in files if _readable_by(account, p)] == []


def test_files_an_earlier_version_left_readable_are_tightened_when_opened(open_folder, shared_umask):
    home = open_folder / "PartnerDesk"
    _run(home, "demo", "--people", "5", "--seed", "5")
    _run(home, "backup")
    stale = [home / "logs" / "partnerdesk.log.1", home / "settings" / "PartnerDesk" / "PartnerDesk.ini"]
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("older\n", encoding="utf-8")
    for path in [home, *home.rglob("*")]:  # as PartnerDesk left them before this change
        path.chmod(0o755 if path.is_dir() else 0o644)
    assert _too_open(home) != []

    _run(home, "check")
    _run(home, code=WINDOW)

    assert _too_open(home) == []


def test_used_as_a_library_with_an_open_umask_the_database_backups_lock_and_logs_are_still_private(
    tmp_path, shared_umask, monkeypatch
):
    """Without the command line's umask (another program importing PartnerDesk, or a test), each file is still made
    owner-only by the code that writes it."""
    monkeypatch.setenv("PARTNERDESK_HOME", str(tmp_path / "home"))
    database = tmp_path / "people.sqlite3"
    store = open_store(database)
    with store.glance() as connection:  # a write, so SQLite makes its working files
        connection.exec_driver_sql("CREATE TABLE scratch (x)")
        connection.commit()
    companions = [database.with_name(database.name + suffix) for suffix in ("-wal", "-shm")]
    companion_modes = [oct(stat.S_IMODE(path.stat().st_mode)) for path in companions]  # gone once it is closed
    copy = backup_sqlite(database, tmp_path / "backups" / "copy.sqlite3")
    sharing.take_lock(database, "worker")
    store.close()
    logs.setup_logging(max_bytes=200, backup_count=2)
    try:
        for number in range(20):  # enough lines to rotate the file twice
            logs.logging.getLogger("test").info("line %d of the log", number)
    finally:
        logs.stop_logging()
    log_files = sorted((tmp_path / "home" / "logs").iterdir())

    assert len(log_files) == 3
    assert companion_modes == ["0o600", "0o600"]
    checked = [database, copy, copy.parent, sharing.lock_path(database), *log_files]
    modes = {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in checked}
    assert modes == {p.name: "0o700" if p.is_dir() else "0o600" for p in checked}
    with sqlite3.connect(copy) as con:  # and the copy is whole
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_link_planted_in_the_data_folder_does_not_get_another_file_changed(open_folder, shared_umask, monkeypatch):
    outside = open_folder / "someone-elses.txt"
    outside.write_text("theirs", encoding="utf-8")
    outside.chmod(0o644)
    home = open_folder / "PartnerDesk"
    (home / "logs").mkdir(parents=True)
    (home / "logs" / "partnerdesk.log.1").symlink_to(outside)
    monkeypatch.setenv("PARTNERDESK_HOME", str(home))

    logs.setup_logging()
    logs.stop_logging()

    assert stat.S_IMODE(outside.stat().st_mode) == 0o644
    assert stat.S_IMODE((home / "logs").stat().st_mode) == 0o700
