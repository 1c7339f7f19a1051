"""Column widths that follow what a sheet holds, for every export.

A sheet is written as a stream (xlsx.SheetWriter), so its widths must be known before the first row. Each export
therefore hands over a sample of its rows (the first few hundred) and gets its columns back with widths that fit
them: wide enough for the longest value in the sample and for the longest word of the heading (headings wrap onto
more lines rather than widen the column), never wider than a cap, so one long note does not push every other
column off the screen.

Every sheet also prints well: on A4, fitted to one page wide (as many pages long as it needs), landscape when its
columns are too wide for a portrait page, the heading row repeated on every page, and the sheet's title and
"Page 1 of 3" printed at the top and foot, so loose pages can be put back together.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from partnerdesk.exports.xlsx import WRAP_AFTER, Column, Kind, SheetWriter, pounds
from partnerdesk.i18n import _

#: No column is narrower or wider than these (in characters); a longer value wraps or runs on in the cell.
NARROWEST = 6
WIDEST = 60
#: A little room beside the text, and for the filter button on the heading.
PADDING = 2
#: How many rows are measured.
SAMPLE = 500
#: About how many characters of column width fit across a portrait A4 page inside the default margins (170 mm at
#: about 1.9 mm a character); a sheet wider than this is printed landscape (it is shrunk to one page wide either
#: way, so this only keeps its text larger).
PORTRAIT_WIDTH = 90


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
    if kind is Kind.PERCENT_FIGURE and isinstance(value, Decimal):
        return len(f"{value * 100:.0f}%")
    if kind in (Kind.MONEY_PENCE, Kind.MONEY_FIGURE) and isinstance(value, int):
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


def set_up_printing(sheet: Any, columns: Sequence[Column]) -> None:
    """Set a sheet to print on A4, one page wide, landscape when its columns are wide, with the heading row on every
    page and the sheet's title and page number at the top and foot of each page."""
    wide = sum(column.width for column in columns) > PORTRAIT_WIDTH
    setup = sheet.page_setup
    setup.orientation = "landscape" if wide else "portrait"
    setup.paperSize = Worksheet.PAPERSIZE_A4
    # One page wide and as many pages long as it takes (0: no limit), rather than a column or two on extra pages.
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # without this, spreadsheets ignore the fit-to numbers
    sheet.print_title_rows = "1:1"
    # &A is the sheet's name, &P and &N this page and the number of pages: printed fresh on every page.
    sheet.oddHeader.center.text = "&A"  # a field code, not words: the same in every language
    sheet.oddFooter.center.text = _("Page &P of &N")


def fitted_sheet(
    workbook: Workbook, title: str, columns: Sequence[Column], sample: Iterable[Sequence[Any]]
) -> SheetWriter:
    """A SheetWriter whose column widths fit the sample rows (pass the first rows to be written, or all of them),
    set up to print well (set_up_printing)."""
    return SheetWriter(workbook, title, fit(columns, sample), prepare=set_up_printing)
