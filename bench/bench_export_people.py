"""How long the people export takes, and how much memory it needs, for a large database (not a test).

    python bench/bench_export_people.py            # 100,000 people in a temporary database
    python bench/bench_export_people.py --people 20000 --keep

The database is filled by `partnerdesk demo` (kept between runs in the temporary folder). The export runs in a fresh
Python process, so the peak memory printed is the export's alone and not the filling's.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, child_env, demo_database, peak_memory_mb  # noqa: E402


def run_export(db: Path, out: Path) -> None:
    """Time one export (run in its own process by main) and print the results."""
    from partnerdesk.exports.people import export_people
    from partnerdesk.store import open_store

    store = open_store(db)
    before = peak_memory_mb()
    started = time.perf_counter()
    with store.reader() as session:
        written = export_people(session, out)
    seconds = time.perf_counter() - started
    store.close()
    peak = peak_memory_mb()
    print(f"rows written:   {written:,}")
    print(f"export took:    {seconds:.1f} s ({written / seconds:,.0f} people a second)")
    print(f"file size:      {out.stat().st_size / 1e6:.1f} MB")
    if peak is not None:
        print(f"peak memory:    {peak:.0f} MB (about {before:.0f} MB of that is Python and the libraries)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=100_000, help="how many people to export (default 100,000)")
    parser.add_argument("--keep", action="store_true", help="keep the xlsx file afterwards")
    parser.add_argument("--export-only", nargs=2, metavar=("DB", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.export_only:
        run_export(Path(args.export_only[0]), Path(args.export_only[1]))
        return

    db = demo_database(args.people)
    folder = Path(tempfile.mkdtemp(prefix="partnerdesk-bench-"))
    out = folder / "people.xlsx"
    command = [sys.executable, __file__, "--export-only", str(db), str(out)]
    subprocess.run(command, check=True, cwd=ROOT, env=child_env())
    if args.keep:
        print(f"kept {out}")
    else:
        out.unlink()
        folder.rmdir()


if __name__ == "__main__":
    main()
