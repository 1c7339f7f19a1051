"""Organisations, the committees they run, and people's seats on those committees."""

from __future__ import annotations

import time
import uuid
from datetime import date

import pytest

from partnerdesk.records.people import Committee, Membership, Organisation
from partnerdesk.services.common.errors import NotFound, ValidationError
from partnerdesk.services.people.organisations import (
    delete_committee,
    delete_organisation,
    list_committees,
    list_organisations,
    person_memberships,
    remove_membership,
    save_committee,
    save_membership,
    save_organisation,
)
from tests.builders import add_committee, add_membership, add_person, count_rows

# -------------------------------------------------------------------------------------------------- organisations


def test_an_organisation_is_saved_tidied_and_listed_by_name(store):
    with store.transaction() as session:
        save_organisation(session, "  Valleys Mind ", "vcs", notes="   ")
        save_organisation(session, "Cardiff Council", "council", notes=" Social services ")
        save_organisation(session, "Aneurin Bevan UHB", "nhs")
    with store.reader() as session:
        listed = list_organisations(session)
        assert [o.name for o in listed] == ["Aneurin Bevan UHB", "Cardiff Council", "Valleys Mind"]
        assert [o.kind for o in listed] == ["nhs", "council", "vcs"]
        assert listed[1].notes == "Social services"
        assert listed[2].notes is None
        assert listed[0].created_by == "tester"
        assert uuid.UUID(listed[0].id).version == 4


@pytest.mark.parametrize(
    ("name", "kind", "field", "message"),
    [
        ("", "vcs", "name", "Please give the organisation's name."),
        ("   ", "vcs", "name", "Please give the organisation's name."),
        (None, "vcs", "name", "Please give the organisation's name."),
        ("x" * 201, "vcs", "name", "This is too long: please keep it to 200 characters."),
        ("Valleys Mind", "charity", "kind", "Please pick what kind of organisation this is."),
        ("Valleys Mind", "", "kind", "Please pick what kind of organisation this is."),
    ],
)
def test_an_organisation_with_wrong_details_is_explained_and_not_saved(store, name, kind, field, message):
    with pytest.raises(ValidationError) as caught, store.transaction() as session:
        save_organisation(session, name, kind)
    assert caught.value.messages == {field: message}
    assert count_rows(store, "organisations") == 0


def test_an_organisation_can_be_renamed(store):
    with store.transaction() as session:
        org = save_organisation(session, "Old Name", "vcs")
    time.sleep(0.002)
    with store.transaction() as session:
        save_organisation(session, "New Name", "nhs", organisation_id=org.id)
    with store.reader() as session:
        changed = session.get(Organisation, org.id)
        assert (changed.name, changed.kind) == ("New Name", "nhs")
        assert changed.updated_at > org.updated_at
    assert count_rows(store, "organisations") == 1


def test_changing_an_organisation_that_does_not_exist_says_so(store):
    with pytest.raises(NotFound, match="That organisation could not be found."), store.transaction() as session:
        save_organisation(session, "Ghost", "vcs", organisation_id=str(uuid.uuid4()))
    assert count_rows(store, "organisations") == 0


def test_an_organisation_that_still_runs_committees_cannot_be_deleted(store):
    committee_id = add_committee(store, "Mental Health Committee", organisation="City Health Board")
    with store.reader() as session:
        org_id = session.get(Committee, committee_id).organisation_id
        before = session.get(Organisation, org_id)
    with pytest.raises(ValidationError) as caught, store.transaction() as session:
        delete_organisation(session, org_id)
    assert caught.value.messages == {"": "City Health Board still runs committees. Delete or move those first."}
    with store.reader() as session:
        after = session.get(Organisation, org_id)
        assert after.deleted_at is None
        assert after.updated_at == before.updated_at
        assert session.get(Committee, committee_id).deleted_at is None
        assert [o.name for o in list_organisations(session)] == ["City Health Board"]


def test_an_organisation_can_be_deleted_once_its_committees_are(store):
    committee_id = add_committee(store, organisation="City Health Board")
    with store.transaction() as session:
        org_id = session.get(Committee, committee_id).organisation_id
        delete_committee(session, committee_id)
    with store.transaction() as session:
        delete_organisation(session, org_id)
    with store.reader() as session:
        assert list_organisations(session) == []
        assert session.get(Organisation, org_id).in_bin  # in the Bin, not erased
    assert count_rows(store, "organisations") == 1


