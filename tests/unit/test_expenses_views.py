"""The expenses list, the budget view and the Today page, as the worker sees them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from partnerdesk.rules.dates import today_uk
from partnerdesk.rules.expenses import financial_year_of
from partnerdesk.services.common.errors import NeedsConfirmation, ValidationError
from partnerdesk.services.expenses.budgets import budget_view, delete_heading, save_heading
from partnerdesk.services.expenses.claims import delete_claim, restore_claim, update_claim
from partnerdesk.services.expenses.listing import ClaimFilter, claims_page, claims_summary
from partnerdesk.services.expenses.status import approve_claim, submit_claim
from partnerdesk.services.expenses.today import today_expenses
from tests.builders import add_claim, add_heading, add_line, add_person


def test_the_list_filters_by_status_kind_person_words_and_the_bin(store):
    ann = add_person(store, full_name="Ann Evans")
    bob = add_person(store, full_name="Bob Price")
    first = add_claim(store, ann, programme="Buddying")
    add_line(store, first, "mileage", miles="10")
    second = add_claim(store, bob, day=date(2026, 6, 1))
    add_line(store, second, "parking", day=date(2026, 6, 1), amount="2.50")
    with store.transaction() as session:
        submit_claim(session, second, confirmed=True)
        assert claims_summary(session, ClaimFilter()) == (2, 450 + 250)
        assert [r.person for r in claims_page(session, ClaimFilter())] == ["Bob Price", "Ann Evans"]
        assert [r.id for r in claims_page(session, ClaimFilter(category="mileage"))] == [first]
        assert [r.id for r in claims_page(session, ClaimFilter(statuses=("submitted",)))] == [second]
        assert [r.id for r in claims_page(session, ClaimFilter(search="evans"))] == [first]
        assert [r.id for r in claims_page(session, ClaimFilter(search="buddy"))] == [first]
        assert [r.id for r in claims_page(session, ClaimFilter(receipts_missing_only=True))] == [second]
        assert [r.id for r in claims_page(session, ClaimFilter(sort="total", descending=False))] == [second, first]
        delete_claim(session, first)
        assert [r.id for r in claims_page(session, ClaimFilter(in_bin=True))] == [first]
        restore_claim(session, first)
        assert claims_summary(session, ClaimFilter())[0] == 2


def test_budget_view_counts_approved_as_spent_and_submitted_as_committed(store):
    ann, boss = add_person(store), add_person(store)
    heading = add_heading(store, "Engagement", 2026, "10.00")
    spent = add_claim(store, ann, budget_heading_id=heading)
    add_line(store, spent, "parking", amount="6.00")
    waiting = add_claim(store, ann, budget_heading_id=heading)
    add_line(store, waiting, "parking", amount="3.00")
    with store.transaction() as session:
        submit_claim(session, spent, confirmed=True)
        approve_claim(session, spent, boss, confirmed=True)
        with pytest.raises(NeedsConfirmation):  # missing receipt
            submit_claim(session, waiting)
        submit_claim(session, waiting, confirmed=True)
        view = budget_view(session, 2026)
        (line,) = view.headings
        assert (line.spent_pence, line.committed_pence, line.percent_used) == (600, 300, 90)
        with pytest.raises(ValidationError):
            delete_heading(session, heading)
        with pytest.raises(ValidationError) as refused:
            save_heading(session, {"financial_year": 2026, "name": "engagement", "allocation": "5"})
        assert "already" in refused.value.messages["name"]


def test_today_shows_waiting_claims_long_unpaid_claims_and_nearly_spent_headings(store):
    today = today_uk()
    ann, boss = add_person(store), add_person(store)
    heading = add_heading(store, "Engagement", financial_year_of(today), "10.00")
    claim = add_claim(store, ann, day=today - timedelta(days=1), budget_heading_id=heading)
    add_line(store, claim, "mileage", day=today - timedelta(days=1), miles="20")
    with store.transaction() as session:
        submit_claim(session, claim, confirmed=True)
        shown = today_expenses(session, today)
        assert [c.claim_id for c in shown.waiting_for_approval] == [claim]
        assert [h.name for h in shown.headings_near_limit] == ["Engagement"]  # £9.00 of £10.00
        approve_claim(session, claim, boss, confirmed=True)
        assert today_expenses(session, today).approved_unpaid == []
        assert [c.claim_id for c in today_expenses(session, today + timedelta(days=15)).approved_unpaid] == [claim]


@pytest.mark.parametrize("sort", ["claim_date", "status", "total", "programme", "receipts_missing"])
@pytest.mark.parametrize("descending", [False, True])
def test_a_search_lists_its_claims_in_the_same_order_as_the_whole_list(store, sort, descending):
    eoin, other = add_person(store, full_name="Eoin Byrne"), add_person(store, full_name="Sara Khan")
    for n in range(12):
        day = date(2026, 5, 1) + timedelta(days=n % 4)  # ties on the date, so the id decides
        claim = add_claim(store, eoin if n % 3 else other, day, programme=None if n % 5 == 0 else f"Prog {n % 2}",
                          notes="bus to the eoin meeting" if n % 3 == 0 else None)
        add_line(store, claim, "parking", day, amount=f"{1 + n % 3}.00")
    everything = ClaimFilter(sort=sort, descending=descending)
    searched = ClaimFilter(search="eoin", sort=sort, descending=descending)
    with store.reader() as session:
        whole = [row.id for row in claims_page(session, everything)]
        found = [row.id for row in claims_page(session, searched)]
        assert claims_summary(session, searched)[0] == len(found) == 12  # Eoin's claims and the notes naming eoin
        assert found == [claim_id for claim_id in whole if claim_id in set(found)]
        assert [row.id for row in claims_page(session, searched, offset=5, limit=4)] == found[5:9]


@pytest.mark.parametrize("typed", ['"', "o'", "*", "AND"])
def test_searching_claims_with_odd_characters_never_fails(store, typed):
    add_claim(store, add_person(store, full_name="Ann O'Brien"), date(2026, 5, 1), notes="taxi home")
    with store.reader() as session:
        assert claims_summary(session, ClaimFilter(search=typed))[0] in (0, 1)


def test_changing_a_claims_notes_changes_what_finds_it(store):
    person = add_person(store, full_name="Ann Jones")
    claim = add_claim(store, person, date(2026, 5, 1), notes="taxi to the hospital", programme="Buddying")
    with store.reader() as session:
        assert [row.id for row in claims_page(session, ClaimFilter(search="hosp"))] == [claim]
        assert [row.id for row in claims_page(session, ClaimFilter(search="budd"))] == [claim]
    with store.transaction() as session:
        update_claim(session, claim, {"person_id": person, "claim_date": date(2026, 5, 1), "notes": "bus fare"})
    with store.reader() as session:
        assert claims_page(session, ClaimFilter(search="hosp")) == []
        assert [row.id for row in claims_page(session, ClaimFilter(search="bus"))] == [claim]
