"""Meetings speed with ten years of meetings (not a test).

    python bench/bench_meetings.py              # 50 committees, ten years of monthly meetings
    python bench/bench_meetings.py --runs 50

The database (50 committees of 9 seats, 120 monthly meetings each with pre-meetings, debriefs, invitations,
attendance and actions, made by services.demo_meetings) is built once and kept under bench.common.CACHE.

Targets from issue 3: the meetings part of the Today page (services.meetings.today.today_meetings) ready within
100 ms; the meetings list (meetings_list.first_page: the count and the first page, as the list reads them on each
keystroke) within 50 ms for each filter. Only
the service calls are timed, on a warm connection; the median and 95th percentile of the runs are printed.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import CACHE, percentile  # noqa: E402

TODAY = date(2026, 11, 23)
COMMITTEES, SEATS, BACKUPS = 50, 9, 1
YEARS = 10


def build(path: Path) -> None:
    """Committees, people with seats for the whole ten years, then the demo meetings for them."""
    from sqlalchemy import func, insert, select

    from partnerdesk.demo.meetings import add_demo_meetings
    from partnerdesk.records import tables
    from partnerdesk.store import open_store

    store = open_store(path)
    stamp = datetime(2016, 1, 4, 9, tzinfo=UTC)
    shared = {"created_at": stamp, "updated_at": stamp, "created_by": "bench", "updated_by": "bench"}
    shared["deleted_at"] = None
    formats = ("email", "email", "email", "post", "large_print", "easy_read", None)
    try:
        with store.transaction() as session:
            org = {"id": "bench-org", "name": "Bench Health Board", "kind": "nhs", "notes": None, **shared}
            session.execute(insert(tables.organisations), [org])
            committees = [(f"bench-c{n:02}", f"Bench committee {n:02}") for n in range(COMMITTEES)]
            session.execute(
                insert(tables.committees),
                [{"id": cid, "organisation_id": org["id"], "name": name, "notes": None, **shared}
                 for cid, name in committees],
            )  # fmt: skip
            people = [
                {"id": f"bench-p{n:04}", "full_name": f"Bench Person {n:04}", "status": "active", "access_needs": [],
                 "language": "english", "papers_format": formats[n % len(formats)], **shared}
                for n in range(COMMITTEES * SEATS)
            ]  # fmt: skip
            session.execute(insert(tables.people), people)
            seats = [
                {"id": f"bench-s{n:04}", "person_id": person["id"], "committee_id": committees[n // SEATS][0],
                 "term_start": date(TODAY.year - YEARS - 1, 1, 1), "term_end": None,
                 "is_backup": n % SEATS >= SEATS - BACKUPS, **shared}
                for n, person in enumerate(people)
            ]  # fmt: skip
            session.execute(insert(tables.memberships), seats)
            made = add_demo_meetings(session, committees, seed=1, today=TODAY, months_before=YEARS * 12 - 6)
            committee_meetings = session.scalar(
                select(func.count()).select_from(tables.meetings).where(tables.meetings.c.kind == "committee")
            )
            assert session.scalar(select(func.count()).select_from(tables.attendance)) == made.attendance
        print(f"built {path.name}: {committee_meetings:,} committee meetings ({made.meetings:,} with pre-meetings "
              f"and debriefs), {made.attendance:,} attendance rows, {made.actions:,} actions")  # fmt: skip
        store.tidy_after_bulk_load()  # as the demo command does: without statistics SQLite plans the first reads badly
    finally:
        store.close()


def database() -> Path:
    """The cached database, built the first time."""
    CACHE.mkdir(exist_ok=True)
    db = CACHE / f"meetings-{COMMITTEES}x{YEARS}y.sqlite3"
    if not db.exists():
        part = db.with_suffix(".part")
        for leftover in CACHE.glob(part.name + "*"):
            leftover.unlink()
        build(part)
        part.rename(db)
    return db


def timed(runs: int, call) -> tuple[list[float], object]:
    """Milliseconds for each of `runs` calls, after one untimed call to warm the connection and caches."""
    result = call()
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - began) * 1000)
    return times, result


def line(label: str, times: list[float], target: float, extra: str = "") -> str:
    p50, p95 = percentile(times, 50), percentile(times, 95)
    flag = "" if p95 <= target else "   OVER TARGET"
    return f"{label:<34} median {p50:6.1f} ms, 95th percentile {p95:6.1f} ms   (target {target:.0f} ms){extra}{flag}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30, help="timed runs of each operation (default 30)")
    args = parser.parse_args()
    db = database()

    from sqlalchemy import func, select

    from partnerdesk.records import tables
    from partnerdesk.services.meetings.listing import MeetingFilter, first_page
    from partnerdesk.services.meetings.today import today_meetings
    from partnerdesk.store import open_store

    store = open_store(db)
    session = store.reader()
    try:
        meetings = session.scalar(select(func.count()).select_from(tables.meetings))
        attendance = session.scalar(select(func.count()).select_from(tables.attendance))
        print(f"database: {meetings:,} meetings, {attendance:,} attendance rows ({db})")
        times, page = timed(args.runs, lambda: today_meetings(session, TODAY))
        shown = f"; {len(page.upcoming)} upcoming, {len(page.past_gaps)} past gaps, {len(page.overdue_actions)} actions"
        print(line("today_meetings", times, 100, shown))

        filters = {
            "no filter": MeetingFilter(),
            "committee": MeetingFilter(committee_id="bench-c07"),
            "kind: debriefs": MeetingFilter(kind="debrief"),
            "date range: 2024": MeetingFilter(date_from=date(2024, 1, 1), date_to=date(2024, 12, 31)),
            "search 'committee 4'": MeetingFilter(search="committee 4"),
            "search 'pre-meeting 12'": MeetingFilter(search="pre-meeting 12"),
            "search 'tŷ gwyn'": MeetingFilter(search="tŷ gwyn"),
            "committee + kind + dates": MeetingFilter(committee_id="bench-c21", kind="committee",
                                                      date_from=date(2020, 1, 1), date_to=date(2022, 12, 31)),
            "sorted by title, descending": MeetingFilter(sort="title", descending=True),
            "sorted by committee": MeetingFilter(sort="committee"),
        }  # fmt: skip
        for label, flt in filters.items():
            times, (count, rows) = timed(
                args.runs, lambda flt=flt: first_page(session, flt, 200)
            )
            print(line(f"list: {label}", times, 50, f"; {count:,} match, {len(rows)} shown"))
    finally:
        session.close()
        store.close()


if __name__ == "__main__":
    main()
