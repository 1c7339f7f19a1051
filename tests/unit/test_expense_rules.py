"""The pure expense rules: workflow, financial years, receipt file types and the over-budget warning."""

from __future__ import annotations

from datetime import date

import pytest

from partnerdesk.rules.expenses import (
    HeadingSpend,
    category_bit,
    category_mask,
    claim_reference,
    edit_problem,
    financial_year_dates,
    financial_year_label,
    financial_year_of,
    over_budget_warning,
    receipt_problem,
    receipt_type,
    transition_problem,
)


@pytest.mark.parametrize(("current", "wanted"), [("draft", "submitted"), ("submitted", "approved"),
                                                 ("approved", "paid"), ("paid", "void"), ("rejected", "draft")])
def test_the_workflow_allows_the_usual_steps(current, wanted):
    assert transition_problem(current, wanted) is None


def test_a_paid_claim_can_only_be_voided_and_never_edited():
    assert "only be made void" in transition_problem("paid", "rejected")
    assert "can't be changed" in edit_problem("paid")
    assert transition_problem("void", "draft") == "This claim is void, so it can't be changed."
    assert transition_problem("draft", "paid") is not None


@pytest.mark.parametrize(("day", "year"), [(date(2026, 3, 31), 2025), (date(2026, 4, 1), 2026),
                                           (date(2027, 3, 31), 2026)])
def test_financial_years_run_april_to_march(day, year):
    assert financial_year_of(day) == year
    assert financial_year_dates(2026) == (date(2026, 4, 1), date(2027, 3, 31))
    assert financial_year_label(2026) == "2026–27"


def test_receipts_are_judged_by_their_first_bytes_not_their_names():
    assert receipt_type(b"%PDF-1.7 ...") == "application/pdf"
    assert receipt_type(b"\xff\xd8\xff\xe0 jpeg") == "image/jpeg"
    assert receipt_type(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "image/webp"
    assert receipt_type(b"MZ\x90\x00") is None
    assert "empty" in receipt_problem(b"", 100)
    assert "at most" in receipt_problem(b"%PDF-" + bytes(200), 100)
    assert receipt_problem(b"%PDF-1.4", 100) is None


def test_going_over_a_heading_warns_with_the_figures():
    spend = HeadingSpend("h", 2026, "Engagement", 100_000, 90_000, 5_000)
    assert spend.percent_used == 95 and spend.remaining_pence == 5_000
    assert over_budget_warning(spend, 5_000) is None
    warning = over_budget_warning(spend, 7_500)
    assert "Engagement (2026–27)" in warning and "£1,000.00" in warning and "£25.00 over" in warning


def test_each_kind_of_line_has_its_own_bit_and_references_are_short():
    assert category_mask(["mileage", "parking"]) == category_bit("mileage") | category_bit("parking")
    assert category_bit("mileage") != category_bit("parking")
    assert claim_reference("abcdef12-3456") == "EXP-ABCDEF12"
