"""How long fill_demo takes to add many people to a new database file (not a test).

    python bench/bench_demo.py                  # 100,000 people in a temporary database
    python bench/bench_demo.py --people 20000 --keep

Only fill_demo is timed: creating and migrating the empty database happens before the clock starts.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from partnerdesk.demo.build import fill_demo  # noqa: E402  (needs ROOT on the path first)
from partnerdesk.store import open_store  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=100_000, help="how many people to add (default 100,000)")
    parser.add_argument("--seed", type=int, default=1, help="which demo data set to make (default 1)")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="partnerdesk-bench-"))
    store = open_store(folder / "demo.sqlite3")
    try:
        started = time.perf_counter()
        # A fixed "today" so every run makes exactly the same data and timings can be compared.
        summary = fill_demo(store, people=args.people, seed=args.seed, today=date(2026, 11, 23))
        seconds = time.perf_counter() - started
    finally:
        store.close()
    print(f"people:         {summary.people:,}")
    print(f"organisations:  {summary.organisations:,}")
    print(f"committees:     {summary.committees:,}")
    print(f"memberships:    {summary.memberships:,}")
    print(f"fill_demo took: {seconds:.2f} s ({summary.people / seconds:,.0f} people a second)")
    if args.keep:
        print(f"kept in {folder}")
    else:
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()


if __name__ == "__main__":
    main()
