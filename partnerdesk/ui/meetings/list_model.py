"""A lazy table model over the meetings list: a count and the pages looked at, each row's text worked out once."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from typing import NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from partnerdesk.records import vocab
from partnerdesk.rules.dates import format_uk
from partnerdesk.rules.meetings import uk_times
from partnerdesk.services.meeting_checks import compliance_for_meetings
from partnerdesk.services.meetings_list import MeetingFilter, first_page, meetings_page
from partnerdesk.store import Store

MEETING_ID_ROLE = Qt.ItemDataRole.UserRole + 1
PAGE_SIZE = 200
PAGES_KEPT = 40

#: heading, and the sort key the column sorts by (None: not sortable)
COLUMNS = (
    ("Date", "starts_at"),
    ("Time", "starts_at"),
    ("Committee", "committee"),
    ("Kind", "kind"),
    ("Title", "title"),
    ("How", "mode"),
    ("Who", None),
)
_GREY = QColor("#6b7580")


class _Shown(NamedTuple):
    id: str
    texts: tuple[str, ...]
    cancelled: bool
    tip: str


def _who(row, compliance) -> str:
    if row.cancelled:
        return "Cancelled"
    if compliance is None or compliance.invited == 0:
        return "Nobody invited yet"
    recorded = compliance.invited - compliance.unrecorded
    text = f"{compliance.invited} invited"
    if recorded:
        text += f", {compliance.attended} attended"
        if compliance.apologies:
            text += f", {compliance.apologies} apologies"
    return text


def _shown(session, rows) -> list[_Shown]:
    compliance = compliance_for_meetings(session, [row.id for row in rows])
    shown = []
    for row in rows:
        day, start, end = uk_times(row.starts_at, row.ends_at)
        committee = row.committee or ""
        tip = f"{committee} ({row.organisation})" if row.organisation else ""
        if row.cancelled:
            tip = "Cancelled. " + tip
        texts = (
            f"{day:%a} {format_uk(day)}",
            f"{start:%H:%M}–{end:%H:%M}",
            committee,
            vocab.label(vocab.MEETING_KINDS, row.kind),
            row.title + (" (moved)" if row.moved_from else ""),
            vocab.label(vocab.MEETING_MODES, row.mode).split(" (")[0],
            _who(row, compliance.get(row.id)),
        )
        shown.append(_Shown(row.id, texts, bool(row.cancelled), tip))
    return shown


class MeetingsTableModel(QAbstractTableModel):
    """Meetings matching a MeetingFilter, read a page at a time as the view scrolls."""

    def __init__(self, store: Store, flt: MeetingFilter | None = None, parent=None):
        super().__init__(parent)
        self._store = store
        self._filter = flt or MeetingFilter()
        self._count = 0
        self._pages: OrderedDict[int, list[_Shown]] = OrderedDict()
        self.refresh()

    @property
    def filter(self) -> MeetingFilter:
        return self._filter

    def set_filter(self, flt: MeetingFilter) -> None:
        self._filter = flt
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._pages.clear()
        with self._store.reader() as session:
            self._count, rows = first_page(session, self._filter, PAGE_SIZE)
            self._pages[0] = _shown(session, rows)
        self.endResetModel()

    def _row(self, number: int) -> _Shown | None:
        page = number // PAGE_SIZE
        rows = self._pages.get(page)
        if rows is None:
            with self._store.reader() as session:
                rows = _shown(session, meetings_page(session, self._filter, page * PAGE_SIZE, PAGE_SIZE))
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
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, MEETING_ID_ROLE,
                        Qt.ItemDataRole.ForegroundRole):
            return None
        row = self._row(index.row())
        if row is None:
            return None
        if role == MEETING_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole:
            return _GREY if row.cancelled else None
        if role == Qt.ItemDataRole.ToolTipRole and row.tip:
            return row.tip
        return row.texts[index.column()]

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

    def meeting_id(self, row: int) -> str | None:
        found = self._row(row)
        return found.id if found else None

    def row_text(self, row: int) -> tuple[str, ...]:
        found = self._row(row)
        return found.texts if found else ()
