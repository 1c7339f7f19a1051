"""A lazy table model over the claims list: a count and total, then only the pages of rows looked at."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from typing import NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from partnerdesk.records import vocab
from partnerdesk.rules.dates import format_uk
from partnerdesk.rules.expenses import claim_reference
from partnerdesk.rules.money import format_pounds
from partnerdesk.services.expenses_list import ClaimFilter, claims_page, claims_summary
from partnerdesk.store import Store

CLAIM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
PAGE_SIZE = 200
PAGES_KEPT = 40

#: heading, and the sort key the column sorts by (None: not sortable)
COLUMNS = (
    ("Date", "claim_date"),
    ("Reference", None),
    ("Person", "person"),
    ("Status", "status"),
    ("Total", "total"),
    ("Budget heading", "heading"),
    ("Programme", "programme"),
    ("Receipts", "receipts_missing"),
)
TOTAL_COLUMN = 4


class _Shown(NamedTuple):
    id: str
    texts: tuple[str, ...]


def _shown(rows) -> list[_Shown]:
    shown = []
    for row in rows:
        missing = row.receipts_missing
        receipts = "All in" if not missing else f"{missing} missing"
        texts = (
            format_uk(row.claim_date), claim_reference(row.id), row.person,
            vocab.label(vocab.CLAIM_STATUSES, row.status), format_pounds(row.total_pence), row.heading or "",
            row.programme or "", receipts,
        )  # fmt: skip
        shown.append(_Shown(row.id, texts))
    return shown


class ClaimsTableModel(QAbstractTableModel):
    """Claims matching a ClaimFilter, read a page at a time as the view scrolls; count and total kept for the footer."""

    def __init__(self, store: Store, flt: ClaimFilter | None = None, parent=None):
        super().__init__(parent)
        self._store = store
        self._filter = flt or ClaimFilter()
        self._pages: OrderedDict[int, list[_Shown]] = OrderedDict()
        self.count = 0
        self.total_pence = 0
        self.refresh()

    @property
    def filter(self) -> ClaimFilter:
        return self._filter

    def set_filter(self, flt: ClaimFilter) -> None:
        self._filter = flt
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._pages.clear()
        with self._store.reader() as session:
            self.count, self.total_pence = claims_summary(session, self._filter)
            self._pages[0] = _shown(claims_page(session, self._filter, 0, PAGE_SIZE))
        self.endResetModel()

    def _row(self, number: int) -> _Shown | None:
        page = number // PAGE_SIZE
        rows = self._pages.get(page)
        if rows is None:
            with self._store.reader() as session:
                rows = _shown(claims_page(session, self._filter, page * PAGE_SIZE, PAGE_SIZE))
            self._pages[page] = rows
            while len(self._pages) > PAGES_KEPT:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        offset = number % PAGE_SIZE
        return rows[offset] if offset < len(rows) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.count

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, CLAIM_ID_ROLE,
                                               Qt.ItemDataRole.TextAlignmentRole):
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:  # money lines up on the right, as on paper
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter if index.column() == TOTAL_COLUMN \
                else None
        row = self._row(index.row())
        if row is None:
            return None
        return row.id if role == CLAIM_ID_ROLE else row.texts[index.column()]

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][0]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][1]
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) != (self._filter.sort, self._filter.descending):
            self.set_filter(replace(self._filter, sort=key, descending=descending))

    def claim_id(self, row: int) -> str | None:
        found = self._row(row)
        return found.id if found else None

    def row_text(self, row: int) -> tuple[str, ...]:
        found = self._row(row)
        return found.texts if found else ()
