"""Recording wellbeing checks, follow-ups after distress, the debrief batch and each person's history."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from partnerdesk.rules.wellbeing import SWEMWBS_COPYRIGHT
from partnerdesk.services.common.errors import ValidationError
from partnerdesk.services.common.settings import set_setting
from partnerdesk.services.meetings.attendance import record_attendances
from partnerdesk.services.wellbeing.checks import (
    change_check,
    check_data,
    create_check,
    record_follow_up_done,
    swemwbs_wording,
)
from partnerdesk.services.wellbeing.debrief import debrief_roster, record_debrief
from partnerdesk.services.wellbeing.history import wellbeing_history
from partnerdesk.services.wellbeing.listing import list_checks
from tests.builders import add_check, add_invitations, add_meeting, add_person, count_rows
from tests.builders import check_data as new_check

FRIDAY = datetime(2025, 8, 22, 14, 0, tzinfo=UTC)  # the Monday after is the summer bank holiday
ONS4 = {"life_satisfaction": 6, "worthwhile": 7, "happiness": 5, "anxiety": 3}


def refused(store, data) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught, store.transaction() as session:
        create_check(session, data)
    assert count_rows(store, "wellbeing_checks") == 0
    return caught.value.messages


def test_a_check_keeps_raw_answers_and_lists_show_the_score(store):
    person = add_person(store, full_name="Aled Jones")
    add_check(store, person, ons4=ONS4, swemwbs=[3, 3, 3, 3, 3, 3, 3], confidential_notes=None)
    with store.reader() as session:
        [item] = list_checks(session, person_id=person)
        assert (item.person_name, item.quick_score, item.swemwbs_metric) == ("Aled Jones", 4, Decimal("19.25"))
        assert check_data(session, item.check_id)["ons4"] == ONS4
        assert item.follow_up_status is None and not item.has_notes


def test_distress_creates_a_follow_up_due_the_next_working_day(store):
    person = add_person(store)
    check = add_check(store, person, at=FRIDAY, distress=True)
    with store.reader() as session:
        data = check_data(session, check)
    # Friday 22 August 2025: Monday 25th is a bank holiday, so Tuesday.
    assert data["follow_up_needed"] is True and data["follow_up_due_on"] == date(2025, 8, 26)


def test_the_worker_can_set_another_follow_up_date_and_the_setting_moves_the_default(store):
    person = add_person(store)
    chosen = add_check(store, person, at=FRIDAY, distress=True, follow_up_due_on=date(2025, 8, 22))
    with store.transaction() as session:
        set_setting(session, "follow_up_working_days", 2)
    later = add_check(store, person, at=FRIDAY, distress=True)
    with store.reader() as session:
        assert check_data(session, chosen)["follow_up_due_on"] == date(2025, 8, 22)
        assert check_data(session, later)["follow_up_due_on"] == date(2025, 8, 27)


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"swemwbs": [3, 3, 3, None, 3, 3, 3]}, "swemwbs", "Only 6 of the seven"),
        ({"swemwbs": [3, 3, 3, 6, 3, 3, 3]}, "swemwbs", "question 4: the answer must be a whole number from 1 to 5"),
        ({"swemwbs": [3, 3, 3, 0, 3, 3, 3]}, "swemwbs", "from 1 to 5"),
        ({"ons4": {**ONS4, "anxiety": 11}}, "ons4", "from 0 to 10"),
        ({"ons4": {**ONS4, "happiness": None}}, "ons4", "Happiness yesterday has no answer"),
        ({"quick_score": 6}, "quick_score", "from 1 to 5"),
        ({"follow_up_needed": True, "follow_up_due_on": date(2025, 8, 21)}, "follow_up_due_on", "before the check"),
        ({"context": "party"}, "context", "Please pick"),
        ({"checked_at": datetime.now(UTC) + timedelta(days=2)}, "checked_at", "hasn't come yet"),
        ({"person_id": None}, "person_id", "Please pick the person"),
    ],
)
def test_bad_input_is_refused_plainly_and_nothing_is_saved(store, overrides, field, words):
    person = add_person(store)
    messages = refused(store, {**new_check(person), **overrides})
    assert words in messages[field]


def test_the_follow_up_is_ticked_off_with_what_was_done(store):
    person = add_person(store)
    check = add_check(store, person, distress=True, concerns="Upset after the meeting")
    with store.transaction() as session:
        record_follow_up_done(session, check, date(2025, 8, 26), "Phoned; feeling better", "Samaritans")
    with store.reader() as session:
        [item] = list_checks(session, person_id=person)
        assert (item.follow_up_done_on, item.follow_up_status) == (date(2025, 8, 26), "done")
        assert item.has_notes


def test_changing_a_check_without_its_notes_keeps_them(store):
    from partnerdesk.services.wellbeing.confidential import read_confidential_notes

    person = add_person(store)
    check = add_check(store, person, confidential_notes="Private words")
    with store.transaction() as session:
        change_check(session, check, quick_score=2)
    with store.reader() as session:
        assert read_confidential_notes(session, "wellbeing_check", check)["confidential_notes"] == "Private words"
        assert check_data(session, check)["quick_score"] == 2


def test_history_flags_a_meaningful_swemwbs_change_and_carries_the_copyright_line(store):
    person = add_person(store)
    add_check(store, person, at=FRIDAY - timedelta(days=60), swemwbs=[2] * 7)  # raw 14 → 15.32
    add_check(store, person, at=FRIDAY - timedelta(days=30), quick_score=3)  # no scale: on the chart, no score
    add_check(store, person, at=FRIDAY, swemwbs=[3, 3, 3, 3, 3, 2, 2])  # raw 19 → 17.98
    with store.reader() as session:
        history = wellbeing_history(session, person)
    assert [point.swemwbs_metric for point in history.points] == [Decimal("15.32"), None, Decimal("17.98")]
    assert history.swemwbs_change == Decimal("2.66") and history.meaningful_change is None
    add_check(store, person, at=FRIDAY + timedelta(days=1), swemwbs=[3] * 7)  # 19.25: +3.93 since the first
    with store.reader() as session:
        history = wellbeing_history(session, person)
    assert history.meaningful_change == "better" and history.copyright == SWEMWBS_COPYRIGHT


def test_history_without_scores_has_no_change_and_no_copyright(store):
    person = add_person(store)
    add_check(store, person)
    with store.reader() as session:
        history = wellbeing_history(session, person)
    assert len(history.points) == 1 and history.swemwbs_change is None and history.copyright is None


def test_no_item_wording_ships_until_the_organisation_types_it(store):
    with store.reader() as session:
        assert swemwbs_wording(session) == ([], SWEMWBS_COPYRIGHT)
    with pytest.raises(ValidationError, match="all seven"), store.transaction() as session:
        set_setting(session, "swemwbs_items", ["Item one", "Item two"])
    with store.transaction() as session:
        set_setting(session, "swemwbs_items", [f"Our item {n}" for n in range(1, 8)])
    with store.reader() as session:
        assert swemwbs_wording(session)[0][6] == "Our item 7"


@pytest.fixture
def debriefed_meeting(store):
    people = [add_person(store, full_name=name) for name in ("Bethan Hughes", "Ann Bell", "Cai Rees", "Dee Moss")]
    meeting = add_meeting(store, None, date(2025, 8, 20), title="Board")
    add_invitations(store, meeting, people)
    with store.transaction() as session:
        record_attendances(session, meeting, {people[0]: "attended", people[1]: "attended", people[2]: "attended",
                                              people[3]: "apologies"})  # fmt: skip
    return meeting, people


def test_the_debrief_lists_who_attended_and_saves_one_check_each(store, debriefed_meeting):
    meeting, people = debriefed_meeting
    with store.reader() as session:
        roster = debrief_roster(session, meeting)
    assert [p.person_name for p in roster.people] == ["Ann Bell", "Bethan Hughes", "Cai Rees"]
    with store.transaction() as session:
        record_debrief(session, meeting, {people[0]: {"quick_score": 5}, people[1]: {"quick_score": 2,
                       "distress": True}, people[2]: {"quick_score": 4}}, checked_at=FRIDAY)  # fmt: skip
    with store.reader() as session:
        roster = debrief_roster(session, meeting)
        checks = list_checks(session)
    assert all(p.check_id for p in roster.people)
    assert {c.context for c in checks} == {"debrief"} and len(checks) == 3
    assert [c.follow_up_due_on for c in checks if c.distress] == [date(2025, 8, 26)]


def test_one_bad_row_in_the_debrief_saves_nothing(store, debriefed_meeting):
    meeting, people = debriefed_meeting
    with pytest.raises(ValidationError) as caught, store.transaction() as session:
        record_debrief(session, meeting, {people[0]: {"quick_score": 5}, people[1]: {"swemwbs": [1, 2, 3]}},
                       checked_at=FRIDAY)  # fmt: skip
    assert caught.value.messages[f"{people[1]}.swemwbs"].startswith("Ann Bell: Only 3 of the seven")
    assert count_rows(store, "wellbeing_checks") == 0


def test_someone_who_did_not_attend_cannot_be_debriefed(store, debriefed_meeting):
    meeting, people = debriefed_meeting
    with pytest.raises(ValidationError, match="not recorded as attending"), store.transaction() as session:
        record_debrief(session, meeting, {people[3]: {"quick_score": 3}}, checked_at=FRIDAY)


def test_a_debrief_meeting_lists_who_attended_the_meeting_it_follows(store, debriefed_meeting):
    from datetime import time

    meeting, _ = debriefed_meeting
    debrief = add_meeting(store, None, date(2025, 8, 21), kind="debrief", title="Debrief", serves_meeting_id=meeting,
                          start_time=time(11), end_time=time(12))  # fmt: skip
    with store.reader() as session:
        roster = debrief_roster(session, debrief)
    assert roster.meeting_id == meeting and len(roster.people) == 3
