import pytest

from partnerdesk.ui.app import make_application
from partnerdesk.ui.main_window import MainWindow
from partnerdesk.ui.ops import Writer


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
def answer_yes(monkeypatch):
    """Answer 'Yes' to the next confirmation questions instead of waiting for a person."""
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []

    def question(_parent, _title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked
