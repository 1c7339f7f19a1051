"""Each partner organisation's own notice and papers periods: an NHS board may need more notice of a meeting, or
more time with its papers, than the organisation's default (the notice_days and papers_days settings).
Blank means the default applies; services.meetings judges each meeting by its committee's organisation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, func, select

from partnerdesk.i18n import _
from partnerdesk.records import tables
from partnerdesk.records.types import utc_now
from partnerdesk.services.common.errors import NotFound, Problems, check_version
from partnerdesk.services.common.setting_specs import whole_days

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class OrganisationPeriods:
    """A partner organisation's own notice and papers periods (None: the default applies), at its version."""

    organisation_id: str
    name: str
    notice_days: int | None
    papers_days: int | None
    version: int


def organisation_periods(session: Connection | Session) -> list[OrganisationPeriods]:
    """Every organisation not in the Bin, by name, with its own notice and papers periods if it has any."""
    o = tables.organisations
    stmt = (
        select(o.c.id, o.c.name, o.c.notice_days, o.c.papers_days, o.c.version)
        .where(o.c.deleted_at.is_(None))
        .order_by(func.lower(o.c.name), o.c.id)
    )
    return [OrganisationPeriods(*row) for row in session.execute(stmt)]


def set_organisation_periods(
    session: Session, organisation_id: str, notice_days: Any, papers_days: Any, version: int | None = None
) -> None:
    """Give an organisation its own notice and papers periods; blank (None or "") for the default.

    Raises ValidationError keyed "notice_days" / "papers_days" (nothing changed), NotFound, or EditConflict when
    someone saved different periods for it since the caller read it at version.
    """
    from partnerdesk.records.people import Organisation

    organisation = session.get(Organisation, organisation_id) if organisation_id else None
    if organisation is None or organisation.deleted_at is not None:
        raise NotFound(_("That organisation could not be found. It may have been deleted."))
    problems = Problems()
    clean: dict[str, Any] = {}
    for key, value in (("notice_days", notice_days), ("papers_days", papers_days)):
        if value is None or (isinstance(value, str) and not value.strip()):
            clean[key] = None
            continue
        clean[key], message = whole_days()(value)
        if message:
            problems.add(key, message)
    problems.raise_if_any()
    check_version(organisation, version, clean,
                  {"notice_days": organisation.notice_days, "papers_days": organisation.papers_days})
    if (organisation.notice_days, organisation.papers_days) != (clean["notice_days"], clean["papers_days"]):
        organisation.notice_days, organisation.papers_days = clean["notice_days"], clean["papers_days"]
        organisation.updated_at = utc_now()
    session.flush()
