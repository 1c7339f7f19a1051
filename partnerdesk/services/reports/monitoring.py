"""The commissioners' monitoring return for a period: the Summary's sections, the equality tables, one anonymised
row per meeting and the expenses by kind and budget heading. Everything here is figures; nobody is named.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from partnerdesk.i18n import _
from partnerdesk.rules.dates import today_uk
from partnerdesk.rules.disclosure import Policy
from partnerdesk.services.common.errors import ValidationError
from partnerdesk.services.common.settings import disclosure_policy
from partnerdesk.services.reports import sections
from partnerdesk.services.reports.equality import EqualityTable, equality_tables
from partnerdesk.services.reports.lines import Period, Section


@dataclass(frozen=True)
class MonitoringReturn:
    """What the return says: its period, the Summary's sections and the equality tables (already protected)."""

    period: Period
    sections: list[Section]
    equality: list[EqualityTable]


def return_period(
    session: Session, date_from: date, date_to: date, today: date | None = None, policy: Policy | None = None
) -> Period:
    """The period a return covers, with the organisation's disclosure rule; ValidationError when from is after to."""
    if date_from > date_to:
        raise ValidationError({"date_to": _("The 'from' date is after the 'to' date. Please swap them.")})
    return Period(date_from, date_to, today or today_uk(), policy or disclosure_policy(session))


def summary(session: Session, period: Period) -> list[Section]:
    """The Summary's sections, one per area (sections.SECTIONS): what the Reports page previews."""
    return [provider(session, period) for provider in sections.SECTIONS]


def monitoring_return(session: Session, period: Period) -> MonitoringReturn:
    """The whole return for the period (the meetings and expenses sheets read their rows as they are written)."""
    return MonitoringReturn(period, summary(session, period), equality_tables(session, period))
