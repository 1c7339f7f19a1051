"""Disclosure control: no hidden count can be worked out from what a table publishes.

The recovery here is written separately from rules.disclosure on purpose: it treats every published figure of a
table as known, every hidden one as unknown, writes each row, column and total as an equation, and asks whether a
hidden cell's unit vector lies in the span of those equations (a rank test over exact fractions). If it does, some
sum and difference of published figures gives that cell, and the test fails.
"""

from __future__ import annotations

import itertools
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from partnerdesk.rules.disclosure import (
    HIDDEN,
    NHS,
    NONE,
    THRESHOLD,
    Policy,
    average,
    count,
    nhs_round,
    protect,
    protect_parts,
    share,
)


def _rank(rows: list[list[Fraction]]) -> int:
    rows = [list(row) for row in rows]
    rank = 0
    width = len(rows[0]) if rows else 0
    for column in range(width):
        pivot = next((r for r in range(rank, len(rows)) if rows[r][column] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for r in range(len(rows)):
            if r != rank and rows[r][column] != 0:
                factor = rows[r][column] / rows[rank][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[rank], strict=True)]
        rank += 1
    return rank


def _bordered(table, published):
    """Every figure of a published table by name, with the exact value, and the table's equations."""
    rows, columns = len(table), len(table[0])
    figures, equations = {}, []
    for r, c in itertools.product(range(rows), range(columns)):
        figures[("cell", r, c)] = (published.cells[r][c], table[r][c])
    if published.row_totals is not None:
        for r in range(rows):
            figures[("row", r)] = (published.row_totals[r], sum(table[r]))
            equations.append({**{("cell", r, c): 1 for c in range(columns)}, ("row", r): -1})
    if published.column_totals is not None:
        for c in range(columns):
            figures[("column", c)] = (published.column_totals[c], sum(row[c] for row in table))
            equations.append({**{("cell", r, c): 1 for r in range(rows)}, ("column", c): -1})
    if published.grand_total is not None:
        figures["grand"] = (published.grand_total, sum(map(sum, table)))
        equations.append({**{("row", r): 1 for r in range(rows)}, "grand": -1})
        equations.append({**{("column", c): 1 for c in range(columns)}, "grand": -1})
    return figures, equations


def recovered(table, published) -> list:
    """The hidden figures that some linear combination of the published figures gives exactly."""
    figures, equations = _bordered(table, published)
    hidden = [name for name, (shown, _) in figures.items() if shown == HIDDEN]
    system = [[Fraction(equation.get(name, 0)) for name in hidden] for equation in equations]
    system = [row for row in system if any(row)]
    base = _rank(system) if system else 0
    found = []
    for number, name in enumerate(hidden):
        unit = [Fraction(int(i == number)) for i in range(len(hidden))]
        if _rank([*system, unit]) == base:
            found.append(name)
    return found


tables = st.integers(1, 4).flatmap(
    lambda rows: st.integers(1, 4).flatmap(
        lambda columns: st.lists(
            st.lists(st.integers(0, 12), min_size=columns, max_size=columns), min_size=rows, max_size=rows
        )
    )
)


@settings(max_examples=300, deadline=None)
@given(table=tables, threshold=st.integers(2, 8), row_totals=st.booleans(), column_totals=st.booleans())
def test_no_hidden_cell_can_be_worked_out_from_the_published_cells(table, threshold, row_totals, column_totals):
    policy = Policy(THRESHOLD, threshold)
    published = protect(table, policy, row_totals=row_totals, column_totals=column_totals)
    figures, _ = _bordered(table, published)
    for shown, exact in figures.values():
        assert shown == HIDDEN or shown == exact  # nothing altered, only hidden
        if 0 < exact < threshold:
            assert shown == HIDDEN  # every small count hidden
    assert recovered(table, published) == []


def test_the_filed_wellbeing_week_no_longer_gives_concern_raised_away():
    # Total 16: pre-meeting 0, debrief 0, phone 6, routine 9, concern 1. Published alone, 1 = 16 − 6 − 9.
    parts, total = protect_parts([0, 0, 6, 9, 1], Policy())
    assert parts[4] == HIDDEN
    assert sum(part == HIDDEN for part in parts) >= 2 or total == HIDDEN
    assert recovered([[0, 0, 6, 9, 1]], protect([[0, 0, 6, 9, 1]], Policy(), column_totals=False)) == []


def test_a_recovery_check_that_can_fail():
    # Hiding only the small cell of a row with its total leaves it recoverable: the checker must say so.
    from partnerdesk.rules.disclosure import Published

    leaky = Published(cells=((HIDDEN, 6, 9),), row_totals=(16,), column_totals=None, grand_total=None)
    assert recovered([[1, 6, 9]], leaky) == [("cell", 0, 0)]


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [(4, 5, (HIDDEN, 5, HIDDEN)), (0, 0, (0, 0, NONE)), (5, 10, (5, 10, "50%")), (11, 15, (HIDDEN, 15, HIDDEN)),
     (0, 6, (0, 6, "0%")), (6, 6, (6, 6, "100%"))],
)  # fmt: skip
def test_percentages_are_withheld_when_the_part_or_the_rest_is_small(part, whole, expected):
    # 11 done of 15 agreed would say 4 were not done; "5 due, 80% on time" would say 1 was late.
    assert share(part, whole, Policy()) == expected


def _window(shown) -> range:
    """The exact counts an NHS-style published figure can stand for (a hidden one may be small, or hidden to
    protect a small one: a reader cannot tell which)."""
    if shown == HIDDEN:
        return range(1, 100)
    if shown == 0:
        return range(0, 1)
    return range(max(8, shown - 2), shown + 3)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(0, 30), min_size=1, max_size=3))
@example(parts=[1, 23, 23])  # rounding alone published *, 25, 25 of 45: only 1 fitted
def test_nhs_style_hidden_counts_cannot_be_pinned_down(parts):
    (cells, total) = protect_parts(parts, Policy(NHS))
    # Everyone who reads the file knows the rule: try every table the published figures could stand for.
    possible = [
        candidate
        for candidate in itertools.product(*(_window(shown) for shown in cells))
        if sum(candidate) in _window(total)
    ]
    assert tuple(parts) in possible
    for number, shown in enumerate(cells):
        if shown == HIDDEN:
            assert len({candidate[number] for candidate in possible}) > 1


@pytest.mark.parametrize(("exact", "shown"), [(0, 0), (1, HIDDEN), (7, HIDDEN), (8, 10), (12, 10), (13, 15),
                                              (17, 15), (18, 20), (102, 100)])  # fmt: skip
def test_nhs_style_rounds_to_5_and_hides_1_to_7(exact, shown):
    assert nhs_round(exact) == shown
    assert count(exact, Policy(NHS)) == shown


def test_nhs_style_percentages_come_from_the_rounded_counts():
    assert share(9, 23, Policy(NHS)) == (10, 25, "40%")  # exact: 39%
    assert share(3, 13, Policy(NHS))[2] == HIDDEN


def test_averages_over_a_hidden_number_of_values_are_withheld():
    assert average(Decimal(10), 4, Policy()) == HIDDEN
    assert average(Decimal("11.725"), 5, Policy()) == Decimal("2.35")
    assert average(Decimal(0), 0, Policy()) == NONE
    assert average(Decimal(40), 7, Policy(NHS)) == HIDDEN


def test_a_policy_needs_a_known_rule_and_a_sensible_threshold():
    with pytest.raises(ValueError):
        Policy("guess")
    with pytest.raises(ValueError):
        Policy(THRESHOLD, 1)
