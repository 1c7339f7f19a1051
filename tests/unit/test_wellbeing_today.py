"""The Today page's wellbeing items, and the confidentiality rule: lists and summaries never carry notes."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, date, datetime

import pytest

from partnerdesk.services.meetings.attendance import record_attendances
from partnerdesk.services.wellbeing.confidential import CONFIDENTIAL_FIELDS, NotAllowed, read_confidential_notes
from partnerdesk.services.wellbeing.history import wellbeing_history
from partnerdesk.services.wellbeing.listing import list_checks
from partnerdesk.services.wellbeing.supervision import list_sessions
from partnerdesk.services.wellbeing.today import wellbeing_today
from partnerdesk.services.wellbeing.training import list_courses, record_training
from tests.builders import add_check, add_invitations, add_meeting, add_pair, add_person, add_session
from tests.marker_check import MARKER  # the suite-wide confidential marker (tests/conftest.py)

TODAY = date(2025, 9, 1)


def test_follow_ups_due_and_overdue_are_on_today_until_done(store):
    person = add_person(store, full_name="Owen Overdue")
    add_check(store, person, at=datetime(2025, 8, 22, 14, tzinfo=UTC), distress=True)  # due 26/08: overdue
    add_check(store, person, at=datetime(2025, 8, 29, 14, tzinfo=UTC), follow_up_needed=True,
              follow_up_due_on=TODAY)  # fmt: skip
    add_check(store, person, at=datetime(2025, 8, 29, 15, tzinfo=UTC), follow_up_needed=True,
              follow_up_due_on=date(2025, 9, 5))  # not yet due  # fmt: skip
    done = add_check(store, person, at=datetime(2025, 8, 20, 14, tzinfo=UTC), distress=True,
                     follow_up_done_on=date(2025, 8, 21))  # fmt: skip
    with store.reader() as session:
        items = wellbeing_today(session, TODAY).follow_ups
    assert [(item.follow_up_due_on, item.follow_up_status) for item in items] == [
        (date(2025, 8, 26), "overdue"), (TODAY, "due")
    ]  # fmt: skip
    assert done not in {item.check_id for item in items}


def test_supervision_due_within_a_week_or_overdue(store):
    coordinator = add_person(store, roles=["coordinator"])
    late, soon, fine = (add_person(store, full_name=n, roles=["peer_support_worker"]) for n in ("Late", "Soon", "Fine"))
    for person in (late, soon, fine):
        add_pair(store, coordinator, person)
    add_session(store, coordinator, [late], date(2025, 6, 2))
    add_session(store, coordinator, [soon], date(2025, 7, 24))
    add_session(store, coordinator, [fine], date(2025, 8, 25))
    with store.reader() as session:
        items = wellbeing_today(session, TODAY).supervision
    assert [(item.supervisee_name, item.status) for item in items] == [("Late", "overdue"), ("Soon", "due")]


def test_training_expiring_within_30_days(store):
    worker = add_person(store, full_name="Tia Trained", roles=["peer_support_worker"])
    with store.reader() as session:
        courses = {course.name: course.course_id for course in list_courses(session)}
    with store.transaction() as session:
        record_training(session, {"person_id": worker, "course_id": courses["GDPR"], "completed_on": date(2024, 9, 20)})
        record_training(session, {"person_id": worker, "course_id": courses["Safeguarding Adults"],
                                  "completed_on": date(2024, 1, 1)})  # runs out in 2027  # fmt: skip
        # Renewed: the older record must not show as expiring.
        record_training(session, {"person_id": worker, "course_id": courses["Mental Health Awareness"],
                                  "completed_on": date(2022, 9, 10)})  # fmt: skip
        record_training(session, {"person_id": worker, "course_id": courses["Mental Health Awareness"],
                                  "completed_on": date(2025, 8, 1)})  # fmt: skip
    with store.reader() as session:
        items = wellbeing_today(session, TODAY).training
    assert [(item.course_name, item.expires_on, item.status) for item in items] == [
        ("GDPR", date(2025, 9, 20), "expiring")
    ]


def test_representatives_at_a_past_meeting_with_no_debrief_check(store):
    people = [add_person(store, full_name=name) for name in ("Ann Bell", "Cai Rees", "Dee Moss")]
    past = add_meeting(store, None, date(2025, 8, 28), title="Board")
    today_meeting = add_meeting(store, None, TODAY, title="Today's board")
    for meeting in (past, today_meeting):
        add_invitations(store, meeting, people)
    with store.transaction() as session:
        record_attendances(session, past, {people[0]: "attended", people[1]: "attended", people[2]: "apologies"})
    add_check(store, people[0], context="debrief", meeting_id=past, at=datetime(2025, 8, 29, 10, tzinfo=UTC))
    with store.reader() as session:
        items = wellbeing_today(session, TODAY).missing_debriefs
    assert [(item.meeting_title, item.person_name) for item in items] == [("Board", "Cai Rees")]


def test_lists_summaries_and_today_never_carry_confidential_text(store):
    person = add_person(store, full_name="Pat Private", roles=["peer_support_worker"])
    coordinator = add_person(store, roles=["coordinator"])
    add_pair(store, coordinator, person)
    check = add_check(store, person, distress=True, concerns=MARKER, confidential_notes=MARKER,
                      swemwbs=[3] * 7, at=datetime(2025, 8, 22, 14, tzinfo=UTC))  # fmt: skip
    with store.transaction() as session:
        from partnerdesk.services.wellbeing.checks import record_follow_up_done

        record_follow_up_done(session, check, date(2025, 8, 26), MARKER, "GP")
    session_id = add_session(store, coordinator, [person], date(2025, 6, 2), notes=MARKER)
    with store.reader() as session:
        everything = [list_checks(session), wellbeing_history(session, person), list_sessions(session),
                      wellbeing_today(session, date(2025, 8, 27))]  # fmt: skip
        assert MARKER not in repr(everything)
        assert everything[0][0].has_notes and everything[2][0].has_notes  # there is something to open
        # The one deliberate way to read them.
        assert set(read_confidential_notes(session, "wellbeing_check", check).values()) == {MARKER}
        assert read_confidential_notes(session, "supervision_session", session_id) == {"notes": MARKER}
    assert set(CONFIDENTIAL_FIELDS["wellbeing_check"]).isdisjoint(asdict(everything[0][0]))


def test_the_confidentiality_gate_is_the_one_place_to_refuse(store, monkeypatch):
    from partnerdesk.services.wellbeing import confidential

    person = add_person(store)
    check = add_check(store, person, confidential_notes=MARKER)
    monkeypatch.setattr(confidential, "may_read_confidential", lambda *args: False)
    with store.reader() as session, pytest.raises(NotAllowed, match="confidential"):
        read_confidential_notes(session, "wellbeing_check", check, reader="someone else")
