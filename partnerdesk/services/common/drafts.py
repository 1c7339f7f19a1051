"""Form drafts: saved as people type, offered back after a crash, dropped when the form is saved."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import Connection, delete, select

from partnerdesk.records import tables
from partnerdesk.records.types import current_user, utc_now
from partnerdesk.store.sharing import this_machine

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def _mine():
    """Only the worker's own drafts from this PC: drafts hold confidential notes, and a draft offered on another
    PC or to another worker could be read or thrown away by someone who never typed it."""
    d = tables.form_drafts
    return (d.c.saved_by == current_user()) & (d.c.machine == this_machine())


class Draft(NamedTuple):
    """A form left unsaved: which form, which record (None for a new one), and what had been typed."""

    id: str
    form: str
    record_id: str | None
    title: str
    payload: dict[str, Any]
    saved_at: datetime
    saved_by: str


def save_draft(session: Session, form: str, record_id: str | None, title: str, payload: dict[str, Any]) -> str:
    """Keep the form's current contents; one draft per form and record, replaced each time. Returns its id."""
    from partnerdesk.records.drafts import FormDraft  # not needed to list drafts as the window opens

    stmt = select(FormDraft).where(
        FormDraft.form == form,
        FormDraft.record_id.is_(None) if record_id is None else FormDraft.record_id == record_id,
        FormDraft.saved_by == current_user(),
        FormDraft.machine == this_machine(),
    )
    draft = session.scalars(stmt).first()
    if draft is None:
        draft = FormDraft(form=form, record_id=record_id, saved_by=current_user(), machine=this_machine())
        session.add(draft)
    draft.title, draft.payload, draft.saved_at = title, payload, utc_now()
    session.flush()
    return draft.id


def list_drafts(session: Connection | Session) -> list[Draft]:
    """This worker's unsaved forms left behind on this PC (for example by a crash), newest first.

    Read through records.tables: this runs as the window opens, before the ORM is needed.
    """
    d = tables.form_drafts
    stmt = (
        select(d.c.id, d.c.form, d.c.record_id, d.c.title, d.c.payload, d.c.saved_at, d.c.saved_by)
        .where(_mine())
        .order_by(d.c.saved_at.desc())
    )
    return [Draft(*row) for row in session.execute(stmt)]


def discard_draft(session: Session, form: str, record_id: str | None) -> None:
    """Forget this worker's draft on this PC for a form (after saving it, or when they choose to throw it away).

    Someone else's draft of the same record is left for them: the save will show them what changed."""
    d = tables.form_drafts
    condition = d.c.record_id.is_(None) if record_id is None else d.c.record_id == record_id
    session.execute(delete(d).where(d.c.form == form, condition, _mine()))
