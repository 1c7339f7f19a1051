"""A lazy table model over the People query: holds a count and the pages that have been looked at, nothing more."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from partnerdesk.records import vocab
from partnerdesk.rules.dates import format_moment_uk
from partnerdesk.services.people_list import COLUMNS, PeopleFilter, count_people, people_page, role_codes
from partnerdesk.store import Store

PERSON_ID_ROLE = Qt.ItemDataRole.UserRole + 1
PAGE_SIZE = 200
PAGES_KEPT = 40  # about 8,000 rows: scrolling back is instant, memory stays small with 100k people

_KEYS = list(COLUMNS)


def _display(row, key: str) -> str:
    if key == "name":
        if row.preferred_name and row.preferred_name != row.full_name:
            return f"{row.full_name} ({row.preferred_name})"
        return row.full_name
    if key == "roles":
        return ", ".join(vocab.label(vocab.ROLES, code) for code in role_codes(row.roles))
    if key == "status":
        return vocab.label(vocab.STATUSES, row.status)
    if key == "updated_at":
        return format_moment_uk(row.updated_at)
    return getattr(row, key) or ""


class PeopleTableModel(QAbstractTableModel):
    """People matching a PeopleFilter, fetched a page at a time as the view scrolls."""

    def __init__(self, store: Store, flt: PeopleFilter | None = None, parent=None):
        super().__init__(parent)
        self._store = store
        self._filter = flt or PeopleFilter()
        self._count = 0
        self._pages: OrderedDict[int, list] = OrderedDict()
        self.refresh()

    @property
    def filter(self) -> PeopleFilter:
        return self._filter

    def set_filter(self, flt: PeopleFilter) -> None:
        """Show a different selection of people (search, filters, sort)."""
        self._filter = flt
        self.refresh()

    def refresh(self) -> None:
        """Re-read from the database (after a save, or when the filter changes)."""
        self.beginResetModel()
        self._pages.clear()
        with self._store.reader() as session:
            self._count = count_people(session, self._filter)
            if self._count:
                self._pages[0] = people_page(session, self._filter, 0, PAGE_SIZE)
        self.endResetModel()

    def _row(self, number: int):
        page = number // PAGE_SIZE
        rows = self._pages.get(page)
        if rows is None:
            with self._store.reader() as session:
                rows = people_page(session, self._filter, page * PAGE_SIZE, PAGE_SIZE)
            self._pages[page] = rows
            while len(self._pages) > PAGES_KEPT:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        offset = number % PAGE_SIZE
        return rows[offset] if offset < len(rows) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_KEYS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._row(index.row())
        if row is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return _display(row, _KEYS[index.column()])
        if role == PERSON_ID_ROLE:
            return row.id
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[_KEYS[section]]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        descending = order == Qt.SortOrder.DescendingOrder
        self.set_filter(replace(self._filter, sort=_KEYS[column], descending=descending))

    def person_id(self, row: int) -> str | None:
        """The id of the person on a row."""
        found = self._row(row)
        return found.id if found else None

    def row_of(self, person_id: str) -> int | None:
        """The row a person is on, if they are among the pages already read."""
        for page, rows in self._pages.items():
            for offset, row in enumerate(rows):
                if row.id == person_id:
                    return page * PAGE_SIZE + offset
        return None
