from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from partnerdesk.ui.app import make_application
from partnerdesk.ui.main_window import MainWindow
from partnerdesk.ui.ops import Writer
from tests.marker_check import MARKER

Button = QMessageBox.StandardButton


@dataclass
class Dialogs:
    """Stands in for the person answering message boxes and file choosers, and remembers what was asked.

    A modal box left unanswered would stop the test run for ever, so every test gets this. Unless a test says
    otherwise, questions get the safe answer (Discard when offered, otherwise No) and file choosers are cancelled.
    """

    answers: list = field(default_factory=list)
    clicks: list[str] = field(default_factory=list)
    save_as: list[str] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)
    told: list[str] = field(default_factory=list)

    def question(self, _parent, _title, text, buttons=Button.Yes | Button.No, *_args, **_kwargs):
        self.asked.append(text)
        if self.answers:
            return self.answers.pop(0)
        return Button.Discard if buttons & Button.Discard else Button.No

    def tell(self, _parent, _title, text, *_args, **_kwargs):
        self.told.append(text)
        return Button.Ok

    def exec_box(self, box: QMessageBox) -> int:
        """A message box with buttons of its own: press the one named next in clicks (none: close it)."""
        self.asked.append(box.text())
        wanted = self.clicks.pop(0) if self.clicks else None
        for button in box.buttons():
            if button.text() == wanted:
                button.click()
        return 0

    def save_file(self, *_args, **_kwargs):
        return (self.save_as.pop(0) if self.save_as else "", "")


@pytest.fixture(autouse=True)
def dialogs(monkeypatch) -> Iterator[Dialogs]:
    fake = Dialogs()
    monkeypatch.setattr(QMessageBox, "question", fake.question)
    for name in ("information", "warning", "critical", "about"):
        monkeypatch.setattr(QMessageBox, name, fake.tell)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: fake.exec_box(box))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake.save_file)
    yield fake
    # No message box may quote a confidential field (tests/marker_check.py): messages carry ids and advice only.
    shown = [text for text in (*fake.told, *fake.asked) if MARKER in text]
    assert not shown, f"a message box showed the confidential marker ({MARKER})"


@pytest.fixture(autouse=True)
def no_windows_left(qapp, dialogs) -> Iterator[None]:
    """Delete every window and dialog a test left behind (pytest-qt only closes the ones given to qtbot).

    Left alive they pile up over the run: each restyle re-polishes all of them and each lock's event filter sees
    every event, so the suite grew slower with every test. Runs before dialogs' teardown, so its stand-in answers
    still apply.
    """
    yield
    for widget in QApplication.topLevelWidgets():
        widget.hide()
        widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def writer(qapp, store):
    make_application()  # PartnerDesk's names, settings location and style on pytest-qt's QApplication
    return Writer(store)


@pytest.fixture
def window(qtbot, writer):
    w = MainWindow(writer)
    qtbot.addWidget(w)
    w.show()
    return w


@pytest.fixture
def answer_yes(dialogs) -> list[str]:
    """Answer 'Yes' to every confirmation question; returns the questions asked."""
    dialogs.answers.extend([Button.Yes] * 20)
    return dialogs.asked


@pytest.fixture
def go(window):
    """Go to a page of the main window as a person would, by clicking its name in the list of areas."""

    def to(page) -> None:
        window.show_page(page)
        assert window.current_page() is page

    return to


@pytest.fixture
def menu(window):
    """Choose a menu entry by its words (without the & marks), as a person would from the menu bar."""

    def choose(text: str) -> None:
        for top in window.menuBar().actions():
            for action in top.menu().actions():
                if action.text().replace("&", "") == text:
                    action.trigger()
                    return
        raise AssertionError(f"no menu entry called {text!r}")

    return choose


@pytest.fixture
def opened(monkeypatch) -> list:
    """Meeting forms and series dialogs that PartnerDesk opens (and would wait on) are shown without waiting instead,
    and listed here in the order opened, so a test can fill them in as a person would."""
    from partnerdesk.ui.meetings.meeting_form import MeetingForm
    from partnerdesk.ui.meetings.series_dialog import SeriesDialog

    shown = []

    def show(dialog) -> int:
        shown.append(dialog)
        dialog.show()
        return 0

    for kind in (MeetingForm, SeriesDialog):
        monkeypatch.setattr(kind, "exec", show)
    return shown


@pytest.fixture
def driven(monkeypatch):
    """Stand in for the person using the next dialogs: each class's exec runs the given function on the dialog."""
    steps: dict[type, list] = {}
    seen: list = []

    def drive(kind: type, step) -> None:
        if kind not in steps:
            steps[kind] = []
            monkeypatch.setattr(kind, "exec", lambda dialog: (seen.append(dialog), steps[kind].pop(0)(dialog))[1])
        steps[kind].append(step)

    drive.seen = seen
    return drive
