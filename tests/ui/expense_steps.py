"""Steps shared by the expenses GUI tests: dialogs shown without waiting, and forms filled in as a person would."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from tests.builders import tiny_pdf

#: A tiny real PDF: what a scanner sends (receipts are parsed before they are kept).
TINY_PDF = tiny_pdf()


@pytest.fixture
def shown(monkeypatch) -> list:
    """Expenses dialogs that would wait for the person are shown without waiting instead, listed in the order opened,
    so a test can fill them in and press their buttons."""
    from partnerdesk.ui.expenses.budgets_page import HeadingDialog
    from partnerdesk.ui.expenses.claim_form import ClaimForm
    from partnerdesk.ui.expenses.line_dialog import LineDialog
    from partnerdesk.ui.expenses.status_panel import StepDialog
    from partnerdesk.ui.settings.window import SettingsWindow

    opened = []

    def show(dialog) -> int:
        opened.append(dialog)
        dialog.show()
        return 0

    for kind in (ClaimForm, LineDialog, StepDialog, HeadingDialog, SettingsWindow):
        monkeypatch.setattr(kind, "exec", show)
    return opened


@pytest.fixture
def chosen_files(monkeypatch) -> list[str]:
    """Paths the file chooser hands back, in order (none left: the person cancels)."""
    paths: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (paths.pop(0) if paths else "", ""))
    return paths


def type_into(qtbot, widget, text: str) -> None:
    """Clear a box and type into it key by key, then leave it (Tab), as a person would."""
    widget.setFocus()
    widget.selectAll()
    widget.clear()
    qtbot.keyClicks(widget, text)
    widget.editingFinished.emit()


def add_line(qtbot, form, shown: list, category: str, **typed) -> object:
    """Press Add line, fill the line dialog and press Save line; returns the dialog (closed when saved)."""
    form.lines.buttons["add"].click()
    dialog = shown[-1]
    dialog.category.set_code(category)
    for key, value in typed.items():
        widget = getattr(dialog, key)
        if hasattr(widget, "set_code"):
            widget.set_code(value)
        elif hasattr(widget, "setValue"):
            widget.setValue(value)
        else:
            type_into(qtbot, widget, value)
    return dialog


def select_line(form, text: str) -> None:
    """Click the line whose kind (second column) is text."""
    table = form.lines.table
    row = next(r for r in range(table.rowCount()) if table.item(r, 1).text().startswith(text))
    table.setCurrentCell(row, 0)
    table.selectRow(row)


def write_receipts(folder: Path) -> tuple[Path, Path]:
    from tests.builders import TINY_PNG

    png, pdf = folder / "parking.png", folder / "taxi-receipt.pdf"
    png.write_bytes(TINY_PNG)
    pdf.write_bytes(TINY_PDF)
    return png, pdf


def enter_key(qtbot, widget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Return)
