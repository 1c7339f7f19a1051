"""Wellbeing scoring (quick answer, ONS4, SWEMWBS), working days in England and Wales, and follow-up after distress."""

from __future__ import annotations

import inspect
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from partnerdesk.rules import wellbeing, working_days
from partnerdesk.rules.wellbeing import (
    ONS4_QUESTIONS,
    QUICK_ANSWERS,
    SWEMWBS_COPYRIGHT,
    anxiety_band,
    default_follow_up_due,
    follow_up_due_problem,
    follow_up_on_time,
    follow_up_status,
    format_swemwbs_metric,
    happiness_band,
    life_satisfaction_band,
    meaningful_change,
    ons4_answers,
    ons4_band,
    ons4_bands,
    quick_answer_label,
    swemwbs_metric,
    swemwbs_raw,
    swemwbs_score,
    worthwhile_band,
)
from partnerdesk.rules.working_days import bank_holidays, easter_sunday, is_working_day, next_working_day

# --- Quick answer -------------------------------------------------------------------------------------------------


def test_quick_answers_are_plain_words_from_1_to_5():
    assert [quick_answer_label(n) for n in range(1, 6)] == ["Not good at all", "Not so good", "OK", "Good", "Very good"]
    assert list(QUICK_ANSWERS) == [1, 2, 3, 4, 5]


@pytest.mark.parametrize("answer", [0, 6, -1, True, 3.0, "3", None])
def test_quick_answer_outside_1_to_5_is_refused(answer):
    with pytest.raises(ValueError, match=r"^How the person is doing must be a whole number from 1 to 5\.$"):
        quick_answer_label(answer)


# --- ONS4 ---------------------------------------------------------------------------------------------------------

POSITIVE_BANDS = {
    0: "low", 1: "low", 2: "low", 3: "low", 4: "low",
    5: "medium", 6: "medium",
    7: "high", 8: "high",
    9: "very high", 10: "very high",
}  # fmt: skip
ANXIETY_BANDS = {
    0: "very low", 1: "very low",
    2: "low", 3: "low",
    4: "medium", 5: "medium",
    6: "high", 7: "high", 8: "high", 9: "high", 10: "high",
}  # fmt: skip


@pytest.mark.parametrize("band", [life_satisfaction_band, worthwhile_band, happiness_band])
@pytest.mark.parametrize(("score", "expected"), POSITIVE_BANDS.items())
def test_positive_ons4_bands(band, score, expected):
    assert band(score) == expected


@pytest.mark.parametrize(("score", "expected"), ANXIETY_BANDS.items())
def test_anxiety_bands(score, expected):
    assert anxiety_band(score) == expected


@pytest.mark.parametrize(
    ("question", "score", "expected"),
    [
        ("life_satisfaction", 4, "low"),
        ("life_satisfaction", 5, "medium"),
        ("worthwhile", 6, "medium"),
        ("worthwhile", 7, "high"),
        ("happiness", 8, "high"),
        ("happiness", 9, "very high"),
        ("anxiety", 1, "very low"),
        ("anxiety", 2, "low"),
        ("anxiety", 3, "low"),
        ("anxiety", 4, "medium"),
        ("anxiety", 5, "medium"),
        ("anxiety", 6, "high"),
    ],
)
def test_band_by_question_code_at_each_boundary(question, score, expected):
    assert ons4_band(question, score) == expected


@pytest.mark.parametrize(
    ("band", "label"),
    [
        (life_satisfaction_band, "Life satisfaction"),
        (worthwhile_band, "Feeling the things you do are worthwhile"),
        (happiness_band, "Happiness yesterday"),
        (anxiety_band, "Anxiety yesterday"),
    ],
)
@pytest.mark.parametrize("score", [-1, 11, 5.5, 7.0, True, "7", None])
def test_ons4_scores_outside_0_to_10_are_refused_naming_the_question(band, label, score):
    with pytest.raises(ValueError) as caught:
        band(score)
    assert str(caught.value) == f"{label}: the answer must be a whole number from 0 to 10."


def test_unknown_ons4_question():
    with pytest.raises(ValueError, match=r"^There is no ONS4 question called 'mood'\.$"):
        ons4_band("mood", 5)


ALL_FOUR = {"life_satisfaction": 7, "worthwhile": 8, "happiness": 0, "anxiety": 10}


