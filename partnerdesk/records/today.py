"""Lines of the Today page a worker has put off until a day (table: records.tables.today_snoozes)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Mapped

from partnerdesk.records import tables
from partnerdesk.records.orm import Record


class TodaySnooze(Record):
    """One Today line hidden from one worker until a day; it shows again on that day."""

    __table__ = tables.today_snoozes

    line_kind: Mapped[str]
    record_id: Mapped[str]
    worker: Mapped[str]
    until: Mapped[date]
