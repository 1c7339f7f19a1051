"""Form drafts: saved as people type, offered back after a crash, dropped when the form is saved."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from partnerdesk.records import FormDraft
from partnerdesk.records.base import utc_now


def save_draft(session: Session, form: str, record_id: str | None, title: str, payload: dict[str, Any]) -> str:
    """Keep the form's current contents; one draft per form and record, replaced each time. Returns its id."""
    stmt = select(FormDraft).where(
        FormDraft.form == form, FormDraft.record_id.is_(None) if record_id is None else FormDraft.record_id == record_id
    )
    draft = session.scalars(stmt).first()
    if draft is None:
        draft = FormDraft(form=form, record_id=record_id)
        session.add(draft)
    draft.title, draft.payload, draft.saved_at = title, payload, utc_now()
    session.flush()
    return draft.id


def list_drafts(session: Session) -> list[FormDraft]:
    """Unsaved forms left behind (for example by a crash), newest first."""
    return list(session.scalars(select(FormDraft).order_by(FormDraft.saved_at.desc())))


def discard_draft(session: Session, form: str, record_id: str | None) -> None:
    """Forget the draft for a form (after saving it, or when the worker chooses to throw it away)."""
    condition = FormDraft.record_id.is_(None) if record_id is None else FormDraft.record_id == record_id
    session.execute(delete(FormDraft).where(FormDraft.form == form, condition))
