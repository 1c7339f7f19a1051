"""The Programmes page: the mentoring and buddying programmes (or cohorts) down the side, with New and Change, and
the chosen programme's tabs beside them (applications, matching, pairs and time, polls and themes).

Every tab is a ProgrammeTab (ui/programmes/tab.py): the page makes it with the writer and tells it which programme
is chosen; the tab reads its own part and refreshes itself after writes that concern it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.i18n import _, ngettext
from partnerdesk.rules import roles
from partnerdesk.rules.dates import format_uk
from partnerdesk.rules.programmes import PROGRAMME_KINDS
from partnerdesk.services.programmes.programmes import list_programmes
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.permissions import forbid
from partnerdesk.ui.programmes.applications_tab import ApplicationsTab
from partnerdesk.ui.programmes.matching_tab import MatchingTab
from partnerdesk.ui.programmes.pairs_tab import PairsTab
from partnerdesk.ui.programmes.polls_tab import PollsTab
from partnerdesk.ui.programmes.tab import ProgrammeTab
from partnerdesk.ui.tables import RECORD_ID_ROLE
from partnerdesk.ui.widgets.empty_state import NextStep, show_when_empty

#: What the page shows of each programme in its list.
WATCHED = ("programmes",)


def hours(minutes: int) -> str:
    """Whole minutes as hours for the summary line: "15 h", "15.5 h"."""
    return _("{hours} h").format(hours=f"{minutes / 60:g}")


class ProgrammesPage(QWidget):
    """The programme chooser and the chosen programme's tabs. window gives the status bar (may be None in tests)."""

    def __init__(self, writer: Writer, window=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.writer, self.window_ = writer, window
        title = QLabel(_("Mentoring and buddying programmes"))
        title.setObjectName("pageTitle")

        caption = QLabel(_("P&rogrammes and cohorts"))
        self.programmes = QListWidget()
        self.programmes.setAccessibleName(_("Programmes and cohorts"))
        caption.setBuddy(self.programmes)
        # Narrow, so the tabs have the room: long names wrap, and the whole name is in the tooltip too.
        self.programmes.setFixedWidth(220)
        self.programmes.setWordWrap(True)
        self.programmes.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.new_button = QPushButton(_("&New programme…"))
        self.new_button.setAccessibleName(_("Start a new programme or cohort"))
        self.change_button = QPushButton(_("C&hange programme…"))
        self.change_button.setAccessibleName(_("Change the chosen programme's details"))
        side = QVBoxLayout()
        side.addWidget(caption)
        side.addWidget(self.programmes, 1)
        side.addWidget(self.new_button)
        side.addWidget(self.change_button)
        # The report and the spreadsheet cover every programme; pairs are numbered, not named, unless ticked.
        self.report_button = QPushButton(_("Report (PD&F)…"))
        self.report_button.setAccessibleName(_("Save the programme report, with its charts, as a PDF"))
        self.sheet_button = QPushButton(_("E&xport spreadsheet…"))
        self.sheet_button.setAccessibleName(_("Save pairs, hours, activities, backfill and poll results to a "
                                              "spreadsheet"))  # fmt: skip
        self.named = QCheckBox(_("Include names"))
        self.named.setAccessibleName(_("Include the pairs' names in the report or spreadsheet"))
        forbid(self.named, roles.EXPORT_NAMED)
        side.addWidget(self.report_button)
        side.addWidget(self.sheet_button)
        side.addWidget(self.named)

        self.summary = QLabel()
        self.summary.setObjectName("hint")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(_("The chosen programme"))
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("The chosen programme's parts"))
        self.tab_list: list[ProgrammeTab] = [ApplicationsTab(writer), MatchingTab(writer), PairsTab(writer),
                                             PollsTab(writer)]
        titles = [_("&Applications"), _("&Matching"), _("Pa&irs and time"), _("P&olls and themes")]
        for tab, tab_title in zip(self.tab_list, titles, strict=True):
            self.tabs.addTab(tab, tab_title)
        main = QVBoxLayout()
        main.addWidget(self.summary)
        main.addWidget(self.tabs, 1)

        row = QHBoxLayout()
        row.addLayout(side)
        row.addLayout(main, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(row, 1)

        show_when_empty(self.programmes, NextStep(_("No programmes yet. Start one, then record the applications."),
                                                  _("New programme…"), self.new_programme))  # fmt: skip
        self.new_button.clicked.connect(self.new_programme)
        self.change_button.clicked.connect(self.change_programme)
        self.report_button.clicked.connect(lambda: self.export(pdf=True))
        self.sheet_button.clicked.connect(lambda: self.export(pdf=False))
        self.programmes.itemDoubleClicked.connect(lambda _item: self.change_programme())
        self.programmes.currentItemChanged.connect(lambda *_args: self._chosen())
        writer.watch(self, WATCHED, self.refresh)
        self.refresh()

    # --- the list of programmes ------------------------------------------------------------------------------
    def programme_id(self) -> str | None:
        """The programme chosen in the list, or None."""
        item = self.programmes.currentItem()
        return item.data(RECORD_ID_ROLE) if item is not None else None

    def refresh(self) -> None:
        """Read the programmes again, keeping the one chosen (the newest when none was)."""
        def read(session):
            return [(p.id, p.name, p.kind, p.starts_on, p.ends_on, p.side_a_name, p.side_b_name, p.side_a_minutes,
                     p.side_b_minutes) for p in list_programmes(session)]  # fmt: skip

        chosen = self.programme_id()
        self.rows = {row[0]: row for row in self.writer.read(read)}
        self.programmes.blockSignals(True)
        self.programmes.clear()
        for programme_id, name, *_rest in self.rows.values():
            item = QListWidgetItem(name, self.programmes)
            item.setData(RECORD_ID_ROLE, programme_id)
            item.setToolTip(name)
        self.programmes.blockSignals(False)
        self.choose(chosen if chosen in self.rows else next(iter(self.rows), None))

    def choose(self, programme_id: str | None) -> None:
        """Choose a programme in the list (None: none) and show it in the tabs."""
        for number in range(self.programmes.count()):
            if self.programmes.item(number).data(RECORD_ID_ROLE) == programme_id:
                self.programmes.blockSignals(True)
                self.programmes.setCurrentRow(number)
                self.programmes.blockSignals(False)
                break
        self._chosen()

    def _chosen(self) -> None:
        programme_id = self.programme_id()
        row = self.rows.get(programme_id) if programme_id else None
        self.change_button.setEnabled(row is not None)
        self.tabs.setEnabled(row is not None)
        if row is None:
            self.summary.setText(_("Choose a programme on the left, or start a new one."))
        else:
            _id, _name, kind, starts, ends, side_a, side_b, minutes_a, minutes_b = row
            when = _("{first} to {last}").format(first=format_uk(starts), last=format_uk(ends)) if starts and ends \
                else format_uk(starts or ends)  # fmt: skip
            parts = [_(PROGRAMME_KINDS.get(kind, kind)), when,
                     _("{side} {hours}").format(side=side_a, hours=hours(minutes_a)),
                     _("{side} {hours}").format(side=side_b, hours=hours(minutes_b))]  # fmt: skip
            self.summary.setText(" · ".join(part for part in parts if part))
        for tab in self.tab_list:
            tab.show_programme(programme_id if row is not None else None)

    # --- new and change --------------------------------------------------------------------------------------
    def new_programme(self) -> str | None:
        """Open the form for a new programme; once saved it is chosen. Returns its id (None if not saved)."""
        return self._open_form(None)

    def export(self, pdf: bool) -> bool:
        """Save the programme report (PDF, with charts) or the programmes spreadsheet where the worker picks, with
        names only when ticked and confirmed; True when the file was written."""
        if self.window_ is None:
            return False
        named = self.named.isChecked() and QMessageBox.question(
            self, _("Include names?"),
            _("The file will name the people in each pair. Only include names if whoever receives it needs them, and "
              "keep the file safe.")) == QMessageBox.StandardButton.Yes  # fmt: skip
        suffix, kind = (".pdf", _("PDF document")) if pdf else (".xlsx", _("Excel spreadsheet"))
        title = _("Save the programme report") if pdf else _("Export the programmes")
        out = self.window_.ask_save_path(title, f"programmes{suffix}", kind, suffix)
        if out is None:
            return False
        from partnerdesk.ui.background import run_with_progress

        def work(_progress):
            with self.writer.store.reader() as session:
                if pdf:
                    from partnerdesk.exports.programmes_pdf import export_programme_report

                    count = len(export_programme_report(session, out, named=named))
                    return ngettext("Saved the report on {count} programme to {file}",
                                    "Saved the report on {count} programmes to {file}",
                                    count).format(count=count, file=out.name)  # fmt: skip
                from partnerdesk.exports.programmes import export_programmes

                pairs = export_programmes(session, out, named=named)
            return ngettext("Saved {count} pair to {file}", "Saved {count} pairs to {file}",
                            pairs).format(count=pairs, file=out.name)  # fmt: skip

        done, message = run_with_progress(self, title, _("Writing the file…"), work)
        if done:
            self.window_.statusBar().showMessage(str(message), 10000)
        return done

    def change_programme(self) -> str | None:
        """Open the chosen programme's form."""
        programme_id = self.programme_id()
        return self._open_form(programme_id) if programme_id else None

    def _open_form(self, programme_id: str | None) -> str | None:
        from partnerdesk.ui.programmes.programme_form import ProgrammeForm

        form = ProgrammeForm(self.writer, programme_id, self)
        form.exec()
        if form.saved_id is not None:
            self.refresh()
            self.choose(form.saved_id)
        return form.saved_id
