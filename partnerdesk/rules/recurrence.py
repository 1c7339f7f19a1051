"""Repeating meetings: which dates a series falls on, and plain-English reasons a pattern can't be used.

Pure: dates in, dates out. Times of day and clock changes are handled by rules.meetings.uk_moment.

Patterns (codes as in records.vocab.RECURRENCE_RULES):
  weekly           every `interval` weeks (1 weekly, 2 fortnightly), on `weekday` (default: the first date's)
  monthly_weekday  every `interval` months (3 for quarterly) on the Nth `weekday` (1–4, or -1 for the last)
  monthly_day      every `interval` months on `day_of_month` (1–28)

A pattern that some months can't meet (a fifth Tuesday, the 31st) is refused rather than quietly skipping those
months: a committee's year with gaps nobody asked for is worse than a clear message. "Last Tuesday" covers the
usual wish behind "fifth Tuesday".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeGuard

from partnerdesk.i18n import N_, _, ngettext
from partnerdesk.rules.dates import format_uk

#: The most meetings one series may make: ten years of weekly meetings.
MAX_MEETINGS = 520
MAX_INTERVAL = 12
RULES = ("weekly", "monthly_weekday", "monthly_day")

_DAY_NAMES = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"), N_("Sunday"))
_WEEK_WORDS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last"}


@dataclass(frozen=True)
class Recurrence:
    """How a series repeats. Give count, until or both (the series stops at whichever comes first)."""

    rule: str
    starts_on: date
    interval: int = 1
    weekday: int | None = None  # 0 = Monday … 6 = Sunday
    week_of_month: int | None = None  # 1–4, or -1 for the last
    day_of_month: int | None = None  # 1–28
    count: int | None = None
    until: date | None = None


def _whole(value: object) -> TypeGuard[int]:
    # bool is an int in Python; True is not a number of meetings.
    return isinstance(value, int) and not isinstance(value, bool)


def _required(value: int | None) -> int:
    # Only a pattern that _static_problems passed gets here, and it refuses one without the fields its rule needs.
    if value is None:
        raise ValueError(
            _("This repeating pattern is missing a part it needs; check it with recurrence_problems first.")
        )
    return value


def _ordinal_day(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _check_pattern(r: Recurrence, problems: dict[str, str]) -> None:
    """Check the fields each pattern needs (adds to problems)."""
    if r.weekday is not None and (not _whole(r.weekday) or not 0 <= r.weekday <= 6):
        problems.setdefault("weekday", _("Please pick a day of the week."))
    if r.rule == "monthly_weekday":
        if r.weekday is None:
            problems.setdefault("weekday", _("Please pick the day of the week."))
        if r.week_of_month is None:
            problems.setdefault("week_of_month", _("Please pick which week of the month: first to fourth, or last."))
        elif _whole(r.week_of_month) and r.week_of_month >= 5:
            day = _DAY_NAMES[r.weekday] if _whole(r.weekday) and 0 <= r.weekday <= 6 else "weekday"
            problems.setdefault(
                "week_of_month",
                _(
                    "Not every month has a {week_of_month} {day}, so this series can't be made. Choose the "
                    "last {day} instead."
                ).format(
                    week_of_month=_WEEK_WORDS.get(r.week_of_month, 'fifth'),
                    day=day,
                ),
            )
        elif r.week_of_month not in (1, 2, 3, 4, -1) or not _whole(r.week_of_month):
            problems.setdefault("week_of_month", _("Please pick which week of the month: first to fourth, or last."))
    if r.rule == "monthly_day":
        if not _whole(r.day_of_month) or not 1 <= r.day_of_month <= 31:
            problems.setdefault("day_of_month", _("Please give the day of the month, from 1 to 28."))
        elif r.day_of_month > 28:
            problems.setdefault(
                "day_of_month",
                _(
                    "Not every month has a {ordinal_day}, so this series can't be made. Please choose a day "
                    "from 1 to 28."
                ).format(
                    ordinal_day=_ordinal_day(r.day_of_month),
                ),
            )


def _static_problems(r: Recurrence) -> dict[str, str]:
    problems: dict[str, str] = {}
    if r.rule not in RULES:
        problems["rule"] = _("Please pick how often the meetings repeat.")
    if not isinstance(r.starts_on, date):
        problems["starts_on"] = _("Please give the date of the first meeting.")
    if not _whole(r.interval) or not 1 <= r.interval <= MAX_INTERVAL:
        problems["interval"] = _("Please give how often as a whole number from 1 to {MAX_INTERVAL}.").format(
            MAX_INTERVAL=MAX_INTERVAL,
        )
    _check_pattern(r, problems)
    if r.count is None and r.until is None:
        problems["count"] = _("Please say how many meetings there are, or the date of the last one.")
    elif r.count is not None:
        if not _whole(r.count) or r.count < 1:
            problems["count"] = _("Please give how many meetings as a whole number, 1 or more.")
        elif r.count > MAX_MEETINGS:
            problems["count"] = _("That is more than {MAX_MEETINGS} meetings. Please make a shorter series.").format(
                MAX_MEETINGS=MAX_MEETINGS,
            )
    if r.until is not None:
        if not isinstance(r.until, date):
            problems["until"] = _("Please type the date of the last meeting as day/month/year.")
        elif isinstance(r.starts_on, date) and r.until < r.starts_on:
            problems["until"] = _("The series can't end before it starts.")
    return problems


def nth_weekday(year: int, month: int, weekday: int, week: int) -> date | None:
    """The first to fifth (week 1–5) or last (week -1) given weekday of a month; None if the month has no such day."""
    if week == -1:
        next_month = date(year + month // 12, month % 12 + 1, 1)
        last = next_month - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    found = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (week - 1))
    return found if found.month == month else None


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def _candidates(r: Recurrence) -> Iterator[date]:
    """Every date the pattern gives from the start onwards (endless: the caller stops)."""
    if r.rule == "weekly":
        offset = 0 if r.weekday is None else (r.weekday - r.starts_on.weekday()) % 7
        day = r.starts_on + timedelta(days=offset)
        while True:
            yield day
            day += timedelta(weeks=r.interval)
    step = 0
    while True:
        year, month = _add_months(r.starts_on.year, r.starts_on.month, step * r.interval)
        if r.rule == "monthly_weekday":
            found = nth_weekday(year, month, _required(r.weekday), _required(r.week_of_month))
        else:
            found = date(year, month, _required(r.day_of_month))
        # In the first month the pattern's day may fall before the start date: that month then has no meeting.
        if found is not None and found >= r.starts_on:
            yield found
        step += 1


def _generate(r: Recurrence) -> list[date]:
    dates: list[date] = []
    for day in _candidates(r):
        if (r.until is not None and day > r.until) or (r.count is not None and len(dates) >= r.count):
            break
        dates.append(day)
        if len(dates) > MAX_MEETINGS:
            break
    return dates


def recurrence_problems(r: Recurrence) -> dict[str, str]:
    """What is wrong with a pattern, field name → plain-English message; empty when it can be used."""
    problems = _static_problems(r)
    if problems:
        return problems
    dates = _generate(r)
    if not dates:
        return {"until": _("No meeting falls between the first date and this end date.")}
    if len(dates) > MAX_MEETINGS:
        return {
            "until": _("That would make more than {MAX_MEETINGS} meetings. Please choose an earlier end date.").format(
                MAX_MEETINGS=MAX_MEETINGS,
            )
        }
    return {}


def meeting_dates(r: Recurrence) -> list[date]:
    """The dates of the series' meetings, in order. Raises ValueError if recurrence_problems finds anything."""
    problems = recurrence_problems(r)
    if problems:
        raise ValueError(" ".join(problems.values()))
    return _generate(r)


