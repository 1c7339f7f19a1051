"""Programs the fault tests run as separate processes: writers, readers, and work to kill part way.

Run as `python -m tests.integration.fault_workers ROLE DB SECONDS`. A writer prints `saved ID` only after the
commit has returned, so every printed id is an acknowledged save the database must keep, and `failed KIND` for a
save that raised; a reader prints `read N` and `failed KIND`.
"""

from __future__ import annotations

import sys
import time

from partnerdesk.services.common.drafts import list_drafts, save_draft
from partnerdesk.services.people.people import create_person
from partnerdesk.store import open_store
from tests.builders import person_data


def writer(db: str, seconds: float) -> None:
    """Saves people and drafts as fast as it can, as a worker at the window would (one transaction each)."""
    store = open_store(db)
    print("ready", flush=True)
    deadline, n = time.monotonic() + seconds, 0
    try:
        while time.monotonic() < deadline:
            n += 1
            try:
                with store.transaction() as session:
                    if n % 2:
                        saved = create_person(session, person_data(full_name=f"Writer Person {n}")).id
                    else:
                        save_draft(session, "person", None, "Draft", {"full_name": f"Typed {n}"})
                        saved = None
            except Exception as exc:  # noqa: BLE001 -- counted, not hidden: the test requires none
                print(f"failed {type(exc).__name__}", flush=True)
                continue
            if saved:
                print(f"saved {saved}", flush=True)
    finally:
        store.close()


def reader(db: str, seconds: float) -> None:
    """Reads the people and the drafts over and over, as the Today page and the lists do."""
    store = open_store(db, read_only=True)
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            try:
                with store.reader() as session:
                    from sqlalchemy import text

                    count = session.execute(text("SELECT count(*) FROM people")).scalar()
                with store.glance() as connection:
                    list_drafts(connection)
            except Exception as exc:  # noqa: BLE001 -- counted, not hidden
                print(f"failed {type(exc).__name__}", flush=True)
                continue
            print(f"read {count}", flush=True)
    finally:
        store.close()


if __name__ == "__main__":
    role, db, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    {"writer": writer, "reader": reader}[role](db, seconds)
