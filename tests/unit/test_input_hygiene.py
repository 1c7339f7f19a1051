"""Text that can't be saved is refused by the field in every area, through the one shared tidying step (issue 17)."""

from __future__ import annotations

import pytest

from partnerdesk.rules.text_checks import BIDI_MESSAGE, BROKEN_MESSAGE, CONTROL_MESSAGE, NOTE_CONTROL_MESSAGE
from partnerdesk.services.common.errors import ValidationError
from partnerdesk.services.meetings.meetings import create_meeting, get_meeting
from partnerdesk.services.people.organisations import save_committee, save_organisation
from partnerdesk.services.people.people import clean_person, create_person, get_person
from partnerdesk.services.wellbeing.checks import create_check
from partnerdesk.services.wellbeing.training import save_course
from tests.builders import add_claim, add_person, check_data, count_rows, meeting_data, person_data


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("full_name", "Sam\x00Jones", CONTROL_MESSAGE),
        ("full_name", "Sam\x1b[2JJones", CONTROL_MESSAGE),
        ("full_name", "Sam \u202eSenoj", BIDI_MESSAGE),
        ("full_name", "Sam \ud800Jones", BROKEN_MESSAGE),
        ("preferred_name", "Sam\nJ", CONTROL_MESSAGE),
        ("email", "sam\x00@example.org", CONTROL_MESSAGE),
        ("email", "sam@exa\u2066mple.org", BIDI_MESSAGE),
        ("phone", "029 2000\t0000", CONTROL_MESSAGE),
        ("notes", "Prefers\x07 mornings", NOTE_CONTROL_MESSAGE),
        ("notes", "Prefers \udc80 mornings", BROKEN_MESSAGE),
    ],
)
def test_a_person_with_hidden_characters_is_refused_by_the_field_and_not_saved(store, field, value, message):
    with pytest.raises(ValidationError) as caught, store.transaction() as session:
        create_person(session, person_data(**{field: value}))
    assert caught.value.messages[field] == message
    assert value.strip() not in str(caught.value)  # the message is about the text, never the text itself
    assert count_rows(store, "people") == 0


def test_the_hidden_character_message_comes_with_the_persons_other_problems():
    with pytest.raises(ValidationError) as caught:
        clean_person(person_data(full_name="Sam\x00", postcode="12345"))
    assert caught.value.messages == {
        "full_name": CONTROL_MESSAGE,
        "postcode": "This isn't a UK postcode. It should look like CF10 1AA or M1 1AE.",
    }


def test_notes_keep_their_tabs_and_line_breaks(store):
    notes = "First line\r\nSecond line\n\tIndented"
    person_id = add_person(store, notes=notes, interests="Boards\nPanels")
    with store.reader() as session:
        assert get_person(session, person_id).notes == notes


def test_a_meeting_title_with_a_direction_override_is_refused_but_notes_keep_their_lines(store):
    with pytest.raises(ValidationError) as caught, store.transaction() as session:
        create_meeting(session, meeting_data(title="Board \u202egniteem", notes="ok"))
    assert caught.value.messages == {"title": BIDI_MESSAGE}
    with store.transaction() as session:
        meeting_id = create_meeting(session, meeting_data(notes="Agenda:\n1. Minutes", venue="Room 2")).id
    with store.reader() as session:
        assert get_meeting(session, meeting_id).notes == "Agenda:\n1. Minutes"


def test_a_broken_character_in_confidential_notes_is_a_message_not_a_crash(store):
    person_id = add_person(store)
    with pytest.raises(ValidationError) as caught, store.transaction() as session:
        create_check(session, check_data(person_id, confidential_notes="Spoke about \ud83d", worker_name="W\x00"))
    assert caught.value.messages == {"confidential_notes": BROKEN_MESSAGE, "worker_name": CONTROL_MESSAGE}
    assert count_rows(store, "wellbeing_checks") == 0


def test_a_claim_line_with_a_control_character_is_refused(store):
    from partnerdesk.services.expenses.lines import add_line

    claim_id = add_claim(store, add_person(store))
    with pytest.raises(ValidationError) as caught, store.transaction() as session:
        add_line(session, claim_id, {"category": "parking", "amount": "4.50", "description": "Car park\x00"})
    assert caught.value.messages == {"description": CONTROL_MESSAGE}


@pytest.mark.parametrize(
    ("save", "field", "message"),
    [
        (lambda s, bad: save_organisation(s, f"{bad}\x00", "nhs"), "name", CONTROL_MESSAGE),
        (lambda s, bad: save_organisation(s, f"City \u202e{bad}", "nhs"), "name", BIDI_MESSAGE),
        (lambda s, bad: save_organisation(s, "City Health Board", "nhs", notes=f"{bad}\x07"), "notes",
         NOTE_CONTROL_MESSAGE),
        (lambda s, bad: save_committee(s, _organisation(s), f"{bad}\ud800"), "name", BROKEN_MESSAGE),
        (lambda s, bad: save_committee(s, _organisation(s), "Board", notes=f"\udc80{bad}"), "notes", BROKEN_MESSAGE),
        (lambda s, bad: save_course(s, None, f"{bad}\x1b[2J", 12), "name", CONTROL_MESSAGE),
    ],
)
def test_organisation_committee_and_course_names_with_hidden_characters_are_refused(store, save, field, message):
    courses = count_rows(store, "training_courses")  # the mandatory ones come with a new database
    with pytest.raises(ValidationError) as caught, store.transaction() as session:
        save(session, "Safe Words")
    assert caught.value.messages[field] == message
    assert "Safe" not in str(caught.value)
    assert count_rows(store, "organisations") == 0 and count_rows(store, "training_courses") == courses


def _organisation(session) -> str:
    return save_organisation(session, "City Health Board", "nhs").id


def test_reasons_and_references_with_hidden_characters_are_refused(store):
    from partnerdesk.services.meetings.meetings import cancel_meeting

    meeting_id = create_meeting_in(store)
    with pytest.raises(ValidationError) as caught, store.transaction() as session:
        cancel_meeting(session, meeting_id, "Room \u202eflooded")
    assert caught.value.messages == {"cancel_reason": BIDI_MESSAGE}


def create_meeting_in(store) -> str:
    with store.transaction() as session:
        return create_meeting(session, meeting_data()).id
