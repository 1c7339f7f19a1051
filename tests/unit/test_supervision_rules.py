"""Supervision cadence and status, pairs and session dates, and training renewal."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from partnerdesk.records.vocab import ROLES
from partnerdesk.rules.supervision import (
    DEFAULT_CADENCES,
    DEFAULT_COURSES,
    PEER_SUPPORT_WORKER_CADENCE,
    SESSION_TYPES,
    SUPERVISION_TOPICS,
    Cadence,
    Course,
    add_months,
    cadence_for_role,
    completed_on_problem,
    next_due,
    pair_problem,
    renewal_months_problem,
    session_date_problem,
    session_on_time,
    supervision_status,
    training_expires_on,
    training_status,
)

LAST = date(2026, 1, 5)  # a Monday
FOUR_TO_SIX_WEEKS = Cadence(min_days=28, max_days=42)

# --- Cadence ------------------------------------------------------------------------------------------------------


def test_peer_support_workers_are_supervised_every_four_to_six_weeks_by_default():
    assert PEER_SUPPORT_WORKER_CADENCE == FOUR_TO_SIX_WEEKS
    assert cadence_for_role("peer_support_worker") == FOUR_TO_SIX_WEEKS


def test_default_cadences_use_real_role_codes():
    assert set(DEFAULT_CADENCES) <= set(ROLES)


def test_an_organisation_setting_overrides_the_default():
    monthly = Cadence(min_days=21, max_days=31)
    assert cadence_for_role("peer_support_worker", {"peer_support_worker": monthly}) == monthly
    assert cadence_for_role("peer_supporter", {"peer_supporter": monthly}) == monthly
    assert cadence_for_role("peer_support_worker", {"peer_supporter": monthly}) == FOUR_TO_SIX_WEEKS


def test_roles_with_no_required_supervision_have_no_cadence():
    assert cadence_for_role("service_user_rep") is None
    assert cadence_for_role("service_user_rep", {}) is None


@pytest.mark.parametrize(
    ("min_days", "max_days", "message"),
    [
        (0, 42, "Supervision gaps are whole numbers of days, 1 or more."),
        (-7, 42, "Supervision gaps are whole numbers of days, 1 or more."),
        (28.5, 42, "Supervision gaps are whole numbers of days, 1 or more."),
        (28, None, "Supervision gaps are whole numbers of days, 1 or more."),
        (True, 42, "Supervision gaps are whole numbers of days, 1 or more."),
        (42, 28, "The longest gap between supervision sessions can't be shorter than the shortest."),
    ],
)
def test_impossible_cadences_are_refused(min_days, max_days, message):
    with pytest.raises(ValueError) as caught:
        Cadence(min_days=min_days, max_days=max_days)
    assert str(caught.value) == message


def test_a_fixed_gap_is_allowed():
    assert next_due(LAST, Cadence(30, 30)) == (date(2026, 2, 4), date(2026, 2, 4))


def test_next_due_is_four_to_six_weeks_after_the_last_session():
    assert next_due(LAST, FOUR_TO_SIX_WEEKS) == (date(2026, 2, 2), date(2026, 2, 16))


def test_next_due_across_a_year_end_and_a_leap_day():
    assert next_due(date(2027, 12, 20), FOUR_TO_SIX_WEEKS) == (date(2028, 1, 17), date(2028, 1, 31))
    assert next_due(date(2028, 2, 1), FOUR_TO_SIX_WEEKS) == (date(2028, 2, 29), date(2028, 3, 14))


# --- Status -------------------------------------------------------------------------------------------------------

LATEST = date(2026, 2, 16)  # LAST + 42 days


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (LAST, "not due"),
        (date(2026, 2, 2), "not due"),  # earliest suggested date: fine, but not yet pressing
        (LATEST - timedelta(days=8), "not due"),
        (LATEST - timedelta(days=7), "due"),  # a week's warning
        (LATEST - timedelta(days=1), "due"),
        (LATEST, "due"),  # still on time on the last day
        (LATEST + timedelta(days=1), "overdue"),
        (LATEST + timedelta(days=365), "overdue"),
    ],
)
def test_supervision_status_boundaries(today, status):
    assert supervision_status(today, LAST, FOUR_TO_SIX_WEEKS) == status


def test_no_session_yet_is_due():
    assert supervision_status(LAST, None, FOUR_TO_SIX_WEEKS) == "due"


def test_pairing_date_stands_in_for_the_first_session():
    paired_on = LAST
    assert supervision_status(LATEST + timedelta(days=1), paired_on, FOUR_TO_SIX_WEEKS) == "overdue"


@pytest.mark.parametrize(
    ("session_on", "on_time"),
    [
        (date(2026, 1, 20), True),  # early is not late
        (LATEST, True),
        (LATEST + timedelta(days=1), False),
    ],
)
def test_session_on_time(session_on, on_time):
    assert session_on_time(LAST, session_on, FOUR_TO_SIX_WEEKS) is on_time


def test_the_first_session_is_always_on_time():
    assert session_on_time(None, date(2030, 1, 1), FOUR_TO_SIX_WEEKS)


# --- Bad input ----------------------------------------------------------------------------------------------------


def test_nobody_supervises_themselves():
    assert pair_problem(3, 3) == "Someone can't supervise themselves. Please choose a different supervisor."
    assert pair_problem(3, 4) is None


TODAY = date(2026, 2, 10)


@pytest.mark.parametrize(
    "session_on",
    [
        date(2025, 6, 1),  # in the past, even before the last session: history can be typed in late
        TODAY,
        TODAY + timedelta(days=1),  # booked ahead
        LATEST,  # booked ahead for the last day it is due
    ],
)
def test_session_dates_that_are_accepted(session_on):
    assert session_date_problem(TODAY, session_on, LAST, FOUR_TO_SIX_WEEKS) is None


def test_a_future_session_beyond_the_next_due_date_is_refused():
    assert session_date_problem(TODAY, LATEST + timedelta(days=1), LAST, FOUR_TO_SIX_WEEKS) == (
        "The session date is after the next due date (16/02/2026). Please pick that day or earlier."
    )


def test_a_first_session_can_be_booked_up_to_one_cadence_ahead():
    assert session_date_problem(TODAY, TODAY + timedelta(days=42), None, FOUR_TO_SIX_WEEKS) is None
    assert session_date_problem(TODAY, TODAY + timedelta(days=43), None, FOUR_TO_SIX_WEEKS) == (
        "The session date is after the next due date (24/03/2026). Please pick that day or earlier."
    )


def test_an_overdue_supervision_can_still_be_recorded_today():
    long_ago = date(2025, 1, 1)
    assert session_date_problem(TODAY, TODAY, long_ago, FOUR_TO_SIX_WEEKS) is None
    assert session_date_problem(TODAY, TODAY + timedelta(days=1), long_ago, FOUR_TO_SIX_WEEKS) is not None


# --- Choices ------------------------------------------------------------------------------------------------------


def test_supervision_topics():
    assert SUPERVISION_TOPICS == {
        "wellbeing": "Managing mental health and wellbeing",
        "caseload": "Caseload management",
        "development": "Personal development planning, training and career progression",
        "health_and_safety": "Health and safety",
        "other": "Other",
    }


def test_session_types():
    assert SESSION_TYPES == {"one_to_one": "1:1", "group": "Group"}


def test_default_courses_and_renewal_periods():
    expected = {
        "edi": Course("Equality, Diversity and Inclusion", 36),
        "safeguarding_adults": Course("Safeguarding Adults", 36),
        "safeguarding_children": Course("Safeguarding Children", 36),
        "gdpr": Course("GDPR", 12),
        "mental_health_awareness": Course("Mental Health Awareness", 36),
        "peer_support": Course("Peer Support training", None),
    }
    assert expected == DEFAULT_COURSES
    for course in DEFAULT_COURSES.values():
        assert renewal_months_problem(course.renewal_months) is None


# --- Training -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 1, 30), 1, date(2026, 2, 28)),
        (date(2026, 1, 28), 1, date(2026, 2, 28)),
        (date(2026, 2, 28), 1, date(2026, 3, 28)),  # clamped once, not carried to the month end
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2028, 2, 29), 48, date(2032, 2, 29)),
        (date(2026, 11, 15), 2, date(2027, 1, 15)),
        (date(2026, 12, 31), 1, date(2027, 1, 31)),
        (date(2026, 12, 31), 12, date(2027, 12, 31)),
        (date(2026, 5, 31), 36, date(2029, 5, 31)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2026, 6, 15), 0, date(2026, 6, 15)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
    ],
)
def test_add_months_clamps_to_the_month_end(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("completed_on", "months", "expires_on"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 1, 10), 12, date(2027, 1, 10)),
        (date(2024, 2, 29), 36, date(2027, 2, 28)),
        (date(2026, 1, 10), None, None),
    ],
)
def test_training_expires_on(completed_on, months, expires_on):
    assert training_expires_on(completed_on, months) == expires_on


@pytest.mark.parametrize("months", [0, -12, 1.5, True, "12"])
def test_impossible_renewal_periods_are_refused(months):
    message = "The renewal period must be a whole number of months, 1 or more, or left blank if it never expires."
    assert renewal_months_problem(months) == message
    with pytest.raises(ValueError) as caught:
        training_expires_on(date(2026, 1, 1), months)
    assert str(caught.value) == message


COMPLETED = date(2025, 3, 15)
EXPIRES = date(2026, 3, 15)  # 12 months on


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (COMPLETED, "in date"),
        (EXPIRES - timedelta(days=31), "in date"),
        (EXPIRES - timedelta(days=30), "expiring"),  # a month's warning
        (EXPIRES - timedelta(days=1), "expiring"),
        (EXPIRES, "expiring"),  # in date to the end of its last day
        (EXPIRES + timedelta(days=1), "expired"),
        (date(2030, 1, 1), "expired"),
    ],
)
def test_training_status_boundaries(today, status):
    assert training_status(today, COMPLETED, 12) == status


def test_training_status_is_a_code_in_every_language():
    from partnerdesk import i18n

    i18n.set_language(i18n.PSEUDO)
    try:
        assert training_status(COMPLETED, COMPLETED, 12) == "in date"
        assert training_status(COMPLETED, COMPLETED, None) == "in date"  # training that never runs out
    finally:
        i18n.set_language("en")


def test_training_never_done_is_missing():
    assert training_status(date(2026, 1, 1), None, 12) == "missing"
    assert training_status(date(2026, 1, 1), None, None) == "missing"


def test_training_that_never_expires_stays_in_date():
    assert training_status(date(2060, 1, 1), date(2020, 1, 1), None) == "in date"


def test_expiry_from_the_31st_of_january():
    # Done 31 January with monthly renewal: runs to 28 February, so 1 March is expired.
    assert training_status(date(2026, 2, 28), date(2026, 1, 31), 1) == "expiring"
    assert training_status(date(2026, 3, 1), date(2026, 1, 31), 1) == "expired"


def test_training_cannot_be_completed_in_the_future():
    assert completed_on_problem(TODAY, TODAY) is None
    assert completed_on_problem(TODAY, TODAY - timedelta(days=400)) is None
    assert completed_on_problem(TODAY, TODAY + timedelta(days=1)) == (
        "The training can't have been completed in the future. Please check the date."
    )
