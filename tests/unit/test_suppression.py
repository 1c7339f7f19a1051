"""Small-number suppression for anonymised figures, and the rule additions for follow-ups and supervision."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from partnerdesk.rules.supervision import status_by_due_date
from partnerdesk.rules.suppression import SUPPRESSED, average_figure, count_figure, percent_figure
from partnerdesk.rules.wellbeing import default_follow_up_due


@pytest.mark.parametrize(("count", "shown"), [(0, 0), (1, SUPPRESSED), (4, SUPPRESSED), (5, 5), (120, 120)])
def test_counts_from_1_to_4_are_suppressed(count, shown):
    assert count_figure(count) == shown


@pytest.mark.parametrize(
    ("part", "whole", "shown"),
    [(0, 0, "none"), (2, 3, SUPPRESSED), (4, 4, SUPPRESSED), (4, 5, "80%"), (1, 6, "17%"), (5, 8, "63%")],
)
def test_percentages_of_fewer_than_5_are_suppressed(part, whole, shown):
    assert percent_figure(part, whole) == shown


def test_averages_of_fewer_than_5_are_suppressed_and_round_half_up():
    assert average_figure(Decimal("10"), 4) == SUPPRESSED
    assert average_figure(Decimal("11.725"), 5) == Decimal("2.35")
    assert average_figure(Decimal(0), 0) == "none"


def test_the_follow_up_setting_counts_working_days():
    friday = date(2025, 8, 22)  # Monday 25 August 2025 is a bank holiday
    assert default_follow_up_due(friday) == date(2025, 8, 26)
    assert default_follow_up_due(friday, 2) == date(2025, 8, 27)


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (date(2025, 9, 11), "overdue"),
        (date(2025, 9, 10), "due"),
        (date(2025, 9, 3), "due"),
        (date(2025, 9, 2), "not due"),
    ],
)
def test_status_against_an_agreed_due_date(today, status):
    assert status_by_due_date(today, date(2025, 9, 10)) == status
