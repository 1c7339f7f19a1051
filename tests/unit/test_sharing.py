"""Where the database lives and who else has it open: network and cloud folders refused, a lock file beside it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from partnerdesk.store import StoreError
from partnerdesk.store.sharing import (
    OTHER_HOST_STALE_AFTER,
    already_open_message,
    lock_path,
    refresh_lock,
    refuse_shared_location,
    release_lock,
    shared_location_problem,
    take_lock,
    this_machine,
)

NOW = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)
MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
/dev/sdb1 /media/usb vfat rw 0 0
//server/office /mnt/office cifs rw 0 0
server:/export /srv/nfs nfs4 rw 0 0
me@host:/home /mnt/ssh fuse.sshfs rw 0 0
/dev/sdc1 /mnt/office/local\\040disk ext4 rw 0 0
"""


@pytest.fixture
def mounts(tmp_path) -> Path:
    file = tmp_path / "mounts"
    file.write_text(MOUNTS)
    return file


@pytest.mark.parametrize("where", ["/mnt/office/pd.sqlite3", "/srv/nfs/team/pd.sqlite3", "/mnt/ssh/pd.sqlite3"])
def test_a_database_on_a_linux_network_share_is_refused(where, mounts):
    assert shared_location_problem(where, mounts_file=mounts, platform="linux") == "The database is on a network share."


@pytest.mark.parametrize("where", ["/home/me/pd.sqlite3", "/media/usb/pd.sqlite3", "/mnt/office/local disk/pd.sqlite3",
                                   "/mnt/officer/pd.sqlite3"])
def test_local_disks_and_usb_sticks_are_fine(where, mounts):
    assert shared_location_problem(where, mounts_file=mounts, platform="linux") is None


@pytest.mark.parametrize("where", [r"\\server\share\pd.sqlite3", "//server/share/pd.sqlite3"])
def test_unc_paths_are_network_shares_everywhere(where):
    assert shared_location_problem(where, platform="win32") == "The database is on a network share."


CLOUD_PLACES = ["OneDrive", "OneDrive - Cardiff Mind", "Dropbox", "Google Drive", "iCloud Drive",
                "Library/Mobile Documents/com~apple~CloudDocs", "Library/CloudStorage/OneDrive-Personal"]


@pytest.mark.parametrize("folder", CLOUD_PLACES)
def test_cloud_synced_folders_are_refused(folder, tmp_path, mounts):
    where = tmp_path / folder / "pd.sqlite3"
    assert "cloud service" in shared_location_problem(where, mounts_file=mounts, platform="linux")


def test_a_folder_merely_mentioning_a_cloud_is_fine(tmp_path, mounts):
    where = tmp_path / "Dropbox notes archive" / "pd.sqlite3"
    assert shared_location_problem(where, mounts_file=mounts, platform="linux") is None


def test_the_refusal_explains_the_safe_alternative(tmp_path):
    with pytest.raises(StoreError) as caught:
        refuse_shared_location(tmp_path / "OneDrive" / "pd.sqlite3")
    assert "keep the database on this computer" in str(caught.value)
    assert "backup" in str(caught.value)
    refuse_shared_location(tmp_path / "pd.sqlite3")  # the ordinary case says nothing


# --------------------------------------------------------------------------------- the lock file
def test_the_first_partnerdesk_takes_the_lock_and_releases_it(tmp_path):
    database = tmp_path / "pd.sqlite3"
    assert take_lock(database, "tester", NOW) is None
    held = json.loads(lock_path(database).read_text())
    assert (held["host"], held["user"], held["pid"]) == (this_machine(), "tester", os.getpid())
    release_lock(database)
    assert not lock_path(database).exists()


def _lock(database: Path, **holder) -> None:
    fields = {"host": this_machine(), "user": "colleague", "pid": os.getpid(), "time": NOW.isoformat(), **holder}
    lock_path(database).write_text(json.dumps(fields))


def test_a_running_partnerdesk_on_this_pc_is_reported(tmp_path):
    database = tmp_path / "pd.sqlite3"
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        _lock(database, pid=other.pid)
        holder = take_lock(database, "tester", NOW)
        assert holder is not None and holder.user == "colleague"
        assert "colleague on the computer" in already_open_message(holder)
        release_lock(database)  # not ours: left alone
        assert lock_path(database).exists()
    finally:
        other.kill()
        other.wait()
    assert take_lock(database, "tester", NOW) is None  # its process has gone: the lock was stale
    assert json.loads(lock_path(database).read_text())["user"] == "tester"


def test_another_pc_holds_the_lock_while_it_keeps_it_fresh(tmp_path):
    database = tmp_path / "pd.sqlite3"
    _lock(database, host="office-pc", pid=1, time=(NOW - timedelta(minutes=2)).isoformat())
    assert take_lock(database, "tester", NOW).host == "office-pc"
    later = NOW + OTHER_HOST_STALE_AFTER
    assert take_lock(database, "tester", later) is None  # it stopped refreshing: a crash left it


def test_refreshing_keeps_our_lock_recent_and_leaves_others_alone(tmp_path):
    database = tmp_path / "pd.sqlite3"
    take_lock(database, "tester", NOW)
    refresh_lock(database, NOW + timedelta(minutes=5))
    assert json.loads(lock_path(database).read_text())["time"] == (NOW + timedelta(minutes=5)).isoformat()
    _lock(database, host="office-pc")
    refresh_lock(database, NOW + timedelta(minutes=10))
    assert json.loads(lock_path(database).read_text())["host"] == "office-pc"


def test_a_damaged_lock_file_is_replaced(tmp_path):
    database = tmp_path / "pd.sqlite3"
    lock_path(database).write_text("{half a lo")
    assert take_lock(database, "tester", NOW) is None
    assert json.loads(lock_path(database).read_text())["user"] == "tester"


MAC_MOUNT = """\
/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)
//me@server/Team on /Volumes/Team (smbfs, nodev, nosuid, mounted by me)
/dev/disk4s1 on /Volumes/USB STICK (msdos, local, nodev, nosuid, noowners)
"""


@pytest.mark.parametrize(("where", "problem"), [("/Volumes/Team/pd.sqlite3", "The database is on a network share."),
                                                 ("/Volumes/USB STICK/pd.sqlite3", None),
                                                 ("/Users/me/pd.sqlite3", None)])
def test_macos_network_volumes_are_found_from_mount(where, problem):
    assert shared_location_problem(where, platform="darwin", mac_mounts=MAC_MOUNT) == problem
