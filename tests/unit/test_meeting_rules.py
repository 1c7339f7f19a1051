"""Pure meeting rules: London times across clock changes, recurrence, notice and papers compliance, quorum, tasks."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnerdesk.rules.meetings import (
    MeetingFacts,
    QuorumRule,
    Task,
    days_before,
    describe_quorum,
    format_met,
    gaps_after,
    is_late,
    is_quorate,
    quorum_needed,
    quorum_rule_problems,
    tasks_before,
    uk_date,
    uk_moment,
    uk_times,
)
from partnerdesk.rules.recurrence import (
    MAX_MEETINGS,
    Recurrence,
    describe_recurrence,
    meeting_dates,
    nth_weekday,
    recurrence_problems,
)

TUESDAY, THURSDAY = 1, 3

# ------------------------------------------------------------------------------------------------ London time


def test_ten_o_clock_in_london_is_nine_utc_in_summer_and_ten_in_winter():
    assert uk_moment(date(2026, 7, 14), time(10)) == datetime(2026, 7, 14, 9, 0, tzinfo=UTC)
    assert uk_moment(date(2026, 12, 8), time(10)) == datetime(2026, 12, 8, 10, 0, tzinfo=UTC)


def test_either_side_of_the_october_change():
    # The clocks go back at 02:00 BST on Sunday 25 October 2026.
    assert uk_moment(date(2026, 10, 24), time(10)).hour == 9
    assert uk_moment(date(2026, 10, 25), time(10)).hour == 10
    assert uk_moment(date(2026, 10, 25), time(0, 30)) == datetime(2026, 10, 24, 23, 30, tzinfo=UTC)


def test_a_time_the_clocks_skip_is_refused_plainly():
    with pytest.raises(ValueError) as caught:
        uk_moment(date(2026, 3, 29), time(1, 30))
    assert str(caught.value) == (
        "01:30 does not exist on 29/03/2026: the clocks go forward an hour that night. Please choose another time."
    )
    assert uk_moment(date(2026, 3, 29), time(2, 0)) == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)  # 02:00 BST


def test_the_repeated_hour_in_october_means_the_first_one_in_summer_time():
    assert uk_moment(date(2026, 10, 25), time(1, 30)) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def test_london_dates_and_times_of_stored_moments():
    late_summer_evening = datetime(2026, 7, 14, 23, 30, tzinfo=UTC)  # 00:30 on the 15th in London
    assert uk_date(late_summer_evening) == date(2026, 7, 15)
    start, end = uk_moment(date(2026, 11, 3), time(18, 15)), uk_moment(date(2026, 11, 3), time(20, 0))
    assert uk_times(start, end) == (date(2026, 11, 3), time(18, 15), time(20, 0))


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31)), st.sampled_from([8, 10, 13, 17, 21]))
def test_any_daytime_meeting_reads_back_as_typed(day, hour):
    start = uk_moment(day, time(hour, 30))
    assert uk_times(start, start + timedelta(hours=1)) == (day, time(hour, 30), time(hour + 1, 30))


# ------------------------------------------------------------------------------------------------- recurrence


def test_monthly_on_the_second_tuesday_for_a_year():
    r = Recurrence("monthly_weekday", date(2026, 1, 1), weekday=TUESDAY, week_of_month=2, count=12)
    dates = meeting_dates(r)
    assert dates[:3] == [date(2026, 1, 13), date(2026, 2, 10), date(2026, 3, 10)]
    assert dates[-1] == date(2026, 12, 8)
    assert len(dates) == 12 and all(d.weekday() == TUESDAY and 8 <= d.day <= 14 for d in dates)
    assert describe_recurrence(r) == "Monthly on the second Tuesday, 12 meetings"


def test_a_first_month_whose_day_has_passed_starts_the_next_month():
    r = Recurrence("monthly_weekday", date(2026, 1, 20), weekday=TUESDAY, week_of_month=2, count=2)
    assert meeting_dates(r) == [date(2026, 2, 10), date(2026, 3, 10)]


def test_the_last_thursday_of_each_month():
    r = Recurrence("monthly_weekday", date(2026, 1, 1), weekday=THURSDAY, week_of_month=-1, until=date(2026, 4, 30))
    assert meeting_dates(r) == [date(2026, 1, 29), date(2026, 2, 26), date(2026, 3, 26), date(2026, 4, 30)]


def test_quarterly_on_a_date_with_an_inclusive_end():
    r = Recurrence("monthly_day", date(2026, 1, 15), interval=3, day_of_month=15, until=date(2026, 10, 15))
    assert meeting_dates(r) == [date(2026, 1, 15), date(2026, 4, 15), date(2026, 7, 15), date(2026, 10, 15)]
    assert describe_recurrence(r) == "Quarterly on the 15th, until 15/10/2026"


def test_monthly_on_a_date_across_the_new_year():
    r = Recurrence("monthly_day", date(2026, 11, 20), day_of_month=3, count=3)
    assert meeting_dates(r) == [date(2026, 12, 3), date(2027, 1, 3), date(2027, 2, 3)]


def test_weekly_and_fortnightly():
    assert meeting_dates(Recurrence("weekly", date(2026, 6, 3), count=3)) == [
        date(2026, 6, 3),
        date(2026, 6, 10),
        date(2026, 6, 17),
    ]
    fortnightly = Recurrence("weekly", date(2026, 6, 3), interval=2, weekday=0, count=3)  # Mondays from the 8th
    assert meeting_dates(fortnightly) == [date(2026, 6, 8), date(2026, 6, 22), date(2026, 7, 6)]
    assert describe_recurrence(fortnightly) == "Fortnightly on Mondays, 3 meetings"


def test_count_and_end_date_together_stop_at_whichever_comes_first():
    r = Recurrence("weekly", date(2026, 6, 1), count=10, until=date(2026, 6, 15))
    assert len(meeting_dates(r)) == 3
    r = Recurrence("weekly", date(2026, 6, 1), count=2, until=date(2026, 12, 31))
    assert len(meeting_dates(r)) == 2


def test_nth_weekday():
    assert nth_weekday(2026, 3, TUESDAY, 5) == date(2026, 3, 31)
    assert nth_weekday(2026, 2, TUESDAY, 5) is None
    assert nth_weekday(2026, 12, TUESDAY, -1) == date(2026, 12, 29)
    assert nth_weekday(2028, 2, TUESDAY, -1) == date(2028, 2, 29)


GOOD = {"rule": "monthly_weekday", "starts_on": date(2026, 1, 1), "weekday": TUESDAY, "week_of_month": 2, "count": 12}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"week_of_month": 5}, "week_of_month", "Not every month has a fifth Tuesday, so this series can't be made. "
                                                "Choose the last Tuesday instead."),
        ({"week_of_month": 0}, "week_of_month", "Please pick which week of the month: first to fourth, or last."),
        ({"week_of_month": None}, "week_of_month", "Please pick which week of the month: first to fourth, or last."),
        ({"weekday": None}, "weekday", "Please pick the day of the week."),
        ({"weekday": 7}, "weekday", "Please pick a day of the week."),
        ({"rule": "monthly_day", "day_of_month": 31}, "day_of_month",
         "Not every month has a 31st, so this series can't be made. Please choose a day from 1 to 28."),
        ({"rule": "monthly_day", "day_of_month": 29}, "day_of_month",
         "Not every month has a 29th, so this series can't be made. Please choose a day from 1 to 28."),
        ({"rule": "monthly_day", "day_of_month": 0}, "day_of_month", "Please give the day of the month, from 1 to 28."),
        ({"count": 0}, "count", "Please give how many meetings as a whole number, 1 or more."),
        ({"count": -3}, "count", "Please give how many meetings as a whole number, 1 or more."),
        ({"count": True}, "count", "Please give how many meetings as a whole number, 1 or more."),
        ({"count": MAX_MEETINGS + 1}, "count", "That is more than 520 meetings. Please make a shorter series."),
        ({"count": None}, "count", "Please say how many meetings there are, or the date of the last one."),
        ({"count": None, "until": date(2025, 12, 31)}, "until", "The series can't end before it starts."),
        ({"count": None, "until": date(2026, 1, 5)}, "until",
         "No meeting falls between the first date and this end date."),
        ({"rule": "weekly", "count": None, "until": date(2040, 1, 1)}, "until",
         "That would make more than 520 meetings. Please choose an earlier end date."),
        ({"interval": 0}, "interval", "Please give how often as a whole number from 1 to 12."),
        ({"interval": 13}, "interval", "Please give how often as a whole number from 1 to 12."),
        ({"rule": "daily"}, "rule", "Please pick how often the meetings repeat."),
        ({"starts_on": None}, "starts_on", "Please give the date of the first meeting."),
    ],
)  # fmt: skip
def test_impossible_patterns_are_refused_by_field(changes, field, message):
    r = Recurrence(**{**GOOD, **changes})
    assert recurrence_problems(r)[field] == message
    with pytest.raises(ValueError):
        meeting_dates(r)


def test_a_good_pattern_has_no_problems():
    assert recurrence_problems(Recurrence(**GOOD)) == {}


@given(
    start=st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 12, 31)),
    weekday=st.integers(0, 6),
    week=st.sampled_from([1, 2, 3, 4, -1]),
    interval=st.integers(1, 12),
    count=st.integers(1, 40),
)
def test_every_monthly_weekday_date_fits_the_pattern(start, weekday, week, interval, count):
    dates = meeting_dates(Recurrence("monthly_weekday", start, interval, weekday, week, count=count))
    assert len(dates) == count
    assert dates[0] >= start and dates == sorted(set(dates))
    for d in dates:
        assert d.weekday() == weekday
        if week == -1:
            assert (d + timedelta(days=7)).month != d.month
        else:
            assert (d.day - 1) // 7 + 1 == week
    months = [d.year * 12 + d.month for d in dates]
    assert all((b - a) == interval for a, b in zip(months, months[1:], strict=False))


# ------------------------------------------------------------------------------------------- notice and papers


def test_days_of_notice_and_lateness():
    meeting = date(2026, 11, 23)
    assert days_before(meeting, date(2026, 11, 9)) == 14
    assert days_before(meeting, None) is None
    assert is_late(14, 14) is False
    assert is_late(13, 14) is True
    assert is_late(None, 14) is None
    assert is_late(7, 7) is False and is_late(6, 7) is True
    assert is_late(0, 0) is False
    assert days_before(meeting, date(2026, 11, 23)) == 0


@pytest.mark.parametrize(
    ("sent", "wanted", "met"),
    [
        ("email", "email", True),
        ("email", "large_print", False),
        ("easy_read", "easy_read", True),
        ("post", None, True),  # nobody asked for a particular format
        (None, "email", None),  # not sent yet
    ],
)
def test_papers_in_the_format_asked_for(sent, wanted, met):
    assert format_met(sent, wanted) is met


# ------------------------------------------------------------------------------------------------------ quorum


def test_quorum_as_a_number_or_a_rounded_up_fraction():
    assert quorum_needed(QuorumRule(number=4), 10) == 4
    assert quorum_needed(QuorumRule(numerator=1, denominator=3), 10) == 4
    assert quorum_needed(QuorumRule(numerator=1, denominator=2), 10) == 5
    assert quorum_needed(QuorumRule(numerator=1, denominator=2), 9) == 5
    assert quorum_needed(QuorumRule(numerator=1, denominator=3), 0) == 1
    assert quorum_needed(QuorumRule(), 10) is None
    assert is_quorate(QuorumRule(number=4), 10, 4) is True
    assert is_quorate(QuorumRule(number=4), 10, 3) is False
    assert is_quorate(QuorumRule(numerator=2, denominator=3), 6, 4) is True
    assert is_quorate(QuorumRule(), 6, 0) is None
    assert describe_quorum(QuorumRule(number=1)) == "1 member"
    assert describe_quorum(QuorumRule(numerator=1, denominator=3)) == "1/3 of the members"
    assert describe_quorum(QuorumRule()) == "No quorum agreed"
    assert QuorumRule(number=3).is_set and not QuorumRule().is_set and not QuorumRule(numerator=1).is_set


@pytest.mark.parametrize(
    ("rule", "members", "field", "message"),
    [
        (QuorumRule(number=7), 6, "quorum_number",
         "The committee has only 6 current members, so the quorum can't be 7."),
        (QuorumRule(number=2), 1, "quorum_number",
         "The committee has only 1 current member, so the quorum can't be 2."),
        (QuorumRule(number=0), 6, "quorum_number", "Please give the quorum as a whole number of members, 1 or more."),
        (QuorumRule(number=2, numerator=1, denominator=3), 6, "quorum_number",
         "Please give either a number of members or a fraction of them, not both."),
        (QuorumRule(numerator=1), 6, "quorum_denominator",
         "Please give the fraction as two whole numbers, for example 1 and 3."),
        (QuorumRule(numerator=1, denominator=0), 6, "quorum_denominator",
         "Please give the fraction as two whole numbers, for example 1 and 3."),
        (QuorumRule(numerator=4, denominator=3), 6, "quorum_numerator",
         "A quorum can't be more than all of the members."),
    ],
)  # fmt: skip
def test_bad_quorum_rules_are_refused(rule, members, field, message):
    assert quorum_rule_problems(rule, members) == {field: message}


def test_good_quorum_rules_pass():
    assert quorum_rule_problems(QuorumRule(number=6), 6) == {}
    assert quorum_rule_problems(QuorumRule(numerator=1, denominator=1), 0) == {}
    assert quorum_rule_problems(QuorumRule(), 0) == {}


# ------------------------------------------------------------------------------------------------ what is due

DAY = date(2026, 11, 23)


def codes(tasks: list[Task]) -> list[str]:
    return [task.code for task in tasks]


def test_a_committee_meeting_with_nothing_done_needs_everything():
    facts = MeetingFacts(kind="committee", day=DAY, invited=4, awaiting_papers=4, apologies=1)
    tasks = tasks_before(facts, notice_days=14, papers_days=7)
    assert codes(tasks) == ["send_notice", "send_papers", "arrange_pre_meeting", "find_backup", "send_reminders"]
    due = {task.code: task.due_on for task in tasks}
    assert due == {
        "send_notice": date(2026, 11, 9),
        "send_papers": date(2026, 11, 16),
        "arrange_pre_meeting": date(2026, 11, 22),
        "find_backup": DAY,
        "send_reminders": date(2026, 11, 21),
    }
    assert tasks[1].detail == "4 representatives still to get them"
    assert tasks[0].overdue(date(2026, 11, 10)) and not tasks[0].overdue(date(2026, 11, 9))


def test_a_meeting_with_everything_done_needs_nothing():
    facts = MeetingFacts(
        kind="committee", day=DAY, notice_sent_on=date(2026, 11, 1), reminders_sent_on=date(2026, 11, 20),
        invited=4, apologies=1, backups_standing_in=1, has_pre_meeting=True,
    )  # fmt: skip
    assert tasks_before(facts, 14, 7) == []


def test_pre_meetings_and_buddy_meetings_need_no_formal_notice_or_papers():
    for kind in ("pre_meeting", "debrief", "buddy"):
        assert codes(tasks_before(MeetingFacts(kind=kind, day=DAY, invited=2, awaiting_papers=2), 14, 7)) == [
            "send_reminders"
        ]
    assert codes(tasks_before(MeetingFacts(kind="local_group", day=DAY), 14, 7)) == ["send_notice"]


def test_what_a_past_meeting_still_misses():
    facts = MeetingFacts(kind="committee", day=DAY, invited=5, unrecorded=2)
    gaps = gaps_after(facts)
    assert codes(gaps) == ["record_attendance", "send_minutes", "arrange_debrief"]
    assert gaps[0].detail == "not recorded for 2 representatives"
    assert codes(gaps_after(MeetingFacts(kind="committee", day=DAY))) == [
        "record_attendance", "send_minutes", "arrange_debrief",
    ]  # fmt: skip
    done = MeetingFacts(kind="committee", day=DAY, invited=5, minutes_sent_on=DAY, has_debrief=True)
    assert gaps_after(done) == []
    assert gaps_after(MeetingFacts(kind="workshop", day=DAY)) == []