def test_deleting_an_organisation_that_does_not_exist_says_so(store):
    with pytest.raises(NotFound), store.transaction() as session:
        delete_organisation(session, str(uuid.uuid4()))


# ----------------------------------------------------------------------------------------------------- committees


def test_committees_are_listed_by_organisation_then_name(store):
    with store.transaction() as session:
        zeta = save_organisation(session, "Zeta Council", "council")
        alpha = save_organisation(session, "Alpha Health Board", "nhs")
        save_committee(session, zeta.id, "Adult Services Board")
        save_committee(session, alpha.id, "Quality Committee")
        save_committee(session, alpha.id, "Carers Group", notes="  Meets monthly ")
    with store.reader() as session:
        listed = list_committees(session)
        assert [(c.organisation.name, c.name) for c in listed] == [
            ("Alpha Health Board", "Carers Group"),
            ("Alpha Health Board", "Quality Committee"),
            ("Zeta Council", "Adult Services Board"),
        ]
        assert listed[0].notes == "Meets monthly"


def test_deleted_committees_leave_the_list(store):
    keep = add_committee(store, "Kept Committee")
    gone = add_committee(store, "Gone Committee", organisation="Other Org")
    with store.transaction() as session:
        delete_committee(session, gone)
    with store.reader() as session:
        assert [c.id for c in list_committees(session)] == [keep]
        assert session.get(Committee, gone).in_bin


@pytest.mark.parametrize(
    ("name", "field", "message"),
    [
        ("", "name", "Please give the committee's name."),
        ("y" * 201, "name", "This is too long: please keep it to 200 characters."),
    ],
)
def test_a_committee_needs_a_sensible_name(store, name, field, message):
    with store.transaction() as session:
        org_id = save_organisation(session, "Org", "vcs").id
    with pytest.raises(ValidationError) as caught, store.transaction() as session:
        save_committee(session, org_id, name)
    assert caught.value.messages == {field: message}
    assert count_rows(store, "committees") == 0


def test_a_committee_needs_an_organisation_that_is_not_in_the_bin(store):
    with store.transaction() as session:
        binned = save_organisation(session, "Binned Org", "vcs")
    with store.transaction() as session:
        delete_organisation(session, binned.id)
    for org_id in ("", str(uuid.uuid4()), binned.id):
        with pytest.raises(ValidationError) as caught, store.transaction() as session:
            save_committee(session, org_id, "Committee")
        assert caught.value.messages == {"organisation_id": "Please pick the organisation that runs this committee."}
    assert count_rows(store, "committees") == 0


def test_a_committee_can_be_renamed_and_moved(store):
    committee_id = add_committee(store, "Old Committee", organisation="First Org")
    with store.transaction() as session:
        second = save_organisation(session, "Second Org", "council")
        save_committee(session, second.id, "New Committee", committee_id=committee_id)
    with store.reader() as session:
        committee = session.get(Committee, committee_id)
        assert (committee.name, committee.organisation.name) == ("New Committee", "Second Org")
    assert count_rows(store, "committees") == 1


def test_changing_or_deleting_a_committee_that_does_not_exist_says_so(store):
    with store.transaction() as session:
        org_id = save_organisation(session, "Org", "vcs").id
    with pytest.raises(NotFound, match="That committee could not be found."), store.transaction() as session:
        save_committee(session, org_id, "Committee", committee_id=str(uuid.uuid4()))
    with pytest.raises(NotFound), store.transaction() as session:
        delete_committee(session, str(uuid.uuid4()))
    assert count_rows(store, "committees") == 0


# ---------------------------------------------------------------------------------------------------- memberships


def test_a_person_gets_a_seat_for_a_term_of_office(store):
    person_id = add_person(store)
    committee_id = add_committee(store)
    seat_id = add_membership(store, person_id, committee_id, date(2026, 1, 1), date(2028, 12, 31), backup=True)
    with store.reader() as session:
        seat = session.get(Membership, seat_id)
        assert (seat.person_id, seat.committee_id) == (person_id, committee_id)
        assert (seat.term_start, seat.term_end, seat.is_backup) == (date(2026, 1, 1), date(2028, 12, 31), True)
        assert seat.committee.name == "Mental Health Committee"


