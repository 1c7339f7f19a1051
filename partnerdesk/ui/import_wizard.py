"""File → Import from a spreadsheet: choose what the sheet holds (people, meetings or expense claims), pick the
file and sheet, check which column holds what, look at the rows that need a decision, import, and undo the whole
import if it was a mistake.

Every kind goes through the same steps (services.common.importing.Importer; exports.importing.kinds names them).
Reading and checking the file run off the window's thread (ui.background), with a progress dialog; the import itself
is one quick transaction through the Writer, like every other change.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.exports.importing.kinds import KINDS, first_sheet, importer
from partnerdesk.i18n import N_, _, ngettext
from partnerdesk.services.common.importing import Decision, ImportPlan, ImportReport
from partnerdesk.ui.background import run_with_progress
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.widgets.fitting import fit_to_screen, short_combo

#: A file this small is read and checked on the window's thread: it takes a moment, and a progress dialog and a
#: second thread for it only flicker (and a worker thread meeting Qt's nested event loop crashed the test run).
INLINE_BYTES = 256 * 1024

_DECISIONS = {Decision.ADD: N_("Add as new"), Decision.SKIP: N_("Skip"), Decision.MERGE: N_("Merge")}



def _undone(kind: str, count: int) -> str:
    """What Undo did, in words for the kind."""
    if kind == "meetings":
        return ngettext("Undone: {count:,} meeting is in the Bin.", "Undone: {count:,} meetings are in the Bin.", count)
    if kind == "claims":
        return ngettext("Undone: {count:,} claim is in the Bin.", "Undone: {count:,} claims are in the Bin.", count)
    return ngettext("Undone: {count:,} person is in the Bin.", "Undone: {count:,} people are in the Bin.", count)


def _why_item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setToolTip(text)  # a long reason is cut short in its column: the whole of it shows on hovering
    return item


_ALREADY = {
    "people": N_("Looks like someone already in PartnerDesk ({why})."),
    "meetings": N_("Looks like a meeting already in PartnerDesk ({why})."),
    "claims": N_("Looks like a claim already in PartnerDesk ({why})."),
}
_UNDO_SAYS = {
    "people": N_("Undo puts the people it added in the Bin."),
    "meetings": N_("Undo puts the meetings it added in the Bin."),
    "claims": N_("Undo puts the claims it added in the Bin."),
}


class ImportDialog(QDialog):
    """The import, step by step on one screen: what to import, file, columns, rows to decide, then Import (and
    Undo)."""

    def __init__(self, writer: Writer, path: Path | None = None, parent: QWidget | None = None, kind: str = "people"):
        super().__init__(parent)
        self.writer = writer
        self.path: Path | None = None
        self.rows: list[tuple[int, list[Any]]] = []
        self.plan: ImportPlan | None = None
        self.report: ImportReport | None = None
        self.setWindowTitle(_("Import from a spreadsheet"))

        self.kind = short_combo(QComboBox(), 16)
        for code, words in KINDS.items():
            self.kind.addItem(_(words), code)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.kind.setAccessibleName(_("What the spreadsheet holds"))
        self.kind.currentIndexChanged.connect(self._kind_chosen)
        kind_label = QLabel(_("&What it holds:"))
        kind_label.setBuddy(self.kind)

        self.file_label = QLabel(_("No file chosen yet."))
        self.file_label.setWordWrap(True)
        choose = QPushButton(_("Choose &file…"))
        choose.clicked.connect(self.choose_file)
        self.sheet = short_combo(QComboBox(), 20)
        self.sheet.setAccessibleName(_("Sheet"))
        self.sheet.currentTextChanged.connect(self._sheet_chosen)
        sheet_label = QLabel(_("&Sheet:"))
        sheet_label.setBuddy(self.sheet)
        top = QHBoxLayout()
        top.addWidget(kind_label)
        top.addWidget(self.kind)
        top.addWidget(self.file_label, 1)
        top.addWidget(choose)
        top.addWidget(sheet_label)
        top.addWidget(self.sheet)

        self.columns = QFormLayout()
        holder = QWidget()
        holder.setLayout(self.columns)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        scroll.setAccessibleName(_("Which column holds what"))

        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([_("Row"), _("What happens"), _("Why")])
        self.table.setAccessibleName(_("Rows that need a look"))
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)

        self.summary = QLabel(_("Choose what the spreadsheet holds, then the file."))
        self.summary.setWordWrap(True)

        buttons = QDialogButtonBox()
        role = QDialogButtonBox.ButtonRole
        self.import_button = buttons.addButton(_("&Import"), role.ActionRole)
        self.import_button.clicked.connect(self.run_import)
        self.undo_button = buttons.addButton(_("&Undo this import"), role.ActionRole)
        self.undo_button.clicked.connect(self.undo)
        buttons.addButton(_("&Close"), role.RejectRole)
        buttons.rejected.connect(self.reject)
        self.import_button.setEnabled(False)
        self.undo_button.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        columns_label = QLabel(_("Which column holds what (change any that PartnerDesk guessed wrong):"))
        columns_label.setWordWrap(True)
        layout.addWidget(columns_label)
        layout.addWidget(scroll, 1)
        layout.addWidget(QLabel(_("Rows with a problem or that look like a record already in PartnerDesk:")))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        fit_to_screen(self, buttons, QSize(900, 640))
        if path is not None:
            self.open_file(path)

    # Steps ----------------------------------------------------------------------------------------------------------

    def kind_code(self) -> str:
        """What is being imported: one of exports.importing.kinds.KINDS."""
        return str(self.kind.currentData())

    def _kind_chosen(self) -> None:
        # Another kind reads other columns (and, for claims, maybe another sheet): start again from the file.
        self.report = None
        self.undo_button.setEnabled(False)
        if self.path is not None:
            self.open_file(self.path)

    def choose_file(self) -> None:
        """Ask for the spreadsheet, then read it."""
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Import from a spreadsheet"), str(Path.home()), _("Spreadsheets (*.xlsx *.ods *.csv *.txt)")
        )
        if name:
            self.open_file(Path(name))

    def open_file(self, path: Path) -> None:
        """Read the file's sheet names and its first sheet (off the window's thread)."""
        from partnerdesk.exports.importing.reading import sheet_names

        try:
            self.small = path.stat().st_size <= INLINE_BYTES
        except OSError:
            self.small = False  # reading it says what is wrong, in words
        done, names = self._background(_("Reading the spreadsheet…"), lambda: sheet_names(path))
        if not done:
            return
        self.path = path
        self.file_label.setText(path.name)
        self.sheet.blockSignals(True)
        self.sheet.clear()
        self.sheet.addItems(list(names))
        preferred = first_sheet(self.kind_code(), list(names))
        if preferred is not None:
            self.sheet.setCurrentText(preferred)
        self.sheet.blockSignals(False)
        self._sheet_chosen(self.sheet.currentText())

    def _sheet_chosen(self, sheet: str) -> None:
        if self.path is None or not sheet:
            return
        from partnerdesk.exports.importing.reading import read_grid

        path = self.path
        done, grid = self._background(_("Reading the spreadsheet…"), lambda: read_grid(path, sheet))
        if not done:
            return
        self.rows = grid.rows
        _index, headings, mapping = importer(self.kind_code()).guess(self.rows)
        self._show_columns(headings, mapping)
        self.check_rows()

    def _show_columns(self, headings: list[Any], mapping: list[str]) -> None:
        while self.columns.rowCount():
            self.columns.removeRow(0)
        self.mapping_combos: list[QComboBox] = []
        for number, (heading, field) in enumerate(zip(headings, mapping, strict=True), start=1):
            combo = short_combo(QComboBox(), 22)
            for code, words in importer(self.kind_code()).fields.items():
                combo.addItem(_(words), code)
            combo.setCurrentIndex(max(0, combo.findData(field)))
            combo.setAccessibleName(_("Field for column {number}").format(number=number))
            combo.currentIndexChanged.connect(self.check_rows)
            self.mapping_combos.append(combo)
            shown = str(heading) if heading not in (None, "") else _("Column {number}").format(number=number)
            self.columns.addRow(shown, combo)

    def mapping(self) -> list[str]:
        """The field chosen for each column."""
        return [combo.currentData() or "" for combo in getattr(self, "mapping_combos", [])]

    def check_rows(self) -> None:
        """Check every row against the chosen columns (off the window's thread) and show what will happen."""
        rows, mapping, kind = self.rows, self.mapping(), importer(self.kind_code())

        def work():
            with self.writer.store.reader() as session:
                return kind.plan(session, rows, mapping)

        done, plan = self._background(_("Checking every row…"), work)
        self.plan = plan if done else None
        self.report = None
        self._show_plan()

    def _show_plan(self) -> None:
        self.table.setRowCount(0)
        plan = self.plan
        if plan is None:
            self.import_button.setEnabled(False)
            return
        attention = [row for row in plan.rows if row.problems or row.why_duplicate]
        self.table.setRowCount(len(attention))
        for index, row in enumerate(attention):
            self.table.setItem(index, 0, QTableWidgetItem(str(row.row)))
            if row.problems:
                self.table.setItem(index, 1, QTableWidgetItem(_("Skipped")))
                self.table.setItem(index, 2, _why_item(" ".join(row.problems)))
                continue
            choice = QComboBox()
            choice.setAccessibleName(_("What to do with row {row}").format(row=row.row))
            for decision, words in _DECISIONS.items():
                # Only people can be merged: a meeting or claim is either there already or it is not.
                if decision is not Decision.MERGE or (row.duplicate_of is not None and self.kind_code() == "people"):
                    choice.addItem(_(words), decision)
            choice.setCurrentIndex(choice.findData(row.decision))
            choice.currentIndexChanged.connect(lambda _i, r=row, c=choice: self._decide(r, c))
            self.table.setCellWidget(index, 1, choice)
            why = (
                _(_ALREADY[self.kind_code()]).format(why=row.why_duplicate)
                if row.duplicate_of
                else _("Looks like row {other} ({why}).").format(other=row.duplicate_row, why=row.why_duplicate)
            )
            self.table.setItem(index, 2, _why_item(why))
        self.table.resizeColumnsToContents()
        self._count()

    def _decide(self, row, combo: QComboBox) -> None:
        row.decision = Decision(combo.currentData())
        self._count()

    def _count(self) -> None:
        plan = self.plan
        if plan is None:
            return
        going = plan.going_in
        self.summary.setText(
            ngettext(
                "{count:,} of {total:,} rows will be imported.", "{count:,} of {total:,} rows will be imported.", going
            ).format(count=going, total=len(plan.rows))
        )
        self.import_button.setEnabled(going > 0 and self.report is None)

    def run_import(self) -> None:
        """Import every row that is going in, in one transaction; then offer Undo."""
        plan, kind = self.plan, importer(self.kind_code())
        if plan is None:
            return
        report = self.writer.run(self, lambda session: kind.commit(session, plan))
        if report is None:
            return
        self.writer.tell_everyone()  # the records were added in bulk, so say so to every list
        self.report = report
        self.summary.setText(kind.summary(report) + " " + _(_UNDO_SAYS[kind.kind]))
        self.import_button.setEnabled(False)
        self.undo_button.setEnabled(report.added > 0)

    def undo(self) -> None:
        """Put what this import added in the Bin."""
        report, kind = self.report, importer(self.kind_code())
        if report is None:
            return
        moved = self.writer.run(self, lambda session: kind.undo(session, report.batch))
        if moved is None:
            return
        self.writer.tell_everyone()
        self.undo_button.setEnabled(False)
        self.summary.setText(_undone(kind.kind, moved).format(count=moved))

    def _background(self, label: str, work) -> tuple[bool, Any]:
        from partnerdesk.exports.importing.reading import UnreadableFile
        from partnerdesk.services.common.errors import ValidationError

        def run(_progress):
            try:
                return work()
            except UnreadableFile as why:  # shown as the plain message it is
                raise ValidationError({"": str(why)}) from None

        if getattr(self, "small", False):
            try:
                return True, run(None)
            except ValidationError as exc:
                QMessageBox.warning(self, _("Import from a spreadsheet"),
                                    _("This could not be finished, so nothing was kept.\n\n{error}").format(
                                        error=str(exc)))  # fmt: skip
                return False, None
        return run_with_progress(self, _("Import from a spreadsheet"), label, run)
