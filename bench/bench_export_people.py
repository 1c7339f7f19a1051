"""How long the people export takes, and how much memory it needs, for a large database (not a test).

    python bench/bench_export_people.py            # 100,000 people in a temporary database
    python bench/bench_export_people.py --people 20000 --keep

The database is filled with partnerdesk.services.demo.fill_demo when that exists, otherwise with a quick bulk insert
here. The export then runs in a fresh Python process, so the peak memory printed is the export's alone and not the
filling's.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def peak_memory_mb() -> float | None:
    """The most memory this process has held at once, in MB (None where the resource module is missing)."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def bulk_fill(store, people: int, seed: int = 1) -> None:
    """Add people, roles, committees and seats with Core bulk inserts (used when fill_demo is not available)."""
    from partnerdesk.records import Committee, Membership, Organisation, Person, PersonRole
    from partnerdesk.records import vocab as v
    from partnerdesk.records.base import new_id

    rng = random.Random(seed)
    now = datetime.now(UTC)
    shared = {"created_at": now, "updated_at": now, "created_by": "bench", "updated_by": "bench", "deleted_at": None}
    first = ["Aisha", "Bethan", "Chen", "Dafydd", "Ewa", "Femi", "Gareth", "Hana", "Ioan", "Zoë", "Łukasz", "Siân"]
    last = ["Jones", "Williams", "Davies", "Evans", "Müller", "Nowak", "Okafor", "O'Brien", "Patel", "Thomas"]
    organisation = {"id": new_id(), "name": "City Health Board", "kind": "nhs", "notes": None, **shared}
    committees = [
        {"id": new_id(), "organisation_id": organisation["id"], "name": f"Committee {n}", "notes": None, **shared}
        for n in range(1, 21)
    ]
    with store.transaction() as session:
        session.execute(Organisation.__table__.insert(), [organisation])
        session.execute(Committee.__table__.insert(), committees)
        batch = 5000
        for start in range(0, people, batch):
            rows, roles, seats = [], [], []
            for n in range(start, min(start + batch, people)):
                person_id = new_id()
                rows.append(
                    {
                        "id": person_id,
                        "full_name": f"{rng.choice(first)} {rng.choice(last)} {n}",
                        "preferred_name": None,
                        "pronouns": rng.choice([None, "she/her", "he/him", "they/them"]),
                        "status": rng.choice(list(v.STATUSES)),
                        "email": f"person{n}@example.org",
                        "phone": "029 2000 0000",
                        "address_line1": f"{n} High Street",
                        "address_line2": None,
                        "town": "Cardiff",
                        "postcode": "CF10 1AA",
                        "preferred_contact": rng.choice(list(v.CONTACT_METHODS)),
                        "papers_format": "email",
                        "papers_format_details": None,
                        "access_needs": rng.sample(["large_print", "bsl", "step_free", "hearing_loop"], k=2),
                        "access_needs_details": None,
                        "language": "english",
                        "language_other": None,
                        "payment_preference": rng.choice(list(v.PAYMENT_PREFERENCES)),
                        "consent_given_on": date(2025, 1, 1) + timedelta(days=rng.randrange(300)),
                        "consent_how": "written",
                        "consent_for": "Keeping my details for committee work",
                        "consent_review_on": date(2027, 1, 1) + timedelta(days=rng.randrange(300)),
                        "interests": "Gardening, housing, transport",
                        "notes": rng.choice([None, "Met at the carers' coffee morning.", "=1+1 typed by mistake"]),
                        **shared,
                    }
                )
                roles.append({"person_id": person_id, "role": rng.choice(list(v.ROLES))})
                if n % 4 == 0:
                    seats.append(
                        {
                            "id": new_id(),
                            "person_id": person_id,
                            "committee_id": rng.choice(committees)["id"],
                            "term_start": date(2025, 4, 1),
                            "term_end": date(2028, 3, 31),
                            "is_backup": n % 8 == 0,
                            **shared,
                        }
                    )
            session.execute(Person.__table__.insert(), rows)
            session.execute(PersonRole.__table__.insert(), roles)
            if seats:
                session.execute(Membership.__table__.insert(), seats)


def fill(db: Path, people: int) -> str:
    """Fill a new database with people; returns which way it was filled."""
    from tests.builders import new_store

    store = new_store(db.parent, db.name)
    try:
        try:
            from partnerdesk.services.demo import fill_demo
        except ImportError:
            bulk_fill(store, people)
            return "bulk insert in this bench"
        fill_demo(store, people=people, seed=1)
        return "partnerdesk.services.demo.fill_demo"
    finally:
        store.close()


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
    parser.add_argument("--keep", action="store_true", help="keep the database and the xlsx file afterwards")
    parser.add_argument("--export-only", nargs=2, metavar=("DB", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.export_only:
        run_export(Path(args.export_only[0]), Path(args.export_only[1]))
        return

    folder = Path(tempfile.mkdtemp(prefix="partnerdesk-bench-"))
    db, out = folder / "bench.sqlite3", folder / "people.xlsx"
    started = time.perf_counter()
    how = fill(db, args.people)
    print(f"filled {args.people:,} people with {how} in {time.perf_counter() - started:.1f} s")
    subprocess.run(
        [sys.executable, __file__, "--export-only", str(db), str(out)], check=True, cwd=ROOT, env=_child_env()
    )
    if args.keep:
        print(f"kept in {folder}")
    else:
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()


def _child_env() -> dict[str, str]:
    import os

    # The export process must find the same partnerdesk package as this one, wherever the bench is run from.
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}


if __name__ == "__main__":
    main()
