"""How long the monitoring return takes for a year of a large organisation, against a raw openpyxl write-only dump
of the same cells in the same run (not a test).

    python bench/bench_monitoring.py                   # 5,000 people: quick
    python bench/bench_monitoring.py --people 100000   # the issue's large organisation

The database is filled by `partnerdesk demo` (kept between runs in the temporary folder). The return covers the
four financial-year quarters up to and including today's: the demo's year of records (its meetings run from six
months before today to six months after, its claims and checks up to today), as the issue asks.

The raw dump writes exactly the cells the return wrote (read back from its file first, not timed) with openpyxl's
own write-only workbook and no formatting: the least any xlsx writer could do. The ratio printed is the return's
time over the dump's (the issue's target is 1.5 or less), then how much of the return's time is working out its
figures (its queries alone, timed again on their own), and which areas' figures take that time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import demo_database  # noqa: E402


def raw_dump(cells: dict[str, list[tuple]], out: Path) -> float:
    """Seconds to write these sheets' values with a bare openpyxl write-only workbook."""
    from openpyxl import Workbook

    started = time.perf_counter()
    book = Workbook(write_only=True)
    for title, rows in cells.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(out)
    return time.perf_counter() - started


def figures_by_area(session, period) -> dict[str, float]:
    """Seconds each area's Summary figures (sections.SECTIONS) and the Equality tables take to work out."""
    from partnerdesk.services.reports import sections
    from partnerdesk.services.reports.equality import equality_tables

    spent = {}
    for provider in (*sections.SECTIONS, equality_tables):
        started = time.perf_counter()
        provider(session, period)
        spent[provider.__name__] = time.perf_counter() - started
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=5_000, help="how many demo people (default 5,000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, the fastest kept (default 3)")
    args = parser.parse_args()

    from openpyxl import load_workbook

    from partnerdesk.exports.monitoring import export_monitoring
    from partnerdesk.rules.dates import today_uk
    from partnerdesk.rules.quarters import quarter_of
    from partnerdesk.services.reports.monitoring import monitoring_return, return_period
    from partnerdesk.store import open_store

    db = demo_database(args.people)
    last = quarter_of(today_uk())
    first = last.previous().previous().previous()
    folder = Path(tempfile.mkdtemp(prefix="partnerdesk-bench-"))
    store = open_store(db, read_only=True)
    ours, raws, figures, areas = [], [], [], []
    try:
        for _ in range(args.repeat):
            out = folder / "return.xlsx"
            started = time.perf_counter()
            with store.reader() as session:
                period = return_period(session, first.first_day, last.last_day)
                export_monitoring(session, out, period)
            ours.append(time.perf_counter() - started)
            started = time.perf_counter()
            with store.reader() as session:
                monitoring_return(session, period)
            figures.append(time.perf_counter() - started)
            with store.reader() as session:
                areas.append(figures_by_area(session, period))
            book = load_workbook(out, read_only=True)
            cells = {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}
            book.close()
            raws.append(raw_dump(cells, folder / "raw.xlsx"))
    finally:
        store.close()
    rows = sum(len(rows) for rows in cells.values())
    best, raw = min(ours), min(raws)
    print(f"people:               {args.people:,}")
    print(f"period:               {first.name} to {last.name} ({period.date_from} to {period.date_to})")
    print(f"rows written:         {rows:,} on {len(cells)} sheets")
    print(f"monitoring return:    {best:.2f} s (fastest of {args.repeat})")
    print(f"raw openpyxl dump:    {raw:.2f} s")
    print(f"ratio:                {best / raw:.2f}× (target ≤ 1.5×)")
    # Where the return's time goes: working out its figures from the records, which the dump does not do at all.
    # Medians of each, as the machine's noise is larger than the file's writing.
    share = statistics.median(figures) / statistics.median(ours)
    print(f"figures alone:        {statistics.median(figures):.2f} s median, {share:.0%} of the return's median "
          f"{statistics.median(ours):.2f} s (its queries, no file)")
    for name in areas[0]:
        print(f"  {name + ':':20s}{statistics.median(spent[name] for spent in areas) * 1000:5.0f} ms median")
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()


if __name__ == "__main__":
    main()
