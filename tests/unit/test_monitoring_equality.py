"""The return's Equality sheet, read back from the file: no hidden count can be worked out from the published
counts, totals or percentages, under either disclosure rule; and people not engaged in the period are not counted.

The recovery check is the one tests/unit/test_disclosure.py uses (written apart from rules.disclosure).
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest
from openpyxl import load_workbook

from partnerdesk.exports.monitoring import export_monitoring
from partnerdesk.rules.disclosure import HIDDEN, NHS, THRESHOLD, Published
from partnerdesk.rules.equality import QUESTIONS
from partnerdesk.services.common.settings import set_setting
from partnerdesk.services.people.people import create_person
from partnerdesk.services.reports.monitoring import return_period
from partnerdesk.services.wellbeing.checks import create_check
from tests.builders import check_data, new_store
from tests.builders import person_data as details
from tests.unit.test_disclosure import recovered

IN_QUARTER = datetime(2026, 5, 12, 11, tzinfo=UTC)


def _answers(rng: random.Random) -> dict:
    answers = {}
    for question in QUESTIONS:
        choices = [*question.choices, None]
        # Lopsided weights, so some answers are common and some are given by one or two people.
        answers[question.field] = rng.choices(choices, weights=[2 ** (i % 5) for i in range(len(choices))])[0]
    if answers["long_term_condition"] != "yes":
        answers["condition_impact"] = None
    return answers


def _sheet(path) -> dict[str, list[tuple]]:
    tables: dict[str, list[tuple]] = {}
    for question, answer, people, percent in load_workbook(path)["Equality"].iter_rows(min_row=2, values_only=True):
        if question is not None:
            tables.setdefault(question, []).append((answer, people, percent))
    return tables


@pytest.mark.parametrize("rule", [THRESHOLD, NHS])
@pytest.mark.parametrize("seed", [1, 2])
def test_no_hidden_equality_count_can_be_worked_out_from_the_sheet(tmp_path, rule, seed):
    rng = random.Random(seed)
    store = new_store(tmp_path)
    exact: dict[str, dict[str, int]] = {}
    try:
        with store.transaction() as session:
            set_setting(session, "disclosure_rule", rule)
            for number in range(45):
                answers = _answers(rng)
                person = create_person(session, details(**answers))
                engaged = number < 40  # five people have no check in the quarter: not engaged
                create_check(session, check_data(person.id, at=IN_QUARTER if engaged else datetime(2025, 1, 6, 11,
                                                                                                     tzinfo=UTC)))
                if engaged:
                    for field, code in answers.items():
                        exact.setdefault(field, {}).setdefault(str(code), 0)
                        exact[field][str(code)] += 1
        with store.reader() as session:
            period = return_period(session, date(2026, 4, 1), date(2026, 6, 30), date(2026, 7, 1))
            export_monitoring(session, tmp_path / "return.xlsx", period)
    finally:
        store.close()

    tables = _sheet(tmp_path / "return.xlsx")
    assert len(tables) == len(QUESTIONS) - 1  # how much a condition limits is counted with the condition
    hidden_somewhere = False
    for question, rows in tables.items():
        *answers, (total_label, total, _) = rows
        assert total_label == "All people engaged"
        counts = [people for _, people, _ in answers]
        hidden_somewhere |= HIDDEN in counts
        for _, people, percent in answers:
            if people == HIDDEN:
                assert percent == HIDDEN
            else:
                whole = (Decimal(people) * 100 / total).quantize(Decimal(1), ROUND_HALF_UP)
                assert Decimal(str(percent)) == whole / 100
        if rule == THRESHOLD:
            assert total == 40
            assert all(c == HIDDEN or c == 0 or c >= 5 for c in counts)
        published = Published(cells=(tuple(counts),), row_totals=(total,), column_totals=None, grand_total=None)
        # The exact counts, in the sheet's order, from what was saved for the people engaged.
        field = next(q.field for q in QUESTIONS if q.heading == question)
        if field != "long_term_condition":
            wanted = [exact[field].get(code, 0) for code in [*next(q for q in QUESTIONS if q.field == field).choices]]
            wanted.append(exact[field].get("None", 0))
            if rule == THRESHOLD:
                shown = [(w, c) for w, c in zip(wanted, counts, strict=True) if c != HIDDEN]
                assert all(w == c for w, c in shown)  # published counts are exact under this rule
            assert recovered([wanted], published) == []
    assert hidden_somewhere  # the data does have small numbers to protect
