"""Expense claims through the services, as a worker would use them: entry to paid, bad input, mileage and backfill."""

from __future__ import annotations

from datetime import date

import pytest

from partnerdesk.rules.dates import today_uk
from partnerdesk.services.common.errors import NeedsConfirmation, ValidationError
from partnerdesk.services.common.settings import set_setting
from partnerdesk.services.expenses.claims import claim_history, create_claim, delete_claim, get_claim, update_claim
from partnerdesk.services.expenses.lines import add_line, claim_lines, preview_line, update_line
from partnerdesk.services.expenses.receipts import add_receipt, receipt_file, receipts_for_claim
from partnerdesk.services.expenses.status import (
    approve_claim,
    mark_paid,
    reject_claim,
    reopen_claim,
    submit_claim,
    void_claim,
)
from tests.builders import TINY_PNG, add_claim, add_heading, add_person, tiny_pdf
from tests.builders import add_line as add_claim_line

TODAY = date(2026, 11, 23)


def _claim(store, person_id, **kw):
    return add_claim(store, person_id, **kw)


def test_a_paper_claim_with_two_receipts_goes_from_entry_to_paid(store):
    sam = add_person(store, full_name="Sam Jones", payment_preference="paid")
    manager = add_person(store, full_name="Ceri Manager")
    heading = add_heading(store, "Engagement", 2026, "500")
    claim_id = _claim(store, sam, budget_heading_id=heading)
    train = add_claim_line(store, claim_id, "public_transport", amount="23.40", description="Train to Cardiff")
    lunch = add_claim_line(store, claim_id, "subsistence", amount="6.85", description="Lunch")
    add_claim_line(store, claim_id, "mileage", miles="12.5", description="Home to station")
    with store.transaction() as session:
        assert get_claim(session, claim_id).receipts_missing == 2
        with pytest.raises(NeedsConfirmation) as asked:
            submit_claim(session, claim_id)
        assert "2 lines need" in asked.value.warnings[0]
    with store.transaction() as session:
        add_receipt(session, train, "ticket.png", TINY_PNG)
        add_receipt(session, lunch, "till receipt.pdf", tiny_pdf())
        submit_claim(session, claim_id)
        claim = get_claim(session, claim_id)
        assert claim.receipts_missing == 0
        # 23.40 + 6.85 + 12.5 miles at 45p (562.5p, rounded half up to 563p)
        assert claim.total_pence == 2340 + 685 + 563
    with store.transaction() as session:
        with pytest.raises(ValidationError) as refused:
            approve_claim(session, claim_id, sam)
        assert "own claim" in refused.value.messages["approved_by_id"]
        approve_claim(session, claim_id, manager)
        with pytest.raises(ValidationError):
            update_line(session, train, {"category": "parking", "day": date(2026, 5, 1), "amount": "1"}, today=TODAY)
        mark_paid(session, claim_id, today_uk(), "bank_transfer", "BACS 1234")
    with store.transaction() as session:
        claim = get_claim(session, claim_id)
        assert claim.status == "paid" and claim.payment_reference == "BACS 1234"
        assert [(h.from_status, h.to_status) for h in claim_history(session, claim_id)] == [
            (None, "draft"), ("draft", "submitted"), ("submitted", "approved"), ("approved", "paid")
        ]
        assert all(h.changed_by == "tester" for h in claim_history(session, claim_id))
        with pytest.raises(ValidationError):
            delete_claim(session, claim_id)
        with pytest.raises(ValidationError, match="paid"):
            reject_claim(session, claim_id, "changed my mind")
        assert [r.filename for r in receipts_for_claim(session, claim_id)] == ["ticket.png", "till receipt.pdf"]
        assert receipt_file(session, receipts_for_claim(session, claim_id)[0].receipt_id)[2] == TINY_PNG
        void_claim(session, claim_id, "Paid twice by mistake")
        assert get_claim(session, claim_id).status == "void"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("amount", "-3.00", "negative"),
        ("amount", "0", "more than £0.00"),
        ("amount", "3.555", "2 decimal places"),
        ("amount", "three pounds", "not an amount"),
        ("day", date(2026, 11, 24), "future"),
    ],
)
def test_bad_amounts_and_dates_are_refused_and_nothing_is_saved(store, field, value, message):
    claim_id = _claim(store, add_person(store))
    data = {"category": "parking", "day": date(2026, 5, 1), "amount": "3.00", field: value}
    with store.transaction() as session, pytest.raises(ValidationError) as refused:
        add_line(session, claim_id, data, today=TODAY)
    assert message in refused.value.messages[field]
    with store.transaction() as session:
        assert claim_lines(session, claim_id) == []


