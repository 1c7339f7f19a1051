"""A claim's lines and their receipts: add, change and remove lines; attach, list and save out receipts; totals.

Each change is saved at once through the Writer (one small transaction), and refused with a message if wrong.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.i18n import N_, _, ngettext
from partnerdesk.rules.dates import format_uk
from partnerdesk.rules.money import format_pounds
from partnerdesk.rules.payments import EXPENSE_CATEGORIES
from partnerdesk.services.common.errors import ValidationError
from partnerdesk.services.expenses.claims import get_claim
from partnerdesk.services.expenses.lines import claim_lines, lines_missing_receipts, remove_line
from partnerdesk.services.expenses.receipts import add_receipt, receipt_file, receipts_for_claim, remove_receipt
from partnerdesk.ui.expenses.line_dialog import LineDialog
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.widgets.field_message import FieldMessage

ID_ROLE = Qt.ItemDataRole.UserRole + 1
HEADINGS = (N_("Day"), N_("What for"), N_("Description"), N_("How worked out"), N_("Amount"), N_("Receipts"))
RECEIPT_FILES = N_("Photos and PDFs (*.png *.jpg *.jpeg *.gif *.tif *.tiff *.webp *.heic *.pdf);;Any file (*)")


def _size(size: int) -> str:
    return _("{value:.0f} KB").format(value=size / 1024) if size >= 1024 else _("{size} bytes").format(size=size)


class LinesPanel(QWidget):
    """The lines of one claim. `changed` fires after anything is saved here."""

    changed = Signal()

    def __init__(self, writer: Writer, claim_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.writer = writer
        self.claim_id = claim_id
        self.line_ids: list[str] = []
        self.receipts: dict[str, list] = {}

        self.table = QTableWidget(0, len(HEADINGS))
        self.table.setHorizontalHeaderLabels([_(heading) for heading in HEADINGS])
        self.table.setAccessibleName(_("Lines of this claim"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)  # one line a row; the full text is in the tooltip
        header = self.table.horizontalHeader()
        for column, width in enumerate((95, 140, 210, 300, 90)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._show_receipts)
        self.table.itemActivated.connect(lambda _item: self.edit_line())

        self.buttons: dict[str, QPushButton] = {}
        line_row = QHBoxLayout()
        for key, text, name, slot in (
            ("add", _("&Add line…"), _("Add a line to this claim"), self.add_line),
            ("edit", _("&Change line…"), _("Change the selected line"), self.edit_line),
            ("remove", _("Remo&ve line"), _("Remove the selected line"), self.remove_selected),
        ):
            line_row.addWidget(self._button(key, text, name, slot))
        line_row.addStretch()
        self.totals = QLabel()
        self.totals.setAccessibleName(_("Claim total"))
        self.totals.setObjectName("sectionTitle")
        line_row.addWidget(self.totals)

        self.receipt_title = QLabel(_("Receipts for the selected line"))
        self.receipt_list = QListWidget()
        self.receipt_list.setAccessibleName(_("Receipts for the selected line"))
        self.receipt_list.setMaximumHeight(80)
        self.receipt_title.setBuddy(self.receipt_list)
        receipt_row = QHBoxLayout()
        for key, text, name, slot in (
            (
                "attach",
                _("Attac&h receipt…"),
                _("Attach a photo or PDF of a receipt to the selected line"),
                self.attach,
            ),
            ("save_receipt", _("Save rece&ipt as…"), _("Save the selected receipt to a file"), self.save_receipt),
            ("remove_receipt", _("Remove recei&pt"), _("Remove the selected receipt"), self.remove_selected_receipt),
        ):
            receipt_row.addWidget(self._button(key, text, name, slot))
        receipt_row.addStretch()
        self.missing = QLabel()
        self.missing.setObjectName("fieldMessage")
        self.missing.setWordWrap(True)
        self.missing.setAccessibleName(_("Receipts missing"))
        self.message = FieldMessage(_("lines and receipts"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(line_row)
        layout.addWidget(self.missing)
        layout.addWidget(self.receipt_title)
        layout.addWidget(self.receipt_list)
        layout.addLayout(receipt_row)
        layout.addWidget(self.message)
        self.reload()

    def _button(self, key: str, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.setToolTip(name)
        button.clicked.connect(slot)
        self.buttons[key] = button
        return button

    # --- reading ----------------------------------------------------------------------------------------
    def reload(self) -> None:
        def read(session):
            claim = get_claim(session, self.claim_id)
            lines = [(ln.id, ln.day, ln.category, ln.description, ln.working, ln.amount_pence)
                     for ln in claim_lines(session, self.claim_id)]
            missing = [(ln.category, ln.day) for ln in lines_missing_receipts(session, self.claim_id)]
            return lines, receipts_for_claim(session, self.claim_id), missing, claim.total_pence

        selected = self.selected_line()
        lines, receipts, missing, total = self.writer.read(read)
        self.receipts = {}
        for receipt in receipts:
            self.receipts.setdefault(receipt.line_id, []).append(receipt)
        self.line_ids = [line[0] for line in lines]
        self.table.setRowCount(len(lines))
        for row, (line_id, day, category, description, working, amount) in enumerate(lines):
            count = len(self.receipts.get(line_id, []))
            texts = (format_uk(day), _(EXPENSE_CATEGORIES[category]), description or "", working or "",
                     format_pounds(amount), _("None") if not count else _("{count} attached").format(count=count))
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, line_id)
                item.setToolTip(text)
                if column == 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        if selected in self.line_ids:
            self.table.selectRow(self.line_ids.index(selected))
        elif self.line_ids:
            self.table.selectRow(len(self.line_ids) - 1)
        count = len(lines)
        self.totals.setText(ngettext("Total {total} ({count} line)", "Total {total} ({count} lines)", count).format(
            total=format_pounds(total), count=count))
        which = "; ".join(_("{category} on {day}").format(category=_(EXPENSE_CATEGORIES[code]).split(" (")[0].lower(),
                                                          day=format_uk(day)) for code, day in missing)  # fmt: skip
        self.missing.setText(_("Receipt missing: {which}. Attach it, or the claim stays flagged.").format(which=which)
                             if missing else "")  # fmt: skip
        self.missing.setVisible(bool(missing))
        self._show_receipts()

    def selected_line(self) -> str | None:
        row = self.table.currentRow()
        return self.line_ids[row] if 0 <= row < len(self.line_ids) and self.table.selectedItems() else None

    def _show_receipts(self) -> None:
        self.receipt_list.clear()
        for receipt in self.receipts.get(self.selected_line() or "", []):
            item = QListWidgetItem(f"{receipt.filename} ({_size(receipt.size_bytes)})", self.receipt_list)
            item.setData(ID_ROLE, receipt.receipt_id)
        if self.receipt_list.count():
            self.receipt_list.setCurrentRow(0)

    def set_status(self, lines_editable: bool, receipts_accepted: bool) -> None:
        """Paid, approved, rejected and void claims can't change their lines; receipts can follow until paid."""
        for key in ("add", "edit", "remove", "remove_receipt"):
            self.buttons[key].setEnabled(lines_editable)
        self.buttons["attach"].setEnabled(receipts_accepted)

    # --- writing ----------------------------------------------------------------------------------------
    def _save(self, work) -> bool:
        try:
            self.writer.run(self, work)
        except ValidationError as exc:
            self.message.show_message(" ".join(exc.messages.values()))
            return False
        self.message.show_message(None)
        self.reload()
        self.changed.emit()
        return True

    def open_line(self, line_id: str | None) -> LineDialog:
        """The line dialog; once it saves, the lines and totals here are read again."""
        dialog = LineDialog(self.writer, self.claim_id, line_id, self)
        dialog.accepted.connect(self._line_saved)
        return dialog

    def _line_saved(self) -> None:
        self.reload()
        self.changed.emit()

    def add_line(self) -> None:
        self.open_line(None).exec()

    def edit_line(self) -> None:
        line_id = self.selected_line()
        if line_id and self.buttons["edit"].isEnabled():
            self.open_line(line_id).exec()

    def remove_selected(self) -> None:
        line_id = self.selected_line()
        if line_id is None:
            return
        answer = QMessageBox.question(self, _("Remove line"), _("Remove the selected line and its receipts?"))
        if answer == QMessageBox.StandardButton.Yes:
            self._save(lambda s: remove_line(s, line_id))

    def attach(self) -> None:
        """Choose a photo or PDF and keep it in the database with the selected line."""
        line_id = self.selected_line()
        if line_id is None:
            self.message.show_message(_("Please pick the line the receipt is for first."))
            return
        path, _unused = QFileDialog.getOpenFileName(self, _("Attach a receipt"), str(Path.home()), RECEIPT_FILES)
        if not path:
            return
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            self.message.show_message(
                _("That file could not be read: {strerror}.").format(strerror=exc.strerror or exc)
            )
            return
        self._save(lambda s: add_receipt(s, line_id, Path(path).name, data))

    def selected_receipt(self) -> str | None:
        item = self.receipt_list.currentItem()
        return item.data(ID_ROLE) if item else None

    def save_receipt(self) -> None:
        """Save the selected receipt out to a file (to print it or send it on)."""
        receipt_id = self.selected_receipt()
        if receipt_id is None:
            return
        name, _kind, data = self.writer.read(lambda s: receipt_file(s, receipt_id))
        path, _unused = QFileDialog.getSaveFileName(self, _("Save receipt"), str(Path.home() / name))
        if not path:
            return
        try:
            Path(path).write_bytes(data)
        except OSError as exc:
            self.message.show_message(
                _("The receipt could not be saved: {strerror}.").format(strerror=exc.strerror or exc)
            )
            return
        self.message.show_message(None)

    def remove_selected_receipt(self) -> None:
        receipt_id = self.selected_receipt()
        if receipt_id and QMessageBox.question(self, _("Remove receipt"), _("Remove the selected receipt?")) \
                == QMessageBox.StandardButton.Yes:
            self._save(lambda s: remove_receipt(s, receipt_id))
