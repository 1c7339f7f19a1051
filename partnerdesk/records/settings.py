"""Organisation settings that travel with the data (notice periods, later rates…), one row per key.

Only settings that differ from their default have a row; services.settings holds the defaults and the checks.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from partnerdesk.records.base import Base, RecordMixin


class Setting(RecordMixin, Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(60))
    # JSON so later settings can hold more than a number (e.g. dated mileage rates in pence).
    value: Mapped[Any] = mapped_column(JSON)

    __table_args__ = (UniqueConstraint("key"),)
