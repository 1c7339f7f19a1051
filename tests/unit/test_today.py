"""The Today page: terms of office ending soon and consent reviews due."""

from __future__ import annotations

from datetime import date, timedelta

from partnerdesk.services.people.organisations import delete_committee, remove_membership
from partnerdesk.services.people.people import delete_person
from partnerdesk.services.people.today import ConsentReview, TermEnding, consent_reviews_due, terms_ending
from tests.builders import add_committee, add_membership, add_person

TODAY = date(2031, 6, 15)  # a fixed "today", passed in, so the tests never depend on the calendar


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


def ending(store, today: date = TODAY) -> list[TermEnding]:
    with store.reader() as session:
        return terms_ending(session, today)


def reviews(store, today: date = TODAY) -> list[ConsentReview]:
    with store.reader() as session:
        return consent_reviews_due(session, today)


# ---------------------------------------------------------------------------------------------------- terms ending


def test_terms_ending_in_the_next_sixty_days_are_shown_soonest_first(store):
    committee = add_committee(store, "Mental Health Committee", organisation="City Health Board")
    seats = {}
    for offset in (-1, 0, 30, 60, 61, 400):
        person = add_person(store, full_name=f"Ends {offset:+d}")
        seats[offset] = add_membership(store, person, committee, date(2030, 1, 1), days(offset))
    add_membership(store, add_person(store, full_name="Open Ended"), committee, date(2030, 1, 1), None)

    shown = ending(store)
    assert [t.person_name for t in shown] == ["Ends +0", "Ends +30", "Ends +60"]  # days 0 and 60 in, 61 and past out
    assert [t.term_end for t in shown] == [days(0), days(30), days(60)]
    assert {(t.committee, t.organisation) for t in shown} == {("Mental Health Committee", "City Health Board")}


def test_terms_ending_the_same_day_are_in_name_order(store):
    committee = add_committee(store)
    for name in ("Ceri", "Alun", "Bryn"):
        add_membership(store, add_person(store, full_name=name), committee, date(2030, 1, 1), days(10))
    assert [t.person_name for t in ending(store)] == ["Alun", "Bryn", "Ceri"]


def test_binned_people_seats_and_committees_are_not_shown(store):
    committee = add_committee(store, "Kept Committee")
    binned_committee = add_committee(store, "Binned Committee", organisation="Other Org")
    kept = add_person(store, full_name="Kept")
    binned_person = add_person(store, full_name="Binned Person")
    seat_holder = add_person(store, full_name="Seat Removed")
    on_binned_committee = add_person(store, full_name="On Binned Committee")
    add_membership(store, kept, committee, date(2030, 1, 1), days(5))
    add_membership(store, binned_person, committee, date(2030, 1, 1), days(5))
    removed_seat = add_membership(store, seat_holder, committee, date(2030, 1, 1), days(5))
    add_membership(store, on_binned_committee, binned_committee, date(2030, 1, 1), days(5))
    assert len(ending(store)) == 4
    with store.transaction() as session:
        delete_person(session, binned_person)
        remove_membership(session, removed_seat)
        delete_committee(session, binned_committee)
    assert [t.person_name for t in ending(store)] == ["Kept"]


def test_a_person_with_two_seats_ending_appears_for_each(store):
    first = add_committee(store, "First")
    second = add_committee(store, "Second", organisation="Other Org")
    person = add_person(store, full_name="Two Seats")
    add_membership(store, person, first, date(2030, 1, 1), days(3))
    add_membership(store, person, second, date(2030, 1, 1), days(40))
    assert [(t.committee, t.term_end) for t in ending(store)] == [("First", days(3)), ("Second", days(40))]
    assert {t.person_id for t in ending(store)} == {person}


def test_the_window_moves_with_today(store):
    committee = add_committee(store)
    add_membership(store, add_person(store, full_name="Later"), committee, date(2030, 1, 1), days(90))
    assert ending(store) == []
    assert [t.person_name for t in ending(store, today=days(30))] == ["Later"]
    assert ending(store, today=days(91)) == []


def test_the_list_is_limited(store):
    committee = add_committee(store)
    for n in range(5):
        add_membership(store, add_person(store, full_name=f"P{n}"), committee, date(2030, 1, 1), days(n))
    with store.reader() as session:
        assert [t.person_name for t in terms_ending(session, TODAY, limit=3)] == ["P0", "P1", "P2"]


# ------------------------------------------------------------------------------------------------ consent reviews


def _with_review(store, name: str, review: date | None, status: str = "active") -> str:
    consent = {"consent_given_on": date(2024, 1, 1), "consent_how": "written"} if review else {}
    return add_person(store, full_name=name, status=status, consent_review_on=review, **consent)


def test_consent_reviews_due_include_overdue_ones_most_overdue_first(store):
    _with_review(store, "Overdue Long", days(-200))
    _with_review(store, "Overdue", days(-1))
    _with_review(store, "Due Today", days(0))
    _with_review(store, "Due In Thirty", days(30))
    _with_review(store, "Due In Thirty One", days(31))
    _with_review(store, "Next Year", days(365))
    _with_review(store, "Never Asked", None)
    shown = reviews(store)
    assert [r.person_name for r in shown] == ["Overdue Long", "Overdue", "Due Today", "Due In Thirty"]
    assert [r.review_on for r in shown] == [days(-200), days(-1), days(0), days(30)]


def test_people_who_have_left_or_are_in_the_bin_need_no_consent_review(store):
    _with_review(store, "Still Here", days(-5), status="paused")
    _with_review(store, "Has Left", days(-5), status="left")
    binned = _with_review(store, "In The Bin", days(-5))
    with store.transaction() as session:
        delete_person(session, binned)
    assert [r.person_name for r in reviews(store)] == ["Still Here"]


def test_interested_people_with_a_review_due_are_shown(store):
    person = _with_review(store, "Interested", days(10), status="interested")
    assert reviews(store) == [ConsentReview(person_id=person, person_name="Interested", review_on=days(10))]
