"""UK dates as people type and read them, and what 'today' means in the UK."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from partnerdesk.rules.dates import format_moment_uk, format_uk, parse_uk, today_uk

NOT_A_DATE = "Please type the date as day/month/year, for example 23/11/2026."


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("23/11/2026", date(2026, 11, 23)),
        ("1/2/2026", date(2026, 2, 1)),  # day first, UK style
        ("01/02/2026", date(2026, 2, 1)),
        ("23-11-2026", date(2026, 11, 23)),
        ("23.11.2026", date(2026, 11, 23)),
        ("  23/11/2026  ", date(2026, 11, 23)),
        ("23/11/26", date(2026, 11, 23)),  # two-digit years are this century
        ("5/4/00", date(2000, 4, 5)),
        ("31/12/99", date(2099, 12, 31)),
        ("29/02/2024", date(2024, 2, 29)),  # leap year
        ("29/02/2000", date(2000, 2, 29)),  # divisible by 400: leap
        ("29/02/28", date(2028, 2, 29)),
    ],
)
def test_uk_dates_are_read_day_first(typed, expected):
    assert parse_uk(typed) == expected


@pytest.mark.parametrize("typed", ["29/02/2023", "29/02/2100", "29/02/25", "31/04/2026", "32/01/2026", "0/1/2026"])
def test_dates_that_do_not_exist_are_refused_by_name(typed):
    with pytest.raises(ValueError) as caught:
        parse_uk(typed)
    assert str(caught.value) == f"{typed} is not a real date."


def test_month_thirteen_is_not_a_real_date():
    with pytest.raises(ValueError, match=r"^1/13/2026 is not a real date\.$"):
        parse_uk("1/13/2026")


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "tomorrow",
        "23 November 2026",
        "23/11",
        "23/11/2026/1",
        "2026-11-23T10:00",
        "23//2026",
        "a/b/c",
        "1/1/5",  # one-digit year: not year 5
        "1/1/202",  # three-digit year
        "123/1/2026",
        "²/1/2026",  # superscript digits count as "digits" to Python's str.isdigit
        "١/٢/٢٠٢٦",  # Arabic-Indic digits
        "+1/1/2026",
        "1/-1/2026",
    ],
)
def test_garbage_is_refused_with_a_plain_message(typed):
    with pytest.raises(ValueError) as caught:
        parse_uk(typed)
    assert str(caught.value) == NOT_A_DATE


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (date(2026, 11, 23), "23/11/2026"),
        (date(2026, 1, 5), "05/01/2026"),
        (date(2024, 2, 29), "29/02/2024"),
        (date(999, 1, 1), "01/01/0999"),  # padded, so it cannot be read back as 2099
        (None, ""),
    ],
)
def test_dates_are_shown_the_uk_way(value, shown):
    assert format_uk(value) == shown


@pytest.mark.parametrize("value", [date(2024, 2, 29), date(2026, 12, 31), date(2000, 1, 1), date(999, 6, 15)])
def test_a_shown_date_reads_back_as_the_same_date(value):
    assert parse_uk(format_uk(value)) == value


# ---------------------------------------------------------------------------------------------------------- today


def test_late_evening_utc_in_british_summer_time_is_already_tomorrow():
    # 23:30 UTC on 15 July is 00:30 BST on 16 July.
    assert today_uk(datetime(2026, 7, 15, 23, 30, tzinfo=UTC)) == date(2026, 7, 16)


def test_late_evening_utc_in_winter_is_the_same_day():
    # In winter the UK is on GMT, so 23:30 UTC is 23:30 in London.
    assert today_uk(datetime(2026, 1, 15, 23, 30, tzinfo=UTC)) == date(2026, 1, 15)


def test_clocks_going_forward_and_back():
    # 2026: BST starts 29 March 01:00 UTC and ends 25 October 01:00 UTC.
    assert today_uk(datetime(2026, 3, 28, 23, 30, tzinfo=UTC)) == date(2026, 3, 28)  # still GMT
    assert today_uk(datetime(2026, 3, 29, 23, 30, tzinfo=UTC)) == date(2026, 3, 30)  # now BST
    assert today_uk(datetime(2026, 10, 24, 23, 30, tzinfo=UTC)) == date(2026, 10, 25)  # last BST evening
    assert today_uk(datetime(2026, 10, 25, 23, 30, tzinfo=UTC)) == date(2026, 10, 25)  # GMT again


def test_a_moment_given_in_another_time_zone_is_turned_into_uk_time():
    sydney_morning = datetime(2026, 7, 16, 8, 0, tzinfo=ZoneInfo("Australia/Sydney"))  # 22:00 UTC, 23:00 BST on 15th
    assert today_uk(sydney_morning) == date(2026, 7, 15)
    new_york_evening = datetime(2026, 7, 15, 20, 0, tzinfo=timezone(timedelta(hours=-4)))  # 01:00 BST on 16th
    assert today_uk(new_york_evening) == date(2026, 7, 16)


def test_a_moment_without_a_time_zone_is_refused_rather_than_guessed():
    with pytest.raises(ValueError):
        today_uk(datetime(2026, 7, 15, 23, 30))


def test_without_a_moment_today_is_now_in_london():
    before = datetime.now(UTC)
    result = today_uk()
    after = datetime.now(UTC)
    assert result in {
        before.astimezone(ZoneInfo("Europe/London")).date(),
        after.astimezone(ZoneInfo("Europe/London")).date(),
    }


def test_the_computers_own_time_zone_makes_no_difference():
    # Kiribati is UTC+14 and Niue UTC-11: on one of them the local date differs from London's at every moment.
    code = "from partnerdesk.rules.dates import today_uk; print(today_uk().isoformat())"
    london = {
        datetime.now(UTC).astimezone(ZoneInfo("Europe/London")).date().isoformat(),
        (datetime.now(UTC) + timedelta(minutes=1)).astimezone(ZoneInfo("Europe/London")).date().isoformat(),
    }
    for zone in ("Pacific/Kiritimati", "Pacific/Niue"):
        out = subprocess.run(
            [sys.executable, "-c", code], env={**os.environ, "TZ": zone}, capture_output=True, text=True, check=True
        )
        assert out.stdout.strip() in london


def test_stored_moments_are_shown_in_uk_local_time():
    assert format_moment_uk(datetime(2026, 7, 15, 13, 5, tzinfo=UTC)) == "15/07/2026 14:05"  # BST
    assert format_moment_uk(datetime(2026, 11, 23, 14, 5, tzinfo=UTC)) == "23/11/2026 14:05"  # GMT
    assert format_moment_uk(None) == ""
