"""A lazy table model over the People query: holds a count and the pages that have been looked at, nothing more."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from typing import NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from partnerdesk.records import vocab
from partnerdesk.rules.dates import format_moment_uk
from partnerdesk.services.people_list import COLUMNS, PeopleFilter, list_keys, ordered_keys, role_codes, rows_for_keys
from partnerdesk.store import Store

PERSON_ID_ROLE = Qt.ItemDataRole.UserRole + 1
PAGE_SIZE = 100
PAGES_KEPT = 80  # about 8,000 rows: scrolling back is instant, memory stays small with 100k people

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


class _Shown(NamedTuple):
    id: str
    texts: tuple[str, ...]


def _shown(rows: list) -> list[_Shown]:
    """A page of rows as the text of each cell, worked out once when the page is read rather than on every paint."""
    return [_Shown(row.id, tuple(_display(row, key) for key in _KEYS)) for row in rows]


_ROLES_ANSWERED = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, PERSON_ID_ROLE})


class PeopleTableModel(QAbstractTableModel):
    """People matching a PeopleFilter, fetched a page at a time as the view scrolls."""

    def __init__(self, store: Store, flt: PeopleFilter | None = None, parent=None):
        super().__init__(parent)
        self._store = store
        self._filter = flt or PeopleFilter()
        # Everyone in the current sort order, kept until the data or the sort changes, so a keystroke only has to
        # narrow it down (see services.people_list.ordered_keys).
        self._ordered: list | None = None
        self._keys: list = []
        self._pages: OrderedDict[int, list] = OrderedDict()
        self._loaded = False

    @property
    def loaded(self) -> bool:
        """Whether the list has been read yet."""
        return self._loaded

    def load(self) -> None:
        """Read the list for the first time (when its page is first shown, so starting the app stays quick)."""
        if not self._loaded:
            self._loaded = True
            self._reload()

    @property
    def filter(self) -> PeopleFilter:
        return self._filter

    def set_filter(self, flt: PeopleFilter) -> None:
        """Show a different selection of people (search, filters, sort)."""
        old, self._filter = self._filter, flt
        if (old.sort, old.descending, old.in_bin) != (flt.sort, flt.descending, flt.in_bin):
            self._ordered = None
        if self._loaded:
            self._reload()

    def refresh(self) -> None:
        """Re-read from the database (after a save or a delete)."""
        self._ordered = None
        if self._loaded:
            self._reload()

    def _reload(self) -> None:
        self.beginResetModel()
        self._pages.clear()
        with self._store.reader() as session:
            if self._ordered is None:
                self._ordered = ordered_keys(session, self._filter)
            self._keys = list_keys(session, self._filter, self._ordered)
            if self._keys:
                self._pages[0] = _shown(rows_for_keys(session, self._keys[:PAGE_SIZE]))
        self.endResetModel()

    def _row(self, number: int):
        page = number // PAGE_SIZE
        rows = self._pages.get(page)
        if rows is None:
            with self._store.reader() as session:
                rows = _shown(rows_for_keys(session, self._keys[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]))
            self._pages[page] = rows
            while len(self._pages) > PAGES_KEPT:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        offset = number % PAGE_SIZE
        return rows[offset] if offset < len(rows) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._keys)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_KEYS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        # Called for every visible cell and many roles on each repaint: answer the unused roles first, cheaply.
        if role not in _ROLES_ANSWERED or not index.isValid():
            return None
        row = self._row(index.row())
        if row is None:
            return None
        return row.id if role == PERSON_ID_ROLE else row.texts[index.column()]

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[_KEYS[section]]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        descending = order == Qt.SortOrder.DescendingOrder
        if (_KEYS[column], descending) != (self._filter.sort, self._filter.descending):
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
