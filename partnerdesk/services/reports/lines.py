"""The building blocks of a return: a Period, figures (Line) grouped in Sections, protected as they are made.

Each Line keeps its exact numbers beside what may be published (for checking the return, never written to an
anonymised file): counts about people go through the organisation's disclosure rule (rules.disclosure); counts of
meetings and sums of money identify nobody and are shown as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from partnerdesk.rules.disclosure import HIDDEN, NONE, Figure, Policy, count, share

#: A percentage as published: a fraction (0.8 for 80%), HIDDEN or NONE.
Percent = Decimal | str


@dataclass(frozen=True)
class Period:
    """What a return covers: London dates, both ends included; today bounds figures that are "as of now"."""

    date_from: date
    date_to: date
    today: date
    policy: Policy

    @property
    def as_of(self) -> date:
        """The day "as of" figures (training in date, meetings held) are taken on: the period's end, or today."""
        return min(self.date_to, self.today)


@dataclass(frozen=True)
class Line:
    """One figure of the Summary: what it measures, as published (count, out of, percentage, amount in pence) and
    what it means. exact holds the unprotected numbers (count, out of, pence) for checking; never publish it."""

    key: str
    measure: str
    count: Figure | None = None
    base: Figure | None = None
    percent: Percent | None = None
    pence: int | str | None = None
    definition: str = ""
    exact: tuple[int | None, ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class Section:
    """One area's figures, under a heading."""

    title: str
    lines: list[Line]


def fraction(percent: str) -> Percent:
    """share()'s "80%" as the fraction a spreadsheet formats as a percentage (0.8); HIDDEN and NONE unchanged."""
    if percent.endswith("%"):
        return Decimal(percent[:-1]) / 100
    return percent


def exact_fraction(part: int, whole: int) -> Percent:
    """part of whole as a fraction rounded to a whole percentage, or NONE when whole is nought."""
    if whole == 0:
        return NONE
    return (Decimal(part) * 100 / whole).quantize(Decimal(1), rounding=ROUND_HALF_UP) / 100


def people_count(key: str, measure: str, n: int, policy: Policy, definition: str) -> Line:
    """A count of people, protected by the disclosure rule."""
    return Line(key, measure, count=count(n, policy), definition=definition, exact=(n,))


def people_share(key: str, measure: str, part: int, whole: int, policy: Policy, definition: str) -> Line:
    """A part of a whole of people with its percentage, protected together (rules.disclosure.share)."""
    shown_part, shown_whole, percent = share(part, whole, policy)
    return Line(key, measure, shown_part, shown_whole, fraction(percent), definition=definition, exact=(part, whole))


def plain_count(key: str, measure: str, n: int, definition: str) -> Line:
    """A count of things that identify nobody (meetings), shown as it is."""
    return Line(key, measure, count=n, definition=definition, exact=(n,))


def plain_share(key: str, measure: str, part: int, whole: int, definition: str) -> Line:
    """A part of a whole of things that identify nobody (meetings), with its percentage."""
    return Line(key, measure, part, whole, exact_fraction(part, whole), definition=definition, exact=(part, whole))


def money(key: str, measure: str, pence: int, lines: Figure | None, definition: str, exact_lines: int) -> Line:
    """A sum of money with how many lines make it up; the sum is hidden with its count (one person's claim)."""
    hidden = lines == HIDDEN
    return Line(key, measure, count=lines, pence=HIDDEN if hidden else pence, definition=definition,
                exact=(exact_lines, None, pence))  # fmt: skip
