"""Mileage at HMRC's approved rates: the 10,000-mile threshold, tax years, passengers and rounding."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnerdesk.rules.mileage import (
    DEFAULT_RATES,
    DEFAULT_SCHEDULE,
    HMRC_RATES,
    MAX_JOURNEY_MILES,
    VEHICLES,
    Journey,
    MileageRates,
    format_miles,
    mileage_for_journeys,
    mileage_pence,
    parse_miles,
    rates_on,
    rates_warning,
    tax_year_dates,
    tax_year_label,
    tax_year_of,
)

D = Decimal

# ------------------------------------------------------------------------------------------------------- tax years


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (date(2026, 4, 5), 2025),  # the last day of 2025–26
        (date(2026, 4, 6), 2026),  # the first day of 2026–27
        (date(2026, 4, 1), 2025),
        (date(2026, 3, 31), 2025),
        (date(2026, 4, 30), 2026),
        (date(2026, 12, 31), 2026),
        (date(2027, 1, 1), 2026),
        (date(2027, 4, 5), 2026),
        (date(2027, 4, 6), 2027),
        (date(2024, 2, 29), 2023),  # leap day
        (date(2000, 1, 1), 1999),
    ],
)
def test_tax_years_run_from_6_april_to_5_april(day, year):
    assert tax_year_of(day) == year


@pytest.mark.parametrize(
    ("year", "label"), [(2026, "2026–27"), (2025, "2025–26"), (1999, "1999–00"), (2009, "2009–10")]
)
def test_tax_years_are_labelled_with_an_en_dash(year, label):
    assert tax_year_label(year) == label
    assert "\u2013" in tax_year_label(year)


def test_tax_year_dates():
    assert tax_year_dates(2026) == (date(2026, 4, 6), date(2027, 4, 5))


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2200, 12, 31)))
def test_every_day_is_in_exactly_the_tax_year_whose_dates_hold_it(day):
    year = tax_year_of(day)
    first, last = tax_year_dates(year)
    assert first <= day <= last
    # The next day starts a new tax year exactly when today is 5 April.
    changes = tax_year_of(day + timedelta(days=1)) != year
    assert changes == ((day.month, day.day) == (4, 5))


# ------------------------------------------------------------------------------------------------- reading miles


@pytest.mark.parametrize(
    ("typed", "miles"),
    [
        ("12", D("12")),
        ("12.5", D("12.5")),
        ("12.50", D("12.5")),  # a trailing nought is not a second decimal place
        (" 0.1 ", D("0.1")),
        (".5", D("0.5")),
        ("12.", D("12")),
        ("1,200", D("1200")),
        ("12 miles", D("12")),
        ("1 mile", D("1")),
        ("12.5mi", D("12.5")),
        ("2000", MAX_JOURNEY_MILES),
    ],
)
def test_miles_are_read_as_people_type_them(typed, miles):
    assert parse_miles(typed) == miles
    assert parse_miles(typed).as_tuple().exponent == -1  # always held to one decimal place


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Please type the number of miles, for example 12.5."),
        ("  ", "Please type the number of miles, for example 12.5."),
        ("miles", "Please type the number of miles, for example 12.5."),
        ("twelve", "twelve is not a number of miles. Please type a number, for example 12.5."),
        ("12,5", "12,5 is not a number of miles. Please type a number, for example 12.5."),
        ("1e3", "1e3 is not a number of miles. Please type a number, for example 12.5."),
        ("NaN", "NaN is not a number of miles. Please type a number, for example 12.5."),
        ("12 km", "12 km is not a number of miles. Please type a number, for example 12.5."),
        ("\u0661\u0662", "\u0661\u0662 is not a number of miles. Please type a number, for example 12.5."),
        ("12.25", "Miles can have at most 1 decimal place, for example 12.5."),
        ("0.05", "Miles can have at most 1 decimal place, for example 12.5."),
        ("-3", "Miles can't be negative."),
        ("\u22123.5", "Miles can't be negative."),
        ("0", "A journey must be more than 0 miles."),
        ("0.0", "A journey must be more than 0 miles."),
        ("-0", "A journey must be more than 0 miles."),
        ("2000.1", "A single journey can't be more than 2,000 miles. Please check."),
        ("9" * 5000, "A single journey can't be more than 2,000 miles. Please check."),
    ],
)
def test_bad_miles_are_refused_in_plain_words(typed, message):
    with pytest.raises(ValueError) as caught:
        parse_miles(typed)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("miles", "shown"), [(D("12"), "12"), (D("12.0"), "12"), (D("1234.5"), "1,234.5"), (D("0.1"), "0.1")]
)
def test_miles_are_shown_without_a_needless_nought(miles, shown):
    assert format_miles(miles) == shown


# -------------------------------------------------------------------------------------------------------- journeys


@pytest.mark.parametrize(
    ("vehicle", "pence"),
    [("car_or_van", 450), ("motorcycle", 240), ("bicycle", 200)],
)
def test_each_vehicle_is_paid_its_rate(vehicle, pence):
    result = mileage_pence(vehicle, "10", 0)
    assert result.pence == pence
    assert result.vehicle == vehicle


def test_vehicles_have_plain_labels():
    assert VEHICLES == {"car_or_van": "Car or van", "motorcycle": "Motorcycle", "bicycle": "Bicycle"}


def test_a_car_journey_before_the_threshold_is_all_at_45p():
    result = mileage_pence("car_or_van", D("100"), D("9900"))
    assert (result.miles_at_first_rate, result.miles_at_after_rate, result.pence) == (D(100), D(0), 4500)
    assert result.miles_this_tax_year_after == D(10000)
    assert not result.crosses_threshold


def test_a_car_journey_after_the_threshold_is_all_at_25p():
    result = mileage_pence("car_or_van", D("100"), D("10000"))
    assert (result.miles_at_first_rate, result.miles_at_after_rate, result.pence) == (D(0), D(100), 2500)
    assert result.miles_this_tax_year_after == D(10100)


def test_a_car_journey_across_the_threshold_is_split():
    result = mileage_pence("car_or_van", "15", "9990")
    assert (result.miles_at_first_rate, result.miles_at_after_rate) == (D(10), D(5))
    assert result.pence == 10 * 45 + 5 * 25
    assert result.crosses_threshold
    assert result.explain() == "10 miles at 45p, 5 miles at 25p: £5.75"


def test_the_split_works_in_tenths_of_a_mile():
    result = mileage_pence("car_or_van", "1.0", "9999.7")
    assert (result.miles_at_first_rate, result.miles_at_after_rate) == (D("0.3"), D("0.7"))
    assert result.pence == 31  # 0.3 × 45 + 0.7 × 25 = 13.5 + 17.5 = 31.0


def test_motorcycle_and_bicycle_miles_ignore_the_car_threshold_and_do_not_count_towards_it():
    for vehicle, rate in (("motorcycle", 24), ("bicycle", 20)):
        result = mileage_pence(vehicle, "100", "50000")
        assert result.pence == 100 * rate
        assert result.miles_this_tax_year_after == D(50000)
        assert result.miles_at_after_rate == 0
        assert result.explain() == f"100 miles at {rate}p: {'£24.00' if rate == 24 else '£20.00'}"


def test_passengers_add_5p_a_mile_each_across_the_whole_journey():
    result = mileage_pence("car_or_van", "15", "9990", passengers=2)
    assert result.pence == 10 * 45 + 5 * 25 + 2 * 15 * 5
    assert result.explain() == "10 miles at 45p, 5 miles at 25p, 2 passengers for 15 miles at 5p: £7.25"
    assert (
        mileage_pence("car_or_van", "1", 0, passengers=1).explain()
        == "1 mile at 45p, 1 passenger for 1 mile at 5p: £0.50"
    )


@pytest.mark.parametrize(
    ("miles", "pence"),
    [
        ("12.5", 563),  # 562.5p rounds half up
        ("0.1", 5),  # 4.5p → 5p
        ("0.3", 14),  # 13.5p → 14p
        ("0.2", 9),  # exact
        ("1.1", 50),  # 49.5p → 50p
    ],
)
def test_each_journey_is_rounded_once_half_up_to_the_penny(miles, pence):
    assert mileage_pence("car_or_van", miles, 0).pence == pence


def test_rounding_is_of_the_whole_journey_not_each_part():
    # 0.1 miles at 24p (2.4p) rounds down; 0.1 miles at 25p (2.5p) rounds up.
    assert mileage_pence("motorcycle", "0.1", 0).pence == 2
    assert mileage_pence("car_or_van", "0.1", 10000).pence == 3
    # With one passenger: 0.1 × 45 + 0.1 × 5 = 5.0p exactly, not 4.5p rounded plus 0.5p rounded.
    assert mileage_pence("car_or_van", "0.1", 0, passengers=1).pence == 5


def test_miles_may_be_given_as_int_decimal_or_text():
    assert mileage_pence("car_or_van", 10, 0).pence == mileage_pence("car_or_van", D("10.0"), "0").pence == 450
    assert mileage_pence("car_or_van", D("12.50"), D("0")).miles == D("12.5")


@pytest.mark.parametrize("wrong", [12.5, True, None, [12]])
def test_floats_and_other_types_are_programming_errors(wrong):
    with pytest.raises(TypeError):
        mileage_pence("car_or_van", wrong, 0)
    with pytest.raises(TypeError):
        mileage_pence("car_or_van", 1, wrong)


@pytest.mark.parametrize(
    ("miles", "message"),
    [
        ("abc", "abc is not a number of miles. Please type a number, for example 12.5."),
        (D("12.25"), "Miles can have at most 1 decimal place, for example 12.5."),
        (D("NaN"), "Miles must be a number."),
        (D("Infinity"), "Miles must be a number."),
        (-1, "Miles can't be negative."),
        (D("-0.1"), "Miles can't be negative."),
        (0, "A journey must be more than 0 miles."),
        (D("2000.1"), "A single journey can't be more than 2,000 miles. Please check."),
        (D("1E+30"), "A single journey can't be more than 2,000 miles. Please check."),
    ],
)
def test_bad_journey_miles_are_refused_in_plain_words(miles, message):
    with pytest.raises(ValueError) as caught:
        mileage_pence("car_or_van", miles, 0)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("already", "message"),
    [
        (-1, "The miles already claimed this tax year can't be negative."),
        ("-5", "The miles already claimed this tax year can't be negative."),
        (D("0.05"), "The miles already claimed this tax year can have at most 1 decimal place, for example 12.5."),
        (D("NaN"), "The miles already claimed this tax year must be a number."),
        (1_000_001, "The miles already claimed this tax year are far too many. Please check the figure."),
    ],
)
def test_bad_miles_already_claimed_are_refused(already, message):
    with pytest.raises(ValueError) as caught:
        mileage_pence("car_or_van", 1, already)
    assert str(caught.value) == message


def test_miles_already_claimed_may_be_zero_or_have_a_tenth():
    assert mileage_pence("car_or_van", 1, 0).pence == 45
    assert mileage_pence("car_or_van", 1, "9999.5").pence == 35  # 0.5 × 45 + 0.5 × 25


@pytest.mark.parametrize("vehicle", ["car", "van", "Car or van", "", "bus", None])
def test_unknown_vehicles_are_refused(vehicle):
    with pytest.raises(ValueError) as caught:
        mileage_pence(vehicle, 1, 0)
    assert str(caught.value) == "Mileage is paid only for a car or van, a motorcycle or a bicycle."


@pytest.mark.parametrize("passengers", [-1, 9, True, 1.0, "1"])
def test_passengers_must_be_a_sensible_whole_number(passengers):
    with pytest.raises(ValueError) as caught:
        mileage_pence("car_or_van", 1, 0, passengers=passengers)
    assert str(caught.value) == "Passengers must be a whole number from 0 to 8."


@pytest.mark.parametrize("vehicle", ["motorcycle", "bicycle"])
def test_passenger_payments_are_for_cars_and_vans_only(vehicle):
    with pytest.raises(ValueError) as caught:
        mileage_pence(vehicle, 1, 0, passengers=1)
    assert str(caught.value) == "Passenger payments are only for cars and vans."


def test_eight_passengers_is_the_most():
    assert mileage_pence("car_or_van", 1, 0, passengers=8).pence == 45 + 8 * 5


# ------------------------------------------------------------------------------------------------------------ rates


def test_the_defaults_are_hmrcs_rates():
    r = DEFAULT_RATES
    assert (r.car_first_pence, r.car_after_pence, r.car_threshold_miles) == (45, 25, 10_000)
    assert (r.motorcycle_pence, r.bicycle_pence, r.passenger_pence) == (24, 20, 5)
    assert r.effective_from == date(2011, 4, 6)
    assert HMRC_RATES == DEFAULT_RATES
    assert rates_warning(DEFAULT_RATES) is None


def test_an_organisation_can_set_its_own_rates():
    rates = MileageRates(car_first_pence=40, car_after_pence=20, car_threshold_miles=5000, passenger_pence=0)
    result = mileage_pence("car_or_van", "10", "4995", passengers=3, rates=rates)
    assert result.pence == 5 * 40 + 5 * 20
    assert rates_warning(rates) is None  # paying less than HMRC is fine


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"car_first_pence": -1},
            "The car or van rate for the first miles must be a whole number of pence from 0 to 500.",
        ),
        (
            {"car_first_pence": 45.0},
            "The car or van rate for the first miles must be a whole number of pence from 0 to 500.",
        ),
        (
            {"car_first_pence": 501},
            "The car or van rate for the first miles must be a whole number of pence from 0 to 500.",
        ),
        (
            {"car_after_pence": True},
            "The car or van rate after the threshold must be a whole number of pence from 0 to 500.",
        ),
        ({"motorcycle_pence": D("24")}, "The motorcycle rate must be a whole number of pence from 0 to 500."),
        ({"bicycle_pence": "20"}, "The bicycle rate must be a whole number of pence from 0 to 500."),
        ({"passenger_pence": -5}, "The passenger rate must be a whole number of pence from 0 to 500."),
        ({"car_threshold_miles": 0}, "The car or van threshold must be a whole number of miles above 0."),
        ({"car_threshold_miles": 10000.0}, "The car or van threshold must be a whole number of miles above 0."),
        (
            {"car_first_pence": 25, "car_after_pence": 45},
            "The car or van rate after the threshold can't be more than the rate for the first miles.",
        ),
        ({"effective_from": "2026-04-06"}, "Mileage rates need the date they start from."),
    ],
)
def test_bad_rates_are_refused_in_plain_words(changes, message):
    with pytest.raises(ValueError) as caught:
        MileageRates(**changes)
    assert str(caught.value) == message


def test_zero_rates_are_allowed_for_an_organisation_that_does_not_pay_them():
    rates = MileageRates(bicycle_pence=0, passenger_pence=0)
    assert mileage_pence("bicycle", 10, 0, rates=rates).pence == 0


def test_rates_above_hmrcs_are_warned_about_because_the_extra_is_taxable():
    warning = rates_warning(MileageRates(car_first_pence=50, bicycle_pence=25))
    assert warning == (
        "These are above HMRC's approved mileage rates: the car or van rate for the first miles, the bicycle rate. "
        "The amount above HMRC's rates is taxable, so the person may have to pay tax on it."
    )
    assert "the car or van threshold" in rates_warning(MileageRates(car_threshold_miles=12_000))
    # A later threshold is no more generous when both car rates are the same as HMRC's lower rate.
    assert rates_warning(MileageRates(car_first_pence=25, car_threshold_miles=12_000)) is None


def test_rates_round_trip_through_settings():
    rates = MileageRates(car_first_pence=40, effective_from=date(2027, 4, 6))
    stored = rates.as_settings()
    assert stored["effective_from"] == "2027-04-06"
    assert stored["car_first_pence"] == 40
    assert MileageRates.from_settings(stored) == rates
    assert MileageRates.from_settings({}) == DEFAULT_RATES


def test_bad_settings_are_refused_in_plain_words():
    with pytest.raises(ValueError, match="^Unknown mileage setting: lorry_pence.$"):
        MileageRates.from_settings({"lorry_pence": 50})
    with pytest.raises(ValueError, match="^The date mileage rates start from is not a real date.$"):
        MileageRates.from_settings({"effective_from": "2026-02-30"})
    with pytest.raises(ValueError, match="^The passenger rate must be"):
        MileageRates.from_settings({"passenger_pence": -1})


def test_the_rates_in_force_on_a_day_are_the_latest_started():
    old = MileageRates(car_first_pence=40, effective_from=date(2002, 4, 6))
    new = MileageRates(car_first_pence=45, effective_from=date(2011, 4, 6))
    schedule = [new, old]  # any order
    assert rates_on(date(2011, 4, 5), schedule) is old
    assert rates_on(date(2011, 4, 6), schedule) is new
    assert rates_on(date(2030, 1, 1), schedule) is new
    assert rates_on(date(2030, 1, 1)) is DEFAULT_RATES
    assert DEFAULT_SCHEDULE == (DEFAULT_RATES,)


def test_a_day_before_any_rates_or_two_rates_starting_together_is_refused():
    with pytest.raises(ValueError) as caught:
        rates_on(date(2000, 1, 1))
    assert str(caught.value) == "No mileage rates apply on 01/01/2000. Add rates that start on or before that day."
    same_day = [MileageRates(), MileageRates(car_first_pence=40)]
    with pytest.raises(ValueError) as caught:
        rates_on(date(2026, 1, 1), same_day)
    assert str(caught.value) == "Two sets of mileage rates start on 06/04/2011. Please remove one."


# ------------------------------------------------------------------------------------------ a person's journeys


def test_journeys_track_the_threshold_per_tax_year_and_start_again_on_6_april():
    journeys = [
        Journey(date(2026, 4, 5), "car_or_van", "100"),  # 2025–26: 9,950 already, so 50 at 45p and 50 at 25p
        Journey(date(2026, 4, 6), "car_or_van", "100"),  # 2026–27: a fresh year, all at 45p
        Journey(date(2026, 4, 5), "car_or_van", "10"),  # same day as the first, typed later: all at 25p
    ]
    results = mileage_for_journeys(journeys, miles_before={2025: 9950})
    assert [r.pence for r in results] == [50 * 45 + 50 * 25, 100 * 45, 10 * 25]
    assert [r.miles_this_tax_year_after for r in results] == [D(10050), D(100), D(10060)]


def test_journeys_reach_the_threshold_in_date_order_whatever_order_they_were_typed_in():
    journeys = [
        Journey(date(2026, 12, 1), "car_or_van", "20"),
        Journey(date(2026, 6, 1), "car_or_van", "20", passengers=1),
        Journey(date(2026, 9, 1), "motorcycle", "20"),
    ]
    results = mileage_for_journeys(journeys, miles_before={2026: 9990})
    assert [r.vehicle for r in results] == ["car_or_van", "car_or_van", "motorcycle"]  # in the order given
    assert results[1].pence == 10 * 45 + 10 * 25 + 20 * 5  # June crosses the threshold
    assert results[0].pence == 20 * 25  # December is all after it
    assert results[2].pence == 20 * 24
    assert mileage_for_journeys([]) == []


def test_journeys_use_the_rates_in_force_on_their_day():
    schedule = [MileageRates(), MileageRates(car_first_pence=50, effective_from=date(2027, 1, 1))]
    journeys = [Journey(date(2026, 12, 31), "car_or_van", 10), Journey(date(2027, 1, 1), "car_or_van", 10)]
    assert [r.pence for r in mileage_for_journeys(journeys, schedule=schedule)] == [450, 500]


# ------------------------------------------------------------------------------------------------------- properties

whole_miles = st.integers(min_value=1, max_value=2000)
half_journeys = st.integers(min_value=1, max_value=1000)  # two of them still make a journey of at most 2,000 miles
tenths = st.integers(min_value=1, max_value=20_000)  # 0.1 to 2,000.0 miles, as whole tenths
passengers = st.integers(min_value=0, max_value=8)
MAX_RATE = 500


@st.composite
def rate_sets(draw) -> MileageRates:
    first = draw(st.integers(min_value=0, max_value=MAX_RATE))
    return MileageRates(
        car_first_pence=first,
        car_after_pence=draw(st.integers(min_value=0, max_value=first)),
        car_threshold_miles=draw(st.integers(min_value=1, max_value=20_000)),
        motorcycle_pence=draw(st.integers(min_value=0, max_value=MAX_RATE)),
        bicycle_pence=draw(st.integers(min_value=0, max_value=MAX_RATE)),
        passenger_pence=draw(st.integers(min_value=0, max_value=MAX_RATE)),
    )


def miles_of(count_of_tenths: int) -> Decimal:
    return Decimal(count_of_tenths).scaleb(-1)


@given(rate_sets(), half_journeys, half_journeys, passengers)
def test_a_whole_mile_journey_split_at_the_threshold_pays_the_same_as_two_journeys(rates, before, after, riders):
    threshold = rates.car_threshold_miles
    if before > threshold:
        before = threshold
    already = threshold - before
    whole = mileage_pence("car_or_van", before + after, already, riders, rates)
    first = mileage_pence("car_or_van", before, already, riders, rates)
    second = mileage_pence("car_or_van", after, threshold, riders, rates)
    assert whole.pence == first.pence + second.pence
    assert (
        whole.pence
        == before * rates.car_first_pence
        + after * rates.car_after_pence
        + (before + after) * riders * rates.passenger_pence
    )
    assert (whole.miles_at_first_rate, whole.miles_at_after_rate) == (before, after)


@given(st.integers(min_value=1, max_value=10_000), st.integers(min_value=1, max_value=10_000), passengers)
def test_a_split_in_tenths_differs_only_by_the_half_pennies_each_part_rounds_up(before_tenths, after_tenths, riders):
    # At HMRC's rates a part of a journey ends in half a penny exactly when its tenths are odd (and the passengers
    # even): split in two, both halves may round up where the whole journey rounded once. Never more than 1p apart.
    threshold = DEFAULT_RATES.car_threshold_miles
    already = threshold - miles_of(before_tenths)
    whole = mileage_pence("car_or_van", miles_of(before_tenths + after_tenths), already, riders)
    parts = (
        mileage_pence("car_or_van", miles_of(before_tenths), already, riders).pence
        + mileage_pence("car_or_van", miles_of(after_tenths), threshold, riders).pence
    )
    both_halves_round = before_tenths % 2 == 1 and after_tenths % 2 == 1 and riders % 2 == 0
    assert parts - whole.pence == (1 if both_halves_round else 0)


@given(st.lists(st.tuples(tenths, passengers), min_size=1, max_size=25), st.integers(0, 12_000), st.randoms())
def test_a_tax_years_total_does_not_depend_on_the_order_of_journeys(journeys, already_whole, shuffler):
    # Exact for any tenths at HMRC's rates: 45p and 25p are both odd multiples of 5p, so whether a journey's tenths
    # of a penny end in a half does not depend on where the threshold falls in it.
    def total(order):
        running, pence = Decimal(already_whole), 0
        for count, riders in order:
            result = mileage_pence("car_or_van", miles_of(count), running, riders)
            running, pence = result.miles_this_tax_year_after, pence + result.pence
        return pence, running

    shuffled = list(journeys)
    shuffler.shuffle(shuffled)
    assert total(journeys) == total(shuffled)


@given(rate_sets(), st.lists(st.tuples(whole_miles, passengers), min_size=1, max_size=25), st.integers(0, 30_000))
def test_whole_mile_totals_match_the_closed_form_at_any_rates(rates, journeys, already):
    # An independent sum: all the year's miles up to the threshold at the first rate, the rest at the lower rate.
    running, pence = already, 0
    for miles, riders in journeys:
        result = mileage_pence("car_or_van", miles, running, riders, rates)
        running, pence = int(result.miles_this_tax_year_after), pence + result.pence
    threshold = rates.car_threshold_miles
    end = already + sum(m for m, _ in journeys)

    def value(at):
        return min(at, threshold) * rates.car_first_pence + max(0, at - threshold) * rates.car_after_pence

    riders_pence = sum(m * r for m, r in journeys) * rates.passenger_pence
    assert pence == value(end) - value(already) + riders_pence


@given(
    st.lists(
        st.tuples(st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 12, 31)), tenths, passengers),
        min_size=1,
        max_size=30,
    ),
    st.randoms(),
)
def test_a_persons_journeys_pay_the_same_whatever_order_they_were_typed_in(rows, shuffler):
    journeys = [Journey(day, "car_or_van", miles_of(count), riders) for day, count, riders in rows]
    before = {2024: 9_000, 2025: 9_990, 2026: 10_000}
    paid = mileage_for_journeys(journeys, miles_before=before)
    shuffled = list(range(len(journeys)))
    shuffler.shuffle(shuffled)
    paid_shuffled = mileage_for_journeys([journeys[i] for i in shuffled], miles_before=before)
    # Per tax year, the totals agree, and each journey's miles are the same journey's miles.
    by_year: dict[int, list[int]] = {}
    for journey, result in zip(journeys, paid, strict=True):
        assert result.miles == journey.miles
        by_year.setdefault(tax_year_of(journey.day), []).append(result.pence)
    by_year_shuffled: dict[int, list[int]] = {}
    for place, result in zip(shuffled, paid_shuffled, strict=True):
        assert result.miles == journeys[place].miles
        by_year_shuffled.setdefault(tax_year_of(journeys[place].day), []).append(result.pence)
    assert {y: sum(p) for y, p in by_year.items()} == {y: sum(p) for y, p in by_year_shuffled.items()}


@given(tenths, st.integers(0, 100_000), passengers)
def test_each_journey_is_the_exact_amount_rounded_half_up(count, already_tenths, riders):
    result = mileage_pence("car_or_van", miles_of(count), miles_of(already_tenths), riders)
    exact = (
        result.miles_at_first_rate * 45 + result.miles_at_after_rate * 25 + result.miles * riders * 5
    )  # Decimal pence, exact
    assert result.pence == int(exact.quantize(Decimal(1), rounding="ROUND_HALF_UP"))
    assert result.miles_at_first_rate + result.miles_at_after_rate == result.miles


@given(st.text(max_size=20))
def test_any_text_gives_miles_or_a_plain_value_error(text):
    try:
        miles = parse_miles(text)
    except ValueError as error:
        assert str(error).endswith(".")
    else:
        assert Decimal(0) < miles <= MAX_JOURNEY_MILES


def test_a_year_of_random_journeys_crossing_the_threshold_adds_up():
    # A worked example with a fixed seed, for anyone reading: 60 journeys of up to 300 miles from 8,000 already.
    chooser = random.Random(2026)
    miles = [chooser.randint(1, 300) for _ in range(60)]
    journeys = [Journey(date(2026, 4, 6) + timedelta(days=5 * i), "car_or_van", m) for i, m in enumerate(miles)]
    results = mileage_for_journeys(journeys, miles_before={2026: 8000})
    total_miles = sum(miles)
    expected = 2000 * 45 + (total_miles - 2000) * 25
    assert total_miles > 2000
    assert sum(r.pence for r in results) == expected
    assert sum(r.crosses_threshold for r in results) <= 1
