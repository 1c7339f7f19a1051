"""Finding one record by its id, the same way in every service."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from partnerdesk.services.common.errors import NotFound

if TYPE_CHECKING:  # the ORM is not loaded for the first screen, which imports some services (first_screen.py)
    from sqlalchemy.orm import Session

T = TypeVar("T")


def found(session: Session, kind: type[T], record_id: str | None, missing: str) -> T:
    """The record of kind with this id (one in the Bin included); NotFound with the plain words missing when there is
    none, or no id was given."""
    record = session.get(kind, record_id) if record_id else None
    if record is None:
        raise NotFound(missing)
    return record
