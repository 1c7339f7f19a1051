"""The kinds of record a spreadsheet can bring in, for the import dialog and `partnerdesk import KIND`.

Each area's importer is loaded only when asked for, so neither the window nor the command line pays for SQLAlchemy's
ORM and every area's services before an import starts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from partnerdesk.i18n import N_, _

if TYPE_CHECKING:
    from partnerdesk.services.common.importing import Importer

#: Kind → the words for it, in the order offered.
KINDS: dict[str, str] = {"people": N_("People"), "meetings": N_("Meetings"), "claims": N_("Expense claims")}


def importer(kind: str) -> Importer:
    """The importer for one of KINDS."""
    if kind == "people":
        from partnerdesk.services.people.importing import PEOPLE

        return PEOPLE
    if kind == "meetings":
        from partnerdesk.services.meetings.importing import MEETINGS

        return MEETINGS
    if kind == "claims":
        from partnerdesk.services.expenses.importing import CLAIMS

        return CLAIMS
    raise ValueError(f"Unknown kind of import: {kind}")


def first_sheet(kind: str, names: Sequence[str]) -> str | None:
    """The sheet to open first: one the kind prefers when the file has it (the expenses export's "Lines"), else
    None for the file's first sheet."""
    for wanted in importer(kind).sheets:
        for name in (wanted, _(wanted)):
            if name in names:
                return name
    return None
