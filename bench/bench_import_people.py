"""How long importing people takes against a raw openpyxl read of the same file (not a test).

    python bench/bench_import_people.py              # 10,000 rows into an empty temporary database
    python bench/bench_import_people.py --rows 2000

The sheet is made up here (names, emails, phones, postcodes, a consent date), written with openpyxl. The issue's
target: reading, checking, de-duplicating and committing within 2x a raw openpyxl read-only read of the file.
The baseline stays openpyxl (as the issue says) although the import itself reads with python-calamine.

Measured on the shared 2-core test machine (busy, so seconds vary; the ratio is what counts): before, 2.6-2.9x
(openpyxl reading alone was 1.2x the raw read; the search index's per-row trigger 5 s of the commit); with
python-calamine reading 1.6-2.1x (reading 0.5 s); with the search index filled in one statement and names folded
by a regular expression 1.3-1.6x over five runs (quietest: raw read 3.1 s; reading 0.3 s, checking 2.0 s,
committing 1.7 s). What is left is mostly the person form's own checks and SQLAlchemy binding 10,000 rows.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def make_sheet(path: Path, rows: int) -> None:
    """A contacts sheet of made-up people with a title row above the headings, as people keep them."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Contacts")
    sheet.append(["Our contacts"])
    sheet.append(["First name", "Surname", "E-mail", "Mobile", "Post code", "Consent date", "Consent given how"])
    for n in range(rows):
        sheet.append([f"Person{n}", f"Surname{n % 997}", f"p{n}@example.org", f"07700 9{n:05d}", "CF10 1AA",
                      "23/11/2025", "Written"])  # fmt: skip
    book.save(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    from openpyxl import load_workbook

    from partnerdesk.exports.importing.reading import read_grid
    from partnerdesk.services.people.importing import import_people, plan_import
    from partnerdesk.store import open_store

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "contacts.xlsx"
        make_sheet(path, args.rows)
        started = time.perf_counter()
        book = load_workbook(path, read_only=True)
        cells = sum(len(row) for row in book["Contacts"].iter_rows(values_only=True))
        book.close()
        raw = time.perf_counter() - started

        store = open_store(Path(folder) / "bench.sqlite3")
        started = time.perf_counter()
        grid = read_grid(path)
        read = time.perf_counter() - started
        with store.transaction() as session:
            plan = plan_import(session, grid.rows)
            checked = time.perf_counter() - started
            report = import_people(session, plan)
        total = time.perf_counter() - started
        store.close()
    print(f"rows:                   {args.rows:,} ({cells:,} cells)")
    print(f"raw openpyxl read:      {raw:.2f} s")
    print(f"import, reading:        {read:.2f} s")
    print(f"import, checking:       {checked - read:.2f} s")
    print(f"import, committing:     {total - checked:.2f} s")
    print(f"import in all:          {total:.2f} s ({total / raw:.1f}x the raw read; target 2x)")
    print(f"people added:           {report.added:,}")


if __name__ == "__main__":
    main()
