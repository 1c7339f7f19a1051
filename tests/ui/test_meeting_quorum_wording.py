"""Quorum belongs to a committee's own meetings: the meeting form says nothing about it for a pre-meeting or a
debrief (issue 13 point 5), where "no quorum has been agreed" would send a worker off to set one up."""

from datetime import date, timedelta

import pytest

from partnerdesk.services.meetings.checks import set_committee_quorum
from partnerdesk.ui.meetings.meeting_form import MeetingForm
from tests.builders import add_committee, add_invitations, add_meeting, add_membership, add_person

DAY = date(2031, 6, 17)


def _form(qtbot, writer, meeting_id=None):
    form = MeetingForm(writer, meeting_id)
    qtbot.addWidget(form)
    form.show()
    return form


def _said(form) -> str:
    return form.compliance_text() + "\n" + form.attendance_summary.text()


@pytest.mark.parametrize("kind", ["pre_meeting", "debrief"])
def test_a_pre_meeting_or_debrief_says_nothing_about_quorum(qtbot, writer, kind):
    committee = add_committee(writer.store)
    members = [add_person(writer.store) for _ in range(3)]
    for person in members:
        add_membership(writer.store, person, committee, date(2030, 1, 1))
    with writer.store.transaction() as session:
        set_committee_quorum(session, committee, number=2, on=DAY)
    board = add_meeting(writer.store, committee, DAY)
    day = DAY - timedelta(days=3) if kind == "pre_meeting" else DAY + timedelta(days=1)
    meeting = add_meeting(writer.store, committee, day, kind=kind, serves_meeting_id=board)
    add_invitations(writer.store, meeting, members)
    form = _form(qtbot, writer, meeting)
    assert "Notice:" in form.compliance_text()  # the rest is still checked
    assert "quorum" not in _said(form).lower() and "quorate" not in _said(form).lower()


def test_the_committees_own_meeting_still_says_whether_a_quorum_is_agreed(qtbot, writer):
    committee = add_committee(writer.store)
    form = _form(qtbot, writer, add_meeting(writer.store, committee, DAY))
    assert "Quorum: no quorum has been agreed for this committee." in form.compliance_text()


def test_a_new_meetings_note_follows_its_kind(qtbot, writer):
    form = _form(qtbot, writer)
    kind = form.fields.widgets["kind"]
    kind.setCurrentIndex(kind.findData("committee"))
    assert "quorum" in form.compliance_text()
    kind.setCurrentIndex(kind.findData("debrief"))
    assert "quorum" not in form.compliance_text().lower()
