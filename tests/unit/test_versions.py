"""Stale forms never overwrite newer saves: every record carries a version, checked when a form saves."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from partnerdesk.records.people import Person
from partnerdesk.services.common.errors import EditConflict, check_version
from partnerdesk.services.expenses.claims import claim_data, get_claim, update_claim
from partnerdesk.services.meetings.meetings import get_meeting, meeting_data, update_meeting
from partnerdesk.services.people.people import get_person, person_data, update_person
from partnerdesk.services.wellbeing.checks import check_data, update_check
from partnerdesk.services.wellbeing.supervision import session_data, update_session
from tests.builders import add_check, add_claim, add_meeting, add_person, add_session


def _opened(store, person_id: str) -> tuple[dict, int]:
    """What a person form holds when it opens: the details and the version they were read at."""
    with store.reader() as session:
        person = get_person(session, person_id)
        return person_data(person), person.version


def test_every_save_adds_one_to_the_version(store):
    person_id = add_person(store, full_name="Version One")
    data, version = _opened(store, person_id)
    assert version == 1
    with store.transaction() as session:
        update_person(session, person_id, {**data, "phone": "029 2000 0001"}, version=version)
    assert _opened(store, person_id)[1] == 2


def test_two_forms_saving_the_same_person_the_second_is_told_what_changed(store):
    person_id = add_person(store, full_name="Two Windows", phone="029 2000 0000")
    first, version = _opened(store, person_id)  # two windows open the same person
    second = dict(first)
    with store.transaction() as session:
        update_person(session, person_id, {**first, "phone": "029 2000 0099", "notes": "Newer notes"},
                      version=version)
    with pytest.raises(EditConflict) as caught, store.transaction() as session:
        update_person(session, person_id, {**second, "town": "Cardiff"}, version=version)
    conflict = caught.value
    assert conflict.record_id == person_id
    assert conflict.version == 2
    # Every field where the form and the saved person now differ, with the saved value: the form decides which of
    # them its worker changed (town) and which the other save changed (phone, notes).
    assert conflict.theirs == {"phone": "029 2000 0099", "notes": "Newer notes", "town": None}
    assert "Newer notes" not in str(conflict) and "029 2000 0099" not in str(conflict)  # ids and field names only
    saved, _ = _opened(store, person_id)
    assert (saved["phone"], saved["notes"], saved["town"]) == ("029 2000 0099", "Newer notes", None)  # nothing lost


def test_after_choosing_the_form_saves_against_the_newer_version(store):
    person_id = add_person(store, full_name="Chosen")
    data, version = _opened(store, person_id)
    with store.transaction() as session:
        update_person(session, person_id, {**data, "notes": "Theirs"}, version=version)
    merged = {**data, "notes": "Theirs", "town": "Swansea"}  # took their notes, kept their own town
    with store.transaction() as session:
        update_person(session, person_id, merged, version=2)
    saved, now = _opened(store, person_id)
    assert (saved["notes"], saved["town"], now) == ("Theirs", "Swansea", 3)


def test_a_save_that_agrees_with_the_newer_one_goes_through(store):
    person_id = add_person(store, full_name="Same Change")
    data, version = _opened(store, person_id)
    for _ in range(2):  # both windows made the same change
        with store.transaction() as session:
            update_person(session, person_id, {**data, "town": "Newport"}, version=version)
    assert _opened(store, person_id)[0]["town"] == "Newport"


def test_callers_that_are_not_forms_are_not_checked(store):
    person_id = add_person(store, full_name="Script")
    data, _ = _opened(store, person_id)
    with store.transaction() as session:
        update_person(session, person_id, {**data, "town": "Bangor"})
    with store.transaction() as session:
        update_person(session, person_id, {**data, "town": "Rhyl"})
    assert _opened(store, person_id)[0]["town"] == "Rhyl"


def test_an_update_from_a_stale_copy_is_refused_by_the_database_too(store):
    """Two sessions holding the same person: the ORM's own version check stops the second flush."""
    person_id = add_person(store, full_name="Stale Copy")
    # The second keeps what it read after its read ends, as a long-open form's session would.
    one, two = store.session_factory(), Session(store.engine, expire_on_commit=False)
    try:
        stale = two.get(Person, person_id)
        assert stale.version == 1
        two.commit()
        one.get(Person, person_id).town = "Wrexham"
        one.commit()
        stale.town = "Mold"
        with pytest.raises(StaleDataError):
            two.flush()
    finally:
        one.close()
        two.close()
    assert _opened(store, person_id)[0]["town"] == "Wrexham"


