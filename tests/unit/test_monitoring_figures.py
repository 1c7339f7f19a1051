"""The monitoring return's Summary: every figure against a count made here from the test's own data.

The data below is a quarter (2026-Q1, April to June 2026) of one committee's meetings, checks, supervision,
training and claims, with records just outside the quarter, cancelled, rejected or in the Bin that must not count.
The expected figures are worked out by hand from that data (the comments say how), not by calling the code under
test or the services it gathers from.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from partnerdesk.rules.disclosure import HIDDEN, Policy
from partnerdesk.services.common.settings import set_setting
from partnerdesk.services.expenses.status import reject_claim, submit_claim
from partnerdesk.services.meetings.attendance import record_attendances, record_papers_sent
from partnerdesk.services.meetings.checks import set_committee_quorum
from partnerdesk.services.meetings.meetings import cancel_meeting, change_meeting
from partnerdesk.services.people.people import delete_person
from partnerdesk.services.reports.monitoring import return_period, summary
from partnerdesk.services.wellbeing.training import list_courses, record_training, save_course
from tests.builders import (
    add_check,
    add_claim,
    add_committee,
    add_invitations,
    add_line,
    add_meeting,
    add_membership,
    add_pair,
    add_person,
    add_session,
    new_store,
)

START, END, TODAY = date(2026, 4, 1), date(2026, 6, 30), date(2026, 7, 15)


def _at(day: date, hour: int = 14) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


@pytest.fixture(scope="module")
def quarter(tmp_path_factory):
    store = new_store(tmp_path_factory.mktemp("return"))
    rep = {n: add_person(store, roles=["service_user_rep"]) for n in range(1, 8)}
    helper = {n: add_person(store, roles=["peer_supporter"]) for n in (1, 2)}
    worker = add_person(store, roles=["coordinator"])
    gone = add_person(store, roles=["peer_supporter"])
    gone_rep = add_person(store, roles=["service_user_rep"])
    committee = add_committee(store)
    for n in (1, 2, 3, 4):
        add_membership(store, rep[n], committee, date(2025, 1, 1))
    add_membership(store, rep[5], committee, date(2026, 5, 1))  # new in the quarter
    add_membership(store, rep[6], committee, date(2026, 8, 1))  # starts after it: neither active nor new
    add_membership(store, rep[7], committee, date(2024, 1, 1), date(2025, 12, 31))  # ended before it
    add_membership(store, gone_rep, committee, date(2026, 5, 1))  # new in the quarter, but put in the Bin below
    with store.transaction() as s:
        set_committee_quorum(s, committee, number=2, on=date(2026, 4, 1))
        set_setting(s, "training_roles", ["peer_supporter"])

    m1 = add_meeting(store, committee, date(2026, 4, 15), notice_sent_on=date(2026, 3, 20))  # 26 days: on time
    m2 = add_meeting(store, committee, date(2026, 5, 20), notice_sent_on=date(2026, 5, 15))  # 5 days: late
    m3 = add_meeting(store, committee, date(2026, 6, 10))  # no notice recorded, no attendance
    pre = add_meeting(store, None, date(2026, 4, 10), kind="pre_meeting", serves_meeting_id=m1)
    debrief = add_meeting(store, None, date(2026, 4, 16), kind="debrief", serves_meeting_id=m1)
    cancelled = add_meeting(store, committee, date(2026, 5, 5))
    later = add_meeting(store, committee, date(2026, 7, 10))
    earlier = add_meeting(store, committee, date(2026, 3, 30))
    add_invitations(store, m1, [rep[1], rep[2], rep[3], rep[4]])
    add_invitations(store, m2, [rep[1], rep[2], rep[5]])
    add_invitations(store, m3, [rep[1]])
    for meeting in (pre, debrief, cancelled, later, earlier):
        add_invitations(store, meeting, [rep[3]])
    with store.transaction() as s:
        for person, sent in ((rep[1], date(2026, 4, 1)), (rep[2], date(2026, 4, 1)), (rep[3], date(2026, 4, 12))):
            record_papers_sent(s, m1, person, sent, "email")
        for person in (rep[1], rep[2], rep[5]):
            record_papers_sent(s, m2, person, date(2026, 5, 1), "email")
        record_attendances(s, m1, {rep[1]: "attended", rep[2]: "attended", rep[3]: "apologies", rep[4]: "absent"},
                           today=TODAY)  # fmt: skip
        record_attendances(s, m2, {rep[5]: "attended", rep[1]: "sent_views", rep[2]: "absent"}, today=TODAY)
        for meeting in (pre, debrief, cancelled, earlier):
            record_attendances(s, meeting, {rep[3]: "attended"}, today=TODAY)
        cancel_meeting(s, cancelled, "Room flooded")
        change_meeting(s, later, notice_sent_on=date(2026, 6, 1))

    add_check(store, helper[1], at=_at(date(2026, 5, 10)), follow_up_needed=True,
              follow_up_done_on=date(2026, 5, 10))  # fmt: skip  # done the same day: on time
    add_check(store, helper[1], at=_at(date(2026, 6, 1)), follow_up_needed=True,
              follow_up_done_on=date(2026, 7, 10))  # fmt: skip  # done weeks later: late
    add_check(store, rep[4], at=_at(date(2026, 6, 20)))
    add_check(store, helper[2], at=_at(date(2026, 3, 20)))  # before the quarter
    add_check(store, gone, at=_at(date(2026, 5, 5)))
    with store.transaction() as s:
        delete_person(s, gone)  # in the Bin: counts nowhere
        delete_person(s, gone_rep)

    add_pair(store, worker, helper[1])
    add_session(store, worker, [helper[1]], date(2026, 3, 2), next_due_on=date(2026, 4, 2))
    add_session(store, worker, [helper[1]], date(2026, 4, 1), next_due_on=date(2026, 5, 1))  # on time
    add_session(store, worker, [helper[1]], date(2026, 5, 20), next_due_on=date(2026, 6, 20))  # late
    add_session(store, worker, [helper[1]], date(2026, 6, 10))  # on time

    with store.transaction() as s:
        course = save_course(s, None, "Safeguarding test course", 12)
        record_training(s, {"person_id": helper[1], "course_id": course.id, "completed_on": date(2026, 1, 10)})
        courses = len(list_courses(s))

    claim = add_claim(store, helper[2], date(2026, 5, 1))
    add_line(store, claim, "parking", date(2026, 5, 1), amount="4.50")
    add_line(store, claim, "parking", date(2026, 5, 1), amount="3.00")
    refused = add_claim(store, rep[3], date(2026, 5, 2))
    add_line(store, refused, "taxi", date(2026, 5, 2), amount="10.00")
    outside = add_claim(store, rep[4], date(2026, 7, 5))
    add_line(store, outside, "parking", date(2026, 7, 5), amount="2.00")
    with store.transaction() as s:
        submit_claim(s, refused, confirmed=True)
        reject_claim(s, refused, "Not an expense we cover")

    with store.reader() as s:
        period = return_period(s, START, END, TODAY, Policy())
        sections = summary(s, period)
    store.close()
    return {line.key: line for section in sections for line in section.lines}, courses


# People engaged: rep 1 and 2 (attended M1), rep 5 (attended M2), rep 3 (attended the pre-meeting and debrief),
# helper 1 (checks, supervision), rep 4 (a check), helper 2 (a live claim). Not: rep 3's rejected claim adds no one
# new, the person in the Bin, the earlier check, the cancelled and the out-of-quarter meetings.
EXPECTED = {
    "people_engaged": (7,),
    "active_representatives": (5,),  # reps 1-5; rep 6 starts after the quarter, rep 7 ended before it
    "new_representatives": (1,),  # rep 5
    "meetings_supported": (3,),  # M1, M2, M3 (not the pre-meeting, debrief, cancelled or outside ones)
    "notice_on_time": (1, 3),  # M1 only; M3 has none recorded
    "papers_on_time": (5, 8),  # invited 4 + 3 + 1; on time: M1 reps 1 and 2, M2 all three
    "quorate": (1, 2),  # M1: 2 of 4 members attended (quorum 2); M2: 1; M3 not recorded
    "attendance": (3, 7),  # M1 2 of 4 recorded, M2 1 of 3 (sent views is not attending)
    "pre_meetings": (1,),
    "debriefs": (1,),
    "wellbeing_checks": (3,),
    "follow_ups_on_time": (1, 2),
    "supervision_on_time": (2, 3),  # 1/4 by 2/4 yes, 20/5 by 1/5 no, 10/6 by 20/6 yes
}


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_each_summary_figure_matches_a_count_of_the_test_data(quarter, key):
    lines, _courses = quarter
    assert lines[key].exact == EXPECTED[key]


def test_training_counts_each_person_expected_for_each_course(quarter):
    lines, courses = quarter
    # Two peer supporters are expected to do every course; only helper 1 has done one, in date on 30/06/2026.
    assert lines["training"].exact == (1, 2 * courses)
    assert lines["training_1"].exact in ((0, 2), (1, 2))
    assert sum(line.exact[0] for key, line in lines.items() if key.startswith("training_")) == 1


def test_expenses_leave_out_rejected_claims_and_claims_outside_the_quarter(quarter):
    lines, _courses = quarter
    assert lines["expenses_parking"].exact == (2, None, 750)
    assert "expenses_taxi" not in lines
    assert lines["expenses_total"].exact == (2, None, 750)


def test_small_counts_about_people_are_hidden_but_meeting_counts_are_not(quarter):
    lines, _courses = quarter
    assert lines["people_engaged"].count == 7  # 5 or more: shown
    assert lines["new_representatives"].count == HIDDEN
    assert (lines["attendance"].count, lines["attendance"].percent) == (HIDDEN, HIDDEN)
    assert lines["expenses_parking"].pence == HIDDEN  # two lines: one person's claim
    assert (lines["quorate"].count, lines["quorate"].base) == (1, 2)  # meetings identify nobody


def test_an_area_added_to_the_sections_list_reaches_the_file_with_its_definition(tmp_path, monkeypatch):
    """What adding programmes will take: one provider in SECTIONS; the sheet and Definitions follow."""
    from openpyxl import load_workbook

    from partnerdesk.exports.monitoring import export_monitoring
    from partnerdesk.services.reports import sections
    from partnerdesk.services.reports.lines import Section, plain_count

    def programmes_section(session, period):
        return Section("Programmes", [plain_count("sessions_run", "Programme sessions run", 12, "Sessions held.")])

    monkeypatch.setattr(sections, "SECTIONS", (*sections.SECTIONS, programmes_section))
    store = new_store(tmp_path)
    try:
        with store.reader() as s:
            export_monitoring(s, tmp_path / "r.xlsx", return_period(s, START, END, TODAY, Policy()))
    finally:
        store.close()
    book = load_workbook(tmp_path / "r.xlsx")
    assert ("Programmes", "Programme sessions run", 12, None, None, None) in book["Summary"].iter_rows(values_only=True)
    assert ("Programme sessions run", "Sessions held.") in book["Definitions"].iter_rows(values_only=True)


def test_cancelling_the_export_leaves_no_file(tmp_path):
    from partnerdesk.exports.monitoring import export_monitoring
    from partnerdesk.exports.xlsx import ExportCancelled

    store = new_store(tmp_path)
    committee = add_committee(store)
    add_meeting(store, committee, date(2026, 5, 6))
    try:
        with store.reader() as s, pytest.raises(ExportCancelled):
            export_monitoring(s, tmp_path / "r.xlsx", return_period(s, START, END, TODAY, Policy()),
                              progress=lambda done, total: total == 0)  # fmt: skip  # stop at the first meetings
    finally:
        store.close()
    assert list(tmp_path.glob("*.xlsx")) == []
