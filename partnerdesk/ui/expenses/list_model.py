"""A lazy table model over the claims list: a count and total, then only the pages of rows looked at."""

from __future__ import annotations

from PySide6.QtCore import Qt

from partnerdesk.i18n import N_, _
from partnerdesk.records import vocab
from partnerdesk.rules.dates import format_uk
from partnerdesk.rules.expenses import claim_reference
from partnerdesk.rules.money import format_pounds
from partnerdesk.services.expenses.listing import ClaimFilter, claims_page, claims_summary
from partnerdesk.store import Store
from partnerdesk.ui.tables import RECORD_ID_ROLE, PagedTableModel, Shown

CLAIM_ID_ROLE = RECORD_ID_ROLE

#: heading, and the sort key the column sorts by (None: not sortable)
COLUMNS = (
    (N_("Date"), "claim_date"),
    (N_("Reference"), None),
    (N_("Person"), "person"),
    (N_("Status"), "status"),
    (N_("Total"), "total"),
    (N_("Budget heading"), "heading"),
    (N_("Programme"), "programme"),
    (N_("Receipts"), "receipts_missing"),
)
TOTAL_COLUMN = 4


def _shown(rows) -> list[Shown]:
    shown = []
    for row in rows:
        missing = row.receipts_missing
        receipts = _("All in") if not missing else _("{missing} missing").format(missing=missing)
        texts = (
            format_uk(row.claim_date), claim_reference(row.id), row.person,
            vocab.label(vocab.CLAIM_STATUSES, row.status), format_pounds(row.total_pence), row.heading or "",
            row.programme or "", receipts,
        )  # fmt: skip
        shown.append(Shown(row.id, texts))
    return shown


class ClaimsTableModel(PagedTableModel):
    """Claims matching a ClaimFilter, read a page at a time as the view scrolls; count and total kept for the footer."""

    COLUMNS = COLUMNS
    ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole})

    def __init__(self, store: Store, flt: ClaimFilter | None = None, parent=None):
        self.total_pence = 0
        super().__init__(store, flt or ClaimFilter(), parent)

    @property
    def count(self) -> int:
        return self._count

    def read_first(self, session, size: int) -> tuple[int, list[Shown]]:
        count, self.total_pence = claims_summary(session, self._filter)
        return count, _shown(claims_page(session, self._filter, 0, size))

    def read_page(self, session, offset: int, size: int) -> list[Shown]:
        return _shown(claims_page(session, self._filter, offset, size))

    def cell_data(self, row: Shown, column: int, role):
        if role == Qt.ItemDataRole.TextAlignmentRole and column == TOTAL_COLUMN:  # money lines up on the right
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None
