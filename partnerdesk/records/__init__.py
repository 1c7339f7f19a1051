"""The schema: every table once in records.tables (plain SQLAlchemy Core), and the record classes mapped onto them,
one module per area (records.people, records.meetings, records.expenses, records.wellbeing, records.supervision,
records.settings, records.drafts, records.today, records.programmes, records.audit, records.accounts).

Importing this package imports nothing else, so records.tables can be read without SQLAlchemy's ORM (the first
screen does). Import a record class from its module: ``from partnerdesk.records.people import Person``.
"""

from __future__ import annotations

import importlib

#: The modules holding record classes. Records name each other in their relationships; importing them all lets the
#: ORM link them in one go (load_all).
RECORD_MODULES = (
    "people", "meetings", "expenses", "wellbeing", "supervision", "settings", "drafts", "today", "programmes", "audit",
    "accounts",
)


def load_all() -> None:
    """Import every record class, so the ORM can configure them all at once (done after the window is up)."""
    for module in RECORD_MODULES:
        importlib.import_module(f"{__name__}.{module}")
