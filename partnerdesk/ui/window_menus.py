"""The main window's menus and what their entries do that belongs to no one area: back up, the demo database,
text size, settings, the audit log, help, the log folder and About.

A part of MainWindow (ui.main_window), kept apart because it is its own idea; it uses the window's areas, list of
areas (nav), writer, demo flag, help window and lock.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QProcess, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from partnerdesk import __version__
from partnerdesk.i18n import _
from partnerdesk.rules import roles
from partnerdesk.ui.app import set_text_size, text_size
from partnerdesk.ui.area import Area
from partnerdesk.ui.help.browser import FOR_AREA as HELP_FOR_AREA
from partnerdesk.ui.help.browser import PAGES as HELP_PAGES
from partnerdesk.ui.help.browser import HelpWindow
from partnerdesk.ui.meetings.area import MeetingsArea
from partnerdesk.ui.people.area import PeopleArea
from partnerdesk.ui.permissions import apply_roles, forbid
from partnerdesk.ui.widgets.side_list import keep_wide_enough


class WindowMenus:
    """The menu bar of MainWindow (mixed into it) and its whole-app entries."""

    help_window: HelpWindow | None  # made on first use (show_help)

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

    # --- files and help ----------------------------------------------------------------------------------
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
