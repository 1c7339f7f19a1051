"""A lazy table model over the meetings list: a count and the pages looked at, each row's text worked out once."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from partnerdesk.i18n import N_, _, short_date
from partnerdesk.records import vocab
from partnerdesk.rules.meetings import uk_times
from partnerdesk.services.meetings.checks import compliance_for_meetings
from partnerdesk.services.meetings.listing import MeetingFilter, first_page, meetings_page
from partnerdesk.store import Store
from partnerdesk.ui.tables import RECORD_ID_ROLE, PagedTableModel, Shown

MEETING_ID_ROLE = RECORD_ID_ROLE

#: heading, and the sort key the column sorts by (None: not sortable)
COLUMNS = (
    (N_("Date"), "starts_at"),
    (N_("Time"), "starts_at"),
    (N_("Committee"), "committee"),
    (N_("Kind"), "kind"),
    (N_("Title"), "title"),
    (N_("How"), "mode"),
    (N_("Who"), None),
)
_GREY = QColor("#6b7580")


class _Extra(NamedTuple):
    cancelled: bool
    tip: str


def _who(row, compliance) -> str:
    if row.cancelled:
        return _("Cancelled")
    if compliance is None or compliance.invited == 0:
        return _("Nobody invited yet")
    recorded = compliance.invited - compliance.unrecorded
    text = _("{invited} invited").format(invited=compliance.invited)
    if recorded:
        text += _(", {attended} attended").format(attended=compliance.attended)
        if compliance.apologies:
            text += _(", {apologies} apologies").format(apologies=compliance.apologies)
    return text


def _shown(session, rows) -> list[Shown]:
    compliance = compliance_for_meetings(session, [row.id for row in rows])
    shown = []
    for row in rows:
        day, start, end = uk_times(row.starts_at, row.ends_at)
        committee = row.committee or ""
        tip = f"{committee} ({row.organisation})" if row.organisation else ""
        if row.cancelled:
            tip = _("Cancelled. {details}").format(details=tip)
        texts = (
            short_date(day),
            f"{start:%H:%M}–{end:%H:%M}",
            committee,
            vocab.label(vocab.MEETING_KINDS, row.kind),
            row.title + (" (moved)" if row.moved_from else ""),
            vocab.label(vocab.MEETING_MODES, row.mode).split(" (")[0],
            _who(row, compliance.get(row.id)),
        )
        shown.append(Shown(row.id, texts, _Extra(bool(row.cancelled), tip)))
    return shown


class MeetingsTableModel(PagedTableModel):
    """Meetings matching a MeetingFilter, read a page at a time as the view scrolls."""

    COLUMNS = COLUMNS
    ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole})

    def __init__(self, store: Store, flt: MeetingFilter | None = None, parent=None):
        super().__init__(store, flt or MeetingFilter(), parent)

    def read_first(self, session, size: int) -> tuple[int, list[Shown]]:
        count, rows = first_page(session, self._filter, size)
        return count, _shown(session, rows)

    def read_page(self, session, offset: int, size: int) -> list[Shown]:
        return _shown(session, meetings_page(session, self._filter, offset, size))

    def cell_data(self, row: Shown, column: int, role):
        if role == Qt.ItemDataRole.ForegroundRole:
            return _GREY if row.extra.cancelled else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.extra.tip or row.texts[column]
        return None
