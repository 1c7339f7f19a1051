"""The Today page: what needs doing soon, gathered from every area, each line opening what it is about."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.i18n import _, long_date
from partnerdesk.rules.dates import today_uk
from partnerdesk.services.people.today import has_people
from partnerdesk.ui.expenses.today_lines import EXPENSES_TODAY
from partnerdesk.ui.meetings.today_lines import MEETINGS_TODAY
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.people.today_lines import PEOPLE_TODAY
from partnerdesk.ui.today.sections import Line, TodayGroup
from partnerdesk.ui.wellbeing.today_lines import WELLBEING_TODAY

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 2
URGENT = QColor("#b00020")
#: Lines shown in a section at first: the most urgent come first, and a last line offers the rest.
FIRST_LINES = 25
_SHOW_ALL = "show all"  # dark red: readable on white, and the words say "overdue" too

#: Each area's part of the page, in the order shown.
GROUPS: tuple[TodayGroup, ...] = (MEETINGS_TODAY, WELLBEING_TODAY, EXPENSES_TODAY, PEOPLE_TODAY)


class TodayPage(QWidget):
    """The lists of things due, one titled list per section, and a welcome on a brand-new database."""

    open_record = Signal(str, str)  # kind, id
    new_person = Signal()

    def __init__(self, writer: Writer, parent: QWidget | None = None, groups: tuple[TodayGroup, ...] = GROUPS):
        super().__init__(parent)
        self.writer = writer
        self.groups = groups
        self.heading = QLabel()
        self.heading.setObjectName("pageTitle")
        self.empty = QLabel(
            "There is nobody in PartnerDesk yet. Add the first person, or try PartnerDesk with made-up people "
            "from the File menu (Open demo database)."
        )
        self.empty.setWordWrap(True)
        self.add_first = QPushButton("Add the first person")
        self.add_first.clicked.connect(self.new_person)

        body = QWidget()
        sections = QVBoxLayout(body)
        self.lists: dict[str, QListWidget] = {}
        for group in groups:
            for section in group.sections:
                title = QLabel(section.title)
                title.setObjectName("sectionTitle")
                widget = self._list(section.title)
                title.setBuddy(widget)
                sections.addWidget(title)
                sections.addWidget(widget, 1 if section.stretch else 0)
                self.lists[section.key] = widget
                setattr(self, section.key, widget)  # page.meetings, page.terms…
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.empty)
        layout.addWidget(self.add_first, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(scroll, 1)
        writer.watch(self, None, self.refresh)  # Today gathers every area
        self.refresh()

    def _list(self, name: str) -> QListWidget:
        widget = QListWidget()
        widget.setAccessibleName(name)
        widget.itemActivated.connect(self._activated)
        widget.setWordWrap(True)  # long lines of tasks wrap instead of hiding behind a scroll bar
        widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        widget.setMinimumHeight(90)
        return widget

    def _activated(self, item: QListWidgetItem) -> None:
        kind, record_id = item.data(KIND_ROLE), item.data(RECORD_ID_ROLE)
        if kind == _SHOW_ALL:
            key = record_id
            self._fill(self.lists[key], self._lines[key], "", everything=True)
            self.lists[key].setCurrentRow(FIRST_LINES)
        elif kind and record_id:
            self.open_record.emit(kind, record_id)

    def _fill(self, widget: QListWidget, lines: list[Line], nothing: str, everything: bool = False) -> None:
        widget.clear()
        shown = lines if everything or len(lines) <= FIRST_LINES + 1 else lines[:FIRST_LINES]
        if len(shown) < len(lines):
            key = next(key for key, each in self.lists.items() if each is widget)
            shown = [*shown, Line(f"…and {len(lines) - FIRST_LINES:,} more: press Enter here to show them all",
                                  _SHOW_ALL, key)]
        for line in shown or [Line(nothing)]:
            item = QListWidgetItem(line.text, widget)
            item.setData(KIND_ROLE, line.kind)
            item.setData(RECORD_ID_ROLE, line.record_id)
            item.setToolTip(line.text)
            if line.urgent:
                item.setForeground(QBrush(URGENT))

    def refresh(self) -> None:
        """Re-read every section from the database."""
        today = today_uk()
        self.heading.setText(_("Today, {date}").format(date=long_date(today)))

        def read(db):
            return has_people(db), [group.read(db, today) for group in self.groups]

        anyone, filled = self.writer.glance(read)
        self.empty.setVisible(not anyone)
        self.add_first.setVisible(not anyone)
        self._lines: dict[str, list[Line]] = {}
        for group, lists in zip(self.groups, filled, strict=True):
            for section, lines in zip(group.sections, lists, strict=True):
                self._lines[section.key] = lines
                self._fill(self.lists[section.key], lines, section.empty)
