"""Column widths that follow what a sheet holds, for every export.

A sheet is written as a stream (xlsx.SheetWriter), so its widths must be known before the first row. Each export
therefore hands over a sample of its rows (the first few hundred) and gets its columns back with widths that fit
them: wide enough for the longest value in the sample and for the longest word of the heading (headings wrap onto
more lines rather than widen the column), never wider than a cap, so one long note does not push every other
column off the screen.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from openpyxl import Workbook

from partnerdesk.exports.xlsx import WRAP_AFTER, Column, Kind, SheetWriter, pounds
from partnerdesk.i18n import _

#: No column is narrower or wider than these (in characters); a longer value wraps or runs on in the cell.
NARROWEST = 6
WIDEST = 60
#: A little room beside the text, and for the filter button on the heading.
PADDING = 2
#: How many rows are measured.
SAMPLE = 500


def shown_length(value: Any, kind: Kind = Kind.TEXT) -> int:
    """How many characters a value takes up once a spreadsheet shows it in a column of this kind."""
    if value is None or value == "":
        return 0
    if isinstance(value, bool):
        return 5
    if isinstance(value, datetime):
        return 16  # 23/11/2026 14:30
    if isinstance(value, date):
        return 10
    if isinstance(value, time):
        return 5
    if kind is Kind.MONEY_PENCE and isinstance(value, int):
        return len(f"£{pounds(value):,.2f}")
    if isinstance(value, Decimal | int | float):
        return len(format(value, ",") if isinstance(value, int) else str(value))
    longest = max((len(line) for line in str(value).splitlines()), default=0)
    # A note beside the figures (the copyright line) wraps in its cell rather than widening the column.
    return min(longest, WRAP_AFTER) if kind is Kind.FIGURE else longest


def heading_length(heading: str) -> int:
    """The width a wrapped heading needs: its longest word (a heading of short words wraps onto more lines)."""
    return max((len(word) for word in heading.split()), default=0)


def fit(columns: Sequence[Column], rows: Iterable[Sequence[Any]], widest: int = WIDEST) -> tuple[Column, ...]:
    """columns with widths that fit the sampled rows (at most SAMPLE of them) and their headings' longest words."""
    needed = [heading_length(_(column.heading)) for column in columns]
    for number, row in enumerate(rows):
        if number >= SAMPLE:
            break
        for index, (column, value) in enumerate(zip(columns, row, strict=True)):
            needed[index] = max(needed[index], shown_length(value, column.kind))
    return tuple(
        replace(column, width=min(widest, max(NARROWEST, length + PADDING)))
        for column, length in zip(columns, needed, strict=True)
    )


def fitted_sheet(
    workbook: Workbook, title: str, columns: Sequence[Column], sample: Iterable[Sequence[Any]]
) -> SheetWriter:
    """A SheetWriter whose column widths fit the sample rows (pass the first rows to be written, or all of them)."""
    return SheetWriter(workbook, title, fit(columns, sample))
