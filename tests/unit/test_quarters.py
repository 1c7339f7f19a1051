"""Financial-year quarters (April to March) for the monitoring return."""

from __future__ import annotations

from datetime import date

import pytest

from partnerdesk.rules.quarters import Quarter, parse_quarter, quarter_of, recent_quarters


@pytest.mark.parametrize(
    ("name", "first", "last"),
    [("2026-Q1", date(2026, 4, 1), date(2026, 6, 30)), ("2026-Q2", date(2026, 7, 1), date(2026, 9, 30)),
     ("2026-Q3", date(2026, 10, 1), date(2026, 12, 31)), ("2026-Q4", date(2027, 1, 1), date(2027, 3, 31)),
     ("2027-Q4", date(2028, 1, 1), date(2028, 3, 31))],
)  # fmt: skip
def test_quarters_run_april_to_march(name, first, last):
    quarter = parse_quarter(name)
    assert (quarter.first_day, quarter.last_day, quarter.name) == (first, last, name)


@pytest.mark.parametrize(
    ("day", "name"),
    [(date(2026, 4, 1), "2026-Q1"), (date(2026, 3, 31), "2025-Q4"), (date(2027, 1, 1), "2026-Q4"),
     (date(2026, 12, 31), "2026-Q3"), (date(2026, 7, 1), "2026-Q2")],
)  # fmt: skip
def test_every_day_falls_in_the_quarter_that_holds_it(day, name):
    quarter = quarter_of(day)
    assert quarter.name == name
    assert quarter.first_day <= day <= quarter.last_day


def test_quarters_follow_on_without_gaps_across_years():
    quarter = Quarter(2025, 1)
    for _ in range(12):
        assert quarter.next().first_day.toordinal() == quarter.last_day.toordinal() + 1
        assert quarter.next().previous() == quarter
        quarter = quarter.next()


@pytest.mark.parametrize("typed", ["2026-Q5", "Q3", "2026-3", "last quarter", "", "2026-Q0"])
def test_a_quarter_typed_wrongly_gets_a_plain_message(typed):
    with pytest.raises(ValueError, match="for example 2026-Q3"):
        parse_quarter(typed)


def test_typing_is_forgiving_about_case_and_spaces():
    assert parse_quarter(" 2026q3 ") == parse_quarter("2026 - Q3") == Quarter(2026, 3)


def test_the_picker_offers_this_quarter_first_then_earlier_ones():
    offered = recent_quarters(date(2026, 12, 3), 5)
    assert [q.name for q in offered] == ["2026-Q3", "2026-Q2", "2026-Q1", "2025-Q4", "2025-Q3"]
    assert offered[0].label() == "Q3 2026–27: October 2026 to December 2026"
