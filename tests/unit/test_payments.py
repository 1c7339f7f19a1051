"""Claim categories, involvement and backfill payments, caps, and respecting each person's payment preference."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnerdesk.records.vocab import PAYMENT_PREFERENCES
from partnerdesk.rules.money import format_pounds
from partnerdesk.rules.payments import (
    BENEFITS_NOTE,
    DEFAULT_CAP_HALF_DAYS,
    DEFAULT_PAYMENT_RATES,
    EXPENSE_CATEGORIES,
    PAYMENTS_FOR_TIME,
    TIME_UNITS,
    PaymentRates,
    check_within_cap,
    half_days,
    half_days_left,
    is_payment_for_time,
    payment_warning,
    time_payment_pence,
)

# ------------------------------------------------------------------------------------------------------ categories


def test_every_category_from_the_issue_is_there_with_a_plain_label():
    assert list(EXPENSE_CATEGORIES.values()) == [
        "Mileage",
        "Public transport",
        "Taxi",
        "Parking",
        "Subsistence (food and drink)",
        "Care or childcare cover",
        "Printing",
        "Telephone",
        "Internet",
        "Stationery",
        "IT equipment",
        "Software",
        "Training",
        "Conference",
        "Involvement payment",
        "Backfill (day or half day)",
        "Other",
    ]


def test_category_codes_are_short_lower_case_words():
    for code in EXPENSE_CATEGORIES:
        assert re.fullmatch(r"[a-z]+(_[a-z]+)*", code), code
        assert len(code) <= 20  # fits the String(20) columns the other vocabularies use


def test_only_involvement_payments_and_backfill_pay_for_time():
    assert {"involvement_payment", "backfill"} == PAYMENTS_FOR_TIME
    assert set(EXPENSE_CATEGORIES) >= PAYMENTS_FOR_TIME
    assert [c for c in EXPENSE_CATEGORIES if is_payment_for_time(c)] == ["involvement_payment", "backfill"]
    assert not is_payment_for_time("mileage")
    assert not is_payment_for_time("care_cover")  # paying for a replacement carer pays back a cost


def test_an_unknown_category_is_refused_in_plain_words():
    with pytest.raises(ValueError) as caught:
        is_payment_for_time("lunch")
    assert str(caught.value) == "lunch is not a kind of claim. Please choose one from the list."


def test_the_benefits_note_is_short_and_says_both_halves():
    assert "welfare benefits" in BENEFITS_NOTE
    assert "actually spent does not" in BENEFITS_NOTE  # paying back real costs; flat-rate "expenses" can count
    assert len(BENEFITS_NOTE) < 200  # a note, not a leaflet
    assert all(len(sentence.split()) <= 15 for sentence in BENEFITS_NOTE.split(". "))  # Easy Read length


# ------------------------------------------------------------------------------------------------------------ rates


def test_the_default_rates_are_350_a_day_and_175_a_half_day():
    assert PaymentRates(day_pence=35_000, half_day_pence=17_500) == DEFAULT_PAYMENT_RATES
    assert TIME_UNITS == {"day": "Day", "half_day": "Half day"}
    assert DEFAULT_PAYMENT_RATES.rate("day") == 35_000
    assert DEFAULT_PAYMENT_RATES.rate("half_day") == 17_500


@pytest.mark.parametrize(
    ("unit", "count", "pence"),
    [("day", 1, 35_000), ("half_day", 1, 17_500), ("day", 3, 105_000), ("half_day", 6, 105_000), ("day", 20, 700_000)],
)
def test_time_is_paid_at_the_rates(unit, count, pence):
    assert time_payment_pence(unit, count) == pence


def test_the_mentoring_programmes_24_hours_is_1050_of_backfill():
    # DOMAIN.md: a leader commits about 24 hours (three days) in the 6-month programme, i.e. £1,050.
    assert format_pounds(time_payment_pence("day", 3)) == "£1,050.00"


def test_an_organisation_can_set_its_own_rates():
    rates = PaymentRates(day_pence=15_000, half_day_pence=7_500)
    assert time_payment_pence("day", 2, rates) == 30_000
    assert time_payment_pence("half_day", 1, rates) == 7_500


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"day_pence": 0}, "The day rate must be more than £0.00 and no more than £100,000.00."),
        ({"day_pence": -35_000}, "The day rate must be more than £0.00 and no more than £100,000.00."),
        ({"day_pence": 350.0}, "The day rate must be more than £0.00 and no more than £100,000.00."),
        ({"day_pence": 10_000_001}, "The day rate must be more than £0.00 and no more than £100,000.00."),
        ({"half_day_pence": True}, "The half-day rate must be more than £0.00 and no more than £100,000.00."),
        ({"half_day_pence": "17500"}, "The half-day rate must be more than £0.00 and no more than £100,000.00."),
        ({"half_day_pence": 35_001}, "The half-day rate can't be more than the day rate."),
        ({"effective_from": "2026-04-06"}, "Payment rates need the date they start from."),
    ],
)
def test_bad_rates_are_refused_in_plain_words(changes, message):
    with pytest.raises(ValueError) as caught:
        PaymentRates(**changes)
    assert str(caught.value) == message


def test_a_half_day_rate_equal_to_the_day_rate_is_allowed():
    assert PaymentRates(day_pence=10_000, half_day_pence=10_000).rate("half_day") == 10_000


def test_rates_round_trip_through_settings():
    rates = PaymentRates(day_pence=15_000, half_day_pence=7_500, effective_from=date(2026, 4, 1))
    stored = rates.as_settings()
    assert stored == {"day_pence": 15_000, "half_day_pence": 7_500, "effective_from": "2026-04-01"}
    assert PaymentRates.from_settings(stored) == rates
    assert PaymentRates.from_settings({}) == DEFAULT_PAYMENT_RATES


def test_bad_settings_are_refused_in_plain_words():
    with pytest.raises(ValueError, match="^Unknown payment setting: hour_pence.$"):
        PaymentRates.from_settings({"hour_pence": 1_500})
    with pytest.raises(ValueError, match="^The date payment rates start from is not a real date.$"):
        PaymentRates.from_settings({"effective_from": "yesterday"})
    with pytest.raises(ValueError, match="^The half-day rate can't be more"):
        PaymentRates.from_settings({"day_pence": 100, "half_day_pence": 200})


@pytest.mark.parametrize("unit", ["hour", "Day", "", None, "week"])
def test_time_is_by_the_day_or_half_day_only(unit):
    with pytest.raises(ValueError) as caught:
        time_payment_pence(unit, 1)
    assert str(caught.value) == "Payments for time are by the day or the half day."


@pytest.mark.parametrize("count", [0, -1, 21, 1.5, 2.0, True, "2", None])
def test_the_number_of_days_must_be_a_sensible_whole_number(count):
    with pytest.raises(ValueError) as caught:
        time_payment_pence("day", count)
    assert str(caught.value) == "The number of days or half days must be a whole number from 1 to 20."


# -------------------------------------------------------------------------------------------------------------- caps


def test_a_day_is_two_half_days():
    assert half_days("day", 1) == 2
    assert half_days("day", 3) == 6
    assert half_days("half_day", 5) == 5


def test_half_days_left_under_a_cap():
    assert DEFAULT_CAP_HALF_DAYS == 6
    assert half_days_left(6, 0) == 6
    assert half_days_left(6, 4) == 2
    assert half_days_left(6, 6) == 0
    assert half_days_left(6, 9) == 0  # already over (the cap was lowered later): none left, not minus three
    assert half_days_left(None, 40) is None  # no cap, no limit
    assert half_days_left(0, 0) == 0


@pytest.mark.parametrize(
    ("cap", "used", "message"),
    [
        (-1, 0, "The limit must be a whole number of half days from 0 to 200."),
        (201, 0, "The limit must be a whole number of half days from 0 to 200."),
        (6.0, 0, "The limit must be a whole number of half days from 0 to 200."),
        (6, -1, "The half days already paid must be a whole number, 0 or more."),
        (6, 1.0, "The half days already paid must be a whole number, 0 or more."),
        (None, True, "The half days already paid must be a whole number, 0 or more."),
    ],
)
def test_bad_caps_and_counts_are_refused(cap, used, message):
    with pytest.raises(ValueError) as caught:
        half_days_left(cap, used)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("cap", "used", "unit", "count"),
    [(6, 0, "half_day", 6), (6, 5, "half_day", 1), (6, 4, "day", 1), (6, 0, "day", 3), (None, 100, "day", 20)],
)
def test_payments_up_to_the_cap_are_allowed(cap, used, unit, count):
    assert check_within_cap(cap, used, unit, count) is None


@pytest.mark.parametrize(
    ("cap", "used", "unit", "count", "message"),
    [
        (
            6,
            6,
            "half_day",
            1,
            "This person can have up to 6 half days on this programme and none are left, so 1 half day can't be added.",
        ),
        (
            6,
            5,
            "day",
            1,
            "This person can have up to 6 half days on this programme and only 1 half day is left, "
            "so 1 day (2 half days) can't be added.",
        ),
        (
            6,
            2,
            "day",
            3,
            "This person can have up to 6 half days on this programme and only 4 half days are left, "
            "so 3 days (6 half days) can't be added.",
        ),
        (
            1,
            0,
            "half_day",
            2,
            "This person can have up to 1 half day on this programme and only 1 half day is left, "
            "so 2 half days can't be added.",
        ),
    ],
)
def test_going_over_the_cap_is_refused_in_plain_words(cap, used, unit, count, message):
    with pytest.raises(ValueError) as caught:
        check_within_cap(cap, used, unit, count)
    assert str(caught.value) == message


@given(
    st.integers(min_value=0, max_value=40),
    st.lists(st.tuples(st.sampled_from(["day", "half_day"]), st.integers(min_value=1, max_value=4)), max_size=30),
)
def test_however_payments_are_added_a_participant_never_goes_over_their_cap(cap, attempts):
    used = 0
    for unit, count in attempts:
        wanted = half_days(unit, count)
        try:
            check_within_cap(cap, used, unit, count)
        except ValueError:
            assert used + wanted > cap  # refused only when it really would go over
        else:
            used += wanted
        assert used <= cap
        assert half_days_left(cap, used) == cap - used


# -------------------------------------------------------------------------------------------- payment preferences


def test_every_payment_preference_in_the_vocabulary_is_understood():
    assert set(PAYMENT_PREFERENCES) == {"paid", "expenses_only", "no_payments"}
    for preference in PAYMENT_PREFERENCES:
        for category in EXPENSE_CATEGORIES:
            warning = payment_warning(preference, category)
            assert warning is None or warning.endswith(".")


def test_someone_happy_to_be_paid_gets_no_warning():
    assert all(payment_warning("paid", c) is None for c in EXPENSE_CATEGORIES)


@pytest.mark.parametrize("category", ["involvement_payment", "backfill"])
def test_paying_for_time_warns_anyone_who_did_not_say_they_are_happy_to_be_paid(category):
    assert payment_warning("expenses_only", category) == (
        "This person asked for expenses only, not payments for their time. "
        "Payments for time can affect welfare benefits. Please check with them before adding it."
    )
    assert payment_warning("no_payments", category) == (
        "This person asked not to receive any payments. This payment is for their time. "
        "Please check with them before adding it."
    )
    assert payment_warning(None, category) == (
        "Nobody has asked this person whether they want to be paid for their time. "
        "Payments for time can affect welfare benefits, so please ask them before adding this payment."
    )


@pytest.mark.parametrize("category", sorted(set(EXPENSE_CATEGORIES) - PAYMENTS_FOR_TIME))
def test_paying_back_expenses_warns_only_someone_who_wants_no_payments_at_all(category):
    assert payment_warning("expenses_only", category) is None
    assert payment_warning(None, category) is None  # expenses don't affect benefits: no need to have asked
    assert payment_warning("no_payments", category) == (
        "This person asked not to receive any payments, not even expenses. Please check with them before adding it."
    )


def test_the_warning_can_name_the_person():
    assert payment_warning("expenses_only", "backfill", who="Sam Jones").startswith("Sam Jones asked for expenses only")
    assert payment_warning(None, "backfill", who="Sam Jones").startswith("Nobody has asked Sam Jones whether")


def test_unknown_preferences_and_categories_are_refused():
    with pytest.raises(ValueError) as caught:
        payment_warning("vouchers", "backfill")
    assert str(caught.value) == "vouchers is not a payment preference."
    with pytest.raises(ValueError) as caught:
        payment_warning("paid", "bonus")
    assert str(caught.value) == "bonus is not a kind of claim. Please choose one from the list."
