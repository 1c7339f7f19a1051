"""An error nobody expected, in the window: written to the log (without its message) and shown in plain words,
with "Copy details" and "Open log folder"; and Help → Open log folder."""

from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QLabel, QPushButton

from partnerdesk import logs, paths
from partnerdesk.ui.background import run_with_progress
from partnerdesk.ui.crash_dialog import HEADLINE, install_crash_reporter
from tests.builders import database_error_quoting

MARKER = "Zebedee-Marker-Quist"


@pytest.fixture
def opened_urls(monkeypatch) -> list[QUrl]:
    """Folders PartnerDesk asked the computer's file manager to show (none is really opened)."""
    urls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url) or True)
    return urls


@pytest.fixture
def crash_reporter(qapp, monkeypatch):
    """PartnerDesk's own error handling, as run_app installs it, undone after the test."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    logs.setup_logging()
    reporter = install_crash_reporter(qapp)
    yield reporter
    if reporter.dialog is not None:
        reporter.dialog.close()
    logs.set_crash_reporter(None)
    logs.stop_logging()
    reporter.deleteLater()


def shown_dialog(qtbot, reporter):
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible(), timeout=3000)
    return reporter.dialog


def log_text() -> str:
    return logs.log_file().read_text(encoding="utf-8")


@pytest.mark.qt_no_exception_capture  # the app's own hook must see the error, not pytest-qt's
def test_an_error_in_a_slot_is_logged_and_shown_with_copy_details_and_open_log_folder(
    qtbot, crash_reporter, opened_urls
):
    button = QPushButton("Save")
    qtbot.addWidget(button)

    def save_clicked():
        raise database_error_quoting(MARKER)

    button.clicked.connect(save_clicked)
    button.show()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    dialog = shown_dialog(qtbot, crash_reporter)
    assert "uncaught error" in log_text() and "sqlalchemy.exc.IntegrityError" in log_text()
    assert "in save_clicked" in log_text()
    assert MARKER not in log_text()
    assert dialog.findChild(QLabel, "crashHeadline").text() == HEADLINE
    texts = [b.text() for b in dialog.findChildren(QPushButton)]
    assert "Copy details" in texts and "Open log folder" in texts

    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert copied == dialog.details
    assert "IntegrityError" in copied and "in save_clicked" in copied
    assert MARKER not in copied

    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    assert [url.toLocalFile() for url in opened_urls] == [str(paths.logs_dir())]


@pytest.mark.qt_no_exception_capture
def test_a_repeating_error_shows_one_dialog_but_is_logged_each_time(qtbot, crash_reporter):
    button = QPushButton("Again")
    qtbot.addWidget(button)
    button.clicked.connect(lambda: 1 / 0)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    first = shown_dialog(qtbot, crash_reporter)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.wait(50)
    assert crash_reporter.dialog is first
    assert log_text().count("ZeroDivisionError") == 2


def test_an_error_on_another_thread_is_shown_on_the_windows_thread(qtbot, crash_reporter):
    def export_in_background():
        raise database_error_quoting(MARKER)

    worker = threading.Thread(target=export_in_background, name="exporter")
    worker.start()
    worker.join()
    dialog = shown_dialog(qtbot, crash_reporter)
    assert dialog.thread() is crash_reporter.thread()  # made on the window's thread, where widgets must be made
    assert "in export_in_background" in dialog.details and MARKER not in dialog.details
    assert "uncaught error in thread exporter" in log_text()


@pytest.mark.qt_no_exception_capture
def test_an_unexpected_error_while_saving_is_logged_and_shown_and_nothing_is_saved(qtbot, crash_reporter, writer):
    def buggy(_session):
        raise KeyError(MARKER)

    assert writer.run(None, buggy) is None
    shown_dialog(qtbot, crash_reporter)
    assert "unexpected error while saving in" in log_text() and "buggy" in log_text()
    assert "KeyError" in log_text()
    assert MARKER not in log_text()


@pytest.mark.qt_no_exception_capture
def test_an_unexpected_error_in_long_work_is_shown_in_the_crash_dialog_not_quoted(qtbot, crash_reporter, dialogs):
    def work(_progress):
        raise database_error_quoting(MARKER)

    assert run_with_progress(None, "Export people", "Writing…", work) == (False, None)
    shown_dialog(qtbot, crash_reporter)
    assert not any(MARKER in text for text in dialogs.told)
    assert "IntegrityError" in log_text() and MARKER not in log_text()


def test_help_open_log_folder_shows_the_logs_folder(window, menu, opened_urls):
    menu("Open log folder")
    assert [url.toLocalFile() for url in opened_urls] == [str(paths.logs_dir())]
