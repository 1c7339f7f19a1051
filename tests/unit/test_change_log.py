"""Which tables a transaction changed: what the window uses to refresh only the pages that show them."""

from __future__ import annotations

from sqlalchemy import insert

from partnerdesk.records import tables
from partnerdesk.services.common.drafts import save_draft
from partnerdesk.services.meetings.meetings import create_meeting
from partnerdesk.services.people.people import get_person
from partnerdesk.store.changes import ChangeLog
from tests.builders import add_meeting, add_person, meeting_data


def test_a_changed_person_is_a_change_to_people_only(store):
    person = add_person(store)
    with store.transaction() as session:
        log = ChangeLog(session)
        get_person(session, person).notes = "Prefers a phone call"
    assert log.worth_telling() == {"people"}


def test_new_records_count_and_reading_does_not(store):
    person = add_person(store)
    with store.transaction() as session:
        log = ChangeLog(session)
        get_person(session, person)
    assert log.worth_telling() == frozenset()
    with store.transaction() as session:
        log = ChangeLog(session)
        create_meeting(session, meeting_data())
    assert log.worth_telling() == {"meetings"}


def test_statements_run_through_the_session_count_too(store):
    with store.transaction() as session:
        log = ChangeLog(session)
        session.execute(insert(tables.settings), [{"key": "test.key", "value": "1"}])
    assert log.worth_telling() == {"settings"}


def test_saving_a_draft_tells_nobody(store):
    meeting = add_meeting(store)
    with store.transaction() as session:
        log = ChangeLog(session)
        save_draft(session, "meeting", meeting, "A meeting", {"title": "Draft title"})
    assert log.tables == {"form_drafts"}
    assert log.worth_telling() == frozenset()
