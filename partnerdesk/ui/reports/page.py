"""The Reports page: pick a financial-year quarter (or your own dates), see the monitoring return's Summary
figures, and export the whole return as a spreadsheet or as a PDF summary with charts for a board paper (off the
window's thread, with a progress dialog).

The preview shows exactly what the Summary sheet will hold, small numbers already hidden. Names go into the file
only when the worker ticks the box and then confirms; the choice is written on the Summary sheet and in the log.
The PDF never names anyone, so it does not ask.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.i18n import N_, _
from partnerdesk.rules import roles
from partnerdesk.rules.dates import today_uk
from partnerdesk.rules.money import format_pounds
from partnerdesk.rules.quarters import Quarter, quarter_of, recent_quarters
from partnerdesk.services.common.errors import ValidationError
from partnerdesk.services.reports.lines import Line, Period
from partnerdesk.services.reports.monitoring import return_period, summary
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.permissions import forbid
from partnerdesk.ui.widgets.date_edit import UkDateEdit
from partnerdesk.ui.widgets.fitting import ButtonRow, FlowLayout, short_combo

HEADINGS = (N_("Area"), N_("Measure"), N_("Count"), N_("Out of"), N_("Percentage"), N_("Amount"))
#: The quarter picker's last entry: the worker types the dates.
CUSTOM = "custom"


def shown(value: int | str | Decimal | None, money: bool = False) -> str:
    """A published figure as the preview shows it: 1,234, 80%, £12.50, or the words (hidden, none) as they are."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if money:
        return format_pounds(int(value))
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value * 100:.0f}%"  # a fraction


