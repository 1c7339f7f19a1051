"""`partnerdesk demo` adds a buddying programme and a reciprocal-mentoring cohort of 17 pairs, with one pair ended
early and its partner re-matched, logged time and backfill claims linked to their programme."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from partnerdesk.demo.build import fill_demo
from partnerdesk.records import tables
from partnerdesk.records.programmes import Programme, ProgrammePair
from partnerdesk.services.programmes.activities import programme_progress
from partnerdesk.services.programmes.polls import poll_results

TODAY = date(2026, 11, 2)


def test_the_demo_has_a_buddying_programme_and_a_cohort_of_17_pairs_one_rematched(store):
    summary = fill_demo(store, people=60, seed=3, today=TODAY)
    assert (summary.programmes, summary.programme_pairs) == (2, 24)
    with store.reader() as session:
        kinds = {p.kind: p for p in session.scalars(select(Programme))}
        assert set(kinds) == {"buddying", "reciprocal_mentoring"}
        cohort = list(session.scalars(select(ProgrammePair).where(
            ProgrammePair.programme_id == kinds["reciprocal_mentoring"].id)))  # fmt: skip
        statuses = sorted(p.status for p in cohort)
        assert statuses == ["active"] * 17 + ["ended_early"]
        [ended] = [p for p in cohort if p.status == "ended_early"]
        [again] = [p for p in cohort if p.replaces_id == ended.id]
        assert again.side_b_person_id == ended.side_b_person_id  # the aspiring leader stayed and was re-matched
        progress = programme_progress(session, kinds["reciprocal_mentoring"].id, TODAY)
        # A few pairs are falling behind, most are not.
        assert 0 < sum(p.behind for p in progress if p.pair.status == "active") < 6
        c = tables.claims.c
        linked = session.scalar(select(func.count()).where(c.programme_id.in_([p.id for p in kinds.values()])))
        assert linked > 0
        results = poll_results(session, kinds["reciprocal_mentoring"].id)
        assert len(results) == 3 and all(r.start_count == 35 and r.start_average is not None for r in results)
