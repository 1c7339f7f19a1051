"""Pick a person by typing part of their name: a search box and a drop-down of who matches.

Searches the People list (services.people.listing.people_page), as the meeting's attendance tab does, so a database of
thousands of people never fills a drop-down.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from partnerdesk.i18n import N_, _
from partnerdesk.services.people.listing import PeopleFilter, people_page
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.widgets.fitting import short_combo


class PersonPicker(QWidget):
    """person_id() is the person chosen (None: nobody). `changed` fires when the choice changes."""

    changed = Signal()

    def __init__(self, writer: Writer, what: str, blank: str = N_("Type a name to find someone"), parent=None):
        super().__init__(parent)
        self.writer = writer
        self.blank = blank
        self.find = QLineEdit()
        self.find.setPlaceholderText(_("Type part of a name"))
        self.find.setAccessibleName(_("Find {what} by name").format(what=what))
        self.find.setClearButtonEnabled(True)
        self.find.setMinimumWidth(170)
        self.matches = short_combo()
        self.matches.setAccessibleName(what[0].upper() + what[1:])
        self.matches.setMinimumWidth(240)
        self.matches.addItem(blank, None)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.find, 1)
        row.addWidget(self.matches, 2)
        self.setFocusProxy(self.find)
        self.find.textChanged.connect(self._search)
        self.matches.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def _search(self, text: str) -> None:
        chosen = self.person_id()
        self.matches.blockSignals(True)
        self.matches.clear()
        self.matches.addItem(self.blank, None)
        if len(text.strip()) >= 2:
            rows = self.writer.read(lambda s: people_page(s, PeopleFilter(search=text), 0, 30))
            for row in rows:
                self.matches.addItem(f"{row.full_name} ({row.postcode or row.email or 'no contact details'})", row.id)
            # The first match is chosen, so typing a whole name is enough; keep an earlier choice still listed.
            found = self.matches.findData(chosen) if chosen else -1
            self.matches.setCurrentIndex(found if found > 0 else min(1, self.matches.count() - 1))
        self.matches.blockSignals(False)
        self.changed.emit()

    def person_id(self) -> str | None:
        return self.matches.currentData()

    def set_person(self, person_id: str | None, name: str = "") -> None:
        """Show a person already chosen (a saved claim's claimant)."""
        self.matches.blockSignals(True)
        self.matches.clear()
        self.matches.addItem(self.blank, None)
        if person_id:
            self.matches.addItem(name, person_id)
            self.matches.setCurrentIndex(1)
        self.matches.blockSignals(False)
