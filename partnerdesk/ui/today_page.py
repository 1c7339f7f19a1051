"""The Today page: what needs doing soon, gathered from every area into one work list, each line opening what it is
about.

One tree: a row per section ("Meetings in the next 14 days — 5"), its lines beneath, the most urgent first. Sections
holding overdue lines come first. Overdue lines start with a warning icon and the word "Overdue:", so colour is never
the only sign; they are red as well only when very late or serious (see sections.Line.red).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSettings, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QPushButton,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.i18n import _, long_date, ngettext
from partnerdesk.rules.dates import today_uk
from partnerdesk.services.people.today import has_people
from partnerdesk.ui.expenses.today_lines import EXPENSES_TODAY
from partnerdesk.ui.meetings.today_lines import MEETINGS_TODAY
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.people.today_lines import PEOPLE_TODAY
from partnerdesk.ui.today.sections import Line, Section, TodayGroup
from partnerdesk.ui.wellbeing.today_lines import WELLBEING_TODAY

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 2
SECTION_ROLE = Qt.ItemDataRole.UserRole + 3  # on a section's own row: its key
URGENT = QColor("#b00020")  # dark red: readable on white, and the words say "Overdue" too
#: Lines shown in a section at first: the most urgent come first, and a last line offers the rest.
FIRST_LINES = 25
_SHOW_ALL = "show all"  # not words: a kind of line, compared
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
        self.empty = QLabel(
            _("There is nobody in PartnerDesk yet. Add the first person, or try PartnerDesk with made-up people "
            "from the File menu (Open demo database).")
        )
        self.empty.setWordWrap(True)
        self.add_first = QPushButton(_("Add the first person"))
        self.add_first.clicked.connect(self.new_person)

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
        self.sections: dict[str, QTreeWidgetItem] = {}
        self._building = False
        self._everything: set[str] = set()  # sections whose "show all" line was chosen
        self._lines: dict[str, list[Line]] = {}

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.empty)
        layout.addWidget(self.add_first, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.tree, 1)
        writer.watch(self, None, self.refresh)  # Today gathers every area
        self.refresh()

    # --- reading ---------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read every section from the database, keeping the line the keyboard was on."""
        today = today_uk()
        self.heading.setText(_("Today, {date}").format(date=long_date(today)))

        def read(db):
            return has_people(db), [group.read(db, today) for group in self.groups]

        anyone, filled = self.writer.glance(read)
        self.empty.setVisible(not anyone)
        self.add_first.setVisible(not anyone)
        found: list[tuple[Section, list[Line]]] = []
        for group, lists in zip(self.groups, filled, strict=True):
            found += zip(group.sections, lists, strict=True)
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