def test_a_term_can_be_open_ended_or_a_single_day(store):
    person_id, committee_id = add_person(store), add_committee(store)
    add_membership(store, person_id, committee_id, date(2026, 1, 1), None)
    add_membership(store, person_id, committee_id, date(2026, 5, 5), date(2026, 5, 5))
    assert count_rows(store, "memberships") == 2


def test_a_term_cannot_end_before_it_starts(store):
    person_id, committee_id = add_person(store), add_committee(store)
    with pytest.raises(ValidationError) as caught, store.transaction() as session:
        save_membership(session, person_id, committee_id, date(2026, 6, 1), date(2026, 5, 31))
    assert caught.value.messages == {"term_end": "The term of office can't end before it starts."}
    assert count_rows(store, "memberships") == 0


def test_a_term_needs_a_start(store):
    person_id, committee_id = add_person(store), add_committee(store)
    with pytest.raises(ValidationError) as caught, store.transaction() as session:
        save_membership(session, person_id, committee_id, None, date(2026, 5, 31))
    assert caught.value.messages == {"term_start": "Please give the date the term of office starts."}
    assert count_rows(store, "memberships") == 0


def test_a_seat_needs_a_committee_that_is_not_in_the_bin(store):
    person_id, committee_id = add_person(store), add_committee(store)
    with store.transaction() as session:
        delete_committee(session, committee_id)
    for target in ("", str(uuid.uuid4()), committee_id):
        with pytest.raises(ValidationError) as caught, store.transaction() as session:
            save_membership(session, person_id, target, date(2026, 1, 1))
        assert caught.value.messages == {"committee_id": "Please pick a committee."}
    assert count_rows(store, "memberships") == 0


def test_a_seat_for_someone_who_does_not_exist_says_so(store):
    committee_id = add_committee(store)
    with pytest.raises(NotFound, match="That person could not be found"), store.transaction() as session:
        save_membership(session, str(uuid.uuid4()), committee_id, date(2026, 1, 1))
    assert count_rows(store, "memberships") == 0


def test_a_seat_can_be_changed(store):
    person_id = add_person(store)
    first, second = add_committee(store, "First"), add_committee(store, "Second", organisation="Other")
    seat_id = add_membership(store, person_id, first, date(2026, 1, 1))
    with store.transaction() as session:
        save_membership(session, person_id, second, date(2026, 2, 1), date(2027, 1, 31), True, membership_id=seat_id)
    with store.reader() as session:
        seat = session.get(Membership, seat_id)
        assert (seat.committee_id, seat.term_start, seat.term_end, seat.is_backup) == (
            second,
            date(2026, 2, 1),
            date(2027, 1, 31),
            True,
        )
    assert count_rows(store, "memberships") == 1


def test_changing_a_seat_to_end_before_it_starts_changes_nothing(store):
    person_id, committee_id = add_person(store), add_committee(store)
    seat_id = add_membership(store, person_id, committee_id, date(2026, 1, 1), date(2027, 1, 1))
    with pytest.raises(ValidationError), store.transaction() as session:
        save_membership(session, person_id, committee_id, date(2026, 1, 1), date(2025, 1, 1), membership_id=seat_id)
    with store.reader() as session:
        assert session.get(Membership, seat_id).term_end == date(2027, 1, 1)


def test_a_persons_seats_are_listed_newest_first_without_removed_ones(store):
    person_id = add_person(store)
    someone_else = add_person(store)
    committee_id = add_committee(store)
    old = add_membership(store, person_id, committee_id, date(2018, 1, 1), date(2020, 1, 1))
    new = add_membership(store, person_id, committee_id, date(2024, 1, 1))
    middle = add_membership(store, person_id, committee_id, date(2021, 1, 1), date(2023, 1, 1))
    removed = add_membership(store, person_id, committee_id, date(2025, 1, 1))
    add_membership(store, someone_else, committee_id, date(2026, 1, 1))
    with store.transaction() as session:
        remove_membership(session, removed)
    with store.reader() as session:
        assert [m.id for m in person_memberships(session, person_id)] == [new, middle, old]
        assert session.get(Membership, removed).in_bin


def test_removing_a_seat_that_does_not_exist_says_so(store):
    with pytest.raises(NotFound, match="That seat could not be found."), store.transaction() as session:
        remove_membership(session, str(uuid.uuid4()))
