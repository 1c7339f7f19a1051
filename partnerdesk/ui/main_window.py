"""The main window: a list of areas on the left, the chosen area on the right, menus for whole-app actions."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QProcess, QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from partnerdesk import __version__
from partnerdesk.i18n import N_, _
from partnerdesk.rules import roles
from partnerdesk.rules.dates import format_moment_uk
from partnerdesk.services.common import drafts
from partnerdesk.ui.app import set_text_size, text_size
from partnerdesk.ui.area import Area
from partnerdesk.ui.expenses.area import ExpensesArea
from partnerdesk.ui.feedback import MESSAGE_MS
from partnerdesk.ui.help.browser import FOR_AREA as HELP_FOR_AREA
from partnerdesk.ui.help.browser import PAGES as HELP_PAGES
from partnerdesk.ui.help.browser import HelpWindow
from partnerdesk.ui.meetings.area import MeetingsArea
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.people.area import PeopleArea
from partnerdesk.ui.permissions import apply_roles, forbid
from partnerdesk.ui.programmes.area import ProgrammesArea
from partnerdesk.ui.reports.area import ReportsArea
from partnerdesk.ui.today.checklist import open_settings
from partnerdesk.ui.today_page import TodayPage
from partnerdesk.ui.wellbeing.area import SupervisionArea, WellbeingArea
from partnerdesk.ui.widgets.fitting import first_window_size, screen_key
from partnerdesk.ui.widgets.side_list import keep_wide_enough


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


class MainWindow(QMainWindow):
    """PartnerDesk's window over one open database."""

    def __init__(self, writer: Writer, demo: bool = False):
        super().__init__()
        self.writer = writer
        self.demo = demo
        where = writer.store.path or writer.store.url
        self.setWindowTitle(_("PartnerDesk — demo data (made-up people)") if demo else "PartnerDesk")
        self.areas = [kind(self) for kind in AREAS]
        self.help_window: HelpWindow | None = None
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

    # --- menus ------------------------------------------------------------------------------------------
    def add_action(self, menu, text: str, slot, shortcut=None) -> QAction:
        """Add a menu entry that calls slot, with an optional keyboard shortcut."""
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        area_actions = {}  # each area's File menu entries, so a role that may not see or change it loses them
        for area in self.areas:
            before = len(file_menu.actions())
            area.add_menu_entries(file_menu)
            area_actions[area] = file_menu.actions()[before:]
        file_menu.addSeparator()
        people, meetings = self.area(PeopleArea), self.area(MeetingsArea)
        forbid(self.add_action(file_menu, _("&Export people to a spreadsheet…"), people.export_people, "Ctrl+E"),
               roles.EXPORT_NAMED)
        self.add_action(file_menu, _("Export mee&tings to a spreadsheet…"), meetings.export_meetings)
        forbid(self.add_action(file_menu, _("&Back up the database…"), self.backup), roles.SETTINGS_CHANGE)
        if not self.demo:
            self.add_action(file_menu, _("Open the &demo database (made-up people)"), self.open_demo)
        file_menu.addSeparator()
        lock = self.add_action(file_menu, _("&Lock"), self.lock_now, "Ctrl+L")
        lock.setStatusTip(_("Cover PartnerDesk until you come back (what you were typing is kept)"))
        # Ctrl+L must lock from an open form or dialog too, where the person usually is when they step away.
        lock.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.add_action(file_menu, _("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        edit = self.menuBar().addMenu(_("&Edit"))
        forbid(self.add_action(edit, _("&Settings…"), self.open_settings, "Ctrl+,"), roles.SETTINGS_CHANGE)
        forbid(self.add_action(edit, _("&Audit log…"), self.open_audit_log), roles.AUDIT_VIEW)
        from partnerdesk.ui.signin.menu import add_account_entries

        add_account_entries(self, file_menu, edit)
        go = self.menuBar().addMenu(_("&Go"))
        numbered = 0
        #: Each area's entry in the Go menu (hidden with the area for a role that may not see it).
        self.go_actions: dict[Area, QAction] = {}
        for row, area in enumerate(self.areas):
            numbered += area.shortcut is None
            keys = area.shortcut or f"Ctrl+{numbered}"
            self.go_actions[area] = self.add_action(go, _(area.title),
                                                    lambda _unused=False, n=row: self.nav.setCurrentRow(n), keys)
        self._view_menu()
        help_menu = self.menuBar().addMenu(_("&Help"))
        self.add_action(help_menu, _("&Help for this page"), self.help_for_page, "F1")
        contents = help_menu.addMenu(_("Help &contents"))
        for key, title in HELP_PAGES:
            self.add_action(contents, _(title), lambda _=False, k=key: self.show_help(k))
        help_menu.addSeparator()
        self.add_action(help_menu, _("Open &log folder"), self.open_log_folder)
        self.add_action(help_menu, _("&About PartnerDesk"), self.about)
        apply_roles(self, area_actions)

    def open_audit_log(self) -> None:
        """Show the audit log: who did what, when (ui.audit)."""
        from partnerdesk.ui.audit.dialog import AuditDialog

        AuditDialog(self.writer, self).exec()

    def open_settings(self, section: str | None = None) -> None:
        """Open the Settings window, at a section if one is given ("money", "wellbeing"…)."""
        from partnerdesk.ui.settings import open_settings

        open_settings(self, section or None)

    def _view_menu(self) -> None:
        view = self.menuBar().addMenu(_("&View"))
        sizes = view.addMenu(_("Text &size"))
        sizes.setAccessibleName(_("Text size"))
        group = QActionGroup(self)  # one size at a time, shown as a choice of three
        self.text_sizes: dict[str, QAction] = {}
        for choice, words in (("normal", _("&Normal")), ("large", _("&Large")), ("larger", _("La&rger"))):
            action = self.add_action(sizes, words, lambda _=False, c=choice: self.choose_text_size(c))
            action.setCheckable(True)
            action.setChecked(choice == text_size())
            action.setStatusTip(_("Make the text in every window this size"))
            group.addAction(action)
            self.text_sizes[choice] = action
        self.text_sizes["normal"].setShortcut(QKeySequence("Ctrl+0"))
        # Ctrl++ as in a web browser; Ctrl+= too, since on most keyboards + is Shift and =.
        bigger = self.add_action(view, _("&Bigger text"), lambda: self.step_text_size(1))
        bigger.setShortcuts([QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")])
        smaller = self.add_action(view, _("S&maller text"), lambda: self.step_text_size(-1))
        smaller.setShortcuts([QKeySequence(QKeySequence.StandardKey.ZoomOut)])
        keep_wide_enough(self.nav)  # larger text widens the list of areas rather than giving it a sideways scroll bar

    def choose_text_size(self, choice: str) -> None:
        """Make every text in PartnerDesk normal, large or larger, and remember it."""
        set_text_size(QApplication.instance(), choice)
        self.text_sizes[choice].setChecked(True)

    def step_text_size(self, step: int) -> None:
        """One size bigger (step 1) or smaller (-1) than now, within normal to larger."""
        choices = list(self.text_sizes)
        at = choices.index(text_size()) + step
        if 0 <= at < len(choices):
            self.choose_text_size(choices[at])

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

    def backup(self) -> None:
        """Copy the database to a file the worker chooses."""
        source = self.writer.store.path
        if source is None:
            QMessageBox.information(self, _("Back up"), _("Back up this database with its own server's tools."))
            return
        suggested = str(Path.home() / f"partnerdesk-backup-{datetime.now():%Y-%m-%d}.sqlite3")
        path, _unused = QFileDialog.getSaveFileName(
            self, _("Back up the database"), suggested, _("PartnerDesk backup (*.sqlite3)")
        )
        if not path:
            return

        def work(_progress):
            from partnerdesk.store.backup import backup_sqlite

            return backup_sqlite(source, Path(path), self.writer.store.key)  # encrypted with the same key

        from partnerdesk.ui.background import run_with_progress

        done, _unused = run_with_progress(self, _("Back up"), _("Copying the database…"), work)
        if done:
            QMessageBox.information(
                self, _("Back up"), _("The database was copied safely to {path}.").format(path=path)
            )

    def open_demo(self) -> None:
        """Open a second window on a separate demo database, so made-up people never mix with real ones."""
        QProcess.startDetached(sys.executable, ["-m", "partnerdesk", "--demo"])
        self.statusBar().showMessage(_("Opening the demo database in a new window…"), 8000)

    def help_for_page(self) -> None:
        """Open the built-in help at the page about the area on show."""
        self.show_help(HELP_FOR_AREA.get(self.areas[self.nav.currentRow()].title, "today"))

    def show_help(self, key: str) -> None:
        """Open the built-in help (one window, kept beside this one) at a page of resources/help/."""
        if self.help_window is None:
            self.help_window = HelpWindow(self)
        self.help_window.show_page(key)

    def open_log_folder(self) -> None:
        """Show the folder of log files (what went wrong and where, never anyone's details) to send for help."""
        from partnerdesk.ui.crash_dialog import open_log_folder

        open_log_folder(self)

    def about(self) -> None:
        QMessageBox.about(
            self,
            _("About PartnerDesk"),
            _("PartnerDesk {version}\n\nRecords and returns for engagement workers.\n\nDatabase: {path}").format(
                version=__version__,
                path=self.writer.store.path or self.writer.store.url,
            ),
        )

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