def test_all_four_ons4_answers_come_back_in_question_order():
    shuffled = {"anxiety": 10, "happiness": 0, "worthwhile": 8, "life_satisfaction": 7}
    checked = ons4_answers(shuffled)
    assert checked == ALL_FOUR
    assert list(checked) == list(ONS4_QUESTIONS)


@pytest.mark.parametrize("blank", [{}, dict.fromkeys(ONS4_QUESTIONS), {"anxiety": None}])
def test_no_ons4_answers_means_the_scale_was_not_used(blank):
    assert ons4_answers(blank) is None


@pytest.mark.parametrize("missing", list(ONS4_QUESTIONS))
def test_three_of_four_ons4_answers_is_refused_naming_the_missing_one(missing):
    partial = {code: 5 for code in ONS4_QUESTIONS if code != missing}
    with pytest.raises(ValueError) as caught:
        ons4_answers(partial)
    assert str(caught.value) == (
        f"{ONS4_QUESTIONS[missing]} has no answer. Please answer all four ONS4 questions, or leave all four blank."
    )
    partial[missing] = None
    with pytest.raises(ValueError, match="has no answer"):
        ons4_answers(partial)


def test_one_bad_ons4_answer_is_refused_by_question():
    with pytest.raises(ValueError, match=r"^Happiness yesterday: the answer must be a whole number from 0 to 10\.$"):
        ons4_answers({**ALL_FOUR, "happiness": 11})


def test_unknown_key_in_ons4_answers_is_refused():
    with pytest.raises(ValueError, match="There is no ONS4 question called 'mood'"):
        ons4_answers({**ALL_FOUR, "mood": 3})


def test_ons4_bands_for_a_whole_set():
    assert ons4_bands(ALL_FOUR) == {
        "life_satisfaction": "high",
        "worthwhile": "high",
        "happiness": "low",
        "anxiety": "high",
    }
    with pytest.raises(ValueError, match="There are no ONS4 answers"):
        ons4_bands({})


# --- SWEMWBS ------------------------------------------------------------------------------------------------------

# The published conversion table, copied again here from DOMAIN.md (research notes) rather than from the code.
PUBLISHED_METRIC = {
    7: "7.00", 8: "9.51", 9: "11.25", 10: "12.40", 11: "13.33", 12: "14.08", 13: "14.75", 14: "15.32",
    15: "15.84", 16: "16.36", 17: "16.88", 18: "17.43", 19: "17.98", 20: "18.59", 21: "19.25", 22: "19.98",
    23: "20.73", 24: "21.54", 25: "22.35", 26: "23.21", 27: "24.11", 28: "25.03", 29: "26.02", 30: "27.03",
    31: "28.13", 32: "29.31", 33: "30.70", 34: "32.55", 35: "35.00",
}  # fmt: skip


def test_the_table_in_this_test_covers_every_raw_score():
    assert sorted(PUBLISHED_METRIC) == list(range(7, 36))


@pytest.mark.parametrize(("raw", "metric"), PUBLISHED_METRIC.items())
def test_every_raw_score_converts_to_the_published_metric(raw, metric):
    converted = swemwbs_metric(raw)
    assert isinstance(converted, Decimal)
    assert converted == Decimal(metric)
    assert format_swemwbs_metric(converted) == metric


@pytest.mark.parametrize("raw", [6, 36, 0, -7, 20.0, True, "20", None])
def test_raw_scores_outside_7_to_35_are_refused(raw):
    with pytest.raises(ValueError, match=r"^A raw SWEMWBS score must be a whole number from 7 to 35\.$"):
        swemwbs_metric(raw)


@pytest.mark.parametrize(
    ("answers", "raw"),
    [
        ([1] * 7, 7),
        ([5] * 7, 35),
        ([1, 2, 3, 4, 5, 4, 3], 22),
        ((3, 3, 3, 3, 3, 3, 4), 22),
        ([5, 5, 5, 5, 5, 5, 4], 34),
    ],
)
def test_raw_score_is_the_sum_of_seven_answers(answers, raw):
    assert swemwbs_raw(answers) == raw
    assert swemwbs_score(answers) == Decimal(PUBLISHED_METRIC[raw])