def test_lists_of_choices_differ_only_by_what_is_in_them():
    record = SimpleNamespace(id="r1", version=2, updated_by="colleague", updated_at=None)
    check_version(record, 1, {"roles": ["a", "b"]}, {"roles": ["b", "a"]})  # same choices: no conflict
    with pytest.raises(EditConflict) as caught:
        check_version(record, 1, {"roles": ["a"]}, {"roles": ["a", "b"]})
    assert (caught.value.theirs, caught.value.saved_by) == ({"roles": ["a", "b"]}, "colleague")
    check_version(record, 2, {"roles": ["a"]}, {"roles": ["a", "b"]})  # nobody saved since: the form wins



def test_confidential_notes_are_compared_only_when_the_form_had_them_open(store):
    person_id = add_person(store, full_name="Private Person")
    check_id = add_check(store, person_id, confidential_notes="First notes")
    with store.transaction() as session:
        update_check(session, check_id, {**check_data(session, check_id), "worker_name": "Other",
                                         "confidential_notes": "Newer notes"}, version=1)
    with store.reader() as session:
        form = check_data(session, check_id)  # what a form that never opened the notes sends
    with pytest.raises(EditConflict) as caught, store.transaction() as session:
        update_check(session, check_id, {**form, "worker_name": "Mine"}, version=1)
    assert caught.value.theirs == {"worker_name": "Other"}  # the notes are not shown to a form that hid them
    with pytest.raises(EditConflict) as caught, store.transaction() as session:
        update_check(session, check_id, {**form, "worker_name": "Other", "confidential_notes": "Mine"}, version=1)
    assert caught.value.theirs == {"confidential_notes": "Newer notes"}


def test_meetings_claims_and_sessions_are_checked_too(store):
    meeting_id = add_meeting(store, None)
    claim_id = add_claim(store, add_person(store))
    supervisor, supervisee = add_person(store), add_person(store)
    session_id = add_session(store, supervisor, [supervisee], date(2026, 3, 2))
    with store.transaction() as session:
        update_meeting(session, meeting_id, {**meeting_data(get_meeting(session, meeting_id)), "venue": "New"}, 1)
        update_claim(session, claim_id, {**claim_data(get_claim(session, claim_id)), "programme": "New"}, version=1)
        update_session(session, session_id, {**session_data(session, session_id), "topics_other": "New"}, 1)
    for change in (
        lambda s: update_meeting(s, meeting_id, {**meeting_data(get_meeting(s, meeting_id)), "venue": "Old"}, 1),
        lambda s: update_claim(s, claim_id, {**claim_data(get_claim(s, claim_id)), "programme": "Old"}, version=1),
        lambda s: update_session(s, session_id, {**session_data(s, session_id), "topics_other": "Old"}, 1),
    ):
        with pytest.raises(EditConflict), store.transaction() as session:
            change(session)


