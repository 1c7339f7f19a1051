"""The main window: a list of areas on the left, the chosen area on the right, menus for whole-app actions."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.i18n import N_, _
from partnerdesk.rules.dates import format_moment_uk
from partnerdesk.services.common import drafts
from partnerdesk.ui.area import Area
from partnerdesk.ui.expenses.area import ExpensesArea
from partnerdesk.ui.feedback import MESSAGE_MS
from partnerdesk.ui.meetings.area import MeetingsArea
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.people.area import PeopleArea
from partnerdesk.ui.programmes.area import ProgrammesArea
from partnerdesk.ui.reports.area import ReportsArea
from partnerdesk.ui.today.checklist import open_settings
from partnerdesk.ui.today_page import TodayPage
from partnerdesk.ui.wellbeing.area import SupervisionArea, WellbeingArea
from partnerdesk.ui.widgets.fitting import first_window_size, screen_key
from partnerdesk.ui.window_menus import WindowMenus


class TodayArea(Area):
    title = N_("Today")

    def build_page(self) -> QWidget:
        page = TodayPage(self.writer)
        page.open_record.connect(self.window.open_record)
        page.new_person.connect(self.window.area(PeopleArea).new_person)
        checklist = page.checklist
        checklist.settings_wanted.connect(lambda: checklist.settings_saved(open_settings(self.window, self.writer)))
        checklist.organisations_wanted.connect(lambda: self.window.show_area(self.window.area(OrganisationsArea)))
        checklist.demo_wanted.connect(self.window.open_demo)
        return page


class OrganisationsArea(Area):
    title = N_("Organisations")

    def build_page(self) -> QWidget:
        from partnerdesk.ui.organisations_page import OrganisationsPage

        return OrganisationsPage(self.writer)


class BinArea(Area):
    title = N_("Bin")

    def build_page(self) -> QWidget:
        from partnerdesk.ui.bin_page import BinPage

        return BinPage(self.writer)


#: The areas in the order they are listed (and numbered Ctrl+1, Ctrl+2…, skipping those with a shortcut of their own).
AREAS: tuple[type[Area], ...] = (
    TodayArea, PeopleArea, MeetingsArea, ExpensesArea, WellbeingArea, SupervisionArea, ProgrammesArea,
    OrganisationsArea, ReportsArea, BinArea,
)


class MainWindow(WindowMenus, QMainWindow):
    """PartnerDesk's window over one open database."""

    def __init__(self, writer: Writer, demo: bool = False):
        super().__init__()
        self.writer = writer
        self.demo = demo
        where = writer.store.path or writer.store.url
        self.setWindowTitle(_("PartnerDesk — demo data (made-up people)") if demo else "PartnerDesk")
        self.areas = [kind(self) for kind in AREAS]
        self.help_window = None
        self.pages = QStackedWidget()
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setAccessibleName(_("Areas of PartnerDesk"))
        self.nav.setFixedWidth(190)
        for area in self.areas:
            self.nav.addItem(_(area.title))
            holder = QWidget()  # the page goes in when the area is first shown
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.pages.addWidget(holder)
        self.nav.currentRowChanged.connect(self._show_row)

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.nav)
        row.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        # The first page is made once the window's frame is in place: made before, it was restyled again when the
        # frame went into the window (about 20 ms for Today).
        self.nav.setCurrentRow(0)
        self.statusBar().setAccessibleName(_("What just happened"))
        self.statusBar().showMessage(_("Database: {where}").format(where=where))
        writer.told.connect(self.say)
        self._menus()
        self._restore_geometry()
        from partnerdesk.ui.lock import install_lock

        self.locker = install_lock(self)
        if writer.store.key is not None and writer.store.path is not None:
            self.locker.verify = _password_checker(writer.store.path)
            from partnerdesk.ui.signin.switch import switch_person

            self.locker.switch_person = lambda: switch_person(self)

    def lock_now(self) -> None:
        """Cover the window and every form now, until the person unlocks it (File → Lock, Ctrl+L)."""
        self.locker.lock()

    def set_read_only(self, reason: str) -> None:
        """Show the database read-only from now on: a banner with reason, the title marked, writing controls off."""
        from partnerdesk.ui.read_only_banner import enter_read_only

        enter_read_only(self, reason)

    # --- areas ------------------------------------------------------------------------------------------
    def area(self, kind: type[Area]) -> Area:
        """The window's area of that kind."""
        return next(area for area in self.areas if isinstance(area, kind))

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        area, holder = self.areas[row], self.pages.widget(row)
        if holder.layout().count() == 0:
            holder.layout().addWidget(area.page)
        self.pages.setCurrentIndex(row)

    def open_record(self, kind: str, record_id: str) -> None:
        """Open a record of any kind in the area it belongs to (from a line on the Today page, say)."""
        next(area for area in self.areas if kind in area.record_kinds).open_record(kind, record_id)

    def show_area(self, area: Area) -> None:
        """Go to an area, as if its name had been clicked."""
        self.nav.setCurrentRow(self.areas.index(area))

    def current_page(self) -> QWidget:
        """The page on show."""
        return self.areas[self.nav.currentRow()].page

    def show_page(self, page: QWidget) -> None:
        """Go to the area whose page this is."""
        self.show_area(next(area for area in self.areas if area.page_built and area.page is page))

    @property
    def today(self) -> TodayPage:
        return self.areas[0].page

    @property
    def people(self) -> QWidget:
        return self.area(PeopleArea).page

    @property
    def meetings(self) -> QWidget:
        return self.area(MeetingsArea).page

    @property
    def organisations(self) -> QWidget:
        return self.area(OrganisationsArea).page

    @property
    def bin(self) -> QWidget:
        return self.area(BinArea).page

    def say(self, text: str) -> None:
        """Show a short message about what just happened in the status bar, for a few seconds."""
        self.statusBar().showMessage(text, MESSAGE_MS)

    # --- drafts -----------------------------------------------------------------------------------------
    def offer_drafts(self) -> None:
        """After a crash, offer back any form that was being filled in."""
        owners = {form: area for area in self.areas for form in area.draft_forms}
        for draft in self.writer.glance(drafts.list_drafts):
            area = owners.get(draft.form)
            if area is None:
                continue
            saved = format_moment_uk(draft.saved_at)
            box = QMessageBox(self)
            box.setWindowTitle(_("Restore unsaved form?"))
            box.setText(
                _(
                    "PartnerDesk found a form that was not saved: “{title}”, last typed in at {saved}. Would "
                    "you like to carry on with it?"
                ).format(
                    title=draft.title,
                    saved=saved,
                )
            )
            restore = box.addButton(_("Restore it"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(_("Throw it away"), QMessageBox.ButtonRole.DestructiveRole)
            box.exec()
            if box.clickedButton() is restore:
                area.restore_draft(draft.form, draft.record_id, draft.payload)
            else:
                self.writer.run(self, lambda s, d=draft: drafts.discard_draft(s, d.form, d.record_id))

    # --- files ------------------------------------------------------------------------------------------
    def ask_save_path(self, title: str, name: str, kind: str, suffix: str) -> Path | None:
        """Ask where to save a file (starting in the last folder used); None if the worker cancels."""
        settings = QSettings()
        folder = settings.value("export/folder", str(Path.home()))
        path, _unused = QFileDialog.getSaveFileName(self, title, str(Path(folder) / name), f"{kind} (*{suffix})")
        if not path:
            return None
        out = Path(path) if path.lower().endswith(suffix) else Path(path + suffix)
        settings.setValue("export/folder", str(out.parent))
        return out

    # --- window state -----------------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        # Remembered for each size of screen: a size chosen on the office monitor would not fit the laptop.
        geometry = QSettings().value(f"window/geometry-{screen_key(self)}")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(first_window_size(self))

    def closeEvent(self, event) -> None:
        QSettings().setValue(f"window/geometry-{screen_key(self)}", self.saveGeometry())
        super().closeEvent(event)


def _password_checker(path: Path):
    """verify(name, password) for the lock screen: the account's own password, counted against lockout like a
    sign-in (store.keys), with no second opening of the database."""
    from partnerdesk import access
    from partnerdesk.store.keys import KeyRefused

    def verify(name: str, password: str) -> bool:
        try:
            access.unlock(path, name, password)
        except KeyRefused:
            return False
        return True

    return verify
