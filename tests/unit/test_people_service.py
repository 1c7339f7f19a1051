"""Adding, changing, binning and restoring people, and every message a worker can see when details are wrong."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from partnerdesk.rules.dates import today_uk
from partnerdesk.services.common.errors import NotFound, ValidationError
from partnerdesk.services.people.people import (
    TEXT_FIELDS,
    clean_person,
    create_person,
    delete_person,
    get_person,
    people_in_bin,
    person_data,
    restore_person,
    update_person,
)
from tests.builders import add_person, count_rows
from tests.builders import person_data as details

# ------------------------------------------------------------------------------------------------------- creating


def test_a_new_person_is_saved_with_tidied_details(store):
    with store.transaction() as session:
        person_id = create_person(
            session,
            details(
                full_name="  Aled Jones ",
                preferred_name="   ",
                email=" aled@example.org ",
                phone="07700 900123",
                postcode="cf10 1aa",
                roles=["carer_rep", "carer_rep", "coordinator"],
                status=None,
                notes="",
            ),
        ).id
    with store.reader() as session:
        person = get_person(session, person_id)
        assert person.full_name == "Aled Jones"
        assert person.preferred_name is None  # blank is stored as nothing, not as spaces
        assert person.email == "aled@example.org"
        assert person.postcode == "CF10 1AA"
        assert person.status == "interested"  # the default when nothing was picked
        assert person.language == "english"
        assert person.notes is None
        assert person.role_codes == ["carer_rep", "coordinator"]  # the repeat is dropped
        assert person.access_needs == []
        assert not person.in_bin


def test_roles_are_listed_in_the_order_of_the_vocabulary(store):
    person_id = add_person(store, roles=["coordinator", "peer_supporter", "service_user_rep"])
    with store.reader() as session:
        assert get_person(session, person_id).role_codes == ["service_user_rep", "peer_supporter", "coordinator"]


def test_ids_are_random_uuids_made_on_this_computer(store):
    first, second = add_person(store), add_person(store)
    assert first != second
    for person_id in (first, second):
        assert uuid.UUID(person_id).version == 4
        assert str(uuid.UUID(person_id)) == person_id


def test_who_and_when_are_recorded_in_utc_with_the_workers_name(store):
    before = datetime.now(UTC)
    person_id = add_person(store)
    after = datetime.now(UTC)
    with store.reader() as session:
        person = get_person(session, person_id)
        for moment in (person.created_at, person.updated_at):
            assert moment.tzinfo is not None
            assert moment.utcoffset() == timedelta(0)
            assert before <= moment <= after
        assert person.created_by == "tester"  # PARTNERDESK_USER, set in conftest
        assert person.updated_by == "tester"
    with store.engine.connect() as con:
        stored = con.execute(text("SELECT created_at FROM people WHERE id = :id"), {"id": person_id}).scalar_one()
    # The file holds the UTC clock time, whatever the computer's time zone.
    assert datetime.fromisoformat(str(stored)).replace(tzinfo=UTC) == person.created_at


def test_a_person_can_be_saved_with_only_a_name(store):
    with store.transaction() as session:
        person = create_person(session, {"full_name": "Sam"})
    assert person.status == "interested"
    assert count_rows(store, "people") == 1


# ------------------------------------------------------------------------------------------------------- changing


def test_changing_a_person_saves_the_change_and_who_made_it(store, monkeypatch):
    person_id = add_person(store, full_name="Bethan Evans")
    with store.reader() as session:
        original = get_person(session, person_id)
    time.sleep(0.01)
    monkeypatch.setenv("PARTNERDESK_USER", "ffion")
    with store.transaction() as session:
        update_person(session, person_id, details(full_name="Bethan Morgan", postcode="b338th"))
    with store.reader() as session:
        changed = get_person(session, person_id)
        assert changed.full_name == "Bethan Morgan"
        assert changed.postcode == "B33 8TH"
        assert changed.updated_at > original.updated_at
        assert changed.updated_at.utcoffset() == timedelta(0)
        assert changed.created_at == original.created_at
        assert changed.updated_by == "ffion"
        assert changed.created_by == "tester"


def test_roles_are_replaced_not_added_to(store):
    person_id = add_person(store, roles=["service_user_rep", "carer_rep"])
    with store.transaction() as session:
        update_person(session, person_id, details(roles=["carer_rep", "coordinator"]))
    with store.reader() as session:
        assert get_person(session, person_id).role_codes == ["carer_rep", "coordinator"]
    assert count_rows(store, "person_roles") == 2
    with store.transaction() as session:
        update_person(session, person_id, details(roles=[]))
    with store.reader() as session:
        assert get_person(session, person_id).role_codes == []
    assert count_rows(store, "person_roles") == 0


def test_a_person_read_back_into_the_form_saves_unchanged(store):
    person_id = add_person(
        store,
        access_needs=["bsl", "other"],
        access_needs_details="Needs papers a week early",
        consent_given_on=today_uk() - timedelta(days=10),
        consent_how="written",
        consent_review_on=today_uk() + timedelta(days=355),
    )
    with store.reader() as session:
        before = person_data(get_person(session, person_id))
    with store.transaction() as session:
        update_person(session, person_id, before)
    with store.reader() as session:
        assert person_data(get_person(session, person_id)) == before


def test_changing_someone_who_does_not_exist_says_so(store):
    with pytest.raises(NotFound, match="could not be found"), store.transaction() as session:
        update_person(session, str(uuid.uuid4()), details())


# ---------------------------------------------------------------------------------------------- the Bin


def test_deleting_moves_a_person_to_the_bin_and_restoring_brings_them_back(store):
    keep = add_person(store, full_name="Kept")
    gone = add_person(store, full_name="Binned")
    with store.transaction() as session:
        delete_person(session, gone)
    with store.reader() as session:
        assert [p.id for p in people_in_bin(session)] == [gone]
        binned = get_person(session, gone)  # still there, so it can be restored
        assert binned.in_bin
        assert binned.deleted_at.utcoffset() == timedelta(0)
        assert not get_person(session, keep).in_bin
    assert count_rows(store, "people") == 2
    with store.transaction() as session:
        restore_person(session, gone)
    with store.reader() as session:
        assert people_in_bin(session) == []
        assert not get_person(session, gone).in_bin
        assert get_person(session, gone).full_name == "Binned"


def test_the_bin_lists_the_most_recently_deleted_first(store):
    ids = [add_person(store) for _ in range(3)]
    for person_id in (ids[1], ids[0], ids[2]):
        time.sleep(0.002)
        with store.transaction() as session:
            delete_person(session, person_id)
    with store.reader() as session:
        assert [p.id for p in people_in_bin(session)] == [ids[2], ids[0], ids[1]]


def test_asking_for_someone_who_does_not_exist_says_so_plainly(store):
    with store.reader() as session, pytest.raises(NotFound) as caught:
        get_person(session, "no-such-id")
    assert str(caught.value) == "That person could not be found. They may have been erased."


# ------------------------------------------------------------------------------------------------------ checking

_TODAY = today_uk()

INVALID = [
    pytest.param({"full_name": ""}, "full_name", "Please give the person's name.", id="no name"),
    pytest.param({"full_name": "   "}, "full_name", "Please give the person's name.", id="blank name"),
    pytest.param({"full_name": None}, "full_name", "Please give the person's name.", id="name none"),
    pytest.param(
        {"email": "aled.example.org"},
        "email",
        "This doesn't look like an email address. It should look like name@example.org.",
        id="email",
    ),
    pytest.param(
        {"phone": "029 200"},
        "phone",
        "Please give a UK phone number of 10 or 11 digits, starting with 0 (or +44).",
        id="phone short",
    ),
    pytest.param(
        {"phone": "029 CARDIFF"},
        "phone",
        "A phone number can only contain numbers, spaces, brackets, + and -.",
        id="phone letters",
    ),
    pytest.param(
        {"postcode": "QQ1 1AA"},
        "postcode",
        "This isn't a UK postcode. It should look like CF10 1AA or M1 1AE.",
        id="pc",
    ),
    pytest.param({"status": "retired"}, "status", "Please pick one of the choices in the list.", id="status"),
    pytest.param(
        {"preferred_contact": "pigeon"},
        "preferred_contact",
        "Please pick one of the choices in the list.",
        id="contact",
    ),
    pytest.param({"papers_format": "fax"}, "papers_format", "Please pick one of the choices in the list.", id="papers"),
    pytest.param({"language": "klingon"}, "language", "Please pick one of the choices in the list.", id="language"),
    pytest.param(
        {"payment_preference": "cash"}, "payment_preference", "Please pick one of the choices in the list.", id="pay"
    ),
    pytest.param(
        {"consent_given_on": _TODAY, "consent_how": "telepathy"},
        "consent_how",
        "Please pick one of the choices in the list.",
        id="consent how",
    ),
    pytest.param({"roles": ["chair"]}, "roles", "Please pick roles from the list.", id="roles"),
    pytest.param({"access_needs": ["jetpack"]}, "access_needs", "Please pick needs from the list.", id="needs"),
    pytest.param(
        {"papers_format": "other"},
        "papers_format_details",
        "Please say which format they want papers in.",
        id="papers other",
    ),
    pytest.param(
        {"papers_format": "other", "papers_format_details": "   "},
        "papers_format_details",
        "Please say which format they want papers in.",
        id="papers other blank",
    ),
    pytest.param(
        {"access_needs": ["bsl", "other"]},
        "access_needs_details",
        "Please describe the other access or communication needs.",
        id="needs other",
    ),
    pytest.param(
        {"language": "other"}, "language_other", "Please say which language they prefer.", id="language other"
    ),
    pytest.param(
        {"consent_given_on": _TODAY + timedelta(days=1), "consent_how": "written"},
        "consent_given_on",
        "Consent can't be given on a date in the future.",
        id="consent future",
    ),
    pytest.param(
        {"consent_given_on": _TODAY},
        "consent_how",
        "Please say how consent was given.",
        id="consent no how",
    ),
    pytest.param(
        {"consent_given_on": _TODAY, "consent_how": "verbal", "consent_review_on": _TODAY},
        "consent_review_on",
        "The review date must be after the date consent was given.",
        id="review same day",
    ),
    pytest.param(
        {"consent_given_on": _TODAY, "consent_how": "verbal", "consent_review_on": _TODAY - timedelta(days=1)},
        "consent_review_on",
        "The review date must be after the date consent was given.",
        id="review before",
    ),
    pytest.param(
        {"consent_review_on": _TODAY + timedelta(days=30)},
        "consent_given_on",
        "Please give the date consent was given.",
        id="review without consent",
    ),
    pytest.param(
        {"consent_how": "email"},
        "consent_given_on",
        "Please give the date consent was given.",
        id="how without date",
    ),
    pytest.param(
        {"consent_given_on": "23/11/2026", "consent_how": "email"},
        "consent_given_on",
        "Please type a date as day/month/year, for example 23/11/2026.",
        id="date as text",
    ),
    *(
        pytest.param(
            {field: "x" * (longest + 1)},
            field,
            f"This is too long: please keep it to {longest} characters.",
            id=f"too long {field}",
        )
        for field, longest in TEXT_FIELDS.items()
    ),
]


@pytest.mark.parametrize(("overrides", "field", "message"), INVALID)
def test_each_problem_is_explained_against_its_field(overrides, field, message):
    with pytest.raises(ValidationError) as caught:
        clean_person(details(**overrides))
    assert caught.value.messages[field] == message


@pytest.mark.parametrize(("overrides", "field", "message"), INVALID)
def test_nothing_is_saved_when_a_new_persons_details_are_wrong(store, overrides, field, message):
    with pytest.raises(ValidationError), store.transaction() as session:
        create_person(session, details(**overrides))
    # Even when the caller catches the error and carries on, nothing has been put in the session.
    with store.transaction() as session, pytest.raises(ValidationError):
        create_person(session, details(**overrides))
    assert count_rows(store, "people") == 0
    assert count_rows(store, "person_roles") == 0
    assert count_rows(store, "people_search") == 0


@pytest.mark.parametrize(("overrides", "field", "message"), INVALID)
def test_nothing_changes_when_new_details_for_someone_are_wrong(store, overrides, field, message):
    person_id = add_person(store, full_name="Unchanged Person", roles=["carer_rep"])
    with store.reader() as session:
        before = person_data(get_person(session, person_id))
        stamp = get_person(session, person_id).updated_at
    with store.transaction() as session, pytest.raises(ValidationError):
        update_person(session, person_id, details(**{"roles": ["coordinator"], **overrides}))
    with store.reader() as session:
        after = get_person(session, person_id)
        assert person_data(after) == before
        assert after.updated_at == stamp
    assert count_rows(store, "person_roles") == 1


def test_every_problem_is_reported_at_once(store):
    with pytest.raises(ValidationError) as caught:
        clean_person(details(full_name="", email="nope", phone="12", postcode="12345", language="other"))
    assert set(caught.value.messages) == {"full_name", "email", "phone", "postcode", "language_other"}
    # The exception's own text is readable too, for logs and the command line.
    assert "Please give the person's name." in str(caught.value)


@pytest.mark.parametrize(("field", "longest"), [("full_name", 200), ("notes", 20000), ("pronouns", 40)])
def test_text_exactly_at_the_limit_is_accepted(field, longest):
    assert clean_person(details(**{field: "y" * longest}))[field] == "y" * longest


def test_other_choices_with_their_details_are_accepted():
    clean = clean_person(
        details(
            papers_format="other",
            papers_format_details="Audio CD",
            access_needs=["other"],
            access_needs_details="A quiet room",
            language="other",
            language_other="Polish",
        )
    )
    assert clean["papers_format_details"] == "Audio CD"
    assert clean["language_other"] == "Polish"


def test_consent_given_today_with_a_later_review_is_accepted():
    clean = clean_person(
        details(consent_given_on=_TODAY, consent_how="online", consent_review_on=_TODAY + timedelta(days=365))
    )
    assert clean["consent_given_on"] == _TODAY


def test_an_unknown_field_is_a_programming_slip_not_a_users_mistake():
    with pytest.raises(ValueError, match="Unknown person fields"):
        clean_person(details(favourite_colour="green"))
