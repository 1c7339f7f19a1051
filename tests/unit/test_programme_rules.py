"""Programme rules: the match score and its reasons, who may not be paired, the optimal assignment (against brute
force), progress and falling behind, backfill due, and plain messages for bad input."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partnerdesk.rules.matching import best_by_brute_force, hungarian, suggest_pairs
from partnerdesk.rules.programmes import (
    Applicant,
    backfill_due,
    format_hours,
    likert_problem,
    match_score,
    pair_problem,
    parse_duration,
    progress,
)


def leader(key: str, **kw) -> Applicant:
    return Applicant(key=key, person_id="p" + key, side="b", **kw)


def board(key: str, **kw) -> Applicant:
    return Applicant(key=key, person_id="p" + key, side="a", **kw)


# ------------------------------------------------------------------------------------------------- the score


def test_the_score_counts_each_criterion_and_says_why_in_plain_words():
    a = board("1", communities=("Carers",), areas=("North",), experience=("Budgets",),
              aspirations=("Lived experience",), availability=("weekday_mornings",))  # fmt: skip
    b = leader("2", communities=("carers ",), areas=("North", "East"), aspirations=("budgets",),
               experience=("Lived  experience",), availability=("weekday_mornings", "weekends"))  # fmt: skip
    match = match_score(a, b)
    assert match.score == 3 + 2 + 3 + 3 + 1
    assert match.reasons == ("Both care about Carers.", "Both know North.",
                             "One of them can learn about Lived experience from the other.",
                             "One of them can learn about budgets from the other.",
                             "Both are free at weekday mornings.")  # fmt: skip


def test_with_the_sides_named_the_reasons_say_who_learns_from_whom():
    a = board("1", experience=("Budgets",))
    b = leader("2", aspirations=("budgets",))
    assert match_score(a, b, ("Board member", "VCS leader")).reasons == (
        "The VCS leader can learn about budgets from the Board member.",)


def test_no_time_in_common_counts_against_a_pair_and_says_so():
    match = match_score(board("1", availability=("weekends",)), leader("2", availability=("weekday_evenings",)))
    assert match.score < 0
    assert "They have no time in common." in match.reasons


def test_nothing_in_common_still_explains_itself():
    assert match_score(board("1"), leader("2")).reasons == ("Nothing in their applications in common yet.",)


# ------------------------------------------------------------------------------------------------ constraints


def test_pairs_that_break_a_rule_are_refused_with_plain_words():
    assert "same side" in pair_problem(board("1"), board("2"))
    assert "must not be matched" in pair_problem(board("1", must_not_match=frozenset({"p2"})), leader("2"))
    assert "must not be matched" in pair_problem(board("1"), leader("2", must_not_match=frozenset({"p1"})))
    assert "same organisation" in pair_problem(board("1", organisation_id="o"), leader("2", organisation_id="o"))
    assert pair_problem(board("1", organisation_id="o"), leader("2", organisation_id="o"), True) is None
    assert pair_problem(board("1"), leader("2")) is None


# ------------------------------------------------------------------------------------------ optimal assignment


def test_the_hungarian_algorithm_finds_the_cheapest_assignment():
    cost = [[4, 1, 3], [2, 0, 5], [3, 2, 2]]
    chosen = hungarian(cost)
    assert sorted(chosen) == [0, 1, 2]
    assert sum(cost[i][j] for i, j in enumerate(chosen)) == 5


def test_matching_is_not_greedy():
    # Greedy takes the best single pair, 1 with X (8), leaving 2 with Y (0): 8 in all. Best: 1–Y (5) + 2–X (6) = 11.
    one = board("1", communities=("A", "B"), areas=("N",))
    two = board("2", communities=("A", "C"))
    x = leader("X", communities=("A", "B", "C"), areas=("N",))
    y = leader("Y", communities=("B",), areas=("N",))
    assert (match_score(one, x).score, match_score(two, y).score) == (8, 0)
    pairs = {(s.a_key, s.b_key) for s in suggest_pairs([one, two], [x, y])}
    assert pairs == {("1", "Y"), ("2", "X")}


def test_suggestions_never_break_a_rule_and_leave_people_unpaired_rather():
    a = [board("1", must_not_match=frozenset({"pX"})), board("2", organisation_id="o")]
    assert suggest_pairs(a, [leader("X", organisation_id="o")]) == []
    a = [board("1", must_not_match=frozenset({"pX"}), communities=("A",)), board("2")]
    assert [(s.a_key, s.b_key) for s in suggest_pairs(a, [leader("X", communities=("A",))])] == [("2", "X")]


_WORDS = st.lists(st.sampled_from(["carers", "youth", "north", "east", "budgets", "finance"]), max_size=3)


@st.composite
def cohort(draw):
    def applicant(side: str, i: int) -> Applicant:
        return Applicant(
            key=f"{side}{i}", person_id=f"p{side}{i}", side=side,
            organisation_id=draw(st.sampled_from([None, "o1", "o2"])),
            aspirations=tuple(draw(_WORDS)), experience=tuple(draw(_WORDS)), areas=tuple(draw(_WORDS)),
            communities=tuple(draw(_WORDS)),
            availability=tuple(draw(st.lists(st.sampled_from(["weekends", "weekday_mornings"]), max_size=2))),
            must_not_match=frozenset(draw(st.lists(st.sampled_from(["pa0", "pb0", "pa1", "pb1"]), max_size=1))),
        )  # fmt: skip

    sizes = draw(st.tuples(st.integers(0, 5), st.integers(0, 5)))
    return [applicant("a", i) for i in range(sizes[0])], [applicant("b", i) for i in range(sizes[1])]


@settings(max_examples=150, deadline=None)
@given(cohort(), st.booleans())
def test_suggestions_are_as_good_as_trying_every_assignment(groups, same_org):
    side_a, side_b = groups
    chosen = suggest_pairs(side_a, side_b, same_org)
    by_key = {x.key: x for x in (*side_a, *side_b)}
    assert len({s.a_key for s in chosen}) == len(chosen) == len({s.b_key for s in chosen})
    assert all(pair_problem(by_key[s.a_key], by_key[s.b_key], same_org) is None for s in chosen)
    assert (len(chosen), sum(s.match.score for s in chosen)) == best_by_brute_force(side_a, side_b, same_org)


# --------------------------------------------------------------------------------------------- time, progress


@pytest.mark.parametrize(("typed", "minutes"), [("1.5", 90), ("1:30", 90), (" 2 ", 120), (45, 45), ("0.25", 15)])
def test_time_typed_as_hours_becomes_whole_minutes(typed, minutes):
    assert parse_duration(typed) == minutes


@pytest.mark.parametrize(("typed", "message"), [
    ("-1", "more than nothing"), ("0", "more than nothing"), ("25", "more than 24 hours"), ("1:75", "for example"),
    ("lots", "for example"), ("1.001", "for example"), (-30, "more than nothing"), (24 * 60 + 1, "more than 24"),
])  # fmt: skip
def test_impossible_times_get_a_plain_message(typed, message):
    with pytest.raises(ValueError, match=message):
        parse_duration(typed)


@pytest.mark.parametrize("answer", [0, 6, -1, "3", 2.5, True, None])
def test_poll_answers_outside_one_to_five_are_refused(answer):
    assert likert_problem(answer) == "Please choose an answer from 1 to 5."


def test_poll_answers_one_to_five_are_fine():
    assert [likert_problem(n) for n in range(1, 6)] == [None] * 5


def test_hours_read_plainly():
    assert [format_hours(m) for m in (90, 900, 30)] == ["1 h 30 min", "15 h", "30 min"]


def test_falling_behind_is_less_than_three_quarters_of_what_was_due_by_now():
    start, end = date(2026, 1, 1), date(2026, 7, 1)  # 181 days
    halfway = date(2026, 4, 1)  # 90 days in: 24 h * 90 / 181 = 716 minutes due
    assert progress(600, 24 * 60, start, end, halfway).due_by_now_minutes == 716
    assert not progress(537, 24 * 60, start, end, halfway).behind
    assert progress(536, 24 * 60, start, end, halfway).behind
    assert progress(0, 900, start, end, start).behind is False  # nothing due on the first day
    assert progress(900, 900, start, end, date(2027, 1, 1)).behind is False
    assert progress(899, 900, start, end, date(2027, 1, 1)).due_by_now_minutes == 900


def test_required_activities_still_to_do_are_counted():
    got = progress(0, 0, None, None, date(2026, 1, 1), {"pre_board_meeting": 2}, {"pre_board_meeting": 6,
                                                                                   "leadership_meeting": 3})
    assert got.activities_missing == {"pre_board_meeting": 4, "leadership_meeting": 3}


# ---------------------------------------------------------------------------------------------------- backfill


def test_24_hours_of_mentoring_is_1050_pounds_of_backfill():
    got = backfill_due([240] * 6, 240, 35_000, 17_500, 6)
    assert (got.half_days_earned, got.half_days_payable, got.days, got.half_days, got.pence) == (6, 6, 3, 0, 105_000)


def test_each_buddy_meeting_is_a_half_day_and_the_cap_holds():
    got = backfill_due([60] * 8, 240, 35_000, 17_500, 6)
    assert (got.half_days_earned, got.half_days_payable, got.pence) == (8, 6, 105_000)


def test_backfill_already_paid_counts_against_the_cap():
    got = backfill_due([60] * 8, 240, 35_000, 17_500, 6, already_half_days=5)
    assert (got.half_days_payable, got.days, got.half_days, got.pence) == (1, 0, 1, 17_500)
    assert backfill_due([60] * 3, 240, 35_000, 17_500, None, already_half_days=1).pence == 35_000


def test_backfill_refuses_impossible_times():
    with pytest.raises(ValueError, match="more than 24 hours"):
        backfill_due([25 * 60], 240, 35_000, 17_500, None)