@pytest.mark.parametrize(
    ("answers", "answered"),
    [
        ([], 0),
        ([3], 1),
        ([3, 3, 3, 3, 3, 3], 6),
        ([3, 3, 3, None, 3, 3, 3], 6),
        ([None] * 7, 0),
    ],
)
def test_a_partial_scale_is_refused(answers, answered):
    with pytest.raises(ValueError) as caught:
        swemwbs_raw(answers)
    assert str(caught.value) == (
        f"Only {answered} of the seven SWEMWBS questions are answered. "
        "A score needs all seven; answer the rest or leave the whole scale blank."
    )


def test_too_many_answers_are_refused():
    with pytest.raises(ValueError, match=r"^SWEMWBS has seven questions, but 8 answers were given\.$"):
        swemwbs_raw([3] * 8)


@pytest.mark.parametrize(("position", "bad"), [(1, 0), (4, 6), (7, -1), (2, 2.5), (3, 3.0), (5, True), (6, "4")])
def test_an_answer_outside_1_to_5_is_refused_naming_the_question(position, bad):
    answers = [3] * 7
    answers[position - 1] = bad
    with pytest.raises(ValueError) as caught:
        swemwbs_raw(answers)
    assert str(caught.value) == f"SWEMWBS question {position}: the answer must be a whole number from 1 to 5."


def test_a_string_of_digits_is_not_seven_answers():
    with pytest.raises(ValueError, match="list of seven numbers"):
        swemwbs_raw("3333333")


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("9.51"), "9.51"),
        (Decimal("7"), "7.00"),
        (35, "35.00"),
        (Decimal("-2.9"), "-2.90"),
        (Decimal("2.345"), "2.35"),  # averages round half up, as people expect
        (Decimal("2.3449"), "2.34"),
        (Decimal("0"), "0.00"),
    ],
)
def test_metric_scores_are_shown_to_two_places(value, shown):
    assert format_swemwbs_metric(value) == shown


def test_floats_are_refused_rather_than_misrounded():
    with pytest.raises(TypeError):
        format_swemwbs_metric(9.51)
    with pytest.raises(TypeError):
        meaningful_change(9.51, 13.0)


@pytest.mark.parametrize(
    ("first", "latest", "verdict"),
    [
        ("19.25", "22.25", "better"),  # exactly 3 points counts
        ("19.25", "22.24", None),
        ("22.25", "19.25", "worse"),
        ("22.24", "19.25", None),
        ("7.00", "35.00", "better"),
        ("35.00", "7.00", "worse"),
        ("20.73", "20.73", None),
    ],
)
def test_meaningful_change_is_about_three_metric_points(first, latest, verdict):
    assert meaningful_change(Decimal(first), Decimal(latest)) == verdict


def test_meaningful_change_between_real_table_scores():
    # Raw 20 → 23 is 18.59 → 20.73: 2.14 points, not yet meaningful; raw 20 → 24 is 2.95, still not; 20 → 25 is.
    assert meaningful_change(swemwbs_metric(20), swemwbs_metric(23)) is None
    assert meaningful_change(swemwbs_metric(20), swemwbs_metric(24)) is None
    assert meaningful_change(swemwbs_metric(20), swemwbs_metric(25)) == "better"
    # At the bottom of the scale one raw point is 2.51 metric points, so the raw score alone would mislead.
    assert meaningful_change(swemwbs_metric(9), swemwbs_metric(7)) == "worse"
    assert meaningful_change(10, 13) == "better"


def test_copyright_line_is_exactly_as_required():
    assert SWEMWBS_COPYRIGHT == (
        "Short Warwick Edinburgh Mental Wellbeing Scale (SWEMWBS) © NHS Health Scotland, University of Warwick and "
        "University of Edinburgh, 2008, all rights reserved."
    )


def test_no_swemwbs_item_wording_is_shipped_in_the_rules():
    # The licence lets PartnerDesk ship the scoring only: the organisation enters the items, and the answer words
    # that go with them, from its own licensed copy. The answer words are the easiest to let slip in, so look for them.
    source = Path(inspect.getfile(wellbeing)).read_text(encoding="utf-8").lower()
    for phrase in ("none of the time", "all of the time", "some of the time"):
        assert phrase not in source


# --- Working days -------------------------------------------------------------------------------------------------

# As published on GOV.UK (https://www.gov.uk/bank-holidays) for England and Wales.
PUBLISHED_BANK_HOLIDAYS = {
    2025: ["1 Jan", "18 Apr", "21 Apr", "5 May", "26 May", "25 Aug", "25 Dec", "26 Dec"],
    2026: ["1 Jan", "3 Apr", "6 Apr", "4 May", "25 May", "31 Aug", "25 Dec", "28 Dec"],
    2027: ["1 Jan", "26 Mar", "29 Mar", "3 May", "31 May", "30 Aug", "27 Dec", "28 Dec"],
}


