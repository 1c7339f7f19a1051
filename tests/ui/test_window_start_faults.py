"""The window's start on a database it cannot use: a plain message with what to do, never a crash or a blank page."""

from __future__ import annotations

from partnerdesk.store import open_store
from partnerdesk.ui.app import run_app, watch_health
from partnerdesk.ui.main_window import MainWindow
from partnerdesk.ui.ops import Writer
from tests.builders import add_person, garble_people, new_store


def test_a_damaged_database_is_reported_in_plain_words_once_the_window_is_up(qtbot, tmp_path, dialogs):
    """The audit's case: a damaged page that the first screen does not read used to leave a blank Today."""
    db = tmp_path / "damaged.sqlite3"
    store = new_store(tmp_path, db.name)
    add_person(store, full_name="Marker Person")
    store.close()
    garble_people(db)
    store = open_store(db)
    window = MainWindow(Writer(store))
    qtbot.addWidget(window)
    watch_health(window, store)
    qtbot.waitUntil(lambda: bool(dialogs.told), timeout=10000)
    [message] = dialogs.told
    assert "damaged" in message.lower() and "check" in message
    assert "Marker" not in message and "Traceback" not in message
    store.close()


def test_a_sound_database_raises_no_alarm(qtbot, tmp_path, dialogs):
    store = new_store(tmp_path)
    add_person(store)
    window = MainWindow(Writer(store))
    qtbot.addWidget(window)
    watch_health(window, store)
    qtbot.wait(500)
    assert dialogs.told == []
    store.close()


def test_a_file_that_is_not_a_database_gets_a_plain_message(qapp, tmp_path, dialogs):
    db = tmp_path / "notes.sqlite3"
    db.write_text("Name,Notes\nAled,private\n", encoding="utf-8")
    assert run_app(db) == 1
    [message] = dialogs.told
    assert "not a PartnerDesk database" in message and "private" not in message
