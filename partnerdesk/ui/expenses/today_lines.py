"""The expenses sections of the Today page: claims waiting for approval, approved claims unpaid too long, and budget
headings nearly spent. Each line opens its claim (or the budgets view)."""

from __future__ import annotations

from datetime import date

from partnerdesk.i18n import N_, _, ngettext
from partnerdesk.rules.dates import format_uk
from partnerdesk.rules.expenses import financial_year_label
from partnerdesk.rules.money import format_pounds
from partnerdesk.services.common.settings import get_setting
from partnerdesk.services.expenses.today import TodayClaim, today_expenses
from partnerdesk.ui.today.sections import Line, Section, TodayGroup


def _days(since, today: date) -> int:
    return (today - since.date()).days if since else 0


def claim_line(claim: TodayClaim, today: date, waiting: bool) -> str:
    """A claim in words: whose, when, how much, how long it has waited, and any missing receipt."""
    days = _days(claim.since, today)
    if waiting:
        wait = ngettext("waiting {n} day", "waiting {n} days", days).format(n=days)
    else:
        wait = ngettext("approved {n} day ago and still not paid", "approved {n} days ago and still not paid",
                        days).format(n=days)
    text = _("{person_name} — {total_pence} claimed on {claim_date}, {wait}").format(
        person_name=claim.person_name,
        total_pence=format_pounds(claim.total_pence),
        claim_date=format_uk(claim.claim_date),
        wait=wait,
    )
    if claim.receipts_missing:
        missing = claim.receipts_missing
        text += " (" + ngettext("{n} receipt missing", "{n} receipts missing", missing).format(n=missing) + ")"
    return text


def _read(db, today: date) -> list[list[Line]]:
    found = today_expenses(db, today)
    percent = get_setting(db, "budget_warning_percent")
    waiting = [Line(claim_line(c, today, True), "claim", c.claim_id) for c in found.waiting_for_approval]
    unpaid = [Line(claim_line(c, today, False), "claim", c.claim_id, True, _days(c.since, today))
              for c in found.approved_unpaid]
    headings = [
        Line((_("{name} ({year}): {percent_used}% used — {used} spent or waiting of {allocation}, over budget")
              if h.percent_used > 100 else
              _("{name} ({year}): {percent_used}% used — {used} spent or waiting of {allocation}, at or above the "
                "{percent}% warning level")).format(
                 name=h.name, year=financial_year_label(h.financial_year), percent_used=h.percent_used,
                 used=format_pounds(h.used_pence), allocation=format_pounds(h.allocation_pence), percent=percent),
             "budget_heading", h.heading_id)  # a budget is never "overdue": its words say how full it is
        for h in found.headings_near_limit
    ]
    return [waiting, unpaid, headings]


EXPENSES_TODAY = TodayGroup(
    (
        Section(
            "claims_waiting",
            N_("Claims waiting for approval"),
            N_("No claims are waiting for approval."),
            stretch=False,
        ),
        Section(
            "claims_unpaid",
            N_("Approved claims waiting too long to be paid"),
            N_("Every approved claim has been paid in good time."),
            stretch=False,
        ),
        Section(
            "budgets_near_limit",
            N_("Budget headings nearly or over spent"),
            N_("No budget heading is near its allocation."),
            stretch=False,
        ),
    ),
    _read,
)
