"""The Today page: what needs doing soon, gathered from every area into one work list, each line opening what it is
about.

One tree: a row per section ("Meetings in the next 14 days — 5"), its lines beneath, the most urgent first. Sections
holding overdue lines come first. Overdue lines start with a warning icon and the word "Overdue:", so colour is never
the only sign; they are red as well only when very late or serious (see sections.Line.red).

A line can be put off until a day ("Snooze until…", Ctrl+Shift+S, or the right-click / Menu-key menu): it leaves the
worker's list until then and its section's count says how many are snoozed. Where ticking it off is the whole job
(an action, a follow-up) "Mark done" (Ctrl+Shift+D) does it from here (today.line_actions).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QMainWindow,
    QMenu,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import DatabaseError

from partnerdesk.i18n import N_, _, long_date, ngettext
from partnerdesk.rules.dates import format_uk, today_uk
from partnerdesk.services.common.access import all_mine
from partnerdesk.services.common.snoozes import snoozed_lines, wake_line
from partnerdesk.ui.expenses.today_lines import EXPENSES_TODAY
from partnerdesk.ui.meetings.today_lines import MEETINGS_TODAY
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.people.today_lines import PEOPLE_TODAY
from partnerdesk.ui.today.checklist import FirstRunChecklist
from partnerdesk.ui.today.line_actions import DONE, SnoozeDialog
from partnerdesk.ui.today.sections import Line, Section, TodayGroup
from partnerdesk.ui.wellbeing.today_lines import WELLBEING_TODAY

log = logging.getLogger(__name__)

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 2
SECTION_ROLE = Qt.ItemDataRole.UserRole + 3  # on a section's own row: its key
IN_SECTION_ROLE = Qt.ItemDataRole.UserRole + 4  # on a line: its section's key
ABOUT_ROLE = Qt.ItemDataRole.UserRole + 5  # on a line: what a snooze or "done" is kept against (Line.about)
SNOOZE_KEYS = "Ctrl+Shift+S"
DONE_KEYS = "Ctrl+Shift+D"
URGENT = QColor("#b00020")  # dark red: readable on white, and the words say "Overdue" too
#: Lines shown in a section at first: the most urgent come first, and a last line offers the rest.
FIRST_LINES = 25
_SHOW_ALL = N_("show all")
#: Where the sections the user closed are remembered (their keys).
COLLAPSED_KEY = "today/collapsed"

#: Each area's part of the page, in the order shown when nothing is overdue.
GROUPS: tuple[TodayGroup, ...] = (MEETINGS_TODAY, WELLBEING_TODAY, EXPENSES_TODAY, PEOPLE_TODAY)


def _most_urgent_first(lines: list[Line]) -> list[Line]:
    # Stable: within each level the services' own order (usually the longest overdue first) is kept.
    return sorted(lines, key=lambda line: (not line.red, not line.urgent))


def line_text(line: Line) -> str:
    """The words a line shows: overdue lines start with "Overdue:", so no one has to tell red from black."""
    return _("Overdue: {line}").format(line=line.text) if line.urgent else line.text


class TodayPage(QWidget):
    """One work list of the things due, grouped by section, and a welcome on a brand-new database."""

    open_record = Signal(str, str)  # kind, id
    new_person = Signal()

    def __init__(self, writer: Writer, parent: QWidget | None = None, groups: tuple[TodayGroup, ...] = GROUPS):
        super().__init__(parent)
        self.writer = writer
        self.groups = groups
        self.heading = QLabel()
        self.heading.setObjectName("pageTitle")
        self.checklist = FirstRunChecklist(writer)  # on a new database: what to set up first, ticked off as done
        self.checklist.new_person.connect(self.new_person)

        self.tree = QTreeWidget()
        self.tree.setObjectName("todayList")
        self.tree.setAccessibleName(_("Things to do, by section"))
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(1)
        self.tree.setWordWrap(True)  # long lines wrap instead of hiding behind a sideways scroll bar
        self.tree.setUniformRowHeights(False)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemExpanded.connect(lambda item: self._remember(item, False))
        self.tree.itemCollapsed.connect(lambda item: self._remember(item, True))
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)  # right click, or the Menu key
        self.tree.customContextMenuRequested.connect(lambda _pos: self._line_menu().popup(self._menu_place()))
        self.snooze_action = self._tree_action(_("&Snooze until…"), SNOOZE_KEYS, self.snooze_current)
        self.done_action = self._tree_action(_("Mark &done"), DONE_KEYS, self.mark_current_done)
        self.tree.currentItemChanged.connect(lambda *_items: self._enable_actions())
        self.sections: dict[str, QTreeWidgetItem] = {}
        self._building = False
        self._everything: set[str] = set()  # sections whose "show all" line was chosen
        self._lines: dict[str, list[Line]] = {}
        self._snoozed: dict[str, list[Line]] = {}  # by section: lines this worker has put off until a later day

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.checklist)
        layout.addWidget(self.tree, 1)
        writer.watch(self, None, self.refresh)  # Today gathers every area
        self.refresh()

    # --- reading ---------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read every section from the database, keeping the line the keyboard was on."""
        today = today_uk()
        self.heading.setText(_("Today, {date}").format(date=long_date(today)))

        def read(db):
            return [group.read(db, today) for group in self.groups], snoozed_lines(db, today)

        try:
            filled, snoozed = self.writer.glance(read)
        except DatabaseError as exc:
            # A damaged page: the health check (ui.app) finds it, tells the worker in words and shows the database
            # read-only. Today stays empty rather than taking the window down.
            log.warning("Today could not be read (%s)", type(exc).__name__)
            filled, snoozed = [[[] for _section in group.sections] for group in self.groups], set()
        self.checklist.refresh()
        found: list[tuple[Section, list[Line]]] = []
        for group, lists in zip(self.groups, filled, strict=True):
            found += zip(group.sections, lists, strict=True)
        self._snoozed = {section.key: [line for line in lines if (section.key, line.about) in snoozed]
                         for section, lines in found}  # fmt: skip
        found = [(section, [line for line in lines if (section.key, line.about) not in snoozed])
                 for section, lines in found]  # fmt: skip
        self._lines = {section.key: _most_urgent_first(lines) for section, lines in found}
        found.sort(key=lambda pair: (not any(line.red for line in pair[1]), not any(line.urgent for line in pair[1])))
        self._build([section for section, _lines in found])

    def _build(self, order: list[Section]) -> None:
        current = self.tree.currentItem()
        was_on = (current.data(0, KIND_ROLE), current.data(0, RECORD_ID_ROLE)) if current else None
        collapsed = set(QSettings().value(COLLAPSED_KEY, [], list) or [])
        self._building = True
        self.tree.setUpdatesEnabled(False)
        try:
            self.tree.clear()
            self.sections = {}
            bold = QFont()
            bold.setBold(True)  # only the weight: the size still comes from the list's own (chosen) font
            for section in order:
                item = QTreeWidgetItem(self.tree)
                item.setData(0, SECTION_ROLE, section.key)
                item.setData(0, Qt.ItemDataRole.FontRole, bold)
                self.sections[section.key] = item
                setattr(self, section.key, item)  # page.meetings, page.terms… (tests and steps.today_lines)
                self._fill(section)
                item.setExpanded(section.key not in collapsed)
        finally:
            self._building = False
            self.tree.setUpdatesEnabled(True)
        if was_on is not None:
            self._go_back_to(*was_on)

    def _fill(self, section: Section) -> None:
        item, lines = self.sections[section.key], self._lines[section.key]
        item.takeChildren()
        overdue = sum(line.urgent for line in lines)
        title = _("{title} — {count}").format(title=_(section.title).format(days=section.days), count=len(lines))
        if overdue:
            title += " " + ngettext("({n} overdue)", "({n} overdue)", overdue).format(n=overdue)
        snoozed = len(self._snoozed.get(section.key, []))
        if snoozed:
            title += " " + ngettext("({n} snoozed)", "({n} snoozed)", snoozed).format(n=snoozed)
        item.setText(0, title)
        item.setData(0, Qt.ItemDataRole.AccessibleTextRole, title)
        everything = section.key in self._everything or len(lines) <= FIRST_LINES + 1
        shown = lines if everything else lines[:FIRST_LINES]
        if len(shown) < len(lines):
            more = len(lines) - FIRST_LINES
            shown = [*shown, Line(_("…and {n} more: press Enter here to show them all").format(n=f"{more:,}"),
                                  _SHOW_ALL, section.key)]
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for line in shown or [Line(_(section.empty).format(days=section.days))]:
            child = QTreeWidgetItem(item, [line_text(line)])
            child.setData(0, KIND_ROLE, line.kind)
            child.setData(0, RECORD_ID_ROLE, line.record_id)
            if line.kind and line.kind != _SHOW_ALL:
                child.setData(0, IN_SECTION_ROLE, section.key)
                child.setData(0, ABOUT_ROLE, line.about)
            child.setToolTip(0, line_text(line))
            if line.urgent:
                child.setIcon(0, warning)
            if line.red:
                child.setForeground(0, QBrush(URGENT))

    def _go_back_to(self, kind, record_id) -> None:
        for item in self.sections.values():
            for number in range(item.childCount()):
                child = item.child(number)
                if (child.data(0, KIND_ROLE), child.data(0, RECORD_ID_ROLE)) == (kind, record_id) and kind:
                    self.tree.setCurrentItem(child)
                    return

    # --- the keyboard and mouse ------------------------------------------------------------------------------
    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        kind, record_id = item.data(0, KIND_ROLE), item.data(0, RECORD_ID_ROLE)
        if item.data(0, SECTION_ROLE):
            item.setExpanded(not item.isExpanded())  # Enter on a section's row opens or closes it
        elif kind == _SHOW_ALL:
            self._everything.add(record_id)
            section = next(s for group in self.groups for s in group.sections if s.key == record_id)
            self._fill(section)
            self.tree.setCurrentItem(self.sections[record_id].child(FIRST_LINES))
        elif kind and record_id:
            self.open_record.emit(kind, record_id)

    # --- snooze and done ------------------------------------------------------------------------------------
    def _tree_action(self, words: str, keys: str, slot) -> QAction:
        action = QAction(words, self.tree)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # only while the list has the keyboard
        action.triggered.connect(slot)
        self.tree.addAction(action)
        return action

    def _current_line(self) -> tuple[str, str, str] | None:
        """The current line's section key, what it is about, and its words; None on a section row or a note."""
        item = self.tree.currentItem()
        if item is None or not item.data(0, IN_SECTION_ROLE) or not item.data(0, ABOUT_ROLE):
            return None
        return item.data(0, IN_SECTION_ROLE), item.data(0, ABOUT_ROLE), item.text(0)

    def _enable_actions(self) -> None:
        line = self._current_line()
        self.snooze_action.setEnabled(line is not None)
        done = DONE.get(line[0]) if line is not None else None
        # A volunteer's Today lists the actions of every meeting; only their own meetings' are theirs to tick off.
        mine = done is not None and line is not None and self.writer.glance(
            lambda db: all_mine(db, done.table, [line[1]]))
        self.done_action.setEnabled(bool(mine))
        if done is not None:
            self.done_action.setText(done.words)

    def _line_menu(self) -> QMenu:
        """The menu for the current row: open, snooze and (where it makes sense) done; on a section's own row, show
        its snoozed lines again."""
        menu = QMenu(self.tree)
        menu.setAccessibleName(_("What to do with this line"))
        item = self.tree.currentItem()
        self._enable_actions()
        if item is not None and item.data(0, SECTION_ROLE):
            key = item.data(0, SECTION_ROLE)
            hidden = len(self._snoozed.get(key, []))
            if hidden:
                words = ngettext("Show the {n} snoozed line again", "Show the {n} snoozed lines again", hidden)
                menu.addAction(words.format(n=hidden), lambda: self.wake_section(key))
            return menu
        if self._current_line() is not None:
            menu.addAction(_("&Open"), lambda: self._activated(item))
            menu.addAction(self.snooze_action)
            if self.done_action.isEnabled():
                menu.addAction(self.done_action)
        return menu

    def _menu_place(self):
        item = self.tree.currentItem()
        rect = self.tree.visualItemRect(item) if item is not None else self.tree.rect()
        return self.tree.viewport().mapToGlobal(rect.bottomLeft())

    def snooze_current(self) -> None:
        """Ask until when, then hide the current line until that day."""
        line = self._current_line()
        if line is None:
            return
        dialog = self.snooze_dialog(*line)
        if dialog.exec():
            self.say(_("Snoozed until {day}. It will be back on your Today list that day.").format(
                day=format_uk(dialog.day)))

    def snooze_dialog(self, section_key: str, about: str, text: str) -> SnoozeDialog:
        """The dialog that asks until when a line is put off (its OK saves the snooze)."""
        return SnoozeDialog(self.writer, section_key, about, text, self)

    def mark_current_done(self) -> None:
        """Tick the current line off, where that is the whole job (an action, a follow-up)."""
        line = self._current_line()
        if line is None or line[0] not in DONE:
            return
        done, today = DONE[line[0]], today_uk()
        if self.writer.run(self, lambda s: done.work(s, line[1], today) or True):
            self.say(done.said)

    def wake_section(self, key: str) -> None:
        """Show a section's snoozed lines again now."""
        lines = self._snoozed.get(key, [])

        def wake(session) -> bool:
            for line in lines:
                wake_line(session, key, line.about or "")
            return True

        self.writer.run(self, wake)

    def say(self, words: str) -> None:
        """A message in the window's status bar, read out by screen readers there."""
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(words, 10000)

    def _remember(self, item: QTreeWidgetItem, collapsed: bool) -> None:
        if self._building:
            return
        settings = QSettings()
        keys = set(settings.value(COLLAPSED_KEY, [], list) or [])
        key = item.data(0, SECTION_ROLE)
        keys = keys | {key} if collapsed else keys - {key}
        settings.setValue(COLLAPSED_KEY, sorted(keys))

    def changeEvent(self, event) -> None:
        """Lay the lines out again when the text size changes: wrapped lines need a new height."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.tree.doItemsLayout()
