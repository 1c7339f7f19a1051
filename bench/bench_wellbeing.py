"""How long the wellbeing parts take on a 100,000-person demo database: the demo step, the Today queries, the
person history and the two anonymised exports (not a test; prints figures)."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import demo_database  # noqa: E402
from partnerdesk.demo.wellbeing import add_demo_wellbeing  # noqa: E402
from partnerdesk.exports.figures import export_supervision, export_wellbeing  # noqa: E402
from partnerdesk.rules.dates import today_uk  # noqa: E402
from partnerdesk.services.wellbeing.history import wellbeing_history  # noqa: E402
from partnerdesk.services.wellbeing.listing import list_checks  # noqa: E402
from partnerdesk.services.wellbeing.today import wellbeing_today  # noqa: E402
from partnerdesk.store import open_store  # noqa: E402


def timed(label: str, work, repeat: int = 5):
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    print(f"{label:<45} {best * 1000:8.1f} ms")
    return result


def main(people: int = 100_000) -> None:
    db = demo_database(people)
    store = open_store(db)
    today = today_uk()
    try:
        with store.transaction() as session:
            start = time.perf_counter()
            made = add_demo_wellbeing(session, 99, today)
            print(
                f"{'demo wellbeing step (seed 99, rolled back)':<45} {(time.perf_counter() - start) * 1000:8.1f} ms"
                f"  ({made.checks} checks, {made.sessions} sessions, {made.training} training records)"
            )
            session.rollback()
        with store.reader() as session:
            found = timed("Today: wellbeing, supervision, training", lambda: wellbeing_today(session, today))
            print(
                f"  {len(found.follow_ups)} follow-ups, {len(found.supervision)} supervision, "
                f"{len(found.training)} training, {len(found.missing_debriefs)} missing debriefs"
            )
            checks = timed("list_checks (first 500)", lambda: list_checks(session))
            person = checks[0].person_id
            timed("wellbeing_history (one person)", lambda: wellbeing_history(session, person))
            with tempfile.TemporaryDirectory() as folder:
                timed("export wellbeing (all time)", lambda: export_wellbeing(session, Path(folder) / "w.xlsx"), 3)
                timed("export supervision (all time)", lambda: export_supervision(session, Path(folder) / "s.xlsx"), 3)
    finally:
        store.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