def _row_cases(store) -> list[tuple[str, object, object, object]]:
    """(name, first save, stale second save, how to read what is saved) for every kind of row in a list: each save
    function takes (session, version) and the second was read at version 1, before the first saved."""
    from partnerdesk.services.expenses.budgets import get_heading, save_heading
    from partnerdesk.services.expenses.lines import get_line, update_line
    from partnerdesk.services.meetings import attendance
    from partnerdesk.services.meetings.actions import add_action, get_action, update_action
    from partnerdesk.services.wellbeing.supervision import get_pair, update_pair
    from partnerdesk.services.wellbeing.supervision_actions import (
        add_supervision_action,
        get_supervision_action,
        update_supervision_action,
    )
    from partnerdesk.services.wellbeing.training import (
        get_training_record,
        list_courses,
        record_training,
        update_training_record,
    )
    from tests.builders import add_heading, add_invitations, add_line, add_pair

    person, supervisor, reader = add_person(store), add_person(store), add_person(store)
    meeting_id = add_meeting(store, None, day=date(2026, 3, 2))
    add_invitations(store, meeting_id, [person, reader])  # a row each for attendance and for papers
    session_id = add_session(store, supervisor, [person], date(2026, 3, 2))
    claim_id = add_claim(store, person)
    line_id = add_line(store, claim_id, amount="4.50", description="Car park")
    heading_id = add_heading(store)
    pair_id = add_pair(store, supervisor, person)
    with store.transaction() as session:
        action_id = add_action(session, meeting_id, {"description": "Send minutes", "owner_name": "Chair"}).id
        sup_action_id = add_supervision_action(session, session_id, {"description": "Book course",
                                                                     "owner_name": "Sam"}).id
        course_id = list_courses(session)[0].course_id
        record_id = record_training(session, {"person_id": person, "course_id": course_id,
                                              "completed_on": date(2026, 1, 5)}).id

    def action(text):
        return {"description": text, "owner_person_id": None, "owner_name": "Chair", "due_on": None, "done_on": None}

    def line(text):
        return {"category": "parking", "day": date(2026, 5, 1), "amount": "4.50", "description": text}

    def heading(allocation):
        return {"financial_year": 2026, "name": "Engagement", "allocation": allocation}

    def pair(ends):
        return {"supervisor_id": supervisor, "supervisee_id": person, "starts_on": date(2025, 1, 6), "ends_on": ends}

    def record(day):
        return {"person_id": person, "course_id": course_id, "completed_on": day}

    def attendance_of(session):
        return next(i.attendance for i in attendance.invitations(session, meeting_id) if i.person_id == person)

    def papers_of(session):
        return next(i.papers_format for i in attendance.invitations(session, meeting_id) if i.person_id == reader)

    return [
        ("meeting action", lambda s, v: update_action(s, action_id, action("Send the minutes"), v),
         lambda s, v: update_action(s, action_id, action("Send minutes today"), v),
         lambda s: get_action(s, action_id).description),
        ("supervision action", lambda s, v: update_supervision_action(s, sup_action_id, action("Book it"), v),
         lambda s, v: update_supervision_action(s, sup_action_id, action("Book the course"), v),
         lambda s: get_supervision_action(s, sup_action_id).description),
        ("claim line", lambda s, v: update_line(s, line_id, line("Station car park"), version=v),
         lambda s, v: update_line(s, line_id, line("Hospital car park"), version=v),
         lambda s: get_line(s, line_id).description),
        ("budget heading", lambda s, v: save_heading(s, heading("2,000"), heading_id, v),
         lambda s, v: save_heading(s, heading("3,000"), heading_id, v),
         lambda s: get_heading(s, heading_id).allocation_pence),
        ("training record", lambda s, v: update_training_record(s, record_id, record(date(2026, 1, 6)), v),
         lambda s, v: update_training_record(s, record_id, record(date(2026, 1, 7)), v),
         lambda s: get_training_record(s, record_id).completed_on),
        ("supervision pair", lambda s, v: update_pair(s, pair_id, pair(date(2026, 12, 31)), v),
         lambda s, v: update_pair(s, pair_id, pair(date(2026, 6, 30)), v),
         lambda s: get_pair(s, pair_id).ends_on),
        ("attendance", lambda s, v: attendance.record_attendance(s, meeting_id, person, "attended", version=v),
         lambda s, v: attendance.record_attendance(s, meeting_id, person, "apologies", version=v),
         attendance_of),
        ("papers", lambda s, v: attendance.record_papers_sent(s, meeting_id, reader, date(2026, 2, 20), "email",
                                                             version=v),
         lambda s, v: attendance.record_papers_sent(s, meeting_id, reader, date(2026, 2, 20), "post", version=v),
         papers_of),
    ]


def test_rows_in_lists_are_checked_too_and_a_stale_save_changes_nothing(store):
    """Actions, claim lines, budget headings, training records, supervision pairs and attendance: a save read at
    an older version, with different values, is refused and the newer save stays."""
    for name, first, stale, saved in _row_cases(store):
        with store.transaction() as session:
            first(session, 1)
        with store.reader() as session:
            kept = saved(session)
        with pytest.raises(EditConflict), store.transaction() as session:
            stale(session, 1)
        with store.reader() as session:
            assert saved(session) == kept, name
        with store.transaction() as session:  # read again, at the newer version, the same change goes through
            stale(session, 2)
        with store.reader() as session:
            assert saved(session) != kept, name
