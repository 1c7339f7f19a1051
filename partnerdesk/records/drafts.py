"""Forms saved as they are typed, so a crash or power cut loses nothing (table: records.tables.form_drafts)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Mapped

from partnerdesk.records import tables
from partnerdesk.records.orm import Base


class FormDraft(Base):
    """Unsaved form contents. Not a record people manage, so it has no Bin: it goes when the form is saved."""

    __table__ = tables.form_drafts

    id: Mapped[str]
    form: Mapped[str]
    record_id: Mapped[str | None]
    title: Mapped[str]
    payload: Mapped[dict]
    saved_at: Mapped[datetime]
    saved_by: Mapped[str]
    # Drafts hold confidential notes: only the worker on the PC that made one is offered it (services.drafts).
    machine: Mapped[str]