@pytest.mark.parametrize("miles", ["twelve", "-4", "12.55", ""])
def test_miles_that_are_not_a_distance_are_refused(store, miles):
    claim_id = _claim(store, add_person(store))
    with store.transaction() as session, pytest.raises(ValidationError) as refused:
        add_line(session, claim_id, {"category": "mileage", "day": date(2026, 5, 1), "miles": miles}, today=TODAY)
    assert "miles" in refused.value.messages


def test_a_claim_dated_in_the_future_is_refused(store):
    person_id = add_person(store)  # before: a writing transaction holds the lock, so it cannot be nested
    with store.transaction() as session, pytest.raises(ValidationError) as refused:
        create_claim(session, {"person_id": person_id, "claim_date": date(2027, 1, 1)}, today=TODAY)
    assert "future" in refused.value.messages["claim_date"]


def test_receipts_that_are_not_images_or_pdfs_or_too_large_are_refused(store):
    claim_id = _claim(store, add_person(store))
    line = add_claim_line(store, claim_id)
    with store.transaction() as session:
        set_setting(session, "receipt_limit_mb", 1)
    with store.transaction() as session:
        with pytest.raises(ValidationError, match="photo"):
            add_receipt(session, line, "receipt.png", b"MZ\x90\x00 a program renamed")
        with pytest.raises(ValidationError, match="at most 1.0 MB"):
            add_receipt(session, line, "big.png", TINY_PNG + bytes(1_100_000))
        assert receipts_for_claim(session, claim_id) == []


def test_mileage_crosses_the_threshold_once_across_claims_in_date_order(store):
    driver = add_person(store)
    early = _claim(store, driver, day=date(2026, 6, 1))
    later = _claim(store, driver, day=date(2026, 9, 1))
    # Typed out of order: the September journey first.
    september = add_claim_line(store, later, "mileage", day=date(2026, 9, 1), miles="100")
    for _ in range(5):
        add_claim_line(store, early, "mileage", day=date(2026, 6, 1), miles="1990")
    with store.transaction() as session:
        line = claim_lines(session, later)[0]
        assert line.id == september
        # 50 miles left at 45p, then 50 at 25p.
        assert line.amount_pence == 50 * 45 + 50 * 25
        assert get_claim(session, early).total_pence == 9950 * 45
    # A new tax year starts afresh on 6 April.
    april = _claim(store, driver, day=date(2026, 11, 1))
    add_claim_line(store, april, "mileage", day=date(2026, 4, 5), miles="10")
    with store.transaction() as session:
        assert claim_lines(session, april)[0].amount_pence == 10 * 45


def test_voiding_an_earlier_claim_gives_its_miles_back_to_later_drafts(store):
    driver = add_person(store)
    manager = add_person(store)
    first = _claim(store, driver, day=date(2026, 6, 1))
    for _ in range(5):
        add_claim_line(store, first, "mileage", day=date(2026, 6, 1), miles="2000")
    second = _claim(store, driver, day=date(2026, 7, 1))
    add_claim_line(store, second, "mileage", day=date(2026, 7, 1), miles="10")
    with store.transaction() as session:
        assert get_claim(session, second).total_pence == 250
        submit_claim(session, first)
        approve_claim(session, first, manager)
        void_claim(session, first, "Entered for the wrong person")
        assert get_claim(session, second).total_pence == 450


