"""The rule additions for follow-ups and supervision (small-number suppression is in test_disclosure.py)."""

from __future__ import annotations

from datetime import date

import pytest

from partnerdesk.rules.supervision import status_by_due_date
from partnerdesk.rules.wellbeing import default_follow_up_due


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
