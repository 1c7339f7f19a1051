"""Budget headings per financial year (April to March), spend against them, and the over-budget warning.

Spent means approved and paid claims; committed means submitted claims, waiting for approval (rules.expenses).
Drafts, rejected and void claims and claims in the Bin count for nothing. The budget view is one grouped query over
an index holding heading, status and total together, so it stays quick with tens of thousands of claims.

The figures read records.tables on a plain connection too, because the Today page shows the headings near their
limit as the window opens, before SQLAlchemy's ORM is imported; the record classes are imported only by the
functions that hand out or change a heading.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import Connection, func, select

from partnerdesk.i18n import _
from partnerdesk.records import tables
from partnerdesk.records.base import utc_now
from partnerdesk.rules.expenses import COMMITTED, SPENT, HeadingSpend, financial_year_dates, over_budget_warning
from partnerdesk.rules.money import MAX_PENCE, format_pounds, parse_pounds
from partnerdesk.services.common.errors import Problems, ValidationError, check_row_version
from partnerdesk.services.common.lookup import found
from partnerdesk.services.common.text import tidy

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from partnerdesk.records.expenses import BudgetHeading, Claim

#: Every field the heading form can send; allocation as typed ("12,000") or whole pence.
HEADING_FIELDS = ("financial_year", "name", "allocation", "notes")
#: Budgets are entered a few years back (catching up) and ahead (planning); further is a slip.
_YEARS = range(2000, 2100)
_h, _c = tables.budget_headings, tables.claims


class BudgetView(NamedTuple):
    """A financial year's budget: each heading's position (also the chart's data), and spend with no heading."""

    financial_year: int
    headings: list[HeadingSpend]
    no_heading_spent_pence: int
    no_heading_committed_pence: int

    @property
    def allocation_pence(self) -> int:
        """Every heading's allocation added up."""
        return sum(h.allocation_pence for h in self.headings)


def spend_sums(db: Connection | Session, where: list, exclude_claim_id: str | None = None) -> dict[str | None, list]:
    """(spent, committed) pence by heading id, for claims matching where (conditions on tables.claims)."""
    conditions = [*where, _c.c.deleted_at.is_(None), _c.c.status.in_(SPENT + COMMITTED)]
    if exclude_claim_id:
        conditions.append(_c.c.id != exclude_claim_id)
    stmt = (
        select(_c.c.budget_heading_id, _c.c.status, func.sum(_c.c.total_pence))
        .where(*conditions)
        .group_by(_c.c.budget_heading_id, _c.c.status)
    )
    found: dict[str | None, list[int]] = {}
    for heading_id, status, total in db.execute(stmt):
        found.setdefault(heading_id, [0, 0])[0 if status in SPENT else 1] += int(total or 0)
    return found


def heading_position(heading: Any, sums: dict[str | None, list[int]]) -> HeadingSpend:
    """One heading (anything with id, financial_year, name, allocation_pence) with its sums from spend_sums."""
    spent, committed = sums.get(heading.id, (0, 0))
    return HeadingSpend(heading.id, heading.financial_year, heading.name, heading.allocation_pence, spent, committed)


def budget_view(db: Connection | Session, financial_year: int) -> BudgetView:
    """Each heading of a financial year with its allocation, spent and committed money (the chart's data too), by
    name; and what claims dated in that year with no heading have spent and committed."""
    headings = db.execute(
        select(_h.c.id, _h.c.financial_year, _h.c.name, _h.c.allocation_pence)
        .where(_h.c.financial_year == financial_year, _h.c.deleted_at.is_(None))
        .order_by(func.lower(_h.c.name))
    ).all()
    sums = spend_sums(db, [_c.c.budget_heading_id.in_([h.id for h in headings])]) if headings else {}
    start, end = financial_year_dates(financial_year)
    loose = spend_sums(db, [_c.c.budget_heading_id.is_(None), _c.c.claim_date.between(start, end)])
    spent, committed = loose.get(None, [0, 0])
    return BudgetView(financial_year, [heading_position(h, sums) for h in headings], spent, committed)


def _clean(session: Session, data: dict[str, Any], heading_id: str | None) -> dict[str, Any]:
    problems = Problems()
    out = tidy(data, HEADING_FIELDS, _("budget heading"))
    year = out["financial_year"]
    if isinstance(year, str) and year.strip()[:4].isdigit():
        year = int(year.strip()[:4])  # "2026" or "2026–27"
    if isinstance(year, bool) or not isinstance(year, int) or year not in _YEARS:
        problems.add("financial_year", _("Please pick the financial year, for example 2026–27."))
    out["financial_year"] = year
    if not out["name"]:
        problems.add("name", _("Please give the heading a name, for example Engagement."))
    elif len(out["name"]) > 120:
        problems.add("name", _("This is too long: please keep it to 120 characters."))
    allocation = out["allocation"]
    if isinstance(allocation, str):
        try:
            out["allocation"] = parse_pounds(allocation, allow_zero=True)
        except ValueError as why:
            problems.add("allocation", str(why))
    elif isinstance(allocation, bool) or not isinstance(allocation, int) or not 0 <= allocation <= MAX_PENCE:
        problems.add("allocation", _("Please type the allocation in pounds, for example 12,000."))
    if "name" not in problems.messages and "financial_year" not in problems.messages:
        clash = select(_h.c.id).where(
            _h.c.financial_year == year, func.lower(_h.c.name) == out["name"].lower(), _h.c.deleted_at.is_(None),
            _h.c.id != (heading_id or ""),
        )  # fmt: skip
        if session.execute(clash).first():
            problems.add("name", _("There is already a heading with this name for that year."))
    problems.raise_if_any()
    return out


def save_heading(
    session: Session, data: dict[str, Any], heading_id: str | None = None, version: int | None = None
) -> BudgetHeading:
    """Add a budget heading (heading_id None) or change one; raises ValidationError and saves nothing if not right.
    A form changing one passes the version it read it at: EditConflict if someone saved different details since."""
    from partnerdesk.records.expenses import BudgetHeading

    clean = _clean(session, data, heading_id)
    heading = get_heading(session, heading_id) if heading_id else BudgetHeading()
    if heading_id:
        check_row_version(heading, version, {"financial_year": clean["financial_year"], "name": clean["name"],
                                             "allocation_pence": clean["allocation"], "notes": clean["notes"]})
    moving_year = heading_id and heading.financial_year != clean["financial_year"]
    if moving_year and session.scalar(select(func.count()).where(_c.c.budget_heading_id == heading_id)):
        raise ValidationError({"financial_year": _("This heading has claims, so its year can't change.")})
    heading.financial_year, heading.name = clean["financial_year"], clean["name"]
    heading.allocation_pence, heading.notes = clean["allocation"], clean["notes"]
    heading.updated_at = utc_now()
    session.add(heading)
    session.flush()
    return heading


def get_heading(session: Session, heading_id: str) -> BudgetHeading:
    """A budget heading by id; raises NotFound."""
    from partnerdesk.records.expenses import BudgetHeading

    return found(session, BudgetHeading, heading_id, _("That budget heading could not be found."))


def delete_heading(session: Session, heading_id: str) -> None:
    """Move a heading to the Bin. Refused while claims not in the Bin use it: move them to another heading first."""
    heading = get_heading(session, heading_id)
    used = select(func.count()).where(_c.c.budget_heading_id == heading_id, _c.c.deleted_at.is_(None))
    if session.scalar(used):
        raise ValidationError({"": _("Claims use this heading. Move them to another heading first.")})
    heading.deleted_at = utc_now()
    session.flush()


def headings_for_year(session: Session, financial_year: int) -> list[BudgetHeading]:
    """The year's budget headings (not in the Bin), by name: the choices for a claim dated in that year."""
    from partnerdesk.records.expenses import BudgetHeading

    stmt = select(BudgetHeading).where(
        BudgetHeading.financial_year == financial_year, BudgetHeading.deleted_at.is_(None)
    )
    return list(session.scalars(stmt.order_by(func.lower(BudgetHeading.name))))


def heading_spend(session: Session, heading_id: str, exclude_claim_id: str | None = None) -> HeadingSpend:
    """One heading's position, leaving out one claim (the one being submitted or approved) if given."""
    heading = get_heading(session, heading_id)
    return heading_position(heading, spend_sums(session, [_c.c.budget_heading_id == heading_id], exclude_claim_id))


def claim_budget_warning(session: Session, claim: Claim) -> str | None:
    """The warning to show when this claim would take its budget heading over its allocation, or None."""
    if claim.budget_heading_id is None:
        return None
    return over_budget_warning(heading_spend(session, claim.budget_heading_id, claim.id), claim.total_pence)


def describe(spend: HeadingSpend) -> str:
    """A heading's position in a sentence, for the budget view and the Today page."""
    return (
        _(
            "{name}: {spent_pence} spent and {committed_pence} waiting of {allocation_pence} "
            "({percent_used}%)"
        ).format(
            name=spend.name,
            spent_pence=format_pounds(spend.spent_pence),
            committed_pence=format_pounds(spend.committed_pence),
            allocation_pence=format_pounds(spend.allocation_pence),
            percent_used=spend.percent_used,
        )
    )
