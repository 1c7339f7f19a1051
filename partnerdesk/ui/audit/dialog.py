"""The audit log viewer (Help → Audit log…): a coordinator sees who did what and when, filters it by dates, kind and
account, checks that nothing was changed behind PartnerDesk's back, and exports what is shown to a spreadsheet."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QSettings, QSize
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.i18n import _, ngettext
from partnerdesk.rules.dates import UK, format_uk
from partnerdesk.services.common import audit
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.widgets.choice_combo import ChoiceCombo
from partnerdesk.ui.widgets.date_edit import date_range
from partnerdesk.ui.widgets.filter_bar import FilterBar
from partnerdesk.ui.widgets.fitting import fit_to_screen

#: The most entries shown at once; the export writes every entry chosen.
SHOWN = 2000


class AuditDialog(QDialog):
    """The audit log, newest first, with filters, the chain's check and an export."""

    def __init__(self, writer: Writer, parent: QWidget | None = None):
        super().__init__(parent)
        self.writer = writer
        self.setWindowTitle(_("Audit log"))
        self.filters = FilterBar(self.refresh)
        self.date_from, self.date_to = self.filters.dates(_("Entries from"), _("Entries to"))
        self.kind = self.filters.labelled(_("&Kind"), ChoiceCombo(audit.KINDS, _("Kind of entry"), _("Every kind")))
        self.account = QComboBox()
        self.account.setAccessibleName(_("Who"))
        self.filters.labelled(_("&Who"), self.account)
        self.problem = QLabel()
        self.problem.setObjectName("fieldMessage")
        self.problem.hide()
        self.chain = QLabel()
        self.chain.setWordWrap(True)
        self.chain.setAccessibleName(_("Whether the audit log is as it was written"))
        self.count = QLabel()
        self.table = QTableWidget(0, 5)
        self.table.setAccessibleName(_("Audit log entries"))
        self.table.setHorizontalHeaderLabels([_("When"), _("Who"), _("What happened"), _("Record"), _("Details")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox()
        self.export_button = buttons.addButton(_("&Export to a spreadsheet…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.clicked.connect(self.export)
        close = buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.chain)
        layout.addLayout(self.filters)
        layout.addWidget(self.problem)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self._fill_accounts()
        self.account.currentIndexChanged.connect(self.refresh)
        self.check_chain()
        self.refresh()
        fit_to_screen(self, buttons, QSize(980, 600))

    def _fill_accounts(self) -> None:
        self.account.addItem(_("Everyone"), None)
        for name in self.writer.read(audit.account_names):
            self.account.addItem(name, name)

    def chosen(self) -> audit.AuditFilter:
        """The filters as they are set (a date that is not a date counts as none, and is pointed out)."""
        dates = date_range(self.date_from, self.date_to, self.problem)
        return audit.AuditFilter(dates["date_from"], dates["date_to"], self.kind.code(), self.account.currentData())

    def check_chain(self) -> None:
        """Walk the whole log's hash chain and say whether it holds."""
        broken = self.writer.read(audit.verify)
        self.chain.setText(_("Every entry is as it was written.") if broken is None else broken.sentence())
        self.chain.setObjectName("" if broken is None else "fieldMessage")

    def refresh(self) -> None:
        """Show the chosen entries, newest first."""
        chosen = self.chosen()
        entries = self.writer.read(lambda s: audit.list_entries(s, chosen, limit=SHOWN))
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            moment = entry["at"].astimezone(UK)
            record = f"{entry['object_kind'] or ''} {entry['object_id'] or ''}".strip()
            # The id's first 8 characters tell records apart on screen; the whole id is in the tooltip and the
            # export, so the Details column still fits beside it on a laptop.
            shown = f"{entry['object_kind']} {entry['object_id'][:8]}…" if entry["object_id"] else record
            values = [f"{format_uk(moment.date())} {moment:%H:%M}", entry["account_name"],
                      audit.describe_kind(entry["kind"]), shown, audit.describe_details(entry["details"])]  # fmt: skip
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(record if column == 3 else value)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        count = len(entries)
        self.count.setText(ngettext("{count:,} entry", "{count:,} entries", count).format(count=count)
                           if count < SHOWN else
                           _("The newest {count:,} entries (export them all to a spreadsheet)").format(count=count))

    def export(self) -> Path | None:
        """Ask where, then write the chosen entries to a spreadsheet."""
        settings = QSettings()
        folder = Path(str(settings.value("export/folder", str(Path.home()))))
        suggested = folder / f"audit-log-{datetime.now():%Y-%m-%d}.xlsx"
        path, _unused = QFileDialog.getSaveFileName(self, _("Export the audit log"), str(suggested),
                                                    _("Excel spreadsheet (*.xlsx)"))  # fmt: skip
        if not path:
            return None
        out = Path(path) if path.lower().endswith(".xlsx") else Path(path + ".xlsx")
        settings.setValue("export/folder", str(out.parent))
        chosen = self.chosen()
        from partnerdesk.ui.background import run_with_progress

        def work(_progress):
            from partnerdesk.exports.audit_log import export_audit_log  # openpyxl loads only now

            with self.writer.store.reader() as session:
                return export_audit_log(session, out, chosen)

        done, rows = run_with_progress(self, _("Export the audit log"), _("Writing the spreadsheet…"), work)
        if not done:
            return None
        self.writer.tell(ngettext("Exported {count:,} entry to {out}", "Exported {count:,} entries to {out}",
                                  int(rows or 0)).format(count=int(rows or 0), out=out))  # fmt: skip
        self.refresh()
        return out
