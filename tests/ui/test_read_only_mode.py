"""A database that must not be changed (on a network share or in a cloud folder, read-only, damaged) opens read-only:
a banner says why and what to do, the title says "(read-only)", nothing that writes can be used, and the file keeps
every byte."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QPushButton
from sqlalchemy import text

from partnerdesk.services.people.people import create_person
from partnerdesk.store import sharing
from partnerdesk.ui.app import start_window
from partnerdesk.ui.people.area import PeopleArea
from partnerdesk.ui.read_only_banner import writes
from tests.builders import add_person, count_rows, garble_people, new_store, person_data


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def _database(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    store = new_store(folder, "pd.sqlite3")
    add_person(store, full_name="Aled Jones")
    store.close()
    return folder / "pd.sqlite3"


@pytest.fixture
def opened(qtbot):
    """Opens a window the way PartnerDesk starts, and closes it (and its database) after the test."""
    made = []

    def open_window(db: Path):
        started = start_window(db)
        assert started is not None
        window, store, lock = started
        qtbot.addWidget(window)
        made.append((store, lock))
        return window

    yield open_window
    for store, lock in made:
        lock.stop()
        store.close()


def _banner(window) -> str:
    banner = window.findChild(QLabel, "readOnlyBanner")
    assert banner is not None and banner.isVisible()
    return banner.text()


def _assert_nothing_can_be_written(window, qtbot, dialogs) -> None:
    """What a worker sees: title, New and Delete greyed out, exports still there, and a save that gets through
    anyway refused in words."""
    assert window.windowTitle().endswith("(read-only)")
    entries = {a.text(): a for a in window.menuBar().actions()[0].menu().actions()}
    assert not entries["&New person…"].isEnabled() and not entries["New &meeting…"].isEnabled()
    assert entries["&Export people to a spreadsheet…"].isEnabled()
    window.show_area(window.area(PeopleArea))
    buttons = {b.text(): b for b in window.people.findChildren(QPushButton)}
    assert not buttons["&New person"].isEnabled() and not buttons["&Delete to Bin"].isEnabled()
    assert buttons["E&xport to spreadsheet…"].isEnabled()
    window.people.table.selectRow(0)  # a selection would normally allow Delete
    qtbot.wait(50)
    assert not buttons["&Delete to Bin"].isEnabled()
    dialogs.told.clear()
    assert window.writer.run(window, lambda s: create_person(s, person_data(full_name="Bethan Evans"))) is None
    [refusal] = dialogs.told
    assert refusal.startswith("Nothing was changed, because this database is open read-only")
    assert count_rows(window.writer.store, "people") == 1


def test_a_database_in_a_cloud_folder_is_shown_read_only(qtbot, tmp_path, dialogs, opened):
    db = _database(tmp_path / "OneDrive - Charity")
    before, files = _digest(db), _files(db.parent)
    window = opened(db)
    text = _banner(window)
    assert text.startswith("This database is open read-only: the database is inside a folder that a cloud service")
    assert "keep the database on this computer" in text
    _assert_nothing_can_be_written(window, qtbot, dialogs)
    assert _digest(db) == before and _files(db.parent) == files  # not even a lock file beside it


def test_a_database_on_a_network_share_is_shown_read_only(qtbot, tmp_path, dialogs, opened, monkeypatch):
    share = tmp_path / "office"
    # As tests/unit/test_sharing.py does: the share is a cifs mount in the mount table.
    monkeypatch.setattr(sharing, "_linux_mounts", lambda _file: [("/", "ext4"), (str(share), "cifs")])
    db = _database(share)
    before, files = _digest(db), _files(share)
    window = opened(db)
    assert _banner(window).startswith("This database is open read-only: the database is on a network share.")
    _assert_nothing_can_be_written(window, qtbot, dialogs)
    assert _digest(db) == before and _files(share) == files


def _chattr(flag: str, path: Path) -> bool:
    if shutil.which("chattr") is None:
        return False
    return subprocess.run(["chattr", flag, str(path)], capture_output=True).returncode == 0


def test_a_read_only_file_is_shown_read_only(qtbot, tmp_path, dialogs, opened):
    db = _database(tmp_path / "data")
    if not _chattr("+i", db):  # as tests/integration/test_faults_files.py: root can write through chmod
        pytest.skip("chattr +i is not possible here (needs root and a filesystem with the immutable flag)")
    try:
        before, files = _digest(db), _files(db.parent)
        window = opened(db)
        assert _banner(window).startswith("This database is open read-only: the file or its folder is read-only")
        _assert_nothing_can_be_written(window, qtbot, dialogs)
        assert _digest(db) == before and _files(db.parent) == files
    finally:
        _chattr("-i", db)


def test_damage_found_while_open_switches_to_read_only(qtbot, tmp_path, dialogs, opened):
    db = tmp_path / "data" / "pd.sqlite3"
    db.parent.mkdir()
    store = new_store(db.parent, db.name)
    add_person(store, full_name="Aled Jones")
    store.close()
    garble_people(db)
    window = opened(db)
    qtbot.waitUntil(lambda: window.findChild(QLabel, "readOnlyBanner") is not None, timeout=10000)
    text = _banner(window)
    assert "found damage in it" in text and "partnerdesk check" in text
    assert window.windowTitle().endswith("(read-only)")
    entries = {a.text(): a for a in window.menuBar().actions()[0].menu().actions()}
    assert not entries["&New person…"].isEnabled() and entries["&Export people to a spreadsheet…"].isEnabled()
    before = _digest(db)
    dialogs.told.clear()
    assert window.writer.run(window, lambda s: create_person(s, person_data(full_name="Bethan Evans"))) is None
    assert dialogs.told and dialogs.told[0].startswith("Nothing was changed")
    assert _digest(db) == before


def test_a_sound_database_on_this_computer_opens_for_work(qtbot, tmp_path, opened):
    window = opened(_database(tmp_path / "data"))
    qtbot.wait(300)  # the health check has had its chance
    assert window.findChild(QLabel, "readOnlyBanner") is None
    assert "(read-only)" not in window.windowTitle()
    entries = {a.text(): a for a in window.menuBar().actions()[0].menu().actions()}
    assert entries["&New person…"].isEnabled()


@pytest.mark.parametrize(("text", "changes"), [
    ("&New person…", True), ("&Save", True), ("Delete actio&n", True), ("Approve", True), ("Record &interest", True),
    ("&Keep all mine", True), ("E&xport…", False), ("Close", False), ("Cancel", False), ("&Print sheet…", False),
    ("Show &confidential notes", False), ("&Suggest back-ups", False),
])  # fmt: skip
def test_writing_controls_are_told_by_their_words(text, changes):
    assert writes(text) is changes


@pytest.mark.parametrize("language", ["cy", "pseudo"])
def test_writing_controls_are_told_in_any_language(language, tmp_path, monkeypatch):
    from partnerdesk import i18n
    from tests.builders import welsh_catalogue

    monkeypatch.setattr(i18n, "CATALOGUES", welsh_catalogue(tmp_path))
    i18n.set_language(language)
    try:
        assert writes(i18n._("&New person…")) and not writes(i18n._("E&xport…"))
    finally:
        i18n.set_language(i18n.ENGLISH)


def test_a_form_opened_read_only_can_be_read_but_not_saved_and_keeps_no_draft(qtbot, tmp_path, dialogs, opened):
    from partnerdesk.ui.people.person_form import PersonForm

    db = _database(tmp_path / "Dropbox")
    before = _digest(db)
    window = opened(db)
    with window.writer.store.reader() as session:
        [person_id] = [row[0] for row in session.execute(text("SELECT id FROM people"))]
    form = PersonForm(window.writer, person_id, None, window)
    qtbot.addWidget(form)
    form.show()
    assert form.fields.widgets["full_name"].text() == "Aled Jones"
    assert not form.save_button.isEnabled() and not form.delete_button.isEnabled()
    form.fields.widgets["notes"].setPlainText("Prefers mornings")
    form.save_draft()
    form.reject()  # no "save your changes?" question: they could not be kept
    assert dialogs.asked == [] and dialogs.told == []
    assert count_rows(window.writer.store, "form_drafts") == 0 and _digest(db) == before