def describe_recurrence(r: Recurrence) -> str:
    """The pattern in words, e.g. "Monthly on the second Tuesday, 12 meetings"."""
    if r.rule == "weekly":
        every = {1: "Weekly", 2: "Fortnightly"}.get(r.interval, _("Every {interval} weeks").format(interval=r.interval))
        day = _DAY_NAMES[r.weekday if r.weekday is not None else r.starts_on.weekday()]
        text = _("{every} on {day}s").format(every=every, day=day)
    else:
        every = {1: "Monthly", 3: "Quarterly"}.get(r.interval, _("Every {interval} months").format(interval=r.interval))
        if r.rule == "monthly_weekday":
            week = _WEEK_WORDS.get(r.week_of_month or 0, "?")  # 0 is no week: an unchecked pattern reads "?"
            text = _("{every} on the {week} {value}").format(
                every=every,
                week=week,
                value=_DAY_NAMES[_required(r.weekday)],
            )
        else:
            text = _("{every} on the {ordinal_day}").format(
                every=every,
                ordinal_day=_ordinal_day(_required(r.day_of_month)),
            )
    if r.count is not None:
        text += ngettext(", {n} meeting", ", {n} meetings", r.count).format(n=r.count)
    if r.until is not None:
        text += _(", until {until}").format(until=format_uk(r.until))
    return text
