"""SQLAlchemy records, one module per area.

The record classes load the first time one is asked for (``from partnerdesk.records import Person``), not when this
package is imported: records.types and records.outlines are then usable without importing SQLAlchemy's ORM, which
is what lets the window open quickly. Asking for any record declares them all, because records name each other in
their relationships and must all be known before the first query.
"""

from __future__ import annotations

import importlib

#: Each record class and the module (in this package) that declares it.
_DECLARED_IN = {
    "Attendance": "meetings",
    "Base": "base",
    "BudgetHeading": "expenses",
    "Claim": "expenses",
    "ClaimLine": "expenses",
    "ClaimStatusChange": "expenses",
    "Committee": "people",
    "FormDraft": "drafts",
    "Meeting": "meetings",
    "MeetingAction": "meetings",
    "MeetingSeries": "meetings",
    "Membership": "people",
    "Organisation": "people",
    "Person": "people",
    "PersonRole": "people",
    "Receipt": "expenses",
    "RecordMixin": "base",
    "Setting": "settings",
    "SupervisionAction": "supervision",
    "SupervisionAttendee": "supervision",
    "SupervisionPair": "supervision",
    "SupervisionSession": "supervision",
    "TrainingCourse": "supervision",
    "TrainingRecord": "supervision",
    "WellbeingCheck": "wellbeing",
}

__all__ = [*_DECLARED_IN, "load_all"]


def load_all() -> None:
    """Declare every record, so that Base.metadata holds the whole schema."""
    for module in dict.fromkeys(_DECLARED_IN.values()):
        importlib.import_module(f"{__name__}.{module}")


def __getattr__(name: str):
    if name not in _DECLARED_IN:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    load_all()
    value = getattr(importlib.import_module(f"{__name__}.{_DECLARED_IN[name]}"), name)
    globals()[name] = value
    return value
