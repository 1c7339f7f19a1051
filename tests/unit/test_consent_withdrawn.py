"""Consent withdrawn: the day is kept, invitations leave the person out, Today stops asking for their consent
review, and the audit log records it; consent given again later ends it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from partnerdesk.rules.dates import today_uk
from partnerdesk.services.common import audit
from partnerdesk.services.common.errors import ValidationError
from partnerdesk.services.meetings.attendance import invitations, invite
from partnerdesk.services.people.consent import withdraw_consent, withdrew
from partnerdesk.services.people.people import get_person, person_data, update_person
from partnerdesk.services.people.today import consent_reviews_due
from tests.builders import add_committee, add_meeting, add_membership, add_person, new_store


@pytest.fixture
def store(tmp_path):
    store = new_store(tmp_path)
    yield store
    store.close()


def test_withdrawing_keeps_the_day_and_is_audited(store):
    person = add_person(store)
    with store.transaction() as session:
        withdraw_consent(session, person, date(2026, 3, 1))
    with store.reader() as session:
        assert get_person(session, person).consent_withdrawn_on == date(2026, 3, 1)
        (entry,) = audit.list_entries(session, audit.AuditFilter(kind="consent_withdrawn"))
    assert entry["object_id"] == person


def test_a_day_still_to_come_is_refused(store):
    person = add_person(store)
    with pytest.raises(ValidationError) as refused, store.transaction() as session:
        withdraw_consent(session, person, today_uk() + timedelta(days=1))
    assert "not come yet" in refused.value.messages["consent_withdrawn_on"]


def test_invitations_leave_them_out_and_say_so_when_picked(store):
    committee = add_committee(store)
    staying, leaving = add_person(store), add_person(store)
    for person in (staying, leaving):
        add_membership(store, person, committee, date(2025, 1, 1))
    meeting = add_meeting(store, committee)
    with store.transaction() as session:
        withdraw_consent(session, leaving)

    with store.transaction() as session:
        invite(session, meeting)  # everyone with a seat
        assert [row.person_id for row in invitations(session, meeting)] == [staying]
    with pytest.raises(ValidationError) as refused, store.transaction() as session:
        invite(session, meeting, [leaving])
    assert "withdrawn their consent" in refused.value.messages["person_ids"]


def test_today_stops_asking_for_their_consent_review_until_consent_is_given_again(store):
    today = date(2026, 6, 1)
    person = add_person(store, consent_given_on=date(2024, 1, 1), consent_how="written",
                        consent_review_on=date(2026, 5, 1))
    with store.reader() as session:
        assert [review.person_id for review in consent_reviews_due(session, today)] == [person]
    with store.transaction() as session:
        withdraw_consent(session, person, date(2026, 2, 1))
    with store.reader() as session:
        assert consent_reviews_due(session, today) == []

    with store.transaction() as session:  # they came back and gave consent again
        data = person_data(get_person(session, person))
        update_person(session, person, {**data, "consent_given_on": date(2026, 4, 1)})
    with store.reader() as session:
        assert withdrew(session, [person]) == set()
        assert [review.person_id for review in consent_reviews_due(session, today)] == [person]
