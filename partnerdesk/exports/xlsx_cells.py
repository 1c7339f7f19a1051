"""The XML of one spreadsheet cell of each kind, written as text: SheetWriter (exports/xlsx.py) joins a row's
cells and has lxml parse the row once, much quicker than openpyxl building every cell itself.

Each function checks what it is given (whole pence for money, a moment with its time zone, a real time of day),
so a wrong value is a programming slip found at once, not a wrong figure in a commissioner's spreadsheet.
"""

from __future__ import annotations

import math
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from openpyxl.utils.datetime import to_excel

from partnerdesk.exports.guard import safe_text
from partnerdesk.rules.dates import UK, format_uk

#: Excel cannot show dates before 1900 (nor, because of an old Lotus 1-2-3 quirk, January and February 1900 reliably).
EARLIEST_SPREADSHEET_DATE = date(1900, 3, 1)
#: Excel cannot hold more characters than this in one cell; openpyxl cuts text to it too.
EXCEL_LONGEST_TEXT = 32767


def uk_local(moment: datetime) -> datetime:
    """A stored UTC moment as the UK wall-clock time, without a time zone (spreadsheets cannot hold one)."""
    return moment.astimezone(UK).replace(tzinfo=None)


def _escape(text: str) -> str:
    # Carriage returns are written as a character reference, or reading the XML back would turn them into
    # line feeds.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def text_cell(ref: str, text: str, style: int = 0) -> str:
    """A cell of text (cut to what Excel holds), its spaces kept."""
    text = text[:EXCEL_LONGEST_TEXT]
    styled = f' s="{style}"' if style else ""
    # Spreadsheets drop spaces at the ends of text unless told to keep them.
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c r="{ref}"{styled} t="inlineStr"><is><t{space}>{_escape(text)}</t></is></c>'


def value_cell(ref: str, value: str, style: int) -> str:
    """A cell holding a value already written as the file holds it (a day number, a decimal), styled."""
    return f'<c r="{ref}" s="{style}"><v>{value}</v></c>'


def number_cell(ref: str, value: Any) -> str:
    """A cell holding a number (whole, Decimal or a finite float) or a true/false value."""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, Decimal):
        text = format(value, "f")
    elif isinstance(value, int):
        text = str(value)
    elif isinstance(value, float) and math.isfinite(value):
        text = repr(value)
    else:
        raise TypeError(f"A number column cannot hold {value!r}")
    return f'<c r="{ref}"><v>{text}</v></c>'


def figure_cell(ref: str, value: Any) -> str:
    """A figure: a number as a number, anything else (a hidden "*", "none") as text."""
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return number_cell(ref, value)
    return text_cell(ref, safe_text(str(value)))


def day_fraction(value: time) -> float:
    """A time of day as the spreadsheet holds it: the fraction of a day gone (12:00 is 0.5)."""
    if not isinstance(value, time):
        raise TypeError(f"A time column cannot hold {value!r}")
    return (value.hour * 3600 + value.minute * 60 + value.second) / 86400


def serial(value: date) -> str:
    """A date or naive datetime as the spreadsheet's day number (whole days since 1900, time as a fraction)."""
    serial = to_excel(value)
    return str(int(serial)) if float(serial).is_integer() else repr(serial)


def as_date(value: date) -> date:
    """The day a date column shows: a moment given to it becomes the UK day it fell on."""
    if isinstance(value, datetime):  # a moment given to a date column: the UK day it fell on
        return uk_local(value).date() if value.tzinfo else value.date()
    if not isinstance(value, date):
        raise TypeError(f"A date column cannot hold {value!r}")
    return value


def date_cell(ref: str, value: date, style: int) -> str:
    """A real date cell, or the date as text where spreadsheets cannot show it (before March 1900)."""
    value = as_date(value)
    if value < EARLIEST_SPREADSHEET_DATE:
        # Spreadsheets cannot show these as dates (Excel would fill the cell with ####), so show the date as text.
        return text_cell(ref, format_uk(value))
    return value_cell(ref, serial(value), style)


def as_uk_moment(value: datetime) -> datetime:
    """A stored moment (which must carry its time zone) as UK wall-clock time for a date-and-time column."""
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise ValueError(f"A moment for an export must carry its time zone (stored moments are UTC), not {value!r}")
    return uk_local(value)


def as_pence(value: int) -> int:
    """Money as whole pence, checked: never a float or a true/false value."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"Money must be given as whole pence, not {value!r}")
    return value
