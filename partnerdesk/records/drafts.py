"""Forms saved as they are typed, so a crash or power cut loses nothing."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from partnerdesk.records.base import Base, UTCDateTime, current_user, new_id, utc_now
from partnerdesk.store.sharing import this_machine


class FormDraft(Base):
    """Unsaved form contents. Not a record people manage, so it has no Bin: it goes when the form is saved."""

    __tablename__ = "form_drafts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    form: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str | None] = mapped_column(String(36))
    title: Mapped[str] = mapped_column(String(200), default="")
    payload: Mapped[dict] = mapped_column(JSON)
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)
    saved_by: Mapped[str] = mapped_column(String(120), default=current_user)
    # Drafts hold confidential notes: only the worker on the PC that made one is offered it (services.drafts).
    machine: Mapped[str] = mapped_column(String(255), default=this_machine, server_default="unknown", nullable=False)
