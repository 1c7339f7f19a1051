"""A lazy table model over the People query: holds a count and the pages that have been looked at, nothing more."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer

from partnerdesk.i18n import _
from partnerdesk.records import vocab
from partnerdesk.rules.dates import format_moment_uk
from partnerdesk.services.people.listing import (
    COLUMNS,
    PeopleFilter,
    key_of,
    list_keys,
    ordered_keys,
    other_side_keys,
    places_in,
    role_codes,
    rows_for_keys,
)
from partnerdesk.services.people.search import broad_search
from partnerdesk.store import Store
from partnerdesk.ui.tables import PageCache

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


class _Shown:
    """A row as the text of each cell, worked out when first painted rather than on every paint (or never, for the
    rows of a page that are not scrolled into view)."""

    __slots__ = ("_row", "_texts", "id")

    def __init__(self, row):
        self._row, self._texts, self.id = row, None, row.id

    @property
    def texts(self) -> tuple[str, ...]:
        if self._texts is None:
            self._texts = tuple(_display(self._row, key) for key in _KEYS)
        return self._texts


def _shown(rows: list) -> list[_Shown]:
    return [_Shown(row) for row in rows]


_ROLES_ANSWERED = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, PERSON_ID_ROLE})


class PeopleTableModel(QAbstractTableModel):
    """People matching a PeopleFilter, fetched a page at a time as the view scrolls."""

    def __init__(self, store: Store, flt: PeopleFilter | None = None, parent=None):
        super().__init__(parent)
        self._store = store
        self._filter = flt or PeopleFilter()
        # Everyone in the current sort order, kept until the data or the sort changes, so a keystroke only has to
        # narrow it down (see services.people.listing.ordered_keys).
        self._ordered: list | None = None
        self._others: list | None = None  # the other side of the Bin, read at the first search
        self._places: dict | None = None  # places_in(self._ordered), worked out before the first search
        # The keys of the rows found so far, in order. After a broad search this is only the first screenful and
        # _count says how many there are in all; the rest is read when the view scrolls to it.
        self._keys: list = []
        self._count = 0
        self._complete = True
        self._pages = PageCache(PAGE_SIZE, PAGES_KEPT)
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
            # After the first rows are drawn, not before them; a search before then does this itself.
            QTimer.singleShot(250, self._prepare_search)

    def _prepare_search(self) -> None:
        if self._others is None:
            with self._store.reader() as session:
                self._others = other_side_keys(session, self._filter)
        if self._places is None and self._ordered is not None:
            self._places = places_in(self._ordered)

    @property
    def filter(self) -> PeopleFilter:
        return self._filter

    def set_filter(self, flt: PeopleFilter) -> None:
        """Show a different selection of people (search, filters, sort)."""
        old, self._filter = self._filter, flt
        if (old.sort, old.descending, old.in_bin) != (flt.sort, flt.descending, flt.in_bin):
            self._ordered = None
        if self._loaded:
            self._reload(same_people=True)

    def refresh(self) -> None:
        """Re-read from the database (after a save or a delete)."""
        self._ordered = None
        if self._loaded:
            self._reload()

    def _reload(self, same_people: bool = False) -> None:
        """Read the list again. same_people: only the filter changed, not anyone's details; then if the same number
        of people match and the same ones come first, the rows on screen stay as they are and nothing is redrawn
        (typing "@exa" after "@ex" finds the same 85,000 people)."""
        with self._store.reader() as session:
            if self._ordered is None:
                self._ordered, self._others, self._places = ordered_keys(session, self._filter), None, None
            broad = None
            if self._filter.search:
                if self._others is None:
                    self._others = other_side_keys(session, self._filter)
                if self._places is None:
                    self._places = places_in(self._ordered)
                broad = broad_search(session, self._filter, self._ordered, self._others, PAGE_SIZE)
            if broad is None:
                keys = list_keys(session, self._filter, self._ordered, self._places)
                count, complete = len(keys), True
            else:
                keys, count, complete = broad.first, broad.count, False
            # Only while no more than the first page has been looked at: rows further down may differ.
            if same_people and count == self._count and list(self._pages) == [0] and \
                    keys[:PAGE_SIZE] == self._keys[:PAGE_SIZE]:  # fmt: skip
                self._keys, self._complete = keys, complete
                return
            first = _shown(rows_for_keys(session, keys[:PAGE_SIZE])) if keys else None
        self.beginResetModel()
        self._pages.clear()
        self._keys, self._count, self._complete = keys, count, complete
        if first is not None:
            self._pages[0] = first
        self.endResetModel()

    def _row(self, number: int):
        return self._pages.row(number, self._read)

    def _read(self, page: int) -> list[_Shown]:
        with self._store.reader() as session:
            if not self._complete and (page + 1) * PAGE_SIZE > len(self._keys):
                # scrolled past the first rows
                self._keys = list_keys(session, self._filter, self._ordered, self._places)
                self._complete = True
            return _shown(rows_for_keys(session, self._keys[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

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
            return _(COLUMNS[_KEYS[section]])
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        descending = order == Qt.SortOrder.DescendingOrder
        if (_KEYS[column], descending) != (self._filter.sort, self._filter.descending):
            self.set_filter(replace(self._filter, sort=_KEYS[column], descending=descending))

    def person_id(self, row: int) -> str | None:
        """The id of the person on a row."""
        found = self._row(row)
        return found.id if found else None

    def record_row(self, person_id: str) -> int | None:
        """The row a person is on in the whole list (read from the keys, not by paging through), or None when the
        search and filters leave them out."""
        if not self._loaded:
            return None
        with self._store.reader() as session:
            key = key_of(session, person_id)
            if key is None:
                return None
            if not self._complete:  # a search shows its first matches before working out the rest
                self._keys = list_keys(session, self._filter, self._ordered, self._places)
                self._complete = True
        try:
            return self._keys.index(key)
        except ValueError:
            return None

    def row_of(self, person_id: str) -> int | None:
        """The row a person is on, if they are among the pages already read."""
        for page, rows in self._pages.items():
            for offset, row in enumerate(rows):
                if row.id == person_id:
                    return page * PAGE_SIZE + offset
        return None
