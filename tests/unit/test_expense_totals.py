"""Totals never drift by a penny: claim, line, kind-of-line and budget-heading totals over random claims
(hypothesis), checked against sums worked out here independently, line by line."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnerdesk.rules.mileage import Journey, mileage_for_journeys
from partnerdesk.rules.payments import EXPENSE_CATEGORIES
from partnerdesk.services.expenses.budgets import budget_view, save_heading
from partnerdesk.services.expenses.claims import create_claim, get_claim
from partnerdesk.services.expenses.lines import add_line
from partnerdesk.services.expenses.listing import ClaimFilter, claims_summary
from partnerdesk.services.expenses.status import approve_claim, submit_claim, void_claim
from partnerdesk.services.expenses.totals import totals_by_category, totals_by_heading
from partnerdesk.services.people.people import create_person
from tests.builders import new_store, person_data

TODAY = date(2026, 11, 23)
START = date(2026, 4, 6)  # one tax year and one financial year, so the threshold is easy to follow
_SPEND = [c for c in EXPENSE_CATEGORIES if c not in ("mileage", "backfill", "involvement_payment")]

line_st = st.one_of(
    st.tuples(st.just("spend"), st.sampled_from(_SPEND), st.integers(1, 500_000)),
    st.tuples(st.just("mileage"), st.sampled_from(["car_or_van", "car_or_van", "bicycle"]), st.integers(1, 20_000)),
    st.tuples(st.just("involvement_payment"), st.sampled_from(["day", "half_day"]), st.integers(1, 3)),
)
claim_st = st.tuples(
    st.integers(0, 1),  # which person
    st.integers(0, (TODAY - START).days),  # day offset
    st.sampled_from(["draft", "submitted", "approved", "void"]),
    st.integers(0, 1),  # which heading
    st.lists(line_st, min_size=1, max_size=5),
)


def _line_data(kind, detail, number, day):
    if kind == "spend":
        return {"category": detail, "day": day, "amount": f"{number // 100}.{number % 100:02d}", "description": "x"}
    if kind == "mileage":
        return {"category": "mileage", "day": day, "miles": f"{number // 10}.{number % 10}", "vehicle": detail}
    return {"category": kind, "day": day, "unit": detail, "count": number}


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(claims=st.lists(claim_st, min_size=1, max_size=6))
def test_totals_never_drift_by_a_penny(tmp_path_factory, claims):
    store = new_store(tmp_path_factory.mktemp("totals"))
    try:
        with store.transaction() as session:
            people = [create_person(session, person_data(payment_preference="paid")).id for _ in range(2)]
            approver = create_person(session, person_data()).id
            headings = [save_heading(session, {"financial_year": 2026, "name": f"H{n}", "allocation": "100"}).id
                        for n in range(2)]  # fmt: skip
            made = []
            for who, offset, status, heading, lines in claims:
                day = START + timedelta(days=offset)
                claim = create_claim(session, {"person_id": people[who], "claim_date": day,
                                               "budget_heading_id": headings[heading]}, today=TODAY)  # fmt: skip
                for kind, detail, number in lines:
                    add_line(session, claim.id, _line_data(kind, detail, number, day), confirmed=True, today=TODAY)
                if status != "draft":
                    submit_claim(session, claim.id, confirmed=True)
                if status in ("approved", "void"):
                    approve_claim(session, claim.id, approver, confirmed=True)
                if status == "void":
                    void_claim(session, claim.id, "Test")
                made.append((claim.id, who, day, status, heading, lines))

        with store.reader() as session:
            expected_claim: dict[str, int] = {}
            by_category: dict[str, int] = defaultdict(int)
            by_heading: dict[int, int] = defaultdict(int)
            # Mileage worked out independently: each person's car journeys in date order, in claims that count.
            journeys = {0: [], 1: []}
            for claim_id, who, day, status, _heading, lines in made:
                if status != "void":
                    journeys[who] += [(claim_id, n, Journey(day, d, f"{num // 10}.{num % 10}"))
                                      for n, (k, d, num) in enumerate(lines) if k == "mileage"]  # fmt: skip
            miles_pay = {}
            for trips in journeys.values():
                for (claim_id, n, _), result in zip(trips, mileage_for_journeys([t[2] for t in trips]), strict=True):
                    miles_pay[(claim_id, n)] = result.pence
            for claim_id, _who, _day, status, heading, lines in made:
                if status == "void":
                    continue  # counts for nothing
                total = 0
                for n, (kind, detail, number) in enumerate(lines):
                    if kind == "spend":
                        pence, category = number, detail
                    elif kind == "mileage":
                        pence, category = miles_pay[(claim_id, n)], "mileage"
                    else:
                        pence, category = number * (35_000 if detail == "day" else 17_500), kind
                    total += pence
                    by_category[category] += pence
                expected_claim[claim_id] = total
                by_heading[heading] += total
            for claim_id, total in expected_claim.items():
                assert get_claim(session, claim_id).total_pence == total
            everything = ClaimFilter(statuses=("draft", "submitted", "approved", "paid"))
            assert claims_summary(session, everything)[1] == sum(expected_claim.values())
            got = {t.key: t.total_pence for t in totals_by_category(session, ClaimFilter(), EXPENSE_CATEGORIES)}
            assert got == {k: v for k, v in by_category.items() if v}
            got_heading = {t.key: t.total_pence for t in totals_by_heading(session, ClaimFilter())}
            assert got_heading == {headings[h]: v for h, v in by_heading.items()}
            view = {h.heading_id: h.used_pence for h in budget_view(session, 2026).headings}
            for n, heading_id in enumerate(headings):
                assert view[heading_id] == sum(
                    expected_claim[c] for c, _w, _d, s, h, _l in made if h == n and s in ("submitted", "approved")
                )
    finally:
        store.close()