@pytest.mark.parametrize(("year", "published"), PUBLISHED_BANK_HOLIDAYS.items())
def test_bank_holidays_match_gov_uk(year, published):
    expected = [datetime.strptime(f"{day} {year}", "%d %b %Y").date() for day in published]
    assert list(bank_holidays(year)) == expected


def test_bank_holiday_names_follow_gov_uk():
    assert list(bank_holidays(2027).values()) == [
        "New Year's Day",
        "Good Friday",
        "Easter Monday",
        "Early May bank holiday",
        "Spring bank holiday",
        "Summer bank holiday",
        "Christmas Day (substitute day)",
        "Boxing Day (substitute day)",
    ]
    assert bank_holidays(2026)[date(2026, 12, 28)] == "Boxing Day (substitute day)"


@pytest.mark.parametrize(
    ("year", "new_year", "christmas", "boxing_day"),
    [
        # New Year's Day on a Saturday (2022) and a Sunday (2023, 2028); Christmas on a Sunday (2022, 2033),
        # a Saturday (2021, 2027), a Friday (2026) and a Monday (2028).
        (2021, date(2021, 1, 1), date(2021, 12, 27), date(2021, 12, 28)),
        (2022, date(2022, 1, 3), date(2022, 12, 27), date(2022, 12, 26)),
        (2023, date(2023, 1, 2), date(2023, 12, 25), date(2023, 12, 26)),
        (2028, date(2028, 1, 3), date(2028, 12, 25), date(2028, 12, 26)),
        (2033, date(2033, 1, 3), date(2033, 12, 27), date(2033, 12, 26)),
    ],
)
def test_substitute_days(year, new_year, christmas, boxing_day):
    holidays = {name.removesuffix(" (substitute day)"): day for day, name in bank_holidays(year).items()}
    assert holidays["New Year's Day"] == new_year
    assert holidays["Christmas Day"] == christmas
    assert holidays["Boxing Day"] == boxing_day


@pytest.mark.parametrize("year", range(1990, 2101))
def test_every_year_has_eight_weekday_holidays_with_the_rules_shape(year):
    holidays = bank_holidays(year)
    assert len(holidays) == 8
    assert all(day.year == year and day.weekday() < 5 for day in holidays)
    assert list(holidays) == sorted(holidays)
    by_name = {name.removesuffix(" (substitute day)"): day for day, name in holidays.items()}
    assert by_name["Good Friday"].weekday() == 4
    assert by_name["Easter Monday"] - by_name["Good Friday"] == timedelta(days=3)
    assert by_name["Early May bank holiday"].month == 5 and by_name["Early May bank holiday"].day <= 7
    assert by_name["Spring bank holiday"].month == 5 and by_name["Spring bank holiday"].day >= 25
    assert by_name["Summer bank holiday"].month == 8 and by_name["Summer bank holiday"].day >= 25
    assert by_name["New Year's Day"] <= date(year, 1, 3)
    assert date(year, 12, 25) <= by_name["Christmas Day"] <= date(year, 12, 27)
    assert date(year, 12, 26) <= by_name["Boxing Day"] <= date(year, 12, 28)


@pytest.mark.parametrize(
    "easter",
    [
        date(1818, 3, 22),  # the earliest possible
        date(1943, 4, 25),  # the latest possible
        date(2000, 4, 23),
        date(2008, 3, 23),
        date(2011, 4, 24),
        date(2019, 4, 21),
        date(2024, 3, 31),
        date(2025, 4, 20),
        date(2026, 4, 5),
        date(2027, 3, 28),
        date(2038, 4, 25),
        date(2285, 3, 22),
    ],
)
def test_easter_sunday(easter):
    assert easter_sunday(easter.year) == easter


