"""How long suggesting pairs takes for a cohort of 60 applicants a side with realistic applications (the issue asks
for under 1 second), and for 17 a side, the size of a real first cohort (not a test; prints figures).

The first figures are the matching alone; the last is what the organiser waits for on the Programmes page's Matching
tab: Suggest pairs reads the applications from a database, matches them and fills the table (offscreen Qt)."""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from partnerdesk.rules.matching import suggest_pairs  # noqa: E402
from partnerdesk.rules.programmes import AVAILABILITY, Applicant  # noqa: E402

_TOPICS = ["budgets", "governance", "lived experience", "commissioning", "youth work", "mental health", "housing",
           "racial equity", "carers", "strategy", "community organising", "data"]  # fmt: skip
_AREAS = ["North", "South", "East", "West", "Centre", "Docks"]


def cohort(size: int, seed: int = 1) -> tuple[list[Applicant], list[Applicant]]:
    """Two sides of made-up applications, each person with a few of everything and an occasional must-not-match."""
    rng = random.Random(seed)

    def one(side: str, i: int) -> Applicant:
        other = "b" if side == "a" else "a"
        return Applicant(
            key=f"{side}{i}", person_id=f"{side}{i}", side=side, organisation_id=f"org{rng.randrange(size // 2)}",
            aspirations=tuple(rng.sample(_TOPICS, 3)), experience=tuple(rng.sample(_TOPICS, 3)),
            areas=tuple(rng.sample(_AREAS, 2)), communities=tuple(rng.sample(_TOPICS, 2)),
            availability=tuple(rng.sample(sorted(AVAILABILITY), 2)),
            must_not_match=frozenset({f"{other}{rng.randrange(size)}"} if rng.random() < 0.1 else set()),
        )  # fmt: skip

    return [one("a", i) for i in range(size)], [one("b", i) for i in range(size)]


def main() -> None:
    for size in (17, 60, 120):
        side_a, side_b = cohort(size)
        best = float("inf")
        for _ in range(5):
            start = time.perf_counter()
            pairs = suggest_pairs(side_a, side_b)
            best = min(best, time.perf_counter() - start)
        print(f"suggest pairs, {size:>3} a side: {len(pairs):>3} pairs in {best * 1000:8.1f} ms")
    window_figure(60)


def window_figure(size: int) -> None:
    """Suggest pairs pressed on the Matching tab, for a database holding size applicants a side."""
    import os
    import tempfile

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from partnerdesk.services.people.people import create_person
    from partnerdesk.services.programmes.programmes import create_application, create_programme
    from partnerdesk.store import open_store
    from partnerdesk.ui.app import make_application
    from partnerdesk.ui.ops import Writer
    from partnerdesk.ui.programmes.matching_tab import MatchingTab

    with tempfile.TemporaryDirectory() as home:
        os.environ["PARTNERDESK_HOME"] = home
        make_application()
        store = open_store(Path(home) / "bench.sqlite3")
        side_a, side_b = cohort(size)
        with store.transaction() as session:
            programme = create_programme(session, {"name": "Bench cohort", "kind": "reciprocal_mentoring"}).id
            for one in side_a + side_b:
                person = create_person(session, {"full_name": f"Applicant {one.key}", "status": "active"}).id
                create_application(session, {
                    "programme_id": programme, "person_id": person, "side": one.side, "aspirations": one.aspirations,
                    "experience": one.experience, "areas": one.areas, "communities": one.communities,
                    "availability": one.availability})  # fmt: skip
        tab = MatchingTab(Writer(store))
        tab.show_programme(programme)
        best = float("inf")
        for _ in range(5):
            start = time.perf_counter()
            pairs = tab.suggest()
            best = min(best, time.perf_counter() - start)
        print(f"Suggest pairs on the Matching tab, {size} a side from the database: {pairs} pairs shown in "
              f"{best * 1000:.1f} ms")
        store.close()


if __name__ == "__main__":
    main()
