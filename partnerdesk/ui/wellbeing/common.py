"""Pieces the wellbeing and supervision screens share: read-only tables, the copyright line, the summary of problems
shown above a form, and the small one-tab form. (People are chosen with ui.widgets.person_picker.)"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.i18n import N_, _
from partnerdesk.rules.wellbeing import SWEMWBS_COPYRIGHT
from partnerdesk.services.common.errors import EditConflict, ValidationError
from partnerdesk.ui.ops import Writer, changed_elsewhere_text
from partnerdesk.ui.widgets.field_message import problems_summary, say_problems
from partnerdesk.ui.widgets.field_tabs import FieldTabs
from partnerdesk.ui.widgets.form_dialog import FormDialog

ID_ROLE = Qt.ItemDataRole.UserRole + 1
URGENT = QColor("#b00020")  # the Today page's red: readable on white, and the words say "overdue" too


def read_only_table(headings: Sequence[str], name: str, widths: Sequence[int] = ()) -> QTableWidget:
    """A table people read and pick rows from (whole rows, one at a time), never type into."""
    table = QTableWidget(0, len(headings))
    table.setHorizontalHeaderLabels([_(heading) for heading in headings])
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)  # Tab leaves the table for the buttons, as people expect
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(30)
    for column, width in enumerate(widths):
        table.setColumnWidth(column, width)
    table.horizontalHeader().setSectionResizeMode(len(headings) - 1, QHeaderView.ResizeMode.Stretch)
    return table


def fill_table(table: QTableWidget, rows: Sequence[tuple[str | None, Sequence[str], bool]]) -> None:
    """Put rows of (record id, cell texts, urgent) in a table; urgent rows are red (their words say why too)."""
    table.setRowCount(0)
    table.setRowCount(len(rows))
    for number, (record_id, cells, urgent) in enumerate(rows):
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setData(ID_ROLE, record_id)
            item.setToolTip(text)
            if urgent:
                item.setForeground(QBrush(URGENT))
            table.setItem(number, column, item)
    if rows:
        table.selectRow(0)


def selected_id(table: QTableWidget) -> str | None:
    """The record id of the table's selected row, or None."""
    row = table.currentRow()
    item = table.item(row, 0) if row >= 0 else None
    return item.data(ID_ROLE) if item is not None else None


def copyright_label() -> QLabel:
    """The SWEMWBS copyright line, which must be shown wherever the items or scores are."""
    label = QLabel(SWEMWBS_COPYRIGHT)
    label.setObjectName("smallPrint")
    label.setWordWrap(True)
    label.setAccessibleName(_("SWEMWBS copyright"))
    return label


class SmallForm(FormDialog):
    """One tab of fields, Save and Cancel; subclasses add rows to self.tab and write work(session, data)."""

    def __init__(self, writer: Writer, title: str, save_text: str = N_("&Save"), parent: QWidget | None = None, *,
                 name: str | None = None, tab: str | None = None, width: int = 680):  # fmt: skip
        """title: the window's; name and tab: the fields' accessible name and their tab's title (title by default)."""
        super().__init__(parent)
        self.writer = writer
        self.setWindowTitle(title)
        self.setMinimumWidth(width)
        self.summary = problems_summary()
        self.fields = FieldTabs(name or title)
        self.tab = self.fields.tab(tab or title)
        buttons = QDialogButtonBox()
        buttons.addButton(_(save_text), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.wire_buttons(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.fields)
        layout.addWidget(buttons)

    def values(self) -> tuple[dict[str, Any], dict[str, str]]:
        raise NotImplementedError

    def work(self, session, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def load(self) -> None:
        """Read the record being changed into the form again (forms that change a record provide this)."""

    def save(self) -> bool:
        data, problems = self.values()
        try:
            if problems:
                raise ValidationError(problems)
            done = self.writer.run(self, lambda s: self.work(s, data))
        except EditConflict as conflict:  # someone else changed it: show theirs, so nothing is lost unseen
            QMessageBox.information(self, _("Changed by someone else"), changed_elsewhere_text(conflict))
            self.load()
            return False
        except ValidationError as exc:
            say_problems(self.summary, exc.messages, self.fields.show_messages(exc.messages))
            return False
        if done is None:
            return False
        self.accept()
        return True
