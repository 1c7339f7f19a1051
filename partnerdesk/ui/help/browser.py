"""The Help window: the list of help pages on the left, the chosen page on the right (plain HTML in a
QTextBrowser, so nothing is fetched from the internet). Links between pages open the other page here."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QListWidget, QTextBrowser, QVBoxLayout, QWidget

from partnerdesk.i18n import N_, _
from partnerdesk.resources_access import resource
from partnerdesk.ui.widgets.fitting import fit_to_screen

#: Every help page: its file in resources/help/ (without .html) and its title, in the order they are listed.
PAGES: tuple[tuple[str, str], ...] = (
    ("today", N_("Today")),
    ("people", N_("People")),
    ("organisations", N_("Organisations and committees")),
    ("meetings", N_("Meetings")),
    ("expenses", N_("Expenses")),
    ("wellbeing", N_("Wellbeing")),
    ("supervision", N_("Supervision and training")),
    ("programmes", N_("Mentoring and buddying programmes")),
    ("reports", N_("Reports")),
    ("bin", N_("Bin")),
    ("exports", N_("Exports and data")),
)
#: The help page for each area of the window, by the area's title.
FOR_AREA = {"Today": "today", "People": "people", "Organisations": "organisations", "Meetings": "meetings",
            "Expenses": "expenses", "Wellbeing": "wellbeing", "Supervision": "supervision", "Reports": "reports",
            "Bin": "bin", "Programmes": "programmes"}


def page_text(key: str) -> str:
    """The HTML of a help page."""
    return resource("help", f"{key}.html").read_text(encoding="utf-8")


class HelpWindow(QDialog):
    """Help for PartnerDesk; stays open beside the main window (not modal) while the worker tries things."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("PartnerDesk help"))
        self.setModal(False)
        self.contents = QListWidget()
        self.contents.setAccessibleName(_("Help pages"))
        for _key, title in PAGES:
            self.contents.addItem(_(title))
        self.contents.setFixedWidth(max(self.contents.sizeHintForColumn(0) + 24, 160))
        self.text = QTextBrowser()
        self.text.setAccessibleName(_("Help page"))
        self.text.setOpenLinks(False)  # links to other pages are opened here, and nothing goes to the internet
        self.text.anchorClicked.connect(self._link)
        self.contents.currentRowChanged.connect(self._show_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.contents)
        row.addWidget(self.text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, buttons, QSize(820, 560))
        self.key = ""

    def show_page(self, key: str) -> None:
        """Show the help page with this key (one of PAGES) and bring the window forward."""
        keys = [k for k, _title in PAGES]
        self.contents.setCurrentRow(keys.index(key) if key in keys else 0)
        self.show()
        self.raise_()
        self.activateWindow()

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        self.key = PAGES[row][0]
        self.text.setHtml(page_text(self.key))

    def _link(self, url: QUrl) -> None:
        name = url.fileName().removesuffix(".html")
        if any(name == key for key, _title in PAGES):
            self.show_page(name)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_F1:  # already showing help
            return
        super().keyPressEvent(event)
