"""Working days in England and Wales: Monday to Friday, less the bank holidays.

Bank holidays are worked out from the rules in law and custom rather than a downloaded list, so the app keeps
working offline and in any year. One-off holidays and moved days are NOT included: for example the extra days for
a jubilee, a coronation (8 May 2023) or a state funeral (19 September 2022), the early May bank holiday moved to
Friday 8 May in 2020 for VE Day, or the spring bank holiday moved to June in 2012 and 2022. They are announced a
year or so ahead, and a follow-up suggested for such a day is only a suggestion the worker can change.
Scotland and Northern Ireland have different bank holidays and are not covered.
"""

from __future__ import annotations

from datetime import date, timedelta

from partnerdesk.i18n import _

_MONDAY, _FRIDAY, _SATURDAY, _SUNDAY = 0, 4, 5, 6


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar, by the anonymous Gregorian algorithm (Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _first_monday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(_MONDAY - first.weekday()) % 7)


def _last_monday(year: int, month: int) -> date:
    # The last day of the month, then back to its Monday.
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - _MONDAY) % 7)


def _next_weekday(day: date) -> date:
    while day.weekday() >= _SATURDAY:
        day += timedelta(days=1)
    return day


def bank_holidays(year: int) -> dict[date, str]:
    """England and Wales bank holidays in a year, date → name as GOV.UK words it, in date order.

    When New Year's Day, Christmas Day or Boxing Day falls at a weekend, the holiday moves to the next weekday
    not already taken (so Christmas on a Saturday gives Monday 27 and Tuesday 28 December; on a Sunday, Boxing Day
    keeps Monday 26 and Christmas moves to Tuesday 27, named as GOV.UK names them). Only the regular
    holidays are included: see the module docstring for the one-offs that are not.
    """
    easter = easter_sunday(year)
    holidays: dict[date, str] = {}

    new_year = date(year, 1, 1)
    if new_year.weekday() >= _SATURDAY:
        holidays[_next_weekday(new_year)] = _("New Year's Day (substitute day)")
    else:
        holidays[new_year] = _("New Year's Day")

    holidays[easter - timedelta(days=2)] = _("Good Friday")
    holidays[easter + timedelta(days=1)] = _("Easter Monday")
    holidays[_first_monday(year, 5)] = _("Early May bank holiday")
    holidays[_last_monday(year, 5)] = _("Spring bank holiday")
    holidays[_last_monday(year, 8)] = _("Summer bank holiday")

    christmas, boxing_day = date(year, 12, 25), date(year, 12, 26)
    christmas_weekday = christmas.weekday()
    if christmas_weekday == _SATURDAY:
        holidays[christmas + timedelta(days=2)] = _("Christmas Day (substitute day)")
        holidays[boxing_day + timedelta(days=2)] = _("Boxing Day (substitute day)")
    elif christmas_weekday == _SUNDAY:
        # Boxing Day is a Monday and keeps its own day; Christmas moves past it to the Tuesday.
        holidays[boxing_day] = _("Boxing Day")
        holidays[christmas + timedelta(days=2)] = _("Christmas Day (substitute day)")
    else:
        holidays[christmas] = _("Christmas Day")
        if christmas_weekday == _FRIDAY:
            holidays[boxing_day + timedelta(days=2)] = _("Boxing Day (substitute day)")
        else:
            holidays[boxing_day] = _("Boxing Day")
    return dict(sorted(holidays.items()))


def is_working_day(day: date) -> bool:
    """True from Monday to Friday unless the day is an England and Wales bank holiday."""
    return day.weekday() <= _FRIDAY and day not in bank_holidays(day.year)


def next_working_day(after: date) -> date:
    """The first working day strictly after the given day (Friday → Monday; 24 December 2026 → 29 December)."""
    day = after + timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day