@pytest.mark.parametrize(
    ("after", "next_day"),
    [
        (date(2026, 11, 23), date(2026, 11, 24)),  # Monday → Tuesday
        (date(2026, 11, 27), date(2026, 11, 30)),  # Friday → Monday
        (date(2026, 11, 28), date(2026, 11, 30)),  # Saturday → Monday
        (date(2026, 11, 29), date(2026, 11, 30)),  # Sunday → Monday
        (date(2026, 12, 24), date(2026, 12, 29)),  # Christmas Friday, weekend, Boxing Day substitute Monday
        (date(2027, 12, 24), date(2027, 12, 29)),  # weekend, then both substitute days
        (date(2025, 12, 24), date(2025, 12, 29)),  # Christmas Thursday, Boxing Day Friday, weekend
        (date(2026, 12, 31), date(2027, 1, 4)),  # New Year's Day Friday, then the weekend
        (date(2027, 12, 31), date(2028, 1, 4)),  # into a year whose New Year's Day is substituted
        (date(2026, 4, 2), date(2026, 4, 7)),  # Maundy Thursday → the Tuesday after Easter Monday
        (date(2026, 4, 3), date(2026, 4, 7)),  # Good Friday itself
        (date(2025, 4, 17), date(2025, 4, 22)),
        (date(2026, 5, 1), date(2026, 5, 5)),  # Friday before the early May bank holiday
        (date(2026, 8, 28), date(2026, 9, 1)),  # Friday before the summer bank holiday
    ],
)
def test_next_working_day(after, next_day):
    assert next_working_day(after) == next_day


def test_is_working_day():
    assert is_working_day(date(2026, 11, 23))
    assert not is_working_day(date(2026, 11, 28))
    assert not is_working_day(date(2026, 12, 28))
    assert is_working_day(date(2026, 12, 29))


def test_one_off_holidays_are_documented_as_not_included():
    assert "coronation" in (working_days.__doc__ or "").lower()
    # The coronation bank holiday, Monday 8 May 2023, counts as a working day.
    assert is_working_day(date(2023, 5, 8))


# --- Follow-up after distress -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("check", "due"),
    [
        (date(2026, 11, 24), date(2026, 11, 25)),  # Tuesday → Wednesday
        (date(2026, 11, 27), date(2026, 11, 30)),  # Friday → Monday
        (date(2026, 11, 29), date(2026, 11, 30)),  # a Sunday event → Monday
        (date(2026, 12, 24), date(2026, 12, 29)),
        (date(2026, 4, 2), date(2026, 4, 7)),
        (date(2026, 5, 22), date(2026, 5, 26)),  # spring bank holiday Monday skipped
    ],
)
def test_follow_up_is_due_the_next_working_day(check, due):
    assert default_follow_up_due(check) == due


def test_a_moment_is_read_as_its_uk_day():
    # 23:30 in London on a summer Thursday is 22:30 UTC the same day; 00:30 BST on Friday is still Thursday in UTC.
    assert default_follow_up_due(datetime(2026, 7, 2, 22, 30, tzinfo=UTC)) == date(2026, 7, 3)
    assert default_follow_up_due(datetime(2026, 7, 2, 23, 30, tzinfo=UTC)) == date(2026, 7, 6)
    # Late on a winter Friday the UK is on UTC.
    assert default_follow_up_due(datetime(2026, 11, 27, 23, 59, tzinfo=UTC)) == date(2026, 11, 30)


def test_a_moment_without_a_time_zone_is_refused():
    with pytest.raises(ValueError, match="time zone"):
        default_follow_up_due(datetime(2026, 7, 2, 12, 0))


def test_follow_up_cannot_be_due_before_the_check():
    check = date(2026, 11, 24)
    assert follow_up_due_problem(check, check) is None
    assert follow_up_due_problem(check, date(2026, 11, 25)) is None
    assert follow_up_due_problem(check, date(2026, 11, 23)) == (
        "The follow-up can't be due before the check it follows. Please pick the day of the check or later."
    )


@pytest.mark.parametrize(
    ("due_on", "done_on", "status"),
    [
        (date(2026, 11, 23), None, "overdue"),
        (date(2026, 11, 24), None, "due"),
        (date(2026, 11, 25), None, "not due"),
        (date(2026, 11, 1), date(2026, 11, 20), "done"),
    ],
)
def test_follow_up_status(due_on, done_on, status):
    assert follow_up_status(date(2026, 11, 24), due_on, done_on) == status


def test_follow_up_on_time():
    due = date(2026, 11, 24)
    assert follow_up_on_time(due, date(2026, 11, 23))
    assert follow_up_on_time(due, due)
    assert not follow_up_on_time(due, date(2026, 11, 25))
    assert not follow_up_on_time(due, None)
