"""Financial-year quarters (April to March), as commissioners ask for monitoring returns.

A quarter is named by the financial year it falls in and its place in that year: 2026-Q1 is April to June 2026,
2026-Q4 is January to March 2027 (financial years are named by the year they start, as in rules.expenses).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from partnerdesk.i18n import _, month_name
from partnerdesk.rules.expenses import financial_year_label, financial_year_of

_NAME = re.compile(r"(\d{4})\s*-?\s*Q([1-4])", re.ASCII | re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Quarter:
    """One quarter of a financial year: year is the year the financial year starts, number 1 to 4."""

    year: int
    number: int

    def __post_init__(self) -> None:
        if not 1 <= self.number <= 4:
            raise ValueError(_("A quarter is numbered 1 to 4"))

    @property
    def first_day(self) -> date:
        """The quarter's first day: Q1 starts on 1 April, Q4 on 1 January of the next calendar year."""
        month = 4 + 3 * (self.number - 1)
        return date(self.year + (month > 12), (month - 1) % 12 + 1, 1)

    @property
    def last_day(self) -> date:
        """The quarter's last day (the day before the next quarter starts)."""
        return self.next().first_day - timedelta(days=1)

    @property
    def name(self) -> str:
        """The short name typed on the command line: 2026-Q3."""
        return f"{self.year}-Q{self.number}"

    def label(self) -> str:
        """How a person reads it: "Q3 2026–27: October 2026 to December 2026"."""
        first, last = self.first_day, self.last_day
        return _("Q{number} {year}: {first} to {last}").format(
            number=self.number, year=financial_year_label(self.year),
            first=f"{month_name(first)} {first.year}", last=f"{month_name(last)} {last.year}",
        )  # fmt: skip

    def next(self) -> Quarter:
        """The quarter after this one."""
        return Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)

    def previous(self) -> Quarter:
        """The quarter before this one."""
        return Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)


def quarter_of(day: date) -> Quarter:
    """The financial-year quarter a day falls in."""
    return Quarter(financial_year_of(day), (day.month - 4) % 12 // 3 + 1)


def parse_quarter(text: str) -> Quarter:
    """A quarter typed as 2026-Q3 (or 2026Q3, 2026 q3); ValueError in plain words otherwise."""
    match = _NAME.fullmatch(text.strip())
    if match is None:
        raise ValueError(
            _("{text} is not a quarter. Please type it as year-Q and a number, for example 2026-Q3 for October to "
              "December 2026.").format(text=text.strip())
        )
    return Quarter(int(match.group(1)), int(match.group(2)))


def recent_quarters(today: date, how_many: int = 8) -> list[Quarter]:
    """The quarter today is in and the ones before it, newest first (what a quarter picker offers)."""
    found = [quarter_of(today)]
    while len(found) < how_many:
        found.append(found[-1].previous())
    return found