class ReportsPage(QWidget):
    """The monitoring return's quarter picker, preview and export."""

    def __init__(self, writer: Writer, window=None, today: date | None = None):
        super().__init__()
        self.writer, self.window_ = writer, window
        self.today = today or today_uk()
        self.period: Period | None = None

        title = QLabel(_("Monitoring return"))
        title.setObjectName("pageTitle")
        self.quarter = QComboBox()
        short_combo(self.quarter)
        self.quarter.setMinimumContentsLength(36)  # "Q2 2026–27: July 2026 to September 2026" whole
        self.quarter.setAccessibleName(_("Quarter"))
        for quarter in recent_quarters(self.today, 8):
            self.quarter.addItem(quarter.label(), quarter.name)
        self.quarter.addItem(_("Your own dates…"), CUSTOM)
        self.date_from, self.date_to = UkDateEdit(_("From")), UkDateEdit(_("To"))
        self.show_button = QPushButton(_("S&how figures"))
        picker = FlowLayout()
        quarter_label, from_label, to_label = QLabel(_("&Quarter")), QLabel(_("&From")), QLabel(_("&To"))
        for label, box in ((quarter_label, self.quarter), (from_label, self.date_from), (to_label, self.date_to)):
            label.setBuddy(box)
            picker.add(label, box)
        picker.add(self.show_button)

        self.problem = QLabel()
        self.problem.setObjectName("fieldMessage")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.note = QLabel()
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)

        self.table = QTableWidget(0, len(HEADINGS))
        self.table.setHorizontalHeaderLabels([_(h) for h in HEADINGS])
        self.table.setAccessibleName(_("Summary figures of the monitoring return"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 3, 4, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        self.named = QCheckBox(_("Add a sheet &naming the people engaged (asks first)"))
        self.named.setAccessibleName(_("Add a sheet naming the people engaged"))
        forbid(self.named, roles.EXPORT_NAMED)
        self.export_button = QPushButton(_("&Export…"))
        self.export_button.setAccessibleName(_("Export the monitoring return"))
        self.pdf_button = QPushButton(_("Export &PDF…"))
        self.pdf_button.setAccessibleName(_("Export the monitoring return as a PDF summary with charts"))
        self.pdf_button.setToolTip(_("A few pages for a board paper: the Summary figures, charts and definitions. "
                                     "It names nobody."))  # fmt: skip
        buttons = ButtonRow(_("More report actions"))
        buttons.add(self.export_button)
        buttons.add(self.pdf_button)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(picker)
        layout.addWidget(self.problem)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.named)
        layout.addWidget(buttons)

        self.quarter.currentIndexChanged.connect(self._quarter_chosen)
        self.show_button.clicked.connect(self.refresh)
        self.date_from.returnPressed.connect(self.refresh)
        self.date_to.returnPressed.connect(self.refresh)
        self.export_button.clicked.connect(self.export)
        self.pdf_button.clicked.connect(self.export_pdf)
        # The last whole quarter is what a worker usually reports on; the current one is still going.
        self.quarter.setCurrentIndex(1)
        self._quarter_chosen()

    # --- choosing the period ---------------------------------------------------------------------------
    def choose_quarter(self, quarter: Quarter) -> None:
        """Show a quarter's figures (the picker moves to it; quarters it does not list are typed as dates)."""
        index = self.quarter.findData(quarter.name)
        if index >= 0:
            self.quarter.setCurrentIndex(index)
        else:
            self.choose_dates(quarter.first_day, quarter.last_day)

    def choose_dates(self, first: date, last: date) -> None:
        """Show the figures for the worker's own dates."""
        self.quarter.setCurrentIndex(self.quarter.findData(CUSTOM))
        self.date_from.set_date(first)
        self.date_to.set_date(last)
        self.refresh()

    def _quarter_chosen(self) -> None:
        code = self.quarter.currentData()
        custom = code == CUSTOM
        for box in (self.date_from, self.date_to):
            box.setReadOnly(not custom)
        if not custom:
            quarter = next(q for q in recent_quarters(self.today, 8) if q.name == code)
            self.date_from.set_date(quarter.first_day)
            self.date_to.set_date(quarter.last_day)
            self.refresh()
        else:
            self.date_from.setFocus()

    def _dates(self) -> tuple[date, date] | None:
        try:
            first, last = self.date_from.date_value(), self.date_to.date_value()
        except ValueError as why:
            return self._say(str(why))
        if first is None or last is None:
            return self._say(_("Please type both dates, for example 01/04/2026 and 30/06/2026."))
        if first > last:
            return self._say(_("The 'from' date is after the 'to' date. Please swap them."))
        self.problem.hide()
        return first, last

    def _say(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.show()
        return None

    # --- the preview -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Work out the Summary figures for the chosen period and show them."""
        dates = self._dates()
        if dates is None:
            return

        def read(session):
            period = return_period(session, dates[0], dates[1], self.today)
            return period, summary(session, period)

        try:
            self.period, sections = self.writer.read(read)
        except ValidationError as why:
            self._say(str(why))
            return
        quarter = quarter_of(dates[0])
        whole = (quarter.first_day, quarter.last_day) == dates
        what = quarter.label() if whole else _("{first} to {last}").format(
            first=self.date_from.text(), last=self.date_to.text())  # fmt: skip
        self.note.setText(_("Figures for {what}. {rule}").format(what=what, rule=self.period.policy.note()))
        rows: list[tuple[str, Line]] = [(section.title, line) for section in sections for line in section.lines]
        self.table.setRowCount(len(rows))
        for number, (area, line) in enumerate(rows):
            values = (area, line.measure, shown(line.count), shown(line.base), shown(line.percent),
                      shown(line.pence, money=True))  # fmt: skip
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(number, column, item)

    def figures(self) -> dict[str, list[str]]:
        """What the preview shows, measure → the row's cells (for tests and screen readers' sake, as text)."""
        found = {}
        for row in range(self.table.rowCount()):
            cells = [self.table.item(row, column).text() for column in range(self.table.columnCount())]
            found[cells[1]] = cells
        return found

    # --- exporting -------------------------------------------------------------------------------------
    def confirm_names(self) -> bool:
        """Ask before putting names in the file; True only when the worker says yes."""
        answer = QMessageBox.question(
            self, _("Add names to the return?"),
            _("The file will have a sheet naming everyone engaged in the period. Commissioners do not need names: "
              "only add them if you have a reason and everyone who gets the file may see who took part.\n\n"
              "Add the named sheet?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
        )  # fmt: skip
        return answer == QMessageBox.StandardButton.Yes

    def ask_path(self, suggested: str, pdf: bool = False) -> Path | None:
        """Where to save the file (the window's save dialog); None when the worker cancels."""
        if self.window_ is None:
            return None
        if pdf:
            return self.window_.ask_save_path(_("Export the monitoring return as a PDF"), suggested, _("PDF document"),
                                              ".pdf")  # fmt: skip
        return self.window_.ask_save_path(_("Export the monitoring return"), suggested, _("Excel spreadsheet"), ".xlsx")

    def export(self) -> bool:
        """Write the return for the period on show to a spreadsheet the worker picks; True when it was written."""
        return self._export(pdf=False)

    def export_pdf(self) -> bool:
        """Write the PDF summary (figures, charts, definitions; no names) for the period on show to a file the
        worker picks; True when it was written."""
        return self._export(pdf=True)

    def _export(self, pdf: bool) -> bool:
        if self._dates() is None:
            return False
        self.refresh()
        period = self.period
        if period is None:
            return False
        named = not pdf and self.named.isChecked() and self.confirm_names()
        if not pdf and self.named.isChecked() and not named:
            self.named.setChecked(False)
        quarter = quarter_of(period.date_from)
        whole = (quarter.first_day, quarter.last_day) == (period.date_from, period.date_to)
        name = f"monitoring-{quarter.name if whole else period.date_from.isoformat()}.{'pdf' if pdf else 'xlsx'}"
        out = self.ask_path(name, pdf)
        if out is None:
            return False
        from partnerdesk.ui.background import run_with_progress

        def work(progress):
            with self.writer.store.reader() as session:
                if pdf:
                    from partnerdesk.exports.monitoring_pdf import export_monitoring_pdf, written_pdf_message

                    return written_pdf_message(export_monitoring_pdf(session, out, period, progress=progress), out)
                from partnerdesk.exports.monitoring import export_monitoring, written_message

                report = export_monitoring(session, out, period, named=named, progress=progress)
            return written_message(report, out, named)

        done, message = run_with_progress(self, _("Export the monitoring return"), _("Writing the return…"), work)
        if done and self.window_ is not None:
            self.window_.statusBar().showMessage(str(message), 10000)
        return done