def test_backfill_is_paid_at_the_organisation_rate_up_to_the_cap(store):
    leader = add_person(store, payment_preference="paid")
    claim_id = _claim(store, leader, programme="Reciprocal mentoring 2026")
    add_claim_line(store, claim_id, "backfill", unit="day", count=2)
    with store.transaction() as session:
        assert get_claim(session, claim_id).total_pence == 70000
        with pytest.raises(ValidationError) as refused:
            add_line(session, claim_id, {"category": "backfill", "day": date(2026, 5, 1), "unit": "half_day",
                                         "count": 3}, today=TODAY)  # fmt: skip
        assert "only 2 half days are left" in refused.value.messages["count"]
        set_setting(session, "payment_rates", {"day_pence": 15000, "half_day_pence": 7500})
        preview = preview_line(session, claim_id, {"category": "involvement_payment", "day": date(2026, 5, 1),
                                                    "unit": "half_day", "count": 1}, today=TODAY)  # fmt: skip
        assert preview.amount_pence == 7500 and preview.warnings == []


def test_paying_someone_who_chose_expenses_only_needs_confirming(store):
    ann = add_person(store, full_name="Ann Evans", payment_preference="expenses_only")
    claim_id = _claim(store, ann)
    data = {"category": "involvement_payment", "day": date(2026, 5, 1), "unit": "day", "count": 1}
    with store.transaction() as session, pytest.raises(NeedsConfirmation) as asked:
        add_line(session, claim_id, data, today=TODAY)
    assert "Ann Evans asked for expenses only" in asked.value.warnings[0]
    with store.transaction() as session:
        assert claim_lines(session, claim_id) == []
        add_line(session, claim_id, data, confirmed=True, today=TODAY)
        assert get_claim(session, claim_id).total_pence == 35000


def test_a_rejected_claim_keeps_its_reason_and_can_be_reopened(store):
    claim_id = _claim(store, add_person(store))
    add_claim_line(store, claim_id, "mileage", miles="3")
    with store.transaction() as session:
        submit_claim(session, claim_id)
        with pytest.raises(ValidationError) as refused:
            reject_claim(session, claim_id, "  ")
        assert "why" in refused.value.messages["rejected_reason"]
        reject_claim(session, claim_id, "Journey was not on business")
        assert claim_history(session, claim_id)[-1].reason == "Journey was not on business"
        with pytest.raises(ValidationError, match="Re-open"):
            update_claim(session, claim_id, {"person_id": get_claim(session, claim_id).person_id,
                                             "claim_date": date(2026, 5, 1)}, today=TODAY)  # fmt: skip
        reopen_claim(session, claim_id)
        assert get_claim(session, claim_id).status == "draft"


def test_a_heading_from_another_financial_year_is_refused(store):
    heading, person_id = add_heading(store, "Engagement", 2025), add_person(store)
    with store.transaction() as session, pytest.raises(ValidationError) as refused:
        create_claim(session, {"person_id": person_id, "claim_date": date(2026, 4, 1),
                               "budget_heading_id": heading}, today=TODAY)  # fmt: skip
    assert "2025–26" in refused.value.messages["budget_heading_id"]


def test_a_mileage_preview_with_an_unknown_vehicle_says_so_by_the_field(store):
    claim_id = _claim(store, add_person(store, payment_preference="paid"))
    data = {"category": "mileage", "day": date(2026, 5, 1), "miles": "12", "vehicle": "hovercraft"}
    with store.reader() as session, pytest.raises(ValidationError) as refused:
        preview_line(session, claim_id, data, today=TODAY)
    assert refused.value.messages["vehicle"] == "Please pick a car or van, a motorcycle or a bicycle."
