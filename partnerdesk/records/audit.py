"""The audit log's entries (table: records.tables.audit_log): written only by services.common.audit."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Mapped

from partnerdesk.records import tables
from partnerdesk.records.orm import Base


class AuditEntry(Base):
    """One thing someone did that a data protection officer may ask about. Never changed once written."""

    __table__ = tables.audit_log

    seq: Mapped[int]
    at: Mapped[datetime]
    account_id: Mapped[str | None]
    account_name: Mapped[str]
    kind: Mapped[str]
    object_kind: Mapped[str | None]
    object_id: Mapped[str | None]
    details: Mapped[dict]
    prev_hash: Mapped[str]
    hash: Mapped[str]
