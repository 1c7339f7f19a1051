"""Organisation settings that travel with the data (notice periods, rates…), one row per key (table:
records.tables.settings).

Only settings that differ from their default have a row; services.common.settings holds the defaults and the checks.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Mapped

from partnerdesk.records import tables
from partnerdesk.records.orm import Record


class Setting(Record):
    __table__ = tables.settings

    key: Mapped[str]
    value: Mapped[Any]
