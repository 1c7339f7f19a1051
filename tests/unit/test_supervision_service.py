"""Supervision pairs and sessions, who is due, agreed actions, and training records."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from partnerdesk.services.common.errors import ValidationError
from partnerdesk.services.common.settings import set_setting
from partnerdesk.services.people.people import delete_person
from partnerdesk.services.wellbeing.supervision import list_pairs, list_sessions, session_data, suggest_next_due
from partnerdesk.services.wellbeing.supervision_actions import (
    add_supervision_action,
    mark_supervision_action_done,
    supervision_actions,
)
from partnerdesk.services.wellbeing.supervision_due import supervision_status_list
from partnerdesk.services.wellbeing.training import (
    list_courses,
    person_training,
    record_training,
    save_course,
    training_compliance,
    training_gaps,
)
from tests.builders import add_pair, add_person, add_session, bin_record, count_rows

TODAY = date(2025, 9, 1)


@pytest.fixture
def pair(store):
    coordinator = add_person(store, full_name="Carys Coordinator", roles=["coordinator"])
    worker = add_person(store, full_name="Pat Worker", roles=["peer_support_worker"])
    add_pair(store, coordinator, worker, date(2025, 1, 6))
    return coordinator, worker


def test_nobody_supervises_themselves(store):
    person = add_person(store)
    with pytest.raises(ValidationError) as caught:
        add_pair(store, person, person)
    assert "can't supervise themselves" in caught.value.messages["supervisor_id"]
    assert count_rows(store, "supervision_pairs") == 0


def test_a_one_to_one_suggests_the_next_due_date_from_the_cadence(store, pair):
    coordinator, worker = pair
    session_id = add_session(store, coordinator, [worker], date(2025, 7, 1))
    with store.reader() as session:
        assert session_data(session, session_id)["next_due_on"] == date(2025, 8, 12)  # 6 weeks
        assert suggest_next_due(session, worker, date(2025, 7, 1)) == (date(2025, 7, 29), date(2025, 8, 12))
        [summary] = list_sessions(session, person_id=worker)
        assert summary.supervisee_names == ["Pat Worker"] and summary.supervisor_name == "Carys Coordinator"


def test_the_cadence_setting_changes_the_suggestion(store, pair):
    coordinator, worker = pair
    with store.transaction() as session:
        set_setting(session, "supervision_cadences", {"peer_support_worker": [21, 28]})
    session_id = add_session(store, coordinator, [worker], date(2025, 7, 1))
    with store.reader() as session:
        assert session_data(session, session_id)["next_due_on"] == date(2025, 7, 29)


def test_a_future_session_after_the_next_due_date_is_refused(store, pair):
    coordinator, worker = pair
    today = date.today()
    add_session(store, coordinator, [worker], today - timedelta(days=7))
    with pytest.raises(ValidationError) as caught:
        add_session(store, coordinator, [worker], today + timedelta(days=60))
    assert "after the next due date" in caught.value.messages["held_on"]
    assert count_rows(store, "supervision_sessions") == 1


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"kind": "one_to_one", "supervisee_ids": "two"}, "supervisee_ids", "one person"),
        ({"topics": ["gossip"]}, "topics", "from the list"),
        ({"next_due_on": date(2025, 6, 1)}, "next_due_on", "after this one"),
        ({"supervisee_ids": []}, "supervisee_ids", "who was supervised"),
    ],
)
def test_bad_sessions_are_refused(store, pair, overrides, field, words):
    coordinator, worker = pair
    other = add_person(store)
    supervisees = overrides.pop("supervisee_ids", [worker])
    supervisees = [worker, other] if supervisees == "two" else supervisees
    with pytest.raises(ValidationError) as caught:
        add_session(store, coordinator, supervisees, date(2025, 7, 1), **overrides)
    assert words in caught.value.messages[field]
    assert count_rows(store, "supervision_sessions") == 0


def test_the_supervisor_is_not_one_of_the_supervisees(store, pair):
    coordinator, worker = pair
    with pytest.raises(ValidationError, match="can't supervise themselves"):
        add_session(store, coordinator, [worker, coordinator], date(2025, 7, 1))


def test_who_is_due_and_overdue(store, pair):
    coordinator, worker = pair
    late = add_person(store, full_name="Lee Late", roles=["peer_support_worker"])
    soon = add_person(store, full_name="Sam Soon", roles=["peer_support_worker"])
    fine = add_person(store, full_name="Fi Fine", roles=["peer_support_worker"])
    for person in (late, soon, fine):
        add_pair(store, coordinator, person, date(2025, 1, 6))
    add_session(store, coordinator, [late], date(2025, 6, 2))  # due 14/07: overdue
    add_session(store, coordinator, [soon], date(2025, 7, 24))  # due 04/09: within a week
    add_session(store, coordinator, [fine], date(2025, 8, 20))  # due 01/10
    add_session(store, coordinator, [worker, fine], date(2025, 8, 28))  # group: does not stand in for a 1:1
    with store.reader() as session:
        found = {item.supervisee_name: (item.status, item.due_on) for item in supervision_status_list(session, TODAY)}
    assert found == {
        "Pat Worker": ("overdue", date(2025, 2, 17)),  # no 1:1 since the pair began
        "Lee Late": ("overdue", date(2025, 7, 14)),
        "Sam Soon": ("due", date(2025, 9, 4)),
        "Fi Fine": ("not due", date(2025, 10, 1)),
    }


def test_ended_pairs_are_not_due(store, pair):
    coordinator, worker = pair
    with store.reader() as session:
        [running] = list_pairs(session, active_on=TODAY)
    from partnerdesk.services.wellbeing.supervision import update_pair

    with store.transaction() as session:
        update_pair(session, running.pair_id, {"supervisor_id": coordinator, "supervisee_id": worker,
                                               "starts_on": date(2025, 1, 6), "ends_on": date(2025, 8, 1)})  # fmt: skip
    with store.reader() as session:
        assert supervision_status_list(session, TODAY) == []


def test_actions_agreed_in_supervision(store, pair):
    coordinator, worker = pair
    session_id = add_session(store, coordinator, [worker], date(2025, 7, 1))
    with store.transaction() as session:
        action = add_supervision_action(
            session,
            session_id,
            {"description": "Book the safeguarding course", "owner_person_id": worker, "due_on": date(2025, 8, 1)},
        )
        mark_supervision_action_done(session, action.id, date(2025, 7, 20))
    with store.reader() as session:
        [view] = supervision_actions(session, session_id)
    assert (view.owner, view.done_on) == ("Pat Worker", date(2025, 7, 20))
    with pytest.raises(ValidationError, match="what the action is"), store.transaction() as session:
        add_supervision_action(session, session_id, {"description": " ", "owner_name": "Me"})


def test_training_expiry_missing_and_compliance(store, pair):
    _, worker = pair
    with store.reader() as session:
        courses = {course.name: course.course_id for course in list_courses(session)}
    assert len(courses) == 6 and "Safeguarding Adults" in courses
    with store.transaction() as session:
        gdpr = record_training(session, {"person_id": worker, "course_id": courses["GDPR"],
                                         "completed_on": date(2024, 9, 20)})  # fmt: skip
        record_training(session, {"person_id": worker, "course_id": courses["Peer Support training"],
                                  "completed_on": date(2020, 1, 1)})  # fmt: skip
    assert gdpr.expires_on == date(2025, 9, 20)
    with store.reader() as session:
        mine = {item.course_name: item.status for item in person_training(session, worker, TODAY)}
        gaps = {(item.person_name, item.course_name): item.status for item in training_gaps(session, TODAY)}
        compliance = {name: (expected, in_date) for name, expected, in_date in training_compliance(session, TODAY)}
    assert mine["GDPR"] == "expiring" and mine["Peer Support training"] == "in date"
    assert mine["Safeguarding Adults"] == "missing"
    assert ("Pat Worker", "GDPR") in gaps and ("Pat Worker", "Peer Support training") not in gaps
    assert ("Carys Coordinator", "GDPR") not in gaps  # coordinators are not in the training roles by default
    assert compliance["GDPR"] == (1, 1) and compliance["Safeguarding Adults"] == (1, 0)
    with store.transaction() as session:
        save_course(session, courses["GDPR"], "GDPR", 24)  # the organisation renews every two years instead
    with store.reader() as session:
        expiry = {item.course_name: item.expires_on for item in person_training(session, worker, TODAY)}
    assert expiry["GDPR"] == date(2026, 9, 20)


def test_training_compliance_counts_only_people_expected_to_train(store, pair):
    coordinator, worker = pair
    left = add_person(store, full_name="Lee Left", roles=["peer_supporter"], status="left")
    binned = add_person(store, full_name="Bea Binned", roles=["peer_supporter"])
    both = add_person(store, full_name="Bo Both", roles=["peer_supporter", "peer_support_worker"])
    with store.reader() as session:
        gdpr = {course.name: course.course_id for course in list_courses(session)}["GDPR"]
    with store.transaction() as session:
        for person in (coordinator, worker, left, binned, both):
            record_training(session, {"person_id": person, "course_id": gdpr, "completed_on": date(2025, 3, 1)})
        # An older completion as well: each person's latest counts, once.
        record_training(session, {"person_id": both, "course_id": gdpr, "completed_on": date(2023, 3, 1)})
    bin_record(store, delete_person, binned)
    with store.reader() as session:
        compliance = {name: counts for name, *counts in training_compliance(session, TODAY)}
    # The worker and Bo (two training roles, counted once); not the coordinator (no training role), Lee (left) or
    # Bea (in the Bin), whose completions are on record all the same.
    assert compliance["GDPR"] == [2, 2]
    assert compliance["Safeguarding Adults"] == [2, 0]


def test_training_cannot_be_completed_in_the_future(store, pair):
    _, worker = pair
    with store.reader() as session:
        course = list_courses(session)[0].course_id
    with pytest.raises(ValidationError, match="in the future"), store.transaction() as session:
        record_training(session, {"person_id": worker, "course_id": course,
                                  "completed_on": date.today() + timedelta(days=3)})  # fmt: skip
    assert count_rows(store, "training_records") == 0


def test_changing_a_session_without_its_notes_keeps_them(store, pair):
    from partnerdesk.services.wellbeing.confidential import read_confidential_notes
    from partnerdesk.services.wellbeing.supervision import update_session

    coordinator, worker = pair
    session_id = add_session(store, coordinator, [worker], date(2025, 7, 1), notes="Only for us")
    with store.transaction() as session:
        data = session_data(session, session_id)
        assert "notes" not in data
        update_session(session, session_id, {**data, "topics": ["development"]})
    with store.reader() as session:
        assert read_confidential_notes(session, "supervision_session", session_id) == {"notes": "Only for us"}
        assert session_data(session, session_id)["topics"] == ["development"]
