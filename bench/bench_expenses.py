"""Expenses speed with 50,000 claims and about 200,000 lines (not a test).

    python bench/bench_expenses.py
    python bench/bench_expenses.py --runs 50

The database (a 2,000-person demo, then services.demo_expenses with 50,000 more claims of four lines or so) is
built once and kept under bench.common.CACHE.

Targets from issue 4: the expenses list (count_claims, claims_total and the first page of claims_page) within
50 ms for each filter; the budget view (services.expenses.budgets.budget_view) within 100 ms. Only the service calls are
timed, on a warm connection; the median and 95th percentile of the runs are printed.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import CACHE, demo_database, percentile  # noqa: E402

CLAIMS = 50_000


def database() -> Path:
    """The cached database, built the first time."""
    from partnerdesk.demo.expenses import add_demo_expenses
    from partnerdesk.rules.dates import today_uk
    from partnerdesk.store import open_store

    path = CACHE / f"expenses-{CLAIMS}.sqlite3"
    if path.exists():
        return path
    part = path.with_suffix(".part")
    shutil.copy(demo_database(2000), part)
    store = open_store(part)
    try:
        with store.transaction() as session:
            made = add_demo_expenses(session, seed=99, today=today_uk(), claims=CLAIMS, more_lines=1)
        print(f"built {path.name}: {made.claims:,} more claims, {made.lines:,} lines, {made.receipts:,} receipts")
        store.tidy_after_bulk_load()  # as the demo command does: without statistics SQLite plans the first reads badly
    finally:
        store.close()
    part.rename(path)
    return path


def timed(runs: int, work) -> tuple[float, float]:
    """Median and 95th percentile of work() in milliseconds."""
    work()  # warm up
    spent = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        spent.append((time.perf_counter() - start) * 1000)
    return percentile(spent, 50), percentile(spent, 95)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    from sqlalchemy import func, select

    from partnerdesk.records.expenses import Claim, ClaimLine
    from partnerdesk.records.people import Person
    from partnerdesk.rules.dates import today_uk
    from partnerdesk.rules.expenses import financial_year_of
    from partnerdesk.services.expenses.budgets import budget_view, headings_for_year
    from partnerdesk.services.expenses.listing import ClaimFilter, claims_page, claims_summary
    from partnerdesk.services.expenses.today import today_expenses
    from partnerdesk.store import open_store

    store = open_store(database())
    today = today_uk()
    year = financial_year_of(today)
    with store.reader() as session:
        claims = session.scalar(select(func.count()).select_from(Claim))
        lines = session.scalar(select(func.count()).select_from(ClaimLine))
        print(f"{claims:,} claims, {lines:,} lines")
        person = session.scalar(select(Claim.person_id).group_by(Claim.person_id).order_by(func.count().desc()))
        name = session.get(Person, person).full_name.split()[0]
        heading = headings_for_year(session, year)[0].id
        filters = {
            "everything, newest first": ClaimFilter(),
            "waiting for approval": ClaimFilter(statuses=("submitted",)),
            "approved, not paid": ClaimFilter(statuses=("approved",), sort="person", descending=False),
            "one person": ClaimFilter(person_id=person),
            "one budget heading": ClaimFilter(budget_heading_id=heading),
            "this financial year": ClaimFilter(date_from=date(year, 4, 1), date_to=today),
            "mileage claims": ClaimFilter(category="mileage"),
            "receipts missing": ClaimFilter(receipts_missing_only=True),
            f"search '{name}'": ClaimFilter(search=name),
            "sorted by total": ClaimFilter(sort="total"),
        }

        def listing(flt):
            return lambda: (claims_summary(session, flt), claims_page(session, flt))

        print(f"{'expenses list (target p95 50 ms)':<40} {'median':>8} {'p95':>8}")
        for label, flt in filters.items():
            median, p95 = timed(args.runs, listing(flt))
            print(f"  {label:<38} {median:7.1f}  {p95:7.1f}  {'ok' if p95 <= 50 else 'SLOW'}")
        median, p95 = timed(args.runs, lambda: budget_view(session, year))
        print(f"{'budget view (target p95 100 ms)':<40} {median:7.1f}  {p95:7.1f}  {'ok' if p95 <= 100 else 'SLOW'}")
        median, p95 = timed(args.runs, lambda: today_expenses(session, today))
        print(f"{'Today page, expenses part':<40} {median:7.1f}  {p95:7.1f}")
    store.close()


if __name__ == "__main__":
    main()
