"""The command line and a database on a network share or in a cloud-synced folder: commands that change it refuse
with the window's plain advice and change nothing; commands that only read still work."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from partnerdesk import cli
from partnerdesk.store import sharing
from tests.builders import add_person, new_store


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(params=["cloud", "network"])
def shared_db(request, tmp_path, monkeypatch) -> Path:
    """A PartnerDesk database in a OneDrive folder, or on a share the mount table calls cifs (as test_sharing)."""
    if request.param == "cloud":
        folder = tmp_path / "OneDrive - Charity"
    else:
        folder = tmp_path / "office"
        monkeypatch.setattr(sharing, "_linux_mounts", lambda _file: [("/", "ext4"), (str(folder), "cifs")])
    folder.mkdir()
    store = new_store(folder, "pd.sqlite3")
    add_person(store)
    store.close()
    return folder / "pd.sqlite3"


def test_demo_refuses_a_shared_database_and_changes_nothing(shared_db, capsys):
    before, files = _digest(shared_db), sorted(p.name for p in shared_db.parent.iterdir())
    assert cli.main(["--db", str(shared_db), "demo", "--people", "5"]) == 1
    err = capsys.readouterr().err
    assert "PartnerDesk will not open it there" in err and "keep the database on this computer" in err
    assert "Traceback" not in err
    assert _digest(shared_db) == before and sorted(p.name for p in shared_db.parent.iterdir()) == files


def test_demo_refuses_a_new_database_in_a_cloud_folder_without_making_it(tmp_path, capsys):
    db = tmp_path / "Dropbox" / "pd.sqlite3"
    db.parent.mkdir()
    assert cli.main(["--db", str(db), "demo", "--people", "5"]) == 1
    assert "cloud service" in capsys.readouterr().err
    assert not db.exists()


def test_check_and_export_still_read_a_shared_database(shared_db, tmp_path, capsys):
    before = _digest(shared_db)
    assert cli.main(["--db", str(shared_db), "check"]) == 0
    out = tmp_path / "people.xlsx"
    assert cli.main(["--db", str(shared_db), "export", "people", "--out", str(out)]) == 0
    assert "Wrote 1 person" in capsys.readouterr().out
    assert out.exists() and _digest(shared_db) == before
