"""A partner organisation's own notice and papers periods: the rule, saving them, and every place meetings are
judged by them (compliance, each person's papers, the Today page, the meetings export's figures); and each
committee's quorum as typed in the Settings window."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from partnerdesk.rules.meetings import Periods, QuorumRule, periods_for, quorum_as_text, read_quorum
from partnerdesk.services.common.errors import EditConflict, NotFound, ValidationError
from partnerdesk.services.common.org_periods import organisation_periods, set_organisation_periods
from partnerdesk.services.common.settings import default_periods, set_setting
from partnerdesk.services.meetings.attendance import invitations, record_papers_sent
from partnerdesk.services.meetings.checks import (
    committee_quorums,
    compliance_for_meetings,
    meeting_compliance,
    set_committee_quorum,
)
from partnerdesk.services.meetings.meetings import meeting_periods
from partnerdesk.services.meetings.today import today_meetings
from partnerdesk.services.people.organisations import list_committees
from tests.builders import add_committee, add_invitations, add_meeting, add_person

DAY = date(2031, 6, 17)
DEFAULT = Periods(14, 7)


@pytest.mark.parametrize(
    ("notice", "papers", "expected"),
    [
        (None, None, Periods(14, 7)),  # nothing of its own: the default
        (21, None, Periods(21, 7)),  # only notice set: papers stay the default
        (None, 10, Periods(14, 10)),
        (28, 14, Periods(28, 14)),
        (0, 0, Periods(0, 0)),  # 0 is a period (none needed), not "unset"
        (7, None, Periods(7, 7)),  # an organisation may ask for less than the default too
    ],
)
def test_an_organisations_own_period_wins_over_the_default_one_by_one(notice, papers, expected):
    assert periods_for(DEFAULT, notice, papers) == expected


def _organisation_of(store, committee_id: str) -> str:
    with store.reader() as session:
        return next(c.organisation_id for c in list_committees(session) if c.id == committee_id)


def _set(store, org_id, notice, papers, version=None):
    with store.transaction() as session:
        set_organisation_periods(session, org_id, notice, papers, version)


def test_periods_are_saved_blank_means_the_default_and_bad_ones_change_nothing(store):
    board = add_committee(store, organisation="City Health Board")
    org = _organisation_of(store, board)
    _set(store, org, "21", 10)
    with store.reader() as session:
        [row] = organisation_periods(session)
    assert (row.name, row.notice_days, row.papers_days, row.version) == ("City Health Board", 21, 10, 2)
    for notice, papers, problems in (("soon", 10, {"notice_days"}), (21, 91, {"papers_days"}),
                                     (-1, "x", {"notice_days", "papers_days"})):
        with pytest.raises(ValidationError) as caught, store.transaction() as session:
            set_organisation_periods(session, org, notice, papers)
        assert set(caught.value.messages) == problems
        assert "whole number of days" in next(iter(caught.value.messages.values()))
    with store.reader() as session:
        assert organisation_periods(session)[0].notice_days == 21
    _set(store, org, "", None)
    with store.reader() as session:
        row = organisation_periods(session)[0]
    assert (row.notice_days, row.papers_days) == (None, None)
    with pytest.raises(NotFound), store.transaction() as session:
        set_organisation_periods(session, "no-such-id", 1, 1)


def test_periods_saved_elsewhere_since_are_not_overwritten(store):
    org = _organisation_of(store, add_committee(store))
    with store.reader() as session:
        opened = organisation_periods(session)[0].version
    _set(store, org, 21, None, opened)  # someone else's save
    with pytest.raises(EditConflict) as caught, store.transaction() as session:
        set_organisation_periods(session, org, 28, None, opened)
    assert caught.value.theirs == {"notice_days": 21}
    _set(store, org, 21, None, opened)  # the same periods as theirs: nothing to choose between
    with store.reader() as session:
        assert organisation_periods(session)[0].notice_days == 21


def test_compliance_uses_the_committees_organisations_periods_else_the_default(store):
    board = add_committee(store, "Board", organisation="City Health Board")
    forum = add_committee(store, "Forum", organisation="Carers Trust")
    strict = add_meeting(store, board, DAY, notice_sent_on=DAY - timedelta(days=15))
    usual = add_meeting(store, forum, DAY, notice_sent_on=DAY - timedelta(days=15))
    local = add_meeting(store, None, DAY, notice_sent_on=DAY - timedelta(days=15))  # no committee: the default
    _set(store, _organisation_of(store, board), 21, 10)
    with store.reader() as session:
        found = compliance_for_meetings(session, [strict, usual, local])
        assert meeting_periods(session, strict) == Periods(21, 10)
        assert meeting_periods(session, local) == default_periods(session) == Periods(14, 7)
    assert found[strict].notice_late is True and found[strict].periods == Periods(21, 10)
    assert found[usual].notice_late is False and found[usual].periods == Periods(14, 7)
    assert found[local].notice_late is False
    with store.transaction() as session:
        set_setting(session, "notice_days", 16)  # the default changes; the board keeps its own
        assert meeting_compliance(session, usual).notice_late is True
        assert meeting_compliance(session, strict).periods == Periods(21, 10)


def test_each_persons_papers_are_late_by_the_organisations_papers_period(store):
    board = add_committee(store)
    person = add_person(store, full_name="Ann Email")
    meeting = add_meeting(store, board, DAY)
    add_invitations(store, meeting, [person])
    with store.transaction() as session:
        record_papers_sent(session, meeting, person, DAY - timedelta(days=8), "email")
    with store.reader() as session:
        assert invitations(session, meeting)[0].papers_late is False
        assert meeting_compliance(session, meeting).papers_late == 0
    _set(store, _organisation_of(store, board), None, 10)
    with store.reader() as session:
        assert invitations(session, meeting)[0].papers_late is True
        assert meeting_compliance(session, meeting).papers_late == 1


def test_today_asks_for_notice_by_the_organisations_period(store):
    from partnerdesk.rules.dates import today_uk

    today = today_uk()
    board = add_committee(store, "Board", organisation="City Health Board")
    forum = add_committee(store, "Forum", organisation="Carers Trust")
    board_meeting = add_meeting(store, board, today + timedelta(days=10), title="Board meeting")
    add_invitations(store, board_meeting, [add_person(store)])  # someone still to get papers
    add_meeting(store, forum, today + timedelta(days=10), title="Forum meeting")
    _set(store, _organisation_of(store, board), 28, 14)
    with store.reader() as session:
        shown = {m.title: {t.code: t.due_on for t in m.tasks} for m in today_meetings(session, today).upcoming}
    meeting_day = today + timedelta(days=10)
    assert shown["Board meeting"]["send_notice"] == meeting_day - timedelta(days=28)
    assert shown["Forum meeting"]["send_notice"] == meeting_day - timedelta(days=14)
    assert shown["Board meeting"]["send_papers"] == meeting_day - timedelta(days=14)


@pytest.mark.parametrize(
    ("typed", "rule"),
    [("", QuorumRule()), ("  ", QuorumRule()), ("4", QuorumRule(number=4)),
     ("1/3", QuorumRule(numerator=1, denominator=3)), (" 2 / 3 ", QuorumRule(numerator=2, denominator=3))],
)
def test_a_quorum_is_typed_as_a_number_or_a_share_and_read_back_the_same(typed, rule):
    assert read_quorum(typed) == (rule, None)
    assert read_quorum(quorum_as_text(rule)) == (rule, None)


@pytest.mark.parametrize("typed", ["a third", "1/", "/3", "4 members", "-2", "1.5"])
def test_a_quorum_typed_any_other_way_is_refused_in_words(typed):
    rule, message = read_quorum(typed)
    assert not rule.is_set and "such as 1/3" in message


def test_a_quorum_saved_elsewhere_since_is_not_overwritten(store):
    committee = add_committee(store)
    with store.reader() as session:
        [opened] = committee_quorums(session)
    assert (opened.name, opened.organisation, opened.rule.is_set) == ("Mental Health Committee", "City Health Board",
                                                                     False)  # fmt: skip
    with store.transaction() as session:
        set_committee_quorum(session, committee, numerator=1, denominator=3, version=opened.version)
    with pytest.raises(EditConflict) as caught, store.transaction() as session:
        set_committee_quorum(session, committee, numerator=1, denominator=2, version=opened.version)
    assert caught.value.theirs == {"quorum": "1/3"}
    with store.reader() as session:
        assert committee_quorums(session)[0].rule == QuorumRule(numerator=1, denominator=3)
